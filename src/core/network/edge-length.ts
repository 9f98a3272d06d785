import { InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';

/**
 * How shortest-path measures read edge weights: 'ignore' (every edge has length 1, the default, as networkx
 * weight=None), 'distance' (weight is a length, as networkx weight='weight'), 'inverse' (length = 1/weight: a
 * strong tie is a short tie, the usual reading for collaboration counts; Newman 2001, Opsahl et al. 2010).
 */
export type EdgeLengthMode = 'ignore' | 'distance' | 'inverse';

/** Internal: edge lengths for `mode`, or null when every length is 1. */
export function edgeLengths(graph: CsrGraph, mode: EdgeLengthMode): Float64Array | null {
  if (mode === 'ignore') return null;
  if (mode !== 'distance' && mode !== 'inverse') {
    throw new InvalidInputError(`weight must be 'ignore', 'distance' or 'inverse', got ${String(mode)}`, { field: 'weight' });
  }
  const w = graph.weights;
  const out = new Float64Array(w.length);
  for (let e = 0; e < w.length; e++) {
    const x = w[e];
    if (!(x > 0) || !Number.isFinite(x)) throw new InvalidInputError(`edge weight ${x} at position ${e} must be positive and finite`, { field: 'weights', index: e });
    out[e] = mode === 'distance' ? x : 1 / x;
  }
  return out;
}
