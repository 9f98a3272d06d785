import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { compensatedSum } from '../numeric/compensated-sum.js';
import { assertNonNegativeMatrix, assertNonNegativeVector, throwInvalidCell } from './assert-non-negative-matrix.js';

/** How a missing (NaN) cell enters the margins: 'propagate' makes every margin it belongs to NaN; 'omit' leaves it out. */
export type MissingPolicy = 'propagate' | 'omit';

/** Options shared by the specialisation kernels: where the totals come from. */
export interface MarginOptions {
  /**
   * x[r,·], each region's total over all industries (default: the row sums of the matrix). Supply it when the
   * matrix holds only some industries, e.g. one sector, and the region's total employment is known.
   */
  readonly regionTotals?: ArrayLike<number>;
  /**
   * x[·,i], each industry's total in the reference area (default: the column sums, i.e. the input regions).
   * Supply national industry totals when the input is one region or a subset of the nation.
   */
  readonly referenceTotals?: ArrayLike<number>;
  /** x[·,·], the reference area's total over all industries (default: the sum of referenceTotals). */
  readonly referenceGrandTotal?: number;
  /** Missing cells: 'propagate' (default; NaN in → NaN out) or 'omit' (left out of the totals, as R's na.rm). */
  readonly missing?: MissingPolicy;
}

/** The margins of a region × industry matrix, in the notation of docs/methods (x[r,·], x[·,i], x[·,·], s[i]). */
export interface RegionIndustryMargins {
  readonly regionTotals: Float64Array;
  readonly referenceTotals: Float64Array;
  readonly referenceGrandTotal: number;
  /** s[i] = x[·,i] / x[·,·]; NaN when x[·,·] is 0 or NaN. */
  readonly referenceShares: Float64Array;
}

/**
 * Validates a region × industry matrix and computes its margins with compensated (Neumaier) sums in one
 * row-major pass. Negative values throw InvalidInputError (INVALID_INPUT) naming the row and column.
 * Internal to the core's specialisation and concentration kernels.
 */
export function regionIndustryMargins(matrix: DenseMatrix, options: MarginOptions = {}): RegionIndustryMargins {
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  const omit = (options.missing ?? 'propagate') === 'omit';
  // Fast path (all totals from the matrix): validation, row and column sums fused into one row-major pass. It checks
  // the cells in the same order as assertNonNegativeMatrix and throws before any option error, as the general path.
  let fused: { regionTotals: Float64Array; referenceTotals: Float64Array } | undefined;
  if (options.regionTotals === undefined && options.referenceTotals === undefined) fused = fusedMargins(matrix, omit);
  else assertNonNegativeMatrix(matrix);
  if (options.missing !== undefined && options.missing !== 'propagate' && options.missing !== 'omit') {
    throw new InvalidInputError(`missing must be 'propagate' or 'omit', got ${String(options.missing)}`, { missing: options.missing });
  }

  if (options.referenceTotals === undefined && options.referenceGrandTotal !== undefined) {
    // A grand total without industry totals mixes two reference areas: refuse rather than guess.
    throw new InvalidInputError('referenceGrandTotal needs referenceTotals (both describe the same reference area)', {});
  }

  let regionTotals: Float64Array;
  if (fused !== undefined) regionTotals = fused.regionTotals;
  else if (options.regionTotals !== undefined) {
    assertNonNegativeVector(options.regionTotals, 'regionTotals', m, matrix.rows);
    regionTotals = Float64Array.from(options.regionTotals);
  } else {
    regionTotals = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let sum = 0;
      let comp = 0;
      const base = r * n;
      for (let c = 0; c < n; c++) {
        const v = x[base + c];
        if (omit && v !== v) continue;
        const t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) comp += sum - t + v;
        else comp += v - t + sum;
        sum = t;
      }
      regionTotals[r] = sum + comp;
    }
  }

  let referenceTotals: Float64Array;
  if (fused !== undefined) referenceTotals = fused.referenceTotals;
  else if (options.referenceTotals !== undefined) {
    assertNonNegativeVector(options.referenceTotals, 'referenceTotals', n, matrix.columns);
    referenceTotals = Float64Array.from(options.referenceTotals);
  } else {
    const sum = new Float64Array(n);
    const comp = new Float64Array(n);
    for (let r = 0; r < m; r++) {
      const base = r * n;
      for (let c = 0; c < n; c++) {
        const v = x[base + c];
        if (omit && v !== v) continue;
        const s = sum[c];
        const t = s + v;
        if (Math.abs(s) >= Math.abs(v)) comp[c] += s - t + v;
        else comp[c] += v - t + s;
        sum[c] = t;
      }
    }
    for (let c = 0; c < n; c++) sum[c] += comp[c];
    referenceTotals = sum;
  }

  let grand: number;
  if (options.referenceGrandTotal !== undefined) {
    const g = options.referenceGrandTotal;
    if (typeof g !== 'number' || g < 0 || g === Infinity) {
      throw new InvalidInputError(`referenceGrandTotal must be a finite number ≥ 0, got ${String(g)}`, { referenceGrandTotal: g });
    }
    grand = g;
  } else if (omit && options.referenceTotals !== undefined) {
    grand = 0;
    for (let c = 0; c < n; c++) if (referenceTotals[c] === referenceTotals[c]) grand += referenceTotals[c];
  } else {
    grand = compensatedSum(referenceTotals);
  }

  const referenceShares = new Float64Array(n);
  for (let c = 0; c < n; c++) referenceShares[c] = grand > 0 ? referenceTotals[c] / grand : NaN;
  return { regionTotals, referenceTotals, referenceGrandTotal: grand, referenceShares };
}

/**
 * Internal: checks every cell (as assertNonNegativeMatrix, first offending cell in row-major order) and computes the
 * row and column totals with Neumaier sums in one row-major pass: the same additions in the same order as the
 * separate passes of the general path, so the totals are bit for bit the same. 'omit' skips NaN cells.
 */
function fusedMargins(matrix: DenseMatrix, omit: boolean): { regionTotals: Float64Array; referenceTotals: Float64Array } {
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  if (x.length !== m * n) assertNonNegativeMatrix(matrix); // throws the ShapeMismatchError
  const regionTotals = new Float64Array(m);
  const sum = new Float64Array(n);
  const comp = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    const base = r * n;
    let rs = 0;
    let rc = 0;
    for (let c = 0; c < n; c++) {
      const v = x[base + c];
      if (v < 0 || v === Infinity) throwInvalidCell(matrix, base + c);
      if (omit && v !== v) continue;
      const t = rs + v;
      if (Math.abs(rs) >= Math.abs(v)) rc += rs - t + v;
      else rc += v - t + rs;
      rs = t;
      const s = sum[c];
      const u = s + v;
      if (Math.abs(s) >= Math.abs(v)) comp[c] += s - u + v;
      else comp[c] += v - u + s;
      sum[c] = u;
    }
    regionTotals[r] = rs + rc;
  }
  for (let c = 0; c < n; c++) sum[c] += comp[c];
  return { regionTotals, referenceTotals: sum };
}
