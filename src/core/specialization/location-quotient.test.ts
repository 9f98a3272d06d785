import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { compensatedSum } from '../numeric/compensated-sum.js';
import { locationQuotient } from './location-quotient.js';
import { locationQuotientMargins } from './location-quotient-margins.js';

const labels = (prefix: string, k: number): string[] => Array.from({ length: k }, (_, i) => `${prefix}${i}`);

// Non-integer values spanning 12 orders of magnitude, sizes that cross the 32-cell and 32-row blocks.
const matrixArb = fc
  .record({ m: fc.integer({ min: 1, max: 70 }), n: fc.integer({ min: 1, max: 70 }) })
  .chain(({ m, n }) =>
    fc
      .array(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), { minLength: m * n, maxLength: m * n })
      .map((values) => denseMatrix(labels('r', m), labels('i', n), Float64Array.from(values))),
  );

describe('locationQuotient fast path (totals from the matrix)', () => {
  it('locationQuotientMargins(m) agrees with Neumaier sums of every row and column to 4e-15 relative', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        const m = mat.rows.length;
        const n = mat.columns.length;
        const { regionTotals, referenceTotals } = locationQuotientMargins(mat);
        for (let r = 0; r < m; r++) {
          const exact = compensatedSum(mat.values, r * n, r * n + n);
          expect(Math.abs(regionTotals[r] - exact)).toBeLessThanOrEqual(4e-15 * exact);
        }
        for (let c = 0; c < n; c++) {
          const exact = compensatedSum(mat.values, c, m * n, n);
          expect(Math.abs(referenceTotals[c] - exact)).toBeLessThanOrEqual(4e-15 * exact);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('locationQuotient(m) equals the general path given the same totals explicitly, to 1e-14', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        const m = mat.rows.length;
        const n = mat.columns.length;
        const regionTotals = Array.from({ length: m }, (_, r) => compensatedSum(mat.values, r * n, r * n + n));
        const referenceTotals = Array.from({ length: n }, (_, c) => compensatedSum(mat.values, c, m * n, n));
        expectAllClose(locationQuotient(mat).values, locationQuotient(mat, { regionTotals, referenceTotals }).values, { rtol: 1e-14 });
      }),
      { numRuns: 60 },
    );
  });

  it('locationQuotient(m) keeps the sum of a row exact for integer counts beyond 2^32 in total', () => {
    // 40 × 40 cells of 3·10^9: every partial sum is an integer below 2^53, so the totals are exact
    const mat = denseMatrix(labels('r', 40), labels('i', 40), new Float64Array(1600).fill(3e9));
    const { regionTotals, referenceTotals } = locationQuotientMargins(mat);
    for (const t of regionTotals) expect(t).toBe(1.2e11);
    for (const t of referenceTotals) expect(t).toBe(1.2e11);
    for (const v of locationQuotient(mat).values) expect(v).toBeCloseTo(1, 15);
  });

  it('locationQuotient(m) names the first negative or infinite cell in row-major order, past the first block', () => {
    const values = new Float64Array(50 * 40).fill(1);
    values[45 * 40 + 35] = Infinity;
    values[46 * 40 + 2] = -1;
    const mat = denseMatrix(labels('r', 50), labels('i', 40), values);
    let err: unknown;
    try {
      locationQuotient(mat);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AnalyticsError);
    expect((err as AnalyticsError).code).toBe('INVALID_INPUT');
    expect((err as AnalyticsError).details).toMatchObject({ row: 'r45', column: 'i35' });
  });

  it('locationQuotient(m) with a NaN cell beyond the first blocks is NaN everywhere (propagate)', () => {
    const values = new Float64Array(40 * 40).fill(2);
    values[39 * 40 + 39] = NaN;
    for (const v of locationQuotient(denseMatrix(labels('r', 40), labels('i', 40), values)).values) expect(Number.isNaN(v)).toBe(true);
  });
});
