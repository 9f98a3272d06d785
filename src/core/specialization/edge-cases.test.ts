import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import {
  binarySpecialization,
  durantonPugaDiversity,
  hachmanIndex,
  herfindahlIndex,
  krugmanSpecialization,
  LOCATION_QUOTIENT_DEFAULTS,
  locationQuotient,
  locationQuotientInterval,
  locationQuotientReliability,
  shannonEntropy,
} from './index.js';
import { normalQuantile } from './normal-quantile.js';

const m22 = () => denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40));

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'not an AnalyticsError';
  }
  return undefined;
}

describe('specialisation edge cases', () => {
  it('locationQuotient(m) rejects a negative value with INVALID_INPUT naming the row and column', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(1, 2, -3, 4));
    let err: unknown;
    try {
      locationQuotient(m);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnalyticsError);
    expect((err as AnalyticsError).code).toBe('INVALID_INPUT');
    expect((err as AnalyticsError).details).toMatchObject({ row: 'B', column: 'x' });
  });

  it('locationQuotient(m) rejects referenceTotals of the wrong length with SHAPE_MISMATCH', () => {
    expect(codeOf(() => locationQuotient(m22(), { referenceTotals: [1, 2, 3] }))).toBe('SHAPE_MISMATCH');
  });

  it('locationQuotient(m) rejects referenceGrandTotal without referenceTotals', () => {
    expect(codeOf(() => locationQuotient(m22(), { referenceGrandTotal: 10 }))).toBe('INVALID_INPUT');
  });

  it('locationQuotient(m) propagates a missing cell to every cell by default (the grand total is unknown)', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, NaN, 20, 40));
    const lq = locationQuotient(m).values;
    for (const v of lq) expect(Number.isNaN(v)).toBe(true);
  });

  it("locationQuotient(m, { missing: 'omit' }) leaves a missing cell out of the totals and only that cell is NaN", () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, NaN, 20, 40));
    // totals: A 30, B 60, x 50, y 40, N 90
    expectAllClose(locationQuotient(m, { missing: 'omit' }).values, [(30 / 30) / (50 / 90), NaN, (20 / 60) / (50 / 90), (40 / 60) / (40 / 90)]);
  });

  it('locationQuotient(m, { out }) writes into the given buffer', () => {
    const out = new Float64Array(4);
    const result = locationQuotient(m22(), { out });
    expect(result.values).toBe(out);
    expectAllClose(out, [1.5, 0.5, 2 / 3, 4 / 3]);
  });

  it('LOCATION_QUOTIENT_DEFAULTS is frozen', () => {
    expect(Object.isFrozen(LOCATION_QUOTIENT_DEFAULTS)).toBe(true);
  });

  it('binarySpecialization(m) keeps NaN where the LQ is NaN instead of a silent 0', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(5, 0, 0, 0));
    expectAllClose(binarySpecialization(m).values, [1, NaN, NaN, NaN]);
  });

  it('krugmanSpecialization(m) returns NaN for a region with zero total', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(0, 0, 2, 3));
    expectAllClose(krugmanSpecialization(m), [NaN, 0]);
  });

  it('durantonPugaDiversity(m) returns NaN (not Infinity) for a region identical to the reference', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(1, 2, 2, 4));
    expectAllClose(durantonPugaDiversity(m), [NaN, NaN]);
  });

  it('hachmanIndex(m) ignores industries absent from both the region and the reference, and is 1 for the reference itself', () => {
    const m = denseMatrix(['A'], ['x', 'y', 'z'], Float64Array.of(3, 5, 0));
    expectAllClose(hachmanIndex(m), [1]);
  });

  it('hachmanIndex(m) returns NaN when a region holds an industry whose reference share is 0', () => {
    const m = denseMatrix(['A'], ['x', 'y'], Float64Array.of(3, 5));
    expectAllClose(hachmanIndex(m, { referenceTotals: [10, 0] }), [NaN]);
  });

  it('herfindahlIndex(m) and shannonEntropy(m) return NaN for a NaN cell and a zero region', () => {
    const m = denseMatrix(['A', 'B', 'C'], ['x', 'y'], Float64Array.of(1, NaN, 0, 0, 1, 1));
    expectAllClose(herfindahlIndex(m), [NaN, NaN, 0.5]);
    expectAllClose(shannonEntropy(m), [NaN, NaN, 1]);
  });

  it('shannonEntropy(m, { base: 1 }) is rejected', () => {
    expect(codeOf(() => shannonEntropy(m22(), { base: 1 }))).toBe('INVALID_INPUT');
  });

  it('locationQuotientInterval(m) gives NaN bounds for a zero cell and contains the LQ otherwise', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 0, 20, 40));
    const ci = locationQuotientInterval(m);
    expect(ci.lq[1]).toBe(0);
    expect(Number.isNaN(ci.lower[1]) && Number.isNaN(ci.upper[1])).toBe(true);
    for (const k of [0, 2, 3]) expect(ci.lower[k] < ci.lq[k] && ci.lq[k] < ci.upper[k]).toBe(true);
  });

  it('locationQuotientInterval(m) has zero width when the region is the whole reference area', () => {
    const m = denseMatrix(['A'], ['x', 'y'], Float64Array.of(30, 10));
    const ci = locationQuotientInterval(m);
    expectAllClose(ci.lower, [1, 1], { rtol: 1e-12 });
    expectAllClose(ci.upper, [1, 1], { rtol: 1e-12 });
  });

  it('locationQuotientInterval(m, { confidence: 1 }) is rejected', () => {
    expect(codeOf(() => locationQuotientInterval(m22(), { confidence: 1 }))).toBe('INVALID_INPUT');
  });

  it('locationQuotientReliability(m) flags a zero cell and honours minCellCount', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(3000, 0, 2000, 4000));
    expectAllClose(locationQuotientReliability(m).values, [0, 1, 0, 0]);
    expectAllClose(locationQuotientReliability(m, { minCellCount: 2500 }).values, [0, 1, 1, 0]);
  });

  it('normalQuantile(p) matches R qnorm to 1e-14', () => {
    expectAllClose([normalQuantile(0.975), normalQuantile(0.95), normalQuantile(0.995), normalQuantile(0.001)],
      [1.959963984540054, 1.6448536269514722, 2.5758293035489004, -3.090232306167813], { rtol: 1e-14 });
  });
});
