/**
 * The authentication routes on a real server with a DuckDB registry: 401 without credentials, 403 below the
 * role, CSRF on session writes, 409 on a stale version, 429 with Retry-After on repeated failed logins,
 * closed reads on demand, and every auth operation in the OpenAPI document answering as documented.
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
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { listAudit } from '../../src/io/registry/audit-log.js';
import { buildServer } from '../../src/server/build-server.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { createTestToken, TEST_PASSWORD } from '../helpers/auth.js';
import { dereference } from '../helpers/openapi-document.js';

let directory: string;
let store: DuckDbStore;
let registry: DuckDbSqlClient;
let auth: AuthService;
let app: FastifyInstance;
let closedApp: FastifyInstance;
let adminToken: string;
let viewerToken: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-auth-'));
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
  auth = await AuthService.open(registry);
  const service = new ClusterService(store);
  const common = { service, webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir(), auth, registry };
  app = buildServer(common);
  closedApp = buildServer({ ...common, readAccess: 'authenticated' });
  await Promise.all([app.ready(), closedApp.ready()]);
  adminToken = await createTestToken(registry, 'admin', 'root');
  viewerToken = await createTestToken(registry, 'viewer', 'vera');
});

afterAll(async () => {
  await app.close();
  await closedApp.close();
  await registry.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(name: string, password = TEST_PASSWORD): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name, password } });
  expect(res.statusCode, res.body).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: (res.json() as { csrfToken: string }).csrfToken, setCookie };
}

describe('writes need a role', () => {
  test('POST /api/v1/users without credentials is 401, with a viewer token 403, with an admin token 201', async () => {
    const payload = { name: 'erin', password: TEST_PASSWORD, role: 'editor' };
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/users', payload });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    const forged = await app.inject({ method: 'POST', url: '/api/v1/users', payload, headers: bearer('clt_forged') });
    expect(forged.statusCode).toBe(401);
    const viewer = await app.inject({ method: 'POST', url: '/api/v1/users', payload, headers: bearer(viewerToken) });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { requiredRole: 'admin', role: 'viewer' } } });
    const admin = await app.inject({ method: 'POST', url: '/api/v1/users', payload, headers: bearer(adminToken) });
    expect(admin.statusCode).toBe(201);
    expect(admin.json()).toMatchObject({ name: 'erin', role: 'editor', version: 1 });
    expect(admin.body).not.toContain('scrypt');
    const audit = await listAudit(registry, { entity: 'user' });
    expect(audit.at(-1)).toMatchObject({ action: 'create', userName: 'root' });
  });

  test('invalid bodies are 422 and a duplicate user is 409', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'x y', password: 'short', role: 'king' }, headers: bearer(adminToken) });
    expect(bad.statusCode).toBe(422);
    const again = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'root', password: TEST_PASSWORD, role: 'viewer' }, headers: bearer(adminToken) });
    expect(again.statusCode).toBe(409);
  });

  test('PATCH /api/v1/users/:id with a stale version is 409 (no lost update)', async () => {
    const users = (await app.inject({ url: '/api/v1/users', headers: bearer(adminToken) })).json() as { users: { id: string; name: string; version: number }[] };
    const vera = users.users.find((u) => u.name === 'vera')!;
    const first = await app.inject({ method: 'PATCH', url: `/api/v1/users/${vera.id}`, payload: { role: 'viewer', version: vera.version }, headers: bearer(adminToken) });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({ method: 'PATCH', url: `/api/v1/users/${vera.id}`, payload: { role: 'admin', version: vera.version }, headers: bearer(adminToken) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CONFLICT' } });
  });
});

describe('browser sessions', () => {
  test('login sets an HttpOnly SameSite=Strict cookie; a session write needs the CSRF token', async () => {
    await createTestToken(registry, 'editor', 'edna');
    const { cookie, csrf, setCookie } = await login('edna');
    expect(setCookie).toMatch(/clusterlens_session=cls_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const me = (await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json() as { principal: { name: string; via: string }; csrfToken: string };
    expect(me).toMatchObject({ principal: { name: 'edna', via: 'session' }, csrfToken: csrf });
    const noCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'x' }, headers: { cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const wrongCsrf = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'x' }, headers: { cookie, 'x-csrf-token': `csrf_${'x'.repeat(csrf.length - 5)}` } });
    expect(wrongCsrf.statusCode).toBe(403);
    const created = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'laptop' }, headers: { cookie, 'x-csrf-token': csrf } });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json() as { secret: string; token: { id: string } };
    expect((await app.inject({ url: '/api/v1/auth/me', headers: bearer(secret) })).json()).toMatchObject({ principal: { name: 'edna', via: 'token' }, csrfToken: null });
    const listed = (await app.inject({ url: '/api/v1/auth/tokens', headers: bearer(secret) })).json() as { tokens: { id: string }[] };
    expect(listed.tokens.map((t) => t.id)).toContain(token.id);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: bearer(secret) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/tokens', headers: bearer(secret) })).statusCode).toBe(401);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json()).toMatchObject({ principal: null });
  });

  test('repeated failed logins are 429 with Retry-After', async () => {
    await createTestToken(registry, 'viewer', 'target');
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'target', password: `wrong ${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const limited = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'target', password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('900');
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});

describe('read access', () => {
  test('reads are open by default; with readAccess authenticated they need a viewer, health and the document stay open', async () => {
    expect((await app.inject({ url: '/api/v1/meta' })).statusCode).toBe(200);
    expect((await closedApp.inject({ url: '/api/v1/meta' })).statusCode).toBe(401);
    expect((await closedApp.inject({ url: '/api/v1/meta', headers: bearer(viewerToken) })).statusCode).toBe(200);
    expect((await closedApp.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await closedApp.inject({ url: '/api/v1/openapi.json' })).statusCode).toBe(200);
  });

  test('a server without an AuthService refuses every guarded write', async () => {
    const bare = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
    try {
      const res = await bare.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'x' }, headers: bearer(adminToken) });
      expect(res.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});

/** The schema with every local $ref replaced by what it points to. */
describe('OpenAPI: auth operations are documented with bodies and security, and answer as documented', () => {
  test('the document declares bearer and cookie security and request bodies', async () => {
    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument & { components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearerToken', 'sessionCookie']);
    const createUser = document.paths['/api/v1/users']!.post as { requestBody?: unknown; security?: unknown[] };
    expect(createUser.requestBody).toBeDefined();
    expect(createUser.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect((document.paths['/api/v1/auth/login']!.post as { security?: unknown }).security).toBeUndefined();
  });

  test('each auth and user operation answers a valid request with a body matching its documented schema', async () => {
    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = (path: string, method: string, status: number, body: unknown): void => {
      const operation = (document.paths[path] as Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>)[method]!;
      const schema = operation.responses[String(status)]!.content!['application/json']!.schema;
      const check = ajv.compile(dereference(schema, document) as object);
      expect(check(body), `${method} ${path}: ${JSON.stringify(check.errors)}`).toBe(true);
    };
    await createTestToken(registry, 'viewer', 'olga');
    const loginRes = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'olga', password: TEST_PASSWORD } });
    validate('/api/v1/auth/login', 'post', 200, loginRes.json());
    const { csrfToken } = loginRes.json() as { csrfToken: string };
    const cookie = String(loginRes.headers['set-cookie']).split(';')[0]!;
    validate('/api/v1/auth/me', 'get', 200, (await app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).json());
    const created = await app.inject({ method: 'POST', url: '/api/v1/auth/tokens', payload: { label: 'c', expiresInDays: 7 }, headers: { cookie, 'x-csrf-token': csrfToken } });
    validate('/api/v1/auth/tokens', 'post', 201, created.json());
    validate('/api/v1/auth/tokens', 'get', 200, (await app.inject({ url: '/api/v1/auth/tokens', headers: { cookie } })).json());
    const id = (created.json() as { token: { id: string } }).token.id;
    validate('/api/v1/auth/tokens/{id}', 'delete', 200, (await app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}`, headers: { cookie, 'x-csrf-token': csrfToken } })).json());
    const users = await app.inject({ url: '/api/v1/users', headers: bearer(adminToken) });
    validate('/api/v1/users', 'get', 200, users.json());
    const newUser = await app.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'pat', password: TEST_PASSWORD, role: 'viewer' }, headers: bearer(adminToken) });
    validate('/api/v1/users', 'post', 201, newUser.json());
    const pat = newUser.json() as { id: string; version: number };
    validate('/api/v1/users/{id}', 'patch', 200, (await app.inject({ method: 'PATCH', url: `/api/v1/users/${pat.id}`, payload: { disabled: true, version: pat.version }, headers: bearer(adminToken) })).json());
    validate('/api/v1/users', 'post', 401, (await app.inject({ method: 'POST', url: '/api/v1/users', payload: { name: 'q', password: TEST_PASSWORD, role: 'viewer' } })).json());
    validate('/api/v1/auth/logout', 'post', 200, (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrfToken } })).json());
  });
});
