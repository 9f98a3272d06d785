import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';

let store: DuckDbStore;
let service: ClusterService;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => store.close());

describe('ClusterService at the industry-family level (default data)', () => {
  test('regionPortfolio("DE21", 2015, undefined, { families: true }) rates Oberbayern\'s families; without the option it is refused as before', async () => {
    const p = await service.regionPortfolio('DE21', 2015, undefined, { families: true });
    expect(p).toMatchObject({ region: 'DE21', level: 'family', source: 'EU', regionType: 'nuts2', rule: 'strong-employment-only', baseYear: null });
    expect(p.clusters.map((c) => c.code).sort()).toEqual(['A', 'B-E', 'F', 'G-I', 'J', 'K', 'L', 'M_N', 'O-Q', 'R-U']);
    const before = await service.regionPortfolio('DE21', 2011).catch((e: unknown) => e);
    expect(before).toBeInstanceOf(ServiceError);
    expect((before as ServiceError).message).toContain('not a US state');
  });

  test('resolvePortfolioYears uses the source\'s own years for EU and JP regions and resolveYears for US states', async () => {
    expect(await service.resolvePortfolioYears('DE21')).toEqual({ year: 2015, baseYear: 2008 });
    expect(await service.resolvePortfolioYears('JP-01')).toEqual({ year: 2021, baseYear: 2016 });
    expect(await service.resolvePortfolioYears('WA')).toEqual(await service.resolveYears());
    expect(await service.resolvePortfolioYears('DE')).toEqual(await service.resolveYears()); // "DE" is Delaware where states are preferred
    expect(await service.resolveClusterMapYear('prefecture')).toBe(2021);
    expect(await service.resolveClusterMapYear('state')).toBe((await service.resolveYears()).year);
  });

  test('clusterRegions("B-E", 2015, "nuts2") counts every NUTS-2 region once, as a row or as missing; the mapping is cached', async () => {
    const map = await service.clusterRegions('B-E', 2015, 'nuts2');
    expect(map.regions.length + map.missing!.length).toBe(318);
    const strong = map.regions.filter((r) => r.strong === true);
    expect(strong.length).toBeGreaterThan(0);
    for (const r of strong) expect(r.lq!).toBeGreaterThanOrEqual(Math.max(1, map.thresholds.lq75!) - 1e-4);
    expect(await service.familyMapping('nuts2', 2015)).toBe(await service.familyMapping('nuts2', 2015));
    await expect(service.familyMapping('prefecture', 2015)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { available: [2016, 2021] } });
  });
});
