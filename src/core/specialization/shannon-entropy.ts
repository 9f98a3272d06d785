import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { regionIndustryMargins } from './region-industry-margins.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Options of {@link shannonEntropy}. */
export interface ShannonEntropyOptions extends MarginOptions {
  /** Logarithm base (default 2, entropy in bits; Math.E gives nats). */
  readonly base?: number;
}

/** Defaults of {@link shannonEntropy}: bits (log base 2). */
export const SHANNON_ENTROPY_DEFAULTS: Readonly<Required<Pick<ShannonEntropyOptions, 'base'>>> = Object.freeze({ base: 2 });

/**
 * Shannon entropy (diversity) of each region's industry structure: E[r] = −Σ_i s[r,i] log₂ s[r,i], with
 * 0·log 0 = 0. Units: bits (option `base`). Range 0 (one industry) to log₂ n (n industries of equal size).
 * EconGeo `entropy` adds 1e-9 inside the log and rounds to 3 decimals; this function is exact.
 *
 * Missing data: a NaN cell gives NaN for its region; a region with total 0 gives NaN.
 *
 * @example
 * shannonEntropy(denseMatrix(['A'], ['a', 'b', 'c', 'd'], Float64Array.of(1, 1, 1, 1))) // → [2]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/shannon-entropy.md
 */
export function shannonEntropy(matrix: DenseMatrix, options: ShannonEntropyOptions = {}): Float64Array {
  const base = options.base ?? SHANNON_ENTROPY_DEFAULTS.base;
  if (!(base > 0) || base === 1 || !Number.isFinite(base)) {
    throw new InvalidInputError(`base must be a finite number > 0 and ≠ 1, got ${String(base)}`, { base });
  }
  const { regionTotals } = regionIndustryMargins(matrix, options);
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  const out = new Float64Array(m);
  const scale = base === 2 ? 1 : 1 / Math.log2(base);
  for (let r = 0; r < m; r++) {
    const total = regionTotals[r];
    if (!(total > 0)) {
      out[r] = NaN;
      continue;
    }
    const b = r * n;
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const v = x[b + c];
      if (v === 0) continue;
      const s = v / total;
      sum -= s * Math.log2(s);
    }
    out[r] = sum * scale;
  }
  return out;
}
