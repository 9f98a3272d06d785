import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import { proximity as computeProximity } from './proximity.js';

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
  const { R, I, usableRow, rowStart, presentColumns } = p;
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
  for (let b = 0; b < blocks; b++) {
    densityKernel(out, I, b * densityBlock, weights.subarray(b * blockSize, (b + 1) * blockSize), R, usableRow, rowStart, presentColumns);
  }
  // an industry whose weights are undefined (Σφ = 0 or NaN) is NaN even where the region has none of its relatives
  for (let i = 0; i < I; i++) {
    if (!undefinedColumn[i]) continue;
    for (let r = 0; r < R; r++) out[r * I + i] = NaN;
  }
  return { rows: M.rows, columns: M.columns, values: out };
}


/**
 * Internal: out[r, c0 + t] = Σ_{j present in r} wb[8j + t] for t < 8 (and c0 + t < I), every usable region r: one
 * column block of the density, summed in registers over the region's list of present industries, in list order.
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
      const a = list[q] << 3;
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
