import type { FastifyInstance } from 'fastify';
import { readInitiatives } from '../../io/policy/read-initiatives.js';
import type { ClusterService } from '../../service/cluster-service.js';
import { assessInitiatives } from '../../service/policy/assess-initiatives.js';
import { regionReport } from '../../service/report/region-report.js';
import { renderRegionReportHtml } from '../../service/report/render-region-report-html.js';
import { renderInitiativeReportHtml } from '../../service/report/render-initiative-report-html.js';
import { errorSchema } from '../response-schemas.js';
import { regionParams } from '../schemas.js';
import { reportQuery, reportResponse, sendReport } from './report-routes.js';

const nullable = (type: string): Record<string, unknown> => ({ type: [type, 'null'] });
const strings = { type: 'array', items: { type: 'string' } } as const;

const figureSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, label: { type: 'string' }, value: { type: 'number' }, unit: { type: 'string' }, year: nullable('integer'), status: { type: 'string', enum: ['published', 'expected'] }, citation: { type: 'string' } },
  required: ['id', 'label', 'value', 'unit', 'year', 'status', 'citation'],
  additionalProperties: false,
} as const;

const initiativeSchema = {
  type: 'object',
  description: 'a cluster-policy initiative as the source states it (demonstration data: only published figures, each with its citation)',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    country: { type: 'string' },
    region: nullable('string'),
    regionName: { type: 'string' },
    sponsor: { type: 'string' },
    sponsorLevel: { type: 'string', enum: ['national', 'regional', 'local'] },
    coreBody: nullable('string'),
    startYear: nullable('integer'),
    targets: strings,
    targetsKind: { type: 'string' },
    targetClusters: strings,
    reportedDevelopments: strings,
    measures: strings,
    figures: { type: 'array', items: figureSchema },
    facts: { type: 'object', additionalProperties: { type: 'object', properties: { value: { type: ['number', 'boolean'] }, citation: { type: 'string' } }, required: ['value', 'citation'] } },
  },
  required: ['id', 'name', 'country', 'region', 'regionName', 'sponsor', 'sponsorLevel', 'coreBody', 'startYear', 'targets', 'measures', 'figures', 'facts'],
  additionalProperties: false,
} as const;

const sourceSchema = { type: 'object', properties: { id: { type: 'string' }, citation: { type: 'string' }, note: { type: 'string' } }, required: ['id', 'citation'], additionalProperties: false } as const;

/** Response of GET /api/v1/policy/initiatives. */
export const initiativesResponse = {
  type: 'object',
  description: 'the demonstration initiatives (data/policy-initiatives), labelled as demonstration data',
  properties: { demonstration: { type: 'boolean' }, notice: { type: 'string' }, source: sourceSchema, initiatives: { type: 'array', items: initiativeSchema } },
  required: ['demonstration', 'notice', 'source', 'initiatives'],
  additionalProperties: false,
} as const;

const ratingEnum = ['strong', 'adequate', 'weak', 'not-assessable'];
const profileSchema = { type: 'object', properties: { rating: { type: ['string', 'null'], enum: [...ratingEnum, null] }, basis: { type: 'string' } }, required: ['rating', 'basis'] } as const;
const evidenceSchema = {
  type: 'object',
  description: 'one piece of evidence with its data source and method; value null = not available',
  properties: { key: { type: 'string' }, value: { type: ['number', 'boolean', 'null'] }, source: { type: 'string' }, method: { type: 'string' }, note: { type: 'string' } },
  required: ['key', 'value', 'source', 'method'],
  additionalProperties: false,
} as const;
const criterionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    group: { type: 'string', enum: ['success-factor', 'weakness', 'sme-implication'] },
    lesson: { type: 'string' },
    question: { type: 'string' },
    rule: { type: 'string' },
    rating: { type: 'string', enum: ratingEnum },
    points: nullable('integer'),
    rationale: { type: 'string' },
    evidence: { type: 'array', items: evidenceSchema },
    western: profileSchema,
    eastern: profileSchema,
  },
  required: ['id', 'group', 'lesson', 'question', 'rule', 'rating', 'points', 'rationale', 'evidence', 'western', 'eastern'],
  additionalProperties: false,
} as const;

