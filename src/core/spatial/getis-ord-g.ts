import { InvalidInputError } from '../errors.js';
import { randomState, shuffleInPlace } from './seeded-random.js';
import { checkPermutations, foldedPseudoP, hasMissing, pushIslands } from './spatial-inputs.js';
import { spatialWeightsSums } from './spatial-weights-sums.js';
import { assertSpatialWeights } from './spatial-weights.js';
import { standardNormalUpperTail } from './standard-normal-upper-tail.js';
import { transformWeights } from './transform-weights.js';
import type { SpatialDiagnostic, SpatialWeights } from './spatial-weights.js';

/** Options of {@link getisOrdG}. */
export interface GetisOrdGOptions {
  /** Permutations for the pseudo p-value; 0 skips them. Default 999. */
  readonly permutations?: number;
  /** Seed of the permutation stream. Default 12345. */
  readonly seed?: number;
}

/** Defaults of {@link getisOrdG}. */
export const GETIS_ORD_G_DEFAULTS = Object.freeze({ permutations: 999, seed: 12345 });

/** Result of {@link getisOrdG} (esda names in brackets). */
export interface GetisOrdGResult {
  /** G [G]. */
  readonly G: number;
  /** E[G] = S0/(n(n − 1)) [EG]. */
  readonly expectedG: number;
  /** Var[G] under normality [VG]. */
  readonly varianceG: number;
  /** z = (G − E[G])/√Var[G] [z_norm]; p = Q(|z|), one-sided beyond |z| [p_norm]. */
  readonly z: number;
  readonly p: number;
  /** Folded permutation pseudo p-value [p_sim]. */
  readonly pSim: number;
  readonly meanSim: number;
  readonly varianceSim: number;
  readonly permutations: number;
  readonly diagnostics: readonly SpatialDiagnostic[];
}

/**
 * Getis–Ord global G (general G, Getis and Ord 1992), esda `G`: W is made binary first;
 * G = Σ_i Σ_j w_ij y_i y_j / Σ_i Σ_{j≠i} y_i y_j. E[G] = S0/(n(n − 1)); Var[G] = E[G²] − E[G]² with
 * E[G²] = (B0 m2² + B1 m4 + B2 m1² m2 + B3 m1 m3 + B4 m1⁴) / ((m1² − m2)² n(n − 1)(n − 2)(n − 3)), m_k = Σ y^k,
 * B0 = (n² − 3n + 3)S1 − nS2 + 3S0², B1 = −[(n² − n)S1 − 2nS2 + 6S0²], B2 = −[2nS1 − (n + 3)S2 + 6S0²],
 * B3 = 4(n − 1)S1 − 2(n + 1)S2 + 8S0², B4 = S1 − S2 + S0². p = Q(|z|) (one-sided beyond |z|, esda p_norm).
 * Permutation: seeded shuffles of y; pSim folded as esda.
 *
 * Missing data: NaN values → all NaN (MISSING_VALUES). Negative values throw InvalidInputError (G is defined
 * for non-negative variables). All-zero values → NaN (0/0). Shape mismatch throws ShapeMismatchError.
 *
 * @example
 * getisOrdG([2, 3, 3.2, 5, 8, 7], distanceBand(points, { threshold: 15 })).G // → 0.55709779 (esda test)
 * @see docs/methods/getis-ord.md
 */
export function getisOrdG(values: ArrayLike<number>, weights: SpatialWeights, options: GetisOrdGOptions = {}): GetisOrdGResult {
  const permutations = options.permutations ?? GETIS_ORD_G_DEFAULTS.permutations;
  const seed = options.seed ?? GETIS_ORD_G_DEFAULTS.seed;
  checkPermutations(permutations);
  const n = values.length;
  assertSpatialWeights(weights, n);
  for (let i = 0; i < n; i++) if (values[i] < 0) throw new InvalidInputError(`value of ${weights.ids[i]} is negative`, { region: weights.ids[i] });
  const w = transformWeights(weights, { transform: 'b' });
  const state = randomState(seed);
  const { s0, s1, s2 } = spatialWeightsSums(w);
  const diagnostics: SpatialDiagnostic[] = [];
  pushIslands(w, diagnostics);
  const expectedG = s0 / (n * (n - 1));
  if (hasMissing(values, w.ids, diagnostics)) {
    return { G: NaN, expectedG, varianceG: NaN, z: NaN, p: NaN, pSim: NaN, meanSim: NaN, varianceSim: NaN, permutations, diagnostics };
  }
  let m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    m1 += v;
    m2 += v * v;
    m3 += v * v * v;
    m4 += v * v * v * v;
  }
  const n2 = n * n;
  const s02 = s0 * s0;
  const b0 = (n2 - 3 * n + 3) * s1 - n * s2 + 3 * s02;
  const b1 = -((n2 - n) * s1 - 2 * n * s2 + 6 * s02);
  const b2 = -(2 * n * s1 - (n + 3) * s2 + 6 * s02);
  const b3 = 4 * (n - 1) * s1 - 2 * (n + 1) * s2 + 8 * s02;
  const b4 = s1 - s2 + s02;
  const eg2 = (b0 * m2 * m2 + b1 * m4 + b2 * m1 * m1 * m2 + b3 * m1 * m3 + b4 * m1 * m1 * m1 * m1) /
    ((m1 * m1 - m2) * (m1 * m1 - m2) * n * (n - 1) * (n - 2) * (n - 3));
  const varianceG = eg2 - expectedG * expectedG;
  const denominator = m1 * m1 - m2;
  const { offsets, neighbors } = w;
  const wt = w.weights;
  const statistic = (y: Float64Array): number => {
    let num = 0;
    for (let i = 0; i < n; i++) {
      let l = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) l += wt[k] * y[neighbors[k]];
      num += y[i] * l;
    }
    return num / denominator;
  };
  const y = Float64Array.from(values);
  const G = statistic(y);
  const z = (G - expectedG) / Math.sqrt(varianceG);
  const p = standardNormalUpperTail(Math.abs(z));
  let pSim = NaN, meanSim = NaN, varianceSim = NaN;
  if (permutations > 0 && G === G) {
    let larger = 0;
    let m = 0;
    let s = 0;
    for (let q = 0; q < permutations; q++) {
      shuffleInPlace(state, y);
      const v = statistic(y);
      if (v >= G) larger++;
      const d = v - m;
      m += d / (q + 1);
      s += d * (v - m);
    }
    pSim = foldedPseudoP(larger, permutations);
    meanSim = m;
    varianceSim = s / permutations;
  }
  return { G, expectedG, varianceG, z, p, pSim, meanSim, varianceSim, permutations, diagnostics };
}
