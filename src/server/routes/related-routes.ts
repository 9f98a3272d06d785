import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { relatedClusters } from '../../service/related-clusters/index.js';
import type { RelatednessMeasure } from '../../service/related-clusters/index.js';
import { errorSchema } from '../response-schemas.js';
import { clusterParams } from '../schemas.js';

type Schema = Record<string, unknown>;
const nullable = (type: string, description?: string): Schema => ({ type: [type, 'null'], ...(description === undefined ? {} : { description }) });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  properties,
  required: Object.keys(properties),
  additionalProperties: true,
});

/** GET /api/v1/clusters/{cluster}/related query. */
export const relatedClustersQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    sort: { type: 'string', enum: ['cmp', 'input-output', 'colocation', 'proximity'], description: 'default cmp for traded clusters, else input-output' },
    count: { type: 'integer', minimum: 1, maximum: 100, description: 'clusters returned (default 10)' },
  },
  additionalProperties: false,
} as const;

const clusterInfo = object({ code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string', enum: ['traded', 'local'] } });

/** Response of GET /api/v1/clusters/{cluster}/related (the JSON of `clusterlens related --format json`). */
export const relatedClustersResponse = object(
  {
    cluster: clusterInfo,
    year: { type: 'integer' },
    sort: { type: 'string', enum: ['cmp', 'input-output', 'colocation', 'proximity'] },
    related: {
      type: 'array',
      items: object({
        code: { type: 'string' },
        name: { type: 'string' },
        type: { type: 'string', enum: ['traded', 'local'] },
        cmp: nullable('number', 'U.S. Cluster Mapping combined relatedness cr_all'),
        cmpPercentile: nullable('number'),
        cmpRelated: nullable('boolean', 'CMP related flag (90th percentile)'),
        cmpInputOutput: nullable('number'),
        cmpOccupation: nullable('number'),
        cmpColocation: nullable('number'),
        inputOutput: nullable('number', 'BEA 2012 IO-link: max of the four purchase/sale shares'),
        colocation: nullable('number', 'correlation of cluster LQs across the states'),
        proximity: nullable('number', 'co-occurrence proximity φ'),
      }),
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  'clusters related to a cluster, CMP and data-driven measures side by side (docs/methods/cluster-relatedness.md)',
);

/** GET /api/v1/clusters/{cluster}/related. */
export function relatedRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { cluster: string }; Querystring: { year?: number; sort?: RelatednessMeasure; count?: number } }>(
    '/api/v1/clusters/:cluster/related',
    { schema: { params: clusterParams, querystring: relatedClustersQuery, response: { 200: relatedClustersResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, ...rest } = request.query;
      return relatedClusters(service, request.params.cluster, { year: (await service.resolveYears(year)).year, ...rest });
    },
  );
}
