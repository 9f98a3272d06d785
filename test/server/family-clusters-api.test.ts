import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { clusterRegionsResponse, regionPortfolioResponse } from '../../src/server/response-schemas.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { runCli } from '../helpers/run-cli.js';

let store: DuckDbStore;
let app: FastifyInstance;
const ajv = new Ajv({ strict: false, allErrors: true });

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

interface MapBody {
  cluster: { code: string };
  year: number;
  level?: string;
  regionType?: string;
  rule?: string;
  thresholds: { lq75: number | null; establishments25: number | null };
  regions: { region: string; lq: number | null; strong: boolean | null; stars?: number | null; country?: string }[];
  missing?: { region: string; state: string }[];
}

describe('family-level cluster endpoints (EU NUTS regions, Japanese prefectures)', () => {
  test('GET /api/v1/regions/DE21/clusters?year=2015 matches the documented schema and the CLI JSON', async () => {
    const res = await app.inject({ url: '/api/v1/regions/DE21/clusters?year=2015' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { level: string; year: number; clusters: { code: string; lq: number; stars: number }[] };
    expect(ajv.validate(regionPortfolioResponse, body), JSON.stringify(ajv.errors)).toBe(true);
    expect([body.level, body.year]).toEqual(['family', 2015]);
    expect(body.clusters.find((c) => c.code === 'J')!.lq).toBeCloseTo(1.8157, 4);
    const cli = await runCli(['clusters', '--region', 'DE21', '--year', '2015', '--format', 'json', '--data-dir', inject('defaultDataDir')]);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(body);
  });

  test('GET /api/v1/regions/JP-01/clusters defaults to 2021 with base 2016 (the Japanese years, not the US ones)', async () => {
    const res = await app.inject({ url: '/api/v1/regions/JP-01/clusters' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; baseYear: number; rule: string };
    expect(ajv.validate(regionPortfolioResponse, body), JSON.stringify(ajv.errors)).toBe(true);
    expect([body.year, body.baseYear, body.rule]).toEqual([2021, 2016, 'strong']);
  });

  test('GET /api/v1/clusters/B-E/regions?year=2015&regionType=nuts2 maps industry across the NUTS-2 regions, suppressed cells listed as missing', async () => {
    const res = await app.inject({ url: '/api/v1/clusters/B-E/regions?year=2015&regionType=nuts2' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as MapBody;
    expect(ajv.validate(clusterRegionsResponse, body), JSON.stringify(ajv.errors)).toBe(true);
    expect(body).toMatchObject({ cluster: { code: 'B-E' }, year: 2015, level: 'family', regionType: 'nuts2', rule: 'strong-employment-only' });
    expect(body.thresholds.establishments25).toBeNull();
    expect(body.regions.length + body.missing!.length).toBe(318);
    expect(body.missing).toHaveLength(5); // test/golden/family-mapping/eu-nuts2-2015: 5 regions without a B-E value
    expect(body.regions.find((r) => r.region === 'DE21')).toMatchObject({ lq: 1.1539, country: 'DE' });
    // the strong rule: every strong region is at or above P75 and LQ 1
    for (const r of body.regions.filter((x) => x.strong)) expect(r.lq!).toBeGreaterThanOrEqual(Math.max(1, body.thresholds.lq75!) - 1e-4);
  });

  test('GET /api/v1/clusters/J/regions?regionType=prefecture defaults to 2021; unknown families are 404, bad region types 422', async () => {
    const res = await app.inject({ url: '/api/v1/clusters/J/regions?regionType=prefecture' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as MapBody;
    expect(body.year).toBe(2021);
    expect(body.regions).toHaveLength(47);
    expect(body.regions.find((r) => r.region === 'JP-13')).toMatchObject({ lq: 3.302, stars: 3, strong: true });
    const unknown = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?regionType=nuts2' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: { cluster: 'aerospace-vehicles-and-defense' } } });
    const year = await app.inject({ url: '/api/v1/clusters/J/regions?regionType=prefecture&year=2011' });
    expect(year.statusCode).toBe(404);
    expect(year.json()).toMatchObject({ error: { code: 'NOT_FOUND', details: { year: 2011, available: [2016, 2021] } } });
    const badType = await app.inject({ url: '/api/v1/clusters/J/regions?regionType=nuts3' });
    expect(badType.statusCode).toBe(422);
  });

  test('US answers are unchanged: GET /api/v1/regions/WA/clusters has no family fields and the state map still defaults to 2011', async () => {
    const wa = await app.inject({ url: '/api/v1/regions/WA/clusters' });
    expect(wa.statusCode).toBe(200);
    const body = wa.json() as Record<string, unknown> & { clusters: Record<string, unknown>[]; year: number };
    expect(body.year).toBe(2011);
    expect(body.level).toBeUndefined();
    expect(Object.keys(body.clusters[0]!).sort()).toEqual(['baseEmployment', 'code', 'employment', 'employmentChange', 'establishments', 'estimatedShare', 'lq', 'name', 'strong', 'strong10', 'type']);
    const map = await app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions' });
    expect((map.json() as MapBody).year).toBe(2011);
  });
});
