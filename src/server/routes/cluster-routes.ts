import type { FastifyInstance } from 'fastify';
import type { ClusterMapRegionType, ClusterService } from '../../service/cluster-service.js';
import { clusterRegionsResponse, clustersResponse, errorSchema, metaResponse, regionPortfolioResponse } from '../response-schemas.js';
import { clusterParams, clusterRegionsQuery, clustersQuery, portfolioQuery, regionParams } from '../schemas.js';

/** Read endpoints of the cluster mapping: thin — validate, call the service the CLI also uses, return. */
export function clusterRoutes(app: FastifyInstance, service: ClusterService): void {
  const mapJson = new Map<string, string>();
  let mapGeneration = -1;
  const yearOrDefault = async (year: number | undefined): Promise<number> => (await service.resolveYears(year)).year;

  app.get('/api/v1/meta', { schema: { response: { 200: metaResponse } } }, async () => service.meta());

  // GET /api/v1/regions (paged, filtered) lives in catalog-routes.ts

  app.get<{ Querystring: { year?: number; scheme?: string } }>('/api/v1/clusters', { schema: { querystring: clustersQuery, response: { 200: clustersResponse, 404: errorSchema, 422: errorSchema } } }, async (request) =>
    service.clusters(await yearOrDefault(request.query.year), { scheme: request.query.scheme }),
  );

  app.get<{ Params: { cluster: string }; Querystring: { year?: number; regionType?: ClusterMapRegionType; scheme?: string } }>(
    '/api/v1/clusters/:cluster/regions',
    { schema: { params: clusterParams, querystring: clusterRegionsQuery, response: { 200: clusterRegionsResponse, 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const regionType = request.query.regionType ?? 'state';
      const year = await service.resolveClusterMapYear(regionType, request.query.year);
      // the map of all counties is ~3,000 rows: its JSON is kept per cluster, year and type until an import
      // invalidates the service (then the generation changes and the entries are dropped)
      const generation = service.generation;
      if (generation !== mapGeneration) {
        mapJson.clear();
        mapGeneration = generation;
      }
      const key = `${request.params.cluster}\u0000${year}\u0000${regionType}\u0000${request.query.scheme ?? ''}`;
      let json = mapJson.get(key);
      if (json === undefined) {
        json = JSON.stringify(await service.clusterRegions(request.params.cluster, year, regionType, { scheme: request.query.scheme }));
        if (mapJson.size >= 512) mapJson.clear();
        mapJson.set(key, json);
      }
      return reply.type('application/json; charset=utf-8').send(json);
    },
  );

  app.get<{ Params: { region: string }; Querystring: { year?: number; baseYear?: number; scheme?: string } }>(
    '/api/v1/regions/:region/clusters',
    { schema: { params: regionParams, querystring: portfolioQuery, response: { 200: regionPortfolioResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, baseYear } = await service.resolvePortfolioYears(request.params.region, request.query.year, request.query.baseYear);
      return service.regionPortfolio(request.params.region, year, baseYear, { families: true, scheme: request.query.scheme });
    },
  );
}
