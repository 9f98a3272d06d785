import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/** How each matrix is put on a common scale before averaging. */
export type SimilarityNormalisation = 'z-score' | 'min-max' | 'rank';

/** Options of {@link combineSimilarity}. */
export interface CombineSimilarityOptions {
  /** 'z-score' (default): (s − mean)/sd; 'min-max': (s − min)/(max − min); 'rank': percentile rank in (0, 1]. */
  readonly normalisation?: SimilarityNormalisation;
  /** Weight of each matrix (≥ 0, not all 0); default equal weights. */
  readonly weights?: readonly number[];
}

/** Defaults of {@link combineSimilarity}. */
export const COMBINE_SIMILARITY_DEFAULTS: Readonly<{ normalisation: SimilarityNormalisation }> = Object.freeze({ normalisation: 'z-score' });

/**
 * Combined similarity (DPS 2016 use averages of several relatedness matrices): each matrix is normalised over its
 * finite off-diagonal entries, then averaged with weights,
 *   S[i,j] = Σ_m w_m norm_m(S_m[i,j]) / Σ_m w_m.
 * All matrices must list the same industries in the same order. The diagonal is transformed like any entry.
 *
 * Missing data: NaN in any matrix gives NaN for that pair (NaN in → NaN out). A matrix whose off-diagonal entries
 * are all equal cannot be normalised (sd or range 0) and throws InvalidInputError.
 *
 * @example
 * combineSimilarity([colocation, coagglomeration]).values
 * @see docs/methods/cluster-discovery.md
 */
export function combineSimilarity(matrices: readonly SimilarityMatrix[], options: CombineSimilarityOptions = {}): SimilarityMatrix {
  if (matrices.length === 0) throw new InvalidInputError('combineSimilarity needs at least one matrix');
  const normalisation = options.normalisation ?? COMBINE_SIMILARITY_DEFAULTS.normalisation;
  if (normalisation !== 'z-score' && normalisation !== 'min-max' && normalisation !== 'rank') {
    throw new InvalidInputError(`normalisation must be 'z-score', 'min-max' or 'rank', got ${String(normalisation)}`, { normalisation });
  }
  const weights = options.weights ?? matrices.map(() => 1);
  if (weights.length !== matrices.length) throw new ShapeMismatchError(`weights has ${weights.length} entries for ${matrices.length} matrices`, { weights: weights.length, matrices: matrices.length });
  let weightSum = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new InvalidInputError(`weights must be finite and ≥ 0, got ${w}`, { weight: w });
    weightSum += w;
  }
  if (!(weightSum > 0)) throw new InvalidInputError('weights must not all be 0');
  const labels = matrices[0].labels;
  const n = labels.length;
  const out = new Float64Array(n * n);
  matrices.forEach((m, index) => {
    similarityMatrix(m.labels, m.values);
    if (m.labels.length !== n || m.labels.some((l, i) => l !== labels[i])) {
      throw new InvalidInputError(`matrix ${index} does not list the same industries in the same order as matrix 0`, { matrix: index });
    }
    const normalised = normalise(m.values, n, normalisation, index);
    const w = weights[index] / weightSum;
    for (let k = 0; k < out.length; k++) out[k] += w * normalised[k];
  });
  return similarityMatrix(labels, out);
}

function normalise(v: Float64Array, n: number, how: SimilarityNormalisation, index: number): Float64Array {
  const out = new Float64Array(v.length);
  const offDiagonal: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && Number.isFinite(v[i * n + j])) offDiagonal.push(v[i * n + j]);
  if (how === 'rank') {
    const sorted = Float64Array.from(offDiagonal).sort();
    const m = sorted.length;
    if (m === 0) throw new InvalidInputError(`matrix ${index} has no finite off-diagonal entry`, { matrix: index });
    for (let k = 0; k < v.length; k++) {
      const x = v[k];
      if (Number.isNaN(x)) out[k] = NaN;
      else out[k] = upperBound(sorted, x) / m; // share of entries ≤ x (ties share the highest rank)
    }
    return out;
  }
  let a: number;
  let b: number;
  if (how === 'z-score') {
    let mean = 0;
    for (const x of offDiagonal) mean += x;
    mean /= offDiagonal.length;
    let ss = 0;
    for (const x of offDiagonal) ss += (x - mean) * (x - mean);
    const sd = Math.sqrt(ss / offDiagonal.length);
    if (!(sd > 0)) throw new InvalidInputError(`matrix ${index} has no spread (sd 0) and cannot be normalised`, { matrix: index });
    a = mean;
    b = sd;
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (const x of offDiagonal) {
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (!(max > min)) throw new InvalidInputError(`matrix ${index} has no spread (max = min) and cannot be normalised`, { matrix: index });
    a = min;
    b = max - min;
  }
  for (let k = 0; k < v.length; k++) out[k] = (v[k] - a) / b;
  return out;
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
