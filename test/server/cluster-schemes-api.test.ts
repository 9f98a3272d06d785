/**
 * Cluster-definition schemes over HTTP: GET lists the benchmark and user schemes and shows one; POST (JSON or
 * CSV text) and DELETE need the editor role (401 signed out, 403 viewer); a created scheme is listed and used
 * by ?scheme= on the region's clusters; a taken name is 409, an invalid definition 422 with line and field,
 * an unknown scheme 404. All or nothing: a refused create leaves nothing behind.
 */
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../src/io/registry/audit-log.js';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startEditorServer, type EditorServer } from '../helpers/editor-server.js';

let server: EditorServer;
let app: FastifyInstance;
let editorToken: string;
let viewerToken: string;

beforeAll(async () => {
  server = await startEditorServer(inject('defaultDataDir'), 'clusterlens-cluster-schemes-');
  ({ app, editorToken, viewerToken } = server);
});

afterAll(async () => {
  await server.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const scheme = {
  name: 'wa-test',
  classification: 'NAICS2007',
  clusters: [
    { code: 'media', name: 'Media and telecom', industries: ['511', '515', '517'] },
    { code: 'aero', name: 'Aerospace', industries: ['3364'] },
    { code: 'building', name: 'Construction', type: 'local', industries: ['236', '237', '238'] },
  ],
};
interface Listed { name: string; source: string; clusterCount: number; industryCount: number; classification: string; createdAt: string | null }

describe('cluster schemes', () => {
  test('GET /api/v1/cluster-schemes lists the benchmark; GET /{scheme} shows its clusters with codes', async () => {
    const list = await app.inject({ url: '/api/v1/cluster-schemes' });
    expect(list.statusCode).toBe(200);
    const benchmark = (list.json() as { schemes: Listed[] }).schemes[0]!;
    expect(benchmark).toMatchObject({ name: 'us-benchmark-2016', source: 'benchmark', classification: 'NAICS2007', clusterCount: 67, createdAt: null });
    const detail = await app.inject({ url: '/api/v1/cluster-schemes/us-benchmark-2016' });
    const aerospace = (detail.json() as { clusters: { code: string; industries: string[] }[] }).clusters.find((c) => c.code === 'aerospace-vehicles-and-defense');
    expect(aerospace?.industries).toContain('336411');
  });

  test('POST without credentials is 401, as a viewer 403, and nothing is written', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', payload: scheme })).statusCode).toBe(401);
    const viewer = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(viewerToken), payload: scheme });
    expect(viewer.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/cluster-schemes/wa-test' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/cluster-schemes/wa-test' })).statusCode).toBe(404);
  });

  test('create → list → use on /regions/US-53/clusters?scheme= → 409 on the same name → delete → 404', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: scheme });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ scheme: 'wa-test', clusterCount: 3, industryCount: 7, written: true });

    const listed = (await app.inject({ url: '/api/v1/cluster-schemes' })).json() as { schemes: Listed[] };
    const mine = listed.schemes.find((s) => s.name === 'wa-test');
    expect(mine).toMatchObject({ source: 'user', classification: 'NAICS2007', clusterCount: 3, industryCount: 7 });
    expect(mine?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const shown = (await app.inject({ url: '/api/v1/cluster-schemes/wa-test' })).json() as { clusters: { code: string; type: string; industries: string[] }[] };
    expect(shown.clusters).toEqual([
      { code: 'aero', name: 'Aerospace', type: 'traded', industries: ['3364'] },
      { code: 'building', name: 'Construction', type: 'local', industries: ['236', '237', '238'] },
      { code: 'media', name: 'Media and telecom', type: 'traded', industries: ['511', '515', '517'] },
    ]);

    const used = await app.inject({ url: '/api/v1/regions/US-53/clusters?year=2011&scheme=wa-test' });
    expect(used.statusCode, used.body).toBe(200);
    const portfolio = used.json() as { scheme: string; clusters: { code: string; employment: number }[] };
    expect(portfolio.scheme).toBe('wa-test');
    expect(portfolio.clusters.map((c) => c.code).sort()).toEqual(['aero', 'building', 'media']);
    expect(portfolio.clusters.find((c) => c.code === 'aero')!.employment).toBeGreaterThan(50_000);

    const again = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: scheme });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'SCHEME_EXISTS', details: { scheme: 'wa-test' } } });
    const benchmark = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: { ...scheme, name: 'us-benchmark-2016' } });
    expect(benchmark.statusCode).toBe(409);

    const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/cluster-schemes/wa-test', headers: bearer(editorToken) });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual({ deleted: 'wa-test' });
    expect((await app.inject({ url: '/api/v1/cluster-schemes/wa-test' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/regions/US-53/clusters?year=2011&scheme=wa-test' })).statusCode).toBe(404);
    expect(((await app.inject({ url: '/api/v1/cluster-schemes' })).json() as { schemes: Listed[] }).schemes.map((s) => s.name)).not.toContain('wa-test');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/cluster-schemes/wa-test', headers: bearer(editorToken) })).statusCode).toBe(404);
    // both writes are in the audit log, by the editor, with the scheme's clusters after creation and before deletion
    const audit = await listAudit(server.registry, { entity: 'cluster-scheme', entityId: 'wa-test' });
    expect(audit.map((e) => [e.action, e.userName])).toEqual([
      ['create', 'edna'],
      ['delete', 'edna'],
    ]);
    const clustersOf = (json: string | null): string[] => (JSON.parse(json ?? 'null') as { clusters: { code: string }[] }).clusters.map((c) => c.code).sort();
    expect(clustersOf(audit[0]!.after)).toEqual(['aero', 'building', 'media']);
    expect(clustersOf(audit[1]!.before)).toEqual(['aero', 'building', 'media']);
    expect(audit[1]!.after).toBeNull();
  });

  test('CSV text in the layout of `import clusters` is refused with the importer\'s line and field; nothing is written', async () => {
    const csv = 'industry_code,cluster_code,cluster_name\n511,media,Media\n999999,media,Media\n511,other,Other\n';
    const refused = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: { name: 'bad-csv', classification: 'NAICS2007', csv } });
    expect(refused.statusCode).toBe(422);
    const body = refused.json() as { error: { code: string; details: { errors: { line: number; field: string; code: string }[] } } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details.errors).toMatchObject([
      { line: 3, field: 'industry_code', code: 'UNKNOWN_CODE' },
      { line: 4, field: 'industry_code', code: 'DUPLICATE' },
    ]);
    expect((await app.inject({ url: '/api/v1/cluster-schemes/bad-csv' })).statusCode).toBe(404);
  });

  test('JSON clusters are checked the same way, the field naming the cluster and industry; dryRun writes nothing', async () => {
    const payload = { name: 'bad-json', classification: 'NAICS2007', clusters: [{ code: 'a', name: 'A', industries: ['511', 'nope'] }] };
    const refused = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { errors: [{ line: 3, field: 'clusters[0].industries[1]', code: 'UNKNOWN_CODE' }] } } });
    const dry = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes?dryRun=true', headers: bearer(editorToken), payload: { ...payload, clusters: [{ code: 'a', name: 'A', industries: ['511'] }] } });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ scheme: 'bad-json', written: false, clusterCount: 1, industryCount: 1 });
    expect((await app.inject({ url: '/api/v1/cluster-schemes/bad-json' })).statusCode).toBe(404);
    const unknownClassification = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: { ...payload, classification: 'SIC1987' } });
    expect(unknownClassification.statusCode).toBe(422);
    const badName = await app.inject({ method: 'POST', url: '/api/v1/cluster-schemes', headers: bearer(editorToken), payload: { ...payload, name: 'Bad Name' } });
    expect(badName.statusCode).toBe(422);
  });
});
