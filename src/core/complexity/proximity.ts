import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { preparePresence } from './prepare-presence.js';

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
  const p = preparePresence(M);
  const { R, I, m, usableRow, ubiquity } = p;
  const c = new Float64Array(I * I);
  const present = new Int32Array(I);
  for (let r = 0; r < R; r++) {
    if (!usableRow[r]) continue;
    let n = 0;
    const base = r * I;
    for (let i = 0; i < I; i++) if (m[base + i] === 1) present[n++] = i;
    for (let a = 0; a < n; a++) {
      const row = present[a] * I;
      for (let b = a; b < n; b++) c[row + present[b]] += 1;
    }
  }
  const phi = new Float64Array(I * I);
  for (let i = 0; i < I; i++) {
    for (let j = i; j < I; j++) {
      const denominator = Math.max(ubiquity[i], ubiquity[j]);
      const value = denominator === 0 ? NaN : c[i * I + j] / denominator;
      phi[i * I + j] = value;
      phi[j * I + i] = value;
    }
  }
  return { rows: M.columns, columns: M.columns, values: phi };
}
