import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { compensatedSum } from '../numeric/compensated-sum.js';
import { InvalidInputError } from '../errors.js';

/**
 * Internal (the public LQ lives in specialization/): Balassa RCA = (x_ri/x_r·)/(x_·i/x_··), with compensated
 * margins. A region (row) holding NaN is left out of the reference area: its RCA row is NaN and the industry and
 * grand totals are taken over the complete rows. A zero region or industry total → NaN. Negative values throw InvalidInputError naming row and column.
 */
export function revealedComparativeAdvantage(x: DenseMatrix): DenseMatrix {
  const R = x.rows.length;
  const I = x.columns.length;
  const v = x.values;
  for (let k = 0; k < v.length; k++) {
    if (v[k] < 0 || v[k] === Infinity) {
      const r = Math.floor(k / I);
      throw new InvalidInputError(`value ${v[k]} at row ${x.rows[r]}, column ${x.columns[k - r * I]} is not a finite non-negative number`, {
        row: x.rows[r],
        column: x.columns[k - r * I],
        value: v[k],
      });
    }
  }
  const rowTotal = new Float64Array(R);
  for (let r = 0; r < R; r++) rowTotal[r] = compensatedSum(v, r * I, r * I + I);
  // industry totals over the complete rows: Neumaier sums in one row-major pass (same order as a strided
  // compensatedSum per column, without touching the matrix column by column)
  const colTotal = new Float64Array(I);
  const compensation = new Float64Array(I);
  for (let r = 0; r < R; r++) {
    if (Number.isNaN(rowTotal[r])) continue;
    const base = r * I;
    for (let i = 0; i < I; i++) {
      const x = v[base + i];
      const s = colTotal[i];
      const t = s + x;
      if (Math.abs(s) >= Math.abs(x)) compensation[i] += s - t + x;
      else compensation[i] += x - t + s;
      colTotal[i] = t;
    }
  }
  for (let i = 0; i < I; i++) colTotal[i] += compensation[i];
  const totals = new Float64Array(R);
  for (let r = 0; r < R; r++) totals[r] = Number.isNaN(rowTotal[r]) ? 0 : rowTotal[r];
  const total = compensatedSum(totals);
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const rt = rowTotal[r];
    for (let i = 0; i < I; i++) {
      const denominator = rt * colTotal[i];
      const k = r * I + i;
      out[k] = denominator === 0 || Number.isNaN(denominator) ? NaN : (v[k] * total) / denominator;
    }
  }
  return { rows: x.rows, columns: x.columns, values: out };
}
