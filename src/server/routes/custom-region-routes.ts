import { actorOf } from '../../service/auth/auth-service.js';
import type { AuditTrail } from '../../service/audit/audit-trail.js';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Store } from '../../io/store/store.js';
import { StoreError } from '../../io/store/store.js';
import { asWritableStore } from '../../service/imports/as-writable-store.js';
import { requireRole } from '../auth/require-role.js';
import { customRegionsResponse, errorSchema } from '../response-schemas.js';

/**
 * Custom regions, read only: GET /api/v1/custom-regions (the same JSON as `clusterlens regions custom
 * --format json`). Creating and deleting them needs the editor role: see {@link customRegionWriteRoutes}.
 */
export function customRegionRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/custom-regions', { schema: { response: { 200: customRegionsResponse } } }, async () => ({ regions: await store.listCustomRegions() }));
}

interface CreateBody {
  id: string;
  name: string;
  members: string[];
  replace?: boolean;
}

/** One custom region: the items of the list's schema. */
const customRegionSchema = ((customRegionsResponse.properties as Record<string, Record<string, unknown>>).regions ?? {}).items as Record<string, unknown>;

const createBody = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^custom-[a-z0-9][a-z0-9-]{0,62}$', description: 'custom-… id, e.g. custom-cascadia' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    members: { type: 'array', minItems: 1, maxItems: 5000, items: { type: 'string', minLength: 1, maxLength: 40 }, description: 'region ids already in the database (not custom regions)' },
    replace: { type: 'boolean', default: false, description: 'redefine a custom region of the same id (else 409)' },
  },
  required: ['id', 'name', 'members'],
  additionalProperties: false,
};


/**
 * Custom regions over HTTP (editor role): POST /api/v1/custom-regions (201 with the region; 409
 * REGION_EXISTS when the id is taken and replace is not set; 422 for unknown members or a bad id or
 * body) and DELETE /api/v1/custom-regions/{id} (200, 404 when there is no such custom region). Writes go
 * through the store's write path (a read-only embedded store is reopened read-write for the change).
 * `onChange` runs after each change (caches of regions and results). Each change is recorded in `audit`, when given
 * (entity custom-region: create with the region, delete with the region as it was).
 */
export function customRegionWriteRoutes(app: FastifyInstance, store: Store, onChange: () => void = () => undefined, audit?: AuditTrail): void {
  const writable = asWritableStore(store);
  const doc = (schema: Record<string, unknown>): FastifySchema => ({ ...schema, tags: ['custom-regions'] }) as FastifySchema;
  const refused = (error: unknown): { status: number; body: unknown } | undefined => {
    if (error instanceof StoreError && error.code === 'REGION_EXISTS') return { status: 409, body: { error: { code: error.code, message: error.message, details: {} } } };
    if (error instanceof StoreError && error.code === 'INVALID_INPUT') return { status: 422, body: { error: { code: error.code, message: error.message, details: {} } } };
    return undefined;
  };

  app.post<{ Body: CreateBody }>(
    '/api/v1/custom-regions',
    {
      preHandler: requireRole('editor'),
      schema: doc({
        summary: 'create a custom region from existing regions (its values are the sums of its members\')',
        body: createBody,
        response: { 201: customRegionSchema, 401: errorSchema, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      }),
    },
    async (request, reply) => {
      const { id, name, members, replace } = request.body;
      try {
        const before = (await store.listCustomRegions()).find((r) => r.id === id) ?? null;
        const created = await writable.write((s) => s.createCustomRegion({ id, name, members }, { replace: replace === true }));
        onChange();
        await audit?.record({ actor: actorOf(request.principal!), action: before === null ? 'create' : 'update', entity: 'custom-region', entityId: created.id, before, after: created });
        return await reply.status(201).send(created);
      } catch (error) {
        const answer = refused(error);
        if (answer) return reply.status(answer.status).send(answer.body);
        throw error;
      }
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/custom-regions/:id',
    {
      preHandler: requireRole('editor'),
      schema: doc({
        summary: 'delete a custom region',
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'], additionalProperties: false },
        response: { 200: { type: 'object', properties: { deleted: { type: 'string' } }, required: ['deleted'], additionalProperties: false }, 401: errorSchema, 403: errorSchema, 404: errorSchema },
      }),
    },
    async (request, reply) => {
      const before = (await store.listCustomRegions()).find((r) => r.id === request.params.id) ?? null;
      const deleted = await writable.write((s) => s.deleteCustomRegion(request.params.id));
      if (!deleted) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no custom region ${request.params.id}`, details: { id: request.params.id } } });
      onChange();
      await audit?.record({ actor: actorOf(request.principal!), action: 'delete', entity: 'custom-region', entityId: request.params.id, before });
      return { deleted: request.params.id };
    },
  );
}
