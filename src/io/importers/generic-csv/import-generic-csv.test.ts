import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOnBothStores } from '../../../../test/helpers/store-contract.js';
import type { Store } from '../../store/store.js';
import { ImportValidationError } from '../validation-report.js';
import { ColumnMappingError, parseColumnMapping, readMappingFile } from './column-mapping.js';
import { importGenericCsv } from './import-generic-csv.js';
import type { ImportGenericCsvOptions } from './import-generic-csv.js';

const directory = mkdtempSync(join(tmpdir(), 'clusterlens-generic-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

function write(text: string): string {
  const path = join(directory, `file-${++fileCount}.csv`);
  writeFileSync(path, text);
  return path;
}

const GOOD = [
  'geo,naics,year,kind,jobs,state',
  'WA,3364,2021,employment,85000,',
  'WA,3364,2021,establishments,212,reported',
  'US-41,3364,2021,employment,,suppressed',
  '53033,336411,2021,employment,41000.5,estimated',
  'OR,TOTAL,2021,employment,1900000,',
].join('\n') + '\n';

const OPTIONS: ImportGenericCsvOptions = {
  columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs', measure: 'kind', status: 'state' },
  classification: 'NAICS2007',
  country: 'US',
  datasetId: 'my-jobs',
};

async function state(store: Store): Promise<unknown> {
  return {
    datasets: await store.listDatasets(),
    regions: (await store.listRegions()).length,
    industries: (await store.listIndustries('NAICS2007')).length,
    observations: await store.queryObservations({ classification: 'NAICS2007' }),
  };
}

describe('parseColumnMapping(text) and readMappingFile(path)', () => {
  it('parseColumnMapping(text) reads role=column pairs and refuses unknown roles, repeats and missing roles', () => {
    expect(parseColumnMapping('region=geo, industry=naics,year=Year,value=emp,status=flag')).toEqual({ region: 'geo', industry: 'naics', year: 'Year', value: 'emp', status: 'flag' });
    expect(() => parseColumnMapping('region=geo,industry=naics,year=y')).toThrow(/value=<column>/);
    expect(() => parseColumnMapping('region=geo,industry=naics,year=y,value=v,colour=c')).toThrow(ColumnMappingError);
    expect(() => parseColumnMapping('region=geo,region=g2,industry=naics,year=y,value=v')).toThrow(/twice/);
    expect(() => parseColumnMapping('region,industry=naics,year=y,value=v')).toThrow(/role=column/);
  });

  it('readMappingFile(path) reads columns, measure, classification and country, and names the bad key', () => {
    const path = join(directory, 'mapping.json');
    writeFileSync(path, JSON.stringify({ columns: { region: 'nuts', industry: 'nace', year: 'time', value: 'v' }, measure: 'employment', classification: 'NACE2', country: 'DE' }));
    expect(readMappingFile(path)).toMatchObject({ columns: { region: 'nuts', industry: 'nace', year: 'time', value: 'v' }, measure: 'employment', classification: 'NACE2', country: 'DE' });
    writeFileSync(path, JSON.stringify({ columns: { region: 'nuts', industry: 'nace', year: 'time', value: 'v' }, measure: 'jobs' }));
    expect(() => readMappingFile(path)).toThrow(/measure must be one of/);
    writeFileSync(path, JSON.stringify({ columns: { region: 'nuts' }, extra: 1 }));
    expect(() => readMappingFile(path)).toThrow(/unknown key "extra"/);
  });
});

describeOnBothStores('importGenericCsv(store, path, options)', (store) => {
  it('importGenericCsv() writes every row with its status, resolves short region codes and adds regions and industries with their ancestors', async () => {
    const path = write(GOOD);
    const result = await importGenericCsv(store(), path, OPTIONS);
    expect(result).toMatchObject({ datasetId: 'my-jobs', rowCount: 5, written: true, report: { errorCount: 0, rowsRead: 5 } });
    expect(result.report.summary).toEqual({ 'employment.reported': 2, 'establishments.reported': 1, 'employment.suppressed': 1, 'employment.estimated': 1 });
    const rows = await store().queryObservations({ classification: 'NAICS2007' });
    const pick = rows.map((o) => [o.regionId, o.industryCode, o.level, o.year, o.measure, o.value, o.status]);
    expect(pick).toEqual(expect.arrayContaining([
      ['US-53', '3364', 4, 2021, 'employment', 85000, 'reported'],
      ['US-53', '3364', 4, 2021, 'establishments', 212, 'reported'],
      ['US-41', '3364', 4, 2021, 'employment', null, 'suppressed'],
      ['US-53033', '336411', 6, 2021, 'employment', 41000.5, 'estimated'],
      ['US-41', 'TOTAL', 0, 2021, 'employment', 1_900_000, 'reported'],
    ]));
    expect(rows).toHaveLength(5);
    const regions = new Map((await store().listRegions()).map((r) => [r.id, r]));
    expect([...regions.keys()].sort()).toEqual(['US', 'US-41', 'US-53', 'US-53033']);
    expect(regions.get('US-53033')).toMatchObject({ type: 'county', parentId: 'US-53', name: 'King County, Washington' });
    const industries = (await store().listIndustries('NAICS2007')).map((i) => i.code).sort();
    expect(industries).toEqual(['31-33', '336', '3364', '33641', '336411', 'TOTAL']);
    expect(await store().listDatasets()).toMatchObject([{ id: 'my-jobs', rowCount: 5, classification: 'NAICS2007' }]);
  });

  it('importGenericCsv() with a fixed measure, a semicolon delimiter, a BOM and NACE codes imports NUTS-2 rows', async () => {
    const path = write('\ufeffnuts;nace;time;value\nDE21;B-E;2015;451.5\nDE21;TOTAL;2015;2500\n');
    const result = await importGenericCsv(store(), path, { columns: { region: 'NUTS', industry: 'nace', year: 'time', value: 'value' }, classification: 'NACE2', measure: 'employment', datasetId: 'de' });
    expect(result.rowCount).toBe(2);
    const rows = await store().queryObservations({ classification: 'NACE2' });
    expect(rows.map((o) => [o.regionId, o.industryCode, o.value, o.measure])).toEqual(expect.arrayContaining([['DE21', 'B-E', 451.5, 'employment'], ['DE21', 'TOTAL', 2500, 'employment']]));
    expect((await store().listRegions()).map((r) => r.id).sort()).toEqual(['DE', 'DE2', 'DE21']);
  });

  const bad: { title: string; text: string; line: number; field: string; code: string }[] = [
    { title: 'an unknown region', text: GOOD + 'XX,3364,2021,employment,5,\n', line: 7, field: 'geo', code: 'UNKNOWN_REGION' },
    { title: 'an unknown industry code', text: GOOD + 'WA,999999,2021,employment,5,\n', line: 7, field: 'naics', code: 'UNKNOWN_CODE' },
    { title: 'a duplicate key', text: GOOD + 'US-53,3364,2021,employment,7,\n', line: 7, field: 'geo', code: 'DUPLICATE' },
    { title: 'a negative value', text: GOOD + 'WA,3364,2020,employment,-3,\n', line: 7, field: 'jobs', code: 'NEGATIVE' },
    { title: 'a non-numeric value', text: GOOD + 'WA,3364,2020,employment,"1,200",\n', line: 7, field: 'jobs', code: 'NOT_A_NUMBER' },
    { title: 'a suppression marker in a reported row', text: GOOD + 'WA,3364,2020,employment,(D),\n', line: 7, field: 'jobs', code: 'BAD_FLAG' },
    { title: 'an unknown status', text: GOOD + 'WA,3364,2020,employment,5,guess\n', line: 7, field: 'state', code: 'BAD_FLAG' },
    { title: 'a two-digit year', text: GOOD + 'WA,3364,21,employment,5,\n', line: 7, field: 'year', code: 'BAD_YEAR' },
    { title: 'an unknown measure', text: GOOD + 'WA,3364,2020,jobs,5,\n', line: 7, field: 'kind', code: 'UNKNOWN_CODE' },
    { title: 'a line cut short at the end', text: GOOD + 'WA,3364,2020,empl', line: 7, field: '(line)', code: 'TRUNCATED' },
    { title: 'a missing column', text: GOOD.replace('jobs', 'work'), line: 1, field: 'jobs', code: 'MISSING_COLUMN' },
    { title: 'a line with too many fields', text: GOOD.replace('OR,TOTAL,2021,employment,1900000,', 'OR,TOTAL,2021,employment,1900000,,x'), line: 6, field: '(line)', code: 'FIELD_COUNT' },
    { title: 'invalid UTF-8', text: GOOD + 'WA,3364,2020,employment,5,\xff\n', line: 7, field: '(line)', code: 'ENCODING' },
  ];
  for (const b of bad) {
    it(`importGenericCsv() with ${b.title} is refused naming file:line and field, and the store is unchanged (also with replace)`, async () => {
      await importGenericCsv(store(), write(GOOD), OPTIONS);
      const before = await state(store());
      const path = b.title === 'invalid UTF-8' ? writeLatin1(b.text) : write(b.text);
      for (const replace of [false, true]) {
        const error: unknown = await importGenericCsv(store(), path, { ...OPTIONS, replace }).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(ImportValidationError);
        const refused = error as ImportValidationError;
        expect(refused.report.errors[0]).toMatchObject({ file: path, line: b.line, field: b.field, code: b.code });
        expect(refused.message).toContain(`${path}:${b.line}: field ${b.field}`);
      }
      expect(await state(store())).toEqual(before);
    });
  }

  it('importGenericCsv() reports every bad line, not only the first, and writes nothing even when the error comes after 40,000 good rows', async () => {
    const lines = ['geo,naics,year,jobs'];
    const codes = ['3364', '336411', '5415', 'TOTAL'];
    for (let y = 1900; y < 2000; y++) for (const s of ['01', '02', '04', '05', '06', '08', '09', '10', '11', '12']) for (const c of codes) for (const r of ['', '0']) if (r === '') lines.push(`US-${s},${c},${y},${(y * 7) % 1000}`);
    const goodRows = lines.length - 1;
    lines.push('US-53,3364,2000,-1', 'ZZ,3364,2000,5');
    const path = write(lines.join('\n') + '\n');
    const error = (await importGenericCsv(store(), path, { columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS2007', datasetId: 'big' }).catch((e: unknown) => e)) as ImportValidationError;
    expect(error).toBeInstanceOf(ImportValidationError);
    expect(error.report.errorCount).toBe(2);
    expect(error.report.errors.map((e) => [e.line, e.code])).toEqual([[goodRows + 2, 'NEGATIVE'], [goodRows + 3, 'UNKNOWN_REGION']]);
    expect(await store().listDatasets()).toEqual([]);
    expect(await store().queryObservations({ classification: 'NAICS2007' })).toEqual([]);
    expect(await store().listRegions()).toEqual([]);
  });

  it('importGenericCsv() refuses an ambiguous short code without --country and an unknown classification', async () => {
    const path = write('geo,naics,year,jobs\nDE,3364,2021,5\n');
    // "DE" is the id of Germany: ids win over the alias DE of Delaware
    await importGenericCsv(store(), path, { columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS2007' });
    expect((await store().queryObservations({ classification: 'NAICS2007' })).map((o) => o.regionId)).toEqual(['DE']);
    const ambiguous = write('geo,naics,year,jobs\n01,3364,2021,5\n');
    const refused = (await importGenericCsv(store(), ambiguous, { columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS2007', datasetId: 'x' }).catch((e: unknown) => e)) as ImportValidationError;
    expect(refused.report.errors[0]).toMatchObject({ line: 2, field: 'geo', code: 'UNKNOWN_REGION' });
    expect(refused.report.errors[0]!.message).toMatch(/ambiguous \(JP-01, US-01\)/);
    await expect(importGenericCsv(store(), ambiguous, { columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS1997' })).rejects.toBeInstanceOf(ColumnMappingError);
  });
});

function writeLatin1(text: string): string {
  const path = join(directory, `file-${++fileCount}.csv`);
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}
