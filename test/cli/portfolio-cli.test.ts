import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { regionPortfolio } from '../../src/service/portfolio/region-portfolio.js';
import type { PortfolioEntry, RegionPortfolioResult } from '../../src/service/portfolio/region-portfolio.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');
let store: DuckDbStore;
let service: ClusterService;
let app: FastifyInstance;

beforeAll(async () => {
  store = await DuckDbStore.open(join(dataDir, DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
  app = buildServer({ service, webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const aerospace = (p: RegionPortfolioResult): PortfolioEntry => p.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')!;

describe('regionPortfolio (service) on the default data, WA 2007–2011', () => {
  test('regionPortfolio(service, WA, 2011, 2007) decomposes each change into the national benchmark and the competitive effect', async () => {
    const p = await regionPortfolio(service, 'WA', 2011, 2007);
    expect(p).toMatchObject({ region: 'US-53', year: 2011, baseYear: 2007 });
    expect(p.clusters).toHaveLength(67);
    const [m11, m07] = [await service.mapping(2011), await service.mapping(2007)];
    let competitive = 0;
    for (const c of p.clusters) {
      if (c.employmentChange === null || c.expectedChange === null || c.competitiveEffect === null) continue;
      expect(c.expectedChange + c.competitiveEffect).toBeCloseTo(c.employmentChange, 6);
      if (c.type === 'traded') competitive += c.competitiveEffect;
      // national growth from the two mappings' all-state totals
      const k11 = m11.clusters.findIndex((x) => x.code === c.code);
      const k07 = m07.clusters.findIndex((x) => x.code === c.code);
      let n11 = 0;
      let n07 = 0;
      for (let r = 0; r < m11.regions.length; r++) n11 += m11.employment[r * m11.clusters.length + k11]!;
      for (let r = 0; r < m07.regions.length; r++) n07 += m07.employment[r * m07.clusters.length + k07]!;
      expect(c.nationalGrowth).toBeCloseTo(n11 / n07 - 1, 10);
      expect(c.expectedChange).toBeCloseTo(c.baseEmployment! * (n11 / n07 - 1), 6);
      if (c.baseEmployment! > 0) {
        expect(c.cagr).toBeCloseTo((c.employment / c.baseEmployment!) ** (1 / 4) - 1, 10);
        expect(c.relativeGrowth).toBeCloseTo(c.growth! - c.nationalGrowth!, 12);
      }
    }
    expect(p.tradedCompetitiveEffect).toBeCloseTo(competitive, 4);
  });

  test('regionPortfolio(service, WA) places each cluster in the quadrant of its LQ and relative growth', async () => {
    const p = await regionPortfolio(service, 'WA', 2011, 2007);
    for (const c of p.clusters) {
      if (c.lq === null || c.relativeGrowth === null) continue;
      const expected = c.relativeGrowth >= 0 ? (c.lq >= 1 ? 'strong-and-growing' : 'emerging') : c.lq >= 1 ? 'declining-strength' : 'transforming';
      expect(c.quadrant).toBe(expected);
    }
    const aero = aerospace(p);
    expect(aero.lq!).toBeGreaterThan(3);
    expect(['strong-and-growing', 'declining-strength']).toContain(aero.quadrant);
    // Aerospace in Washington: LQ ≥ 2 (specialisation star) and among the largest state clusters (size star)
    expect(aero).toMatchObject({ specialisationStar: true, sizeStar: true, strong: true });
    expect(p.clusters.filter((c) => c.type === 'local').every((c) => c.stars === null && c.sizeStar === null)).toBe(true);
  });

  test('regionPortfolio(service, WA, 2011) without a base year leaves the change fields and the quadrant null', async () => {
    const p = await regionPortfolio(service, 'WA', 2011);
    expect(p.baseYear).toBeNull();
    expect(p.tradedCompetitiveEffect).toBeNull();
    expect(aerospace(p)).toMatchObject({ baseEmployment: null, growth: null, quadrant: null, competitiveEffect: null, cagr: null });
  });

  test('regionPortfolio(service, WA, 2007, 2011) refuses a base year after the year (INVALID_ARGUMENT)', async () => {
    await expect(regionPortfolio(service, 'WA', 2007, 2011)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('clusterlens portfolio and GET /api/v1/regions/{region}/portfolio', () => {
  test('portfolio --region WA --format json equals GET /api/v1/regions/WA/portfolio (defaults 2011 vs 2007)', async () => {
    const cli = await runCli(['portfolio', '--region', 'WA', '--format', 'json', '--data-dir', dataDir]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const res = await app.inject({ url: '/api/v1/regions/WA/portfolio' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as RegionPortfolioResult;
    expect(body).toMatchObject({ region: 'US-53', year: 2011, baseYear: 2007 });
    expect(JSON.parse(cli.stdout)).toEqual(body);
  });

  test('portfolio prints a table of traded clusters by default and CSV with --format csv', async () => {
    const table = await runCli(['portfolio', '--region', '53', '--year', '2011', '--base-year', '2007', '--data-dir', dataDir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Washington (US-53), 2007–2011');
    expect(table.stdout).toMatch(/Aerospace Vehicles and Defense/);
    const csv = await runCli(['portfolio', '--region', 'WA', '--format', 'csv', '--data-dir', dataDir]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toContain('quadrant,employmentChange,expectedChange,competitiveEffect');
    expect(lines).toHaveLength(1 + 67);
  });

  test('portfolio errors: missing --region exits 2; unknown region 404 / exit 1; bad year 422', async () => {
    expect((await runCli(['portfolio', '--data-dir', dataDir])).code).toBe(2);
    const unknown = await runCli(['portfolio', '--region', 'ZZ', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown region');
    const notFound = await app.inject({ url: '/api/v1/regions/ZZ/portfolio' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await app.inject({ url: '/api/v1/regions/WA/portfolio?year=abc' })).statusCode).toBe(422);
    expect((await app.inject({ url: '/api/v1/regions/WA/portfolio?year=2007&baseYear=2011' })).statusCode).toBe(422);
  });
});
