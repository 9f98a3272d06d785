import { InvalidInputError } from '../errors.js';
import type { Dendrogram } from './hierarchical-clustering.js';

/**
 * Cuts a dendrogram into k clusters by applying its first n − k merges (the k − 1 highest merges are undone).
 * Returns one label per item, 0…k−1, numbered in order of each cluster's first item (so the labelling is canonical).
 * Throws InvalidInputError unless 1 ≤ k ≤ n.
 *
 * @example
 * cutTree(hierarchicalClustering(distances), 4)
 * @see docs/methods/hierarchical-clustering.md
 */
export function cutTree(tree: Dendrogram, k: number): Int32Array {
  const n = tree.labels.length;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new InvalidInputError(`k must be an integer in 1…${n}, got ${k}`, { k, n });
  const parent = new Int32Array(2 * n);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (let m = 0; m < n - k; m++) {
    const id = n + m;
    parent[find(tree.left[m])] = id;
    parent[find(tree.right[m])] = id;
  }
  const labels = new Int32Array(n);
  const seen = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    let label = seen.get(root);
    if (label === undefined) {
      label = seen.size;
      seen.set(root, label);
    }
    labels[i] = label;
  }
  return labels;
}
