import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../io/default-data/open-embedded-store.js';
import { importCbp } from '../io/importers/cbp/import-cbp.js';
import { ClusterService } from './cluster-service.js';

let directory: string;
let store: DuckDbStore;
let service: ClusterService;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-county-'));
  const path = join(directory, DATABASE_FILE);
  copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), path);
  store = await DuckDbStore.open(path);
  await importCbp(store, join(process.cwd(), 'test/fixtures/cbp/cbp11co.txt'), { datasetId: 'cbp-county-fixture' });
  service = new ClusterService(store);
});
afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('ClusterService on US counties (CBP county fixture: District of Columbia and King County, WA, 2011)', () => {
  test('mapping(2011, "county") rates counties among counties, apart from the states', async () => {
    const counties = await service.mapping(2011, 'county');
    expect(counties.regions.map((r) => r.id)).toEqual(['US-11001', 'US-53033']);
    const states = await service.mapping(2011);
    expect(states.regions).toHaveLength(51);
    const aero = counties.clusters.findIndex((c) => c.code === 'aerospace-vehicles-and-defense');
    const nc = counties.clusters.length;
    // King County's aerospace employment is a share of Washington's, never more
    const stateRow = states.regions.findIndex((r) => r.id === 'US-53');
    expect(counties.employment[nc + aero]!).toBeGreaterThan(0);
    expect(counties.employment[nc + aero]!).toBeLessThanOrEqual(states.employment[stateRow * nc + aero]! + 1e-6);
  });

  test('regionPortfolio("US-53033") and clusterRegions(code, 2011, "county") use the county mapping', async () => {
    const king = await service.regionPortfolio('US-53033', 2011, 2007);
    expect(king.baseYear).toBeNull(); // no county data for 2007: no change shown, no error
    expect(king.region).toBe('US-53033');
    const map = await service.clusterRegions('aerospace-vehicles-and-defense', 2011, 'county');
    expect(map.regions.map((r) => r.region)).toEqual(['US-11001', 'US-53033']);
    const kingAero = king.clusters.find((c) => c.code === 'aerospace-vehicles-and-defense')!;
    expect(map.regions[1]!.employment).toBe(kingAero.employment);
    expect(map.regions[1]!.lq).toBe(kingAero.lq);
  });

  test('cacheStatistics() counts hits and misses per year and region type; invalidate() clears and counts', async () => {
    const fresh = new ClusterService(store);
    await fresh.mapping(2011, 'county');
    await fresh.mapping(2011, 'county');
    await fresh.mapping(2011);
    expect(fresh.cacheStatistics()).toEqual({ entries: 2, hits: 1, misses: 2, invalidations: 0, hitRate: 1 / 3 });
    fresh.invalidate();
    expect(fresh.cacheStatistics()).toMatchObject({ entries: 0, invalidations: 1 });
  });
});
