import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';
import { regionIndustryMargins } from '../specialization/region-industry-margins.js';

/** Options of {@link locationalGini}. */
export interface LocationalGiniOptions {
  /**
   * Regional reference distribution p[r] (default: each region's total over all industries of the matrix,
   * Krugman's and EconGeo's choice). Population gives EconGeo's `hoover_gini`.
   */
  readonly reference?: ArrayLike<number>;
  /** 'krugman' (default): the area between the diagonal and the curve, max 0.5 (EconGeo `locational_gini`). 'gini': twice that, max 1 (EconGeo `hoover_gini`). */
  readonly normalization?: 'krugman' | 'gini';
  /** 'propagate' (default): a NaN cell makes its industry NaN (and, through the region totals, every industry). 'omit': drop the region from that industry. */
  readonly missing?: 'propagate' | 'omit';
}

/** Defaults of {@link locationalGini}: EconGeo convention (area, max 0.5), reference = region totals. */
export const LOCATIONAL_GINI_DEFAULTS: Readonly<Required<Pick<LocationalGiniOptions, 'normalization' | 'missing'>>> = Object.freeze({
  normalization: 'krugman',
  missing: 'propagate',
});

/**
 * Locational Gini coefficient (Krugman 1991) of each industry.
 *
 * Order the regions by LQ, i.e. by x[r,i] / p[r] ascending; X_k = cumulative share of the reference p (region
 * totals by default), Y_k = cumulative share of the industry's x[·,i]; the coefficient is the area between the
 * diagonal and this curve, ½ − ½ Σ_k (X_k − X_{k−1})(Y_{k−1} + Y_k). Range 0 (spread like the reference) to
 * 0.5 (EconGeo `locational_gini`); `normalization: 'gini'` doubles it (0–1, EconGeo `hoover_gini`, unrounded).
 *
 * Missing data: NaN in → NaN out; an industry with total 0 → NaN. Regions with reference 0 and value 0 add nothing.
 *
 * @example
 * locationalGini(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [0.1, 0.1]
 * @returns one value per industry (matrix.columns order)
 * @see docs/methods/locational-gini.md
 */
export function locationalGini(matrix: DenseMatrix, options: LocationalGiniOptions = {}): Float64Array {
  const normalization = options.normalization ?? LOCATIONAL_GINI_DEFAULTS.normalization;
  const missing = options.missing ?? LOCATIONAL_GINI_DEFAULTS.missing;
  if (normalization !== 'krugman' && normalization !== 'gini') {
    throw new InvalidInputError(`normalization must be 'krugman' or 'gini'`, { normalization });
  }
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  let p: ArrayLike<number>;
  if (options.reference !== undefined) {
    regionIndustryMargins(matrix, { missing }); // validates the matrix
    assertNonNegativeVector(options.reference, 'reference', m, matrix.rows);
    p = options.reference;
  } else {
    p = regionIndustryMargins(matrix, { missing }).regionTotals;
  }
  const x = matrix.values;
  const out = new Float64Array(n);
  const key = new Float64Array(m);
  const order = new Uint32Array(m);
  const comparator = (i: number, j: number): number => key[i] - key[j] || i - j;
  const factor = normalization === 'gini' ? 2 : 1;
  for (let c = 0; c < n; c++) {
    let count = 0;
    let nan = false;
    let totalX = 0;
    let totalP = 0;
    for (let r = 0; r < m; r++) {
      const v = x[r * n + c];
      const pr = p[r];
      if (v !== v || pr !== pr) {
        if (missing === 'propagate') {
          nan = true;
          break;
        }
        continue;
      }
      if (v === 0 && pr === 0) continue;
      key[r] = pr > 0 ? v / pr : Infinity;
      order[count++] = r;
      totalX += v;
      totalP += pr;
    }
    if (nan || !(totalX > 0) || !(totalP > 0)) {
      out[c] = NaN;
      continue;
    }
    const sub = order.subarray(0, count);
    sub.sort(comparator);
    let cumX = 0;
    let cumP = 0;
    let prevY = 0;
    let prevX = 0;
    let under = 0;
    for (let k = 0; k < count; k++) {
      const r = sub[k];
      cumX += x[r * n + c];
      cumP += p[r];
      const X = cumP / totalP;
      const Y = cumX / totalX;
      under += (X - prevX) * (prevY + Y);
      prevX = X;
      prevY = Y;
    }
    out[c] = factor * 0.5 * (1 - under);
  }
  return out;
}
