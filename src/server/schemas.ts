/** JSON schemas of the HTTP API's inputs (the one schema file; later the OpenAPI document is generated from them). */
export const yearQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
  },
  additionalProperties: false,
} as const;

export const portfolioQuery = {
  type: 'object',
  properties: {
    year: { type: 'integer', minimum: 1900, maximum: 2100 },
    baseYear: { type: 'integer', minimum: 1900, maximum: 2100 },
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

export const regionsQuery = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['country', 'state', 'county', 'nuts0', 'nuts1', 'nuts2', 'nuts3', 'prefecture', 'custom'] },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
  },
  additionalProperties: false,
} as const;
