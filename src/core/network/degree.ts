import { InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';
import { transposeGraph } from './transpose-graph.js';

/** Which edges of a directed graph to count: out-edges, in-edges, or both ('all'). Ignored for undirected graphs. */
export type DegreeMode = 'out' | 'in' | 'all';

/** DegreeOptions: see the doc comment of the function that takes or returns it. */
export interface DegreeOptions {
  readonly mode?: DegreeMode;
}

/** Default options (frozen); see the function's doc comment. */
export const DEGREE_DEFAULTS: Readonly<Required<DegreeOptions>> = Object.freeze({ mode: 'all' });

/**
 * Degree k_i = number of neighbours of node i (undirected), or out-, in- or total degree (directed).
 * Isolated nodes have degree 0.
 * @example degree(csrGraphFromEdges({ nodeCount: 3, sources: [0, 0], targets: [1, 2] }).graph); // [2, 1, 1]
 * @see docs/methods/network-centrality.md
 */
export function degree(graph: CsrGraph, options: DegreeOptions = {}): Float64Array {
  return sumRows(graph, options.mode ?? DEGREE_DEFAULTS.mode, false);
}

/** Internal: row counts (or weight sums) by mode. */
export function sumRows(graph: CsrGraph, mode: DegreeMode, weighted: boolean): Float64Array {
  if (mode !== 'out' && mode !== 'in' && mode !== 'all') throw new InvalidInputError(`mode must be 'out', 'in' or 'all', got ${String(mode)}`, { field: 'mode' });
  const n = graph.nodeCount;
  const out = new Float64Array(n);
  const add = (g: CsrGraph): void => {
    for (let i = 0; i < n; i++) {
      if (!weighted) {
        out[i] += g.offsets[i + 1] - g.offsets[i];
      } else {
        let s = 0;
        for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) s += g.weights[e];
        out[i] += s;
      }
    }
  };
  if (!graph.directed) {
    add(graph);
    return out;
  }
  if (mode === 'out' || mode === 'all') add(graph);
  if (mode === 'in' || mode === 'all') add(transposeGraph(graph));
  return out;
}
