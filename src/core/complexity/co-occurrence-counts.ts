import type { PreparedPresence } from './prepare-presence.js';

/**
 * Internal: the upper triangle (j ≥ i, diagonal included) of the co-occurrence counts C = MᵀM over the usable
 * rows, as an I × I row-major Int32Array (the lower triangle is left 0). C[i,i] is the ubiquity of i.
 *
 * Packed exact integer sums: industries are taken in order of ascending ubiquity (ties by index) and cut into
 * groups of up to 8 consecutive ones; each region's presence in group g is packed into one float64,
 * P[g, r] = Σ_t M[r, member t] · 2^(bits_g·t), where 2^bits_g exceeds the ubiquity of every member (hence every
 * count C[a, b] with b in the group) and bits_g · members ≤ 53, so that a sum of such values over any set of regions
 * is an exact integer whose bit fields are the separate counts. Then C[a, member t] = field t of
 * Σ_{r : M[r,a] = 1} P[g, r]: per industry a and group g at or after it one register sum over the regions where a is
 * present (the row P[g, ·] stays in cache) instead of Σ_r k_r²/2 scattered increments. Each pair is summed over
 * the regions of its less ubiquitous member, and rare industries share values with more others (narrower fields).
 * Integer-exact, so the counts are those of the direct definition.
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
  // Groups of consecutive positions with their own field width: a field of group g counts pairs (a, b) with b in g,
  // so it is at most u_b ≤ the ubiquity of g's last (most ubiquitous) member; the rarer industries get narrower
  // fields and so more of them share a packed value (up to 8; bits · members ≤ 53 keeps every sum exact).
  const groupStart: number[] = [];
  const groupBits: number[] = [];
  for (let a = 0; a < I; ) {
    groupStart.push(a);
    let members = 0;
    let bits = 1;
    while (a < I && members < 8) {
      let need = 1;
      while (2 ** need <= ubiquity[order[a]]) need++;
      const width = need > bits ? need : bits;
      if ((members + 1) * width > 53) break;
      bits = width;
      members++;
      a++;
    }
    groupBits.push(bits);
  }
  const groups = groupStart.length;
  groupStart.push(I);
  const groupOf = new Int32Array(I);
  const fieldValue = new Float64Array(I);
  for (let g = 0; g < groups; g++) {
    for (let a = groupStart[g]; a < groupStart[g + 1]; a++) {
      groupOf[a] = g;
      fieldValue[a] = 2 ** (groupBits[g] * (a - groupStart[g]));
    }
  }
  const packed = new Float64Array(groups * R);
  for (let r = 0; r < R; r++) {
    const end = rowStart[r + 1];
    for (let q = rowStart[r]; q < end; q++) {
      const a = position[presentColumns[q]];
      packed[groupOf[a] * R + r] += fieldValue[a];
    }
  }
  for (let g = 0; g < groups; g++) {
    const b0 = groupStart[g];
    const b1 = groupStart[g + 1];
    const base = 2 ** groupBits[g];
    const inverseBase = 1 / base;
    const row = packed.subarray(g * R, g * R + R);
    // positions a ≤ the group's last position: the pairs (a, b) of the group with b ≥ a
    for (let a = 0; a < b1; a++) {
      const i = order[a];
      let s = 0;
      const end = colStart[i + 1];
      for (let q = colStart[i]; q < end; q++) s += row[regions[q]];
      for (let b = b0; b < b1; b++) {
        // field extraction without the slow floating-point %: s < 2^53 and base is a power of 2, so q, q·base and
        // the difference are exact
        const quotient = Math.floor(s * inverseBase);
        const c = s - quotient * base;
        s = quotient;
        if (b < a) continue;
        const j = order[b];
        if (i <= j) counts[i * I + j] = c;
        else counts[j * I + i] = c;
      }
    }
  }
  return counts;
}
