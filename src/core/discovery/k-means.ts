import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { kMeansPlusPlusLabels, lloydOnGram } from './gram-lloyd.js';
import { rowGram } from './row-gram.js';
import { clusterCountOf } from './similarity-matrix.js';

/** Options of {@link kMeans}: give initialLabels, initialCentroids, or k (then k-means++ seeding with `seed`). */
export interface KMeansOptions {
  /** Start partition, one label 0…k−1 per point (e.g. a hierarchical solution from cutTree). */
  readonly initialLabels?: ArrayLike<number>;
  /** Start centroids, k × dims row-major (a DenseMatrix with the points' columns). */
  readonly initialCentroids?: DenseMatrix;
  /** Number of clusters when neither start is given: k-means++ seeding. */
  readonly k?: number;
  /** Seed of the k-means++ seeding (integer ≥ 0), default 0. */
  readonly seed?: number;
  /** Lloyd iterations at most, default 300; not converging throws ConvergenceError. */
  readonly maxIterations?: number;
}

/** Defaults of {@link kMeans}. */
export const K_MEANS_DEFAULTS: Readonly<{ seed: number; maxIterations: number }> = Object.freeze({ seed: 0, maxIterations: 300 });

/** Result of {@link kMeans}. */
export interface KMeansResult {
  /** Cluster of each point, 0…k−1. */
  readonly labels: Int32Array;
  /** Centroids, k × dims row-major (NaN rows for clusters that ended empty, which only happens when k > distinct points). */
  readonly centroids: Float64Array;
  /** Σ_i ‖x_i − μ_label(i)‖², the within-cluster sum of squares. */
  readonly inertia: number;
  readonly iterations: number;
}

/**
 * k-means (Lloyd's algorithm): alternately assign each point to the nearest centroid (squared Euclidean distance)
 * and move each centroid to the mean of its points, until no point moves; minimises Σ_i ‖x_i − μ_c(i)‖².
 * Deterministic: from given labels or centroids there is no randomness; k-means++ seeding uses a seeded generator.
 * Ties keep a point in its current cluster, then go to the lowest cluster index. A cluster that empties takes the
 * point farthest from its centroid.
 *
 * Missing data: every coordinate must be finite (InvalidInputError). Throws ConvergenceError after maxIterations.
 *
 * @example
 * kMeans(points, { initialLabels: cutTree(tree, 5) }).labels
 * @see docs/methods/cluster-discovery.md
 */
export function kMeans(points: DenseMatrix, options: KMeansOptions = {}): KMeansResult {
  denseMatrix(points.rows, points.columns, points.values);
  const n = points.rows.length;
  const dims = points.columns.length;
  const x = points.values;
  for (let q = 0; q < x.length; q++) {
    if (!Number.isFinite(x[q])) throw new InvalidInputError(`point ${points.rows[Math.floor(q / dims)]} has a non-finite coordinate`, { row: points.rows[Math.floor(q / dims)] });
  }
  const maxIterations = options.maxIterations ?? K_MEANS_DEFAULTS.maxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidInputError(`maxIterations must be an integer ≥ 1, got ${maxIterations}`, { maxIterations });
  const gram = rowGram(x, n, dims);
  let labels: Int32Array;
  let k: number;
  if (options.initialLabels !== undefined) {
    k = clusterCountOf(options.initialLabels, n, 'initialLabels');
    labels = Int32Array.from(options.initialLabels);
  } else if (options.initialCentroids !== undefined) {
    const c = options.initialCentroids;
    denseMatrix(c.rows, c.columns, c.values);
    if (c.columns.length !== dims) throw new InvalidInputError(`initialCentroids has ${c.columns.length} columns, the points ${dims}`, { expected: dims, actual: c.columns.length });
    k = c.rows.length;
    labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let g = 0; g < k; g++) {
        let s = 0;
        for (let t = 0; t < dims; t++) {
          const d = x[i * dims + t] - c.values[g * dims + t];
          s += d * d;
        }
        if (s < best) {
          best = s;
          labels[i] = g;
        }
      }
    }
  } else {
    k = options.k ?? NaN;
    if (!Number.isInteger(k) || k < 1 || k > n) throw new InvalidInputError(`k must be an integer in 1…${n}, got ${options.k}`, { k: options.k, n });
    labels = kMeansPlusPlusLabels(gram, n, k, options.seed ?? K_MEANS_DEFAULTS.seed);
  }
  if (k < 1 || k > n) throw new InvalidInputError(`k must be in 1…${n}, got ${k}`, { k, n });
  const run = lloydOnGram(gram, n, k, labels, maxIterations, true);
  const centroids = new Float64Array(k * dims);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sizes[labels[i]] += 1;
    for (let t = 0; t < dims; t++) centroids[labels[i] * dims + t] += x[i * dims + t];
  }
  for (let g = 0; g < k; g++) for (let t = 0; t < dims; t++) centroids[g * dims + t] = sizes[g] > 0 ? centroids[g * dims + t] / sizes[g] : NaN;
  return { labels, centroids, inertia: run.inertia, iterations: run.iterations };
}
