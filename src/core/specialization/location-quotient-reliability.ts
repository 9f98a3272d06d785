import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { locationQuotientInterval } from './location-quotient-interval.js';
import type { LocationQuotientIntervalOptions } from './location-quotient-interval.js';

/** Options of {@link locationQuotientReliability}. */
export interface LocationQuotientReliabilityOptions extends Pick<LocationQuotientIntervalOptions, Exclude<keyof LocationQuotientIntervalOptions, 'confidence' | 'scale'>> {
  /** Flag a cell when the relative standard error of its LQ (√V, see locationQuotientInterval) exceeds this (default 0.3). */
  readonly maxRelativeStandardError?: number;
  /** Flag every cell of a region whose total x[r,·] is below this (default 0: off). */
  readonly minRegionTotal?: number;
  /** Flag a cell whose own count x[r,i] is below this (default 0: off). */
  readonly minCellCount?: number;
}

/** Defaults of {@link locationQuotientReliability}: the 30 % relative-standard-error rule, no size floors. */
export const LOCATION_QUOTIENT_RELIABILITY_DEFAULTS: Readonly<
  Required<Pick<LocationQuotientReliabilityOptions, 'maxRelativeStandardError' | 'minRegionTotal' | 'minCellCount'>>
> = Object.freeze({ maxRelativeStandardError: 0.3, minRegionTotal: 0, minCellCount: 0 });

/**
 * Small-region reliability flag for location quotients (LQ): 1 = too uncertain to trust, 0 = usable, NaN = LQ undefined.
 *
 * Rule (each threshold an option): a cell is flagged when
 *   (a) its relative standard error RSE = √V exceeds `maxRelativeStandardError` (default 0.3, the common
 *       "RSE above 30 % is unreliable" rule of statistical agencies), V the delta-method variance of ln LQ
 *       from {@link locationQuotientInterval} (multinomial by default); a zero cell has infinite RSE and is flagged;
 *   (b) or its region's total is below `minRegionTotal` (default 0: off);
 *   (c) or its own count is below `minCellCount` (default 0: off).
 * Missing data: NaN cells (and cells whose LQ is NaN because a total is 0) give NaN, never a silent 0 or 1.
 *
 * @example
 * locationQuotientReliability(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))).values
 * // RSE = [0.0913, 0.2345, 0.1291, 0.0707] → [0, 0, 0, 0]
 * @see docs/methods/location-quotient-interval.md
 */
export function locationQuotientReliability(
  matrix: DenseMatrix,
  options: LocationQuotientReliabilityOptions = {},
): DenseMatrix {
  const maxRse = options.maxRelativeStandardError ?? LOCATION_QUOTIENT_RELIABILITY_DEFAULTS.maxRelativeStandardError;
  const minRegionTotal = options.minRegionTotal ?? LOCATION_QUOTIENT_RELIABILITY_DEFAULTS.minRegionTotal;
  const minCellCount = options.minCellCount ?? LOCATION_QUOTIENT_RELIABILITY_DEFAULTS.minCellCount;
  for (const [name, v] of [
    ['maxRelativeStandardError', maxRse],
    ['minRegionTotal', minRegionTotal],
    ['minCellCount', minCellCount],
  ] as const) {
    if (typeof v !== 'number' || !(v >= 0)) throw new InvalidInputError(`${name} must be a number ≥ 0, got ${String(v)}`, { [name]: v });
  }
  const ci = locationQuotientInterval(matrix, { ...options, confidence: 0.95, scale: 'log' });
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  const out = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    let rowTotal = 0;
    const base = r * n;
    if (options.regionTotals !== undefined) rowTotal = options.regionTotals[r];
    else for (let c = 0; c < n; c++) if (x[base + c] === x[base + c]) rowTotal += x[base + c];
    for (let c = 0; c < n; c++) {
      const k = base + c;
      const q = ci.lq[k];
      if (q !== q) {
        out[k] = NaN;
        continue;
      }
      const s = ci.standardError[k];
      const unreliable = q === 0 || !(s <= maxRse) || rowTotal < minRegionTotal || x[k] < minCellCount;
      out[k] = unreliable ? 1 : 0;
    }
  }
  return { rows: matrix.rows, columns: matrix.columns, values: out };
}
