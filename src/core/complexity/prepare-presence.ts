import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** A warning about rows or columns left out of a complexity computation. Returned, never logged. */
export interface ComplexityDiagnostic {
  readonly code: 'MISSING_ROWS' | 'EMPTY_ROWS' | 'EMPTY_COLUMNS' | 'AMBIGUOUS_SIGN' | 'DEGENERATE_SPECTRUM' | 'DISCONNECTED';
  readonly message: string;
  /** Row or column labels concerned (empty for whole-matrix diagnostics). */
  readonly labels: readonly string[];
}

/** Internal: a checked binary presence matrix with its margins over the usable rows. */
export interface PreparedPresence {
  readonly R: number;
  readonly I: number;
  readonly m: Float64Array;
  /** 1 when the row has no NaN. */
  readonly usableRow: Uint8Array;
  /** Row sums (NaN for rows with NaN). */
  readonly diversity: Float64Array;
  /** Column sums over the usable rows. */
  readonly ubiquity: Float64Array;
  /** CSR of the ones: row r's present industries, ascending, are presentColumns[rowStart[r] .. rowStart[r + 1]) (empty for unusable rows). */
  readonly rowStart: Int32Array;
  readonly presentColumns: Int32Array;
  readonly diagnostics: ComplexityDiagnostic[];
}

/**
 * Internal: checks that every value of M is 0, 1 or NaN (InvalidInputError naming row and column otherwise),
 * marks rows holding NaN as missing, and computes diversity, ubiquity and the sparse (CSR) list of ones per row,
 * in one row-major pass.
 */
export function preparePresence(M: DenseMatrix): PreparedPresence {
  const R = M.rows.length;
  const I = M.columns.length;
  const m = M.values;
  if (m.length !== R * I) throw new ShapeMismatchError(`matrix has ${m.length} values, expected ${R} × ${I}`, { rows: R, columns: I });
  const usableRow = new Uint8Array(R);
  const diversity = new Float64Array(R);
  const ubiquity = new Float64Array(I);
  const rowStart = new Int32Array(R + 1);
  let presentColumns = new Int32Array(Math.max(16, (R * I) >> 3));
  let nnz = 0;
  const missing: string[] = [];
  for (let r = 0; r < R; r++) {
    let ok = 1;
    const base = r * I;
    if (nnz + I > presentColumns.length) {
      const grown = new Int32Array(Math.max(presentColumns.length * 2, nnz + I));
      grown.set(presentColumns.subarray(0, nnz));
      presentColumns = grown;
    }
    const first = nnz;
    for (let i = 0; i < I; i++) {
      const x = m[base + i];
      // x·(x − 1) is 0 exactly for 0 and 1: one rarely taken branch for NaN and invalid values, and the column is
      // written unconditionally and kept by advancing nnz by x (0 or 1), so random ones cost no mispredictions
      if (x * (x - 1) !== 0) {
        if (Number.isNaN(x)) {
          ok = 0;
          continue;
        }
        throw new InvalidInputError(`presence matrix must hold 0, 1 or NaN; got ${x} at row ${M.rows[r]}, column ${M.columns[i]}`, {
          row: M.rows[r],
          column: M.columns[i],
          value: x,
        });
      }
      presentColumns[nnz] = i;
      nnz = (nnz + x) | 0;
    }
    usableRow[r] = ok;
    if (ok) {
      diversity[r] = nnz - first;
      for (let q = first; q < nnz; q++) ubiquity[presentColumns[q]] += 1;
    } else {
      diversity[r] = NaN;
      nnz = first;
      missing.push(M.rows[r]);
    }
    rowStart[r + 1] = nnz;
  }
  const diagnostics: ComplexityDiagnostic[] = [];
  if (missing.length > 0) {
    diagnostics.push({ code: 'MISSING_ROWS', message: `${missing.length} row(s) hold NaN and were left out`, labels: missing });
  }
  return { R, I, m, usableRow, diversity, ubiquity, rowStart, presentColumns: presentColumns.subarray(0, nnz), diagnostics };
}
