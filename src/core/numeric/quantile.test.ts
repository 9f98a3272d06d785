import { describe, expect, it } from 'vitest';
import { quantile, quantileSorted, sortedFinite } from './quantile.js';

// R type 7 values worked out by hand in test/golden/quantile/r-type7/SOURCE.md.
describe('quantile', () => {
  it('quantile(1:10, p) gives R type 7 values 1, 3.25, 5.5, 7.75, 10 at p = 0, .25, .5, .75, 1', () => {
    const x = Array.from({ length: 10 }, (_, k) => k + 1);
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantile(x, p))).toEqual([1, 3.25, 5.5, 7.75, 10]);
  });

  it('quantile(x, p) interpolates between order statistics: c(10, 1, 4, 2, 3) at .9 is 7.6', () => {
    expect(quantile([10, 1, 4, 2, 3], 0.9)).toBeCloseTo(7.6, 12);
    expect(quantile([10, 1, 4, 2, 3], 0.25)).toBe(2);
  });

  it('quantile(x, p) ignores NaN values', () => {
    expect(quantile([NaN, 1, 2, NaN, 3], 0.5)).toBe(2);
  });

  it('quantile([], p) and quantile(all NaN, p) return NaN', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([NaN, NaN], 0.5)).toBeNaN();
  });

  it('quantile(x, NaN) returns NaN', () => {
    expect(quantile([1, 2], NaN)).toBeNaN();
  });

  it('quantile(x, p) clamps p outside [0, 1] to the minimum or maximum', () => {
    expect(quantile([3, 1, 2], -0.5)).toBe(1);
    expect(quantile([3, 1, 2], 1.5)).toBe(3);
  });

  it('quantile([v], p) returns v for every p', () => {
    expect(quantile([7], 0.3)).toBe(7);
  });

  it('quantile(x, p) returns a tied value exactly (no rounding drift between equal neighbours)', () => {
    expect(quantile([0.1, 0.7, 0.7, 0.7], 0.75)).toBe(0.7);
  });

  it('sortedFinite(x) sorts numerically (not as strings) and drops NaN', () => {
    expect(Array.from(sortedFinite([10, NaN, 9, -1, 100]))).toEqual([-1, 9, 10, 100]);
  });

  it('quantileSorted(sorted, p) agrees with quantile on sorted input', () => {
    const s = Float64Array.of(1, 2, 4, 8);
    expect(quantileSorted(s, 0.5)).toBe(3);
  });
});
