import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../io/default-data/open-embedded-store.js';
import { DuckDbStore } from '../io/duckdb/duckdb-store.js';
import { ClusterService } from './cluster-service.js';

let directory: string;
let store: DuckDbStore;
let service: ClusterService;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-custom-clusters-'));
  copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(directory, DATABASE_FILE));
  store = await DuckDbStore.open(join(directory, DATABASE_FILE));
  await store.createCustomRegion({ id: 'custom-washington', name: 'Washington alone', members: ['US-53'] });
  await store.createCustomRegion({ id: 'custom-cascadia', name: 'Cascadia', members: ['US-53', 'US-41'] });
  await store.createCustomRegion({ id: 'custom-germany', name: 'Bavaria and Baden', members: ['DE1', 'DE2'] });
  service = new ClusterService(store);
});
afterAll(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('ClusterService.regionPortfolio for custom regions (default data, CBP states)', () => {
  test('regionPortfolio("custom-washington") of a one-state custom region equals the state\'s portfolio', async () => {
    const wa = await service.regionPortfolio('US-53', 2011, 2007);
    const custom = await service.regionPortfolio('custom-washington', 2011, 2007);
    expect(custom.region).toBe('custom-washington');
    expect(custom.clusters).toEqual(wa.clusters);
    expect(custom.clusterStrength).toBe(wa.clusterStrength);
  });

  test('regionPortfolio("Cascadia") sums Washington and Oregon per cluster; its LQ takes the states as reference', async () => {
    const p = await service.regionPortfolio('Cascadia', 2011);
    const wa = await service.regionPortfolio('WA', 2011);
    const or = await service.regionPortfolio('OR', 2011);
    expect(p.region).toBe('custom-cascadia');
    const byCode = (list: typeof p.clusters): Map<string, (typeof p.clusters)[number]> => new Map(list.map((c) => [c.code, c]));
    const [w, o] = [byCode(wa.clusters), byCode(or.clusters)];
    let tradedTotal = 0;
    for (const c of p.clusters) {
      expect(c.employment, c.name).toBeCloseTo(w.get(c.code)!.employment + o.get(c.code)!.employment, 0);
      expect(c.establishments, c.name).toBeCloseTo(w.get(c.code)!.establishments! + o.get(c.code)!.establishments!, 0);
      if (c.type === 'traded') tradedTotal += c.employment;
    }
    // LQ of aerospace, from the national totals of the cluster map (sum over the states)
    const aerospace = p.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')!;
    const map = await service.clusterRegions(aerospace.code, 2011);
    const nationalAerospace = map.regions.reduce((s, r) => s + r.employment, 0);
    let nationalTraded = 0;
    for (const c of (await service.clusters(2011)).clusters.filter((x) => x.type === 'traded')) {
      nationalTraded += (await service.clusterRegions(c.code, 2011)).regions.reduce((s, r) => s + r.employment, 0);
    }
    expect(aerospace.lq!).toBeCloseTo((aerospace.employment / tradedTotal) / (nationalAerospace / nationalTraded), 2);
    expect(aerospace.strong).toBe(true);
    expect(aerospace.estimatedShare).toBeGreaterThan(0);
  });

  test('regionPortfolio of a custom region with no NAICS 2007 data is refused with NOT_FOUND', async () => {
    await expect(service.regionPortfolio('custom-germany', 2011)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no NAICS2007 data') });
  });
});
