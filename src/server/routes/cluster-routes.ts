import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { clusterParams, portfolioQuery, regionParams, yearQuery } from '../schemas.js';

/** Read endpoints of the cluster mapping: thin — validate, call the service the CLI also uses, return. */
export function clusterRoutes(app: FastifyInstance, service: ClusterService): void {
  const yearOrDefault = async (year: number | undefined): Promise<number> => year ?? (await service.meta()).defaultYear;

  app.get('/api/v1/meta', async () => service.meta());

  // GET /api/v1/regions (paged, filtered) lives in catalog-routes.ts

  app.get<{ Querystring: { year?: number } }>('/api/v1/clusters', { schema: { querystring: yearQuery } }, async (request) =>
    service.clusters(await yearOrDefault(request.query.year)),
  );

  app.get<{ Params: { cluster: string }; Querystring: { year?: number } }>(
    '/api/v1/clusters/:cluster/regions',
    { schema: { params: clusterParams, querystring: yearQuery } },
    async (request) => service.clusterRegions(request.params.cluster, await yearOrDefault(request.query.year)),
  );

  app.get<{ Params: { region: string }; Querystring: { year?: number; baseYear?: number } }>(
    '/api/v1/regions/:region/clusters',
    { schema: { params: regionParams, querystring: portfolioQuery } },
    async (request) => {
      const meta = await service.meta();
      const year = request.query.year ?? meta.defaultYear;
      const baseYear = request.query.baseYear ?? (meta.baseYear !== year ? meta.baseYear : undefined);
      return service.regionPortfolio(request.params.region, year, baseYear);
    },
  );
}
