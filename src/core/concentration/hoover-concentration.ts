import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';
import { regionIndustryMargins } from '../specialization/region-industry-margins.js';

/** Options of {@link hooverConcentration}. */
export interface HooverConcentrationOptions {
  /** Regional reference distribution p[r] (population, total employment); default: the region totals of the matrix. */
  readonly reference?: ArrayLike<number>;
  /** 'propagate' (default): NaN in → NaN out. 'omit': regions with a NaN value or reference are dropped for that industry (EconGeo complete.cases). */
  readonly missing?: 'propagate' | 'omit';
}

/** Defaults of {@link hooverConcentration}: reference = region totals, missing cells propagate. */
export const HOOVER_CONCENTRATION_DEFAULTS: Readonly<Required<Pick<HooverConcentrationOptions, 'missing'>>> = Object.freeze({
  missing: 'propagate',
});

/**
 * Hoover concentration index (HCI) of each industry: ½ Σ_r |x[r,i]/x[·,i] − p[r]/p[·]|, the share of the
 * industry that would have to move to be spread like the reference p. Range 0–1 (EconGeo `hoover_index`
 * reports it ×100 and rounded to 2 decimals; REAT `hoover` gives 0–1).
 *
 * Missing data: NaN in → NaN out; an industry (or reference) with total 0 → NaN.
 *
 * @example
 * hooverConcentration(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [0.2, 0.2]
 * @returns one value per industry (matrix.columns order)
 * @see docs/methods/hoover-concentration.md
 */
export function hooverConcentration(matrix: DenseMatrix, options: HooverConcentrationOptions = {}): Float64Array {
  const missing = options.missing ?? HOOVER_CONCENTRATION_DEFAULTS.missing;
  if (missing !== 'propagate' && missing !== 'omit') throw new InvalidInputError(`missing must be 'propagate' or 'omit'`, { missing });
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  let p: ArrayLike<number>;
  if (options.reference !== undefined) {
    regionIndustryMargins(matrix, { missing });
    assertNonNegativeVector(options.reference, 'reference', m, matrix.rows);
    p = options.reference;
  } else {
    p = regionIndustryMargins(matrix, { missing }).regionTotals;
  }
  const x = matrix.values;
  const out = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let totalX = 0;
    let totalP = 0;
    let nan = false;
    for (let r = 0; r < m; r++) {
      const v = x[r * n + c];
      const pr = p[r];
      if (v !== v || pr !== pr) {
        if (missing === 'propagate') nan = true;
        continue;
      }
      totalX += v;
      totalP += pr;
    }
    if (nan || !(totalX > 0) || !(totalP > 0)) {
      out[c] = NaN;
      continue;
    }
    let sum = 0;
    for (let r = 0; r < m; r++) {
      const v = x[r * n + c];
      const pr = p[r];
      if (v !== v || pr !== pr) continue;
      sum += Math.abs(v / totalX - pr / totalP);
    }
    out[c] = sum / 2;
  }
  return out;
}
