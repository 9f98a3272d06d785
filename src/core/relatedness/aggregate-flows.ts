import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';

/**
 * Aggregates a square flow matrix (input–output Use table: row = supplying commodity, column = buying industry,
 * both in the same n codes) to k groups (clusters) through an allocation matrix A (n codes × k groups,
 * A[b,c] = share of code b that belongs to group c, each row summing to at most 1):
 * G = Aᵀ F A, i.e. G[c,d] = Σ_b Σ_e A[b,c] F[b,e] A[e,d] (the flow from group c to group d).
 *
 * The part of a code's row not allocated to any group (1 − Σ_c A[b,c]) falls out of G; callers that need it
 * (inputs bought from outside every cluster) keep the ungrouped totals themselves.
 * Missing data: NaN flows propagate to the cells they feed; negative allocations or rows summing above 1
 * throw InvalidInputError (INVALID_INPUT); mismatched shapes throw ShapeMismatchError.
 *
 * @example aggregateFlows(use, allocation).values[c * k + d] // $ from cluster c to cluster d
 * @see docs/methods/cluster-relatedness.md
 */
export function aggregateFlows(flows: DenseMatrix, allocation: DenseMatrix): DenseMatrix {
  const n = flows.rows.length;
  if (flows.columns.length !== n) throw new ShapeMismatchError(`flows must be square, got ${n} × ${flows.columns.length}`);
  if (allocation.rows.length !== n) throw new ShapeMismatchError(`allocation needs ${n} rows (one per code), got ${allocation.rows.length}`);
  const k = allocation.columns.length;
  const a = allocation.values;
  for (let b = 0; b < n; b++) {
    let s = 0;
    for (let c = 0; c < k; c++) {
      const v = a[b * k + c];
      if (!(v >= 0)) throw new InvalidInputError(`allocation of ${allocation.rows[b]} to ${allocation.columns[c]} must be ≥ 0, got ${v}`, { row: allocation.rows[b], column: allocation.columns[c] });
      s += v;
    }
    if (s > 1 + 1e-9) throw new InvalidInputError(`allocation of ${allocation.rows[b]} sums to ${s} > 1`, { row: allocation.rows[b] });
  }
  // T = F A (n × k), then G = Aᵀ T (k × k)
  const f = flows.values;
  const t = new Float64Array(n * k);
  for (let b = 0; b < n; b++) {
    const tb = b * k;
    for (let e = 0; e < n; e++) {
      const v = f[b * n + e];
      if (v === 0) continue;
      const ae = e * k;
      for (let d = 0; d < k; d++) {
        const w = a[ae + d];
        if (w !== 0) t[tb + d] += v * w;
      }
    }
  }
  const g = new Float64Array(k * k);
  for (let b = 0; b < n; b++) {
    const ab = b * k;
    const tb = b * k;
    for (let c = 0; c < k; c++) {
      const w = a[ab + c];
      if (w === 0) continue;
      const gc = c * k;
      for (let d = 0; d < k; d++) g[gc + d] += w * t[tb + d];
    }
  }
  return { rows: allocation.columns, columns: allocation.columns, values: g };
}
