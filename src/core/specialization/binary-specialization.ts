import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { locationQuotient } from './location-quotient.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Options of {@link binarySpecialization}. */
export interface BinarySpecializationOptions extends MarginOptions {
  /** A cell is specialised when LQ ≥ threshold (default 1). */
  readonly threshold?: number;
}

/** Defaults of {@link binarySpecialization}: LQ ≥ 1 (EconGeo, py-ecomplexity). */
export const BINARY_SPECIALIZATION_DEFAULTS: Readonly<Required<Pick<BinarySpecializationOptions, 'threshold'>>> = Object.freeze({
  threshold: 1,
});

/**
 * Binary specialisation M[r,i] = 1 if LQ[r,i] ≥ threshold, else 0 (the RCA/Mcp matrix; threshold 1 by default).
 *
 * Values are 1, 0 or NaN in a Float64Array: a cell whose LQ is NaN (missing data, a region or industry with
 * total 0) stays NaN rather than becoming a silent 0 (EconGeo maps it to 0). Same reference-area options as
 * {@link locationQuotient}.
 *
 * @example
 * binarySpecialization(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40))).values // → [1, 0, 0, 1]
 * @see docs/methods/binary-specialization.md
 */
export function binarySpecialization(matrix: DenseMatrix, options: BinarySpecializationOptions = {}): DenseMatrix {
  const threshold = options.threshold ?? BINARY_SPECIALIZATION_DEFAULTS.threshold;
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new InvalidInputError(`threshold must be a number, got ${String(threshold)}`, { threshold });
  }
  const lq = locationQuotient(matrix, options);
  const v = lq.values;
  for (let k = 0; k < v.length; k++) {
    const q = v[k];
    v[k] = q !== q ? NaN : q >= threshold ? 1 : 0;
  }
  return lq;
}
