import type { FastifyInstance } from 'fastify';
import { DISCOVERY_SIMILARITIES } from '../../service/discovery/index.js';
import type { DiscoveryService, DiscoverySimilarity } from '../../service/discovery/index.js';
import { errorSchema } from '../response-schemas.js';

/** Query of GET /api/v1/discovery. */
export const discoveryQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100, description: 'year of the observations (default: the latest)' },
    dataset: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,100}$', description: 'restrict to one NAICS 2007 dataset' },
    similarity: { type: 'string', enum: [...DISCOVERY_SIMILARITIES], description: 'relatedness the clusters are built from (default colocation)' },
    k: { type: 'integer', minimum: 2, maximum: 1000, description: 'one cluster count (default: the best of minClusters…maxClusters)' },
    minClusters: { type: 'integer', minimum: 2, maximum: 1000, description: 'smallest cluster count tried (default 20)' },
    maxClusters: { type: 'integer', minimum: 2, maximum: 1000, description: 'largest cluster count tried (default 70)' },
    industries: { type: 'string', enum: ['traded', 'all'], description: "'traded' (default): the benchmark's traded industries" },
    linkage: { type: 'string', enum: ['average', 'ward'] },
    seed: { type: 'integer', minimum: 0, maximum: 2147483647, description: 'seed of the random baseline (default 1)' },
  },
  additionalProperties: false,
} as const;

const nullableNumber = { type: ['number', 'null'] } as const;
const scoreMap = { type: 'object', additionalProperties: nullableNumber } as const;
const definitionScores = {
  type: 'object',
  properties: { clusters: { type: 'integer' }, industries: { type: 'integer' }, vsCluster: scoreMap, vsIndustry: scoreMap, score: nullableNumber },
  required: ['clusters', 'industries', 'vsCluster', 'vsIndustry', 'score'],
  additionalProperties: true,
} as const;

/** Response of GET /api/v1/discovery (the JSON of `clusterlens discover --format json`). */
export const discoveryResponse = {
  type: 'object',
  description: 'discovered clusters with VS-Cluster and VS-Industry beside the benchmark and a random baseline (docs/methods/cluster-discovery.md)',
  properties: {
    year: { type: 'integer' },
    classification: { type: 'string' },
    datasets: { type: 'array', items: { type: 'string' } },
    regionType: { type: 'string' },
    regions: { type: 'integer' },
    similarity: { type: 'string', enum: [...DISCOVERY_SIMILARITIES] },
    linkage: { type: 'string', enum: ['average', 'ward'] },
    industrySet: { type: 'string', enum: ['traded', 'all'] },
    scoredWith: { type: 'array', items: { type: 'string' } },
    seed: { type: 'integer' },
    industries: {
      type: 'object',
      properties: {
        used: { type: 'integer' },
        dropped: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, reason: { type: 'string' } }, required: ['code', 'reason'] } },
      },
      required: ['used', 'dropped'],
    },
    candidates: {
      type: 'array',
      items: {
        type: 'object',
        properties: { k: { type: 'integer' }, score: nullableNumber, vsCluster: scoreMap, vsIndustry: scoreMap, converged: { type: 'boolean' } },
        required: ['k', 'score', 'vsCluster', 'vsIndustry', 'converged'],
      },
    },
    discovered: { ...definitionScores, properties: { ...definitionScores.properties, k: { type: 'integer' } }, required: [...definitionScores.required, 'k'] },
    benchmark: { anyOf: [{ type: 'null' }, { ...definitionScores, properties: { ...definitionScores.properties, scheme: { type: 'string' } } }] },
    randomBaseline: definitionScores,
    agreement: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: {
            adjustedRandIndex: { type: 'number' },
            randIndex: { type: 'number' },
            bestMatchShare: { type: 'number', description: 'share of industries in their discovered cluster’s best-matching benchmark cluster' },
            reverseBestMatchShare: { type: 'number' },
            industries: { type: 'integer' },
          },
          required: ['adjustedRandIndex', 'randIndex', 'bestMatchShare', 'reverseBestMatchShare', 'industries'],
        },
      ],
    },
    clusters: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          name: { type: 'string' },
          size: { type: 'integer' },
          employment: { type: 'number' },
          withinRelatedness: nullableNumber,
          betweenRelatedness: nullableNumber,
          bestBenchmarkMatch: {
            anyOf: [{ type: 'null' }, { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, share: { type: 'number' } }, required: ['code', 'name', 'share'] }],
          },
          industries: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, name: { type: 'string' }, employment: { type: 'number' }, benchmarkCluster: { type: ['string', 'null'] } },
              required: ['code', 'name', 'employment', 'benchmarkCluster'],
            },
          },
        },
        required: ['code', 'name', 'size', 'employment', 'withinRelatedness', 'betweenRelatedness', 'bestBenchmarkMatch', 'industries'],
      },
    },
    definition: {
      type: 'object',
      description: 'the discovered clusters as cluster-definition rows of a user scheme',
      properties: { scheme: { type: 'string' }, rows: { type: 'array', items: { type: 'object' } } },
      required: ['scheme', 'rows'],
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  required: [
    'year', 'classification', 'datasets', 'regionType', 'regions', 'similarity', 'linkage', 'industrySet', 'scoredWith', 'seed',
    'industries', 'candidates', 'discovered', 'benchmark', 'randomBaseline', 'agreement', 'clusters', 'definition', 'notes',
  ],
  additionalProperties: false,
} as const;

interface DiscoveryQuery {
  year?: number;
  dataset?: string;
  similarity?: DiscoverySimilarity;
  k?: number;
  minClusters?: number;
  maxClusters?: number;
  industries?: 'traded' | 'all';
  linkage?: 'average' | 'ward';
  seed?: number;
}

/** GET /api/v1/discovery: read-only, each parameter set computed once and cached by the DiscoveryService. */
export function discoveryRoutes(app: FastifyInstance, discovery: DiscoveryService): void {
  app.get<{ Querystring: DiscoveryQuery }>(
    '/api/v1/discovery',
    { schema: { querystring: discoveryQuery, response: { 200: discoveryResponse, 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const q = request.query;
      if (q.k !== undefined && (q.minClusters !== undefined || q.maxClusters !== undefined)) {
        return reply.status(422).send({ error: { code: 'INVALID_ARGUMENT', message: 'give k or minClusters/maxClusters, not both', details: { k: q.k } } });
      }
      const min = q.minClusters ?? 20;
      const max = q.maxClusters ?? 70;
      if (q.k === undefined && max < min) {
        return reply.status(422).send({ error: { code: 'INVALID_ARGUMENT', message: `maxClusters (${max}) is below minClusters (${min})`, details: { minClusters: min, maxClusters: max } } });
      }
      const clusterCounts = q.k !== undefined ? [q.k] : q.minClusters !== undefined || q.maxClusters !== undefined ? Array.from({ length: max - min + 1 }, (_, i) => min + i) : undefined;
      return discovery.discover({
        ...(q.year === undefined ? {} : { year: q.year }),
        ...(q.dataset === undefined ? {} : { datasetId: q.dataset }),
        ...(q.similarity === undefined ? {} : { similarity: q.similarity }),
        ...(clusterCounts === undefined ? {} : { clusterCounts }),
        ...(q.industries === undefined ? {} : { industries: q.industries }),
        ...(q.linkage === undefined ? {} : { linkage: q.linkage }),
        ...(q.seed === undefined ? {} : { seed: q.seed }),
      });
    },
  );
}
