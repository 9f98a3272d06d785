import type { FastifyInstance } from 'fastify';
import { compositeFromBody } from '../../service/composite/composite-report.js';
import type { CompositeBody } from '../../service/composite/composite-report.js';
import { errorSchema } from '../response-schemas.js';

/** Largest body POST /api/v1/composite accepts: 1 MiB (some 30,000 long rows). */
export const COMPOSITE_BODY_LIMIT = 1024 * 1024;

const id = { type: 'string', minLength: 1, maxLength: 200 } as const;
const nullableNumber = { type: ['number', 'null'] } as const;

/** The worked example of docs/methods/composite-index.md (test/golden/composite/hand-5x3-defaults). */
const example = {
  csv: 'region,patents,unemployment,tertiary\nA,0,10,20\nB,1,8,30\nC,4,6,40\nD,9,,50\nE,64,2,60\n',
  weights: { patents: 2 },
  directions: { unemployment: 'negative' },
  sensitivity: { draws: 200, seed: 1 },
};

export const compositeBodySchema = {
  type: 'object',
  description: 'the indicators as exactly one of rows (long) or csv (the text of a long region,indicator,value or wide region,<indicator>,… file), and the options of `clusterlens composite`',
  properties: {
    rows: {
      type: 'array',
      maxItems: 100_000,
      items: { type: 'object', properties: { region: id, indicator: id, value: nullableNumber }, required: ['region', 'indicator', 'value'], additionalProperties: false },
      description: 'long rows; value null = missing (never imputed)',
    },
    csv: { type: 'string', minLength: 1, description: 'CSV text, long or wide; an empty cell is missing; errors name line and column' },
    weights: { type: 'object', additionalProperties: { type: 'number', minimum: 0 }, description: 'weight per indicator (default 1)' },
    directions: { type: 'object', additionalProperties: { type: 'string', enum: ['positive', 'negative'] }, description: 'direction per indicator (default positive: more is better)' },
    reference: { ...id, description: 'a region of the input whose composite is 100, or mean (default)' },
    outliers: { type: 'string', enum: ['winsorise-sd', 'winsorise-quantile', 'none'] },
    outlierSd: { type: 'number', exclusiveMinimum: 0 },
    outlierQuantiles: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 }, minItems: 2, maxItems: 2 },
    transformation: { type: 'string', enum: ['square-root', 'log', 'none'] },
    skewnessThreshold: { type: 'number' },
    minimumCoverage: { type: 'number', minimum: 0, maximum: 1 },
    sensitivity: {
      type: 'object',
      description: 'weight-sensitivity report: seeded random weight draws',
      properties: { draws: { type: 'integer', minimum: 1, maximum: 10_000 }, seed: { type: 'integer', minimum: 0 }, mode: { type: 'string', enum: ['scale', 'simplex'] }, perturbation: { type: 'number', minimum: 0, maximum: 1 } },
      required: ['draws', 'seed'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  examples: [example],
} as const;

const indicatorSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    direction: { type: 'string', enum: ['positive', 'negative'] },
    weight: { type: 'number', description: 'normalised over the indicators used (0 for a constant or empty one)' },
    count: { type: 'integer' },
    lower: nullableNumber,
    upper: nullableNumber,
    winsorised: { type: 'integer' },
    skewness: nullableNumber,
    transformation: { type: 'string', enum: ['square-root', 'log', 'none'] },
    min: nullableNumber,
    max: nullableNumber,
    constant: { type: 'boolean' },
  },
  required: ['id', 'direction', 'weight', 'count', 'lower', 'upper', 'winsorised', 'skewness', 'transformation', 'min', 'max', 'constant'],
  additionalProperties: false,
} as const;

const regionSchema = {
  type: 'object',
  properties: {
    region: { type: 'string' },
    composite: nullableNumber,
    relative: { ...nullableNumber, description: '100 × composite / reference composite' },
    rank: nullableNumber,
    group: { type: ['string', 'null'], enum: ['leader', 'strong', 'moderate', 'emerging', null] },
    coverage: { type: 'number' },
    scores: { type: 'object', additionalProperties: nullableNumber },
    sensitivity: {
      type: 'object',
      properties: { medianRank: nullableNumber, rankP05: nullableNumber, rankP95: nullableNumber, volatility: nullableNumber, shareChanged: nullableNumber },
      required: ['medianRank', 'rankP05', 'rankP95', 'volatility', 'shareChanged'],
      additionalProperties: false,
    },
  },
  required: ['region', 'composite', 'relative', 'rank', 'group', 'coverage', 'scores'],
  additionalProperties: false,
} as const;

/** Response of POST /api/v1/composite (the JSON of `clusterlens composite FILE --format json`). */
export const compositeResponse = {
  type: 'object',
  description: 'the composite index (Regional Innovation Scoreboard manner) of the given indicators; numbers the method leaves undefined are null',
  properties: {
    layout: { type: 'string', enum: ['long', 'wide', 'rows'] },
    reference: { type: 'string' },
    referenceValue: nullableNumber,
    indicators: { type: 'array', items: indicatorSchema },
    regions: { type: 'array', items: regionSchema },
    sensitivity: { type: ['object', 'null'], properties: { draws: { type: 'integer' }, seed: { type: 'integer' }, mode: { type: 'string' }, perturbation: { type: 'number' } } },
    diagnostics: { type: 'array', items: { type: 'string' } },
    method: { type: 'string' },
  },
  required: ['layout', 'reference', 'referenceValue', 'indicators', 'regions', 'sensitivity', 'diagnostics', 'method'],
  additionalProperties: false,
} as const;

/**
 * POST /api/v1/composite: computes a composite index of the caller's indicators and writes nothing, so it is
 * open like the reads (closed with them under CLUSTERLENS_READ_ACCESS=authenticated); the body is bounded.
 */
export function compositeRoutes(app: FastifyInstance): void {
  app.post<{ Body: CompositeBody }>(
    '/api/v1/composite',
    { bodyLimit: COMPOSITE_BODY_LIMIT, schema: { body: compositeBodySchema, response: { 200: compositeResponse, 413: errorSchema, 422: errorSchema } } },
    async (request) => compositeFromBody(request.body),
  );
}
