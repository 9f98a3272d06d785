import { InvalidInputError } from '../errors.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';

/** Options of {@link theilIndex}. */
export interface TheilIndexOptions {
  /**
   * 'T' (default): Theil's entropy index T = (1/n) Σ (x/μ) ln(x/μ), 0·ln 0 = 0, range 0 to ln n.
   * 'L': mean log deviation L = (1/n) Σ ln(μ/x) (Theil's second measure; what REAT `theil` computes), needs x > 0.
   */
  readonly variant?: 'T' | 'L';
  /** 'propagate' (default): NaN in → NaN out. 'omit': drop NaN values first (REAT na.rm). */
  readonly missing?: 'propagate' | 'omit';
}

/** Defaults of {@link theilIndex}. */
export const THEIL_INDEX_DEFAULTS: Readonly<Required<TheilIndexOptions>> = Object.freeze({ variant: 'T', missing: 'propagate' });

/**
 * Theil index of a vector of non-negative values (e.g. one industry's employment across regions), natural log (nats).
 *
 * 'T' (default): T = (1/n) Σ_k (x_k/μ) ln(x_k/μ), 0·ln 0 = 0; 0 = equal, ln n = everything in one unit.
 * 'L': mean log deviation (1/n) Σ_k ln(μ/x_k) (REAT `theil`); a zero value is a division by zero → NaN
 * (REAT returns NA for any value ≤ 0).
 * Missing data: NaN in → NaN out (or 'omit'); mean 0 → NaN. Negative values throw InvalidInputError.
 *
 * @example
 * theilIndex([10, 10, 10, 20, 50], { variant: 'L' }) // → 0.2326302 (REAT manual, Störmann 2009)
 * @see docs/methods/theil-index.md
 */
export function theilIndex(values: ArrayLike<number>, options: TheilIndexOptions = {}): number {
  const variant = options.variant ?? THEIL_INDEX_DEFAULTS.variant;
  const missing = options.missing ?? THEIL_INDEX_DEFAULTS.missing;
  if (variant !== 'T' && variant !== 'L') throw new InvalidInputError(`variant must be 'T' or 'L'`, { variant });
  if (missing !== 'propagate' && missing !== 'omit') throw new InvalidInputError(`missing must be 'propagate' or 'omit'`, { missing });
  assertNonNegativeVector(values, 'values');
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== v) {
      if (missing === 'propagate') return NaN;
      continue;
    }
    n++;
    sum += v;
  }
  if (n === 0) return NaN;
  const mean = sum / n;
  if (!(mean > 0)) return NaN;
  let acc = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== v) continue;
    if (variant === 'T') {
      if (v > 0) acc += (v / mean) * Math.log(v / mean);
    } else {
      if (v === 0) return NaN;
      acc += Math.log(mean / v);
    }
  }
  return acc / n;
}
