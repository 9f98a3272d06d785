import { describe, expect, test } from 'vitest';
import { AnalysisCsvError } from './analysis-csv-error.js';
import { parseIndicatorTable, parseIndicatorWeights } from './read-indicator-table.js';

function caught(f: () => unknown): AnalysisCsvError {
  try {
    f();
  } catch (error) {
    if (error instanceof AnalysisCsvError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisCsvError');
}

describe('parseIndicatorTable', () => {
  test('parseIndicatorTable(long) leaves an absent pair and an empty value missing (NaN), keeps negatives, any column order', () => {
    const t = parseIndicatorTable('\ufeffValue,Region,Indicator\n1.5,A,x\n-2,B,x\n,B,y\n3,A,y\n', 'f.csv');
    expect(t.layout).toBe('long');
    expect(t.regions).toEqual(['A', 'B']);
    expect(t.indicators).toEqual(['x', 'y']);
    expect(Array.from(t.values)).toEqual([1.5, 3, -2, NaN]);
  });

  test('parseIndicatorTable(wide) reads one column per indicator, an empty cell as NaN, quoted names', () => {
    const t = parseIndicatorTable('region,"R&D, % GDP",jobs\r\nA,1.2,\r\n\r\nB,,7\r\n', 'w.csv');
    expect(t.layout).toBe('wide');
    expect(t.indicators).toEqual(['R&D, % GDP', 'jobs']);
    expect(Array.from(t.values)).toEqual([1.2, NaN, NaN, 7]);
  });

  test('parseIndicatorTable(text) refuses, with line and column, what the CLI contract refuses', () => {
    expect(caught(() => parseIndicatorTable('', 'e.csv'))).toMatchObject({ code: 'EMPTY_FILE', line: 1 });
    expect(caught(() => parseIndicatorTable('region,x\n', 'e.csv'))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(caught(() => parseIndicatorTable('x,region\nA,1\n', 'e.csv'))).toMatchObject({ code: 'MISSING_COLUMN', column: 1 });
    expect(caught(() => parseIndicatorTable('region,,y\nA,1,2\n', 'e.csv'))).toMatchObject({ code: 'MISSING_COLUMN', column: 2 });
    expect(caught(() => parseIndicatorTable('region,x\nA,1\n,2\n', 'e.csv'))).toMatchObject({ code: 'EMPTY_KEY', line: 3, column: 1 });
    expect(caught(() => parseIndicatorTable('region,x,y\nA,1\n', 'e.csv'))).toMatchObject({ code: 'MISSING_COLUMN', line: 2, column: 3 });
    expect(caught(() => parseIndicatorTable('region,indicator,value\nA,x,Infinity\n', 'e.csv'))).toMatchObject({ code: 'NOT_NUMERIC', line: 2, column: 3 });
    expect(caught(() => parseIndicatorTable('region,indicator,value\nA,,1\n', 'e.csv'))).toMatchObject({ code: 'EMPTY_KEY', column: 2, field: 'indicator' });
    expect(caught(() => parseIndicatorTable('region,x\nA,"1,000"\n', 'e.csv')).message).toBe('e.csv:2:2: x "1,000" is not a number (leave the field empty for a missing value)');
  });
});

describe('parseIndicatorWeights', () => {
  test('parseIndicatorWeights(text) reads weights and optional directions (positive, negative, 1, -1, empty)', () => {
    const w = parseIndicatorWeights('Indicator,Weight,Direction\nx,2,-1\ny,0.5,\nz,1,Positive\n', 'w.csv');
    expect(w.rows.map((r) => [r.indicator, r.weight, r.direction, r.line])).toEqual([['x', 2, 'negative', 2], ['y', 0.5, null, 3], ['z', 1, 'positive', 4]]);
  });

  test('parseIndicatorWeights(text) refuses a missing or empty weight, a bad direction and a repeated indicator', () => {
    expect(caught(() => parseIndicatorWeights('indicator\nx\n', 'w.csv'))).toMatchObject({ code: 'MISSING_COLUMN', field: 'weight' });
    expect(caught(() => parseIndicatorWeights('indicator,weight\nx,\n', 'w.csv'))).toMatchObject({ code: 'NOT_NUMERIC', line: 2, column: 2 });
    expect(caught(() => parseIndicatorWeights('indicator,weight,direction\nx,1,down\n', 'w.csv'))).toMatchObject({ code: 'INVALID_VALUE', line: 2, column: 3 });
    expect(caught(() => parseIndicatorWeights('indicator,weight\nx,1\nx,2\n', 'w.csv'))).toMatchObject({ code: 'REPEATED_KEY', line: 3 });
  });
});
