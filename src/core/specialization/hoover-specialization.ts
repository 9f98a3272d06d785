import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { krugmanSpecialization } from './krugman-specialization.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Defaults of {@link hooverSpecialization}: totals from the input itself, missing cells propagate. */
export const HOOVER_SPECIALIZATION_DEFAULTS: Readonly<MarginOptions> = Object.freeze({ missing: 'propagate' });

/**
 * Hoover coefficient of specialisation (HCS) of each region: ½ Σ_i |s[r,i] − s[i]| = Krugman index / 2.
 * Range 0–1: the share of the region's employment that would have to change industry for the region to look
 * like the reference area (EconGeo `spec_coeff`; Hoover & Giarratani 1985, table 9-4).
 *
 * Missing data and reference-area options as {@link krugmanSpecialization}; a region with total 0 gives NaN.
 *
 * @example
 * hooverSpecialization(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))) // → [0.25, 0.1666…]
 * @returns one value per region (matrix.rows order)
 * @see docs/methods/hoover-specialization.md
 */
export function hooverSpecialization(matrix: DenseMatrix, options: MarginOptions = {}): Float64Array {
  const k = krugmanSpecialization(matrix, options);
  for (let r = 0; r < k.length; r++) k[r] *= 0.5;
  return k;
}
