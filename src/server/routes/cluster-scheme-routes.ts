import { actorOf } from '../../service/auth/auth-service.js';
import type { AuditTrail } from '../../service/audit/audit-trail.js';
import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import { ImportValidationError } from '../../io/importers/validation-report.js';
import type { Store } from '../../io/store/store.js';
import { ClusterSchemeExistsError, createClusterScheme, deleteClusterScheme, getClusterScheme, listClusterSchemes } from '../../service/cluster-schemes/cluster-schemes.js';
import type { ClusterSchemeInput } from '../../service/cluster-schemes/cluster-schemes.js';
import { asWritableStore } from '../../service/imports/as-writable-store.js';
import { requireRole } from '../auth/require-role.js';
import { errorSchema } from '../response-schemas.js';
import { validationIssueSchema } from './import-routes.js';

const SCHEME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,62}$';
const nullableDate = { type: ['string', 'null'], description: 'ISO 8601 (null for the shipped benchmark)' };

const summaryProperties = {
  name: { type: 'string' },
  classification: { type: 'string', description: 'classification of the industry codes, e.g. NAICS2007' },
  clusterCount: { type: 'integer' },
  industryCount: { type: 'integer', description: 'industry codes allocated to a cluster' },
  createdAt: nullableDate,
  updatedAt: nullableDate,
  source: { type: 'string', enum: ['benchmark', 'user'] },
};
const summaryRequired = Object.keys(summaryProperties);

const listResponse = {
  type: 'object',
  description: 'the cluster-definition schemes: the shipped benchmark first, then user schemes by creation',
  properties: { schemes: { type: 'array', items: { type: 'object', properties: summaryProperties, required: summaryRequired, additionalProperties: false } } },
  required: ['schemes'],
  additionalProperties: false,
};

const detailResponse = {
  type: 'object',
  description: 'one scheme with its clusters and their industry codes',
  properties: {
    ...summaryProperties,
    clusters: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string', enum: ['traded', 'local'] }, industries: { type: 'array', items: { type: 'string' } } },
        required: ['code', 'name', 'type', 'industries'],
        additionalProperties: false,
      },
    },
  },
  required: [...summaryRequired, 'clusters'],
  additionalProperties: false,
};

const createdResponse = {
  type: 'object',
  description: 'the scheme written (or, with dryRun, what would be written)',
  properties: {
    scheme: { type: 'string' },
    clusterCount: { type: 'integer' },
    industryCount: { type: 'integer' },
    written: { type: 'boolean' },
    warnings: { type: 'array', items: validationIssueSchema },
  },
  required: ['scheme', 'clusterCount', 'industryCount', 'written', 'warnings'],
  additionalProperties: false,
};

const createBody = {
  type: 'object',
  description: 'the clusters as JSON, or `csv`: text in the layout of `clusterlens import clusters` (industry_code, cluster_code, cluster_name[, cluster_type, subcluster_code, subcluster_name])',
  properties: {
    name: { type: 'string', pattern: SCHEME_PATTERN, description: 'the scheme name (lower-case letters, digits, ".", "_", "-")' },
    classification: { type: 'string', minLength: 1, maxLength: 40, description: 'classification of the codes: NAICS2007 (mapped on the US data), NACE2, JSIC13, JSIC14' },
    clusters: {
      type: 'array',
      minItems: 1,
      maxItems: 5000,
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', maxLength: 200 },
          name: { type: 'string', maxLength: 300 },
          type: { type: 'string', enum: ['traded', 'local'], default: 'traded' },
          industries: { type: 'array', maxItems: 20000, items: { type: 'string', maxLength: 40 } },
        },
        required: ['code', 'name', 'industries'],
        additionalProperties: false,
      },
    },
    csv: { type: 'string', minLength: 1, maxLength: 10_000_000 },
  },
  required: ['name', 'classification'],
  oneOf: [{ required: ['clusters'] }, { required: ['csv'] }],
  additionalProperties: false,
  examples: [{ name: 'my-clusters', classification: 'NAICS2007', clusters: [{ code: 'aero', name: 'Aerospace', industries: ['336411', '336412'] }] }],
};

const schemeParams = { type: 'object', properties: { scheme: { type: 'string', pattern: SCHEME_PATTERN } }, required: ['scheme'], additionalProperties: false };
const doc = (schema: Record<string, unknown>): FastifySchema => ({ ...schema, tags: ['cluster-schemes'] }) as FastifySchema;

