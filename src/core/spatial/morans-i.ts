import { InvalidInputError } from '../errors.js';
import { randomState } from './seeded-random.js';
import { checkPermutations, foldedPseudoP, hasMissing, pushIslands } from './spatial-inputs.js';
import { spatialWeightsSums } from './spatial-weights-sums.js';
import { pairForm, pairQuadraticForm } from './morans-i-pairs.js';
import type { PairForm } from './morans-i-pairs.js';
import { standardNormalUpperTail } from './standard-normal-upper-tail.js';
import { transformWeights } from './transform-weights.js';
import type { WeightsTransform } from './transform-weights.js';
import { assertSpatialWeights } from './spatial-weights.js';
import type { SpatialDiagnostic, SpatialWeights } from './spatial-weights.js';

/** Options of {@link moransI}. */
export interface MoransIOptions {
  /** Weights transformation applied first: 'r' (default, row-standardised), 'b' (binary) or 'o' (as given). */
  readonly transform?: WeightsTransform;
  /** Random permutations for the pseudo p-value; 0 skips them. Default 999. */
  readonly permutations?: number;
  /** Seed of the permutation stream (integer). Default 12345. */
  readonly seed?: number;
  /** Two-tailed analytical p-values (default true, esda `two_tailed`); false: one tail in the direction of z. */
  readonly twoTailed?: boolean;
  /** Return the simulated I values. Default false. */
  readonly keepSimulations?: boolean;
}

/** Defaults of {@link moransI}. */
export const MORANS_I_DEFAULTS = Object.freeze({
  transform: 'r' as WeightsTransform,
  permutations: 999,
  seed: 12345,
  twoTailed: true,
  keepSimulations: false,
});

/** Result of {@link moransI}; field names follow the CLI contract (esda names in brackets). */
export interface MoransIResult {
  /** Moran's I [I]. */
  readonly I: number;
  /** E[I] = −1/(n − 1) [EI]. */
  readonly expectedI: number;
  /** Var[I] under normality [VI_norm], its z [z_norm] and p [p_norm]. */
  readonly varianceNormal: number;
  readonly zNormal: number;
  readonly pNormal: number;
  /** Var[I] under randomisation [VI_rand], its z [z_rand] and p [p_rand]. */
  readonly varianceRandom: number;
  readonly zRandom: number;
  readonly pRandom: number;
  /** Folded permutation pseudo p-value [p_sim]; NaN without permutations. */
  readonly pSim: number;
  /** Mean [EI_sim], population variance [VI_sim], z [z_sim] and one-tailed normal p [p_z_sim] of the simulated I. */
  readonly meanSim: number;
  readonly varianceSim: number;
  readonly zSim: number;
  readonly pZSim: number;
  readonly permutations: number;
  readonly n: number;
  /** Weight sums of the transformed W. */
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
  /** Simulated I values (only with keepSimulations). */
  readonly simulations?: Float64Array;
  readonly diagnostics: readonly SpatialDiagnostic[];
}

/**
 * Global Moran's I with analytical and permutation inference, esda `Moran` conventions.
 *
 * z = y − ȳ; I = (n / S0) · zᵀWz / zᵀz; E[I] = −1/(n − 1);
 * Var_N[I] = (n²S1 − nS2 + 3S0²)/((n² − 1)S0²) − E[I]²;
 * Var_R[I] = [n((n² − 3n + 3)S1 − nS2 + 3S0²) − b2((n² − n)S1 − 2nS2 + 6S0²)] / ((n − 1)(n − 2)(n − 3)S0²) − E[I]²,
 * b2 = n Σz⁴/(Σz²)² (kurtosis). z = (I − E[I])/√Var; p = Q(|z|), doubled when twoTailed.
 * Permutation: P seeded shuffles of z (Fisher–Yates, {@link seededRandom}); pSim = (min(L, P − L) + 1)/(P + 1)
 * with L = #{I_sim ≥ I} (esda's folded, "directed" p). W is transformed first ('r' by default).
 *
 * Missing data: any NaN/non-finite value → every statistic NaN (MISSING_VALUES diagnostic); constant values
 * (zᵀz = 0) → I NaN (CONSTANT_VALUES); n ≤ 3 → Var_R NaN. Islands keep lag 0 (ISLANDS diagnostic).
 * Values and weights of different lengths throw ShapeMismatchError (SHAPE_MISMATCH).
 * Cost: O(n + nnz) per permutation (a shuffle and one flat pass over the pairs of linked regions, a link stored in
 * both directions counted once), no allocation inside the permutation loop.
 *
 * @example
 * moransI([1,2,3,4,5,6,7,8,9], rook3x3, { transform: 'b' }).varianceRandom // → 0.0596875 (esda test)
 * @see docs/methods/morans-i.md
 */
