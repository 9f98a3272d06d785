import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { regionPortfolio } from '../../service/portfolio/region-portfolio.js';
import { errorSchema } from '../response-schemas.js';
import { portfolioQuery, regionParams } from '../schemas.js';

const nullable = (type: 'number' | 'boolean' | 'string' | 'integer', description?: string): Record<string, unknown> => ({
  type: [type, 'null'],
  ...(description === undefined ? {} : { description }),
});

const entryProperties: Record<string, Record<string, unknown>> = {
  code: { type: 'string' },
  name: { type: 'string' },
  type: { type: 'string', enum: ['traded', 'local'] },
  employment: { type: 'number' },
  baseEmployment: nullable('number'),
  lq: nullable('number', 'cluster location quotient (traded/local denominators)'),
  strong: nullable('boolean', 'Cluster Mapping strong cluster; null for local clusters'),
  strong10: nullable('boolean'),
  sizeStar: nullable('boolean', 'European Cluster Observatory size star among the US states; null for local clusters'),
  specialisationStar: nullable('boolean'),
  focusStar: nullable('boolean'),
  stars: nullable('number', 'size + specialisation + focus stars (0–3)'),
  growth: nullable('number', '(employment − baseEmployment) / baseEmployment'),
  nationalGrowth: nullable('number', 'growth of the cluster over all states'),
  relativeGrowth: nullable('number', 'growth − nationalGrowth'),
  cagr: nullable('number'),
  nationalCagr: nullable('number'),
  quadrant: { type: ['string', 'null'], enum: ['strong-and-growing', 'emerging', 'declining-strength', 'transforming', null] },
  employmentChange: nullable('number', 'employment − baseEmployment'),
  expectedChange: nullable('number', 'baseEmployment × nationalGrowth (national benchmark)'),
  competitiveEffect: nullable('number', 'employmentChange − expectedChange (job creation vs. national benchmark)'),
};

/** Response schema of GET /api/v1/regions/{region}/portfolio (the JSON of `clusterlens portfolio --format json`). */
export const regionPortfolioResultResponse = {
  type: 'object',
  description: "the region's cluster portfolio between two years (same JSON as `clusterlens portfolio --format json`)",
  properties: {
    region: { type: 'string', description: 'region id, e.g. US-53' },
    regionName: { type: 'string' },
    year: { type: 'integer' },
    baseYear: nullable('integer'),
    clusterStrength: nullable('number'),
    tradedCompetitiveEffect: nullable('number', 'Σ competitiveEffect over traded clusters'),
    scheme: { type: 'string', description: 'only with ?scheme= naming a user scheme: the cluster-definition scheme' },
    clusters: {
      type: 'array',
      items: { type: 'object', properties: entryProperties, required: Object.keys(entryProperties), additionalProperties: true },
    },
  },
  required: ['region', 'regionName', 'year', 'baseYear', 'clusterStrength', 'tradedCompetitiveEffect', 'clusters'],
  additionalProperties: true,
} as const;

/** GET /api/v1/regions/{region}/portfolio: validate, call the service the CLI also uses, return. */
export function portfolioRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { region: string }; Querystring: { year?: number; baseYear?: number; scheme?: string } }>(
    '/api/v1/regions/:region/portfolio',
    { schema: { params: regionParams, querystring: portfolioQuery, response: { 200: regionPortfolioResultResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      const { year, baseYear } = await service.resolveYears(request.query.year, request.query.baseYear);
      return regionPortfolio(service, request.params.region, year, baseYear, { scheme: request.query.scheme });
    },
  );
}
