import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { preparePresence } from './prepare-presence.js';

/**
 * Ubiquity k_p,0: the number of regions in which each industry is present, the column sums of the binary
 * presence matrix M.
 *
 * Count. Missing data: rows holding NaN are left out of the count (see `MISSING_ROWS` in the detailed
 * complexity functions). Values other than 0, 1, NaN throw InvalidInputError.
 *
 * @example ubiquity(presenceMatrix(employment)) // Float64Array, one count per industry
 * @see ../../../docs/methods/economic-complexity.md
 */
export function ubiquity(M: DenseMatrix): Float64Array {
  return preparePresence(M).ubiquity;
}
