import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { regionIndustryMargins } from './region-industry-margins.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Defaults of {@link herfindahlIndex}: region totals from the input itself, missing cells propagate. */
export const HERFINDAHL_INDEX_DEFAULTS: Readonly<MarginOptions> = Object.freeze({ missing: 'propagate' });

/**
 * Herfindahl(–Hirschman) index (HHI) of each region's industry structure: H[r] = Σ_i s[r,i]², s[r,i] = x[r,i]/x[r,·].
 * Range 1/n (all n industries equal) to 1 (one industry). Dimensionless shares, not the ×10,000 antitrust scale.
 * Same as EconGeo `herfindahl` and REAT `herf` applied to a region's row.
 *
 * Only region totals matter (`regionTotals` may override them; the reference area is not used).
 * Missing data: a NaN cell gives NaN for its region; a region with total 0 gives NaN.
 *
 * @example
 * herfindahlIndex(denseMatrix(['A'], ['a', 'b', 'c', 'd'], Float64Array.of(20, 50, 20, 10))) // → [0.34]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/herfindahl-index.md
 */
export function herfindahlIndex(matrix: DenseMatrix, options: MarginOptions = {}): Float64Array {
  const { regionTotals } = regionIndustryMargins(matrix, options);
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
    const base = r * n;
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const s = x[base + c] / total;
      sum += s * s;
    }
    out[r] = sum;
  }
  return out;
}
