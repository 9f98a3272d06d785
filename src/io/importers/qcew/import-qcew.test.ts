import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOnBothStores } from '../../../../test/helpers/store-contract.js';
import type { Store } from '../../store/store.js';
import { ImportValidationError } from '../validation-report.js';
import { importQcew, qcewClassification } from './import-qcew.js';

const BY_AREA = join('test', 'fixtures', 'qcew', '2010.annual 53033 King County, Washington.csv');
const SINGLE = join('test', 'fixtures', 'qcew', '2010.annual.singlefile.excerpt.csv');
const directory = mkdtempSync(join(tmpdir(), 'clusterlens-qcew-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

/** The singlefile excerpt with line `line` (1-based) replaced by edit(fields) or appended text. */
function variant(edit: (lines: string[]) => string[]): string {
  const lines = readFileSync(SINGLE, 'utf8').split('\n');
  const path = join(directory, `variant-${++fileCount}.csv`);
  writeFileSync(path, edit(lines).join('\n'));
  return path;
}
const setField = (line: string, k: number, value: string): string => {
  const fields = line.split(',');
  fields[k] = value;
  return fields.join(',');
};

async function state(store: Store): Promise<unknown> {
  return { datasets: await store.listDatasets(), regions: (await store.listRegions()).length, observations: await store.queryObservations({ classification: 'NAICS2007' }) };
}

describe('qcewClassification(year)', () => {
  it('qcewClassification(year) follows the NAICS vintage BLS codes each year in', () => {
    expect([2006, 2007, 2010, 2011, 2016, 2017, 2021, 2022, 2024].map(qcewClassification)).toEqual([null, 'NAICS2007', 'NAICS2007', 'NAICS2012', 'NAICS2012', 'NAICS2017', 'NAICS2017', 'NAICS2022', 'NAICS2022']);
  });
});

const header = readFileSync(SINGLE, 'utf8').split('\n')[0]!.split(',');
const col = (name: string): number => header.indexOf(`"${name}"`);

describeOnBothStores('importQcew(store, path, options)', (store) => {
  it('importQcew(by-area file) keeps private 6-digit rows: employment, establishments, payroll in $1,000; N rows suppressed, not zero', async () => {
    const result = await importQcew(store(), BY_AREA);
    expect(result).toMatchObject({ datasetId: '2010.annual-53033-king-county-washington', rowCount: 21, written: true, report: { errorCount: 0, rowsRead: 19 } });
    expect(result.report.summary).toMatchObject({ 'rows.disclosed': 5, 'rows.not-disclosed': 2, 'rows.skipped-ownership': 4, 'rows.skipped-level': 6, 'rows.skipped-qcew-aggregate': 2 });
    const rows = await store().queryObservations({ classification: 'NAICS2007' });
    expect(rows).toHaveLength(21);
    const cell = (code: string, measure: string): unknown => {
      const o = rows.find((r) => r.industryCode === code && r.measure === measure);
      return o && [o.regionId, o.year, o.level, o.value, o.status, o.flag];
    };
    expect(cell('336412', 'employment')).toEqual(['US-53033', 2010, 6, 212, 'reported', null]);
    expect(cell('336412', 'establishments')).toEqual(['US-53033', 2010, 6, 6, 'reported', null]);
    expect(cell('336412', 'payroll')).toEqual(['US-53033', 2010, 6, 14022.871, 'reported', null]);
    expect(cell('336411', 'employment')).toEqual(['US-53033', 2010, 6, null, 'suppressed', 'N']);
    expect(cell('336411', 'establishments')).toEqual(['US-53033', 2010, 6, 9, 'reported', null]);
    expect(cell('336411', 'payroll')).toEqual(['US-53033', 2010, 6, null, 'suppressed', 'N']);
    expect(cell('511210', 'payroll')).toEqual(['US-53033', 2010, 6, 8221455.012, 'reported', null]);
    expect((await store().listRegions()).map((r) => r.id).sort()).toEqual(['US', 'US-53', 'US-53033']);
    expect(await store().listDatasets()).toMatchObject([{ classification: 'NAICS2007', rowCount: 21, source: expect.stringContaining('Quarterly Census of Employment and Wages') }]);
    const industries = new Set((await store().listIndustries('NAICS2007')).map((i) => i.code));
    for (const code of ['TOTAL', '31-33', '336', '3364', '33641', '336411', '511210']) expect(industries.has(code), code).toBe(true);
  });

  it('importQcew(by-area file, { levels, ownership }) keeps the total and sectors to 5-digit, of another ownership', async () => {
    const all = await importQcew(store(), BY_AREA, { levels: [0, 2, 3, 4, 5, 6], datasetId: 'all' });
    expect(all.rowCount).toBe(3 * 13);
    const total = await store().queryObservations({ classification: 'NAICS2007', levels: [0], measures: ['employment'] });
    expect(total.map((o) => o.value)).toEqual([969294]);
    const government = await importQcew(store(), BY_AREA, { levels: [0], ownership: '3', datasetId: 'local-government' });
    expect(government.rowCount).toBe(3);
    expect((await store().queryObservations({ classification: 'NAICS2007', datasetIds: ['local-government'], measures: ['employment'] })).map((o) => o.value)).toEqual([79815]);
  });

  it('importQcew(singlefile excerpt) reads the layout without titles, states and counties, and skips MSAs, unknown counties and territories', async () => {
    const result = await importQcew(store(), SINGLE, { datasetId: 'single' });
    expect(result.rowCount).toBe(3 * 11);
    expect(result.report.summary).toMatchObject({ 'rows.skip-msa': 1, 'rows.skip-unknown-county': 1, 'rows.skip-territory': 1 });
    const regions = new Set((await store().queryObservations({ classification: 'NAICS2007' })).map((o) => o.regionId));
    expect([...regions].sort()).toEqual(['US-41051', 'US-53', 'US-53033']);
    const multnomah = (await store().listRegions()).find((r) => r.id === 'US-41051');
    expect(multnomah).toMatchObject({ type: 'county', parentId: 'US-41', name: 'Multnomah County, Oregon' });
  });

  it('importQcew(a 2018 file) stores NAICS 2017 codes with industries built from the codes, parents among them', async () => {
    const path = variant((l) => l.map((x, i) => (i > 0 && x !== '' ? setField(x, col('year'), '"2018"') : x)));
    const result = await importQcew(store(), path, { datasetId: 'y2018', levels: [5, 6] });
    expect(result.rowCount).toBe(3 * 11);
    expect(await store().listDatasets()).toMatchObject([{ id: 'y2018', classification: 'NAICS2017' }]);
    const industries = await store().listIndustries('NAICS2017');
    expect(industries.find((i) => i.code === '541511')).toEqual({ classification: 'NAICS2017', code: '541511', name: 'NAICS 541511', level: 6, parentCode: null });
    expect((await store().queryObservations({ classification: 'NAICS2017', years: [2018] })).length).toBe(33);
  });

  const bad: { title: string; path: () => string; line: number; field: string; code: string }[] = [
    { title: 'a negative employment', path: () => variant((l) => l.map((x, i) => (i === 2 ? setField(x, col('annual_avg_emplvl'), '-5') : x))), line: 3, field: 'annual_avg_emplvl', code: 'NEGATIVE' },
    { title: 'a non-numeric wage', path: () => variant((l) => l.map((x, i) => (i === 3 ? setField(x, col('total_annual_wages'), '"12a"') : x))), line: 4, field: 'total_annual_wages', code: 'NOT_A_NUMBER' },
    { title: 'an unknown area code', path: () => variant((l) => l.map((x, i) => (i === 4 ? setField(x, col('area_fips'), '"ABCDE"') : x))), line: 5, field: 'area_fips', code: 'UNKNOWN_REGION' },
    { title: 'an unknown NAICS 2007 code', path: () => variant((l) => l.map((x, i) => (i === 5 ? setField(x, col('industry_code'), '"999999"') : x))), line: 6, field: 'industry_code', code: 'UNKNOWN_CODE' },
    { title: 'a duplicate row', path: () => variant((l) => [...l.slice(0, -1), l[1]!, '']), line: 16, field: 'industry_code', code: 'DUPLICATE' },
    { title: 'an unknown disclosure code', path: () => variant((l) => l.map((x, i) => (i === 2 ? setField(x, col('disclosure_code'), '"D"') : x))), line: 3, field: 'disclosure_code', code: 'BAD_FLAG' },
    { title: 'a quarterly row', path: () => variant((l) => l.map((x, i) => (i === 2 ? setField(x, col('qtr'), '"1"') : x))), line: 3, field: 'qtr', code: 'INCONSISTENT' },
    { title: 'two NAICS vintages', path: () => variant((l) => l.map((x, i) => (i === 6 ? setField(x, col('year'), '"2012"') : x))), line: 7, field: 'year', code: 'INCONSISTENT' },
    { title: 'a file cut in the middle of a line', path: () => variant((l) => [...l.slice(0, 9), l[9]!.slice(0, 30)]), line: 10, field: '(line)', code: 'TRUNCATED' },
    { title: 'no annual_avg_emplvl column', path: () => variant((l) => [l[0]!.replace('annual_avg_emplvl', 'month1_emplvl'), ...l.slice(1)]), line: 1, field: 'annual_avg_emplvl', code: 'MISSING_COLUMN' },
  ];
  for (const b of bad) {
    it(`importQcew() with ${b.title} is refused naming file:line and field, and the store is unchanged`, async () => {
      await importQcew(store(), BY_AREA, { datasetId: 'single' });
      const before = await state(store());
      const path = b.path();
      for (const replace of [false, true]) {
        const error = (await importQcew(store(), path, { datasetId: 'single', replace }).catch((e: unknown) => e)) as ImportValidationError;
        expect(error).toBeInstanceOf(ImportValidationError);
        expect(error.report.errors[0]).toMatchObject({ file: path, line: b.line, field: b.field, code: b.code });
      }
      expect(await state(store())).toEqual(before);
    });
  }
});
