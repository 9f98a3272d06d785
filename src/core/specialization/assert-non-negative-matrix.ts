import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';

/**
 * Checks a region × industry matrix for the specialisation and concentration kernels: values has
 * rows × columns entries, every value is NaN (missing) or finite and ≥ 0.
 * Throws ShapeMismatchError (SHAPE_MISMATCH) or InvalidInputError (INVALID_INPUT) naming the row and column.
 * Internal to the core; not re-exported.
 */
export function assertNonNegativeMatrix(matrix: DenseMatrix, what = 'matrix'): void {
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const values = matrix.values;
  if (values.length !== m * n) {
    throw new ShapeMismatchError(`${what} has ${values.length} values, expected ${m} × ${n} = ${m * n}`, {
      rows: m,
      columns: n,
      values: values.length,
    });
  }
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < 0 || v === Infinity) throwInvalidCell(matrix, k, what);
  }
}

/**
 * Internal: throws the InvalidInputError of {@link assertNonNegativeMatrix} for the value at flat index k (row-major),
 * so that kernels fusing the check into their own pass report the same cell with the same message.
 */
export function throwInvalidCell(matrix: DenseMatrix, k: number, what = 'matrix'): never {
  const n = matrix.columns.length;
  const v = matrix.values[k];
  const r = Math.floor(k / n);
  const c = k - r * n;
  throw new InvalidInputError(
    `${what}: value ${v} at row ${matrix.rows[r]}, column ${matrix.columns[c]} must be a finite number ≥ 0 (or NaN for missing)`,
    { row: matrix.rows[r], column: matrix.columns[c], rowIndex: r, columnIndex: c, value: v },
  );
}

/**
 * Checks a vector (regional totals, reference totals, plant sizes…): length as expected (when given) and every
 * value NaN or finite and ≥ 0. `labels` name the offending entry in the error. Internal to the core.
 */
export function assertNonNegativeVector(
  values: ArrayLike<number>,
  what: string,
  expectedLength?: number,
  labels?: readonly string[],
): void {
  if (expectedLength !== undefined && values.length !== expectedLength) {
    throw new ShapeMismatchError(`${what} has ${values.length} values, expected ${expectedLength}`, {
      what,
      length: values.length,
      expected: expectedLength,
    });
  }
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== 'number' || v < 0 || v === Infinity) {
      const name = labels ? labels[k] : `#${k}`;
      throw new InvalidInputError(`${what}: value ${String(v)} at ${name} must be a finite number ≥ 0 (or NaN for missing)`, {
        what,
        index: k,
        label: name,
        value: v,
      });
    }
  }
}
