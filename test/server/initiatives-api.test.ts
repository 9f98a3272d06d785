/**
 * Initiative monitoring routes on a real server with a DuckDB registry and the default statistics: reads,
 * 401/403 on writes, 409 on a stale version, 422 on bad input, every change in the audit log, outcomes, and
 * every operation answering with a body that matches its documented schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { listAudit } from '../../src/io/registry/audit-log.js';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { buildServer } from '../../src/server/build-server.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { createTestToken } from '../helpers/auth.js';
import { dereference as dereferenceIn } from '../helpers/openapi-document.js';

let directory: string;
let store: DuckDbStore;
let registry: DuckDbSqlClient;
let app: FastifyInstance;
let editorToken: string;
let viewerToken: string;
let document: OpenApiDocument;
const ajv = new Ajv({ strict: false, allErrors: true });

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-initiatives-api-'));
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
  const auth = await AuthService.open(registry);
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir(), auth, registry });
  await app.ready();
  editorToken = await createTestToken(registry, 'editor', 'edna');
  viewerToken = await createTestToken(registry, 'viewer', 'vic');
  document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
});

afterAll(async () => {
  await app.close();
  await registry.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const dereference = (value: unknown): unknown => dereferenceIn(value, document);

/** Asserts the status and that the body matches the operation's documented response schema. */
function documented(path: string, method: string, res: { statusCode: number; body: string; json: () => unknown }, status: number): unknown {
  expect(res.statusCode, res.body).toBe(status);
  const operation = (document.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>)[method]!;
  const schema = operation.responses[String(status)]!.content!['application/json']!.schema;
  const check = ajv.compile(dereference(schema) as object);
  const body = res.json();
  expect(check(body), `${method} ${path} ${status}: ${JSON.stringify(check.errors)}`).toBe(true);
  return body;
}

const newInitiative = { id: 'ohio-auto', name: 'Ohio automotive supplier programme', region: 'US-39', country: 'US', sponsor: 'JobsOhio', sponsorLevel: 'regional', targetClusters: ['automotive'], periodStart: 2009, budget: [{ amount: 5e6, currency: 'USD', year: 2009, source: 'press release' }] };

