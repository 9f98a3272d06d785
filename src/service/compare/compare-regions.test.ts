import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { US_BENCHMARK_CLUSTER_FAMILIES, naicsIndustryFamily } from '../../io/classifications/industry-families.js';
import { US_BENCHMARK_SCHEME } from '../../io/classifications/benchmark-clusters.js';
import { ServiceError } from '../service-error.js';
import { compareRegions } from './compare-regions.js';
import type { ComparisonRegion, RegionComparison } from './compare-regions.js';

let store: DuckDbStore;
let comparison: RegionComparison;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  comparison = await compareRegions(store, { regions: ['US-53', 'DE21', 'JP-01'] });
});
afterAll(async () => {
  await store.close();
});

const region = (c: RegionComparison, id: string): ComparisonRegion => c.regions.find((r) => r.region === id)!;
const family = (r: ComparisonRegion, code: string) => r.families.find((f) => f.code === code)!;

/** Shipped CBP file: employment of state 53, 2011, by NAICS code as written ("22----", "562---"). */
function cbpWashington2011(): Map<string, { emp: number; flag: string }> {
  const lines = readFileSync(join(process.cwd(), 'data', 'us-cbp-state-naics', 'cbp_state_naics_2007_2011.csv'), 'utf8').trim().split('\n');
  const out = new Map<string, { emp: number; flag: string }>();
  for (const line of lines.slice(1)) {
    const [year, fips, naics, , , emp, empflag] = line.split(',');
    if (year === '2011' && fips === '53') out.set(naics!.replace(/-+$/, ''), { emp: Number(emp), flag: empflag ?? '' });
  }
  return out;
}

/** Shipped Eurostat TSV: thousands for unit THS, age Y_GE15, the 2015 column. */
function lfs2015(nace: string, geo: string): number {
  const text = readFileSync(join(process.cwd(), 'data', 'eu-lfs-nuts2-nace', 'lfst_r_lfe2en2.tsv'), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`THS,${nace},Y_GE15,${geo}\t`))!;
  return Number(line.split('\t')[1]!.trim().split(' ')[0]);
}

