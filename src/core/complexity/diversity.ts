import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { preparePresence } from './prepare-presence.js';

/**
 * Diversity k_c,0: the number of industries in which each region is present, the row sums of the binary
 * presence matrix M (M = 1[RCA ≥ 1], see `presenceMatrix`).
 *
 * Count. Missing data: a row holding NaN gives NaN. Values other than 0, 1, NaN throw InvalidInputError.
 *
 * @example diversity(presenceMatrix(employment)) // Float64Array, one count per region
 * @see ../../../docs/methods/economic-complexity.md
 */
export function diversity(M: DenseMatrix): Float64Array {
  return preparePresence(M).diversity;
}
