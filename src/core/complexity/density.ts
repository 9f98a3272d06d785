import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import type { PreparedPresence } from './prepare-presence.js';
import { proximity as computeProximity } from './proximity.js';
import { densityKernelInstance } from '../wasm/density-kernel-instance.js';

/**
 * Industries per column block of the density kernel: eight accumulators held in registers, and a block's weights
 * (1,000 industries × 8 × 8 bytes = 64 KB, one 64-byte line per present industry) stay in L2.
 */
const densityBlock = 8;

export type DensitySelfTerm = 'include' | 'exclude';

export interface DensityOptions {
  /** Industry × industry relatedness; default: proximity φ of M. Must have M's columns as rows and columns. */
  readonly proximity?: DenseMatrix;
  /** 'include' (default, Atlas/py-ecomplexity): j = i counts, φ[i,i] = 1; 'exclude' (EconGeo): j ≠ i only. */
  readonly selfTerm?: DensitySelfTerm;
  /** Multiply the share by this (default 1: range 0–1; EconGeo uses 100). */
  readonly scale?: number;
}

/** Defaults of {@link density}: Atlas / py-ecomplexity conventions. */
export const densityDefaults: Readonly<{ selfTerm: DensitySelfTerm; scale: number }> = Object.freeze({ selfTerm: 'include', scale: 1 });

/**
 * Density (relatedness density) d[r,i] = Σ_j φ[i,j] M[r,j] / Σ_j φ[i,j]: the share of industry i's related
 * industries, weighted by proximity, that region r already has (Hidalgo et al. 2007).
 *
 * Default includes the self term φ[i,i] = 1 and returns 0–1 (py-ecomplexity). EconGeo's
 * `relatedness.density` excludes the self term and is 0–100: `{ selfTerm: 'exclude', scale: 100 }`
 * (EconGeo then rounds to 2 decimals; we do not). Missing data: a region holding NaN gets a NaN row;
 * Σ_j φ[i,j] = 0 (or NaN, for an industry present nowhere) gives NaN for column i.
 *
 * @example density(M).values[r * industries + i]
 * @see ../../../docs/methods/relatedness.md
 */
