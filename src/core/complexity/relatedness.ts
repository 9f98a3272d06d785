import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';

export type RelatednessMeasure = 'probability' | 'association' | 'cosine' | 'jaccard';

export interface RelatednessOptions {
  /** Normalisation (default 'probability', EconGeo's default "prob"). */
  readonly measure?: RelatednessMeasure;
}

/** Defaults of {@link relatedness}. */
export const relatednessDefaults: Readonly<{ measure: RelatednessMeasure }> = Object.freeze({ measure: 'probability' });

/**
 * Relatedness from a co-occurrence matrix, normalised as in EconGeo `relatedness` (van Eck & Waltman 2009;
 * Steijn's probability index). With C's diagonal set to 0, S_i = Σ_j C_ij, T = Σ_ij C_ij:
 * - probability: C_ij / [ (S_i S_j / (T (T − S_j)) + S_i S_j / (T (T − S_i))) · T/2 ]
 * - association: C_ij T / (S_i S_j)
 * - cosine: C_ij / √(S_i S_j)
 * - jaccard: C_ij / (S_i + S_j − C_ij)
 *
 * Output: industries × industries, diagonal 0 (as EconGeo). Zero denominators give NaN (EconGeo returns 0 there);
 * NaN in → NaN out. Negative counts throw InvalidInputError naming row and column; a non-square C throws
 * ShapeMismatchError.
 *
 * @example relatedness(coOccurrence(M), { measure: 'jaccard' })
 * @see ../../../docs/methods/relatedness.md
 */
export function relatedness(cooccurrence: DenseMatrix, options: RelatednessOptions = {}): DenseMatrix {
  const measure = options.measure ?? relatednessDefaults.measure;
  if (measure !== 'probability' && measure !== 'association' && measure !== 'cosine' && measure !== 'jaccard') {
    throw new InvalidInputError(`unknown measure ${String(measure)}`, { option: 'measure' });
  }
  const n = cooccurrence.rows.length;
  if (cooccurrence.columns.length !== n || cooccurrence.values.length !== n * n) {
    throw new ShapeMismatchError(`co-occurrence matrix must be square, got ${n} × ${cooccurrence.columns.length}`, { rows: n, columns: cooccurrence.columns.length });
  }
  const c = new Float64Array(cooccurrence.values);
  for (let i = 0; i < n; i++) {
    c[i * n + i] = 0;
    for (let j = 0; j < n; j++) {
      const x = c[i * n + j];
      if (x < 0 || x === Infinity) {
        throw new InvalidInputError(`co-occurrence ${x} at row ${cooccurrence.rows[i]}, column ${cooccurrence.columns[j]} is not a finite non-negative count`, {
          row: cooccurrence.rows[i],
          column: cooccurrence.columns[j],
          value: x,
        });
      }
    }
  }
  const S = new Float64Array(n);
  let T = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += c[j * n + i];
    S[i] = s;
    T += s;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const x = c[i * n + j];
      const si = S[i];
      const sj = S[j];
      let denominator: number;
      if (measure === 'probability') denominator = ((si * sj) / (T * (T - sj)) + (si * sj) / (T * (T - si))) * (T / 2);
      else if (measure === 'association') denominator = (si * sj) / T;
      else if (measure === 'cosine') denominator = Math.sqrt(si * sj);
      else denominator = si + sj - x;
      out[i * n + j] = denominator === 0 || !Number.isFinite(denominator) ? NaN : x / denominator;
    }
  }
  return { rows: cooccurrence.rows, columns: cooccurrence.columns, values: out };
}
