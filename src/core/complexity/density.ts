import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import { proximity as computeProximity } from './proximity.js';
import { addRows } from './add-rows.js';

/** Industries per column block of the density kernel: 1,000 industries × 64 × 8 bytes stay in L2. */
const densityBlock = 64;

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
  // weights[i, j] = φ[i,j] / Σ_k φ[i,k], stored transposed and in column blocks (see blockedWeights) so that each
  // present industry j adds one short contiguous run per block and the block stays in cache across regions
  const weights = new Float64Array(I * I);
  const undefinedColumn = new Uint8Array(I);
  for (let i = 0; i < I; i++) {
    let total = 0;
    const row = i * I;
    for (let j = 0; j < I; j++) if (!exclude || j !== i) total += f[row + j];
    if (total === 0 || Number.isNaN(total)) undefinedColumn[i] = 1;
    const factor = scale / total;
    const block = i - (i % densityBlock);
    const width = Math.min(densityBlock, I - block);
    const offset = block * I + (i - block);
    for (let j = 0; j < I; j++) weights[offset + j * width] = exclude && j === i ? 0 : f[row + j] * factor;
  }
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) if (!usableRow[r]) out.fill(NaN, r * I, r * I + I);
  for (let block = 0; block < I; block += densityBlock) {
    const width = Math.min(densityBlock, I - block);
    const blockBase = block * I;
    for (let r = 0; r < R; r++) {
      if (!usableRow[r]) continue;
      const o = r * I + block;
      addRows(out, o, weights, blockBase, width, presentColumns, rowStart[r], rowStart[r + 1]);
    }
  }
  // an industry whose weights are undefined (Σφ = 0 or NaN) is NaN even where the region has none of its relatives
  for (let i = 0; i < I; i++) {
    if (!undefinedColumn[i]) continue;
    for (let r = 0; r < R; r++) out[r * I + i] = NaN;
  }
  return { rows: M.rows, columns: M.columns, values: out };
}

