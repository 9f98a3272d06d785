import { InvalidInputError } from '../errors.js';
import { similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/** Linkage criteria: UPGMA average, complete, single, and Ward (on Euclidean distances). */
export type Linkage = 'average' | 'complete' | 'single' | 'ward';

/** Options of {@link hierarchicalClustering}. */
export interface HierarchicalClusteringOptions {
  /** Linkage criterion, default 'average'. */
  readonly linkage?: Linkage;
}

/** Defaults of {@link hierarchicalClustering}. */
export const HIERARCHICAL_CLUSTERING_DEFAULTS: Readonly<Required<HierarchicalClusteringOptions>> = Object.freeze({ linkage: 'average' });

/**
 * A dendrogram in SciPy's linkage-matrix convention: merge k joins the clusters left[k] < right[k] at height[k]
 * into a cluster of count[k] items that gets the id n + k; ids 0…n−1 are the items themselves.
 */
export interface Dendrogram {
  readonly labels: readonly string[];
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly height: Float64Array;
  readonly count: Int32Array;
}

/**
 * Agglomerative hierarchical clustering of n items from their n × n distance matrix (symmetric, diagonal ignored),
 * by the nearest-neighbour-chain algorithm (O(n²) memory and time per level, O(n²)…O(n³) overall; exact for these
 * reducible linkages) with the Lance–Williams updates
 *   average  d(k, i∪j) = (n_i d(k,i) + n_j d(k,j)) / (n_i + n_j)
 *   complete d(k, i∪j) = max(d(k,i), d(k,j));  single: min
 *   ward     d(k, i∪j) = √[((n_k+n_i) d(k,i)² + (n_k+n_j) d(k,j)² − n_k d(i,j)²) / (n_i+n_j+n_k)].
 * Merges are sorted by height (stable) and relabelled as SciPy's `linkage` does, so on the same distances the
 * output matches `scipy.cluster.hierarchy.linkage` (ties resolved as SciPy's nn_chain resolves them: the lowest
 * index wins, the previous chain element is preferred).
 *
 * Missing data: every off-diagonal distance must be finite (InvalidInputError otherwise). Fewer than one item throws.
 *
 * @example
 * const tree = hierarchicalClustering(distances, { linkage: 'average' });
 * cutTree(tree, 3) // labels of 3 clusters
 * @see docs/methods/hierarchical-clustering.md
 */
export function hierarchicalClustering(distance: SimilarityMatrix, options: HierarchicalClusteringOptions = {}): Dendrogram {
  const linkage = options.linkage ?? HIERARCHICAL_CLUSTERING_DEFAULTS.linkage;
  if (linkage !== 'average' && linkage !== 'complete' && linkage !== 'single' && linkage !== 'ward') {
    throw new InvalidInputError(`linkage must be average, complete, single or ward, got ${String(linkage)}`, { linkage });
  }
  similarityMatrix(distance.labels, distance.values);
  const n = distance.labels.length;
  if (n < 1) throw new InvalidInputError('hierarchical clustering needs at least one item');
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = distance.values[i * n + j];
      if (!Number.isFinite(v)) {
        throw new InvalidInputError(`distance between ${distance.labels[i]} and ${distance.labels[j]} is not finite (${v})`, { row: distance.labels[i], column: distance.labels[j] });
      }
      d[i * n + j] = v;
    }
  }
  const size = new Int32Array(n).fill(1);
  const chain = new Int32Array(n);
  let chainLength = 0;
  const mx = new Int32Array(Math.max(n - 1, 0));
  const my = new Int32Array(Math.max(n - 1, 0));
  const mh = new Float64Array(Math.max(n - 1, 0));
  for (let k = 0; k < n - 1; k++) {
    if (chainLength === 0) {
      for (let i = 0; i < n; i++) {
        if (size[i] > 0) {
          chain[0] = i;
          break;
        }
      }
      chainLength = 1;
    }
    let x: number;
    let y = 0;
    let best: number;
    for (;;) {
      x = chain[chainLength - 1];
      if (chainLength > 1) {
        y = chain[chainLength - 2];
        best = d[x * n + y];
      } else best = Infinity;
      const row = x * n;
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        const v = d[row + i];
        if (v < best) {
          best = v;
          y = i;
        }
      }
      if (chainLength > 1 && y === chain[chainLength - 2]) break;
      chain[chainLength++] = y;
    }
    chainLength -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x];
    const ny = size[y];
    mx[k] = x;
    my[k] = y;
    mh[k] = best;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i];
      if (ni === 0 || i === y) continue;
      const dx = d[i * n + x];
      const dy = d[i * n + y];
      let v: number;
      if (linkage === 'average') v = (nx * dx + ny * dy) / (nx + ny);
      else if (linkage === 'complete') v = dx > dy ? dx : dy;
      else if (linkage === 'single') v = dx < dy ? dx : dy;
      else {
        const t = nx + ny + ni;
        v = Math.sqrt(Math.max(0, ((ni + nx) * dx * dx + (ni + ny) * dy * dy - ni * best * best) / t));
      }
      d[i * n + y] = v;
      d[y * n + i] = v;
    }
  }
  // stable sort by height, then relabel with a union-find (SciPy's `label`)
  const m = Math.max(n - 1, 0);
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => (mh[a] < mh[b] ? -1 : mh[a] > mh[b] ? 1 : a - b));
  const parent = new Int32Array(2 * n - 1 > 0 ? 2 * n - 1 : 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const members = new Int32Array(parent.length).fill(1);
  const find = (v: number): number => {
    let root = v;
    while (parent[root] !== root) root = parent[root];
    while (parent[v] !== root) {
      const next = parent[v];
      parent[v] = root;
      v = next;
    }
    return root;
  };
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const height = new Float64Array(m);
  const count = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const o = order[k];
    const a = find(mx[o]);
    const b = find(my[o]);
    left[k] = a < b ? a : b;
    right[k] = a < b ? b : a;
    height[k] = mh[o];
    const id = n + k;
    parent[a] = id;
    parent[b] = id;
    members[id] = members[a] + members[b];
    count[k] = members[id];
  }
  return { labels: distance.labels, left, right, height, count };
}
