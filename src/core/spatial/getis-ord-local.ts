import { InvalidInputError } from '../errors.js';
import { conditionalPermutation } from './conditional-permutation.js';
import { randomState } from './seeded-random.js';
import { checkPermutations, foldedPseudoP, hasMissing, pushIslands } from './spatial-inputs.js';
import { assertSpatialWeights } from './spatial-weights.js';
import { standardNormalUpperTail } from './standard-normal-upper-tail.js';
import { transformWeights } from './transform-weights.js';
import type { PermutationAlternative } from './local-morans-i.js';
import type { SpatialDiagnostic, SpatialWeights } from './spatial-weights.js';

/** Options of {@link getisOrdLocal}. */
export interface GetisOrdLocalOptions {
  /** 'r' (default, row-standardised) or 'b' (binary), applied after the self-weights are set. */
  readonly transform?: 'r' | 'b';
  /** false (default): G_i, self-links removed; true: G_i*, each region its own neighbour with weight 1 before the transform. */
  readonly star?: boolean;
  /** Conditional permutations; 0 skips them. Default 999. */
  readonly permutations?: number;
  /** Seed of the permutation stream. Default 12345. */
  readonly seed?: number;
  /** Pseudo p-value alternative, as {@link localMoransI}. Default 'directed'. */
  readonly alternative?: PermutationAlternative;
}

/** Defaults of {@link getisOrdLocal}. */
export const GETIS_ORD_LOCAL_DEFAULTS = Object.freeze({
  transform: 'r' as 'r' | 'b',
  star: false,
  permutations: 999,
  seed: 12345,
  alternative: 'directed' as PermutationAlternative,
});

/** Result of {@link getisOrdLocal}, one entry per region (esda names in brackets). */
export interface GetisOrdLocalResult {
  /** G_i or G_i* [Gs]. */
  readonly G: Float64Array;
  /** E[G_i] [EGs] and Var[G_i] [VGs] under normality. */
  readonly expectedG: Float64Array;
  readonly varianceG: Float64Array;
  /** z-score [Zs] and one-sided p beyond |z| [p_norm]. */
  readonly z: Float64Array;
  readonly p: Float64Array;
  /** Conditional-permutation pseudo p-value [p_sim]; NaN for islands and without permutations. */
  readonly pSim: Float64Array;
  readonly star: boolean;
  readonly permutations: number;
  readonly diagnostics: readonly SpatialDiagnostic[];
}

/**
 * Local Getis–Ord G_i and G_i* (Getis and Ord 1992; Ord and Getis 1995), esda `G_Local` conventions.
 *
 * G_i = Σ_{j} w_ij y_j / (Σ_j y_j − y_i) (self-links removed); G_i* = Σ_j w_ij y_j / Σ_j y_j with w_ii = 1 before
 * the transform ('r': 1/(c_i + 1) after row standardisation). With N = n − 1 (G_i) or n (G_i*), W_i = Σ_j w_ij,
 * ȳ_(i) and s²_(i) the mean and population variance of the values entering the denominator:
 * E[G_i] = W_i/N, Var[G_i] = W_i(N − W_i)/((N − 1)N²) · s²_(i)/ȳ_(i)², z_i = (G_i − E)/√Var, p_i = Q(|z_i|)
 * (one-sided beyond |z|, esda p_norm). Conditional permutation as esda crand (seeded).
 *
 * Missing data: NaN values → all NaN (MISSING_VALUES). Negative values throw InvalidInputError. Islands:
 * G_i = 0, Var = 0, z and p NaN, pSim NaN (ISLANDS). Shape mismatch throws ShapeMismatchError.
 *
 * @example
 * getisOrdLocal([2, 3, 3.2, 5, 8, 7], distanceBand(points, { threshold: 15 }), { transform: 'b' }).z[0]
 * // → −1.0136729 (esda doctest)
 * @see docs/methods/getis-ord.md
 */
