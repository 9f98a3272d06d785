import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { dynamicShiftShare } from './dynamic-shift-share.js';
import { shiftShare } from './shift-share.js';

const dir = new URL('../../../test/golden/shift-share/dynamic-three-years-hand/', import.meta.url);
function readCells(path: URL): DenseMatrix {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const rows = [...new Set(lines.map((l) => l[0]))];
  const columns = [...new Set(lines.map((l) => l[1]))];
  const values = new Float64Array(rows.length * columns.length);
  for (const [r, c, v] of lines) values[rows.indexOf(r) * columns.length + columns.indexOf(c)] = Number(v);
  return denseMatrix(rows, columns, values);
}
const components = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'] as const;

describe('dynamicShiftShare', () => {
  it('dynamicShiftShare(panel) matches the hand-calculated three-year golden case', () => {
    const panel = [0, 1, 2].map((y) => readCells(new URL(`year${y}.csv`, dir)));
    const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));
    const result = dynamicShiftShare(panel);
    for (const name of components) expectAllClose(result.regions[name], expected[name], { rtol: 1e-12, atol: 1e-12, rowLabels: result.rows });
    expect(result.periods).toHaveLength(2);
  });

  it('dynamicShiftShare([a, b]) equals shiftShare(a, b)', () => {
    const a = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.from([1, 2, 3, 4]));
    const b = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.from([2, 2, 5, 1]));
    const d = dynamicShiftShare([a, b]);
    const s = shiftShare(a, b);
    for (const name of components) expectAllClose(d.regions[name], s.regions[name], { rtol: 0 });
  });

  it('dynamicShiftShare(panel, { references }) uses one external reference vector per year', () => {
    const a = denseMatrix(['A'], ['x', 'y'], Float64Array.from([10, 10]));
    const b = denseMatrix(['A'], ['x', 'y'], Float64Array.from([11, 10]));
    const c = denseMatrix(['A'], ['x', 'y'], Float64Array.from([11, 12]));
    const refs = [Float64Array.from([100, 100]), Float64Array.from([110, 100]), Float64Array.from([110, 100])];
    const d = dynamicShiftShare([a, b, c], { references: refs });
    // period 1: g = 0.05, g_x = 0.1, g_y = 0 → NS 1, mix 10·0.05 + 10·(−0.05) = 0, regional 0
    // period 2: g = 0, g_i = 0 → NS 0, mix 0, regional 2
    expectAllClose([d.regions.nationalShare[0], d.regions.industryMix[0], d.regions.regionalShift[0]], [1, 0, 2], { rtol: 1e-12, atol: 1e-12 });
  });

  it('dynamicShiftShare(panel) rejects fewer than two years and a references list of the wrong length', () => {
    const a = denseMatrix(['A'], ['x'], Float64Array.from([1]));
    expect(() => dynamicShiftShare([a])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => dynamicShiftShare([a, a], { references: [[1]] })).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});
