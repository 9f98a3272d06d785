import { InvalidInputError } from '../errors.js';
import { cutTree } from './cut-tree.js';
import { lloydOnGram } from './gram-lloyd.js';
import { rowGram } from './row-gram.js';
import { hierarchicalClustering } from './hierarchical-clustering.js';
import type { Dendrogram } from './hierarchical-clustering.js';
import { assertFiniteSimilarity, similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';
import { validationScores } from './validation-scores.js';
import type { BetweenClusterReference } from './validation-scores.js';

/** Options of {@link discoverClusters}. */
export interface DiscoverClustersOptions {
  /** Cluster counts to try, each an integer in 1…n; default 20…70 (those ≤ n). */
  readonly clusterCounts?: readonly number[];
  /** 'average' (default): UPGMA on 1 − S; 'ward': Ward on the Euclidean distances between rows of S. */
  readonly linkage?: 'average' | 'ward';
  /** Lloyd iterations per cluster count, default 100 (the result is kept and flagged when it has not converged). */
  readonly maxIterations?: number;
  /** Extra matrices (same industries, same order) the candidates are also scored with, e.g. the components of a combination. */
  readonly scoreWith?: readonly SimilarityMatrix[];
  /** VS-Cluster comparison, see validationScores; default 'outside'. */
  readonly between?: BetweenClusterReference;
}

/** Defaults of {@link discoverClusters}. */
export const DISCOVER_CLUSTERS_DEFAULTS: Readonly<{ clusterCounts: readonly number[]; linkage: 'average'; maxIterations: number; between: BetweenClusterReference }> =
  Object.freeze({ clusterCounts: Object.freeze(Array.from({ length: 51 }, (_, q) => 20 + q)), linkage: 'average', maxIterations: 100, between: 'outside' });

/** One candidate set of cluster definitions. */
export interface DiscoveryCandidate {
  /** Number of clusters asked for (k-means keeps every cluster non-empty, so also the number found). */
  readonly k: number;
  /** Cluster of each industry, 0…k−1, numbered by first industry. */
  readonly labels: Int32Array;
  /** The hierarchical solution that seeded k-means, same numbering rule. */
  readonly seedLabels: Int32Array;
  /** VS-Cluster and VS-Industry under the clustering matrix (index 0) and each `scoreWith` matrix (1…). */
  readonly vsCluster: Float64Array;
  readonly vsIndustry: Float64Array;
  /** Mean of all VS-Cluster and VS-Industry values: the ranking score. */
  readonly score: number;
  /** k-means: within-cluster sum of squares in similarity space, iterations, convergence. */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Result of {@link discoverClusters}. */
export interface DiscoveryResult {
  readonly labels: readonly string[];
  readonly tree: Dendrogram;
  readonly candidates: readonly DiscoveryCandidate[];
  /** Index in candidates of the highest score (the smallest k on ties). */
  readonly best: number;
}

/**
 * Data-driven cluster discovery after Delgado, Porter & Stern (2016): from an industry similarity matrix S,
 * (1) agglomerative hierarchical clustering (average linkage on 1 − S, or Ward), cut at each k;
 * (2) k-means in similarity space — each industry is the point S[i,·], its vector of relatedness to all
 *     industries — started from the hierarchical clusters' centroids (Lloyd, deterministic, no random restarts);
 * (3) each candidate scored with VS-Cluster and VS-Industry (validationScores) under S and any `scoreWith`
 *     matrices; score = mean of all those scores; the best candidate has the highest score.
 * Deterministic: the same input always gives the same clusters (ties broken by lowest index).
 * Cost: O(n³) once for the Gram matrix (1,000 industries: about 5·10⁸ multiply-adds), then O(n²) per iteration.
 *
 * Missing data: S (and every scoreWith matrix) must have finite off-diagonal entries (InvalidInputError);
 * drop industries with undefined similarities first.
 *
 * @example
 * const result = discoverClusters(colocationSimilarity(employment), { clusterCounts: [30, 40, 50] });
 * result.candidates[result.best].labels
 * @see docs/methods/cluster-discovery.md
 */
export function discoverClusters(similarity: SimilarityMatrix, options: DiscoverClustersOptions = {}): DiscoveryResult {
  similarityMatrix(similarity.labels, similarity.values);
  assertFiniteSimilarity(similarity);
  const n = similarity.labels.length;
  if (n < 2) throw new InvalidInputError('cluster discovery needs at least two industries', { industries: n });
  const linkage = options.linkage ?? DISCOVER_CLUSTERS_DEFAULTS.linkage;
  if (linkage !== 'average' && linkage !== 'ward') throw new InvalidInputError(`linkage must be 'average' or 'ward', got ${String(linkage)}`, { linkage });
  const maxIterations = options.maxIterations ?? DISCOVER_CLUSTERS_DEFAULTS.maxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidInputError(`maxIterations must be an integer ≥ 1, got ${maxIterations}`, { maxIterations });
  const between = options.between ?? DISCOVER_CLUSTERS_DEFAULTS.between;
  const requested = options.clusterCounts ?? DISCOVER_CLUSTERS_DEFAULTS.clusterCounts.filter((k) => k <= n);
  if (requested.length === 0) throw new InvalidInputError(`no cluster count to try (the default range 20…70 needs at least 20 industries, got ${n})`, { industries: n });
  const counts = [...new Set(requested)].sort((a, b) => a - b);
  for (const k of counts) {
    if (!Number.isInteger(k) || k < 1 || k > n) throw new InvalidInputError(`cluster counts must be integers in 1…${n}, got ${k}`, { k, industries: n });
  }
  const scoreWith = options.scoreWith ?? [];
  scoreWith.forEach((m, index) => {
    if (m.labels.length !== n || m.labels.some((l, i) => l !== similarity.labels[i])) {
      throw new InvalidInputError(`scoreWith[${index}] does not list the same industries in the same order`, { matrix: index });
    }
    assertFiniteSimilarity(m, `scoreWith[${index}]`);
  });
  const s = similarity.values;
  // Gram matrix of the similarity rows: G[i,j] = Σ_t S[i,t] S[j,t]
  const gram = rowGram(s, n, n);
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      distance[i * n + j] = linkage === 'average' ? 1 - s[i * n + j] : Math.sqrt(Math.max(0, gram[i * n + i] + gram[j * n + j] - 2 * gram[i * n + j]));
    }
  }
  const tree = hierarchicalClustering(similarityMatrix(similarity.labels, distance), { linkage });
  const matrices = [similarity, ...scoreWith];
  const candidates: DiscoveryCandidate[] = [];
  for (const k of counts) {
    const seedLabels = cutTree(tree, k);
    const labels = new Int32Array(seedLabels);
    const run = lloydOnGram(gram, n, k, labels, maxIterations, false);
    const canonical = canonicalLabels(labels);
    const vsCluster = new Float64Array(matrices.length);
    const vsIndustry = new Float64Array(matrices.length);
    let sum = 0;
    let terms = 0;
    matrices.forEach((m, q) => {
      const v = validationScores(m, canonical, { between });
      vsCluster[q] = v.vsCluster;
      vsIndustry[q] = v.vsIndustry;
      for (const x of [v.vsCluster, v.vsIndustry]) {
        if (Number.isFinite(x)) {
          sum += x;
          terms++;
        }
      }
    });
    candidates.push({
      k,
      labels: canonical,
      seedLabels,
      vsCluster,
      vsIndustry,
      score: terms > 0 ? sum / terms : NaN,
      inertia: run.inertia,
      iterations: run.iterations,
      converged: run.converged,
    });
  }
  let best = 0;
  for (let q = 1; q < candidates.length; q++) if (candidates[q].score > candidates[best].score || Number.isNaN(candidates[best].score)) best = q;
  return { labels: similarity.labels, tree, candidates, best };
}

/** Relabels 0…k−1 in order of first appearance. */
function canonicalLabels(labels: Int32Array): Int32Array {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let c = map.get(labels[i]);
    if (c === undefined) {
      c = map.size;
      map.set(labels[i], c);
    }
    out[i] = c;
  }
  return out;
}
