import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import {
  ellisonGlaeser,
  ellisonGlaeserCoagglomeration,
  gini,
  hooverConcentration,
  locationalGini,
  lorenzCurve,
  maurelSedillot,
  theilIndex,
} from './index.js';
import type { PlantData } from './index.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'not an AnalyticsError';
  }
  return undefined;
}

const plants: PlantData = {
  regions: ['N', 'S'],
  industries: ['A', 'B', 'solo'],
  plantRegion: [0, 0, 1, 0, 1, 1],
  plantIndustry: [0, 0, 0, 1, 1, 2],
  plantEmployment: [40, 30, 10, 5, 5, 7],
};

describe('concentration edge cases', () => {
  it('gini(x) returns NaN for a NaN value by default and drops it with missing: omit', () => {
    expectAllClose(gini([20, NaN, 50, 20, 10]), NaN);
    expectAllClose(gini([20, NaN, 50, 20, 10], { missing: 'omit' }), 0.3, { rtol: 1e-12 });
  });

  it('gini(x) returns NaN for an all-zero vector and 0 for a single value (NaN normalised)', () => {
    expectAllClose(gini([0, 0, 0]), NaN);
    expectAllClose(gini([5]), 0);
    expectAllClose(gini([5], { normalized: true }), NaN);
  });

  it('gini(x) rejects a negative value with INVALID_INPUT', () => {
    expect(codeOf(() => gini([1, -2]))).toBe('INVALID_INPUT');
  });

  it('gini(x, { weights }) sorts the weights with the values (REAT does not)', () => {
    const a = gini([500, 1500, 2500, 4000, 7500, 15000], { weights: [1000, 1200, 1600, 400, 200, 600] });
    const b = gini([15000, 500, 7500, 1500, 4000, 2500], { weights: [600, 1000, 200, 1200, 400, 1600] });
    expectAllClose(a, b, { rtol: 1e-14 });
  });

  it('gini(x) equals the mean-absolute-difference form Σ|xi − xj|/(2n²μ)', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    let s = 0;
    for (const a of x) for (const b of x) s += Math.abs(a - b);
    const mean = x.reduce((p, q) => p + q, 0) / x.length;
    expectAllClose(gini(x), s / (2 * x.length ** 2 * mean), { rtol: 1e-14 });
  });

  it('theilIndex(x) is 0 for equal values, ln n when one unit holds everything, NaN in variant L with a zero', () => {
    expectAllClose(theilIndex([4, 4, 4]), 0, { atol: 1e-15 });
    expectAllClose(theilIndex([0, 0, 0, 9]), Math.log(4), { rtol: 1e-14 });
    expectAllClose(theilIndex([0, 1], { variant: 'L' }), NaN);
  });

  it('lorenzCurve(x) returns NaN coordinates for a NaN value and rejects weights with reference', () => {
    const c = lorenzCurve([1, NaN]);
    expect(Array.from(c.y).every(Number.isNaN)).toBe(true);
    expect(codeOf(() => lorenzCurve([1, 2], { weights: [1, 1], reference: [1, 1] }))).toBe('INVALID_INPUT');
  });

  it('locationalGini(m) returns NaN for an empty industry and 0 for an industry spread like the regions', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'empty', 'prop'], Float64Array.of(3, 0, 1, 6, 0, 2));
    expectAllClose(locationalGini(m), [0, NaN, 0], { atol: 1e-15 });
  });

  it('locationalGini(m) reaches its maximum 0.5 only in the limit: one small region holding the industry', () => {
    const m = denseMatrix(['A', 'B'], ['x', 'rest'], Float64Array.of(1, 0, 0, 1e9));
    expectAllClose(locationalGini(m), [0.5 - 0.5e-9, 0.5e-9], { rtol: 1e-6 });
  });

  it('hooverConcentration(m) propagates NaN and omits it on request', () => {
    const m = denseMatrix(['A', 'B', 'C'], ['x'], Float64Array.of(NaN, 1, 1));
    expectAllClose(hooverConcentration(m, { reference: [1, 1, 2] }), [NaN]);
    expectAllClose(hooverConcentration(m, { reference: [1, 1, 2], missing: 'omit' }), [1 / 6], { rtol: 1e-14 });
  });

  it('ellisonGlaeser(plants) returns NaN for an industry with a single plant (H = 1)', () => {
    const g = ellisonGlaeser(plants);
    expect(Number.isNaN(g[2])).toBe(true);
    expect(Number.isNaN(g[0])).toBe(false);
  });

  it('ellisonGlaeser(plants) rejects a plant with an unknown region or a negative size', () => {
    expect(codeOf(() => ellisonGlaeser({ ...plants, plantRegion: [0, 0, 2, 0, 1, 1] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => ellisonGlaeser({ ...plants, plantEmployment: [40, 30, -1, 5, 5, 7] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => ellisonGlaeser({ ...plants, plantIndustry: [0, 0] }))).toBe('SHAPE_MISMATCH');
  });

  it('ellisonGlaeser(plants) propagates a NaN plant size to every industry under default regional shares', () => {
    const g = ellisonGlaeser({ ...plants, plantEmployment: [40, 30, NaN, 5, 5, 7] });
    expect(Array.from(g).every(Number.isNaN)).toBe(true);
  });

  it('maurelSedillot(plants) and ellisonGlaeser(plants) agree when Σa² is small and s ≈ a (both ≈ 0 for a dartboard-like industry)', () => {
    const J = 200;
    const regions = Array.from({ length: J }, (_, k) => `r${k}`);
    const data: PlantData = {
      regions,
      industries: ['i'],
      plantRegion: Array.from({ length: J }, (_, k) => k),
      plantIndustry: new Array(J).fill(0),
      plantEmployment: new Array(J).fill(1),
    };
    const eg = ellisonGlaeser(data, { regionEmployment: new Array(J).fill(1) })[0];
    const ms = maurelSedillot(data, { regionEmployment: new Array(J).fill(1) })[0];
    expectAllClose([eg, ms], [-1 / (J - 1), -1 / (J - 1)], { rtol: 1e-9 });
  });

  it('ellisonGlaeserCoagglomeration(plants) rejects an unknown, a repeated or a single industry', () => {
    expect(codeOf(() => ellisonGlaeserCoagglomeration(plants, { group: ['A', 'Z'] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => ellisonGlaeserCoagglomeration(plants, { group: ['A', 'A'] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => ellisonGlaeserCoagglomeration(plants, { group: ['A'] }))).toBe('INVALID_INPUT');
  });
});
