/**
 * Golden cases of computeFamilyMapping: a hand case (hand-five-regions: strong rule without the establishment
 * condition, a suppressed cell, stars) on a store built here, and family LQs of the default data computed with
 * awk straight from the published files (eu-nuts2-2015, jp-prefectures-2021). See each folder's SOURCE.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { NACE2_A10_INDUSTRIES } from '../../../src/io/classifications/nace.js';
import { INDUSTRY_FAMILIES } from '../../../src/io/classifications/industry-families.js';
import { DATABASE_FILE } from '../../../src/io/default-data/open-embedded-store.js';
import { DuckDbStore } from '../../../src/io/duckdb/duckdb-store.js';
import type { ObservationRecord } from '../../../src/io/store/store.js';
import { computeFamilyMapping } from '../../../src/service/family-mapping/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const read = <T>(path: string): T => JSON.parse(readFileSync(join(here, path), 'utf8')) as T;
const familyIndex = (code: string): number => INDUSTRY_FAMILIES.findIndex((f) => f.code === code);

interface HandInput { year: number; regions: string[]; total: number[]; families: string[]; employment: (number | null)[][] }
interface HandExpected {
  tolerance: { atol: number };
  rule: string;
  lq: (number | null)[][];
  lq75: number[];
  lq90: number[];
  employment25: number[];
  strong: boolean[][];
  strong10: boolean[][];
  clusterStrength: number[];
  sizeThreshold: number[];
  focusThreshold: number[];
  stars: (number | null)[][];
  sizeStar: boolean[][];
  specialisationStar: boolean[][];
  focusStar: boolean[][];
  coverage: number[];
  summary: Record<string, unknown>;
}

describe('computeFamilyMapping golden case hand-five-regions (hand calculation in SOURCE.md)', () => {
  const input = read<HandInput>('hand-five-regions/input.json');
  const expected = read<HandExpected>('hand-five-regions/expected.json');
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await DuckDbStore.open(':memory:');
    await store.migrate();
    const observations: ObservationRecord[] = [];
    const base = { datasetId: 'hand', classification: 'NACE2', year: input.year, measure: 'employment' as const, lower: null, upper: null, method: null };
    input.regions.forEach((regionId, r) => {
      observations.push({ ...base, regionId, industryCode: 'TOTAL', level: 0, value: input.total[r]!, status: 'reported', flag: null });
      input.families.forEach((code, f) => {
        const value = input.employment[r]![f]!;
        observations.push({ ...base, regionId, industryCode: code, level: 1, value, status: value === null ? 'suppressed' : 'reported', flag: value === null ? 'c' : null });
      });
    });
    await store.importDataset({
      dataset: { id: 'hand', title: 'hand case', source: 'hand', licence: 'n/a', classification: 'NACE2', importedAt: '2026-11-28T00:00:00Z', rowCount: observations.length, origin: 'golden' },
      regions: input.regions.map((id) => ({ id, name: `Region ${id}`, type: 'nuts2', country: 'AA', parentId: null, aliases: [] })),
      industries: NACE2_A10_INDUSTRIES,
      observations,
    });
  });
  afterAll(async () => store.close());

  test('computeFamilyMapping(store, { source: "EU", regionType: "nuts2", year: 2015 }) reproduces LQs, strong flags, stars and coverage', async () => {
    const m = await computeFamilyMapping(store, { source: 'EU', regionType: 'nuts2', year: input.year });
    const { atol } = expected.tolerance;
    expect(m.rule).toBe(expected.rule);
    expect(m.regions.map((r) => r.id)).toEqual(input.regions);
    const nc = m.clusters.length;
    const close = (actual: number, want: number | null, label: string): void => {
      if (want === null) expect(actual, label).toBeNaN();
      else expect(Math.abs(actual - want), `${label}: ${actual} vs ${want}`).toBeLessThanOrEqual(atol);
    };
    input.families.forEach((code, f) => {
      const c = familyIndex(code);
      close(m.thresholds.lq75[c]!, expected.lq75[f]!, `lq75 ${code}`);
      close(m.thresholds.lq90[c]!, expected.lq90[f]!, `lq90 ${code}`);
      close(m.thresholds.employment25[c]!, expected.employment25[f]!, `employment25 ${code}`);
      expect(m.thresholds.establishments25[c], 'no establishment threshold without counts').toBeNaN();
      close(m.starThresholds.size[c]!, expected.sizeThreshold[f]!, `size ${code}`);
      close(m.starThresholds.focus[c]!, expected.focusThreshold[f]!, `focus ${code}`);
      input.regions.forEach((region, r) => {
        const k = r * nc + c;
        const label = `${region} ${code}`;
        close(m.lq[k]!, expected.lq[r]![f]!, `lq ${label}`);
        expect(m.strong[k], `strong ${label}`).toBe(expected.strong[r]![f] ? 1 : 0);
        expect(m.strong10[k], `strong10 ${label}`).toBe(expected.strong10[r]![f] ? 1 : 0);
        close(m.stars[k]!, expected.stars[r]![f]!, `stars ${label}`);
        expect(m.sizeStar[k], `sizeStar ${label}`).toBe(expected.sizeStar[r]![f] ? 1 : 0);
        expect(m.specialisationStar[k], `specialisationStar ${label}`).toBe(expected.specialisationStar[r]![f] ? 1 : 0);
        expect(m.focusStar[k], `focusStar ${label}`).toBe(expected.focusStar[r]![f] ? 1 : 0);
      });
    });
    input.regions.forEach((region, r) => {
      close(m.clusterStrength[r]!, expected.clusterStrength[r]!, `clusterStrength ${region}`);
      close(m.coverage[r]!, expected.coverage[r]!, `coverage ${region}`);
    });
    expect(m.summary).toMatchObject(expected.summary);
    // the suppressed cell is missing, not zero; the families without codes in the data are not in the source
    expect(m.employment[4 * nc + familyIndex('B-E')]).toBeNaN();
    expect(m.cellState[4 * nc + familyIndex('B-E')]).toBe(1);
    expect(m.cellState[familyIndex('A')]).toBe(2);
  });
});

interface RealExpected { year: number; regionCount: number; tolerance: { atol: number }; lq: Record<string, Record<string, number>>; regionsWithoutValue?: Record<string, number>; employment?: Record<string, Record<string, number>>; establishments?: Record<string, Record<string, number>> }

describe('computeFamilyMapping golden cases on the default data (awk on the published files)', () => {
  let store: DuckDbStore;
  beforeAll(async () => {
    store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  });
  afterAll(async () => store.close());

  test.each([
    ['eu-nuts2-2015', 'EU', 'nuts2'],
    ['jp-prefectures-2021', 'JP', 'prefecture'],
  ] as const)('%s: computeFamilyMapping(store, { source: %s, regionType: %s }) gives the LQs computed from the files', async (dir, source, regionType) => {
    const expected = read<RealExpected>(`${dir}/expected.json`);
    const m = await computeFamilyMapping(store, { source, regionType, year: expected.year });
    expect(m.regions).toHaveLength(expected.regionCount);
    const nc = m.clusters.length;
    const cell = (region: string, code: string): number => {
      const r = m.regions.findIndex((x) => x.id === region);
      expect(r, region).toBeGreaterThanOrEqual(0);
      return r * nc + familyIndex(code);
    };
    for (const [region, families] of Object.entries(expected.lq)) {
      for (const [code, lq] of Object.entries(families)) expect(Math.abs(m.lq[cell(region, code)]! - lq), `${region} ${code}`).toBeLessThanOrEqual(expected.tolerance.atol);
    }
    for (const [code, n] of Object.entries(expected.regionsWithoutValue ?? {})) {
      const c = familyIndex(code);
      expect(m.regions.filter((_, r) => m.cellState[r * nc + c] === 1), code).toHaveLength(n);
    }
    for (const [region, families] of Object.entries(expected.employment ?? {})) for (const [code, e] of Object.entries(families)) expect(m.employment[cell(region, code)]).toBe(e);
    for (const [region, families] of Object.entries(expected.establishments ?? {})) for (const [code, e] of Object.entries(families)) expect(m.establishments[cell(region, code)]).toBe(e);
  });
});