/** Response of GET /api/v1/policy/initiatives/{id}/assessment (the JSON of `clusterlens assess --initiative ID --format json`). */
export const initiativeAssessmentResponse = {
  type: 'object',
  description: 'the cluster-policy assessment of one initiative: each criterion with rating, rule, rationale, evidence and the Western/Eastern reference profiles',
  properties: {
    demonstration: { type: 'boolean' },
    notice: { type: 'string' },
    source: sourceSchema,
    initiative: initiativeSchema,
    region: {
      type: 'object',
      description: "the region's cluster data used (or why they are not available)",
      properties: { region: nullable('string'), available: { type: 'boolean' }, note: { type: 'string' }, year: nullable('integer'), strongClusters: { type: 'array', items: { type: 'object', additionalProperties: true } }, targets: { type: 'array', items: { type: 'object', additionalProperties: true } }, source: { type: 'string' } },
      required: ['region', 'available', 'note', 'year', 'strongClusters', 'targets', 'source'],
      additionalProperties: false,
    },
    assessment: {
      type: 'object',
      properties: {
        criteria: { type: 'array', items: criterionSchema },
        score: { type: ['number', 'null'], description: 'mean points (strong 2, adequate 1, weak 0) over the assessable criteria; null when none' },
        assessable: { type: 'integer' },
        total: { type: 'integer' },
        similarity: { type: 'object', additionalProperties: true },
        thresholds: { type: 'object', additionalProperties: { type: 'number' } },
      },
      required: ['criteria', 'score', 'assessable', 'total', 'similarity', 'thresholds'],
      additionalProperties: false,
    },
  },
  required: ['demonstration', 'notice', 'source', 'initiative', 'region', 'assessment'],
  additionalProperties: false,
} as const;

const initiativeParams = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9-]*$' } }, required: ['id'] } as const;
const assessmentQuery = { type: 'object', properties: { year: { type: 'integer', minimum: 1900, maximum: 2100 } }, additionalProperties: false } as const;

/** Read-only policy routes: the demonstration initiatives, their assessment and report, and the region report. */
export function policyRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get('/api/v1/policy/initiatives', { schema: { response: { 200: initiativesResponse } } }, async () => {
    const f = readInitiatives();
    return { demonstration: f.demonstration, notice: f.notice, source: f.source, initiatives: f.initiatives };
  });

  app.get<{ Params: { id: string }; Querystring: { year?: number } }>(
    '/api/v1/policy/initiatives/:id/assessment',
    { schema: { params: initiativeParams, querystring: assessmentQuery, response: { 200: initiativeAssessmentResponse, 404: errorSchema, 422: errorSchema } } },
    async (request) => {
      // the body is serialised with JSON.stringify: a NaN score (nothing assessable) becomes null
      const r = await assessInitiative(service, request.params.id, request.query.year);
      return { demonstration: r.demonstration, notice: r.notice, source: r.source, ...r.assessments[0]! };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { year?: number; format?: 'html' | 'pdf' } }>(
    '/api/v1/policy/initiatives/:id/report',
    {
      schema: {
        params: initiativeParams,
        querystring: reportQuery,
        response: { 200: reportResponse('the initiative report: scorecard, evidence, rules and sources (same as `clusterlens report initiative ID --output FILE`)'), 404: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const r = await assessInitiative(service, request.params.id, request.query.year);
      const assessment = r.assessments[0]!;
      return sendReport(reply, renderInitiativeReportHtml(r, assessment), request.query.format, `clusterlens-initiative-${assessment.initiative.id}`);
    },
  );

  app.get<{ Params: { region: string }; Querystring: { year?: number; format?: 'html' | 'pdf' } }>(
    '/api/v1/regions/:region/report',
    {
      schema: {
        params: regionParams,
        querystring: reportQuery,
        response: { 200: reportResponse('the region report (same as `clusterlens report region … --output FILE`)'), 404: errorSchema, 422: errorSchema },
      },
    },
    async (request, reply) => {
      const data = await regionReport(service, request.params.region, request.query.year);
      return sendReport(reply, renderRegionReportHtml(data), request.query.format, `clusterlens-${data.region}-${data.year}`);
    },
  );
}

/** The assessment of one demonstration initiative (its scorecard is assessments[0]), for a year or the latest. */
function assessInitiative(service: ClusterService, id: string, year: number | undefined): ReturnType<typeof assessInitiatives> {
  return assessInitiatives(service, { initiative: id, ...(year === undefined ? {} : { year }) });
}
