import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { columnCrossProduct } from './column-cross-product.js';
import { similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/** Options of {@link coagglomerationSimilarity}. */
export interface CoagglomerationSimilarityOptions {
  /**
   * Each region's aggregate employment (shares or totals, normalised to sum to 1): the a[r] of the formula.
   * Default: each region's share of the matrix's total (the sum over all its industries).
   */
  readonly regionEmployment?: ArrayLike<number>;
}

/** Defaults of {@link coagglomerationSimilarity}: regional shares from the matrix itself. */
export const COAGGLOMERATION_SIMILARITY_DEFAULTS: Readonly<CoagglomerationSimilarityOptions> = Object.freeze({});

/**
 * Pairwise Ellison–Glaeser co-agglomeration (EG γc for every pair of industries, DPS 2016 "COI"):
 *   γc[i,j] = Σ_r (s[r,i] − a[r]) (s[r,j] − a[r]) / (1 − Σ_r a[r]²),
 * s[r,i] = x[r,i]/x[·,i] the region's share of industry i, a[r] the region's share of aggregate employment.
 * This is Ellison & Glaeser's (1997) eq. 5 for a group of two industries: with two members the plant
 * Herfindahls and the members' own γ_i cancel exactly (w_i² + w_j² + 2w_iw_j = 1), so no plant data is needed;
 * the tests check it against ellisonGlaeserCoagglomeration pair by pair. Dimensionless, 0 when two industries
 * locate independently; the diagonal holds G_i/(1 − Σa²).
 *
 * Missing data: an industry with a NaN cell or no employment gets NaN in its row and column (NaN in → NaN out);
 * region totals are summed over the finite cells. Negative values throw InvalidInputError.
 *
 * @example
 * coagglomerationSimilarity(employment).values[i * n + j]
 * @see docs/methods/cluster-discovery.md
 */
export function coagglomerationSimilarity(employment: DenseMatrix, options: CoagglomerationSimilarityOptions = {}): SimilarityMatrix {
  denseMatrix(employment.rows, employment.columns, employment.values);
  const R = employment.rows.length;
  const n = employment.columns.length;
  const x = employment.values;
  const skip = new Uint8Array(n);
  const industryTotal = new Float64Array(n);
  const a = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < n; i++) {
      const v = x[r * n + i];
      if (Number.isNaN(v)) {
        skip[i] = 1;
        continue;
      }
      if (v < 0 || v === Infinity) throw new InvalidInputError(`employment[${employment.rows[r]}, ${employment.columns[i]}] must be finite and ≥ 0, got ${v}`, { row: employment.rows[r], column: employment.columns[i], value: v });
      a[r] += v;
      industryTotal[i] += v;
    }
  }
  if (options.regionEmployment !== undefined) {
    const given = options.regionEmployment;
    if (given.length !== R) throw new ShapeMismatchError(`regionEmployment has ${given.length} entries, expected ${R}`, { expected: R, actual: given.length });
    for (let r = 0; r < R; r++) {
      if (!(given[r] >= 0) || !Number.isFinite(given[r])) throw new InvalidInputError(`regionEmployment[${r}] must be finite and ≥ 0, got ${given[r]}`, { index: r, value: given[r] });
      a[r] = given[r];
    }
  }
  let total = 0;
  for (let r = 0; r < R; r++) total += a[r];
  let sumA2 = 0;
  for (let r = 0; r < R; r++) {
    a[r] = a[r] / total;
    sumA2 += a[r] * a[r];
  }
  const d = new Float64Array(R * n); // industry-major: d[i * R + r] = s[r,i] − a[r]
  for (let i = 0; i < n; i++) if (!(industryTotal[i] > 0)) skip[i] = 1;
  for (let r = 0; r < R; r++) {
    for (let i = 0; i < n; i++) {
      if (skip[i] === 1) continue;
      d[i * R + r] = x[r * n + i] / industryTotal[i] - a[r];
    }
  }
  const c = columnCrossProduct(d, R, n, skip);
  const scale = total > 0 && sumA2 < 1 ? 1 / (1 - sumA2) : NaN;
  for (let k = 0; k < c.length; k++) c[k] *= scale;
  return similarityMatrix(employment.columns, c);
}
