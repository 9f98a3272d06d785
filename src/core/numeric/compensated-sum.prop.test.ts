import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compensatedSum } from './compensated-sum.js';

describe('compensatedSum properties', () => {
  it('compensatedSum([big, x, -big]) is exactly x even when the naive sum loses x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e16, max: 1e100, noNaN: true }),
        (x, big) => {
          expect(compensatedSum([big, x, -big])).toBe(x === 0 ? 0 : x);
        },
      ),
    );
  });

  it('compensatedSum(x) is exact for integers whose running sums exceed 2^53 in the naive order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 30 }), (small) => {
        const big = 2 ** 60;
        const x = [big, ...small, -big];
        const exact = small.reduce((a, b) => a + b, 0);
        expect(compensatedSum(x)).toBe(exact);
      }),
    );
  });
});
