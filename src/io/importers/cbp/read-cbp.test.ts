import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CENSUS_COUNTY_FIXTURE,
  CENSUS_STATE_FIXTURE,
  TIDY_FIXTURE,
  badCbpFiles,
} from '../../../../test/fixtures/cbp/bad-cbp-files.js';
import { loadNaics2007Industries } from '../../classifications/naics-titles.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { readCbp } from './read-cbp.js';
import type { CbpRow } from './read-cbp.js';

const knownCodes = new Set(loadNaics2007Industries(shippedDataDir()).map((i) => i.code));

describe('readCbp(path, options)', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-read-cbp-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('readCbp(tidy state file) reads every row with no issue', async () => {
    const { layout, rows, report } = await readCbp(TIDY_FIXTURE, { knownCodes });
    expect(layout).toBe('tidy-state');
    expect(report).toMatchObject({ errorCount: 0, warningCount: 0, rowsRead: 2299 });
    expect(rows).toHaveLength(2299);
    expect(rows.find((r) => r.stateFips === '53' && r.code === '336411')).toMatchObject<Partial<CbpRow>>({
      year: 2011, countyFips: null, level: 6, establishments: 21, employment: 0, employmentFlag: 'K', payroll: 0, payrollNoise: 'D',
    });
    expect(rows.find((r) => r.stateFips === '53' && r.code === 'TOTAL')).toMatchObject({ level: 0, employmentFlag: null });
  });

  it('readCbp(Census state and county files) reads the same rows as the tidy file', async () => {
    const tidy = await readCbp(TIDY_FIXTURE, { knownCodes });
    const strip = (rows: CbpRow[]): Omit<CbpRow, 'countyFips'>[] => rows.map(({ countyFips: _county, ...rest }) => rest);
    const state = await readCbp(CENSUS_STATE_FIXTURE, { knownCodes });
    expect(state.layout).toBe('census-state');
    expect(state.report.errorCount).toBe(0);
    expect(state.rows).toEqual(tidy.rows);
    const county = await readCbp(CENSUS_COUNTY_FIXTURE, { knownCodes });
    expect(county.layout).toBe('census-county');
    expect(county.report.errorCount).toBe(0);
    expect(strip(county.rows)).toEqual(strip(tidy.rows));
    expect(new Set(county.rows.map((r) => `${r.stateFips}${r.countyFips ?? ''}`))).toEqual(new Set(['11001', '53033']));
  });

  it('readCbp(Census file named without a year, { year }) takes the year from the option', async () => {
    const path = join(directory, 'census-state.txt');
    copyFileSync(CENSUS_STATE_FIXTURE, path);
    const { rows, report } = await readCbp(path, { knownCodes, year: 2011 });
    expect(report.errorCount).toBe(0);
    expect(rows.every((r) => r.year === 2011)).toBe(true);
  });

  for (const bad of badCbpFiles()) {
    it(`readCbp(file with ${bad.title}) reports ${bad.code} at its line and field`, async () => {
      const path = bad.write(directory);
      const { report } = await readCbp(path, { knownCodes });
      expect(report.errorCount).toBeGreaterThan(0);
      expect(report.errors[0]).toMatchObject({ file: path, line: bad.line, field: bad.field, code: bad.code });
    });
  }
});
