import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { regionIndustryMargins } from './region-industry-margins.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Defaults of {@link krugmanSpecialization}: totals from the input itself, missing cells propagate. */
export const KRUGMAN_SPECIALIZATION_DEFAULTS: Readonly<MarginOptions> = Object.freeze({ missing: 'propagate' });

/**
 * Krugman specialisation index (KSI) of each region, not halved: K[r] = Σ_i |s[r,i] − s[i]|, with
 * s[r,i] = x[r,i]/x[r,·] and s[i] = x[·,i]/x[·,·]. Range 0 (same structure as the reference area) to 2
 * (no industry in common) — the convention of EconGeo `krugman_index` and REAT `krugman.spec`.
 *
 * Missing data: NaN in → NaN out for that region (and, with the default 'propagate', for every region, since
 * the reference shares are NaN). A region with total 0 gives NaN. Reference area options as locationQuotient.
 *
 * @example
 * krugmanSpecialization(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [0.5, 0.333…]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/krugman-specialization.md
 */
export function krugmanSpecialization(matrix: DenseMatrix, options: MarginOptions = {}): Float64Array {
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
    const base = r * n;
    let sum = 0;
    for (let c = 0; c < n; c++) sum += Math.abs(x[base + c] / total - referenceShares[c]);
    out[r] = sum;
  }
  return out;
}