export function density(M: DenseMatrix, options: DensityOptions = {}): DenseMatrix {
  const selfTerm = options.selfTerm ?? densityDefaults.selfTerm;
  const scale = options.scale ?? densityDefaults.scale;
  if (selfTerm !== 'include' && selfTerm !== 'exclude') throw new InvalidInputError(`unknown selfTerm ${String(selfTerm)}`, { option: 'selfTerm' });
  if (!Number.isFinite(scale)) throw new InvalidInputError(`scale must be finite, got ${scale}`, { option: 'scale' });
  const p = preparePresence(M);
  const { R, I, usableRow } = p;
  const phi = options.proximity ?? computeProximity(M);
  if (phi.rows.length !== I || phi.columns.length !== I || phi.values.length !== I * I) {
    throw new ShapeMismatchError(`proximity must be ${I} × ${I} (the industries of M)`, { industries: I, rows: phi.rows.length, columns: phi.columns.length });
  }
  const f = phi.values;
  const exclude = selfTerm === 'exclude';
  // weights[i, j] = φ[i,j] / Σ_k φ[i,k], stored transposed in column blocks of 8 industries (zero-padded to a whole
  // block): block b holds, for each j, the 8 weights of industries 8b … 8b + 7 contiguously, so each present
  // industry j of a region adds one cache line into 8 register accumulators (see densityKernel)
  const blocks = Math.ceil(I / densityBlock);
  const blockSize = I * densityBlock;
  const weights = new Float64Array(blocks * blockSize);
  const undefinedColumn = new Uint8Array(I);
  for (let i = 0; i < I; i++) {
    let total = 0;
    const row = i * I;
    if (exclude) {
      for (let j = 0; j < I; j++) if (j !== i) total += f[row + j];
    } else {
      for (let j = 0; j < I; j++) total += f[row + j];
    }
    if (total === 0 || Number.isNaN(total)) undefinedColumn[i] = 1;
    const factor = scale / total;
    const offset = Math.floor(i / densityBlock) * blockSize + (i % densityBlock);
    for (let j = 0; j < I; j++) weights[offset + j * densityBlock] = f[row + j] * factor;
    if (exclude) weights[offset + i * densityBlock] = 0;
  }
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) if (!usableRow[r]) out.fill(NaN, r * I, r * I + I);
  // Four Russians: the industries, in order of ascending ubiquity, are cut into chunks of 4; a region's presence in
  // a chunk is a 4-bit mask, and each column block gets a table of the 15 non-empty subset sums of every chunk's
  // weight rows, so a region adds one table row per chunk where it has something instead of one row per present
  // industry (on the county-scale benchmark 113 rows instead of 173 per region: presence clusters by ubiquity).
  // The sums are regrouped, so the result differs from the plain order by rounding only (≈ 1e-16 relative).
  const order = ubiquityOrder(p.ubiquity);
  const { entryStart, entries } = chunkMasks(p, order);
  const chunks = Math.ceil(I / densityChunk);
  const tableLength = chunks * densityMasks * densityBlock;
  // the same kernel in WebAssembly SIMD where available (two columns per instruction, bit-for-bit the same sums)
  const wasm = densityKernelInstance(tableLength, entries, entryStart, R);
  const table = wasm?.table ?? new Float64Array(tableLength);
  for (let b = 0; b < blocks; b++) {
    const wb = weights.subarray(b * blockSize, (b + 1) * blockSize);
    subsetSums(table, wb, order, chunks);
    if (wasm === null) densityKernel(out, I, b * densityBlock, table, R, usableRow, entryStart, entries);
    else {
      wasm.run();
      copyBlock(out, I, b * densityBlock, wasm.partial, R, usableRow);
    }
  }
  // an industry whose weights are undefined (Σφ = 0 or NaN) is NaN even where the region has none of its relatives
  for (let i = 0; i < I; i++) {
    if (!undefinedColumn[i]) continue;
    for (let r = 0; r < R; r++) out[r * I + i] = NaN;
  }
  return { rows: M.rows, columns: M.columns, values: out };
}

/** Industries per chunk of the subset-sum tables (2^4 = 16 subsets: 1 KB of table per chunk and column block). */
const densityChunk = 4;
const densityMasks = 1 << densityChunk;

/**
 * Internal: the industries (columns) in order of ascending ubiquity, ties by index (presence clusters along this
 * order, so regions' chunk masks are fuller and fewer).
 */
function ubiquityOrder(ubiquity: Float64Array): Int32Array {
  return Int32Array.from({ length: ubiquity.length }, (_, i) => i).sort((a, b) => ubiquity[a] - ubiquity[b] || a - b);
}

/**
 * Internal: for each usable region, its non-empty chunks in ascending order, each entry the offset
 * (chunk · 16 + mask) · 8 of its row in a subset-sum table (see subsetSums); CSR by region.
 */
function chunkMasks(p: PreparedPresence, order: Int32Array): { entryStart: Int32Array; entries: Int32Array } {
  const { R, I, usableRow, rowStart, presentColumns } = p;
  const chunk = densityChunk;
  const position = new Int32Array(I);
  for (let a = 0; a < I; a++) position[order[a]] = a;
  const chunks = Math.ceil(I / chunk);
  const masks = new Int32Array(chunks);
  const entryStart = new Int32Array(R + 1);
  // at most one entry per present industry
  const entries = new Int32Array(presentColumns.length);
  let k = 0;
  for (let r = 0; r < R; r++) {
    if (usableRow[r]) {
      const end = rowStart[r + 1];
      for (let q = rowStart[r]; q < end; q++) {
        const a = position[presentColumns[q]];
        const c = (a / chunk) | 0;
        masks[c] |= 1 << (a - c * chunk);
      }
      for (let c = 0; c < chunks; c++) {
        if (masks[c] !== 0) {
          entries[k++] = (c * (1 << chunk) + masks[c]) * densityBlock;
          masks[c] = 0;
        }
      }
    }
    entryStart[r + 1] = k;
  }
  return { entryStart, entries: entries.subarray(0, k) };
}

