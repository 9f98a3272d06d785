import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { peerRegions } from '../../service/peers/index.js';
import { errorSchema } from '../response-schemas.js';
import { regionParams } from '../schemas.js';

type Schema = Record<string, unknown>;
const nullable = (type: string, description?: string): Schema => ({ type: [type, 'null'], ...(description === undefined ? {} : { description }) });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  properties,
  required: Object.keys(properties),
  additionalProperties: true,
});
const weight = (description: string): Schema => ({ type: 'number', minimum: 0, maximum: 1000, description });

/** GET /api/v1/regions/{region}/peers query. */
export const peersQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    count: { type: 'integer', minimum: 1, maximum: 100, description: 'peers returned (default 10)' },
    sizeFactor: { type: 'number', minimum: 1, maximum: 1000, description: 'size band: total employment within this factor (default 2)' },
    sizeBandOnly: { type: 'boolean', description: 'keep only peers within the size band' },
    weightProfile: weight('weight of the profile similarity (default 0.5)'),
    weightShared: weight('weight of the shared strong clusters / specialisations (default 0.3)'),
    weightSize: weight('weight of the size closeness (default 0.2)'),
    weightNeighbour: weight('weight of sharing a border (default 0)'),
  },
  additionalProperties: false,
} as const;

const weightsSchema = object({ profile: { type: 'number' }, shared: { type: 'number' }, size: { type: 'number' }, neighbour: { type: 'number' } });

/** Response of GET /api/v1/regions/{region}/peers (the JSON of `clusterlens peers --format json`). */
export const peerRegionsResponse = object(
  {
    region: { type: 'string' },
    regionName: { type: 'string' },
    regionType: { type: 'string' },
    year: { type: 'integer' },
    profile: { type: 'string' },
    sharedBasis: { type: 'string' },
    candidates: { type: 'integer' },
    totalEmployment: { type: 'number' },
    weights: weightsSchema,
    sizeFactor: { type: 'number' },
    peers: {
      type: 'array',
      items: object({
        rank: { type: 'integer' },
        region: { type: 'string' },
        name: { type: 'string' },
        score: { type: 'number' },
        profileSimilarity: nullable('number', 'cosine similarity of employment shares'),
        euclideanDistance: nullable('number'),
        krugmanDissimilarity: nullable('number', 'Σ|s_r − s_t|, 0–2'),
        sharedJaccard: nullable('number'),
        shared: { type: 'array', items: { type: 'string' } },
        totalEmployment: { type: 'number' },
        sizeRatio: nullable('number'),
        sizeCloseness: nullable('number'),
        withinSizeBand: { type: 'boolean' },
        neighbour: nullable('boolean', 'shares a border; null where no boundaries are shipped'),
      }),
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  'peer regions with each component of the score (docs/methods/peer-regions.md)',
);

/** GET /api/v1/regions/{region}/peers. */
export function peersRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{
    Params: { region: string };
    Querystring: { year?: number; count?: number; sizeFactor?: number; sizeBandOnly?: boolean; weightProfile?: number; weightShared?: number; weightSize?: number; weightNeighbour?: number };
  }>(
    '/api/v1/regions/:region/peers',
    { schema: { params: regionParams, querystring: peersQuery, response: { 200: peerRegionsResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const q = request.query;
      const weights = {
        ...(q.weightProfile === undefined ? {} : { profile: q.weightProfile }),
        ...(q.weightShared === undefined ? {} : { shared: q.weightShared }),
        ...(q.weightSize === undefined ? {} : { size: q.weightSize }),
        ...(q.weightNeighbour === undefined ? {} : { neighbour: q.weightNeighbour }),
      };
      return peerRegions(service, request.params.region, {
        ...(q.year === undefined ? {} : { year: q.year }),
        ...(q.count === undefined ? {} : { count: q.count }),
        ...(q.sizeFactor === undefined ? {} : { sizeFactor: q.sizeFactor }),
        ...(q.sizeBandOnly === undefined ? {} : { sizeBandOnly: q.sizeBandOnly }),
        weights,
      });
    },
  );
}
