import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import { proximity as computeProximity } from './proximity.js';

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
  const { R, I, m, usableRow } = p;
  const phi = options.proximity ?? computeProximity(M);
  if (phi.rows.length !== I || phi.columns.length !== I || phi.values.length !== I * I) {
    throw new ShapeMismatchError(`proximity must be ${I} × ${I} (the industries of M)`, { industries: I, rows: phi.rows.length, columns: phi.columns.length });
  }
  const f = phi.values;
  // wt[j,i] = φ[i,j] / Σ_k φ[i,k] (transposed so that each present industry j adds one contiguous row)
  const wt = new Float64Array(I * I);
  const undefinedColumn = new Uint8Array(I);
  for (let i = 0; i < I; i++) {
    let total = 0;
    for (let j = 0; j < I; j++) if (selfTerm === 'include' || j !== i) total += f[i * I + j];
    if (total === 0 || Number.isNaN(total)) undefinedColumn[i] = 1;
    const factor = scale / total;
    for (let j = 0; j < I; j++) wt[j * I + i] = selfTerm === 'exclude' && j === i ? 0 : f[i * I + j] * factor;
  }
  const out = new Float64Array(R * I);
  for (let r = 0; r < R; r++) {
    const base = r * I;
    if (!usableRow[r]) {
      out.fill(NaN, base, base + I);
      continue;
    }
    for (let j = 0; j < I; j++) {
      if (m[base + j] !== 1) continue;
      const row = j * I;
      for (let i = 0; i < I; i++) out[base + i] += wt[row + i];
    }
    // an industry whose weights are undefined (Σφ = 0 or NaN) is NaN even where the region has none of its relatives
    for (let i = 0; i < I; i++) if (undefinedColumn[i]) out[base + i] = NaN;
  }
  return { rows: M.rows, columns: M.columns, values: out };
}