describe('compareRegions(store, { regions })', () => {
  test('compareRegions(US-53, DE21, JP-01) uses each source\'s latest year, dataset and classification', () => {
    expect(comparison.families.map((f) => f.code)).toEqual(['A', 'B-E', 'F', 'G-I', 'J', 'K', 'L', 'M_N', 'O-Q', 'R-U']);
    expect(comparison.regions.map((r) => [r.region, r.country, r.year, r.classification, r.dataset])).toEqual([
      ['US-53', 'US', 2011, 'NAICS2007', 'us-cbp-state-2007-2011'],
      ['DE21', 'DE', 2015, 'NACE2', 'eu-lfs-nuts2-nace-2008-2015'],
      ['JP-01', 'JP', 2021, 'JSIC13', 'jp-economic-census-2016-2021'],
    ]);
  });

  test('compareRegions: coverage in [0, 1] and the shares of the families with data sum to it', () => {
    for (const r of comparison.regions) {
      expect(r.coverage).not.toBeNull();
      expect(r.coverage!).toBeGreaterThanOrEqual(0);
      expect(r.coverage!).toBeLessThanOrEqual(1);
      const shares = r.families.reduce((s, f) => s + (f.share ?? 0), 0);
      expect(shares).toBeCloseTo(r.coverage!, 4);
      const employment = r.families.reduce((s, f) => s + (f.employment ?? 0), 0);
      expect(employment).toBeCloseTo(r.coveredEmployment, 1);
    }
    expect(region(comparison, 'US-53').coverage!).toBeGreaterThan(0.999); // only NAICS 99 is outside
    expect(region(comparison, 'DE21').coverage).toBe(1); // LFS rounding: groups 2,439.4 vs TOTAL 2,439.3, capped
    expect(comparison.notes.some((n) => n.startsWith('DE21 2015: the families add up to 2439400'))).toBe(true);
    expect(region(comparison, 'JP-01').coverage).toBeCloseTo((187396 + 183261 + 456909 + 186116 + 44321 + 85622 + 352552) / 2165390, 6);
  });

  test('compareRegions: US family totals equal the sums of the CBP sector cells of the shipped file', () => {
    const cbp = cbpWashington2011();
    const us = region(comparison, 'US-53');
    const emp = (code: string) => cbp.get(code)!.emp;
    // all reported in the file (no employment flag)
    for (const code of ['42', '44', '48', '72', '51', '5415', '52', '53', '532', '533', '54', '55', '56', '562', '61', '62', '71', '81', '23', '11']) expect(cbp.get(code)!.flag).toBe('');
    expect(us.totalEmployment).toBe(emp(''));
    expect(family(us, 'G-I').employment).toBe(emp('42') + emp('44') + emp('48') + emp('72'));
    expect(family(us, 'J').employment).toBe(emp('51') + emp('5415'));
    expect(family(us, 'L').employment).toBe(emp('53') - emp('532') - emp('533'));
    expect(family(us, 'M_N').employment).toBe(emp('54') - emp('5415') + emp('55') + emp('56') - emp('562') + emp('532') + emp('533'));
    expect(family(us, 'O-Q').employment).toBe(emp('61') + emp('62'));
    expect(family(us, 'R-U').employment).toBe(emp('71') + emp('81'));
    expect(family(us, 'F').employment).toBe(emp('23'));
    expect(family(us, 'A').employment).toBe(emp('11'));
    expect(family(us, 'L').industryCodes).toEqual(['53', '-532', '-533']);
    // utilities (22) are suppressed in WA 2011 and estimated: B-E rests partly on that estimate
    expect(cbp.get('22')!.flag).not.toBe('');
    expect(family(us, 'B-E').estimatedShare!).toBeGreaterThan(0);
    expect(family(us, 'G-I').estimatedShare).toBe(0);
    const utilities = family(us, 'B-E').employment! - (emp('21') + emp('31') + emp('562'));
    expect(cbp.get('22')!.flag).toBe('I'); // CBP size class I: 5,000–9,999 employees
    expect(utilities).toBeGreaterThanOrEqual(5000);
    expect(utilities).toBeLessThanOrEqual(9999);
    expect(family(us, 'B-E').estimatedShare).toBeCloseTo(utilities / family(us, 'B-E').employment!, 4);
  });

  test('compareRegions: the US country is the sum of the 51 states\' cells', async () => {
    const states = (await store.listRegions({ type: 'state', country: 'US' })).map((r) => r.id);
    expect(states).toHaveLength(51);
    const rows = await store.queryObservations({ classification: 'NAICS2007', years: [2011], measures: ['employment'], regionIds: states, levels: [0, 2] });
    const sum = (code: string) => rows.filter((r) => r.industryCode === code).reduce((s, r) => s + (r.value ?? 0), 0);
    const us = region(comparison, 'US-53');
    expect(us.countryTotalEmployment).toBeCloseTo(sum('TOTAL'), 1);
    expect(family(us, 'K').countryEmployment).toBeCloseTo(sum('52'), 1);
    expect(family(us, 'O-Q').countryEmployment).toBeCloseTo(sum('61') + sum('62'), 1);
  });

  test('compareRegions: Germany and DE21 family employment equal the Eurostat cells (DE 2015 TOTAL = 40,210,900 persons)', () => {
    const de21 = region(comparison, 'DE21');
    expect(de21.countryTotalEmployment).toBe(40_210_900);
    expect(de21.countryTotalEmployment).toBe(Math.round(lfs2015('TOTAL', 'DE') * 1000));
    expect(de21.totalEmployment).toBe(Math.round(lfs2015('TOTAL', 'DE21') * 1000));
    for (const code of ['A', 'B-E', 'F', 'G-I', 'J', 'K', 'L', 'M_N', 'O-Q', 'R-U']) {
      expect(family(de21, code).employment).toBe(Math.round(lfs2015(code, 'DE21') * 1000));
      expect(family(de21, code).countryEmployment).toBe(Math.round(lfs2015(code, 'DE') * 1000));
      expect(family(de21, code).estimatedShare).toBeNull();
    }
  });

  test('compareRegions: Japan 2021 is the sum of the 47 prefectures (57,949,915 persons employed)', () => {
    const jp = region(comparison, 'JP-01');
    expect(jp.countryTotalEmployment).toBe(57_949_915);
    expect(jp.totalEmployment).toBe(2_165_390);
    expect(family(jp, 'B-E').countryEmployment).toBe(8_803_643); // manufacturing, published national total
    expect(family(jp, 'G-I').employment).toBe(456_909 + 186_116); // I + M
    expect(family(jp, 'G-I').industryCodes).toEqual(['I', 'M']);
    for (const code of ['A', 'K', 'L', 'M_N']) expect(family(jp, code)).toMatchObject({ employment: null, share: null, lq: null });
    expect(comparison.notes.some((n) => n.startsWith('JP 2021: no data for A, K, L, M_N'))).toBe(true);
    expect(comparison.notes.some((n) => n.includes('B-E from E only (no rows for C, F)'))).toBe(true);
  });

  test('compareRegions: LQs hand-checked from published cells', () => {
    // Oberbayern B-E 2015: (490.5 / 2,439.3) / (8,409.8 / 40,210.9) = 0.20108 / 0.20914
    expect(family(region(comparison, 'DE21'), 'B-E').lq).toBeCloseTo(0.9615, 4);
    // Hokkaido manufacturing 2021: (187,396 / 2,165,390) / (8,803,643 / 57,949,915) = 0.08654 / 0.15192
    expect(family(region(comparison, 'JP-01'), 'B-E').lq).toBeCloseTo(0.5697, 4);
  });

  test('compareRegions: a country compared with itself has LQ 1 in every family with data', async () => {
    const c = await compareRegions(store, { regions: ['US', 'DE', 'JP'] });
    for (const r of c.regions) {
      for (const f of r.families) if (f.lq !== null) expect(f.lq).toBeCloseTo(1, 10);
      expect(r.totalEmployment).toBe(r.countryTotalEmployment);
    }
    expect(region(c, 'DE').families.every((f) => f.lq !== null)).toBe(true);
  });

  test('compareRegions: years per source and per European country', async () => {
    const c = await compareRegions(store, { regions: ['WA', 'DE21', 'FR10'], years: { US: 2007, EU: 2010, FR: 2012 } });
    expect(c.regions.map((r) => [r.region, r.year])).toEqual([['US-53', 2007], ['DE21', 2010], ['FR10', 2012]]);
    expect(c.notes.some((n) => n.startsWith('The regions are compared in different years'))).toBe(true);
  });

  test('compareRegions refuses bad input with INVALID_ARGUMENT or NOT_FOUND', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof ServiceError ? e.code : String(e)));
    expect(await code(compareRegions(store, { regions: ['US-53'] }))).toBe('INVALID_ARGUMENT');
    expect(await code(compareRegions(store, { regions: Array.from({ length: 11 }, (_, k) => `JP-${String(k + 1).padStart(2, '0')}`) }))).toBe('INVALID_ARGUMENT');
    expect(await code(compareRegions(store, { regions: ['US-53', 'WA'] }))).toBe('INVALID_ARGUMENT');
    expect(await code(compareRegions(store, { regions: ['US-53', 'JP-B-KANTO'] }))).toBe('INVALID_ARGUMENT');
    expect(await code(compareRegions(store, { regions: ['US-53', 'DE21'], years: { XX: 2011 } }))).toBe('INVALID_ARGUMENT');
    expect(await code(compareRegions(store, { regions: ['US-53', 'ZZ'] }))).toBe('NOT_FOUND');
    expect(await code(compareRegions(store, { regions: ['US-53', 'DE21'], years: { US: 1999 } }))).toBe('NOT_FOUND');
    const ambiguous = await compareRegions(store, { regions: ['01', 'DE21'] }).catch((e: unknown) => e);
    expect(ambiguous).toBeInstanceOf(ServiceError);
    expect((ambiguous as ServiceError).code).toBe('INVALID_ARGUMENT');
    expect((ambiguous as ServiceError).details.candidates).toEqual(expect.arrayContaining(['US-01', 'JP-01']));
  });
});

