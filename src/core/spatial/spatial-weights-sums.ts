import { assertSpatialWeights } from './spatial-weights.js';
import type { SpatialWeights } from './spatial-weights.js';

/** The sums S0, S1, S2 of a weights matrix used by the moments of Moran's I and Getis–Ord G. */
export interface SpatialWeightsSums {
  /** S0 = Σ_i Σ_j w_ij. */
  readonly s0: number;
  /** S1 = ½ Σ_i Σ_j (w_ij + w_ji)². */
  readonly s1: number;
  /** S2 = Σ_i (w_i· + w_·i)², row sum plus column sum. */
  readonly s2: number;
}

/**
 * S0, S1 and S2 of spatial weights (Cliff and Ord 1981; libpysal `W.s0/s1/s2`), correct for asymmetric W
 * (e.g. k-nearest neighbours): S1 = Σ_ij w_ij² + Σ_ij w_ij w_ji, computed in O(n + nnz) through the transpose.
 *
 * @example
 * spatialWeightsSums(rook3x3Binary) // → { s0: 24, s1: 48, s2: 272 }
 * @see docs/methods/morans-i.md
 */
export function spatialWeightsSums(w: SpatialWeights): SpatialWeightsSums {
  assertSpatialWeights(w);
  const n = w.ids.length;
  const { offsets, neighbors, weights } = w;
  const nnz = neighbors.length;
  // Transpose (column i of W as row i of Wᵀ).
  const tOffsets = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) tOffsets[neighbors[k] + 1]++;
  for (let i = 0; i < n; i++) tOffsets[i + 1] += tOffsets[i];
  const fill = tOffsets.slice(0, n);
  const tCols = new Int32Array(nnz);
  const tVals = new Float64Array(nnz);
  const colSum = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbors[k];
      const p = fill[j]++;
      tCols[p] = i;
      tVals[p] = weights[k];
      colSum[j] += weights[k];
    }
  }
  const dense = new Float64Array(n);
  let s0 = 0;
  let sq = 0;
  let cross = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    for (let k = tOffsets[i]; k < tOffsets[i + 1]; k++) dense[tCols[k]] = tVals[k]; // dense[j] = w_ji
    let rowSum = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const v = weights[k];
      rowSum += v;
      sq += v * v;
      cross += v * dense[neighbors[k]];
    }
    for (let k = tOffsets[i]; k < tOffsets[i + 1]; k++) dense[tCols[k]] = 0;
    s0 += rowSum;
    const t = rowSum + colSum[i];
    s2 += t * t;
  }
  return { s0, s1: sq + cross, s2 };
}
