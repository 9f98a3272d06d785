import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { columnCrossProduct } from './column-cross-product.js';
import { similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/** What the co-location correlation is computed on. */
export type ColocationBasis = 'lq' | 'employment';

/** Options of {@link colocationSimilarity}. */
export interface ColocationSimilarityOptions {
  /**
   * 'lq' (default): Pearson correlation of the industries' employment location quotients across regions (DPS
   * "LC_EMP"; the same numbers as the correlation of the industries' shares of regional employment, since an LQ
   * column is the share column times a constant). 'employment': correlation of employment levels.
   */
  readonly basis?: ColocationBasis;
}

/** Defaults of {@link colocationSimilarity}. */
export const COLOCATION_SIMILARITY_DEFAULTS: Readonly<Required<ColocationSimilarityOptions>> = Object.freeze({ basis: 'lq' });

/**
 * Co-location similarity (locational correlation, DPS 2016 "LC"): the Pearson correlation, across regions, of two
 * industries' employment location quotients,
 *   LC[i,j] = corr_r(LQ[r,i], LQ[r,j]),  LQ[r,i] = (x[r,i]/x[r,·]) / (x[·,i]/x[·,·]).
 * Input: a regions × industries employment matrix (x ≥ 0). Range −1…1; the diagonal is 1.
 *
 * Missing data: region totals x[r,·] are summed over the finite cells; regions whose total is 0 have no LQ and are
 * left out of every correlation. An industry with a NaN cell, no employment, or the same LQ in every region
 * (zero variance) gets NaN in its whole row and column (NaN in → NaN out). Negative values throw InvalidInputError.
 * Cost: one pass of R·n²/2 multiply-adds (3,200 regions × 1,000 industries ≈ 1.6·10⁹).
 *
 * @example
 * colocationSimilarity(employment).values[i * n + j] // corr of LQs of industries i and j
 * @see docs/methods/cluster-discovery.md
 */
export function colocationSimilarity(employment: DenseMatrix, options: ColocationSimilarityOptions = {}): SimilarityMatrix {
  denseMatrix(employment.rows, employment.columns, employment.values);
  const basis = options.basis ?? COLOCATION_SIMILARITY_DEFAULTS.basis;
  if (basis !== 'lq' && basis !== 'employment') throw new InvalidInputError(`basis must be 'lq' or 'employment', got ${String(basis)}`, { basis });
  const R = employment.rows.length;
  const n = employment.columns.length;
  const x = employment.values;
  const regionTotal = new Float64Array(R);
  const industryTotal = new Float64Array(n);
  const skip = new Uint8Array(n);
  let grand = 0;
  for (let r = 0; r < R; r++) {
    let t = 0;
    for (let i = 0; i < n; i++) {
      const v = x[r * n + i];
      if (Number.isNaN(v)) {
        skip[i] = 1;
        continue;
      }
      if (v < 0 || v === Infinity) throw new InvalidInputError(`employment[${employment.rows[r]}, ${employment.columns[i]}] must be finite and ≥ 0, got ${v}`, { row: employment.rows[r], column: employment.columns[i], value: v });
      t += v;
    }
    regionTotal[r] = t;
    grand += t;
  }
  let used = 0;
  const keep = new Int32Array(R);
  for (let r = 0; r < R; r++) if (regionTotal[r] > 0) keep[used++] = r;
  for (let r = 0; r < R; r++) {
    if (!(regionTotal[r] > 0)) continue;
    for (let i = 0; i < n; i++) {
      const v = x[r * n + i];
      if (!Number.isNaN(v)) industryTotal[i] += v;
    }
  }
  // values v[r,i] on the kept regions, industry-major (z[i * used + k]), centred and scaled to unit norm per industry
  const z = new Float64Array(used * n);
  for (let k = 0; k < used; k++) {
    const r = keep[k];
    const scale = basis === 'lq' ? grand / regionTotal[r] : 1;
    for (let i = 0; i < n; i++) {
      if (skip[i] === 1) continue;
      const v = x[r * n + i];
      z[i * used + k] = basis === 'lq' ? (v * scale) / industryTotal[i] : v;
    }
  }
  for (let i = 0; i < n; i++) {
    const base = i * used;
    if (skip[i] === 0 && (!(industryTotal[i] > 0) || used < 2)) skip[i] = 1;
    if (skip[i] === 1) {
      z.fill(0, base, base + used);
      continue;
    }
    let mean = 0;
    for (let k = 0; k < used; k++) mean += z[base + k];
    mean /= used;
    let ss = 0;
    for (let k = 0; k < used; k++) {
      const d = z[base + k] - mean;
      z[base + k] = d;
      ss += d * d;
    }
    if (!(ss > 0)) {
      skip[i] = 1;
      z.fill(0, base, base + used);
      continue;
    }
    const inv = 1 / Math.sqrt(ss);
    for (let k = 0; k < used; k++) z[base + k] *= inv;
  }
  const c = columnCrossProduct(z, used, n, skip);
  for (let i = 0; i < n; i++) {
    if (skip[i] === 1) continue;
    c[i * n + i] = 1;
    for (let j = 0; j < n; j++) {
      const v = c[i * n + j];
      if (v > 1) c[i * n + j] = 1;
      else if (v < -1) c[i * n + j] = -1;
    }
  }
  return similarityMatrix(employment.columns, c);
}
