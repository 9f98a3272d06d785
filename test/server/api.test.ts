import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { runCli } from '../helpers/run-cli.js';

let store: DuckDbStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('HTTP API /api/v1', () => {
  test('GET /api/v1/regions/WA/clusters?year=2011 returns the same JSON as the CLI', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/regions/WA/clusters?year=2011' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { region: string; clusters: { name: string; strong: boolean; lq: number }[] };
    expect(body.region).toBe('US-53');
    const aero = body.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')!;
    expect(aero.strong).toBe(true);
    expect(aero.lq).toBeGreaterThan(3);
    const cli = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', inject('defaultDataDir')]);
    expect(JSON.parse(cli.stdout)).toEqual(body);
  });

  test('GET /api/v1/clusters/{code}/regions returns every state with LQ and strong flags', async () => {
    const res = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { cluster: { name: string }; regions: { postal: string; strong: boolean }[]; thresholds: Record<string, number> };
    expect(body.cluster.name).toBe('Aerospace Vehicles and Defense');
    expect(body.regions).toHaveLength(51);
    expect(body.regions.find((r) => r.postal === 'WA')!.strong).toBe(true);
    expect(body.thresholds.lq75).toBeGreaterThan(1);
  });

  test('GET /api/v1/meta, /api/v1/clusters and /api/v1/geo/us-states answer', async () => {
    expect((await app.inject({ url: '/api/v1/meta' })).json()).toMatchObject({ years: [2007, 2011], defaultYear: 2011 });
    const clusters = (await app.inject({ url: '/api/v1/clusters' })).json() as { clusters: unknown[] };
    expect(clusters.clusters).toHaveLength(67);
    const geo = await app.inject({ url: '/api/v1/geo/us-states' });
    expect(geo.statusCode).toBe(200);
    expect((geo.json() as { type: string }).type).toBe('Topology');
  });

  test('errors have the shape { error: { code, message, details } } with 404 and 422', async () => {
    const unknownRegion = await app.inject({ url: '/api/v1/regions/ZZ/clusters?year=2011' });
    expect(unknownRegion.statusCode).toBe(404);
    expect(unknownRegion.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const badYear = await app.inject({ url: '/api/v1/regions/WA/clusters?year=abc' });
    expect(badYear.statusCode).toBe(422);
    expect(badYear.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const unknownCluster = await app.inject({ url: '/api/v1/clusters/no-such-cluster/regions' });
    expect(unknownCluster.statusCode).toBe(404);
    const noRoute = await app.inject({ url: '/api/v1/nothing-here' });
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json()).toHaveProperty('error.message');
  });

  test('the workbench is served at / and paths outside the web root are refused', async () => {
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    const escape = await app.inject({ url: '/..%2f..%2fpackage.json' });
    expect(escape.statusCode).toBe(404);
  });
});
