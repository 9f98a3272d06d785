import { InvalidInputError } from '../errors.js';
import { assertSpatialWeights } from './spatial-weights.js';
import type { SpatialWeights } from './spatial-weights.js';

/** Weights transformation (esda/libpysal letters): 'r' row-standardised, 'b' binary, 'o' original. */
export type WeightsTransform = 'r' | 'b' | 'o';

/** Options of {@link transformWeights}. */
export interface TransformWeightsOptions {
  /** Default 'r' (row standardisation, the esda default). */
  readonly transform?: WeightsTransform;
}

/** Defaults of {@link transformWeights}. */
export const TRANSFORM_WEIGHTS_DEFAULTS = Object.freeze({ transform: 'r' as WeightsTransform });

/**
 * Transforms spatial weights: 'r' row standardisation w_ij / Σ_j w_ij (each non-island row sums to 1),
 * 'b' binary (every positive weight becomes 1, zeros stay 0), 'o' a copy of the original weights.
 * Returns new weights sharing ids, offsets and neighbors with the input (never mutated).
 *
 * Missing data: rows without a positive weight (islands) stay all-zero under 'r' (0/0 is not taken), so their
 * spatial lag is 0 (esda/libpysal behaviour). Invalid weights throw InvalidInputError (INVALID_INPUT).
 *
 * @example
 * transformWeights(w, { transform: 'r' }) // a row with neighbours b, c → weights 0.5, 0.5
 * @see docs/methods/spatial-weights.md
 */
export function transformWeights(w: SpatialWeights, options: TransformWeightsOptions = {}): SpatialWeights {
  const transform = options.transform ?? TRANSFORM_WEIGHTS_DEFAULTS.transform;
  if (transform !== 'r' && transform !== 'b' && transform !== 'o') {
    throw new InvalidInputError(`transform must be 'r', 'b' or 'o', got ${String(transform)}`, { transform });
  }
  assertSpatialWeights(w);
  const n = w.ids.length;
  const out = new Float64Array(w.weights.length);
  for (let i = 0; i < n; i++) {
    const a = w.offsets[i];
    const b = w.offsets[i + 1];
    if (transform === 'o') {
      for (let k = a; k < b; k++) out[k] = w.weights[k];
    } else if (transform === 'b') {
      for (let k = a; k < b; k++) out[k] = w.weights[k] > 0 ? 1 : 0;
    } else {
      let s = 0;
      for (let k = a; k < b; k++) s += w.weights[k];
      if (s > 0) for (let k = a; k < b; k++) out[k] = w.weights[k] / s;
    }
  }
  return { ids: w.ids, offsets: w.offsets, neighbors: w.neighbors, weights: out };
}