/**
 * Internal: table[(c · 16 + mask) · 8 + t] = Σ_{bits k of mask} wb[8 · order[4c + k] + t], the sums of the weight rows
 * of every subset of chunk c (industries at positions 4c … 4c + 3 of the ubiquity order), each built from the
 * subset without its lowest bit. Row 0 of every chunk stays 0 and is never read.
 */
function subsetSums(table: Float64Array, wb: Float64Array, order: Int32Array, chunks: number): void {
  const I = order.length;
  for (let c = 0; c < chunks; c++) {
    const base = c * densityMasks * densityBlock;
    for (let mask = 1; mask < densityMasks; mask++) {
      const low = 31 - Math.clz32(mask & -mask);
      const a = c * densityChunk + low;
      const target = base + mask * densityBlock;
      if (a >= I) {
        table.fill(0, target, target + densityBlock); // a bit past the last industry: never set in a region's mask
        continue;
      }
      const source = base + (mask & (mask - 1)) * densityBlock;
      const w = order[a] * densityBlock;
      for (let t = 0; t < densityBlock; t++) table[target + t] = table[source + t] + wb[w + t];
    }
  }
}

/**
 * Internal: out[r, c0 + t] = Σ_{entries e of r} table[e + t] for t < 8 (and c0 + t < I), every usable region r: one
 * column block of the density, summed in registers over the region's chunk entries, in ascending chunk order.
 */
function densityKernel(
  out: Float64Array,
  I: number,
  c0: number,
  wb: Float64Array,
  R: number,
  usableRow: Uint8Array,
  rowStart: Int32Array,
  list: Int32Array,
): void {
  const width = Math.min(8, I - c0);
  for (let r = 0; r < R; r++) {
    if (!usableRow[r]) continue;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    let s5 = 0;
    let s6 = 0;
    let s7 = 0;
    const end = rowStart[r + 1];
    for (let q = rowStart[r]; q < end; q++) {
      const a = list[q];
      s0 += wb[a];
      s1 += wb[a + 1];
      s2 += wb[a + 2];
      s3 += wb[a + 3];
      s4 += wb[a + 4];
      s5 += wb[a + 5];
      s6 += wb[a + 6];
      s7 += wb[a + 7];
    }
    const o = r * I + c0;
    if (width === 8) {
      out[o] = s0;
      out[o + 1] = s1;
      out[o + 2] = s2;
      out[o + 3] = s3;
      out[o + 4] = s4;
      out[o + 5] = s5;
      out[o + 6] = s6;
      out[o + 7] = s7;
    } else {
      out[o] = s0;
      if (width > 1) out[o + 1] = s1;
      if (width > 2) out[o + 2] = s2;
      if (width > 3) out[o + 3] = s3;
      if (width > 4) out[o + 4] = s4;
      if (width > 5) out[o + 5] = s5;
      if (width > 6) out[o + 6] = s6;
    }
  }
}

/** Internal: out[r, c0 + t] = partial[r · 8 + t] for t < 8 (and c0 + t < I), every usable region r. */
function copyBlock(out: Float64Array, I: number, c0: number, partial: Float64Array, R: number, usableRow: Uint8Array): void {
  const width = Math.min(densityBlock, I - c0);
  for (let r = 0; r < R; r++) {
    if (!usableRow[r]) continue;
    const o = r * I + c0;
    const q = r * densityBlock;
    for (let t = 0; t < width; t++) out[o + t] = partial[q + t];
  }
}
