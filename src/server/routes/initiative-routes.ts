import type { FastifyInstance, FastifySchema } from 'fastify';
import { KPI_KINDS, KPI_STATUSES, SPONSOR_LEVELS } from '../../io/initiatives/index.js';
import type { InitiativeInput, InitiativePatch, KpiInput } from '../../io/initiatives/index.js';
import type { SqlClient } from '../../io/registry/sql-client.js';
import { actorOf } from '../../service/auth/auth-service.js';
import type { ClusterService } from '../../service/cluster-service.js';
import { InitiativeService } from '../../service/initiatives/index.js';
import { requireRole } from '../auth/require-role.js';
import { errorSchema } from '../response-schemas.js';

const nullable = (type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: [type, 'null'], ...extra });
const strings = { type: 'array', items: { type: 'string' } } as const;
const open = (properties: Record<string, unknown>, required: string[] = [], description?: string): Record<string, unknown> => ({
  type: 'object', properties, required, additionalProperties: true, ...(description ? { description } : {}),
});

const budgetLine = {
  type: 'object',
  properties: {
    amount: { type: 'number', minimum: 0 },
    currency: { type: 'string', description: 'ISO 4217 code: JPY, EUR, GBP, USD' },
    year: nullable('integer', { description: 'year of the amount; null when the source states none' }),
    source: { type: 'string', minLength: 1 },
    label: { type: 'string' },
  },
  required: ['amount', 'currency', 'source'],
  additionalProperties: false,
};
const member = { type: 'object', properties: { organisationId: { type: 'string', minLength: 1, description: 'organisation id of the actors registry' }, role: { type: 'string' } }, required: ['organisationId'], additionalProperties: false };

const initiativeSchema = open(
  {
    id: { type: 'string' }, name: { type: 'string' }, region: nullable('string'), regionName: nullable('string'), country: nullable('string'),
    sponsor: { type: 'string' }, sponsorLevel: { type: 'string', enum: [...SPONSOR_LEVELS] },
    coreBody: nullable('string', { description: 'organisation id of the core body (actors registry)' }), coreBodyName: nullable('string'),
    targetClusters: { ...strings, description: 'benchmark cluster codes (US) or industry-family codes (B-E, J …)' }, targets: { ...strings, description: 'targets as the source names them' },
    budget: { type: 'array', items: budgetLine }, periodStart: nullable('integer'), periodEnd: nullable('integer'),
    demonstration: { type: 'boolean', description: 'shipped demonstration data: only published figures, not an evaluation' },
    source: { type: 'string' }, members: { type: 'array', items: member },
    version: { type: 'integer', description: 'send it back with a PATCH (optimistic concurrency)' },
    createdAt: { type: 'string' }, updatedAt: { type: 'string' }, deletedAt: nullable('string'),
  },
  ['id', 'name', 'region', 'sponsor', 'sponsorLevel', 'targetClusters', 'budget', 'demonstration', 'version', 'deletedAt'],
);

const kpiSchema = open(
  {
    id: { type: 'string' }, initiativeId: { type: 'string' }, kpi: { type: 'string', enum: [...KPI_KINDS] }, label: nullable('string'), year: nullable('integer'),
    value: { type: 'number' }, unit: { type: 'string' }, status: { type: 'string', enum: [...KPI_STATUSES] }, source: { type: 'string' }, version: { type: 'integer' },
  },
  ['id', 'initiativeId', 'kpi', 'year', 'value', 'unit', 'status', 'source'],
);

const inputProperties = {
  name: { type: 'string', minLength: 1 }, region: nullable('string'), regionName: nullable('string'), country: nullable('string'),
  sponsor: { type: 'string', minLength: 1 }, sponsorLevel: { type: 'string', enum: [...SPONSOR_LEVELS] },
  coreBody: nullable('string'), coreBodyName: nullable('string'), targetClusters: strings, targets: strings,
  budget: { type: 'array', items: budgetLine }, periodStart: nullable('integer', { minimum: 1900, maximum: 2100 }), periodEnd: nullable('integer', { minimum: 1900, maximum: 2100 }),
  source: { type: 'string' }, members: { type: 'array', items: member },
};

