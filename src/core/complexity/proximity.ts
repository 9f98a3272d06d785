import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { preparePresence } from './prepare-presence.js';
import { coOccurrenceCounts } from './co-occurrence-counts.js';

/** Side of the square tiles in which φ and its mirror image are written. */
const proximityTile = 32;

/**
 * Product-space proximity φ (Hidalgo et al. 2007): φ[i,j] = min(P(M_i | M_j), P(M_j | M_i))
 * = Σ_r M_ri M_rj / max(u_i, u_j), the minimum of the two conditional probabilities of co-specialisation.
 *
 * Returns an industries × industries DenseMatrix (symmetric, values 0–1, φ[i,i] = 1 for present industries).
 * Missing data: rows holding NaN are left out. An industry present nowhere (u = 0) has φ = 0 with every
 * present industry and NaN (0/0) with itself and other absent industries.
 *
 * @example proximity(presenceMatrix(employment)).values[i * n + j]
 * @see ../../../docs/methods/relatedness.md
 */
export function proximity(M: DenseMatrix): DenseMatrix {
  const prepared = preparePresence(M);
  const { I, ubiquity } = prepared;
  // upper triangle (j ≥ i) of MᵀM over the usable rows, diagonal = ubiquity
  const counts = coOccurrenceCounts(prepared);
  const phi = new Float64Array(I * I);
  // in tiles of 32 × 32, so that the mirrored writes phi[j, i] stay within a few cache lines per tile
  for (let i0 = 0; i0 < I; i0 += proximityTile) {
    const i1 = Math.min(I, i0 + proximityTile);
    for (let j0 = i0; j0 < I; j0 += proximityTile) {
      const j1 = Math.min(I, j0 + proximityTile);
      for (let i = i0; i < i1; i++) {
        const ui = ubiquity[i];
        const row = i * I;
        for (let j = j0 > i ? j0 : i; j < j1; j++) {
          const uj = ubiquity[j];
          const denominator = ui > uj ? ui : uj;
          const value = denominator === 0 ? NaN : counts[row + j] / denominator;
          phi[row + j] = value;
          phi[j * I + i] = value;
        }
      }
    }
  }
  return { rows: M.columns, columns: M.columns, values: phi };
}
