import type { CsrGraph } from './csr-graph.js';

/**
 * The transpose of a directed graph (every edge i → j becomes j → i), rows sorted ascending; an undirected
 * graph is its own transpose and is returned unchanged. O(n + m).
 * @see docs/methods/brokerage.md
 */
export function transposeGraph(graph: CsrGraph): CsrGraph {
  if (!graph.directed) return graph;
  const n = graph.nodeCount;
  const { offsets, targets, weights } = graph;
  const off = new Int32Array(n + 1);
  for (let e = 0; e < targets.length; e++) off[targets[e] + 1]++;
  for (let i = 0; i < n; i++) off[i + 1] += off[i];
  const cur = off.slice(0, n);
  const t = new Int32Array(targets.length);
  const w = new Float64Array(targets.length);
  // Rows visited in ascending source order, so each transposed row comes out sorted.
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const p = cur[targets[e]]++;
      t[p] = i;
      w[p] = weights[e];
    }
  }
  return { nodeCount: n, offsets: off, targets: t, weights: w, directed: true };
}
