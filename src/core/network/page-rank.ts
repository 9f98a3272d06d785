import { ConvergenceError, InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';

/** PageRankOptions: see the doc comment of the function that takes or returns it. */
export interface PageRankOptions {
  /** Damping factor α (default 0.85). */
  readonly damping?: number;
  /** Stop when Σ_i |x_i − x_i,prev| < n · tolerance (default 1e-6, as networkx). */
  readonly tolerance?: number;
  /** Default 100; ConvergenceError (code CONVERGENCE) when exceeded. */
  readonly maxIterations?: number;
  /** Use edge weights for the transition probabilities (default true, as networkx weight='weight'). */
  readonly weighted?: boolean;
}

/** Default options (frozen); see the function's doc comment. */
export const PAGE_RANK_DEFAULTS: Readonly<Required<PageRankOptions>> = Object.freeze({
  damping: 0.85,
  tolerance: 1e-6,
  maxIterations: 100,
  weighted: true,
});

/**
 * PageRank (Brin & Page 1998) by power iteration, as networkx `pagerank`:
 * x ← α (xᵀP + (Σ_{dangling} x_d) u) + (1 − α) u, with P the row-normalised (weighted) adjacency, u = 1/n,
 * dangling nodes (no out-edges) spreading their mass uniformly. Starts from u; the result sums to 1.
 * An undirected graph is read as a directed graph with both directions. Empty graph → empty array.
 * Throws ConvergenceError (code CONVERGENCE, with maxIterations and tolerance) if it does not converge.
 * @example pageRank(karateGraph)[33]; // ≈ 0.1009 (networkx)
 * @see docs/methods/network-centrality.md
 */
export function pageRank(graph: CsrGraph, options: PageRankOptions = {}): Float64Array {
  const alpha = options.damping ?? PAGE_RANK_DEFAULTS.damping;
  const tol = options.tolerance ?? PAGE_RANK_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? PAGE_RANK_DEFAULTS.maxIterations;
  const weighted = options.weighted ?? PAGE_RANK_DEFAULTS.weighted;
  if (!(alpha >= 0 && alpha < 1)) throw new InvalidInputError(`damping must be in [0, 1), got ${alpha}`, { field: 'damping' });
  if (!(tol > 0)) throw new InvalidInputError(`tolerance must be positive, got ${tol}`, { field: 'tolerance' });
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidInputError(`maxIterations must be a positive integer, got ${maxIterations}`, { field: 'maxIterations' });
  const n = graph.nodeCount;
  if (n === 0) return new Float64Array(0);
  const { offsets, targets, weights } = graph;
  const outWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    if (weighted) for (let e = offsets[i]; e < offsets[i + 1]; e++) s += weights[e];
    else s = offsets[i + 1] - offsets[i];
    outWeight[i] = s;
  }
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  const u = 1 / n;
  let err = Infinity;
  for (let it = 0; it < maxIterations; it++) {
    let danglingSum = 0;
    for (let i = 0; i < n; i++) if (outWeight[i] === 0) danglingSum += x[i];
    const base = alpha * danglingSum * u + (1 - alpha) * u;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const ow = outWeight[i];
      if (ow === 0) continue;
      const share = (alpha * x[i]) / ow;
      if (weighted) for (let e = offsets[i]; e < offsets[i + 1]; e++) next[targets[e]] += share * weights[e];
      else for (let e = offsets[i]; e < offsets[i + 1]; e++) next[targets[e]] += share;
    }
    err = 0;
    for (let i = 0; i < n; i++) {
      next[i] += base;
      err += Math.abs(next[i] - x[i]);
    }
    const t = x;
    x = next;
    next = t;
    if (err < n * tol) return x;
  }
  throw new ConvergenceError(`PageRank did not converge in ${maxIterations} iterations (last change ${err})`, maxIterations, tol, { lastChange: err });
}