export function getisOrdLocal(values: ArrayLike<number>, weights: SpatialWeights, options: GetisOrdLocalOptions = {}): GetisOrdLocalResult {
  const transform = options.transform ?? GETIS_ORD_LOCAL_DEFAULTS.transform;
  const star = options.star ?? GETIS_ORD_LOCAL_DEFAULTS.star;
  const permutations = options.permutations ?? GETIS_ORD_LOCAL_DEFAULTS.permutations;
  const seed = options.seed ?? GETIS_ORD_LOCAL_DEFAULTS.seed;
  const alternative = options.alternative ?? GETIS_ORD_LOCAL_DEFAULTS.alternative;
  if (transform !== 'r' && transform !== 'b') throw new InvalidInputError(`transform must be 'r' or 'b'`, { transform });
  if (typeof star !== 'boolean') throw new InvalidInputError('star must be a boolean', { star });
  if (alternative !== 'directed' && alternative !== 'greater' && alternative !== 'lesser') {
    throw new InvalidInputError(`alternative must be 'directed', 'greater' or 'lesser'`, { alternative });
  }
  checkPermutations(permutations);
  const n = values.length;
  assertSpatialWeights(weights, n);
  for (let i = 0; i < n; i++) if (values[i] < 0) throw new InvalidInputError(`value of ${weights.ids[i]} is negative`, { region: weights.ids[i] });
  const state = randomState(seed);

  // Self-weights: removed for G_i; for G_i* kept if present, else 1 (binary) or the row maximum (esda 'r').
  const offsets = new Int32Array(n + 1);
  const nb: number[] = [];
  const wv: number[] = [];
  for (let i = 0; i < n; i++) {
    let hasSelf = false;
    let rowMax = 0;
    for (let k = weights.offsets[i]; k < weights.offsets[i + 1]; k++) {
      const j = weights.neighbors[k];
      const v = weights.weights[k];
      if (j === i) {
        if (!star) continue;
        hasSelf = v > 0;
        if (!hasSelf) continue;
      }
      if (v > rowMax) rowMax = v;
      nb.push(j);
      wv.push(v);
    }
    if (star && !hasSelf) {
      nb.push(i);
      wv.push(rowMax > 0 ? rowMax : 1);
    }
    offsets[i + 1] = nb.length;
  }
  const w = transformWeights({ ids: weights.ids, offsets, neighbors: Int32Array.from(nb), weights: Float64Array.from(wv) }, { transform });
  const diagnostics: SpatialDiagnostic[] = [];
  pushIslands(weights, diagnostics);
  const G = new Float64Array(n).fill(NaN);
  const expectedG = new Float64Array(n).fill(NaN);
  const varianceG = new Float64Array(n).fill(NaN);
  const z = new Float64Array(n).fill(NaN);
  const p = new Float64Array(n).fill(NaN);
  const pSim = new Float64Array(n).fill(NaN);
  const result = { G, expectedG, varianceG, z, p, pSim, star, permutations, diagnostics };
  if (hasMissing(values, w.ids, diagnostics)) return result;

  const y = Float64Array.from(values);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    sum += y[i];
    sumSq += y[i] * y[i];
  }
  const remove = star ? 0 : 1;
  const N = n - remove;
  const island = new Uint8Array(n);
  const selfWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let lag = 0;
    let card = 0;
    let others = 0;
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      lag += w.weights[k] * y[w.neighbors[k]];
      card += w.weights[k];
      if (w.neighbors[k] === i) selfWeight[i] = w.weights[k];
      else if (w.weights[k] > 0) others++;
    }
    island[i] = others === 0 ? 1 : 0;
    const total = sum - y[i] * remove;
    G[i] = lag / total;
    const m = total / N;
    const variance = (sumSq - y[i] * y[i] * remove) / N - m * m;
    expectedG[i] = card / N;
    varianceG[i] = ((card * (N - card)) / (N - 1) / (N * N)) * (variance / (m * m));
    z[i] = (G[i] - expectedG[i]) / Math.sqrt(varianceG[i]);
    p[i] = standardNormalUpperTail(Math.abs(z[i]));
  }
  if (permutations > 0) {
    const finish = star
      ? (i: number, lag: number): number => (lag + selfWeight[i] * y[i]) / sum
      : (i: number, lag: number): number => lag / (sum - y[i]);
    const r = conditionalPermutation(y, w, G, permutations, state, finish, undefined);
    for (let i = 0; i < n; i++) {
      if (island[i] || G[i] !== G[i]) continue;
      pSim[i] =
        alternative === 'directed'
          ? foldedPseudoP(r.larger[i], permutations)
          : ((alternative === 'greater' ? r.larger[i] : r.lesser[i]) + 1) / (permutations + 1);
    }
  }
  return result;
}
