import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { regionOpportunities, regionSupplyChainGaps } from '../../service/opportunities/index.js';
import type { RelatednessMeasure } from '../../service/related-clusters/index.js';
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
const year = { type: 'integer', minimum: 1900, maximum: 2100 } as const;
const clusterCode = { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9 ,()._/-]+$' } as const;

/** GET /api/v1/regions/{region}/opportunities query. */
export const opportunitiesQuery = {
  type: 'object',
  properties: {
    year,
    relatedness: { type: 'string', enum: ['proximity', 'cmp', 'colocation', 'input-output'], description: 'relatedness used as density weights (default proximity)' },
    densityThreshold: { type: 'number', description: 'density at or above which relatedness is high (default: mean of the candidates)' },
    complexityThreshold: { type: 'number', description: 'complexity at or above which it is high (default: mean PCI of the traded clusters)' },
  },
  additionalProperties: false,
} as const;

/** GET /api/v1/regions/{region}/supply-chain-gaps query. */
export const supplyChainGapsQuery = {
  type: 'object',
  properties: {
    year,
    cluster: { ...clusterCode, description: 'buying cluster (default: every strong traded cluster of the region)' },
    suppliers: { type: 'string', enum: ['traded', 'all'], description: 'supplier clusters considered (default traded)' },
    count: { type: 'integer', minimum: 1, maximum: 100, description: 'gaps per cluster (default 10)' },
  },
  additionalProperties: false,
} as const;

const quadrant = { type: ['string', 'null'], enum: ['best-bet', 'high-risk-high-gain', 'low-risk-low-gain', 'least-attractive', null] };

/** Response of GET /api/v1/regions/{region}/opportunities (the JSON of `clusterlens opportunities --format json`). */
export const regionOpportunitiesResponse = object(
  {
    region: { type: 'string' },
    regionName: { type: 'string' },
    year: { type: 'integer' },
    relatedness: { type: 'string', enum: ['proximity', 'cmp', 'colocation', 'input-output'] },
    thresholds: object({ density: nullable('number'), complexity: nullable('number'), densityRule: { type: 'string' }, complexityRule: { type: 'string' } }),
    specialisations: { type: 'integer', description: 'traded clusters with LQ ≥ 1' },
    opportunities: {
      type: 'array',
      items: object({
        code: { type: 'string' },
        name: { type: 'string' },
        employment: { type: 'number' },
        lq: nullable('number'),
        density: nullable('number', 'relatedness density Σ_j w_ij M_rj / Σ_j w_ij, 0–1'),
        complexity: nullable('number', 'cluster complexity (PCI)'),
        quadrant,
        relatedSpecialisations: { type: 'array', items: object({ code: { type: 'string' }, name: { type: 'string' }, relatedness: { type: 'number' } }) },
      }),
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  "a region's diversification opportunities: traded clusters with LQ < 1 by relatedness density and complexity (docs/methods/opportunities.md)",
);

/** Response of GET /api/v1/regions/{region}/supply-chain-gaps. */
export const supplyChainGapsResponse = object(
  {
    region: { type: 'string' },
    regionName: { type: 'string' },
    year: { type: 'integer' },
    suppliers: { type: 'string', enum: ['traded', 'all'] },
    clusters: {
      type: 'array',
      items: object({
        code: { type: 'string' },
        name: { type: 'string' },
        lq: nullable('number'),
        strong: nullable('boolean'),
        inputsFromClusters: nullable('number', 'share of intermediate inputs bought from clusters'),
        gaps: {
          type: 'array',
          items: object({
            code: { type: 'string' },
            name: { type: 'string' },
            type: { type: 'string', enum: ['traded', 'local'] },
            inputShare: { type: 'number', description: "share of the buying cluster's intermediate inputs from this supplier (BEA 2012)" },
            lq: nullable('number'),
            gapScore: { type: 'number', description: 'inputShare × (1 − LQ)' },
          }),
        },
      }),
    },
    notes: { type: 'array', items: { type: 'string' } },
  },
  "supplier clusters of the region's strong clusters in which the region is under-specialised (docs/methods/supply-chain-gaps.md)",
);

/** GET /api/v1/regions/{region}/opportunities and /supply-chain-gaps: validate, call the services the CLI uses. */
export function opportunitiesRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { region: string }; Querystring: { year?: number; relatedness?: RelatednessMeasure; densityThreshold?: number; complexityThreshold?: number } }>(
    '/api/v1/regions/:region/opportunities',
    { schema: { params: regionParams, querystring: opportunitiesQuery, response: { 200: regionOpportunitiesResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, ...rest } = request.query;
      return regionOpportunities(service, request.params.region, { year: (await service.resolveYears(year)).year, ...rest });
    },
  );
  app.get<{ Params: { region: string }; Querystring: { year?: number; cluster?: string; suppliers?: 'traded' | 'all'; count?: number } }>(
    '/api/v1/regions/:region/supply-chain-gaps',
    { schema: { params: regionParams, querystring: supplyChainGapsQuery, response: { 200: supplyChainGapsResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, ...rest } = request.query;
      return regionSupplyChainGaps(service, request.params.region, { year: (await service.resolveYears(year)).year, ...rest });
    },
  );
}
