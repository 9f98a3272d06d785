import type { SpatialDiagnostic, SpatialWeightsResult } from './spatial-weights.js';

/**
 * Internal: packs per-row neighbour and weight lists into a CSR {@link SpatialWeightsResult} and adds the
 * ISLANDS (and, when `checkSymmetry`, ASYMMETRIC) diagnostics. Not part of the public surface.
 */
export function csrFromRows(
  ids: readonly string[],
  rowNeighbors: readonly (readonly number[])[],
  rowWeights: readonly (readonly number[])[],
  extra: readonly SpatialDiagnostic[] = [],
  checkSymmetry = false,
): SpatialWeightsResult {
  const n = ids.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + rowNeighbors[i].length;
  const nnz = offsets[n];
  const neighbors = new Int32Array(nnz);
  const weights = new Float64Array(nnz);
  for (let i = 0; i < n; i++) {
    const nb = rowNeighbors[i];
    const wt = rowWeights[i];
    const o = offsets[i];
    for (let k = 0; k < nb.length; k++) {
      neighbors[o + k] = nb[k];
      weights[o + k] = wt[k];
    }
  }
  const diagnostics: SpatialDiagnostic[] = [...extra];
  const islands = islandIds({ ids, offsets, weights });
  if (islands.length > 0) {
    diagnostics.push({ code: 'ISLANDS', message: `${islands.length} region(s) without neighbours (islands): lag 0`, regions: islands });
  }
  if (checkSymmetry) {
    const asym = asymmetricIds(ids, offsets, neighbors, weights);
    if (asym.length > 0) {
      diagnostics.push({ code: 'ASYMMETRIC', message: `${asym.length} region(s) list a neighbour that does not list them back`, regions: asym });
    }
  }
  return { ids, offsets, neighbors, weights, diagnostics };
}

/** Regions whose row has no positive weight. */
export function islandIds(w: { readonly ids: readonly string[]; readonly offsets: Int32Array; readonly weights: Float64Array }): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.ids.length; i++) {
    let any = false;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) if (w.weights[k] > 0) any = true;
    if (!any) out.push(w.ids[i]);
  }
  return out;
}

function asymmetricIds(ids: readonly string[], offsets: Int32Array, neighbors: Int32Array, weights: Float64Array): string[] {
  const n = ids.length;
  // Count links (i → j, w > 0) whose reverse is absent, using a per-row mark of the transpose.
  const tOffsets = new Int32Array(n + 1);
  for (let k = 0; k < neighbors.length; k++) if (weights[k] > 0) tOffsets[neighbors[k] + 1]++;
  for (let i = 0; i < n; i++) tOffsets[i + 1] += tOffsets[i];
  const fill = tOffsets.slice(0, n);
  const tCols = new Int32Array(tOffsets[n]);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) if (weights[k] > 0) tCols[fill[neighbors[k]]++] = i;
  }
  const mark = new Int32Array(n).fill(-1);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = tOffsets[i]; k < tOffsets[i + 1]; k++) mark[tCols[k]] = i; // j with w_ji > 0
    let bad = false;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) if (weights[k] > 0 && mark[neighbors[k]] !== i) bad = true;
    if (bad) out.push(ids[i]);
  }
  return out;
}
