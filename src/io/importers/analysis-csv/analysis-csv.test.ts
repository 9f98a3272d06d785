import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  AnalysisCsvError,
  parseFirms,
  parseIndustryValues,
  parseRegionIndustryValues,
  parseRegionValues,
  parseWeights,
  readRegionIndustryValues,
} from './index.js';

function caught(f: () => unknown): AnalysisCsvError {
  try {
    f();
  } catch (error) {
    if (error instanceof AnalysisCsvError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisCsvError');
}

describe('parseRegionIndustryValues', () => {
  test('parseRegionIndustryValues(text) fills a missing (region, industry) pair with 0 and keeps first-appearance order', () => {
    const t = parseRegionIndustryValues('region,industry,value\nB,y,4\nA,x,1\nA,y,2\n', 'f.csv');
    expect(t.regions).toEqual(['B', 'A']);
    expect(t.industries).toEqual(['y', 'x']);
    expect(t.years).toBeNull();
    expect(Array.from(t.values[0]!)).toEqual([4, 0, 2, 1]);
  });

  test('parseRegionIndustryValues(text) ignores extra columns, matches headers case-insensitively, skips blank lines, drops a BOM', () => {
    const t = parseRegionIndustryValues('\ufeffnote,VALUE,Industry,Region\r\n"a, b",1.5e1,x,A\r\n\r\n,2,y,A\r\n', 'f.csv');
    expect(Array.from(t.values[0]!)).toEqual([15, 2]);
  });

  test('parseRegionIndustryValues(text) with a year column gives one matrix per year, years ascending', () => {
    const t = parseRegionIndustryValues('region,industry,value,year\nA,x,2,2021\nA,x,1,2020\nB,y,3,2021\n', 'p.csv');
    expect(t.years).toEqual([2020, 2021]);
    expect(Array.from(t.values[0]!)).toEqual([1, 0, 0, 0]);
    expect(Array.from(t.values[1]!)).toEqual([2, 0, 0, 3]);
  });

  test('parseRegionIndustryValues(text) rejects a repeated key naming file, line and column', () => {
    const e = caught(() => parseRegionIndustryValues('region,industry,value\nA,x,1\nA,x,2\n', 'f.csv'));
    expect(e).toMatchObject({ code: 'REPEATED_KEY', file: 'f.csv', line: 3, column: 1, field: 'region' });
    expect(e.message).toBe('f.csv:3:1: repeated key region "A", industry "x" (first on line 2)');
    const panel = caught(() => parseRegionIndustryValues('region,industry,value,year\nA,x,1,2020\nA,x,2,2020\n', 'p.csv'));
    expect(panel.code).toBe('REPEATED_KEY');
    expect(parseRegionIndustryValues('region,industry,value,year\nA,x,1,2020\nA,x,2,2021\n', 'p.csv').years).toEqual([2020, 2021]);
  });

  test('parseRegionIndustryValues(text) rejects non-numeric, empty, infinite and negative values at their column', () => {
    expect(caught(() => parseRegionIndustryValues('region,industry,value\nA,x,ten\n', 'f.csv'))).toMatchObject({ code: 'NOT_NUMERIC', line: 2, column: 3 });
    expect(caught(() => parseRegionIndustryValues('region,industry,value\nA,x,\n', 'f.csv'))).toMatchObject({ code: 'NOT_NUMERIC', line: 2, column: 3 });
    expect(caught(() => parseRegionIndustryValues('region,industry,value\nA,x,1e999\n', 'f.csv'))).toMatchObject({ code: 'NOT_NUMERIC' });
    expect(caught(() => parseRegionIndustryValues('x,value,industry,region\n0,-1,x,A\n', 'f.csv'))).toMatchObject({ code: 'NEGATIVE_VALUE', line: 2, column: 2, field: 'value' });
    expect(caught(() => parseRegionIndustryValues('region,industry,value,year\nA,x,1,2020.5\n', 'f.csv'))).toMatchObject({ code: 'NOT_NUMERIC', column: 4, field: 'year' });
  });

  test('parseRegionIndustryValues(text) rejects a missing column, an empty key and an empty file', () => {
    expect(caught(() => parseRegionIndustryValues('region,value\nA,1\n', 'f.csv'))).toMatchObject({ code: 'MISSING_COLUMN', line: 1, field: 'industry' });
    expect(caught(() => parseRegionIndustryValues('region,industry,value\n ,x,1\n', 'f.csv'))).toMatchObject({ code: 'EMPTY_KEY', line: 2, column: 1 });
    expect(caught(() => parseRegionIndustryValues('', 'f.csv'))).toMatchObject({ code: 'EMPTY_FILE' });
  });

  test('readRegionIndustryValues(file) reads UTF-8 with a BOM and reports the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analysis-csv-'));
    const file = join(dir, 'in.csv');
    writeFileSync(file, '\ufeffregion,industry,value\nZürich,x,1\n');
    expect((await readRegionIndustryValues(file)).regions).toEqual(['Zürich']);
    writeFileSync(file, 'region,industry,value\nA,x,-2\n');
    await expect(readRegionIndustryValues(file)).rejects.toThrow(`${file}:2:3: value -2 is negative`);
  });
});

