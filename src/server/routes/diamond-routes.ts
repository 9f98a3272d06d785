import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { regionDiamond } from '../../service/diamond/region-diamond.js';
import { parseExpertRatings } from '../../service/diamond/parse-expert-ratings.js';
import { errorSchema } from '../response-schemas.js';
import { regionParams } from '../schemas.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const corners = ['factor-conditions', 'demand-conditions', 'related-and-supporting-industries', 'firm-strategy-structure-and-rivalry', 'chance', 'government'];

const diamondQuery = {
  type: 'object',
  properties: {
    cluster: { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9 ,()._/-]+$', description: 'a benchmark cluster (code or name): the region × cluster diamond; absent: the region\'s diamond' },
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    baseYear: { type: 'integer', minimum: 1900, maximum: 2100, description: 'base year of the growth indicators (default: the earliest year of the data)' },
    peers: { type: 'string', minLength: 1, maxLength: 700, pattern: '^[A-Za-z0-9 ._-]+(,[A-Za-z0-9 ._-]+)*$', description: 'peer states, comma-separated (default: every other state)' },
    ratings: {
      type: 'string',
      maxLength: 400,
      pattern: '^[a-z-]+:[1-5](\\.[0-9]+)?(,[a-z-]+:[1-5](\\.[0-9]+)?)*$',
      description: 'expert ratings of corners, 1–5 (3 = on a par with the peers), e.g. factor-conditions:4,demand-conditions:2',
    },
    expertWeight: { type: 'number', minimum: 0, maximum: 1, description: 'weight of the expert ratings in a corner score (default 0.5 with ratings)' },
  },
  additionalProperties: false,
} as const;

const indicatorSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    direction: { type: 'string', enum: ['positive', 'negative'] },
    value: nullableNumber,
    peerCount: { type: 'integer' },
    peerMean: nullableNumber,
    peerSd: nullableNumber,
    peerMin: nullableNumber,
    peerMax: nullableNumber,
    score: { ...nullableNumber, description: 'z = ±(value − peer mean)/peer sd over the region and its peers' },
    source: { type: 'string' },
    method: { type: 'string' },
  },
  required: ['id', 'name', 'direction', 'value', 'peerCount', 'peerMean', 'peerSd', 'peerMin', 'peerMax', 'score', 'source', 'method'],
  additionalProperties: false,
} as const;

/** Response of GET /api/v1/regions/{region}/diamond (the JSON of `clusterlens diamond --format json`). */
export const diamondResponse = {
  type: 'object',
  description: "Porter's diamond of a state (or of a state × benchmark cluster): each corner's z-score against the peers, with every indicator's value, peer statistics, source and method",
  properties: {
    region: { type: 'string' },
    regionName: { type: 'string' },
    cluster: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } }, required: ['code', 'name', 'type'] },
    year: { type: 'integer' },
    baseYear: { type: ['integer', 'null'] },
    peers: { type: 'array', items: { type: 'string' } },
    normalisation: { type: 'string', enum: ['z-score'] },
    expertWeight: { type: 'number', description: 'weight of the expert ratings in the corner scores (0 without ratings)' },
    corners: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          corner: { type: 'string', enum: corners },
          score: nullableNumber,
          basis: { type: 'string' },
          indicatorScore: nullableNumber,
          expertRating: nullableNumber,
          expertScore: nullableNumber,
          indicators: { type: 'array', items: indicatorSchema },
        },
        required: ['corner', 'score', 'basis', 'indicatorScore', 'expertRating', 'expertScore', 'indicators'],
        additionalProperties: false,
      },
    },
    missingCorners: { type: 'array', items: { type: 'object', properties: { corner: { type: 'string', enum: corners }, reason: { type: 'string' } }, required: ['corner', 'reason'], additionalProperties: false } },
    diagnostics: { type: 'array', items: { type: 'string' } },
    method: { type: 'string' },
  },
  required: ['region', 'regionName', 'cluster', 'year', 'baseYear', 'peers', 'normalisation', 'expertWeight', 'corners', 'missingCorners', 'diagnostics', 'method'],
  additionalProperties: false,
} as const;

/** GET /api/v1/regions/{region}/diamond?cluster=&year=&baseYear=&peers=&ratings=&expertWeight=: the same diamond as `clusterlens diamond`. */
export function diamondRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { region: string }; Querystring: { cluster?: string; year?: number; baseYear?: number; peers?: string; ratings?: string; expertWeight?: number } }>(
    '/api/v1/regions/:region/diamond',
    { schema: { params: regionParams, querystring: diamondQuery, response: { 200: diamondResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const q = request.query;
      return regionDiamond(service, request.params.region, {
        ...(q.year === undefined ? {} : { year: q.year }),
        ...(q.baseYear === undefined ? {} : { baseYear: q.baseYear }),
        ...(q.cluster === undefined ? {} : { cluster: q.cluster }),
        ...(q.peers === undefined ? {} : { peers: q.peers.split(',') }),
        ...(q.ratings === undefined ? {} : { expertRatings: parseExpertRatings(q.ratings) }),
        ...(q.expertWeight === undefined ? {} : { expertWeight: q.expertWeight }),
      });
    },
  );
}
