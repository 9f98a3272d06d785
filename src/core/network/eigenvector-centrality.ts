import { ConvergenceError, InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';

/** EigenvectorCentralityOptions: see the doc comment of the function that takes or returns it. */
export interface EigenvectorCentralityOptions {
  /** Stop when Σ_i |x_i − x_i,prev| < n · tolerance (default 1e-6, as networkx). */
  readonly tolerance?: number;
  /** Default 100; ConvergenceError (code CONVERGENCE) when exceeded. */
  readonly maxIterations?: number;
  /** Use edge weights (default false, as networkx weight=None). */
  readonly weighted?: boolean;
}

/** Default options (frozen); see the function's doc comment. */
export const EIGENVECTOR_CENTRALITY_DEFAULTS: Readonly<Required<EigenvectorCentralityOptions>> = Object.freeze({
  tolerance: 1e-6,
  maxIterations: 100,
  weighted: false,
});

/**
 * Eigenvector centrality (Bonacich 1972): the leading eigenvector x of A (Ax = λx), found as networkx
 * `eigenvector_centrality` does by power iteration on A + I from a uniform start, normalised to unit Euclidean
 * length after each step (the shift by I avoids oscillation on bipartite graphs). Directed graphs use in-links
 * (x_j ← Σ_{i → j} x_i). Disconnected graphs: the values concentrate on the component with the largest
 * eigenvalue (others tend to 0) — compute per component if that matters. Throws ConvergenceError (code
 * CONVERGENCE) if the tolerance is not reached.
 * @example eigenvectorCentrality(karateGraph)[33]; // ≈ 0.3734 (networkx)
 * @see docs/methods/network-centrality.md
 */
export function eigenvectorCentrality(graph: CsrGraph, options: EigenvectorCentralityOptions = {}): Float64Array {
  const tol = options.tolerance ?? EIGENVECTOR_CENTRALITY_DEFAULTS.tolerance;
  const maxIterations = options.maxIterations ?? EIGENVECTOR_CENTRALITY_DEFAULTS.maxIterations;
  const weighted = options.weighted ?? EIGENVECTOR_CENTRALITY_DEFAULTS.weighted;
  if (!(tol > 0)) throw new InvalidInputError(`tolerance must be positive, got ${tol}`, { field: 'tolerance' });
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InvalidInputError(`maxIterations must be a positive integer, got ${maxIterations}`, { field: 'maxIterations' });
  const n = graph.nodeCount;
  if (n === 0) return new Float64Array(0);
  const { offsets, targets, weights } = graph;
  let x = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let err = Infinity;
  for (let it = 0; it < maxIterations; it++) {
    next.set(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      if (xi === 0) continue;
      if (weighted) for (let e = offsets[i]; e < offsets[i + 1]; e++) next[targets[e]] += xi * weights[e];
      else for (let e = offsets[i]; e < offsets[i + 1]; e++) next[targets[e]] += xi;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += next[i] * next[i];
    norm = Math.sqrt(norm) || 1;
    err = 0;
    for (let i = 0; i < n; i++) {
      next[i] /= norm;
      err += Math.abs(next[i] - x[i]);
    }
    const t = x;
    x = next;
    next = t;
    if (err < n * tol) return x;
  }
  throw new ConvergenceError(`eigenvector centrality did not converge in ${maxIterations} iterations (last change ${err})`, maxIterations, tol, { lastChange: err });
}