describe('industry families', () => {
  test('naicsIndustryFamily(code) applies the deepest exception, else the sector rule', () => {
    expect(naicsIndustryFamily('336411')).toBe('B-E');
    expect(naicsIndustryFamily('541511')).toBe('J');
    expect(naicsIndustryFamily('541711')).toBe('M_N');
    expect(naicsIndustryFamily('532111')).toBe('M_N');
    expect(naicsIndustryFamily('531110')).toBe('L');
    expect(naicsIndustryFamily('562111')).toBe('B-E');
    expect(naicsIndustryFamily('99')).toBeNull();
    expect(naicsIndustryFamily('TOTAL')).toBeUndefined();
  });

  test('US_BENCHMARK_CLUSTER_FAMILIES matches the definitions weighted by CBP 2011 employment of the 51 states', async () => {
    const definitions = (await store.clusterDefinitions(US_BENCHMARK_SCHEME)).filter((d) => d.classification === 'NAICS2007');
    const states = (await store.listRegions({ type: 'state', country: 'US' })).map((r) => r.id);
    const rows = await store.queryObservations({ classification: 'NAICS2007', years: [2011], measures: ['employment'], levels: [6], regionIds: states });
    const employment = new Map<string, number>();
    for (const r of rows) if (r.value !== null) employment.set(r.industryCode, (employment.get(r.industryCode) ?? 0) + r.value);
    const byCluster = new Map<string, Map<string, number>>();
    for (const d of definitions) {
      const f = naicsIndustryFamily(d.industryCode) ?? 'none';
      const m = byCluster.get(d.clusterCode) ?? new Map<string, number>();
      byCluster.set(d.clusterCode, m);
      m.set(f, (m.get(f) ?? 0) + (employment.get(d.industryCode) ?? 0));
    }
    expect(Object.keys(US_BENCHMARK_CLUSTER_FAMILIES).sort()).toEqual([...byCluster.keys()].sort());
    for (const [cluster, m] of byCluster) {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      const expected = US_BENCHMARK_CLUSTER_FAMILIES[cluster]!;
      if (total === 0) {
        expect(expected.share).toBeNull();
        continue;
      }
      const [top, value] = [...m].sort((a, b) => b[1] - a[1])[0]!;
      expect([cluster, expected.family]).toEqual([cluster, top]);
      expect(expected.share).toBeCloseTo(value / total, 2);
    }
  });
});
