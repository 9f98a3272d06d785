/**
 * Contract tests of the complete server — with accounts, the registry, actors, initiatives and imports, as
 * `clusterlens serve` builds it — from its own OpenAPI document (test/server/openapi-contract.test.ts covers
 * the read-only server and every GET operation answering 200). Here: the document still validates and lists
 * every /api/v1 route the server registered; every operation that writes declares `security` and its
 * documented 401; and each of them, called without credentials, answers 401 with a body matching the
 * documented error schema — unauthenticated writes are refused, for every write route there is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { ActorRegistry, importActorsCsv } from '../../src/io/actors/index.js';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { buildServer } from '../../src/server/build-server.js';
import { validateOpenApiDocument } from '../../src/server/openapi.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { ActorService } from '../../src/service/actors/index.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { dereference as dereferenceIn, printedRoutes } from '../helpers/openapi-document.js';

const directory = mkdtempSync(join(tmpdir(), 'clusterlens-guarded-'));
const store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
const registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
const actorRegistry = await ActorRegistry.open(registry);
const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
await importActorsCsv(actorRegistry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor: { userId: null, name: 'test' } });
const app = buildServer({
  service: new ClusterService(store),
  webRoot: join(process.cwd(), 'dist', 'web'),
  dataDir: shippedDataDir(),
  auth: await AuthService.open(registry),
  registry,
  actors: new ActorService(actorRegistry),
});
await app.ready();
const document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation: operation as OpenApiDocument['paths'][string][string] & { security?: unknown[]; requestBody?: unknown } })),
);
/** Operations that are not GET yet write nothing: they compute from the body and are open like the reads. */
const OPEN_COMPUTATIONS = ['POST /api/v1/composite'];
const writes = operations.filter((o) => o.method !== 'GET' && o.path !== '/api/v1/auth/login' && !OPEN_COMPUTATIONS.includes(`${o.method} ${o.path}`));

afterAll(async () => {
  await app.close();
  await registry.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

const dereference = (value: unknown): unknown => dereferenceIn(value, document);

/** Every /api/v1 route with its methods from Fastify's own route tree (HEAD left out, as in the document). */
function registeredRoutes(): string[] {
  const routes = printedRoutes(app)
    .filter(({ method, url }) => url.startsWith('/api/v1/') && method !== 'HEAD')
    .map(({ method, url }) => `${method} ${url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

describe('the complete server\'s OpenAPI document', () => {
  test('validates, and lists every /api/v1 route the server registered — reads and writes — and nothing else', () => {
    expect(validateOpenApiDocument(document)).toEqual([]);
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(registeredRoutes());
    expect(writes.length).toBeGreaterThanOrEqual(15);
    for (const path of ['/api/v1/organisations', '/api/v1/initiatives', '/api/v1/imports', '/api/v1/custom-regions', '/api/v1/users']) {
      expect(writes.some((w) => w.path === path && w.method === 'POST'), path).toBe(true);
    }
  });

  test('every write operation declares its credentials (bearer token or session cookie) and a documented 401', () => {
    const missing = writes.filter((w) => !Array.isArray(w.operation.security) || w.operation.responses['401'] === undefined).map((w) => `${w.method} ${w.path}`);
    expect(missing).toEqual([]);
    expect(Object.keys((document.components as { securitySchemes?: object }).securitySchemes ?? {}).sort()).toEqual(['bearerToken', 'sessionCookie']);
  });
});

describe('open computations', () => {
  test.each(OPEN_COMPUTATIONS)('%s is documented without credentials and answers a caller without them', async (name) => {
    const [method, path] = name.split(' ') as ['POST', string];
    const operation = operations.find((o) => o.method === method && o.path === path);
    expect(operation, name).toBeDefined();
    expect(operation!.operation.security).toBeUndefined();
    const schema = (operation!.operation.requestBody as { content: Record<string, { schema: { examples?: unknown[] } }> }).content['application/json']!.schema;
    const res = await app.inject({ method, url: path, payload: schema.examples![0] as object });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('contract: every write operation refuses a caller without credentials', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  test.each(writes)('$method $path without credentials answers 401 with the documented error body', async ({ method, path, operation }) => {
    const url = path.replace(/\{[^}]+\}/g, 'example-id');
    const body = (operation.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
    const json = body !== undefined && 'application/json' in body;
    const res = await app.inject({
      method: method as 'POST' | 'PATCH' | 'DELETE' | 'PUT',
      url,
      ...(json ? { payload: {} } : body !== undefined ? { payload: 'region,industry,value\n', headers: { 'content-type': 'text/csv' } } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(401);
    const schema = operation.responses['401']!.content!['application/json']!.schema;
    const validate = ajv.compile(dereference(schema) as object);
    expect(validate(res.json()), JSON.stringify(validate.errors)).toBe(true);
    expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
