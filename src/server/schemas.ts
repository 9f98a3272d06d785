/** JSON schemas of the HTTP API's inputs (the one schema file; later the OpenAPI document is generated from them). */
export const yearQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
  },
  additionalProperties: false,
} as const;

/** `?scheme=`: a stored user cluster-definition scheme instead of the benchmark (docs/data/cluster-schemes.md). */
export const schemeProperty = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: '^[a-z0-9][a-z0-9._-]*$',
  description: 'cluster-definition scheme: us-benchmark-2016 (default) or a user scheme stored with `clusterlens import clusters --scheme NAME` (US regions only; unknown → 404)',
} as const;

/** `?year=&scheme=` of the cluster list. */
export const clustersQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    scheme: schemeProperty,
  },
  additionalProperties: false,
} as const;

/** `?year=&regionType=state|county` of the cluster map: regions of one type, rated among themselves. */
export const clusterRegionsQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    regionType: {
      type: 'string',
      enum: ['state', 'county', 'ea', 'msa', 'nuts0', 'nuts1', 'nuts2', 'prefecture'],
      default: 'state',
      description: 'US states (default), counties, BEA Economic Areas (ea) or metropolitan/micropolitan statistical areas (msa; ea and msa are sums of the counties in the database: docs/data/economic-areas.md) — benchmark or user-scheme clusters; EU NUTS 0/1/2 regions or Japanese prefectures (industry families: docs/methods/family-level-clusters.md)',
    },
    scheme: schemeProperty,
  },
  additionalProperties: false,
} as const;

export const portfolioQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    baseYear: { type: 'integer', minimum: 1900, maximum: 2100 },
    scheme: schemeProperty,
  },
  additionalProperties: false,
} as const;

export const regionParams = {
  type: 'object',
  properties: { region: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9 ._-]+$' } },
  required: ['region'],
} as const;

export const clusterParams = {
  type: 'object',
  properties: { cluster: { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9 ,()._/-]+$' } },
  required: ['cluster'],
} as const;

/** `?limit=&offset=` of every paginated list (default 1000, at most 10,000). */
const pageProperties = {
  limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 1000 },
  offset: { type: 'integer', minimum: 0, default: 0 },
} as const;

const regionIdPattern = '^[A-Za-z0-9 ._-]+$';

export const regionsQuery = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['country', 'state', 'county', 'ea', 'msa', 'nuts0', 'nuts1', 'nuts2', 'nuts3', 'prefecture', 'custom'] },
    country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
    parent: { type: 'string', minLength: 1, maxLength: 64, pattern: regionIdPattern },
    ...pageProperties,
  },
  additionalProperties: false,
} as const;

export const datasetsQuery = {
  type: 'object',
  properties: { ...pageProperties },
  additionalProperties: false,
} as const;

export const datasetParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._-]+$' } },
  required: ['id'],
} as const;

export const industriesQuery = {
  type: 'object',
  properties: {
    classification: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' },
    level: { type: 'integer', minimum: 0, maximum: 10 },
    parent: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' },
    ...pageProperties,
  },
  required: ['classification'],
  additionalProperties: false,
} as const;

/** A query parameter given once, repeated (`?region=WA&region=OR`) or as a comma-separated list (`?region=WA,OR`). */
const listParameter = (pattern: string) => ({ anyOf: [{ type: 'string', pattern }, { type: 'array', items: { type: 'string', pattern }, maxItems: 1000 }] }) as const;

export const exportQuery = {
  type: 'object',
  properties: {
    dataset: listParameter('^[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*$'),
    region: listParameter('^[A-Za-z0-9 ._-]+(,[A-Za-z0-9 ._-]+)*$'),
    year: listParameter('^[0-9]{4}(,[0-9]{4})*$'),
    measure: listParameter('^(employment|establishments|payroll)(,(employment|establishments|payroll))*$'),
    level: listParameter('^[0-9]{1,2}(,[0-9]{1,2})*$'),
    format: { type: 'string', enum: ['csv', 'json', 'ndjson'], default: 'csv' },
  },
  additionalProperties: false,
} as const;

/**
 * GET /api/v1/compare: `regions` (2–10, comma-separated), years per source or country as `year.US=2011`
 * or `years=US:2011,EU:2015`.
 */
export const compareQuery = {
  type: 'object',
  properties: {
    regions: { type: 'string', minLength: 1, maxLength: 700, pattern: '^[A-Za-z0-9 ._-]+(,[A-Za-z0-9 ._-]+)*$' },
    years: { type: 'string', maxLength: 200, pattern: '^[A-Za-z]{2}[:=][0-9]{4}(,[A-Za-z]{2}[:=][0-9]{4})*$' },
  },
  patternProperties: { '^year\\.[A-Za-z]{2}$': { type: 'integer', minimum: 1900, maximum: 2100 } },
  required: ['regions'],
  additionalProperties: false,
} as const;

/** `{layer}` of GET /api/v1/geo/{layer}[/matching]. */
export const geoLayerParams = {
  type: 'object',
  properties: { layer: { type: 'string', enum: ['us-states', 'us-counties', 'us-economic-areas', 'us-metro-areas', 'nuts2', 'jp-prefectures'] } },
  required: ['layer'],
} as const;