const kpiBody = {
  type: 'object',
  properties: {
    kpi: { type: 'string', enum: [...KPI_KINDS] }, label: nullable('string'), year: nullable('integer', { minimum: 1900, maximum: 2100 }),
    value: { type: 'number', minimum: 0 }, unit: { type: 'string' }, status: { type: 'string', enum: [...KPI_STATUSES] }, source: { type: 'string', minLength: 1 },
  },
  required: ['kpi', 'value', 'status', 'source'],
  additionalProperties: false,
};

const strengthsSchema = open(
  {
    available: { type: 'boolean' }, note: { type: 'string' }, region: nullable('string'), year: nullable('integer'), level: nullable('string'), strengthRule: nullable('string'),
    strengths: { type: 'array', items: open({ code: { type: 'string' }, name: { type: 'string' }, employment: nullable('number'), lq: nullable('number') }) },
    targetedStrengths: strings, targetsNotStrong: strings, strengthsNotTargeted: strings, overlapShare: nullable('number'), source: nullable('string'),
  },
  ['available', 'note', 'strengths', 'targetedStrengths'],
  'the targets against the region\'s strong clusters (US) or specialised industry families (EU, JP)',
);

const series = open({ region: { type: 'string' }, name: { type: 'string' }, employment: { type: 'object', additionalProperties: nullable('number') } }, ['region', 'employment']);
const outcomesSchema = open(
  {
    initiative: open({ id: { type: 'string' }, name: { type: 'string' }, region: nullable('string') }),
    status: { type: 'string', enum: ['estimated', 'insufficient-data'] }, reason: nullable('string'),
    outcome: open({ measure: { type: 'string' }, level: nullable('string'), codes: strings, classification: nullable('string'), notes: strings }),
    treatmentYear: nullable('integer'), years: { type: 'array', items: { type: 'integer' } }, preYears: { type: 'array', items: { type: 'integer' } }, postYears: { type: 'array', items: { type: 'integer' } },
    treated: { anyOf: [series, { type: 'null' }] }, peers: { type: 'array', items: series }, excludedPeers: strings, peerSelection: { type: 'string' },
    estimate: nullable('number', { description: 'difference-in-differences of log employment' }), standardError: nullable('number'), standardErrorMethod: nullable('string'),
    tStatistic: nullable('number'), relativeEffect: nullable('number', { description: 'e^estimate − 1' }), treatedChange: nullable('number'), controlChange: nullable('number'),
    meanLogEmployment: { type: 'array', items: open({ year: { type: 'integer' }, treated: nullable('number'), peers: nullable('number') }) },
    preTrend: { anyOf: [open({ estimate: nullable('number'), standardError: nullable('number'), tStatistic: nullable('number'), years: { type: 'array', items: { type: 'integer' } }, verdict: { type: 'string' } }), { type: 'null' }] },
    assumptions: strings, sources: strings, method: { type: 'string' },
  },
  ['initiative', 'status', 'reason', 'estimate', 'standardError', 'assumptions', 'method'],
);

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'], additionalProperties: false } as const;

/** A route schema with its OpenAPI summary (guarded routes get `security` from registerAuth). */
function doc(schema: FastifySchema & { summary: string }): FastifySchema {
  return schema as FastifySchema;
}

