/**
 * Custom regions over HTTP: GET lists them; POST and DELETE need the editor role (401 signed out, 403 for a
 * viewer, 403 CSRF_FAILED for a session without its token); a created region appears in the list and in the
 * cluster data (its values are its members' sums); bad ids and unknown members are 422, a taken id 409.
 */
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/io/registry/audit-log.js';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { validateOpenApiDocument } from '../../src/server/openapi.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { TEST_PASSWORD } from '../helpers/auth.js';
import { startEditorServer, type EditorServer } from '../helpers/editor-server.js';

let server: EditorServer;
let app: FastifyInstance;
let editorToken: string;
let viewerToken: string;

beforeAll(async () => {
  server = await startEditorServer(inject('defaultDataDir'), 'clusterlens-custom-regions-');
  ({ app, editorToken, viewerToken } = server);
});

afterAll(async () => {
  await server.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const cascadia = { id: 'custom-cascadia', name: 'Cascadia', members: ['US-53', 'US-41'] };

describe('writes need the editor role', () => {
  test('POST without credentials is 401, as a viewer 403, and nothing is written', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', payload: cascadia });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const viewer = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(viewerToken), payload: cascadia });
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const list = await app.inject({ method: 'GET', url: '/api/v1/custom-regions' });
    expect((list.json() as { regions: { id: string }[] }).regions.map((r) => r.id)).not.toContain('custom-cascadia');
  });

  test('a browser session needs its CSRF token', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { name: 'edna', password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const payload = { id: 'custom-pacific', name: 'Pacific', members: ['US-06', 'US-41', 'US-53'] };
    const without = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const withToken = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: { cookie, 'x-csrf-token': csrf }, payload });
    expect(withToken.statusCode, withToken.body).toBe(201);
    expect(withToken.json()).toMatchObject({ id: 'custom-pacific', type: 'custom', members: ['US-06', 'US-41', 'US-53'] });
  });
});

describe('create, use and delete', () => {
  test('an editor creates Cascadia; it is listed and its aerospace employment is the sum of its members', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: cascadia });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'custom-cascadia', name: 'Cascadia', type: 'custom', country: 'US', members: ['US-41', 'US-53'] });
    const list = await app.inject({ method: 'GET', url: '/api/v1/custom-regions' });
    const regions = (list.json() as { regions: { id: string; members: string[] }[] }).regions;
    expect(regions.find((r) => r.id === 'custom-cascadia')?.members).toEqual(['US-41', 'US-53']);

    const portfolio = async (region: string): Promise<Map<string, number>> => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/regions/${region}/clusters?year=2011&baseYear=2007` });
      expect(res.statusCode, res.body).toBe(200);
      return new Map((res.json() as { clusters: { code: string; employment: number }[] }).clusters.map((c) => [c.code, c.employment]));
    };
    const [wa, or, both] = await Promise.all([portfolio('US-53'), portfolio('US-41'), portfolio('custom-cascadia')]);
    const code = 'aerospace-vehicles-and-defense';
    expect(both.get(code)).toBeGreaterThan(0);
    expect(both.get(code)).toBe((wa.get(code) ?? 0) + (or.get(code) ?? 0));
  });

  test('a taken id is 409 unless replace is set; unknown members, bad ids and bodies failing the schema are 422', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: cascadia });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'REGION_EXISTS' } });
    const replaced = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: { ...cascadia, members: ['US-53', 'US-41', 'US-16'], replace: true } });
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect(replaced.json()).toMatchObject({ members: ['US-16', 'US-41', 'US-53'] });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: { id: 'custom-nowhere', name: 'Nowhere', members: ['US-99'] } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const badId = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: { id: 'Cascadia', name: 'x', members: ['US-53'] } });
    expect(badId.statusCode).toBe(422);
    expect(badId.json()).toHaveProperty('error.code');
    const noMembers = await app.inject({ method: 'POST', url: '/api/v1/custom-regions', headers: bearer(editorToken), payload: { id: 'custom-empty', name: 'Empty', members: [] } });
    expect(noMembers.statusCode).toBe(422);
  });

  test('DELETE needs the editor role, removes the region, and is 404 the second time', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/custom-regions/custom-cascadia' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/custom-regions/custom-cascadia', headers: bearer(viewerToken) })).statusCode).toBe(403);
    const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/custom-regions/custom-cascadia', headers: bearer(editorToken) });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ deleted: 'custom-cascadia' });
    const list = await app.inject({ method: 'GET', url: '/api/v1/custom-regions' });
    expect((list.json() as { regions: { id: string }[] }).regions.map((r) => r.id)).not.toContain('custom-cascadia');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/custom-regions/custom-cascadia', headers: bearer(editorToken) })).statusCode).toBe(404);
    // the creation, the replacement (with replace: true) and the deletion are in the audit log, by the editor,
    // each with the region's members before and after
    const audit = await listAudit(server.registry, { entity: 'custom-region', entityId: 'custom-cascadia' });
    expect(audit.map((e) => [e.action, e.userName])).toEqual([
      ['create', 'edna'],
      ['update', 'edna'],
      ['delete', 'edna'],
    ]);
    const members = (json: string | null): string[] => (JSON.parse(json ?? 'null') as { members: string[] }).members;
    expect(members(audit[0]!.after)).toEqual(['US-41', 'US-53']);
    expect(members(audit[1]!.before)).toEqual(['US-41', 'US-53']);
    expect(members(audit[1]!.after)).toEqual(['US-16', 'US-41', 'US-53']);
    expect(JSON.parse(audit[2]!.before ?? 'null')).toEqual(JSON.parse(audit[1]!.after ?? 'null'));
    expect(audit[2]!.after).toBeNull();
  });

  test('the OpenAPI document lists both writes with the editor security and the request body', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }>> };
    const post = doc.paths['/api/v1/custom-regions']?.post;
    expect(post?.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(post?.requestBody).toBeDefined();
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '401', '403', '409', '422']));
    expect(doc.paths['/api/v1/custom-regions/{id}']?.delete).toBeDefined();
    expect(validateOpenApiDocument(doc as unknown as OpenApiDocument)).toEqual([]);
  });
});
