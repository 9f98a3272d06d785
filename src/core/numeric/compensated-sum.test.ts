import { describe, expect, it } from 'vitest';
import { compensatedSum } from './compensated-sum.js';

describe('compensatedSum', () => {
  it('compensatedSum([1e100, 1, -1e100]) is 1 where the naive sum is 0', () => {
    const x = [1e100, 1, -1e100];
    expect(x.reduce((a, b) => a + b, 0)).toBe(0);
    expect(compensatedSum(x)).toBe(1);
  });

  it('compensatedSum of ten 0.1s is 1 where the naive sum is 0.9999999999999999', () => {
    const x = new Float64Array(10).fill(0.1);
    expect(x.reduce((a, b) => a + b, 0)).not.toBe(1);
    expect(compensatedSum(x)).toBe(1);
  });

  it('compensatedSum(x) returns NaN when x holds NaN', () => {
    expect(compensatedSum([1, NaN, 2])).toBeNaN();
  });

  it('compensatedSum([]) is 0', () => {
    expect(compensatedSum([])).toBe(0);
  });

  it('compensatedSum(x, start, end, stride) sums one column of a row-major matrix', () => {
    // 3 × 2 matrix [[1, 10], [2, 20], [3, 30]]: column 1 = 60, rows 1..2 of column 0 = 5
    const x = Float64Array.of(1, 10, 2, 20, 3, 30);
    expect(compensatedSum(x, 1, x.length, 2)).toBe(60);
    expect(compensatedSum(x, 2, x.length, 2)).toBe(5);
  });
});
