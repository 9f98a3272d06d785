import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/**
 * Internal: throws InvalidInputError naming the first negative (or infinite) cell of a matrix.
 * NaN is allowed (missing data). Not part of the public surface.
 */
export function assertNonNegativeMatrix(m: DenseMatrix, what: string): void {
  const rows = m.rows.length;
  const columns = m.columns.length;
  const v = m.values;
  if (v.length !== rows * columns) {
    throw new ShapeMismatchError(`${what} has ${v.length} values, expected ${rows} × ${columns}`, { what });
  }
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (x < 0 || x === Infinity) {
      const r = Math.floor(k / columns);
      const c = k - r * columns;
      throw new InvalidInputError(`${what}: value ${x} at row ${m.rows[r]}, column ${m.columns[c]} is not a finite non-negative number`, {
        what,
        row: m.rows[r],
        column: m.columns[c],
        value: x,
      });
    }
  }
}

/** Internal: throws InvalidInputError naming the first negative (or infinite) entry of a vector. */
export function assertNonNegativeVector(v: ArrayLike<number>, labels: readonly string[], what: string): void {
  if (v.length !== labels.length) {
    throw new ShapeMismatchError(`${what} has ${v.length} values, expected ${labels.length}`, { what, expected: labels.length, actual: v.length });
  }
  for (let k = 0; k < v.length; k++) {
    const x = v[k];
    if (x < 0 || x === Infinity) {
      throw new InvalidInputError(`${what}: value ${x} for ${labels[k]} is not a finite non-negative number`, { what, column: labels[k], value: x });
    }
  }
}

/** Internal: throws ShapeMismatchError unless two matrices have the same row and column labels. */
export function assertSameShape(a: DenseMatrix, b: DenseMatrix, what: string): void {
  const same =
    a.rows.length === b.rows.length &&
    a.columns.length === b.columns.length &&
    a.rows.every((r, k) => r === b.rows[k]) &&
    a.columns.every((c, k) => c === b.columns[k]);
  if (!same) {
    throw new ShapeMismatchError(`${what}: rows and columns must match (same labels, same order)`, {
      what,
      rows: [a.rows.length, b.rows.length],
      columns: [a.columns.length, b.columns.length],
    });
  }
}
