import { describe, expect, test } from 'vitest';
import { CBP_EMPLOYMENT_FLAG_RANGES, cbpEmploymentFlagRange } from './cbp-employment-flags.js';

describe('cbpEmploymentFlagRange', () => {
  test('cbpEmploymentFlagRange(flag) returns the CBP record-layout size classes A–M', () => {
    const expected: Record<string, [number, number]> = {
      A: [0, 19], B: [20, 99], C: [100, 249], E: [250, 499], F: [500, 999], G: [1000, 2499], H: [2500, 4999],
      I: [5000, 9999], J: [10000, 24999], K: [25000, 49999], L: [50000, 99999], M: [100000, Infinity],
    };
    for (const [flag, [lower, upper]] of Object.entries(expected)) {
      expect(cbpEmploymentFlagRange(flag)).toEqual({ lower, upper });
    }
    expect(Object.keys(CBP_EMPLOYMENT_FLAG_RANGES)).toEqual(Object.keys(expected));
  });

  test('cbpEmploymentFlagRange(flag) classes are contiguous and non-overlapping', () => {
    const ranges = Object.values(CBP_EMPLOYMENT_FLAG_RANGES);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i].lower).toBe(ranges[i - 1].upper + 1);
  });

  test('cbpEmploymentFlagRange(" K ") ignores surrounding blanks of fixed-width files', () => {
    expect(cbpEmploymentFlagRange(' K ')).toEqual({ lower: 25000, upper: 49999 });
  });

  test.each(['', 'D', 'S', 'a', 'N', 'AB', 'toString', 'constructor'])('cbpEmploymentFlagRange(%j) throws INVALID_INPUT', (flag) => {
    expect(() => cbpEmploymentFlagRange(flag)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('CBP_EMPLOYMENT_FLAG_RANGES is frozen all the way down', () => {
    expect(Object.isFrozen(CBP_EMPLOYMENT_FLAG_RANGES)).toBe(true);
    expect(Object.isFrozen(CBP_EMPLOYMENT_FLAG_RANGES.M)).toBe(true);
  });
});
