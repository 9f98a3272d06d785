import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { assertNonNegativeVector } from '../specialization/assert-non-negative-matrix.js';

/** Options of {@link lorenzCurve}. */
export interface LorenzCurveOptions {
  /** Frequency weights (class sizes): the x axis is the cumulative weight share. Exclusive with `reference`. */
  readonly weights?: ArrayLike<number>;
  /**
   * A reference distribution over the same units (population, total employment): units are ordered by
   * value/reference and the x axis is the cumulative reference share — the Hoover curve (EconGeo `hoover_curve`)
   * or, with the regions' total employment, Krugman's locational Gini curve.
   */
  readonly reference?: ArrayLike<number>;
}

/** Defaults of {@link lorenzCurve}: equal weights, no reference distribution. */
export const LORENZ_CURVE_DEFAULTS: Readonly<LorenzCurveOptions> = Object.freeze({});

/** Coordinates of a Lorenz (or Hoover) curve: n + 1 points from (0, 0) to (1, 1). */
export interface LorenzCurve {
  /** Cumulative share of units (or of weight, or of the reference distribution). */
  readonly x: Float64Array;
  /** Cumulative share of the value. */
  readonly y: Float64Array;
  /** order[k] is the index (in the input) of the unit that ends segment k + 1. */
  readonly order: Uint32Array;
}

/**
 * Lorenz curve coordinates for plotting: sort the units ascending by value (or by value/reference), then
 * x_k = cumulative share of units (weight, reference), y_k = cumulative share of the value, with (x_0, y_0) = (0, 0).
 * Same points as EconGeo `lorenz_curve(plot = FALSE)` (cum.reg, cum.out) and, with `reference`, `hoover_curve`.
 * Ties are broken by input order (stable).
 *
 * Missing data: any NaN value, weight or reference gives NaN coordinates (all of them); a total of 0 gives NaN y.
 * A unit with reference 0 and a positive value sorts last (ratio +∞). Negative inputs throw InvalidInputError.
 *
 * @example
 * lorenzCurve([0, 10, 10, 30, 50]) // x: [0, .2, .4, .6, .8, 1], y: [0, 0, .1, .2, .5, 1]
 * @see docs/methods/lorenz-curve.md
 */
export function lorenzCurve(values: ArrayLike<number>, options: LorenzCurveOptions = {}): LorenzCurve {
  const n = values.length;
  assertNonNegativeVector(values, 'values');
  const w = options.weights;
  const ref = options.reference;
  if (w !== undefined && ref !== undefined) throw new InvalidInputError('lorenzCurve takes weights or reference, not both', {});
  if (w !== undefined) assertNonNegativeVector(w, 'weights', n);
  if (ref !== undefined) assertNonNegativeVector(ref, 'reference', n);
  if (n === 0) throw new ShapeMismatchError('lorenzCurve needs at least one value', { length: 0 });

  const key = new Float64Array(n);
  const mass = new Float64Array(n);
  let anyNaN = false;
  for (let k = 0; k < n; k++) {
    const v = values[k];
    const m = w !== undefined ? w[k] : ref !== undefined ? ref[k] : 1;
    if (v !== v || m !== m) anyNaN = true;
    mass[k] = m;
    key[k] = ref !== undefined ? (m > 0 ? v / m : v > 0 ? Infinity : 0) : v;
  }
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  if (!anyNaN) order.sort((i, j) => key[i] - key[j] || i - j);
  const x = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  if (anyNaN) {
    x.fill(NaN);
    y.fill(NaN);
    return { x, y, order };
  }
  let cumX = 0;
  let cumY = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    cumX += mass[i];
    cumY += ref !== undefined || w === undefined ? values[i] : values[i] * mass[i];
    x[k + 1] = cumX;
    y[k + 1] = cumY;
  }
  const xTotal = cumX;
  const yTotal = cumY;
  for (let k = 1; k <= n; k++) {
    x[k] = xTotal > 0 ? x[k] / xTotal : NaN;
    y[k] = yTotal > 0 ? y[k] / yTotal : NaN;
  }
  return { x, y, order };
}
