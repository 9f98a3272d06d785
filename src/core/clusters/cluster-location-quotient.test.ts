import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { clusterLocationQuotient } from './cluster-location-quotient.js';
import type { ClusterType } from './cluster-location-quotient.js';

const types: ClusterType[] = ['traded', 'traded', 'local'];
// Worked example of docs/methods/cluster-location-quotient.md (golden: test/golden/cluster-location-quotient/hand-4x3).
const example = denseMatrix(['A', 'B', 'C', 'D'], ['T1', 'T2', 'L'], Float64Array.of(80, 20, 150, 10, 40, 60, 20, 80, 90, 10, 0, 20));

describe('clusterLocationQuotient', () => {
  it('clusterLocationQuotient(m, types) divides traded clusters by traded totals and local by local totals', () => {
    const r = clusterLocationQuotient(example, types);
    expectAllClose(r.lq, [26 / 15, 13 / 35, 1, 13 / 30, 52 / 35, 1, 13 / 30, 52 / 35, 1, 13 / 6, 0, 1], {
      rtol: 1e-12,
      rowLabels: example.rows,
      columnLabels: example.columns,
    });
    expect(Array.from(r.regionTraded)).toEqual([100, 50, 100, 10]);
    expect(Array.from(r.regionLocal)).toEqual([150, 60, 90, 20]);
    expect(r.referenceTraded).toBe(260);
    expect(r.referenceLocal).toBe(320);
  });

  it('clusterLocationQuotient(m, types) leaves traded LQs unchanged when only local employment changes', () => {
    const changed = Float64Array.from(example.values);
    changed[2] = 5000; // A's local cluster
    changed[11] = 1; // D's local cluster
    const a = clusterLocationQuotient(example, types).lq;
    const b = clusterLocationQuotient(denseMatrix(example.rows, example.columns, changed), types).lq;
    for (let r = 0; r < 4; r++) for (let c = 0; c < 2; c++) expect(b[r * 3 + c]).toBe(a[r * 3 + c]);
  });

  it('clusterLocationQuotient(m, types) returns NaN for a region with zero traded employment (x/0, never 0 or 1)', () => {
    const m = denseMatrix(['A', 'B'], ['T1', 'T2', 'L'], Float64Array.of(0, 0, 10, 5, 5, 10));
    const r = clusterLocationQuotient(m, types);
    expect(r.lq[0]).toBeNaN();
    expect(r.lq[1]).toBeNaN();
    expect(r.lq[2]).toBe(1);
  });

  it('clusterLocationQuotient(m, types) returns NaN for a cluster with zero reference employment', () => {
    const m = denseMatrix(['A', 'B'], ['T1', 'T2', 'L'], Float64Array.of(0, 4, 10, 0, 6, 10));
    const r = clusterLocationQuotient(m, types);
    expect(r.lq[0]).toBeNaN();
    expect(r.lq[3]).toBeNaN();
    expect(r.lq[1]).toBe(1);
  });

  it('clusterLocationQuotient(m, types) returns NaN for local clusters when there is no local employment anywhere', () => {
    const m = denseMatrix(['A'], ['T1', 'T2', 'L'], Float64Array.of(1, 3, 0));
    expect(clusterLocationQuotient(m, types).lq[2]).toBeNaN();
  });

  it('clusterLocationQuotient(m, types) makes a NaN cell NaN and its region type total NaN', () => {
    const values = Float64Array.from(example.values);
    values[0] = NaN;
    const r = clusterLocationQuotient(denseMatrix(example.rows, example.columns, values), types);
    expect(r.regionTraded[0]).toBeNaN();
    expect(r.lq[0]).toBeNaN();
    expect(r.lq[1]).toBeNaN();
    expect(r.lq[2]).toBe(1); // local side of region A is unaffected
  });

  it('clusterLocationQuotient(m, types, { referenceTotals }) uses the given national totals', () => {
    // one region: T1 30 of 40 traded jobs; nation: T1 100, T2 300 → share 1/4; LQ (3/4)/(1/4) = 3
    const m = denseMatrix(['A'], ['T1', 'T2', 'L'], Float64Array.of(30, 10, 50));
    const r = clusterLocationQuotient(m, types, { referenceTotals: Float64Array.of(100, 300, 1000) });
    expectAllClose(r.lq, [3, 1 / 3, 1], { rtol: 1e-12 });
    expect(r.referenceTraded).toBe(400);
  });

  it('clusterLocationQuotient(m, types) refuses negative employment with INVALID_INPUT naming region and cluster', () => {
    const m = denseMatrix(['A'], ['T1', 'T2', 'L'], Float64Array.of(1, -2, 3));
    expect(() => clusterLocationQuotient(m, types)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', details: { row: 'A', column: 'T2' } }),
    );
  });

  it('clusterLocationQuotient(m, types) refuses types or referenceTotals of the wrong length with SHAPE_MISMATCH', () => {
    expect(() => clusterLocationQuotient(example, ['traded'])).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => clusterLocationQuotient(example, types, { referenceTotals: Float64Array.of(1, 2) })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
