import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import { coOccurrenceCounts } from './co-occurrence-counts.js';

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
  const prepared = preparePresence(M);
  const I = prepared.I;
  const upper = coOccurrenceCounts(prepared);
  const c = new Float64Array(I * I);
  for (let i = 0; i < I; i++) {
    const row = i * I;
    if (diagonal === 'keep') c[row + i] = upper[row + i];
    for (let j = i + 1; j < I; j++) {
      const value = upper[row + j];
      c[row + j] = value;
      c[j * I + i] = value;
    }
  }
  return { rows: M.columns, columns: M.columns, values: c };
}
