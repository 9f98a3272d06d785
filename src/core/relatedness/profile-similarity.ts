import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';

/** Per-region similarity of specialisation profiles to one target region; see {@link profileSimilarity}. */
export interface ProfileSimilarityResult {
  /** Cosine similarity of the share vectors, 0–1 for non-negative shares. */
  readonly cosine: Float64Array;
  /** Euclidean distance of the share vectors, 0–√2. */
  readonly euclidean: Float64Array;
  /** Krugman dissimilarity Σ_c |s_rc − s_tc|, 0–2 (not halved, as EconGeo/REAT). */
  readonly krugman: Float64Array;
  /** Total of each region's row (the size used for size bands). */
  readonly total: Float64Array;
}

/**
 * Similarity of each region's specialisation profile to region `target`: with shares s_rc = x_rc / Σ_c x_rc,
 * cosine_r = Σ_c s_rc s_tc / (‖s_r‖ ‖s_t‖), Euclidean_r = √Σ_c (s_rc − s_tc)², Krugman_r = Σ_c |s_rc − s_tc|
 * (the Krugman specialisation index of r against t as reference, 0–2).
 *
 * Missing data: a row holding NaN, or with a zero total, gets NaN in every measure (and so does every row when
 * the target's is). The target's own row is 1, 0, 0. Negative values throw InvalidInputError (INVALID_INPUT).
 *
 * @example profileSimilarity(clusterEmployment, 52).cosine // similarity of every state to Washington
 * @see docs/methods/peer-regions.md
 */
export function profileSimilarity(x: DenseMatrix, target: number): ProfileSimilarityResult {
  const R = x.rows.length;
  const C = x.columns.length;
  if (!(Number.isInteger(target) && target >= 0 && target < R)) throw new InvalidInputError(`target must be a row index in [0, ${R}), got ${target}`, { target });
  const v = x.values;
  const total = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    let s = 0;
    for (let c = 0; c < C; c++) {
      const value = v[r * C + c];
      if (value < 0) throw new InvalidInputError(`value of ${x.rows[r]} in ${x.columns[c]} is negative (${value})`, { row: x.rows[r], column: x.columns[c] });
      s += value;
    }
    total[r] = s;
  }
  const cosine = new Float64Array(R).fill(NaN);
  const euclidean = new Float64Array(R).fill(NaN);
  const krugman = new Float64Array(R).fill(NaN);
  const tt = total[target];
  if (!(tt > 0)) return { cosine, euclidean, krugman, total };
  const st = new Float64Array(C);
  let nt = 0;
  for (let c = 0; c < C; c++) {
    st[c] = v[target * C + c] / tt;
    nt += st[c] * st[c];
  }
  nt = Math.sqrt(nt);
  for (let r = 0; r < R; r++) {
    const tr = total[r];
    if (!(tr > 0)) continue;
    let dot = 0;
    let nr = 0;
    let e = 0;
    let k = 0;
    for (let c = 0; c < C; c++) {
      const s = v[r * C + c] / tr;
      dot += s * st[c];
      nr += s * s;
      const d = s - st[c];
      e += d * d;
      k += Math.abs(d);
    }
    let cos = dot / (Math.sqrt(nr) * nt);
    if (cos > 1) cos = 1;
    cosine[r] = r === target ? 1 : cos;
    euclidean[r] = r === target ? 0 : Math.sqrt(e);
    krugman[r] = r === target ? 0 : k;
  }
  return { cosine, euclidean, krugman, total };
}
