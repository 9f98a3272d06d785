import type { PreparedPresence } from './prepare-presence.js';

/** Rows of the count matrix accumulated per pass: 64 rows × 1,000 industries × 4 bytes stay in L2. */
const blockRows = 64;

/**
 * Internal: the upper triangle (j ≥ i, diagonal included) of the co-occurrence counts C = MᵀM over the usable
 * rows, as an I × I row-major Int32Array (the lower triangle is left 0). C[i,i] is the ubiquity of i.
 *
 * Work Σ_r k_r² / 2 from the per-region lists of present industries (M is binary and sparse), in passes over
 * blocks of count rows so that the block being incremented stays in cache.
 */
export function coOccurrenceCounts(prepared: PreparedPresence): Int32Array {
  const { R, I, rowStart, presentColumns } = prepared;
  const counts = new Int32Array(I * I);
  // cursor[r]: first position in row r's list whose industry is not below the current block
  const cursor = new Int32Array(R);
  for (let r = 0; r < R; r++) cursor[r] = rowStart[r];
  for (let i0 = 0; i0 < I; i0 += blockRows) {
    const i1 = Math.min(I, i0 + blockRows);
    for (let r = 0; r < R; r++) {
      const end = rowStart[r + 1];
      let a = cursor[r];
      for (; a < end; a++) {
        const i = presentColumns[a];
        if (i >= i1) break;
        const row = i * I;
        for (let b = a; b < end; b++) counts[row + presentColumns[b]]++;
      }
      cursor[r] = a;
    }
  }
  return counts;
}
