import { InvalidInputError } from '../errors.js';
import { quantileSorted } from '../numeric/quantile.js';
import { nextUniform, randomState } from '../spatial/seeded-random.js';
import { competitionRank, compositeIndex, compositeIndexDefaults, weightedComposite } from './composite-index.js';
import type { CompositeIndexOptions, CompositeInput } from './composite-index.js';

/**
 * How weights are drawn: 'scale' multiplies each weight by an independent uniform factor in
 * [1 − perturbation, 1 + perturbation]; 'simplex' draws weights uniformly from the simplex (Σw = 1), ignoring
 * the given weights (the random-weights test used in critiques of the RIS).
 */
export type WeightPerturbation = 'scale' | 'simplex';

export interface CompositeSensitivityOptions extends CompositeIndexOptions {
  /** Number of random weight vectors, default 1000. */
  readonly draws?: number;
  /** Seed of the xoshiro128** stream, default 1. */
  readonly seed?: number;
  /** Default 'scale'. */
  readonly mode?: WeightPerturbation;
  /** Half-width of the scale factor for 'scale', in [0, 1], default 0.25. */
  readonly perturbation?: number;
}

/** Defaults of {@link compositeSensitivity} (besides those of compositeIndex). */
export const compositeSensitivityDefaults = Object.freeze({ draws: 1000, seed: 1, mode: 'scale' as WeightPerturbation, perturbation: 0.25 });

export interface CompositeSensitivityResult {
  regions: readonly string[];
  draws: number;
  seed: number;
  mode: WeightPerturbation;
  perturbation: number;
  /** Rank with the given weights (1 = best). */
  baselineRank: Float64Array;
  /** Median, 5th and 95th percentile (R type 7) of the rank over the draws. */
  medianRank: Float64Array;
  rankP05: Float64Array;
  rankP95: Float64Array;
  /** Rank volatility: population standard deviation of the rank over the draws. */
  volatility: Float64Array;
  /** Share of draws whose rank differs from the baseline rank. */
  shareChanged: Float64Array;
}

/**
 * Sensitivity of composite-index ranks to the weights: the normalised scores of {@link compositeIndex} are kept
 * and the weights redrawn `draws` times from a seeded stream; each draw's composites are ranked (ties share
 * the best rank). Per region: median rank, 5–95% rank interval, volatility (sd of rank), share of draws with a
 * changed rank. Only indicators used by the index (not constant, weight > 0 for 'scale') take part.
 *
 * Missing-data policy: as compositeIndex (renormalised weights over the indicators a region has; a region
 * below minimumCoverage in a draw has a NaN rank there, and NaN draws are left out of its statistics; all NaN → NaN).
 *
 * @example
 * compositeSensitivity(input, { draws: 500, seed: 7 }).rankP95;
 * @see docs/methods/composite-index.md
 */
export function compositeSensitivity(input: CompositeInput, options: CompositeSensitivityOptions = {}): CompositeSensitivityResult {
  const o = { ...compositeIndexDefaults, ...compositeSensitivityDefaults, ...options };
  if (!Number.isInteger(o.draws) || o.draws < 1) throw new InvalidInputError(`draws must be an integer ≥ 1, got ${o.draws}`, { draws: o.draws });
  if (!(o.perturbation >= 0 && o.perturbation <= 1)) throw new InvalidInputError(`perturbation must be in [0, 1], got ${o.perturbation}`, { perturbation: o.perturbation });
  if (o.mode !== 'scale' && o.mode !== 'simplex') throw new InvalidInputError(`mode must be scale or simplex, got ${String(o.mode)}`);
  const state = randomState(o.seed);
  const base = compositeIndex(input, options);
  const nr = input.regions.length;
  const ni = input.indicators.length;
  const used = new Float64Array(ni);
  for (let j = 0; j < ni; j++) used[j] = base.indicators[j].constant || base.indicators[j].count === 0 ? 0 : 1;
  const baseWeight = new Float64Array(ni);
  for (let j = 0; j < ni; j++) baseWeight[j] = used[j] * base.indicators[j].weight;

  const ranks = new Float64Array(o.draws * nr);
  const weight = new Float64Array(ni);
  const buffers = { composite: new Float64Array(nr), coverage: new Float64Array(nr) };
  const rank = new Float64Array(nr);
  const order = new Int32Array(nr);
  for (let d = 0; d < o.draws; d++) {
    if (o.mode === 'scale') {
      for (let j = 0; j < ni; j++) weight[j] = baseWeight[j] * (1 - o.perturbation + 2 * o.perturbation * nextUniform(state));
    } else {
      // uniform on the simplex: normalised standard exponentials
      for (let j = 0; j < ni; j++) weight[j] = used[j] > 0 ? -Math.log(1 - nextUniform(state)) : 0;
    }
    weightedComposite(base.scores, nr, ni, weight, o.minimumCoverage, buffers);
    competitionRank(buffers.composite, rank, order);
    ranks.set(rank, d * nr);
  }
  const medianRank = new Float64Array(nr);
  const rankP05 = new Float64Array(nr);
  const rankP95 = new Float64Array(nr);
  const volatility = new Float64Array(nr);
  const shareChanged = new Float64Array(nr);
  const column = new Float64Array(o.draws);
  for (let r = 0; r < nr; r++) {
    let n = 0;
    let sum = 0;
    let changed = 0;
    for (let d = 0; d < o.draws; d++) {
      const v = ranks[d * nr + r];
      if (Number.isNaN(v)) continue;
      column[n++] = v;
      sum += v;
      if (v !== base.rank[r]) changed++;
    }
    if (n === 0) {
      medianRank[r] = rankP05[r] = rankP95[r] = volatility[r] = shareChanged[r] = NaN;
      continue;
    }
    const sorted = column.subarray(0, n).sort();
    medianRank[r] = quantileSorted(sorted, 0.5);
    rankP05[r] = quantileSorted(sorted, 0.05);
    rankP95[r] = quantileSorted(sorted, 0.95);
    const mean = sum / n;
    let ss = 0;
    for (let k = 0; k < n; k++) ss += (sorted[k] - mean) ** 2;
    volatility[r] = Math.sqrt(ss / n);
    shareChanged[r] = changed / n;
  }
  return {
    regions: input.regions,
    draws: o.draws,
    seed: o.seed,
    mode: o.mode,
    perturbation: o.perturbation,
    baselineRank: base.rank,
    medianRank,
    rankP05,
    rankP95,
    volatility,
    shareChanged,
  };
}
