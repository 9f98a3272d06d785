import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CENSUS_COUNTY_FIXTURE, CENSUS_STATE_FIXTURE, TIDY_FIXTURE } from '../../../../test/fixtures/cbp/bad-cbp-files.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../duckdb/duckdb-store.js';
import type { Store } from '../../store/store.js';
import { importCbp } from './import-cbp.js';
import type { ImportCbpOptions } from './import-cbp.js';

const NAICS = 'NAICS2007';

/** importCbp's outcome on a new in-memory DuckDB store, and whether the staged (bulk) path wrote it. */
async function importInto(path: string, options: ImportCbpOptions): Promise<{ outcome: unknown; staged: boolean; contents: unknown }> {
  const store = await DuckDbStore.open(':memory:');
  try {
    const results: unknown[] = [];
    const original = store.stageImport.bind(store);
    vi.spyOn(store, 'stageImport').mockImplementation(async (operation, work) => {
      const result = await original(operation, work);
      results.push(result);
      return result;
    });
    const outcome = await importCbp(store, path, { datasetId: 'cbp', ...options }).then(
      (r) => ({ ...r, report: { ...r.report } }),
      (e: unknown) => ({ error: e instanceof Error ? { name: e.name, message: e.message, ...(e as object) } : e }),
    );
    return { outcome, staged: results.length > 0 && results[0] !== null, contents: await contentsOf(store) };
  } finally {
    await store.close();
  }
}

/** Everything an import writes, importedAt aside. */
async function contentsOf(store: Store): Promise<unknown> {
  return {
    datasets: (await store.listDatasets()).map((d) => ({ ...d, importedAt: '' })),
    regions: await store.listRegions(),
    observations: await store.queryObservations({ classification: NAICS }),
  };
}

