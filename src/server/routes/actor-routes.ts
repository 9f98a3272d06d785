import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import { ACTOR_TYPES, LINKAGE_TYPES } from '../../io/actors/index.js';
import type { ActorType, LinkageInput, LinkagePatch, OrganisationInput, OrganisationPatch } from '../../io/actors/index.js';
import type { AuditActor } from '../../io/registry/audit-log.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import type { ActorService } from '../../service/actors/index.js';
import { requireRole } from '../auth/require-role.js';
import { errorSchema } from '../response-schemas.js';
import { filterOf, filterProperties, split, types } from './network-filter-query.js';
import type { FilterQuery } from './network-filter-query.js';
import { networkGraphRoutes } from './network-graph-routes.js';

const nullable = (type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: [type, 'null'], ...extra });
const list = { type: 'array', items: { type: 'string' } } as const;
const open = (properties: Record<string, unknown>, required: string[] = []): Record<string, unknown> => ({ type: 'object', properties, required, additionalProperties: true });

const organisationSchema = open(
  {
    id: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string', enum: [...ACTOR_TYPES], description: 'firm = private for-profit of unknown size' },
    employees: nullable('integer'),
    sme: nullable('boolean', { description: 'SME by the headcount rule of the country (docs/methods/sme-definition.md), as declared, or null' }),
    smeRule: nullable('string'),
    industryCodes: list,
    keywords: list,
    region: nullable('string'),
    country: nullable('string'),
    latitude: nullable('number'),
    longitude: nullable('number'),
    source: { type: 'string' },
    initiatives: list,
    version: { type: 'integer', description: 'send it back with a PATCH (optimistic concurrency)' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    deletedAt: nullable('string'),
  },
  ['id', 'name', 'type', 'sme', 'country', 'region', 'version', 'deletedAt'],
);

const linkageSchema = open(
  {
    id: { type: 'string' },
    sourceId: { type: 'string' },
    targetId: { type: 'string' },
    type: { type: 'string', enum: [...LINKAGE_TYPES] },
    directed: { type: 'boolean' },
    weight: { type: 'number' },
    startDate: nullable('string'),
    endDate: nullable('string'),
    source: { type: 'string' },
    projectId: nullable('string'),
    version: { type: 'integer' },
    deletedAt: nullable('string'),
  },
  ['id', 'sourceId', 'targetId', 'type', 'directed', 'weight', 'version'],
);

const organisationInputProperties = {
  name: { type: 'string', minLength: 1 },
  type: { type: 'string', enum: [...ACTOR_TYPES] },
  employees: nullable('integer', { minimum: 0 }),
  sme: nullable('boolean'),
  industryCodes: list,
  keywords: list,
  region: nullable('string'),
  country: nullable('string'),
  latitude: nullable('number'),
  longitude: nullable('number'),
  source: { type: 'string' },
  initiatives: list,
};

const linkageInputProperties = {
  sourceId: { type: 'string', minLength: 1 },
  targetId: { type: 'string', minLength: 1 },
  type: { type: 'string', enum: [...LINKAGE_TYPES] },
  directed: { type: 'boolean' },
  weight: { type: 'number', exclusiveMinimum: 0 },
  startDate: nullable('string', { format: 'date' }),
  endDate: nullable('string', { format: 'date' }),
  source: { type: 'string' },
  projectId: nullable('string'),
};

/** A route schema with the one-line summary the OpenAPI document shows (openapi.ts reads schema.summary). */
const summarised = (schema: FastifySchema & { summary: string }): FastifySchema => schema;

const idParams = { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'], additionalProperties: false } as const;
const versionQuery = { type: 'object', properties: { version: { type: 'integer', minimum: 1, description: 'the version read (optional check)' } }, additionalProperties: false } as const;


const writeResponses = (ok: Record<string, unknown>, status = 200): Record<number, unknown> => ({
  [status]: ok,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
});

const rankedSchema = { type: 'array', items: open({ id: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, country: nullable('string'), value: nullable('number') }) };

/**
 * Routes of the actors registry: organisations and linkages (reads open or viewer per readAccess; writes need
 * the editor role, the audit log the admin role), the network of a filter (indicators, brokers, communities),
 * partner matching and its evaluation. Thin: validate, call ActorService (shared with the CLI), return.
 */
export function actorRoutes(app: FastifyInstance, service: ActorService): void {
  app.get<{ Querystring: { type?: ActorType; country?: string; region?: string; query?: string; initiative?: string; limit?: number; offset?: number } }>(
    '/api/v1/organisations',
    {
      schema: summarised({
        summary: 'List and search organisations',
        querystring: {
          type: 'object',
          properties: {
            type: { type: 'string', enum: [...ACTOR_TYPES] },
            country: { type: 'string' },
            region: { type: 'string', description: 'region code prefix' },
            query: { type: 'string', description: 'text in name, id, keywords or industry codes' },
            initiative: { type: 'string' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
        response: { 200: open({ total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: organisationSchema } }, ['total', 'items']), 422: errorSchema },
      }),
    },
    async (request) => service.listOrganisations(request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/organisations/:id',
    {
      schema: summarised({
        summary: 'One organisation with its linkages and projects',
        params: idParams,
        response: {
          200: open({ organisation: organisationSchema, linkages: { type: 'array', items: linkageSchema }, projects: { type: 'array', items: open({ id: { type: 'string' }, role: { type: 'string' } }) }, projectCount: { type: 'integer' } }, ['organisation', 'linkages', 'projects', 'projectCount']),
          404: errorSchema,
        },
      }),
    },
    async (request) => service.getOrganisation(request.params.id),
  );

  app.post<{ Body: OrganisationInput }>(
    '/api/v1/organisations',
    {
      preHandler: requireRole('editor'),
      schema: summarised({
        summary: 'Create an organisation (editor)',
        body: { type: 'object', properties: { id: { type: 'string', minLength: 1 }, ...organisationInputProperties }, required: ['name', 'type'], additionalProperties: false },
        response: writeResponses(organisationSchema, 201),
      }),
    },
    async (request, reply) => reply.status(201).send(await service.createOrganisation(request.body, actorOf(request))),
  );

  app.patch<{ Params: { id: string }; Body: OrganisationPatch & { version: number } }>(
    '/api/v1/organisations/:id',
    {
      preHandler: requireRole('editor'),
      schema: summarised({
        summary: 'Change an organisation (editor); 409 when `version` is not the current one',
        params: idParams,
        body: { type: 'object', properties: { version: { type: 'integer', minimum: 1 }, ...organisationInputProperties }, required: ['version'], additionalProperties: false },
        response: writeResponses(organisationSchema),
      }),
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return service.updateOrganisation(request.params.id, version, patch, actorOf(request));
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/api/v1/organisations/:id',
    { preHandler: requireRole('editor'), schema: summarised({ summary: 'Delete an organisation (soft; editor)', params: idParams, querystring: versionQuery, response: writeResponses(organisationSchema) }) },
    async (request) => service.deleteOrganisation(request.params.id, request.query.version, actorOf(request)),
  );

  app.get<{ Querystring: { organisation?: string; type?: string; limit?: number; offset?: number } }>(
    '/api/v1/linkages',
    {
      schema: summarised({
        summary: 'List linkages (of an organisation)',
        querystring: {
          type: 'object',
          properties: { organisation: { type: 'string' }, type: { type: 'string', enum: [...LINKAGE_TYPES] }, limit: { type: 'integer', minimum: 1, maximum: 5000, default: 200 }, offset: { type: 'integer', minimum: 0, default: 0 } },
          additionalProperties: false,
        },
        response: { 200: open({ total: { type: 'integer' }, items: { type: 'array', items: linkageSchema } }, ['total', 'items']), 422: errorSchema },
      }),
    },
    async (request) => service.listLinkages({ organisationId: request.query.organisation, type: request.query.type, limit: request.query.limit, offset: request.query.offset }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/linkages/:id',
    { schema: summarised({ summary: 'One linkage', params: idParams, response: { 200: linkageSchema, 404: errorSchema } }) },
    async (request) => service.getLinkage(request.params.id),
  );

  app.post<{ Body: LinkageInput }>(
    '/api/v1/linkages',
    {
      preHandler: requireRole('editor'),
      schema: summarised({
        summary: 'Create a linkage (editor)',
        body: { type: 'object', properties: { id: { type: 'string', minLength: 1 }, ...linkageInputProperties }, required: ['sourceId', 'targetId', 'type'], additionalProperties: false },
        response: writeResponses(linkageSchema, 201),
      }),
    },
    async (request, reply) => reply.status(201).send(await service.createLinkage(request.body, actorOf(request))),
  );

  app.patch<{ Params: { id: string }; Body: LinkagePatch & { version: number } }>(
    '/api/v1/linkages/:id',
    {
      preHandler: requireRole('editor'),
      schema: summarised({
        summary: 'Change a linkage (editor); 409 when `version` is not the current one',
        params: idParams,
        body: { type: 'object', properties: { version: { type: 'integer', minimum: 1 }, ...linkageInputProperties }, required: ['version'], additionalProperties: false },
        response: writeResponses(linkageSchema),
      }),
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return service.updateLinkage(request.params.id, version, patch, actorOf(request));
    },
  );

  app.delete<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/api/v1/linkages/:id',
    { preHandler: requireRole('editor'), schema: summarised({ summary: 'Delete a linkage (soft; editor)', params: idParams, querystring: versionQuery, response: writeResponses(linkageSchema) }) },
    async (request) => service.deleteLinkage(request.params.id, request.query.version, actorOf(request)),
  );

  app.get<{ Querystring: FilterQuery & { top?: number; seed?: number; sample?: number } }>(
    '/api/v1/network/indicators',
    {
      schema: summarised({
        summary: 'Network indicators of a filter: size, centralities, triple helix, SME shares, local links, core bodies',
        querystring: { type: 'object', properties: { ...filterProperties, top: { type: 'integer', minimum: 1, maximum: 100, default: 10 }, seed: { type: 'integer', minimum: 0 }, sample: { type: 'integer', minimum: 1, maximum: 5000 } }, additionalProperties: false },
        response: {
          200: open(
            {
              nodeCount: { type: 'integer' },
              linkCount: { type: 'integer' },
              projectCount: { type: 'integer' },
              density: nullable('number'),
              cluster: open({ tripleHelix: { type: 'object', additionalProperties: true }, smeShare: nullable('number'), localLinkageShare: nullable('number') }),
              top: open({ degree: rankedSchema, pageRank: rankedSchema, betweenness: rankedSchema }),
              timings: { type: 'object', additionalProperties: true },
            },
            ['nodeCount', 'linkCount', 'cluster', 'top'],
          ),
          422: errorSchema,
        },
      }),
    },
    async (request) => service.indicators(filterOf(request.query), { top: request.query.top, seed: request.query.seed, betweennessSample: request.query.sample }),
  );

  app.get<{ Querystring: FilterQuery & { top?: number; seed?: number; sample?: number; groupBy?: 'type' | 'country' | 'region' } }>(
    '/api/v1/network/brokers',
    {
      schema: summarised({
        summary: 'Top brokers: sampled betweenness, Burt constraint, Gould–Fernandez roles',
        querystring: {
          type: 'object',
          properties: { ...filterProperties, top: { type: 'integer', minimum: 1, maximum: 200, default: 20 }, seed: { type: 'integer', minimum: 0 }, sample: { type: 'integer', minimum: 1, maximum: 5000 }, groupBy: { type: 'string', enum: ['type', 'country', 'region'], default: 'type' } },
          additionalProperties: false,
        },
        response: {
          200: open({ groupBy: { type: 'string' }, brokers: { type: 'array', items: open({ id: { type: 'string' }, rank: { type: 'integer' }, betweenness: { type: 'number' }, roles: { type: 'object', additionalProperties: true } }) } }, ['brokers']),
          422: errorSchema,
        },
      }),
    },
    async (request) => service.brokers(filterOf(request.query), { top: request.query.top, seed: request.query.seed, betweennessSample: request.query.sample, groupBy: request.query.groupBy }),
  );

  app.get<{ Querystring: FilterQuery & { top?: number; seed?: number } }>(
    '/api/v1/network/communities',
    {
      schema: summarised({
        summary: 'Louvain communities (seeded)',
        querystring: { type: 'object', properties: { ...filterProperties, top: { type: 'integer', minimum: 1, maximum: 200, default: 20 }, seed: { type: 'integer', minimum: 0, default: 1 } }, additionalProperties: false },
        response: { 200: open({ count: { type: 'integer' }, modularity: { type: 'number' }, communities: { type: 'array', items: { type: 'object', additionalProperties: true } } }, ['count', 'communities']), 422: errorSchema },
      }),
    },
    async (request) => service.communities(filterOf(request.query), { top: request.query.top, seed: request.query.seed }),
  );

  networkGraphRoutes(app, service);

  app.get<{ Querystring: { organisation?: string; need?: string; country?: string; region?: string; type?: string; top?: number } }>(
    '/api/v1/match',
    {
      schema: summarised({
        summary: 'Partner suggestions for an organisation or a need, with an explanation per proximity',
        querystring: {
          type: 'object',
          properties: {
            organisation: { type: 'string', description: 'the seeker organisation id' },
            need: { type: 'string', description: 'keywords, programme parts or industry codes, comma-separated' },
            country: { type: 'string', description: 'candidate countries, comma-separated' },
            region: { type: 'string', description: 'candidate regions, comma-separated' },
            type: { type: 'string', description: 'candidate types, comma-separated' },
            top: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          },
          additionalProperties: false,
        },
        response: {
          200: open({ seeker: { type: 'object', additionalProperties: true }, candidateCount: { type: 'integer' }, suggestions: { type: 'array', items: open({ rank: { type: 'integer' }, score: { type: 'number' }, organisation: { type: 'object', additionalProperties: true } }) } }, ['suggestions']),
          404: errorSchema,
          422: errorSchema,
        },
      }),
    },
    async (request) => {
      const q = request.query;
      return service.match({ organisationId: q.organisation, need: q.need, countries: split(q.country), regions: split(q.region), types: types(q.type), top: q.top });
    },
  );

  app.get<{ Querystring: FilterQuery & { split?: 'random' | 'temporal'; testFrom?: number; holdOut?: number; seed?: number; k?: number; maxSeekers?: number; withProgrammes?: boolean } }>(
    '/api/v1/match/evaluation',
    {
      schema: summarised({
        summary: 'Matching quality on held-out links: precision@k and recall@k vs baselines (seeded)',
        querystring: {
          type: 'object',
          properties: {
            ...filterProperties,
            split: { type: 'string', enum: ['random', 'temporal'], default: 'random', description: 'random: a seeded share of links held out; temporal: the new links of projects starting in or after testFrom' },
            testFrom: { type: 'integer', minimum: 1900, maximum: 2100, description: 'temporal split: first start year of the test projects (default: the 80th percentile of start years)' },
            holdOut: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.1 },
            seed: { type: 'integer', minimum: 0, default: 1 },
            k: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
            maxSeekers: { type: 'integer', minimum: 1, maximum: 2000, default: 500 },
            withProgrammes: { type: 'boolean', default: false },
          },
          additionalProperties: false,
        },
        response: { 200: open({ seed: { type: 'integer' }, k: { type: 'integer' }, methods: { type: 'object', additionalProperties: true } }, ['seed', 'k', 'methods']), 422: errorSchema },
      }),
    },
    async (request) => {
      const q = request.query;
      return service.evaluate({ filter: filterOf(q), split: q.split, testFrom: q.testFrom, holdOut: q.holdOut, seed: q.seed, k: q.k, maxSeekers: q.maxSeekers, withProgrammes: q.withProgrammes });
    },
  );

  app.get<{ Querystring: { entity?: string; entityId?: string; userId?: string; limit?: number; afterId?: number } }>(
    '/api/v1/audit',
    {
      preHandler: requireRole('admin'),
      schema: summarised({
        summary: 'The audit log: who changed what (admin)',
        querystring: {
          type: 'object',
          properties: { entity: { type: 'string' }, entityId: { type: 'string' }, userId: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, afterId: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
        response: {
          200: open({ entries: { type: 'array', items: open({ id: { type: 'integer' }, at: { type: 'string' }, userId: nullable('string'), userName: { type: 'string' }, action: { type: 'string' }, entity: { type: 'string' }, entityId: { type: 'string' }, before: nullable('string'), after: nullable('string') }) } }, ['entries']),
          401: errorSchema,
          403: errorSchema,
          422: errorSchema,
        },
      }),
    },
    async (request) => ({ entries: await service.audit(request.query) }),
  );
}

function actorOf(request: FastifyRequest): AuditActor {
  const principal = request.principal;
  if (principal === null || principal === undefined) throw new RegistryError('UNAUTHENTICATED', 'sign in or send an API token');
  return { userId: principal.userId, name: principal.name };
}
