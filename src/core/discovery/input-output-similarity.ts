import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { similarityMatrix } from './similarity-matrix.js';
import type { SimilarityMatrix } from './similarity-matrix.js';

/**
 * Input–output similarity (DPS 2016 "IO"): from an industry × industry flow matrix Z (Z[i,j] = what industry i
 * sells to industry j, rows = suppliers, columns = buyers, same industries in the same order on both axes),
 *   input[i,j]  = Z[j,i] / Σ_k Z[k,i]   (share of i's purchases bought from j),
 *   output[i,j] = Z[i,j] / Σ_k Z[i,k]   (share of i's sales sold to j),
 *   IO[i,j] = max(input[i,j], input[j,i], output[i,j], output[j,i]),
 * symmetric, in 0…1. The diagonal is computed the same way (own-industry flows).
 *
 * Missing data: a share with a zero denominator counts as absent (an industry that buys nothing has no input
 * shares); a pair with no share at all is 0 when every row and column of the pair is known. NaN in Z gives NaN
 * for every pair involving the row's or column's industry. Negative flows throw InvalidInputError.
 *
 * @example
 * inputOutputSimilarity(flows).values[i * n + j]
 * @see docs/methods/cluster-discovery.md
 */
export function inputOutputSimilarity(flows: DenseMatrix): SimilarityMatrix {
  denseMatrix(flows.rows, flows.columns, flows.values);
  const n = flows.rows.length;
  if (flows.columns.length !== n) throw new ShapeMismatchError(`flows must be square, got ${n} × ${flows.columns.length}`, { rows: n, columns: flows.columns.length });
  for (let i = 0; i < n; i++) {
    if (flows.rows[i] !== flows.columns[i]) {
      throw new InvalidInputError(`flows: row ${i} is ${flows.rows[i]} but column ${i} is ${flows.columns[i]}; rows and columns must list the same industries`, { index: i });
    }
  }
  const z = flows.values;
  const sales = new Float64Array(n);
  const purchases = new Float64Array(n);
  const bad = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = z[i * n + j];
      if (Number.isNaN(v)) {
        bad[i] = 1;
        bad[j] = 1;
        continue;
      }
      if (v < 0 || v === Infinity) throw new InvalidInputError(`flows[${flows.rows[i]}, ${flows.columns[j]}] must be finite and ≥ 0, got ${v}`, { row: flows.rows[i], column: flows.columns[j], value: v });
      sales[i] += v;
      purchases[j] += v;
    }
  }
  const out = new Float64Array(n * n);
  const share = (num: number, den: number): number => (den > 0 ? num / den : 0);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s: number;
      if (bad[i] === 1 || bad[j] === 1) s = NaN;
      else {
        const zij = z[i * n + j];
        const zji = z[j * n + i];
        s = Math.max(share(zji, purchases[i]), share(zij, purchases[j]), share(zij, sales[i]), share(zji, sales[j]));
      }
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return similarityMatrix(flows.rows, out);
}
