import { InvalidInputError } from '../errors.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';

/** Options of {@link gini}. */
export interface GiniOptions {
  /** Multiply by n/(n − 1) so that one non-zero value out of n gives 1 (REAT `coefnorm = TRUE`). Default false. */
  readonly normalized?: boolean;
  /** Frequency weights (class sizes), one per value: the Gini of grouped data (REAT `weighting`). */
  readonly weights?: ArrayLike<number>;
  /** 'propagate' (default): any NaN value or weight gives NaN. 'omit': drop the NaN pairs first (REAT na.rm). */
  readonly missing?: 'propagate' | 'omit';
}

/** Defaults of {@link gini}. */
export const GINI_DEFAULTS: Readonly<Required<Pick<GiniOptions, 'normalized' | 'missing'>>> = Object.freeze({
  normalized: false,
  missing: 'propagate',
});

/**
 * Gini coefficient (G) of a vector of non-negative values, e.g. one industry's employment across regions.
 *
 * Lorenz trapezoid form (REAT `gini`): sort ascending, y_k the cumulative share of the total held by the k
 * smallest values, p_k the weight share of value k (1/n unweighted); G = 1 − Σ_k p_k (y_{k−1} + y_k), y_0 = 0.
 * Unweighted this equals Σ_k Σ_l |x_k − x_l| / (2 n² μ). Range 0 (all equal) to (n − 1)/n; `normalized`
 * multiplies by n/(n − 1) (range 0–1; REAT applies the same factor, with n the number of values, when weighted).
 * Weighted: the values are class means, the weights class sizes; pairs are sorted by value (REAT sorts the
 * values but not the weights, which differs when the values are not already ascending).
 *
 * Missing data: NaN in → NaN out (or 'omit'). Total 0 → NaN (0/0). n = 1 → 0, normalised → NaN.
 * Negative values or weights throw InvalidInputError (INVALID_INPUT).
 *
 * @example
 * gini([20, 50, 20, 10]) // → 0.3 (REAT manual, Dörsam 2004)
 * gini([20, 50, 20, 10], { normalized: true }) // → 0.4
 * @see docs/methods/gini.md
 */
export function gini(values: ArrayLike<number>, options: GiniOptions = {}): number {
  const normalized = options.normalized ?? GINI_DEFAULTS.normalized;
  const missing = options.missing ?? GINI_DEFAULTS.missing;
  if (missing !== 'propagate' && missing !== 'omit') throw new InvalidInputError(`missing must be 'propagate' or 'omit'`, { missing });
  assertNonNegativeVector(values, 'values');
  const w = options.weights;
  if (w !== undefined) assertNonNegativeVector(w, 'weights', values.length);

  let n = 0;
  const xs = new Float64Array(values.length);
  const ws = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    const wk = w === undefined ? 1 : w[k];
    if (v !== v || wk !== wk) {
      if (missing === 'propagate') return NaN;
      continue;
    }
    xs[n] = v;
    ws[n] = wk;
    n++;
  }
  if (n === 0) return NaN;
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((i, j) => xs[i] - xs[j] || i - j);

  let totalW = 0;
  let totalXW = 0;
  for (let k = 0; k < n; k++) {
    totalW += ws[k];
    totalXW += xs[k] * ws[k];
  }
  if (!(totalXW > 0) || !(totalW > 0)) return NaN;
  let cum = 0;
  let previous = 0;
  let area = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    cum += xs[i] * ws[i];
    const y = cum / totalXW;
    area += (ws[i] / totalW) * (previous + y);
    previous = y;
  }
  const g = 1 - area;
  if (!normalized) return g;
  return n > 1 ? (g * n) / (n - 1) : NaN;
}
