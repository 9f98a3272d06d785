import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';

/** ModularityOptions: see the doc comment of the function that takes or returns it. */
export interface ModularityOptions {
  /** Resolution γ (default 1; Reichardt & Bornholdt 2006). Larger γ favours smaller communities. */
  readonly resolution?: number;
}

/** Default options (frozen); see the function's doc comment. */
export const MODULARITY_DEFAULTS: Readonly<Required<ModularityOptions>> = Object.freeze({ resolution: 1 });

/**
 * Newman–Girvan modularity of a partition of an undirected weighted graph:
 * Q = Σ_c [ L_c / m − γ (d_c / 2m)² ], L_c the total weight of edges inside community c, d_c the summed
 * strength of its nodes, m the total edge weight. In [−1/2, 1). A graph without edges gives NaN (0/0).
 * Directed graphs: InvalidInputError (symmetrise first).
 * @example modularity(twoTriangles, [0, 0, 0, 1, 1, 1]); // 5/14 ≈ 0.357 for two triangles joined by one edge
 * @see docs/methods/communities.md
 */
export function modularity(graph: CsrGraph, communities: ArrayLike<number>, options: ModularityOptions = {}): number {
  const gamma = options.resolution ?? MODULARITY_DEFAULTS.resolution;
  if (graph.directed) throw new InvalidInputError('modularity expects an undirected graph', { field: 'directed' });
  const n = graph.nodeCount;
  if (communities.length !== n) throw new ShapeMismatchError(`communities has ${communities.length} entries for ${n} nodes`, { field: 'communities' });
  let maxC = -1;
  for (let i = 0; i < n; i++) {
    const c = communities[i];
    if (!Number.isInteger(c) || c < 0) throw new InvalidInputError(`communities[${i}] = ${c} must be a non-negative integer`, { field: 'communities', index: i });
    if (c > maxC) maxC = c;
  }
  const inside = new Float64Array(maxC + 1);
  const tot = new Float64Array(maxC + 1);
  let twoM = 0;
  const { offsets, targets, weights } = graph;
  for (let i = 0; i < n; i++) {
    const ci = communities[i];
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const w = weights[e];
      twoM += w;
      tot[ci] += w;
      if (communities[targets[e]] === ci) inside[ci] += w;
    }
  }
  if (twoM === 0) return NaN;
  let q = 0;
  for (let c = 0; c <= maxC; c++) {
    const d = tot[c] / twoM;
    q += inside[c] / twoM - gamma * d * d;
  }
  return q;
}