/**
 * Cluster-definition schemes, read: GET /api/v1/cluster-schemes (the benchmark and the user schemes with
 * counts and dates) and GET /api/v1/cluster-schemes/{scheme} (its clusters with their codes; 404 unknown).
 * The same answers as `clusterlens schemes list|show --format json`. Writes: {@link clusterSchemeWriteRoutes}.
 */
export function clusterSchemeRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/cluster-schemes', { schema: doc({ summary: 'list the cluster-definition schemes', response: { 200: listResponse } }) }, async () => ({ schemes: await listClusterSchemes(store) }));
  app.get<{ Params: { scheme: string } }>(
    '/api/v1/cluster-schemes/:scheme',
    { schema: doc({ summary: 'one cluster-definition scheme with its clusters and industry codes', params: schemeParams, response: { 200: detailResponse, 404: errorSchema, 422: errorSchema } }) },
    async (request) => getClusterScheme(store, request.params.scheme),
  );
}

interface CreateBody {
  name: string;
  classification: string;
  clusters?: ClusterSchemeInput['clusters'];
  csv?: string;
}

function validationFailed(reply: FastifyReply, error: ImportValidationError): FastifyReply {
  const { errors, errorCount, warnings } = error.report;
  return reply.status(422).send({ error: { code: 'VALIDATION_FAILED', message: error.message, details: { errorCount, errors, warnings } } });
}

/**
 * Creating and deleting schemes (editor role): POST /api/v1/cluster-schemes (201; `?dryRun=true` checks
 * only and answers 200; 409 SCHEME_EXISTS for a name taken or the benchmark's; 422 VALIDATION_FAILED with
 * the importer's issues, each with line and field, or INVALID_ARGUMENT for an unknown classification) and
 * DELETE /api/v1/cluster-schemes/{scheme} (200; 404 unknown). All or nothing; `onChange` runs after a write.
 * Each write is recorded in `audit`, when given (entity cluster-scheme: create with the scheme's clusters and codes,
 * delete with the scheme as it was).
 */
export function clusterSchemeWriteRoutes(app: FastifyInstance, store: Store, onChange: () => void = () => undefined, audit?: AuditTrail): void {
  const writable = asWritableStore(store);
  app.post<{ Body: CreateBody; Querystring: { dryRun?: boolean } }>(
    '/api/v1/cluster-schemes',
    {
      preHandler: requireRole('editor'),
      schema: doc({
        summary: 'create a cluster-definition scheme from JSON clusters or CSV text (all or nothing)',
        querystring: { type: 'object', properties: { dryRun: { type: 'boolean', default: false, description: 'validate only; nothing is written' } }, additionalProperties: false },
        body: createBody,
        response: { 200: createdResponse, 201: createdResponse, 401: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      }),
    },
    async (request, reply) => {
      const { name, classification, clusters, csv } = request.body;
      const dryRun = request.query.dryRun === true;
      const input = clusters !== undefined ? { name, classification, clusters } : { name, classification, csv: csv ?? '' };
      try {
        const result = dryRun ? await createClusterScheme(store, input, { dryRun }) : await writable.write((s) => createClusterScheme(s, input));
        if (!dryRun) {
          onChange();
          await audit?.record({ actor: actorOf(request.principal!), action: 'create', entity: 'cluster-scheme', entityId: result.scheme, after: await getClusterScheme(store, result.scheme) });
        }
        return await reply
          .status(dryRun ? 200 : 201)
          .send({ scheme: result.scheme, clusterCount: result.clusterCount, industryCount: result.rowCount, written: result.written, warnings: result.report.warnings });
      } catch (error) {
        if (error instanceof ImportValidationError) return validationFailed(reply, error);
        if (error instanceof ClusterSchemeExistsError) return reply.status(409).send({ error: { code: error.code, message: error.message, details: { scheme: error.scheme } } });
        throw error;
      }
    },
  );

  app.delete<{ Params: { scheme: string } }>(
    '/api/v1/cluster-schemes/:scheme',
    {
      preHandler: requireRole('editor'),
      schema: doc({
        summary: 'delete a user cluster-definition scheme',
        params: schemeParams,
        response: { 200: { type: 'object', properties: { deleted: { type: 'string' } }, required: ['deleted'], additionalProperties: false }, 401: errorSchema, 403: errorSchema, 404: errorSchema, 422: errorSchema },
      }),
    },
    async (request) => {
      const before = await getClusterScheme(store, request.params.scheme).catch(() => null);
      await writable.write((s) => deleteClusterScheme(s, request.params.scheme));
      onChange();
      await audit?.record({ actor: actorOf(request.principal!), action: 'delete', entity: 'cluster-scheme', entityId: request.params.scheme, before });
      return { deleted: request.params.scheme };
    },
  );
}
