import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { clusterHotSpots } from '../../service/hot-spots/index.js';
import { errorSchema } from '../response-schemas.js';
import { clusterParams, schemeProperty } from '../schemas.js';

type Schema = Record<string, unknown>;
const nullable = (type: string, description?: string): Schema => ({ type: [type, 'null'], ...(description === undefined ? {} : { description }) });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  properties,
  required: Object.keys(properties),
  additionalProperties: true,
});

/** GET /api/v1/clusters/{cluster}/hot-spots query. */
export const hotSpotsQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    permutations: { type: 'integer', minimum: 99, maximum: 99_999, description: 'conditional permutations (default 999)' },
    seed: { type: 'integer', minimum: 0, maximum: 2_147_483_647, description: 'seed of the permutations (default 12345)' },
    alpha: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'significance level (default 0.05)' },
    fdr: { type: 'boolean', description: 'judge significance by Benjamini–Hochberg q-values' },
    scheme: schemeProperty,
  },
  additionalProperties: false,
} as const;

/** Response of GET /api/v1/clusters/{cluster}/hot-spots (the JSON of `clusterlens hotspots --format json`). */
export const clusterHotSpotsResponse = object(
  {
    cluster: object({ code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string', enum: ['traded', 'local'] } }),
    year: { type: 'integer' },
    permutations: { type: 'integer' },
    seed: { type: 'integer' },
    alpha: { type: 'number' },
    significance: { type: 'string', enum: ['pseudo-p', 'fdr'] },
    regions: {
      type: 'array',
      items: object({
        region: { type: 'string' },
        name: { type: 'string' },
        lq: nullable('number'),
        localI: nullable('number', 'local Moran I_i'),
        quadrant: { type: ['string', 'null'], enum: ['HH', 'LH', 'LL', 'HL', null] },
        pValue: nullable('number', 'conditional permutation pseudo p-value'),
        qValue: nullable('number', 'Benjamini–Hochberg q-value'),
        significant: { type: 'boolean' },
        classification: { type: 'string', enum: ['hot-spot', 'cold-spot', 'high-outlier', 'low-outlier', 'not-significant'] },
        neighbours: { type: 'integer' },
      }),
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  "LISA hot and cold spots of a cluster's LQ across the US states (docs/methods/hot-spots.md)",
);

/** GET /api/v1/clusters/{cluster}/hot-spots. */
export function hotSpotsRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { cluster: string }; Querystring: { year?: number; permutations?: number; seed?: number; alpha?: number; fdr?: boolean; scheme?: string } }>(
    '/api/v1/clusters/:cluster/hot-spots',
    { schema: { params: clusterParams, querystring: hotSpotsQuery, response: { 200: clusterHotSpotsResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, ...rest } = request.query;
      return clusterHotSpots(service, request.params.cluster, { year: (await service.resolveYears(year)).year, ...rest });
    },
  );
}
