import { InvalidInputError } from '../errors.js';
import { clusterRowSums } from './cluster-row-sums.js';
import { assertFiniteSimilarity, clusterCountOf } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/** What a cluster's within-cluster relatedness is compared with in VS-Cluster. */
export type BetweenClusterReference = 'outside' | 'each-cluster';

/** Options of {@link validationScores}. */
export interface ValidationScoresOptions {
  /**
   * 'outside' (default): BCR_c is the average relatedness of c's industries with all industries outside c.
   * 'each-cluster' (stricter): c passes only when WCR_c exceeds its average relatedness with every other cluster.
   */
  readonly between?: BetweenClusterReference;
}

/** Defaults of {@link validationScores}. */
export const VALIDATION_SCORES_DEFAULTS: Readonly<Required<ValidationScoresOptions>> = Object.freeze({ between: 'outside' });

/** Result of {@link validationScores}. */
export interface ValidationScores {
  /** VS-Cluster: share (0–1) of the scored clusters with WCR_c > BCR_c; NaN when no cluster can be scored. */
  readonly vsCluster: number;
  /** VS-Industry: share (0–1) of the scored industries more related to their own cluster than to any other. */
  readonly vsIndustry: number;
  /** Clusters with at least two industries and another non-empty cluster (singletons have no within-cluster pair and are not scored). */
  readonly scoredClusters: number;
  /** Industries in clusters of at least two, when there is another non-empty cluster. */
  readonly scoredIndustries: number;
  /** WCR_c, average similarity over pairs of distinct industries of cluster c (NaN for singletons and empty labels). */
  readonly withinRelatedness: Float64Array;
  /** BCR_c as chosen by `between` (for 'each-cluster': the maximum over the other clusters). */
  readonly betweenRelatedness: Float64Array;
  /** Per industry: average similarity with the other industries of its cluster (NaN in a singleton). */
  readonly ownClusterRelatedness: Float64Array;
  /** Per industry: the highest average similarity with the industries of another cluster (NaN with one cluster). */
  readonly bestOtherClusterRelatedness: Float64Array;
}

/**
 * Validation scores of a set of cluster definitions under a relatedness matrix (Delgado, Porter & Stern 2016):
 *   WCR_c = Σ_{i≠j∈c} S[i,j] / (n_c(n_c − 1)),  BCR_c = Σ_{i∈c, j∉c} S[i,j] / (n_c(n − n_c)),
 *   VS-Cluster = #{c : WCR_c > BCR_c} / #{c : n_c ≥ 2},
 *   VS-Industry = #{i : mean_{j∈c(i), j≠i} S[i,j] > max_{c'≠c(i)} mean_{j∈c'} S[i,j]} / #{i : n_c(i) ≥ 2}.
 * Higher is better; both lie in [0, 1]. The diagonal of S is never used. Strict inequalities: ties fail.
 * O(n²) time, O(n·k) memory.
 *
 * Missing data: every off-diagonal similarity must be finite (InvalidInputError naming the pair). Labels are
 * integers ≥ 0 (gaps allowed: unused labels are empty clusters and are not scored).
 *
 * @example
 * validationScores(colocation, labels).vsCluster
 * @see docs/methods/cluster-discovery.md
 */
export function validationScores(similarity: SimilarityMatrix, labels: ArrayLike<number>, options: ValidationScoresOptions = {}): ValidationScores {
  const between = options.between ?? VALIDATION_SCORES_DEFAULTS.between;
  if (between !== 'outside' && between !== 'each-cluster') throw new InvalidInputError(`between must be 'outside' or 'each-cluster', got ${String(between)}`, { between });
  const n = similarity.labels.length;
  const k = clusterCountOf(labels, n);
  assertFiniteSimilarity(similarity);
  const s = similarity.values;
  const lab = Int32Array.from(labels);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[lab[i]] += 1;
  // p[i,c] = Σ_{j∈c, j≠i} S[i,j]
  const p = new Float64Array(n * k);
  clusterRowSums(s, n, lab, k, p, true);
  const block = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const c = lab[i];
    for (let d = 0; d < k; d++) block[c * k + d] += p[i * k + d];
  }
  const within = new Float64Array(k).fill(NaN);
  const betweenRelatedness = new Float64Array(k).fill(NaN);
  let scoredClusters = 0;
  let passedClusters = 0;
  for (let c = 0; c < k; c++) {
    if (sizes[c] < 2) continue;
    within[c] = block[c * k + c] / (sizes[c] * (sizes[c] - 1));
    if (between === 'outside') {
      let sum = 0;
      for (let d = 0; d < k; d++) if (d !== c) sum += block[c * k + d];
      const pairs = sizes[c] * (n - sizes[c]);
      betweenRelatedness[c] = pairs > 0 ? sum / pairs : NaN;
    } else {
      let best = -Infinity;
      for (let d = 0; d < k; d++) {
        if (d === c || sizes[d] === 0) continue;
        const v = block[c * k + d] / (sizes[c] * sizes[d]);
        if (v > best) best = v;
      }
      betweenRelatedness[c] = best === -Infinity ? NaN : best;
    }
    if (Number.isNaN(betweenRelatedness[c])) continue; // one cluster only: nothing to compare with
    scoredClusters++;
    if (within[c] > betweenRelatedness[c]) passedClusters++;
  }
  const own = new Float64Array(n).fill(NaN);
  const other = new Float64Array(n).fill(NaN);
  let scoredIndustries = 0;
  let passedIndustries = 0;
  for (let i = 0; i < n; i++) {
    const c = lab[i];
    let best = -Infinity;
    for (let d = 0; d < k; d++) {
      if (d === c || sizes[d] === 0) continue;
      const v = p[i * k + d] / sizes[d];
      if (v > best) best = v;
    }
    if (best !== -Infinity) other[i] = best;
    if (sizes[c] < 2) continue;
    own[i] = p[i * k + c] / (sizes[c] - 1);
    if (best === -Infinity) continue;
    scoredIndustries++;
    if (own[i] > other[i]) passedIndustries++;
  }
  return {
    vsCluster: scoredClusters > 0 ? passedClusters / scoredClusters : NaN,
    vsIndustry: scoredIndustries > 0 ? passedIndustries / scoredIndustries : NaN,
    scoredClusters,
    scoredIndustries,
    withinRelatedness: within,
    betweenRelatedness,
    ownClusterRelatedness: own,
    bestOtherClusterRelatedness: other,
  };
}
