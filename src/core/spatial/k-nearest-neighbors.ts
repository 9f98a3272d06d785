import { InvalidInputError } from '../errors.js';
import { csrFromRows } from './csr-from-rows.js';
import { assertPointData } from './point-data.js';
import type { PointData } from './point-data.js';
import type { SpatialDiagnostic, SpatialWeightsResult } from './spatial-weights.js';

/** Options of {@link kNearestNeighbors}. */
export interface KNearestNeighborsOptions {
  /** Number of neighbours per region (1 ≤ k < n). Default 2 (libpysal `KNN` default). */
  readonly k?: number;
}

/** Defaults of {@link kNearestNeighbors}. */
export const K_NEAREST_NEIGHBORS_DEFAULTS = Object.freeze({ k: 2 });

/**
 * k-nearest-neighbour weights (kNN): row i holds the k regions j ≠ i with the smallest Euclidean distance
 * d_ij = √((x_i − x_j)² + (y_i − y_j)²), w_ij = 1, listed by increasing distance (libpysal `KNN`). Asymmetric in
 * general. Tie-breaking: equal distances are ordered by region index, so the lower index wins the k-th place;
 * regions where that happened are listed in a TIES diagnostic. Coincident points are neighbours at distance 0.
 *
 * Missing data: a non-finite coordinate throws InvalidInputError (INVALID_INPUT); k < 1, k ≥ n or non-integer k
 * throws InvalidInputError. Search: x-sorted sweep with pruning (exact, typically O(n √n)).
 *
 * @example
 * kNearestNeighbors({ ids, x: [10, 20, 40, 15, 30, 30], y: [10, 10, 10, 20, 20, 30] }, { k: 2 })
 * // row 0 → neighbours [1, 3] (libpysal KNN doc example)
 * @see docs/methods/spatial-weights.md
 */
export function kNearestNeighbors(points: PointData, options: KNearestNeighborsOptions = {}): SpatialWeightsResult {
  const k = options.k ?? K_NEAREST_NEIGHBORS_DEFAULTS.k;
  assertPointData(points);
  const n = points.ids.length;
  if (!Number.isInteger(k) || k < 1 || k >= n) throw new InvalidInputError(`k must be an integer with 1 ≤ k < n = ${n}, got ${k}`, { k, n });
  const x = Float64Array.from(points.x);
  const y = Float64Array.from(points.y);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) rank[order[r]] = r;

  // Keep the k + 1 best (d², index) pairs, sorted, so that a tie at the k-th place is visible.
  const m = k + 1;
  const bestD = new Float64Array(m);
  const bestJ = new Int32Array(m);
  const neighbors = new Int32Array(n * k);
  const tied: string[] = [];
  for (let i = 0; i < n; i++) {
    let size = 0;
    const xi = x[i];
    const yi = y[i];
    const consider = (j: number) => {
      const dx = x[j] - xi;
      const dy = y[j] - yi;
      const d = dx * dx + dy * dy;
      if (size === m && (d > bestD[m - 1] || (d === bestD[m - 1] && j > bestJ[m - 1]))) return;
      let p = size < m ? size++ : m - 1;
      while (p > 0 && (bestD[p - 1] > d || (bestD[p - 1] === d && bestJ[p - 1] > j))) {
        bestD[p] = bestD[p - 1];
        bestJ[p] = bestJ[p - 1];
        p--;
      }
      bestD[p] = d;
      bestJ[p] = j;
    };
    const r = rank[i];
    let lo = r - 1;
    let hi = r + 1;
    while (lo >= 0 || hi < n) {
      const bound = size === m ? bestD[m - 1] : Infinity;
      const dxLo = lo >= 0 ? xi - x[order[lo]] : Infinity;
      const dxHi = hi < n ? x[order[hi]] - xi : Infinity;
      if (dxLo <= dxHi) {
        if (dxLo * dxLo > bound) break;
        consider(order[lo--]);
      } else {
        if (dxHi * dxHi > bound) break;
        consider(order[hi++]);
      }
    }
    for (let t = 0; t < k; t++) neighbors[i * k + t] = bestJ[t];
    if (size === m && bestD[k] === bestD[k - 1]) tied.push(points.ids[i]);
  }
  const rowNeighbors: number[][] = [];
  const rowWeights: number[][] = [];
  for (let i = 0; i < n; i++) {
    rowNeighbors.push(Array.from(neighbors.subarray(i * k, (i + 1) * k)));
    rowWeights.push(new Array<number>(k).fill(1));
  }
  const extra: SpatialDiagnostic[] = tied.length
    ? [{ code: 'TIES', message: `${tied.length} region(s) had a tie at the k-th distance, broken by lower index`, regions: tied }]
    : [];
  return csrFromRows(points.ids, rowNeighbors, rowWeights, extra);
}
