import type { FastifyInstance, FastifySchema } from 'fastify';
import { ACTOR_TYPES } from '../../io/actors/index.js';
import { NETWORK_GRAPH_DEFAULTS, NETWORK_GRAPH_LIMITS } from '../../service/actors/index.js';
import type { ActorService } from '../../service/actors/index.js';
import { errorSchema } from '../response-schemas.js';
import { filterOf, filterProperties } from './network-filter-query.js';
import type { FilterQuery } from './network-filter-query.js';

type GraphQuery = FilterQuery & {
  minDegree?: number; minWeight?: number; limit?: number; maxEdges?: number; focus?: string; depth?: number; seed?: number; iterations?: number;
};

const numbers = { type: 'array', items: { type: 'number' } } as const;
const strings = { type: 'array', items: { type: 'string' } } as const;

const graphSchema = {
  type: 'object',
  required: ['nodes', 'edges', 'totals', 'layout', 'communities'],
  additionalProperties: true,
  properties: {
    nodes: {
      type: 'object',
      description: 'columnar: node i is ids[i], names[i] … x[i], y[i]',
      required: ['ids', 'names', 'types', 'countries', 'degree', 'strength', 'community', 'x', 'y'],
      properties: {
        ids: strings, names: strings, types: { type: 'array', items: { type: 'string', enum: [...ACTOR_TYPES] } }, countries: { type: 'array', items: { type: ['string', 'null'] } },
        degree: { type: 'array', items: { type: 'integer' }, description: 'partners in the filtered network (links of at least minWeight)' },
        strength: { ...numbers, description: 'weighted degree: shared projects plus linkage weights' },
        community: { type: 'array', items: { type: 'integer' }, description: 'Louvain community of the drawn graph, 0 = largest' },
        x: numbers, y: numbers,
      },
    },
    edges: { type: 'object', description: 'link k joins nodes sources[k] and targets[k] (indices into nodes)', required: ['sources', 'targets', 'weights'], properties: { sources: { type: 'array', items: { type: 'integer' } }, targets: { type: 'array', items: { type: 'integer' } }, weights: numbers } },
    totals: {
      type: 'object',
      required: ['nodes', 'edges', 'nodesFiltered', 'edgesFiltered', 'nodesShown', 'edgesShown'],
      description: 'the network of the registry filter; after minWeight, minDegree and focus; drawn (after limit and maxEdges)',
      properties: { nodes: { type: 'integer' }, edges: { type: 'integer' }, nodesFiltered: { type: 'integer' }, edgesFiltered: { type: 'integer' }, nodesShown: { type: 'integer' }, edgesShown: { type: 'integer' } },
    },
    communities: { type: 'object', properties: { count: { type: 'integer' }, modularity: { type: 'number' } } },
    layout: {
      type: 'object',
      required: ['algorithm', 'seed', 'iterations', 'extent'],
      additionalProperties: true,
      properties: { algorithm: { type: 'string' }, reference: { type: 'string' }, seed: { type: 'integer' }, iterations: { type: 'integer' }, barnesHut: { type: 'boolean' }, settings: { type: 'object', additionalProperties: true }, extent: { type: 'number', description: 'coordinates lie in [-extent, extent]' } },
    },
    focus: { type: ['string', 'null'] },
    cached: { type: 'boolean', description: 'laid out earlier for the same request and registry state' },
    registryToken: { type: 'integer', description: 'the registry change token the drawing belongs to' },
    timings: { type: 'object', additionalProperties: true, description: 'milliseconds: read, build, select, communities, layout' },
  },
} as const;

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...filterProperties,
    minDegree: { type: 'integer', minimum: 0, maximum: 100_000, default: NETWORK_GRAPH_DEFAULTS.minDegree, description: 'organisations with at least this many partners' },
    minWeight: { type: 'number', exclusiveMinimum: 0, default: NETWORK_GRAPH_DEFAULTS.minWeight, description: 'links of at least this many shared projects' },
    limit: { type: 'integer', minimum: 1, maximum: NETWORK_GRAPH_LIMITS.limit, default: NETWORK_GRAPH_DEFAULTS.limit, description: 'at most this many organisations, the strongest first' },
    maxEdges: { type: 'integer', minimum: 0, maximum: NETWORK_GRAPH_LIMITS.maxEdges, default: NETWORK_GRAPH_DEFAULTS.maxEdges, description: 'at most this many links: each organisation keeps its strongest, then the strongest overall' },
    focus: { type: 'string', minLength: 1, description: 'only this organisation (id) and its neighbourhood' },
    depth: { type: 'integer', minimum: 1, maximum: NETWORK_GRAPH_LIMITS.depth, default: NETWORK_GRAPH_DEFAULTS.depth, description: 'steps from the focus' },
    seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1, default: NETWORK_GRAPH_DEFAULTS.seed, description: 'seed of the initial positions and communities' },
    iterations: { type: 'integer', minimum: 1, maximum: NETWORK_GRAPH_LIMITS.iterations, description: 'ForceAtlas2 iterations (default by size)' },
  },
} as const;

/**
 * GET /api/v1/network/graph: the actors network as a drawing — columnar nodes with ForceAtlas2 positions and
 * communities, links as index pairs — for a registry filter, with minDegree/minWeight, a node and link budget and
 * an optional focus neighbourhood. Laid out on the server, deterministic (seeded), cached until the registry changes.
 */
export function networkGraphRoutes(app: FastifyInstance, service: ActorService): void {
  app.get<{ Querystring: GraphQuery }>(
    '/api/v1/network/graph',
    {
      schema: {
        summary: 'The actors network as a drawing: columnar nodes with a seeded ForceAtlas2 layout, links as index pairs',
        querystring,
        response: { 200: graphSchema, 404: errorSchema, 422: errorSchema },
      } as FastifySchema,
    },
    async (request) => {
      const q = request.query;
      return service.graph(filterOf(q), { minDegree: q.minDegree, minWeight: q.minWeight, limit: q.limit, maxEdges: q.maxEdges, focus: q.focus, depth: q.depth, seed: q.seed, iterations: q.iterations });
    },
  );
}
