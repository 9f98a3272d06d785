import { ConvergenceError } from '../errors.js';
import { seededRandom } from '../spatial/seeded-random.js';
import { clusterRowSums } from './cluster-row-sums.js';

/**
 * Internal: Lloyd's k-means on points given by their Gram matrix G = X Xᵀ (n × n), so that the squared distance
 * of point i to the centroid of cluster c is G[i,i] − 2 Σ_{j∈c} G[i,j] / n_c + Σ_{j,l∈c} G[j,l] / n_c².
 * This is exactly Lloyd's algorithm on the rows of X, at O(n²) per iteration whatever the dimension.
 * `labels` (0…k−1) is the start and is updated in place. Ties keep the current cluster, then the lowest index.
 * An emptied cluster takes the point farthest from its own centroid (lowest index on ties), deterministically.
 */
export function lloydOnGram(
  gram: Float64Array,
  n: number,
  k: number,
  labels: Int32Array,
  maxIterations: number,
  throwOnNoConvergence: boolean,
): { iterations: number; inertia: number; converged: boolean } {
  const p = new Float64Array(n * k);
  const sizes = new Float64Array(k);
  const centroidNorm = new Float64Array(k);
  const dist = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  const margins = (): void => {
    sizes.fill(0);
    for (let i = 0; i < n; i++) sizes[labels[i]] += 1;
    clusterRowSums(gram, n, labels, k, p, false);
    centroidNorm.fill(0);
    for (let i = 0; i < n; i++) centroidNorm[labels[i]] += p[i * k + labels[i]];
    for (let c = 0; c < k; c++) centroidNorm[c] = sizes[c] > 0 ? centroidNorm[c] / (sizes[c] * sizes[c]) : 0;
  };
  const distance = (i: number, c: number): number => gram[i * n + i] - (2 * p[i * k + c]) / sizes[c] + centroidNorm[c];
  while (iterations < maxIterations) {
    iterations++;
    margins();
    let changed = 0;
    const next = new Int32Array(labels);
    for (let i = 0; i < n; i++) {
      let bestC = labels[i];
      let best = sizes[bestC] > 0 ? distance(i, bestC) : Infinity;
      for (let c = 0; c < k; c++) {
        if (sizes[c] === 0) continue;
        const v = distance(i, c);
        if (v < best) {
          best = v;
          bestC = c;
        }
      }
      dist[i] = best;
      if (bestC !== labels[i]) changed++;
      next[i] = bestC;
    }
    labels.set(next);
    // refill empty clusters with the points farthest from their centroids
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) counts[labels[i]]++;
    for (let c = 0; c < k; c++) {
      if (counts[c] > 0) continue;
      let far = -1;
      for (let i = 0; i < n; i++) if (counts[labels[i]] > 1 && (far < 0 || dist[i] > dist[far])) far = i;
      if (far < 0) break;
      counts[labels[far]]--;
      labels[far] = c;
      counts[c] = 1;
      dist[far] = 0;
      changed++;
    }
    if (changed === 0) {
      converged = true;
      break;
    }
  }
  margins();
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += Math.max(0, distance(i, labels[i]));
  if (!converged && throwOnNoConvergence) {
    throw new ConvergenceError(`k-means did not converge in ${maxIterations} iterations`, maxIterations, 0, { k });
  }
  return { iterations, inertia, converged };
}

/** Internal: k-means++ seeding (Arthur & Vassilvitskii 2007) in Gram space; returns the labels of the nearest seed. */
export function kMeansPlusPlusLabels(gram: Float64Array, n: number, k: number, seed: number): Int32Array {
  const rng = seededRandom(seed);
  const centres = new Int32Array(k);
  const nearest = new Float64Array(n).fill(Infinity);
  const labels = new Int32Array(n);
  const sq = (i: number, j: number): number => Math.max(0, gram[i * n + i] + gram[j * n + j] - 2 * gram[i * n + j]);
  centres[0] = Math.min(n - 1, Math.floor(rng() * n));
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      let total = 0;
      for (let i = 0; i < n; i++) total += nearest[i];
      let pick = -1;
      if (total > 0) {
        let target = rng() * total;
        for (let i = 0; i < n; i++) {
          target -= nearest[i];
          if (target < 0 && nearest[i] > 0) {
            pick = i;
            break;
          }
        }
      }
      if (pick < 0) for (let i = 0; i < n && pick < 0; i++) if (nearest[i] > 0) pick = i;
      if (pick < 0) pick = c; // all points coincide with the seeds chosen so far
      centres[c] = pick;
    }
    const s = centres[c];
    for (let i = 0; i < n; i++) {
      const v = sq(i, s);
      if (v < nearest[i]) {
        nearest[i] = v;
        labels[i] = c;
      }
    }
  }
  return labels;
}
