import { describe, expect, test } from 'vitest';
import { differenceInDifferences } from './difference-in-differences.js';

const panel = (values: number[][], treated: number[], years: number[]) => ({
  units: values.map((_, i) => `u${i}`),
  treated: Uint8Array.from(treated),
  years,
  values: Float64Array.from(values.flat()),
});

describe('differenceInDifferences', () => {
  test('differenceInDifferences(panel) is insufficient-data without a pre year', () => {
    const r = differenceInDifferences(panel([[1, 2], [1, 1]], [1, 0], [2010, 2011]), { treatmentYear: 2005 });
    expect(r.status).toBe('insufficient-data');
    expect(r.reason).toContain('no year before');
    expect(r.estimate).toBeNaN();
  });
  test('differenceInDifferences(panel) is insufficient-data without a post year', () => {
    const r = differenceInDifferences(panel([[1, 2], [1, 1]], [1, 0], [2010, 2011]), { treatmentYear: 2015 });
    expect(r.status).toBe('insufficient-data');
    expect(r.reason).toContain('no year from the treatment year');
  });
  test('differenceInDifferences(panel) is insufficient-data when the treated unit has a missing year', () => {
    const r = differenceInDifferences(panel([[NaN, 2], [1, 1], [2, 2]], [1, 0, 0], [2010, 2011]), { treatmentYear: 2011 });
    expect(r.status).toBe('insufficient-data');
    expect(r.excludedUnits).toEqual(['u0']);
  });
  test('differenceInDifferences(panel) has no SE with a single control', () => {
    const r = differenceInDifferences(panel([[1, 3], [1, 2]], [1, 0], [2010, 2011]), { treatmentYear: 2011 });
    expect(r.estimate).toBeCloseTo(1, 12);
    expect(r.standardError).toBeNaN();
    expect(r.standardErrorMethod).toBeNull();
  });
  test('differenceInDifferences(panel) throws SHAPE_MISMATCH and INVALID_INPUT', () => {
    expect(() => differenceInDifferences({ ...panel([[1, 2]], [1], [1, 2]), values: Float64Array.of(1) }, { treatmentYear: 2 })).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => differenceInDifferences(panel([[1, 2]], [1], [2, 1]), { treatmentYear: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
