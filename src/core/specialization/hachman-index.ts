import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { regionIndustryMargins } from './region-industry-margins.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Defaults of {@link hachmanIndex}: totals from the input itself, missing cells propagate. */
export const HACHMAN_INDEX_DEFAULTS: Readonly<MarginOptions> = Object.freeze({ missing: 'propagate' });

/**
 * Hachman index (HI) of each region: HI[r] = 1 / Σ_i LQ[r,i]·s[r,i] = 1 / Σ_i s[r,i]² / s[i].
 * Range (0, 1]: 1 when the region's structure equals the reference area's, towards 0 as it diverges
 * (EconGeo `hachman`).
 *
 * An industry absent from the region (x[r,i] = 0) contributes 0 even when its reference share is 0 (EconGeo
 * gets the same by setting NaN LQs to 0). A positive x[r,i] with reference share 0 is a division by zero → NaN.
 * Missing data: NaN in → NaN out for the region; a region with total 0 gives NaN.
 *
 * @example
 * hachmanIndex(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [0.8, 0.9]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/hachman-index.md
 */
export function hachmanIndex(matrix: DenseMatrix, options: MarginOptions = {}): Float64Array {
  const { regionTotals, referenceShares } = regionIndustryMargins(matrix, options);
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  const out = new Float64Array(m);
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
      const si = referenceShares[c];
      sum += si > 0 ? (s * s) / si : NaN;
    }
    out[r] = sum > 0 ? 1 / sum : NaN;
  }
  return out;
}
