import type { CsrGraph } from './csr-graph.js';
import { csrGraphFromEdges } from './csr-graph-from-edges.js';
import { nodeSubset } from './node-subset.js';

/** BurtConstraintOptions: see the doc comment of the function that takes or returns it. */
export interface BurtConstraintOptions {
  /** Compute only for these nodes (others get NaN). Default: all nodes. */
  readonly nodes?: ArrayLike<number>;
  /** Use edge weights (default false, as networkx weight=None). */
  readonly weighted?: boolean;
}

/**
 * Burt's (1992) constraint, as networkx `constraint`: c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ i, j} p_iq p_qj)²,
 * with p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki) the proportional mutual tie strength and N(i) the in- and
 * out-neighbours. Low constraint = contacts not tied to each other = the node spans structural holes.
 * Ranges from about 1/degree (a star centre) to 1 (a single contact) and can exceed 1 slightly in dense
 * cliques. Isolated nodes: NaN. Cost O(Σ_{q} d_q²) for all nodes: restrict `nodes` on large graphs.
 * @example burtConstraint(star4).values[0]; // 1/3 for the centre of a 3-leaf star
 * @see docs/methods/brokerage.md
 */
export function burtConstraint(graph: CsrGraph, options: BurtConstraintOptions = {}): Float64Array {
  const n = graph.nodeCount;
  const subset = nodeSubset(n, options.nodes);
  const weighted = options.weighted ?? false;
  // Mutual weights a_ij + a_ji on a symmetric graph (the factor 2 of an undirected graph cancels in p).
  let g = graph;
  if (graph.directed) {
    const sources = new Int32Array(graph.targets.length);
    for (let i = 0; i < n; i++) for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) sources[e] = i;
    g = csrGraphFromEdges(
      { nodeCount: n, sources, targets: graph.targets, weights: weighted ? graph.weights : undefined },
      { directed: false },
    ).graph;
  }
  const { offsets, targets } = g;
  const w = (e: number): number => (weighted || graph.directed ? g.weights[e] : 1);
  const strength = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) s += w(e);
    strength[i] = s;
  }
  const out = new Float64Array(n).fill(NaN);
  const pi = new Float64Array(n); // p_i· for the current i, 0 elsewhere
  const indirect = new Float64Array(n);
  const count = subset === null ? n : subset.length;
  for (let k = 0; k < count; k++) {
    const i = subset === null ? k : subset[k];
    if (offsets[i + 1] === offsets[i]) continue;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      pi[targets[e]] = w(e) / strength[i];
      indirect[targets[e]] = 0;
    }
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const q = targets[e];
      const piq = pi[q];
      for (let f = offsets[q]; f < offsets[q + 1]; f++) {
        const j = targets[f];
        if (j === i || pi[j] === 0) continue;
        indirect[j] += (piq * w(f)) / strength[q];
      }
    }
    let c = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = targets[e];
      const t = pi[j] + indirect[j];
      c += t * t;
    }
    out[i] = c;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) pi[targets[e]] = 0;
  }
  return out;
}
