import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { createTestToken } from '../../../test/helpers/auth.js';
import { ActorRegistry, importActorsCsv } from '../../io/actors/index.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { ActorService } from '../../service/actors/index.js';
import { AuthService } from '../../service/auth/auth-service.js';
import { ClusterService } from '../../service/cluster-service.js';
import { buildServer } from '../build-server.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
let store: DuckDbStore;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
});
afterAll(async () => {
  await store.close();
});

describeRegistryBackends('actor routes', (open) => {
  async function setup() {
    const opened = await open();
    const registry = await ActorRegistry.open(opened.client);
    await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor: { userId: null, name: 'test' } });
    const app = buildServer({
      service: new ClusterService(store),
      webRoot: join(process.cwd(), 'dist', 'web'),
      dataDir: shippedDataDir(),
      auth: await AuthService.open(opened.client),
      registry: opened.client,
      actors: new ActorService(registry),
    });
    await app.ready();
    const tokens = {
      viewer: await createTestToken(opened.client, 'viewer'),
      editor: await createTestToken(opened.client, 'editor', 'erika'),
      admin: await createTestToken(opened.client, 'admin'),
    };
    const as = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });
    return { app, as, cleanup: async () => { await app.close(); await opened.cleanup(); } };
  }

  it('writes need the editor role: 401 without credentials, 403 for a viewer, 201 for an editor, recorded in the audit log', async () => {
    const { app, as, cleanup } = await setup();
    try {
      const body = { id: 'new-co', name: 'New Co', type: 'firm', employees: 30, country: 'DE', keywords: ['sensors'] };
      const anonymous = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: body });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
      const viewer = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: body, headers: as('viewer') });
      expect(viewer.statusCode).toBe(403);
      expect((await app.inject({ method: 'PATCH', url: '/api/v1/organisations/dna-a', payload: { version: 1, name: 'x' } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/organisations/dna-a', headers: as('viewer') })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/v1/linkages', payload: { sourceId: 'dna-a', targetId: 'plater', type: 'supplier' } })).statusCode).toBe(401);
      const created = await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: body, headers: as('editor') });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id: 'new-co', type: 'sme', sme: true, smeRule: 'eu-2003-361', version: 1 });
      const audit = await app.inject({ url: '/api/v1/audit?entity=organisation&entityId=new-co', headers: as('admin') });
      expect(audit.statusCode).toBe(200);
      expect(audit.json().entries.map((e: { action: string; userName: string }) => [e.action, e.userName])).toEqual([['create', 'erika']]);
      expect((await app.inject({ url: '/api/v1/audit', headers: as('editor') })).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/v1/audit' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'POST', url: '/api/v1/organisations', payload: { name: 'x', type: 'company' }, headers: as('editor') })).statusCode).toBe(422);
    } finally {
      await cleanup();
    }
  });

  it('PATCH carries the version read: 200 and version + 1, then 409 for the stale version; DELETE is soft', async () => {
    const { app, as, cleanup } = await setup();
    try {
      const first = await app.inject({ method: 'PATCH', url: '/api/v1/organisations/plater', payload: { version: 1, keywords: ['dna chips', 'plating'] }, headers: as('editor') });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ version: 2, keywords: ['dna chips', 'plating'] });
      const stale = await app.inject({ method: 'PATCH', url: '/api/v1/organisations/plater', payload: { version: 1, name: 'lost update' }, headers: as('editor') });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
      expect((await app.inject({ method: 'PATCH', url: '/api/v1/organisations/plater', payload: { name: 'no version' }, headers: as('editor') })).statusCode).toBe(422);
      const deleted = await app.inject({ method: 'DELETE', url: '/api/v1/organisations/plater?version=2', headers: as('editor') });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json().deletedAt).not.toBeNull();
      expect((await app.inject({ url: '/api/v1/organisations/plater' })).statusCode).toBe(404);
      const trail = await app.inject({ url: '/api/v1/audit?entityId=plater', headers: as('admin') });
      expect(trail.json().entries.map((e: { action: string }) => e.action)).toEqual(['update', 'delete']);
    } finally {
      await cleanup();
    }
  });

  it('linkages: POST, PATCH with version, DELETE; GET an organisation lists its linkages', async () => {
    const { app, as, cleanup } = await setup();
    try {
      const created = await app.inject({ method: 'POST', url: '/api/v1/linkages', payload: { id: 'sup-1', sourceId: 'retail-x', targetId: 'plater', type: 'supplier', startDate: '2021-04-01' }, headers: as('editor') });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ directed: true, version: 1 });
      const unknown = await app.inject({ method: 'POST', url: '/api/v1/linkages', payload: { sourceId: 'retail-x', targetId: 'ghost', type: 'supplier' }, headers: as('editor') });
      expect(unknown.statusCode).toBe(422);
      expect((await app.inject({ method: 'PATCH', url: '/api/v1/linkages/sup-1', payload: { version: 1, weight: 5 }, headers: as('editor') })).json()).toMatchObject({ weight: 5, version: 2 });
      expect((await app.inject({ method: 'PATCH', url: '/api/v1/linkages/sup-1', payload: { version: 1, weight: 6 }, headers: as('editor') })).statusCode).toBe(409);
      const detail = await app.inject({ url: '/api/v1/organisations/plater' });
      expect(detail.json().linkages.map((l: { id: string }) => l.id).sort()).toEqual(['l3', 'sup-1']);
      expect((await app.inject({ method: 'DELETE', url: '/api/v1/linkages/sup-1', headers: as('editor') })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/linkages?organisation=plater' })).json().total).toBe(1);
    } finally {
      await cleanup();
    }
  });

  it('reads: organisations with filters and paging, network indicators and brokers, match; the network follows writes', async () => {
    const { app, as, cleanup } = await setup();
    try {
      const page = await app.inject({ url: '/api/v1/organisations?country=JP&type=sme&limit=1' });
      expect(page.json()).toMatchObject({ total: 2, limit: 1, items: [{ id: 'dna-a' }] });
      const indicators = await app.inject({ url: '/api/v1/network/indicators' });
      expect(indicators.statusCode).toBe(200);
      expect(indicators.json()).toMatchObject({ nodeCount: 9, linkCount: 8 });
      const brokers = await app.inject({ url: '/api/v1/network/brokers?top=1' });
      expect(brokers.json().brokers[0]).toMatchObject({ id: 'dna-a', rank: 1 });
      const roleZ = brokers.json().brokers[0].roleZ as Record<string, number | null>;
      expect(Object.keys(roleZ).sort()).toEqual(['coordinator', 'gatekeeper', 'itinerant', 'liaison', 'representative', 'total']);
      expect(typeof roleZ.total).toBe('number');
      const match = await app.inject({ url: '/api/v1/match?need=dna%20synthesis&type=sme' });
      expect(match.json().suggestions[0].organisation.id).toBe('dna-a');
      expect((await app.inject({ url: '/api/v1/match?organisation=ghost' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/v1/match' })).statusCode).toBe(422);
      expect((await app.inject({ url: '/api/v1/network/indicators?type=company' })).statusCode).toBe(422);
      await app.inject({ method: 'POST', url: '/api/v1/linkages', payload: { sourceId: 'us-firm', targetId: 'de-sme', type: 'joint-rnd' }, headers: as('editor') });
      expect((await app.inject({ url: '/api/v1/network/indicators' })).json().linkCount).toBe(9);
      const communities = await app.inject({ url: '/api/v1/network/communities?seed=2' });
      expect(communities.json().count).toBeGreaterThan(0);
      const evaluation = await app.inject({ url: '/api/v1/match/evaluation?holdOut=0.25&seed=3&k=3' });
      expect(evaluation.json()).toMatchObject({ split: 'random', testFrom: null, seed: 3, k: 3 });
      // these linkages come with no projects, so there is nothing to split by date: 422 saying why
      const temporal = await app.inject({ url: '/api/v1/match/evaluation?split=temporal' });
      expect(temporal.statusCode).toBe(422);
      expect(temporal.json().error.message).toContain('start year');
      expect((await app.inject({ url: '/api/v1/match/evaluation?testFrom=2019' })).statusCode).toBe(422);
    } finally {
      await cleanup();
    }
  });
});
