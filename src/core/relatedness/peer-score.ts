import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** Weights of {@link peerScore}'s components (each ≥ 0, at least one > 0). */
export interface PeerScoreWeights {
  readonly profile: number;
  readonly shared: number;
  readonly size: number;
  readonly neighbour: number;
}

/** Per-region components of {@link peerScore}, each 0–1 (NaN = undefined for that region). */
export interface PeerScoreComponents {
  readonly profile: ArrayLike<number>;
  readonly shared: ArrayLike<number>;
  readonly size: ArrayLike<number>;
  readonly neighbour: ArrayLike<number>;
}

/**
 * Combined peer score: score_r = Σ_c w_c x_rc / Σ_c w_c over the components c defined (finite) for region r, with
 * x = profile similarity (cosine), shared (Jaccard of strong sets), size closeness min(E_r/E_t, E_t/E_r), neighbour
 * (1/0). A component that is undefined for a region (e.g. no boundaries, two empty sets) is left out of both sums,
 * so the score stays a weighted mean in [0, 1]. NaN when no weighted component is defined.
 * Negative or non-finite weights, or all-zero weights, throw InvalidInputError; arrays of different lengths
 * ShapeMismatchError.
 *
 * @example peerScore({ profile: [0.9], shared: [2 / 3], size: [0.5], neighbour: [NaN] }, { profile: 0.5, shared: 0.3, size: 0.2, neighbour: 0 }) // [0.7458…]
 * @see docs/methods/peer-regions.md
 */
export function peerScore(components: PeerScoreComponents, weights: PeerScoreWeights): Float64Array {
  const names = ['profile', 'shared', 'size', 'neighbour'] as const;
  let any = false;
  for (const name of names) {
    const w = weights[name];
    if (!(w >= 0) || !Number.isFinite(w)) throw new InvalidInputError(`weight ${name} must be finite and ≥ 0, got ${w}`, { weight: name });
    if (w > 0) any = true;
  }
  if (!any) throw new InvalidInputError('at least one weight must be positive');
  const n = components.profile.length;
  for (const name of names) if (components[name].length !== n) throw new ShapeMismatchError(`component ${name} has ${components[name].length} values, expected ${n}`);
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let num = 0;
    let den = 0;
    for (const name of names) {
      const w = weights[name];
      const x = components[name][r];
      if (w === 0 || !Number.isFinite(x)) continue;
      num += w * x;
      den += w;
    }
    out[r] = den > 0 ? num / den : NaN;
  }
  return out;
}
