import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { shiftShare, shiftShareDefaults } from './shift-share.js';

const golden = new URL('../../../test/golden/shift-share/', import.meta.url);

function readCells(path: URL): DenseMatrix {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const rows: string[] = [];
  const columns: string[] = [];
  const cells: [string, string, number][] = [];
  for (const line of lines) {
    const [r, c, v] = line.split(',');
    if (!rows.includes(r)) rows.push(r);
    if (!columns.includes(c)) columns.push(c);
    cells.push([r, c, Number(v)]);
  }
  const values = new Float64Array(rows.length * columns.length);
  for (const [r, c, v] of cells) values[rows.indexOf(r) * columns.length + columns.indexOf(c)] = v;
  return denseMatrix(rows, columns, values);
}

const m = (rows: string[], columns: string[], values: number[]): DenseMatrix => denseMatrix(rows, columns, Float64Array.from(values));
const components = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'] as const;

describe('shiftShare', () => {
  it('shiftShare(start, end) matches the hand-calculated two-region golden case', () => {
    const start = readCells(new URL('two-region-hand/start.csv', golden));
    const end = readCells(new URL('two-region-hand/end.csv', golden));
    const expected = JSON.parse(readFileSync(new URL('two-region-hand/expected.json', golden), 'utf8'));
    const result = shiftShare(start, end);
    for (const name of components) expectAllClose(result.regions[name], expected[name], { rtol: 1e-12, atol: 1e-12, rowLabels: result.rows });
    expect(result.referenceGrowth).toBeCloseTo(0.1, 15);
    expectAllClose(result.industryGrowth, [2 / 15, 0.1, 0], { rtol: 1e-14 });
  });

  it('shiftShare(start, end, { referenceStart, referenceEnd }) matches the external-reference golden case', () => {
    const start = readCells(new URL('external-reference-hand/start.csv', golden));
    const end = readCells(new URL('external-reference-hand/end.csv', golden));
    const expected = JSON.parse(readFileSync(new URL('external-reference-hand/expected.json', golden), 'utf8'));
    const result = shiftShare(start, end, { referenceStart: [1000, 1000, 1000], referenceEnd: [1100, 900, 1300] });
    for (const name of components) expectAllClose(result.regions[name], expected[name], { rtol: 1e-12, atol: 1e-12, rowLabels: result.rows });
  });

  it('shiftShare(start, end) gives per-cell terms without dividing by e_ri1 (docs worked example, region A)', () => {
    const result = shiftShare(m(['A', 'B'], ['i1', 'i2', 'i3'], [100, 50, 0, 200, 150, 100]), m(['A', 'B'], ['i1', 'i2', 'i3'], [120, 40, 10, 220, 180, 90]));
    expectAllClose(result.cells.nationalShare.subarray(0, 3), [10, 5, 0], { rtol: 1e-14 });
    expectAllClose(result.cells.industryMix.subarray(0, 3), [10 / 3, 0, 0], { rtol: 1e-12, atol: 1e-13 });
    expectAllClose(result.cells.regionalShift.subarray(0, 3), [20 / 3, -15, 10], { rtol: 1e-12 });
    expectAllClose(result.cells.homothetic.subarray(0, 3), [75, 50, 25], { rtol: 1e-14 });
    expectAllClose(result.cells.competitive.subarray(0, 3), [5, -15, 0], { rtol: 1e-12 });
    expectAllClose(result.cells.allocation.subarray(0, 3), [5 / 3, 0, 10], { rtol: 1e-12, atol: 1e-13 });
    // per industry = column sums of the cells
    expectAllClose(result.industries.growth, [40, 20, 0], { rtol: 1e-14, atol: 1e-14 });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['ZERO_START_CELLS']);
  });

  it("shiftShare(start, end, { zeroStartCells: 'nan' }) makes the EM terms of a growing zero-start cell NaN", () => {
    const result = shiftShare(m(['A'], ['i1', 'i2'], [0, 10]), m(['A'], ['i1', 'i2'], [5, 10]), { zeroStartCells: 'nan' });
    expect(result.cells.competitive[0]).toBeNaN();
    expect(result.cells.allocation[0]).toBeNaN();
    expect(result.cells.regionalShift[0]).toBe(5);
    expect(result.regions.nationalShare[0]).toBeCloseTo(5, 12);
    expect(shiftShareDefaults.zeroStartCells).toBe('allocation');
    expect(Object.isFrozen(shiftShareDefaults)).toBe(true);
  });

  it('shiftShare(start, end) propagates NaN in a cell to that cell, its region and its industry only', () => {
    const result = shiftShare(m(['A', 'B'], ['i1', 'i2'], [10, NaN, 20, 30]), m(['A', 'B'], ['i1', 'i2'], [12, 5, 22, 33]));
    expect(result.regions.growth[0]).toBeNaN();
    expect(result.cells.growth[2]).toBe(2);
    expect(result.cells.growth[1]).toBeNaN();
  });

  it('shiftShare(start, end) returns NaN for cells of an industry whose external reference start is 0', () => {
    const result = shiftShare(m(['A'], ['i1', 'i2'], [10, 10]), m(['A'], ['i1', 'i2'], [10, 12]), { referenceStart: [100, 0], referenceEnd: [100, 5] });
    expect(result.industryGrowth[1]).toBeNaN();
    expect(result.cells.industryMix[1]).toBeNaN();
    expect(result.diagnostics.some((d) => d.code === 'UNDEFINED_INDUSTRY_GROWTH')).toBe(true);
  });

  it('shiftShare(start, end) throws INVALID_INPUT naming the row and column of a negative value', () => {
    try {
      shiftShare(m(['A'], ['i1', 'i2'], [1, 2]), m(['A'], ['i1', 'i2'], [1, -2]));
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { row: 'A', column: 'i2' } });
    }
  });

  it('shiftShare(start, end) throws SHAPE_MISMATCH when the labels differ', () => {
    expect(() => shiftShare(m(['A'], ['i1'], [1]), m(['B'], ['i1'], [1]))).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });

  it('shiftShare(start, end, options) rejects a reference given for one year only', () => {
    expect(() => shiftShare(m(['A'], ['i1'], [1]), m(['A'], ['i1'], [1]), { referenceStart: [1] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
