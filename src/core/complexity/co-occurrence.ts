import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';

export type CoOccurrenceDiagonal = 'zero' | 'keep';

export interface CoOccurrenceOptions {
  /** 'zero' (default, as EconGeo `co.occurrence(diagonal = FALSE)`) or 'keep' (the diagonal holds ubiquity). */
  readonly diagonal?: CoOccurrenceDiagonal;
}

/** Defaults of {@link coOccurrence}. */
export const coOccurrenceDefaults: Readonly<{ diagonal: CoOccurrenceDiagonal }> = Object.freeze({ diagonal: 'zero' });

/**
 * Industry co-occurrence C = MᵀM: C[i,j] = the number of regions in which industries i and j are both present.
 *
 * Input: a region × industry incidence matrix (binary presence; EconGeo's `co.occurrence(t(M))`). Output: an
 * industries × industries DenseMatrix of counts, diagonal zero by default. Missing data: rows holding NaN are left
 * out. Values other than 0, 1, NaN throw InvalidInputError.
 *
 * @example relatedness(coOccurrence(M), { measure: 'cosine' })
 * @see ../../../docs/methods/relatedness.md
 */
export function coOccurrence(M: DenseMatrix, options: CoOccurrenceOptions = {}): DenseMatrix {
  const diagonal = options.diagonal ?? coOccurrenceDefaults.diagonal;
  if (diagonal !== 'zero' && diagonal !== 'keep') throw new InvalidInputError(`unknown diagonal ${String(diagonal)}`, { option: 'diagonal' });
  const { R, I, m, usableRow } = preparePresence(M);
  const c = new Float64Array(I * I);
  const present = new Int32Array(I);
  for (let r = 0; r < R; r++) {
    if (!usableRow[r]) continue;
    let n = 0;
    for (let i = 0; i < I; i++) if (m[r * I + i] === 1) present[n++] = i;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        c[present[a] * I + present[b]] += 1;
        c[present[b] * I + present[a]] += 1;
      }
      if (diagonal === 'keep') c[present[a] * I + present[a]] += 1;
    }
  }
  return { rows: M.columns, columns: M.columns, values: c };
}
