import { ShapeMismatchError } from '../errors.js';

/**
 * A region × industry matrix (rows × columns), row-major in a Float64Array.
 * values[r * columns.length + c] is the value of row r, column c. NaN marks a missing cell.
 * Plain and serialisable: it can be posted to a Web Worker as it is.
 */
export interface DenseMatrix {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly values: Float64Array;
}

/** Builds a DenseMatrix, checking that values has rows × columns entries. */
export function denseMatrix(rows: readonly string[], columns: readonly string[], values?: Float64Array): DenseMatrix {
  const size = rows.length * columns.length;
  const data = values ?? new Float64Array(size);
  if (data.length !== size) {
    throw new ShapeMismatchError(`matrix has ${data.length} values, expected ${rows.length} × ${columns.length} = ${size}`, {
      rows: rows.length,
      columns: columns.length,
      values: data.length,
    });
  }
  return { rows, columns, values: data };
}