describe('initiative routes', () => {
  test('GET /api/v1/initiatives lists the demonstration initiatives (loaded on first use) without credentials', async () => {
    const body = documented('/api/v1/initiatives', 'get', await app.inject({ url: '/api/v1/initiatives?demonstration=true' }), 200) as { items: { id: string; demonstration: boolean }[] };
    expect(body.items.map((i) => i.id)).toContain('glasgow-joint-economic-strategy');
    expect(body.items).toHaveLength(7);
    const detail = documented('/api/v1/initiatives/{id}', 'get', await app.inject({ url: '/api/v1/initiatives/meti-industrial-cluster-plan' }), 200) as { initiative: { budget: unknown[] }; kpis: { kpi: string }[] };
    expect(detail.initiative.budget).toHaveLength(2);
    expect(detail.kpis.map((k) => k.kpi)).toContain('smes-involved');
    documented('/api/v1/initiatives/{id}', 'get', await app.inject({ url: '/api/v1/initiatives/no-such' }), 404);
  });

  test('POST /api/v1/initiatives is 401 without credentials, 403 for a viewer, 201 for an editor, audited', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: newInitiative });
    expect(anonymous.statusCode).toBe(401);
    const viewer = await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: newInitiative, headers: bearer(viewerToken) });
    expect(viewer.statusCode).toBe(403);
    const created = documented('/api/v1/initiatives', 'post', await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: newInitiative, headers: bearer(editorToken) }), 201);
    expect(created).toMatchObject({ id: 'ohio-auto', version: 1, demonstration: false });
    documented('/api/v1/initiatives', 'post', await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: newInitiative, headers: bearer(editorToken) }), 409);
    const invalid = documented('/api/v1/initiatives', 'post', await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: { ...newInitiative, id: 'x2', periodEnd: 2000 }, headers: bearer(editorToken) }), 422);
    expect(invalid).toMatchObject({ error: { code: 'INVALID', details: { problems: [{ field: 'periodEnd' }] } } });
    const audit = await listAudit(registry, { entity: 'initiative', entityId: 'ohio-auto' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', userName: 'edna' });
  });

  test('PATCH /api/v1/initiatives/:id needs the current version (409 stale), KPIs are added and audited, DELETE is soft and audited', async () => {
    const patch = { version: 1, periodEnd: 2014 };
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/initiatives/ohio-auto', payload: patch })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/initiatives/ohio-auto', payload: patch, headers: bearer(viewerToken) })).statusCode).toBe(403);
    const updated = documented('/api/v1/initiatives/{id}', 'patch', await app.inject({ method: 'PATCH', url: '/api/v1/initiatives/ohio-auto', payload: patch, headers: bearer(editorToken) }), 200);
    expect(updated).toMatchObject({ version: 2, periodEnd: 2014 });
    const stale = documented('/api/v1/initiatives/{id}', 'patch', await app.inject({ method: 'PATCH', url: '/api/v1/initiatives/ohio-auto', payload: { version: 1, name: 'lost' }, headers: bearer(editorToken) }), 409);
    expect(stale).toMatchObject({ error: { code: 'CONFLICT', details: { currentVersion: 2 } } });
    documented('/api/v1/initiatives/{id}', 'patch', await app.inject({ method: 'PATCH', url: '/api/v1/initiatives/ohio-auto', payload: { name: 'no version' }, headers: bearer(editorToken) }), 422);

    const kpi = { kpi: 'jobs', year: 2011, value: 850, status: 'published', source: 'annual report 2011' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/initiatives/ohio-auto/kpis', payload: kpi })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/initiatives/ohio-auto/kpis', payload: kpi, headers: bearer(viewerToken) })).statusCode).toBe(403);
    const added = documented('/api/v1/initiatives/{id}/kpis', 'post', await app.inject({ method: 'POST', url: '/api/v1/initiatives/ohio-auto/kpis', payload: kpi, headers: bearer(editorToken) }), 201) as { id: string };
    documented('/api/v1/initiatives/{id}/kpis', 'post', await app.inject({ method: 'POST', url: '/api/v1/initiatives/ohio-auto/kpis', payload: { ...kpi, kpi: 'unicorns' }, headers: bearer(editorToken) }), 422);
    expect(await listAudit(registry, { entity: 'initiative-kpi', entityId: added.id })).toHaveLength(1);

    const detail = documented('/api/v1/initiatives/{id}', 'get', await app.inject({ url: '/api/v1/initiatives/ohio-auto' }), 200) as { kpis: unknown[]; targetsVsStrengths: { available: boolean; level: string } };
    expect(detail.kpis).toHaveLength(1);
    expect(detail.targetsVsStrengths).toMatchObject({ available: true, level: 'benchmark-clusters' });

    expect((await app.inject({ method: 'DELETE', url: '/api/v1/initiatives/ohio-auto' })).statusCode).toBe(401);
    documented('/api/v1/initiatives/{id}', 'delete', await app.inject({ method: 'DELETE', url: '/api/v1/initiatives/ohio-auto?version=1', headers: bearer(editorToken) }), 409);
    const deleted = documented('/api/v1/initiatives/{id}', 'delete', await app.inject({ method: 'DELETE', url: '/api/v1/initiatives/ohio-auto?version=2', headers: bearer(editorToken) }), 200) as { deletedAt: string | null };
    expect(deleted.deletedAt).not.toBeNull();
    expect((await app.inject({ url: '/api/v1/initiatives/ohio-auto' })).statusCode).toBe(404);
    const audit = await listAudit(registry, { entity: 'initiative', entityId: 'ohio-auto' });
    expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(audit.every((e) => e.userName === 'edna')).toBe(true);
  });

  test('GET /api/v1/initiatives/:id/outcomes estimates the DiD against chosen peers and says why when it cannot', async () => {
    await app.inject({ method: 'POST', url: '/api/v1/initiatives', payload: { ...newInitiative, id: 'ohio-auto-2' }, headers: bearer(editorToken) });
    const outcomes = documented('/api/v1/initiatives/{id}/outcomes', 'get', await app.inject({ url: '/api/v1/initiatives/ohio-auto-2/outcomes?peers=MI,IN,US-17,US-55' }), 200) as {
      status: string; peers: { region: string }[]; estimate: number; standardErrorMethod: string; assumptions: string[];
    };
    expect(outcomes.status).toBe('estimated');
    expect(outcomes.peers.map((p) => p.region)).toEqual(['US-26', 'US-18', 'US-17', 'US-55']);
    expect(outcomes.standardErrorMethod).toBe('single-treated');
    const glasgow = documented('/api/v1/initiatives/{id}/outcomes', 'get', await app.inject({ url: '/api/v1/initiatives/glasgow-joint-economic-strategy/outcomes' }), 200) as { status: string; reason: string };
    expect(glasgow).toMatchObject({ status: 'insufficient-data' });
    documented('/api/v1/initiatives/{id}/outcomes', 'get', await app.inject({ url: '/api/v1/initiatives/ohio-auto-2/outcomes?peers=UKG3' }), 422);
  });

  test('the OpenAPI document shows request bodies and security on the write operations only', () => {
    const post = document.paths['/api/v1/initiatives']!.post as { requestBody?: unknown; security?: unknown };
    expect(post.requestBody).toBeDefined();
    expect(post.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect((document.paths['/api/v1/initiatives/{id}']!.patch as { requestBody?: unknown }).requestBody).toBeDefined();
    expect((document.paths['/api/v1/initiatives/{id}/kpis']!.post as { security?: unknown }).security).toBeDefined();
    expect((document.paths['/api/v1/initiatives']!.get as { security?: unknown }).security).toBeUndefined();
  });
});
