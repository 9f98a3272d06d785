import { InvalidInputError } from '../errors.js';
import { conditionalPermutation } from './conditional-permutation.js';
import { randomState } from './seeded-random.js';
import { checkPermutations, foldedPseudoP, hasMissing, pushIslands } from './spatial-inputs.js';
import { assertSpatialWeights } from './spatial-weights.js';
import { standardNormalUpperTail } from './standard-normal-upper-tail.js';
import { transformWeights } from './transform-weights.js';
import type { WeightsTransform } from './transform-weights.js';
import type { SpatialDiagnostic, SpatialWeights } from './spatial-weights.js';

/** Alternative hypothesis of a permutation pseudo p-value (esda `alternative`). */
export type PermutationAlternative = 'directed' | 'greater' | 'lesser';

/** Options of {@link localMoransI}. */
export interface LocalMoransIOptions {
  /** Weights transformation: 'r' (default), 'b' or 'o'. */
  readonly transform?: WeightsTransform;
  /** Conditional permutations per region; 0 skips them. Default 999. */
  readonly permutations?: number;
  /** Seed of the permutation stream. Default 12345. */
  readonly seed?: number;
  /**
   * 'directed' (default, esda's folded p: (min(L, P − L) + 1)/(P + 1), L = #{sim ≥ I_i}); 'greater':
   * (#{sim ≥ I_i} + 1)/(P + 1); 'lesser': (#{sim ≤ I_i} + 1)/(P + 1).
   */
  readonly alternative?: PermutationAlternative;
  /** Multiplier of the statistic: 'n-1' (default, esda/GeoDa) or 'n' (spdep `localmoran`). */
  readonly scaling?: 'n-1' | 'n';
  /** Return the simulations, row-major regions × permutations. Default false. */
  readonly keepSimulations?: boolean;
}

/** Defaults of {@link localMoransI}. */
export const LOCAL_MORANS_I_DEFAULTS = Object.freeze({
  transform: 'r' as WeightsTransform,
  permutations: 999,
  seed: 12345,
  alternative: 'directed' as PermutationAlternative,
  scaling: 'n-1' as 'n-1' | 'n',
  keepSimulations: false,
});

/** Quadrant codes of {@link localMoransI} (esda numbering). */
export const MORAN_QUADRANTS = Object.freeze({ 1: 'HH', 2: 'LH', 3: 'LL', 4: 'HL' } as const);

/** Result of {@link localMoransI}: one entry per region, in weights order. */
export interface LocalMoransIResult {
  /** Local Moran I_i [Is]. */
  readonly I: Float64Array;
  /** 1 HH, 2 LH, 3 LL, 4 HL (esda `q`; z_i > 0 is "high", lag > 0 is "high"); 0 when undefined (NaN). */
  readonly quadrant: Uint8Array;
  /** Spatial lag of the standardised values, Σ_j w_ij z_j. */
  readonly lag: Float64Array;
  /** Standardised values z_i = (y_i − ȳ)/s (population s) [z]. */
  readonly z: Float64Array;
  /** Conditional-permutation pseudo p-value [p_sim]; NaN for islands and without permutations. */
  readonly pSim: Float64Array;
  /** Mean [EI_sim], population variance [VI_sim], z [z_sim] and normal p Q(|z|) [p_z_sim] of the simulations. */
  readonly meanSim: Float64Array;
  readonly varianceSim: Float64Array;
  readonly zSim: Float64Array;
  readonly pZSim: Float64Array;
  readonly permutations: number;
  readonly simulations?: Float64Array;
  readonly diagnostics: readonly SpatialDiagnostic[];
}

/**
 * Local Moran's I (LISA, Anselin 1995) with quadrants and conditional permutation pseudo p-values, esda
 * `Moran_Local` conventions.
 *
 * z_i = (y_i − ȳ)/s with s the population standard deviation; I_i = (n − 1) z_i Σ_j w_ij z_j / Σ_k z_k²
 * (esda/GeoDa; `scaling: 'n'` gives spdep's n). Quadrants 1 HH, 2 LH, 3 LL, 4 HL from the signs of z_i and its lag.
 * Conditional permutation: z_i stays, its c_i neighbours' values are drawn without replacement from the other n − 1
 * regions, P times (seeded); pSim per `alternative` (default esda "directed", folded).
 *
 * Missing data: any NaN value → all outputs NaN, quadrant 0 (MISSING_VALUES); constant values → NaN
 * (CONSTANT_VALUES). Islands: I_i = 0 (lag 0) but pSim NaN (esda reports an artefactual 1/(P + 1) there),
 * ISLANDS diagnostic. Shape mismatch throws ShapeMismatchError. Cost O(P · nnz), no allocation per permutation.
 *
 * @example
 * localMoransI(desmith.z, desmith.w, { permutations: 99 }).quadrant // → [4,4,4,2,3,3,1,4,3,3] (esda doctest)
 * @see docs/methods/local-morans-i.md
 */
