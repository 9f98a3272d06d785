import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { krugmanSpecialization } from './krugman-specialization.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Defaults of {@link durantonPugaDiversity}: totals from the input itself, missing cells propagate. */
export const DURANTON_PUGA_DIVERSITY_DEFAULTS: Readonly<MarginOptions> = Object.freeze({ missing: 'propagate' });

/**
 * Duranton–Puga relative diversity index (RDI) of each region: RDI[r] = 1 / Σ_i |s[r,i] − s[i]| = 1 / Krugman.
 * Range [0.5, ∞): higher means the region's structure is closer to the reference area's (REAT `durpug`;
 * Duranton & Puga 2000).
 *
 * A region identical to the reference area has Σ = 0: 1/0 → NaN by the core's convention (mathematically +∞).
 * Missing data and options as {@link krugmanSpecialization}.
 *
 * @example
 * durantonPugaDiversity(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [2, 3]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/duranton-puga-diversity.md
 */
export function durantonPugaDiversity(matrix: DenseMatrix, options: MarginOptions = {}): Float64Array {
  const k = krugmanSpecialization(matrix, options);
  for (let r = 0; r < k.length; r++) k[r] = k[r] > 0 ? 1 / k[r] : NaN;
  return k;
}