export function moransI(values: ArrayLike<number>, weights: SpatialWeights, options: MoransIOptions = {}): MoransIResult {
  const transform = options.transform ?? MORANS_I_DEFAULTS.transform;
  const permutations = options.permutations ?? MORANS_I_DEFAULTS.permutations;
  const seed = options.seed ?? MORANS_I_DEFAULTS.seed;
  const twoTailed = options.twoTailed ?? MORANS_I_DEFAULTS.twoTailed;
  const keep = options.keepSimulations ?? MORANS_I_DEFAULTS.keepSimulations;
  checkPermutations(permutations);
  if (typeof twoTailed !== 'boolean') throw new InvalidInputError('twoTailed must be a boolean', { twoTailed });
  const n = values.length;
  assertSpatialWeights(weights, n);
  const w = transformWeights(weights, { transform });
  const { s0, s1, s2 } = spatialWeightsSums(w);
  const diagnostics: SpatialDiagnostic[] = [];
  pushIslands(w, diagnostics);
  const state = randomState(seed); // validates the seed even when the values are missing

  const expectedI = -1 / (n - 1);
  const nan = (): MoransIResult => ({
    I: NaN, expectedI, varianceNormal: NaN, zNormal: NaN, pNormal: NaN, varianceRandom: NaN, zRandom: NaN, pRandom: NaN,
    pSim: NaN, meanSim: NaN, varianceSim: NaN, zSim: NaN, pZSim: NaN, permutations, n, s0, s1, s2, diagnostics,
  });
  if (hasMissing(values, w.ids, diagnostics)) return nan();

  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  const z = new Float64Array(n);
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    z[i] = d;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  // zᵀWz over unordered pairs (a link stored both ways costs one product), weights factored out by value class
  const form = pairForm(n, w.offsets, w.neighbors, w.weights);
  const scale = n / s0 / m2;
  const I = m2 > 0 && s0 > 0 ? pairQuadraticForm(form, z) * scale : NaN;
  if (!(m2 > 0)) diagnostics.push({ code: 'CONSTANT_VALUES', message: 'all values are equal: Moran\'s I is undefined (0/0)', regions: [] });

  const n2 = n * n;
  const s02 = s0 * s0;
  const varianceNormal = (n2 * s1 - n * s2 + 3 * s02) / ((n - 1) * (n + 1) * s02) - expectedI * expectedI;
  const b2 = (m4 / n) / ((m2 / n) * (m2 / n));
  const A = n * ((n2 - 3 * n + 3) * s1 - n * s2 + 3 * s02);
  const B = b2 * ((n2 - n) * s1 - 2 * n * s2 + 6 * s02);
  const varianceRandom = n > 3 ? (A - B) / ((n - 1) * (n - 2) * (n - 3) * s02) - expectedI * expectedI : NaN;
  const tails = twoTailed ? 2 : 1;
  const zNormal = (I - expectedI) / Math.sqrt(varianceNormal);
  const zRandom = (I - expectedI) / Math.sqrt(varianceRandom);
  const pNormal = tails * standardNormalUpperTail(Math.abs(zNormal));
  const pRandom = tails * standardNormalUpperTail(Math.abs(zRandom));

  let pSim = NaN;
  let meanSim = NaN;
  let varianceSim = NaN;
  let zSim = NaN;
  let pZSim = NaN;
  let simulations: Float64Array | undefined;
  if (permutations > 0 && I === I) {
    const x = Float64Array.from(z); // shuffled in place, permutation after permutation
    if (keep) simulations = new Float64Array(permutations);
    const sims = simulations ?? new Float64Array(permutations);
    const larger = permute(n, form, x, state, permutations, scale, I, sims);
    let sum = 0;
    for (let p = 0; p < permutations; p++) sum += sims[p];
    meanSim = sum / permutations;
    let ss = 0;
    for (let p = 0; p < permutations; p++) ss += (sims[p] - meanSim) * (sims[p] - meanSim);
    varianceSim = ss / permutations;
    pSim = foldedPseudoP(larger, permutations);
    zSim = (I - meanSim) / Math.sqrt(varianceSim);
    pZSim = standardNormalUpperTail(Math.abs(zSim));
  }
  const result: MoransIResult = {
    I, expectedI, varianceNormal, zNormal, pNormal, varianceRandom, zRandom, pRandom,
    pSim, meanSim, varianceSim, zSim, pZSim, permutations, n, s0, s1, s2, diagnostics,
  };
  return simulations ? { ...result, simulations } : result;
}

/**
 * Internal: the permutation loop of {@link moransI}. Each of the P permutations shuffles x in place (Fisher–Yates
 * with the xoshiro128** stream of `state`, inlined: the same draws and swaps as shuffleInPlace in seeded-random.ts, state kept in locals
 * and written back at the end) and stores sims[p] = xᵀWx · scale; zᵀz is invariant under permutation, so only the
 * quadratic form is recomputed. Returns #{sims ≥ observed}. No allocation.
 */
function permute(
  n: number,
  form: PairForm,
  x: Float64Array,
  state: Int32Array,
  permutations: number,
  scale: number,
  observed: number,
  sims: Float64Array,
): number {
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  let larger = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = n - 1; i > 0; i--) {
      // xoshiro128** step, as nextUniform in seeded-random.ts
      const bb = Math.imul(s1, 5);
      const r = Math.imul((bb << 7) | (bb >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // ⌊r · 2⁻³² · (i + 1)⌋ as before: for a value in [0, 2³¹), | 0 truncates exactly as Math.floor
      const j = (r * 2.3283064365386963e-10 * (i + 1)) | 0;
      const xi = x[i];
      x[i] = x[j];
      x[j] = xi;
    }
    const v = pairQuadraticForm(form, x) * scale;
    sims[p] = v;
    if (v >= observed) larger++;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return larger;
}