export function localMoransI(values: ArrayLike<number>, weights: SpatialWeights, options: LocalMoransIOptions = {}): LocalMoransIResult {
  const transform = options.transform ?? LOCAL_MORANS_I_DEFAULTS.transform;
  const permutations = options.permutations ?? LOCAL_MORANS_I_DEFAULTS.permutations;
  const seed = options.seed ?? LOCAL_MORANS_I_DEFAULTS.seed;
  const alternative = options.alternative ?? LOCAL_MORANS_I_DEFAULTS.alternative;
  const scalingOption = options.scaling ?? LOCAL_MORANS_I_DEFAULTS.scaling;
  const keep = options.keepSimulations ?? LOCAL_MORANS_I_DEFAULTS.keepSimulations;
  checkPermutations(permutations);
  if (alternative !== 'directed' && alternative !== 'greater' && alternative !== 'lesser') {
    throw new InvalidInputError(`alternative must be 'directed', 'greater' or 'lesser'`, { alternative });
  }
  if (scalingOption !== 'n-1' && scalingOption !== 'n') throw new InvalidInputError(`scaling must be 'n-1' or 'n'`, { scaling: scalingOption });
  const n = values.length;
  assertSpatialWeights(weights, n);
  const w = transformWeights(weights, { transform });
  const state = randomState(seed);
  const diagnostics: SpatialDiagnostic[] = [];
  pushIslands(w, diagnostics);
  const I = new Float64Array(n).fill(NaN);
  const quadrant = new Uint8Array(n);
  const lag = new Float64Array(n).fill(NaN);
  const z = new Float64Array(n).fill(NaN);
  const pSim = new Float64Array(n).fill(NaN);
  const meanSim = new Float64Array(n).fill(NaN);
  const varianceSim = new Float64Array(n).fill(NaN);
  const zSim = new Float64Array(n).fill(NaN);
  const pZSim = new Float64Array(n).fill(NaN);
  const base = { I, quadrant, lag, z, pSim, meanSim, varianceSim, zSim, pZSim, permutations, diagnostics };
  if (hasMissing(values, w.ids, diagnostics)) return base;

  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const sd = Math.sqrt(ss / n);
  if (!(sd > 0)) {
    diagnostics.push({ code: 'CONSTANT_VALUES', message: 'all values are equal: local Moran is undefined', regions: [] });
    return base;
  }
  let den = 0;
  for (let i = 0; i < n; i++) {
    z[i] = (values[i] - mean) / sd;
    den += z[i] * z[i];
  }
  const scaling = (scalingOption === 'n-1' ? n - 1 : n) / den;
  const { offsets, neighbors } = w;
  const wt = w.weights;
  const selfWeight = new Float64Array(n);
  const island = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let l = 0;
    let any = false;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      l += wt[k] * z[neighbors[k]];
      if (neighbors[k] === i) selfWeight[i] = wt[k];
      else if (wt[k] > 0) any = true;
    }
    island[i] = any ? 0 : 1;
    lag[i] = l;
    I[i] = scaling * z[i] * l;
    quadrant[i] = z[i] > 0 ? (l > 0 ? 1 : 4) : l > 0 ? 2 : 3;
  }
  if (permutations > 0) {
    const simulations = keep ? new Float64Array(n * permutations) : undefined;
    const finish = (i: number, l: number): number => scaling * z[i] * (l + selfWeight[i] * z[i]);
    const r = conditionalPermutation(z, w, I, permutations, state, finish, simulations);
    for (let i = 0; i < n; i++) {
      meanSim[i] = r.mean[i];
      varianceSim[i] = r.variance[i];
      zSim[i] = (I[i] - r.mean[i]) / Math.sqrt(r.variance[i]);
      pZSim[i] = standardNormalUpperTail(Math.abs(zSim[i]));
      if (island[i]) continue;
      pSim[i] =
        alternative === 'directed'
          ? foldedPseudoP(r.larger[i], permutations)
          : ((alternative === 'greater' ? r.larger[i] : r.lesser[i]) + 1) / (permutations + 1);
    }
    if (simulations) return { ...base, simulations };
  }
  return base;
}