describe('importCbp(store, Census or tidy file) on DuckDB: the staged path (read_csv, INSERT … SELECT) writes what the streaming path writes', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-cbp-staged-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** The fixture with `edit` applied to its lines (header first), written with the same line ends. */
  const variant = (source: string, name: string, edit: (lines: string[]) => string[]): string => {
    const text = readFileSync(source, 'latin1');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const path = join(directory, name);
    writeFileSync(path, `${edit(text.split(eol).filter((l) => l !== '')).join(eol)}${eol}`, 'latin1');
    return path;
  };

  const cases: [string, () => string, boolean][] = [
    ['cbp11co.txt (county layout, LF)', () => CENSUS_COUNTY_FIXTURE, true],
    ['cbp11st.txt (state layout, CR LF)', () => CENSUS_STATE_FIXTURE, true],
    [
      'a county file whose families do not add up (warnings with their lines)',
      () =>
        variant(CENSUS_COUNTY_FIXTURE, 'cbp11co.txt', (lines) =>
          lines.map((l) => (/^"53","033","336---"/.test(l) || /^"11","001","236---"/.test(l) ? l.replace(/^("[^"]*","[^"]*","[^"]*","","[^"]*",)\d+/, '$1999999') : l)),
        ),
      true,
    ],
    ['a county file with codes the staged path leaves to the streaming one (county "33", flag in lower case)', () => variant(CENSUS_COUNTY_FIXTURE, 'cbp11co.txt', (lines) => lines.map((l) => l.replace(/^"53","033"/, '"53","33"').replace(/,"K",/, ',"k",'))), false],
    ['a county file with a duplicate row (refused either way)', () => variant(CENSUS_COUNTY_FIXTURE, 'cbp11co.txt', (lines) => [...lines, lines[5]!]), false],
    ['a county file with a negative count (refused either way)', () => variant(CENSUS_COUNTY_FIXTURE, 'cbp11co.txt', (lines) => lines.map((l, k) => (k === 7 ? l.replace(/,(\d+),(\d+),(\d+),/, ',$1,-$2,$3,') : l))), false],
    ['the tidy state layout (DC and Washington 2011)', () => TIDY_FIXTURE, true],
    ['the shipped tidy file (all states, 2007 and 2011: the default data)', () => join(shippedDataDir(), 'us-cbp-state-naics', 'cbp_state_naics_2007_2011.csv'), true],
    [
      'a tidy file with two years of one state, the years interleaved',
      () => variant(TIDY_FIXTURE, 'tidy-two-years.csv', (lines) => [lines[0]!, ...lines.slice(1).flatMap((l) => [l, l.replace(/^2011,/, '2008,')])]),
      true,
    ],
    ['a tidy file with a year of another NAICS vintage (refused either way)', () => variant(TIDY_FIXTURE, 'tidy-2012.csv', (lines) => lines.map((l) => l.replace(/^2011,11,/, '2012,11,'))), false],
    ['a tidy file with a year that is not a year (refused either way)', () => variant(TIDY_FIXTURE, 'tidy-bad-year.csv', (lines) => lines.map((l, k) => (k === 9 ? l.replace(/^2011,/, '11,') : l))), false],
    ['a tidy file with a duplicate row (refused either way)', () => variant(TIDY_FIXTURE, 'tidy-duplicate.csv', (lines) => [...lines, lines[3]!]), false],
  ];

  it.each(cases)('importCbp(store, %s) gives the same result, report and store contents with staging on and off', async (_name, file, staged) => {
    const path = file();
    const bulk = await importInto(path, {});
    const streaming = await importInto(path, { staging: false });
    expect(bulk.staged).toBe(staged);
    expect(streaming.staged).toBe(false);
    expect(bulk.outcome).toEqual(streaming.outcome);
    expect(bulk.contents).toEqual(streaming.contents);
  });

  it('importCbp(store, county file whose families do not add up) reports the inconsistencies as warnings with file and line on the staged path', async () => {
    const path = variant(CENSUS_COUNTY_FIXTURE, 'cbp11co.txt', (lines) => lines.map((l) => (/^"53","033","336---"/.test(l) ? l.replace(/^("[^"]*","[^"]*","[^"]*","","[^"]*",)\d+/, '$1999999') : l)));
    const { outcome, staged } = await importInto(path, {});
    expect(staged).toBe(true);
    const warnings = (outcome as { report: { warnings: { file: string; line: number; code: string }[] } }).report.warnings;
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatchObject({ file: path, code: 'INCONSISTENT' });
  });

  it('importCbp(store, file, { onPhase }) reports each step of the staged path after the read, with its counts', async () => {
    const phases: string[] = [];
    const store = await DuckDbStore.open(':memory:');
    try {
      await importCbp(store, CENSUS_COUNTY_FIXTURE, { datasetId: 'phases', onPhase: (m) => phases.push(m) });
    } finally {
      await store.close();
    }
    expect(phases).toHaveLength(3);
    expect(phases[0]).toBe('checking 2,299 rows: codes, flags, duplicates, totals');
    expect(phases[1]).toMatch(/^estimating withheld employment: [\d,]+ cells in [\d,]+ region-years$/);
    expect(phases[2]).toBe('writing 2,299 rows (6,897 values) in one transaction');
  });

  it('importCbp(store, file) on the staged path leaves no staging tables behind and takes the next import', async () => {
    const store = await DuckDbStore.open(join(directory, 'store.duckdb'));
    try {
      await importCbp(store, CENSUS_COUNTY_FIXTURE, { datasetId: 'first' });
      await expect(importCbp(store, CENSUS_COUNTY_FIXTURE, { datasetId: 'first' })).rejects.toMatchObject({ code: 'DATASET_EXISTS' });
      await importCbp(store, CENSUS_COUNTY_FIXTURE, { datasetId: 'first', replace: true });
      const tables = await store.stageImport('tables', (db) => db.rows(`select table_name from duckdb_tables() where temporary`));
      expect(tables).toEqual([]);
      expect((await store.listDatasets()).map((d) => [d.id, d.rowCount])).toEqual([['first', 3 * 2299]]);
      // one row of observation_rows per CBP row, the three measures side by side (docs/adr/0007)
      const rows = await store.stageImport('rows', (db) => db.rows(`select count(*)::integer as n, count(employment_status)::integer as e,
        count(establishments_status)::integer as s, count(payroll_status)::integer as p from observation_rows`));
      expect(rows).toEqual([{ n: 2299, e: 2299, s: 2299, p: 2299 }]);
    } finally {
      await store.close();
    }
  });
});