const readErrors = { 404: errorSchema, 422: errorSchema };
const writeErrors = { 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

/**
 * Routes of initiative monitoring (registered when the server has a registry): initiatives with members,
 * budget and KPIs, targets vs strengths, outcome tracking (difference-in-differences against peer regions).
 * Reads follow the server's read access; writes need the editor role and are audited. The service opens
 * lazily on the first request (migrations and the demonstration initiatives, once).
 */
export function initiativeRoutes(app: FastifyInstance, clusters: ClusterService, registry: SqlClient): void {
  let opening: Promise<InitiativeService> | undefined;
  const service = (): Promise<InitiativeService> => {
    if (!opening) {
      opening = InitiativeService.open(registry, clusters);
      opening.catch(() => (opening = undefined));
    }
    return opening;
  };

  app.get<{ Querystring: { region?: string; country?: string; demonstration?: boolean } }>(
    '/api/v1/initiatives',
    {
      schema: doc({
        summary: 'List cluster initiatives',
        querystring: {
          type: 'object',
          properties: { region: { type: 'string', description: 'region id, exact' }, country: { type: 'string' }, demonstration: { type: 'boolean', description: 'only (true) or no (false) demonstration initiatives' } },
          additionalProperties: false,
        },
        response: { 200: open({ items: { type: 'array', items: initiativeSchema } }, ['items']), 422: errorSchema },
      }),
    },
    async (request) => ({ items: await (await service()).list(request.query) }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/initiatives/:id',
    {
      schema: doc({
        summary: 'An initiative with its members, KPI observations and targets vs the region\'s strengths',
        params: idParams,
        response: { 200: open({ initiative: initiativeSchema, kpis: { type: 'array', items: kpiSchema }, targetsVsStrengths: strengthsSchema }, ['initiative', 'kpis', 'targetsVsStrengths']), ...readErrors },
      }),
    },
    async (request) => (await service()).detail(request.params.id),
  );

  app.get<{ Params: { id: string }; Querystring: { peers?: string } }>(
    '/api/v1/initiatives/:id/outcomes',
    {
      schema: doc({
        summary: 'Outcome tracking: difference-in-differences of the targeted clusters\' employment against peer regions',
        params: idParams,
        querystring: {
          type: 'object',
          properties: { peers: { type: 'string', description: 'peer regions, comma-separated (default: every other region of the same kind with data)' } },
          additionalProperties: false,
        },
        response: { 200: outcomesSchema, ...readErrors },
      }),
    },
    async (request) => {
      const peers = (request.query.peers ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
      return (await service()).outcomes(request.params.id, peers.length > 0 ? { peers } : {});
    },
  );

  app.post<{ Body: InitiativeInput }>(
    '/api/v1/initiatives',
    {
      preHandler: requireRole('editor'),
      schema: doc(
        {
          summary: 'Create an initiative (editor; audited)',
          body: { type: 'object', properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' }, ...inputProperties }, required: ['name', 'sponsor', 'sponsorLevel'], additionalProperties: false },
          response: { 201: initiativeSchema, ...writeErrors },
        },
      ),
    },
    async (request, reply) => reply.status(201).send(await (await service()).create(request.body, actorOf(request.principal!))),
  );

  app.patch<{ Params: { id: string }; Body: InitiativePatch & { version: number } }>(
    '/api/v1/initiatives/:id',
    {
      preHandler: requireRole('editor'),
      schema: doc(
        {
          summary: 'Change an initiative (editor; audited); 409 when `version` is not the current one',
          params: idParams,
          body: { type: 'object', properties: { version: { type: 'integer', minimum: 1 }, ...inputProperties }, required: ['version'], additionalProperties: false },
          response: { 200: initiativeSchema, ...writeErrors },
        },
      ),
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return (await service()).update(request.params.id, version, patch, actorOf(request.principal!));
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/api/v1/initiatives/:id',
    {
      preHandler: requireRole('editor'),
      schema: doc(
        {
          summary: 'Delete an initiative (soft; editor; audited)',
          params: idParams,
          querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1, description: 'the version read (optional check; 409 when stale)' } }, additionalProperties: false },
          response: { 200: initiativeSchema, ...writeErrors },
        },
      ),
    },
    async (request) => (await service()).delete(request.params.id, request.query.version, actorOf(request.principal!)),
  );

  app.post<{ Params: { id: string }; Body: KpiInput }>(
    '/api/v1/initiatives/:id/kpis',
    {
      preHandler: requireRole('editor'),
      schema: doc({ summary: 'Add a KPI observation to an initiative (editor; audited)', params: idParams, body: kpiBody, response: { 201: kpiSchema, ...writeErrors } }),
    },
    async (request, reply) => reply.status(201).send(await (await service()).addKpi(request.params.id, request.body, actorOf(request.principal!))),
  );
}
