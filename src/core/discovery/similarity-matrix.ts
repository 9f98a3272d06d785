import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/**
 * A square industry × industry relatedness matrix, row-major: values[i * labels.length + j] is the similarity of
 * industries i and j (larger = more related). Symmetric for every builder of the core; the diagonal is kept as the
 * builder computes it and ignored by the validation scores and by hierarchical clustering. NaN marks an undefined
 * pair. Plain and serialisable.
 * @see docs/methods/cluster-discovery.md
 */
export interface SimilarityMatrix {
  readonly labels: readonly string[];
  readonly values: Float64Array;
}

/** Builds a SimilarityMatrix, checking that values has labels.length² entries. */
export function similarityMatrix(labels: readonly string[], values: Float64Array): SimilarityMatrix {
  const n = labels.length;
  if (values.length !== n * n) {
    throw new ShapeMismatchError(`similarity matrix has ${values.length} values, expected ${n} × ${n} = ${n * n}`, { labels: n, values: values.length });
  }
  return { labels, values };
}

/** Internal: throws InvalidInputError naming the first non-finite off-diagonal pair. */
export function assertFiniteSimilarity(similarity: SimilarityMatrix, what = 'similarity'): void {
  const n = similarity.labels.length;
  if (similarity.values.length !== n * n) similarityMatrix(similarity.labels, similarity.values);
  const v = similarity.values;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      if (i !== j && !Number.isFinite(v[row + j])) {
        throw new InvalidInputError(`${what}: the pair (${similarity.labels[i]}, ${similarity.labels[j]}) is not a finite number`, {
          row: similarity.labels[i],
          column: similarity.labels[j],
          value: v[row + j],
        });
      }
    }
  }
}

/** Internal: checks a label vector (integers ≥ 0) of length n and returns the number of clusters (max + 1). */
export function clusterCountOf(labels: ArrayLike<number>, n: number, what = 'labels'): number {
  if (labels.length !== n) throw new ShapeMismatchError(`${what} has ${labels.length} entries, expected ${n}`, { expected: n, actual: labels.length });
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0) throw new InvalidInputError(`${what}[${i}] must be an integer ≥ 0, got ${c}`, { index: i, value: c });
    if (c + 1 > k) k = c + 1;
  }
  return k;
}
