import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile } from './quantile.js';

// d3-array (a dependency of the web app) ships no type declarations: load it untyped, as an independent oracle.
const d3ArrayModule: string = 'd3-array';
const { quantile: d3Quantile } = (await import(d3ArrayModule)) as { quantile: (x: number[], p: number) => number | undefined };

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
const probability = fc.double({ min: 0, max: 1, noNaN: true });

describe('quantile properties', () => {
  it('quantile(x, p) equals d3-array quantile (R type 7) on random data', () => {
    fc.assert(
      fc.property(values, probability, (x, p) => {
        const want = d3Quantile(x, p) ?? NaN;
        expect(Math.abs(quantile(x, p) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
      }),
    );
  });

  it('quantile(x, p) lies in [min x, max x] and is non-decreasing in p', () => {
    fc.assert(
      fc.property(values, probability, probability, (x, p, q) => {
        const [lo, hi] = p <= q ? [p, q] : [q, p];
        const a = quantile(x, lo);
        const b = quantile(x, hi);
        expect(a).toBeGreaterThanOrEqual(Math.min(...x));
        expect(b).toBeLessThanOrEqual(Math.max(...x));
        expect(b).toBeGreaterThanOrEqual(a - 1e-9 * Math.max(1, Math.abs(a)));
      }),
    );
  });

  it('quantile(x, p) does not depend on the order of x', () => {
    fc.assert(
      fc.property(values, probability, (x, p) => {
        expect(quantile([...x].reverse(), p)).toBe(quantile(x, p));
      }),
    );
  });
});
