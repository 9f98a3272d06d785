import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { rcaMargins } from './revealed-comparative-advantage.js';

export interface PresenceMatrixOptions {
  /** RCA threshold: M = 1 when RCA ≥ threshold (default 1, as EconGeo and py-ecomplexity). */
  readonly threshold?: number;
}

/** Defaults of {@link presenceMatrix}. */
export const presenceMatrixDefaults: Readonly<{ threshold: number }> = Object.freeze({ threshold: 1 });

/**
 * Binary presence (specialisation) matrix M[r,i] = 1 if RCA[r,i] ≥ threshold else 0, with Balassa's revealed
 * comparative advantage RCA = (x_ri/x_r·)/(x_·i/x_··) (= the location quotient).
 *
 * Missing data: a region (row) holding NaN is left out of the reference area (industry and grand totals are
 * taken over the complete rows) and its M row is NaN; the complexity functions then report it as MISSING_ROWS.
 * A cell whose RCA is undefined only because its region or industry total is zero (an empty row or column)
 * gets M = 0: nothing is present there; empty rows and columns are then dropped, with diagnostics, by the
 * complexity functions. Negative values throw InvalidInputError naming row and column.
 *
 * @example presenceMatrix(employment).values // 0/1 per region × industry
 * @see ../../../docs/methods/economic-complexity.md
 */
export function presenceMatrix(x: DenseMatrix, options: PresenceMatrixOptions = {}): DenseMatrix {
  const threshold = options.threshold ?? presenceMatrixDefaults.threshold;
  if (!(threshold > 0) || !Number.isFinite(threshold)) {
    throw new InvalidInputError(`threshold must be a positive finite number, got ${String(threshold)}`, { option: 'threshold' });
  }
  // M straight from the RCA margins, without materialising RCA: each cell's RCA is the same expression as in
  // revealedComparativeAdvantage (so the same threshold decisions), and a row holding NaN is found in the same pass
  const R = x.rows.length;
  const I = x.columns.length;
  const v = x.values;
  const { rowTotal, colTotal, total } = rcaMargins(x);
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    const rt = rowTotal[r];
    let nanRow = false;
    for (let i = 0; i < I; i++) {
      const value = v[base + i];
      if (value !== value) nanRow = true;
      const denominator = rt * colTotal[i];
      // NaN RCA (a zero margin) compares false: nothing present
      out[base + i] = denominator === 0 || Number.isNaN(denominator) ? 0 : (value * total) / denominator >= threshold ? 1 : 0;
    }
    if (nanRow) out.fill(NaN, base, base + I);
  }
  return { rows: x.rows, columns: x.columns, values: out };
}

/** Internal: M = 1[RCA ≥ threshold] from an RCA matrix already computed for x; rows of x holding NaN give NaN rows. */
export function presenceFromRca(x: DenseMatrix, rcaMatrix: DenseMatrix, threshold: number): DenseMatrix {
  const R = x.rows.length;
  const I = x.columns.length;
  const rca = rcaMatrix.values;
  const v = x.values;
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    let nanRow = false;
    for (let i = 0; i < I; i++) {
      if (Number.isNaN(v[base + i])) {
        nanRow = true;
        break;
      }
    }
    if (nanRow) {
      out.fill(NaN, base, base + I);
      continue;
    }
    for (let i = 0; i < I; i++) out[base + i] = rca[base + i] >= threshold ? 1 : 0; // NaN RCA here means a zero margin: nothing present
  }
  return { rows: x.rows, columns: x.columns, values: out };
}
