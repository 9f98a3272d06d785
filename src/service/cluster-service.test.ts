import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { DuckDbStore } from '../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../io/default-data/open-embedded-store.js';
import { ClusterService } from './cluster-service.js';
import { ServiceError } from './service-error.js';

let store: DuckDbStore;
let service: ClusterService;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => {
  await store.close();
});

describe('ClusterService on the embedded default data (CBP states 2007, 2011)', () => {
  test('meta() lists 2007 and 2011 and the CBP dataset', async () => {
    const meta = await service.meta();
    expect(meta.years).toEqual([2007, 2011]);
    expect(meta.defaultYear).toBe(2011);
    expect(meta.datasets.map((d) => d.id)).toContain('us-cbp-state-2007-2011');
  });

  test('meta().sources gives the years of each default source: US 2007/2011, EU NUTS 2008–2015, Japan 2016/2021', async () => {
    const meta = await service.meta();
    const byCode = Object.fromEntries(meta.sources.map((s) => [s.code, s]));
    expect(byCode.US).toMatchObject({ classification: 'NAICS2007', regionTypes: ['state'], years: [2007, 2011] });
    expect(byCode.EU).toMatchObject({ classification: 'NACE2', regionTypes: ['nuts0', 'nuts1', 'nuts2'] });
    expect(byCode.EU!.years).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015]);
    expect(byCode.JP).toMatchObject({ classification: 'JSIC13', regionTypes: ['prefecture'], years: [2016, 2021] });
  });

  test('regionPortfolio("WA", 2011) shows Aerospace Vehicles and Defense as a strong traded cluster with LQ well above 3', async () => {
    const p = await service.regionPortfolio('WA', 2011, 2007);
    expect(p.region).toBe('US-53');
    expect(p.regionName).toBe('Washington');
    const aero = p.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense');
    expect(aero).toBeDefined();
    expect(aero!.type).toBe('traded');
    expect(aero!.strong).toBe(true);
    expect(aero!.lq).toBeGreaterThan(3);
    // Washington's aircraft cells (336411 flag K, 3364 flag L) are suppressed: the cluster rests on estimates
    expect(aero!.estimatedShare).toBeGreaterThan(0.5);
    // aircraft manufacturing alone is in the K size class (25,000–49,999): a reading of suppressed cells as 0 would give far less
    expect(aero!.employment).toBeGreaterThan(25_000);
  });

  test('regionPortfolio accepts FIPS, postal code, id and name, case-insensitively', async () => {
    const ids = await Promise.all(['53', 'wa', 'US-53', 'us-wa', 'Washington'].map(async (r) => (await service.regionPortfolio(r, 2011)).region));
    expect(new Set(ids)).toEqual(new Set(['US-53']));
  });

  test('regionPortfolio refuses an unknown region and an unknown year with NOT_FOUND', async () => {
    await expect(service.regionPortfolio('ZZ', 2011)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.regionPortfolio('WA', 1999)).rejects.toBeInstanceOf(ServiceError);
  });

  test('local clusters are not rated strong (null), traded ones are true or false', async () => {
    const p = await service.regionPortfolio('TX', 2011);
    for (const c of p.clusters) {
      if (c.type === 'local') expect(c.strong).toBeNull();
      else expect(typeof c.strong).toBe('boolean');
    }
    expect(p.clusters.filter((c) => c.type === 'traded')).toHaveLength(51);
    expect(p.clusters.filter((c) => c.type === 'local')).toHaveLength(16);
  });

  test('clusterRegions() applies the strong rule consistently with its published thresholds', async () => {
    const m = await service.clusterRegions('aerospace-vehicles-and-defense', 2011);
    expect(m.regions).toHaveLength(51);
    const { lq75, employment25, establishments25 } = m.thresholds;
    expect(lq75).not.toBeNull();
    for (const r of m.regions) {
      const expected = r.employment > 0 && r.lq !== null && r.lq >= lq75! && r.lq >= 1 && r.employment > employment25! && r.establishments! > establishments25!;
      // employment and establishments are rounded in the output: compare away from the boundaries
      if (Math.abs(r.employment - employment25!) > 1 && Math.abs((r.lq ?? 0) - lq75!) > 1e-3) expect(r.strong).toBe(expected);
    }
    expect(m.regions.find((r) => r.postal === 'WA')!.strong).toBe(true);
  });

  test('cluster mapping conserves employment: clusters + unmapped + unallocated = the published state total', async () => {
    const m = await service.mapping(2011);
    const totals = await store.queryObservations({ classification: 'NAICS2007', years: [2011], measures: ['employment'], levels: [0] });
    const nc = m.clusters.length;
    m.regions.forEach((region, r) => {
      let sum = m.unmapped[r]! + m.unallocated[r]!;
      for (let c = 0; c < nc; c++) sum += m.employment[r * nc + c]!;
      const total = totals.find((t) => t.regionId === region.id)!.value!;
      expect(Math.abs(sum - total) / total).toBeLessThan(1e-9);
    });
  });

  test('the default data reproduces published CBP figures (SOURCE.md): US totals and California aircraft 2011', async () => {
    const totals = await store.queryObservations({ classification: 'NAICS2007', measures: ['employment'], levels: [0] });
    const sum = (y: number): number => totals.filter((t) => t.year === y).reduce((s, t) => s + t.value!, 0);
    expect(sum(2007)).toBe(120_604_265);
    expect(sum(2011)).toBe(113_425_965);
    const ca = await store.queryObservations({ classification: 'NAICS2007', years: [2011], regionIds: ['US-06'], measures: ['employment'], levels: [6] });
    expect(ca.find((o) => o.industryCode === '336411')).toMatchObject({ value: 23_628, status: 'reported' });
  });

  test('suppressed cells are estimated inside their size class and marked, never read as zero', async () => {
    const wa = await store.queryObservations({ classification: 'NAICS2007', years: [2011], regionIds: ['US-53'], measures: ['employment'] });
    const aircraft = wa.find((o) => o.industryCode === '336411')!;
    expect(aircraft).toMatchObject({ status: 'estimated', flag: 'K', lower: 25_000, upper: 49_999 });
    expect(aircraft.value).toBeGreaterThanOrEqual(25_000);
    expect(aircraft.value).toBeLessThanOrEqual(49_999);
    for (const o of wa.filter((x) => x.status === 'estimated')) {
      expect(o.value).toBeGreaterThanOrEqual(o.lower!);
      if (o.upper !== null) expect(o.value).toBeLessThanOrEqual(o.upper);
      if (o.lower! > 0) expect(o.value).toBeGreaterThan(0);
    }
  });
});
