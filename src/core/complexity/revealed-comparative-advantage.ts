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
  const { rowTotal, colTotal, total } = rcaMargins(x);
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

/** Internal: the margins of {@link revealedComparativeAdvantage}; RCA[r,i] is (x_ri · total)/(rowTotal[r] · colTotal[i]). */
export interface RcaMargins {
  /** Neumaier row sums (NaN for rows holding NaN). */
  readonly rowTotal: Float64Array;
  /** Neumaier column sums over the rows whose total is not NaN. */
  readonly colTotal: Float64Array;
  /** Neumaier sum of the row totals that are not NaN. */
  readonly total: number;
}

/**
 * Internal: validates x (the first negative or infinite value in row-major order throws InvalidInputError naming row
 * and column) and computes the RCA margins in one row-major pass: each row is checked and summed, then, unless its
 * total is NaN, added into the column sums while it is in cache. The additions and their order are those of a
 * compensatedSum per row and a strided compensatedSum per column, so the margins are bit for bit the same.
 */
export function rcaMargins(x: DenseMatrix): RcaMargins {
  const R = x.rows.length;
  const I = x.columns.length;
  const v = x.values;
  const rowTotal = new Float64Array(R);
  const colTotal = new Float64Array(I);
  const compensation = new Float64Array(I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    let sum = 0;
    let comp = 0;
    for (let i = 0; i < I; i++) {
      const value = v[base + i];
      if (value < 0 || value === Infinity) invalidValue(x, base + i);
      const t = sum + value;
      if (Math.abs(sum) >= Math.abs(value)) comp += sum - t + value;
      else comp += value - t + sum;
      sum = t;
    }
    const rt = sum + comp;
    rowTotal[r] = rt;
    if (Number.isNaN(rt)) continue;
    // industry totals over the complete rows
    for (let i = 0; i < I; i++) {
      const value = v[base + i];
      const s = colTotal[i];
      const t = s + value;
      if (Math.abs(s) >= Math.abs(value)) compensation[i] += s - t + value;
      else compensation[i] += value - t + s;
      colTotal[i] = t;
    }
  }
  for (let i = 0; i < I; i++) colTotal[i] += compensation[i];
  const totals = new Float64Array(R);
  for (let r = 0; r < R; r++) totals[r] = Number.isNaN(rowTotal[r]) ? 0 : rowTotal[r];
  return { rowTotal, colTotal, total: compensatedSum(totals) };
}

function invalidValue(x: DenseMatrix, k: number): never {
  const I = x.columns.length;
  const r = Math.floor(k / I);
  const value = x.values[k];
  throw new InvalidInputError(`value ${value} at row ${x.rows[r]}, column ${x.columns[k - r * I]} is not a finite non-negative number`, {
    row: x.rows[r],
    column: x.columns[k - r * I],
    value,
  });
}
