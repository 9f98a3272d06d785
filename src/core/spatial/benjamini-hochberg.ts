import { InvalidInputError } from '../errors.js';

/**
 * Benjamini–Hochberg (BH) false-discovery-rate adjusted p-values (q-values), as R `p.adjust(p, "BH")`:
 * with the m non-missing p-values sorted ascending, q_(i) = min_{j ≥ i} min(1, m p_(j) / j). Reject at FDR level α
 * where q ≤ α (the step-up rule; for local Moran pSim, the "FDR" option of GeoDa/esda).
 *
 * Missing data: NaN p-values stay NaN and do not count in m (as R). Values outside [0, 1] throw
 * InvalidInputError (INVALID_INPUT).
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.2]) // → [0.04, 0.0533…, 0.0533…, 0.2]
 * @see docs/methods/local-morans-i.md
 */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const n = pValues.length;
  const out = new Float64Array(n).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pValues[i];
    if (p !== p) continue;
    if (!(p >= 0 && p <= 1)) throw new InvalidInputError(`p-value ${i} must be in [0, 1], got ${p}`, { index: i, p });
    idx.push(i);
  }
  const m = idx.length;
  idx.sort((a, b) => pValues[a] - pValues[b] || a - b);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r];
    const p = pValues[i];
    let q = (m * p) / (r + 1);
    if (q < p) q = p; // m/(r + 1) ≥ 1: only rounding can make q < p
    if (q < running) running = q;
    out[i] = running;
  }
  return out;
}
