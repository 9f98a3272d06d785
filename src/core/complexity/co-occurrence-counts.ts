import type { PreparedPresence } from './prepare-presence.js';

/**
 * Internal: the upper triangle (j ≥ i, diagonal included) of the co-occurrence counts C = MᵀM over the usable
 * rows, as an I × I row-major Int32Array (the lower triangle is left 0). C[i,i] is the ubiquity of i.
 *
 * Packed exact integer sums: the columns of M are grouped F at a time and each region's presence in a group is
 * packed into one float64, P[g, r] = Σ_t M[r, gF + t] · 2^(bits·t), with 2^bits > the number of usable regions and
 * bits · F ≤ 53 (F = 4 for up to 4,095 regions), so that a sum of such values over any set of regions is an exact
 * integer whose bit fields are the separate counts. Then C[i, gF + t] = field t of Σ_{r : M[r,i] = 1} P[g, r]: per
 * industry i and group g ≥ i/F one register sum over the regions where i is present (the row P[g, ·] stays in
 * cache), Σ_i u_i · (I − i)/F additions in all instead of Σ_r k_r²/2 scattered increments. Industries are taken in
 * order of ascending ubiquity (ties by index), so each pair is summed over the regions of its less ubiquitous
 * member (less work than index order when ubiquities differ). Integer-exact, so the counts are those of the direct definition.
 */
export function coOccurrenceCounts(prepared: PreparedPresence): Int32Array {
  const { R, I, rowStart, presentColumns, ubiquity } = prepared;
  const counts = new Int32Array(I * I);
  if (I === 0 || R === 0) return counts;
  // regions per industry (CSR by column, regions ascending), from the per-region lists of the usable rows
  const colStart = new Int32Array(I + 1);
  for (let i = 0; i < I; i++) colStart[i + 1] = colStart[i] + ubiquity[i];
  const fill = colStart.slice(0, I);
  const regions = new Int32Array(presentColumns.length);
  for (let r = 0; r < R; r++) {
    const end = rowStart[r + 1];
    for (let q = rowStart[r]; q < end; q++) regions[fill[presentColumns[q]]++] = r;
  }
  // position of each industry in ascending order of ubiquity, ties broken by index
  const order = Int32Array.from({ length: I }, (_, i) => i).sort((a, b) => ubiquity[a] - ubiquity[b] || a - b);
  const position = new Int32Array(I);
  for (let a = 0; a < I; a++) position[order[a]] = a;
  let bits = 1;
  while (2 ** bits <= R) bits++;
  const F = Math.max(1, Math.min(8, Math.floor(53 / bits)));
  const base = 2 ** bits;
  const groups = Math.ceil(I / F);
  const packed = new Float64Array(groups * R);
  const fieldValue = new Float64Array(F);
  for (let t = 0; t < F; t++) fieldValue[t] = 2 ** (bits * t);
  for (let r = 0; r < R; r++) {
    const end = rowStart[r + 1];
    for (let q = rowStart[r]; q < end; q++) {
      const a = position[presentColumns[q]];
      const g = Math.floor(a / F);
      packed[g * R + r] += fieldValue[a - g * F];
    }
  }
  for (let g = 0; g < groups; g++) {
    const b0 = g * F;
    const b1 = Math.min(I, b0 + F);
    const row = packed.subarray(g * R, g * R + R);
    // positions a ≤ the group's last position: the pairs (a, b) of the group with b ≥ a
    for (let a = 0; a < b1; a++) {
      const i = order[a];
      let s = 0;
      const end = colStart[i + 1];
      for (let q = colStart[i]; q < end; q++) s += row[regions[q]];
      for (let b = b0; b < b1; b++) {
        const c = s % base;
        s = (s - c) / base;
        if (b < a) continue;
        const j = order[b];
        if (i <= j) counts[i * I + j] = c;
        else counts[j * I + i] = c;
      }
    }
  }
  return counts;
}
