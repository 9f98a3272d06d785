/**
 * Golden case of a user cluster-definition scheme (docs/data/cluster-schemes.md): five clusters defined from
 * 3-digit NAICS codes give, for every state in 2011, the employment and cluster LQ that awk computes straight
 * from the shipped CBP file (naics-3digit-states-2011/SOURCE.md). Also over HTTP (?scheme=), an unknown scheme
 * (404 NOT_FOUND), and the benchmark default unchanged.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../../src/io/duckdb/duckdb-store.js';
import { importClusterDefinitions } from '../../../src/io/importers/generic-csv/import-cluster-definitions.js';
import { buildServer } from '../../../src/server/build-server.js';
import { ClusterService } from '../../../src/service/cluster-service.js';
import { regionPortfolio } from '../../../src/service/portfolio/region-portfolio.js';
import { ServiceError } from '../../../src/service/service-error.js';

const here = dirname(fileURLToPath(import.meta.url));
const caseDir = join(here, 'naics-3digit-states-2011');
interface Expected { year: number; clusters: string[]; regions: Record<string, Record<string, { employment: number; lq: number }>> }
const expected = JSON.parse(readFileSync(join(caseDir, 'expected.json'), 'utf8')) as Expected;
const scheme = 'naics-3digit';

let directory: string;
let store: DuckDbStore;
let service: ClusterService;
let app: FastifyInstance;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-schemes-'));
  copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(directory, DATABASE_FILE));
  store = await DuckDbStore.open(join(directory, DATABASE_FILE));
  await importClusterDefinitions(store, join(caseDir, 'scheme.csv'), { scheme, classification: 'NAICS2007' });
  service = new ClusterService(store);
  app = buildServer({ service, webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('user scheme naics-3digit (5 clusters from 3-digit NAICS codes), states 2011, against awk on the shipped CBP file', () => {
  test('mapping(2011, "state", { scheme }) gives every state\'s cluster employment and LQ as awk does', async () => {
    const m = await service.mapping(expected.year, 'state', { scheme });
    expect(m.scheme).toBe(scheme);
    expect(m.clusters.map((c) => c.code).sort()).toEqual([...expected.clusters].sort());
    expect(m.regions.map((r) => r.id)).toEqual(Object.keys(expected.regions));
    const nc = m.clusters.length;
    m.regions.forEach((region, r) => {
      m.clusters.forEach((c, k) => {
        const want = expected.regions[region.id]![c.code]!;
        expect(m.employment[r * nc + k], `${region.id} ${c.code}`).toBeCloseTo(want.employment, 6);
        expect(Math.abs(m.lq[r * nc + k]! - want.lq), `${region.id} ${c.code} LQ`).toBeLessThan(1e-9);
      });
      expect(m.unallocated[r]).toBeGreaterThanOrEqual(0);
    });
  });

  test('regionPortfolio("WA", 2011, …, { scheme }) and the HTTP routes answer with the scheme\'s clusters', async () => {
    const wa = expected.regions['US-53']!;
    const portfolio = await service.regionPortfolio('WA', 2011, undefined, { scheme });
    expect(portfolio.scheme).toBe(scheme);
    expect(portfolio.clusters.find((c) => c.code === 'media-and-telecom')).toMatchObject({ employment: wa['media-and-telecom']!.employment, type: 'traded' });
    expect(portfolio.clusters.find((c) => c.code === 'construction')).toMatchObject({ strong: null, type: 'local' });
    const quadrants = await regionPortfolio(service, 'WA', 2011, 2007, { scheme });
    expect(quadrants.scheme).toBe(scheme);
    expect(quadrants.clusters).toHaveLength(5);

    const clusters = await app.inject({ method: 'GET', url: `/api/v1/regions/US-53/clusters?year=2011&scheme=${scheme}` });
    expect(clusters.statusCode).toBe(200);
    expect(clusters.json()).toMatchObject({ region: 'US-53', scheme });
    const map = await app.inject({ method: 'GET', url: `/api/v1/clusters/media-and-telecom/regions?year=2011&scheme=${scheme}` });
    expect(map.statusCode).toBe(200);
    const row = (map.json() as { regions: { region: string; employment: number; lq: number }[] }).regions.find((x) => x.region === 'US-53')!;
    expect(row.employment).toBe(wa['media-and-telecom']!.employment);
    expect(row.lq).toBeCloseTo(wa['media-and-telecom']!.lq, 4);
    const list = await app.inject({ method: 'GET', url: `/api/v1/clusters?year=2011&scheme=${scheme}` });
    expect((list.json() as { clusters: unknown[]; scheme: string })).toMatchObject({ scheme });
    expect((list.json() as { clusters: unknown[] }).clusters).toHaveLength(5);
    const portfolioRoute = await app.inject({ method: 'GET', url: `/api/v1/regions/US-53/portfolio?year=2011&baseYear=2007&scheme=${scheme}` });
    expect(portfolioRoute.statusCode).toBe(200);
    expect(portfolioRoute.json()).toMatchObject({ scheme });
  });

  test('an unknown scheme is NOT_FOUND (service) and 404 (HTTP); a malformed name is 422', async () => {
    await expect(service.mapping(2011, 'state', { scheme: 'no-such-scheme' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.mapping(2011, 'state', { scheme: 'no-such-scheme' })).rejects.toBeInstanceOf(ServiceError);
    for (const url of ['/api/v1/regions/US-53/clusters?scheme=no-such-scheme', '/api/v1/clusters/construction/regions?scheme=no-such-scheme', '/api/v1/regions/US-53/portfolio?scheme=no-such-scheme', '/api/v1/clusters?scheme=no-such-scheme']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.json(), url).toMatchObject({ error: { code: 'NOT_FOUND', details: { scheme: 'no-such-scheme' } } });
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/clusters?scheme=Bad%20Name' })).statusCode).toBe(422);
  });

  test('without ?scheme= (or with the benchmark named) the answers are the benchmark\'s, byte for byte, with no scheme field', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/v1/regions/US-53/clusters?year=2011' });
    const named = await app.inject({ method: 'GET', url: '/api/v1/regions/US-53/clusters?year=2011&scheme=us-benchmark-2016' });
    expect(named.body).toBe(plain.body);
    const body = plain.json() as { clusters: unknown[]; scheme?: string };
    expect(body.clusters).toHaveLength(67);
    expect(body.scheme).toBeUndefined();
    expect((await service.mapping(2011)).scheme).toBe('us-benchmark-2016');
  });
});
