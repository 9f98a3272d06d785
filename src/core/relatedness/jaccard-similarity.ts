import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';

/** Per-region Jaccard index and shared count against one target; see {@link jaccardSimilarity}. */
export interface JaccardSimilarityResult {
  /** |A_r ∩ A_t| / |A_r ∪ A_t|, 0–1; NaN when both sets are empty. */
  readonly jaccard: Float64Array;
  /** |A_r ∩ A_t|. */
  readonly shared: Int32Array;
}

/**
 * Jaccard similarity of each region's set of flagged columns (e.g. strong clusters, M = 1) with region
 * `target`'s set: J_r = |A_r ∩ A_t| / |A_r ∪ A_t|. Flags are 0/1; any other value (e.g. the NOT_APPLICABLE
 * 255 of local clusters, or NaN) counts as not in the set.
 *
 * Missing data: two empty sets give NaN (0/0), never 1. An out-of-range target throws InvalidInputError.
 *
 * @example jaccardSimilarity(strongFlags, 52).jaccard // shared strong clusters with Washington
 * @see docs/methods/peer-regions.md
 */
export function jaccardSimilarity(flags: DenseMatrix, target: number): JaccardSimilarityResult {
  const R = flags.rows.length;
  const C = flags.columns.length;
  if (!(Number.isInteger(target) && target >= 0 && target < R)) throw new InvalidInputError(`target must be a row index in [0, ${R}), got ${target}`, { target });
  const v = flags.values;
  const jaccard = new Float64Array(R);
  const shared = new Int32Array(R);
  const t = target * C;
  for (let r = 0; r < R; r++) {
    let both = 0;
    let either = 0;
    for (let c = 0; c < C; c++) {
      const a = v[r * C + c] === 1;
      const b = v[t + c] === 1;
      if (a && b) both++;
      if (a || b) either++;
    }
    shared[r] = both;
    jaccard[r] = either === 0 ? NaN : both / either;
  }
  return { jaccard, shared };
}
