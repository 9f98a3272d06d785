import type { CsrGraph } from './csr-graph.js';
import { DEGREE_DEFAULTS, sumRows } from './degree.js';
import type { DegreeOptions } from './degree.js';

/**
 * Strength (weighted degree) s_i = Σ_j w_ij (Barrat et al. 2004); for directed graphs out-, in- or total
 * strength by `mode` (default 'all'). In a projected collaboration network with 'count' weighting this is the
 * number of (partner, shared project) pairs. Isolated nodes: 0.
 * @see docs/methods/network-centrality.md
 */
export function strength(graph: CsrGraph, options: DegreeOptions = {}): Float64Array {
  return sumRows(graph, options.mode ?? DEGREE_DEFAULTS.mode, true);
}
