import type { CsrGraph } from './csr-graph.js';
import { transposeGraph } from './transpose-graph.js';

/**
 * Core number (k-core index) of each node: the largest k such that the node belongs to the k-core, the maximal
 * subgraph in which every node has degree ≥ k (Seidman 1983). Batagelj–Zaversnik (2003) bucket algorithm,
 * O(n + m). Weights are ignored; for a directed graph the degree is in + out (as networkx `core_number`).
 * Isolated nodes have core number 0.
 * @example coreNumber(triangleWithTail).values; // triangle nodes 2, tail node 1
 * @see docs/methods/k-core.md
 */
export function coreNumber(graph: CsrGraph): Int32Array {
  const n = graph.nodeCount;
  const rev = graph.directed ? transposeGraph(graph) : null;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    let d = graph.offsets[v + 1] - graph.offsets[v];
    if (rev !== null) d += rev.offsets[v + 1] - rev.offsets[v];
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // bin[d] = start of degree-d block in vert; pos[v] = position of v in vert.
  const bin = new Int32Array(maxDeg + 1);
  for (let v = 0; v < n; v++) bin[deg[v]]++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d];
    bin[d] = start;
    start += c;
  }
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[deg[v]];
    vert[pos[v]] = v;
    bin[deg[v]]++;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1];
  bin[0] = 0;
  const lower = (v: number, u: number): void => {
    if (deg[u] > deg[v]) {
      const du = deg[u];
      const pu = pos[u];
      const pw = bin[du];
      const w = vert[pw];
      if (u !== w) {
        pos[u] = pw;
        vert[pu] = w;
        pos[w] = pu;
        vert[pw] = u;
      }
      bin[du]++;
      deg[u]--;
    }
  };
  for (let i = 0; i < n; i++) {
    const v = vert[i];
    for (let e = graph.offsets[v]; e < graph.offsets[v + 1]; e++) lower(v, graph.targets[e]);
    if (rev !== null) for (let e = rev.offsets[v]; e < rev.offsets[v + 1]; e++) lower(v, rev.targets[e]);
  }
  return deg;
}
