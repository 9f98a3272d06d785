import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';

/** Which shares {@link inputOutputRelatedness} takes the maximum of. */
export type InputOutputShares = 'all' | 'inputs';

/** Options of {@link inputOutputRelatedness}. */
export interface InputOutputRelatednessOptions {
  /**
   * 'all' (default, Delgado–Porter–Stern 2016 IO-links): max of input_ij, input_ji, output_ij, output_ji;
   * 'inputs': max of input_ij and input_ji only.
   */
  readonly shares?: InputOutputShares;
  /** Total inputs of each buyer (denominator of input shares); default the column sums of the flows. */
  readonly inputTotals?: ArrayLike<number>;
  /** Total output of each seller (denominator of output shares); default the row sums of the flows. */
  readonly outputTotals?: ArrayLike<number>;
}

/** Defaults of {@link inputOutputRelatedness}. */
export const INPUT_OUTPUT_RELATEDNESS_DEFAULTS = Object.freeze({ shares: 'all' as InputOutputShares });

/**
 * Input–output relatedness (IO-links, Delgado, Porter & Stern 2016) between the n groups of a flow matrix
 * F (row = seller, column = buyer, e.g. clusters aggregated from a BEA Use table):
 * input_ij = F[j,i] / inputs_i (share of i's inputs bought from j), output_ij = F[i,j] / outputs_i (share of
 * i's output sold to j), IO_ij = max(input_ij, input_ji, output_ij, output_ji) — symmetric, 0–1.
 * With `shares: 'inputs'`: IO_ij = max(input_ij, input_ji).
 *
 * Missing data: a share whose denominator is 0 or NaN is undefined and left out of the maximum; IO_ij is NaN
 * only when all its shares are undefined (or a flow is NaN). The diagonal is the group's own share (F[i,i]).
 * Shapes are checked (ShapeMismatchError); negative flows throw InvalidInputError.
 *
 * @example inputOutputRelatedness(clusterFlows).values[i * n + j]
 * @see docs/methods/cluster-relatedness.md
 */
export function inputOutputRelatedness(flows: DenseMatrix, options: InputOutputRelatednessOptions = {}): DenseMatrix {
  const shares = options.shares ?? INPUT_OUTPUT_RELATEDNESS_DEFAULTS.shares;
  if (shares !== 'all' && shares !== 'inputs') throw new InvalidInputError(`shares must be 'all' or 'inputs', got ${String(shares)}`, { option: 'shares' });
  const n = flows.rows.length;
  if (flows.columns.length !== n) throw new ShapeMismatchError(`flows must be square, got ${n} × ${flows.columns.length}`);
  const f = flows.values;
  for (let k = 0; k < n * n; k++) {
    if (f[k] < 0) throw new InvalidInputError(`flow ${flows.rows[Math.floor(k / n)]} → ${flows.columns[k % n]} is negative (${f[k]})`, { row: flows.rows[Math.floor(k / n)], column: flows.columns[k % n] });
  }
  const inputs = new Float64Array(n);
  const outputs = new Float64Array(n);
  if (options.inputTotals) {
    if (options.inputTotals.length !== n) throw new ShapeMismatchError(`inputTotals needs ${n} values, got ${options.inputTotals.length}`);
    for (let i = 0; i < n; i++) inputs[i] = options.inputTotals[i];
  } else for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inputs[i] += f[j * n + i];
  if (options.outputTotals) {
    if (options.outputTotals.length !== n) throw new ShapeMismatchError(`outputTotals needs ${n} values, got ${options.outputTotals.length}`);
    for (let i = 0; i < n; i++) outputs[i] = options.outputTotals[i];
  } else for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) outputs[i] += f[i * n + j];
  const share = (flow: number, total: number): number => (total > 0 ? flow / total : NaN);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const fij = f[i * n + j];
      const fji = f[j * n + i];
      let best = NaN;
      const candidates = shares === 'all'
        ? [share(fji, inputs[i]), share(fij, inputs[j]), share(fij, outputs[i]), share(fji, outputs[j])]
        : [share(fji, inputs[i]), share(fij, inputs[j])];
      for (const c of candidates) if (!Number.isNaN(c) && !(c <= best)) best = c;
      if (Number.isNaN(fij) || Number.isNaN(fji)) best = NaN;
      out[i * n + j] = best;
      out[j * n + i] = best;
    }
  }
  return { rows: flows.rows, columns: flows.rows, values: out };
}