describe('the other readers', () => {
  test('parseIndustryValues(text) reads a reference area, per year for a panel, and rejects a repeated industry', () => {
    expect(Array.from(parseIndustryValues('industry,value\nx,3\ny,4\n', 'r.csv').values[0]!)).toEqual([3, 4]);
    const panel = parseIndustryValues('industry,value,year\nx,3,2020\nx,5,2021\n', 'r.csv');
    expect(panel.years).toEqual([2020, 2021]);
    expect(caught(() => parseIndustryValues('industry,value\nx,3\nx,4\n', 'r.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3, column: 1 });
  });

  test('parseRegionValues(text) reads region,value and rejects a repeated region or a negative value', () => {
    const t = parseRegionValues('region,value\na,1\nb,2.5\n', 'v.csv');
    expect(t.regions).toEqual(['a', 'b']);
    expect(Array.from(t.values)).toEqual([1, 2.5]);
    expect(caught(() => parseRegionValues('region,value\na,1\na,2\n', 'v.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
    expect(caught(() => parseRegionValues('region,value\na,-1\n', 'v.csv'))).toMatchObject({ code: 'NEGATIVE_VALUE', line: 2, column: 2 });
  });

  test('parseFirms(text) reads plants columnar and rejects a repeated (industry, region, firm)', () => {
    const t = parseFirms('industry,region,firm,employment\ni,R,f1,10\ni,S,f1,5\nj,R,f2,1\n', 'f.csv');
    expect(t.industries).toEqual(['i', 'j']);
    expect(t.regions).toEqual(['R', 'S']);
    expect(Array.from(t.firmRegion)).toEqual([0, 1, 0]);
    expect(Array.from(t.firmIndustry)).toEqual([0, 0, 1]);
    expect(Array.from(t.firmEmployment)).toEqual([10, 5, 1]);
    expect(caught(() => parseFirms('industry,region,firm,employment\ni,R,f1,10\ni,R,f1,5\n', 'f.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
    expect(caught(() => parseFirms('industry,region,firm,employment\ni,R,f1,n/a\n', 'f.csv'))).toMatchObject({ code: 'NOT_NUMERIC', column: 4 });
  });

  test('parseWeights(text) is binary without a weight column and checks weights with one', () => {
    const b = parseWeights('region,neighbor\na,b\nb,a\nb,c\n', 'w.csv');
    expect(b.binary).toBe(true);
    expect(b.regions).toEqual(['a', 'b', 'c']);
    expect(Array.from(b.weights)).toEqual([1, 1, 1]);
    const w = parseWeights('region,neighbor,weight\na,b,0.5\n', 'w.csv');
    expect(w.binary).toBe(false);
    expect(Array.from(w.weights)).toEqual([0.5]);
    expect(caught(() => parseWeights('region,neighbor\na,b\na,b\n', 'w.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
    expect(caught(() => parseWeights('region,neighbor,weight\na,b,-1\n', 'w.csv'))).toMatchObject({ code: 'NEGATIVE_VALUE', column: 3 });
  });
});
