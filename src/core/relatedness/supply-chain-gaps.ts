import { ShapeMismatchError } from '../errors.js';

/**
 * Supply-chain gap score of each input (supplier cluster or industry) of a region's cluster:
 * gap_j = a_j × (1 − LQ_j) when LQ_j < 1, else 0 (no gap), where a_j is the share of the cluster's inputs bought
 * from j (national input–output coefficients) and LQ_j the region's location quotient in j. Large when the
 * cluster buys much from j and the region has little of j.
 *
 * Missing data: NaN share or NaN LQ → NaN (unknown, not "no gap"). Arrays of different lengths throw
 * ShapeMismatchError.
 *
 * @example supplyChainGaps([0.3, 0.1], [0.5, 2]) // → [0.15, 0]
 * @see docs/methods/supply-chain-gaps.md
 */
export function supplyChainGaps(inputShare: ArrayLike<number>, lq: ArrayLike<number>): Float64Array {
  const n = inputShare.length;
  if (lq.length !== n) throw new ShapeMismatchError(`inputShare has ${n} values but lq ${lq.length}`);
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = inputShare[j];
    const q = lq[j];
    if (Number.isNaN(a) || Number.isNaN(q)) out[j] = NaN;
    else out[j] = q < 1 ? a * (1 - q) : 0;
  }
  return out;
}
