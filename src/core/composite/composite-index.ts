import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { quantile } from '../numeric/quantile.js';
import { performanceGroup, performanceGroupDefaults } from './performance-group.js';
import type { PerformanceGroup, PerformanceThresholds } from './performance-group.js';
import { sampleSkewness } from './sample-skewness.js';

/** Whether more of an indicator is better ('positive') or worse ('negative', e.g. unemployment). */
export type IndicatorDirection = 'positive' | 'negative';

/** One indicator (column) of a composite index. */
export interface CompositeIndicator {
  readonly id: string;
  /** Default 'positive'. */
  readonly direction?: IndicatorDirection;
  /** Relative weight ≥ 0 (default 1); weights are normalised to sum to 1 over the indicators used. */
  readonly weight?: number;
}

/** Regions × indicators, row-major: values[r * indicators.length + j]; NaN marks a missing value. */
export interface CompositeInput {
  readonly regions: readonly string[];
  readonly indicators: readonly CompositeIndicator[];
  readonly values: Float64Array;
}

/** Outlier treatment before normalisation: clip to mean ± k·sd, clip to two quantiles, or none. */
export type OutlierTreatment = 'winsorise-sd' | 'winsorise-quantile' | 'none';
/** Transformation of an indicator whose skewness exceeds the threshold. */
export type SkewTransformation = 'square-root' | 'log' | 'none';

export interface CompositeIndexOptions {
  /** Default 'winsorise-sd' (RIS/EIS: outliers beyond the mean ± 3 sd). */
  readonly outliers?: OutlierTreatment;
  /** k of mean ± k·sd (sample sd), default 3. */
  readonly outlierSd?: number;
  /** Lower and upper quantile (R type 7) for 'winsorise-quantile', default [0.05, 0.95]. */
  readonly outlierQuantiles?: readonly [number, number];
  /** Default 'square-root' (RIS). 'log' is the natural log and needs every value > 0. */
  readonly transformation?: SkewTransformation;
  /** Transform when the sample skewness G1 (after outlier treatment) is above this, default 1. */
  readonly skewnessThreshold?: number;
  /** Region whose composite is 100; null (default) = the mean composite of the regions with a value. */
  readonly reference?: string | null;
  /** Share of the total weight a region must have values for, else its composite is NaN; default 0.5. */
  readonly minimumCoverage?: number;
  /** Performance group thresholds on the relative index (default RIS: 125, 100, 70). */
  readonly thresholds?: PerformanceThresholds;
}

/** Defaults of {@link compositeIndex}. */
export const compositeIndexDefaults = Object.freeze({
  outliers: 'winsorise-sd' as OutlierTreatment,
  outlierSd: 3,
  outlierQuantiles: Object.freeze([0.05, 0.95]) as readonly [number, number],
  transformation: 'square-root' as SkewTransformation,
  skewnessThreshold: 1,
  reference: null as string | null,
  minimumCoverage: 0.5,
  thresholds: performanceGroupDefaults,
});

/** What happened to one indicator on its way into the index. */
export interface CompositeIndicatorReport {
  id: string;
  direction: IndicatorDirection;
  /** Weight normalised over the indicators used (0 for a constant or empty indicator). */
  weight: number;
  /** Finite values. */
  count: number;
  /** Outlier bounds applied (NaN when none); values beyond them were clipped. */
  lower: number;
  upper: number;
  winsorised: number;
  /** Sample skewness G1 after outlier treatment, before transformation. */
  skewness: number;
  transformation: SkewTransformation;
  /** Minimum and maximum after outlier treatment and transformation (the min–max bounds). */
  min: number;
  max: number;
  /** True when every finite value is equal (the indicator is left out: it cannot rank regions). */
  constant: boolean;
}

export interface CompositeIndexResult {
  regions: readonly string[];
  indicators: CompositeIndicatorReport[];
  /** Normalised scores 0–1, direction applied (1 = best), regions × indicators row-major; NaN when missing. */
  scores: Float64Array;
  /** Weighted mean of each region's available scores (0–1); NaN below minimumCoverage. */
  composite: Float64Array;
  /** Share of the total weight with a value, per region. */
  coverage: Float64Array;
  /** The reference: a region id, or 'mean'. */
  reference: string;
  referenceValue: number;
  /** 100 × composite / referenceValue. */
  relative: Float64Array;
  /** 1 = highest composite; ties share the best rank (1, 2, 2, 4); NaN for a NaN composite. */
  rank: Float64Array;
  group: (PerformanceGroup | null)[];
  /** Plain-language notes (skipped transformations, constant indicators, low coverage). */
  diagnostics: string[];
}

/**
 * Composite index in the manner of the Regional Innovation Scoreboard (RIS). Per indicator j over the regions:
 * 1. outliers: clip to [mean − k·sd, mean + k·sd] (sample sd, k = 3) or to two quantiles;
 * 2. skewness: if G1 > 1, take √x (or ln x);
 * 3. min–max: s = (x − min)/(max − min); for a negative indicator s = 1 − that;
 * 4. composite c_r = Σ_j w_j s_rj / Σ_j w_j over the indicators region r has (weights renormalised);
 * 5. relative index 100 · c_r / c_ref (c_ref: a reference region or the mean of c over regions);
 * 6. performance group: leader > 125, strong ≥ 100, moderate ≥ 70, else emerging (of the reference).
 *
 * Missing-data policy: NaN cells are NOT imputed (the RIS imputes); they are left out of the indicator's
 * statistics and of the region's weighted mean, and a region covering less than `minimumCoverage` of the
 * weight gets a NaN composite, relative index and rank, and a null group. A constant indicator is dropped.
 *
 * @example
 * compositeIndex({ regions: ['A', 'B'], indicators: [{ id: 'x' }], values: Float64Array.of(1, 3) }).relative; // → [0, 200]
 * @see docs/methods/composite-index.md
 */
export function compositeIndex(input: CompositeInput, options: CompositeIndexOptions = {}): CompositeIndexResult {
  const o = { ...compositeIndexDefaults, ...options };
  const { regions, indicators, values } = input;
  const nr = regions.length;
  const ni = indicators.length;
  if (values.length !== nr * ni) {
    throw new ShapeMismatchError(`composite input has ${values.length} values, expected ${nr} regions × ${ni} indicators`, { regions: nr, indicators: ni, values: values.length });
  }
  if (ni === 0) throw new InvalidInputError('a composite index needs at least one indicator');
  if (!(o.outlierSd > 0)) throw new InvalidInputError(`outlierSd must be > 0, got ${o.outlierSd}`, { outlierSd: o.outlierSd });
  const [qLow, qHigh] = o.outlierQuantiles;
  if (!(qLow >= 0 && qLow < qHigh && qHigh <= 1)) throw new InvalidInputError(`outlierQuantiles must satisfy 0 ≤ low < high ≤ 1, got [${qLow}, ${qHigh}]`, { outlierQuantiles: [qLow, qHigh] });
  if (!(o.minimumCoverage >= 0 && o.minimumCoverage <= 1)) throw new InvalidInputError(`minimumCoverage must be in [0, 1], got ${o.minimumCoverage}`);
  const seen = new Set<string>();
  for (const ind of indicators) {
    if (seen.has(ind.id)) throw new InvalidInputError(`indicator "${ind.id}" appears twice`, { indicator: ind.id });
    seen.add(ind.id);
    const w = ind.weight ?? 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new InvalidInputError(`weight of indicator "${ind.id}" must be a finite number ≥ 0, got ${w}`, { indicator: ind.id, weight: w });
    if (ind.direction !== undefined && ind.direction !== 'positive' && ind.direction !== 'negative') {
      throw new InvalidInputError(`direction of indicator "${ind.id}" must be positive or negative`, { indicator: ind.id });
    }
  }
  for (let k = 0; k < values.length; k++) {
    if (values[k] === Infinity || values[k] === -Infinity) throw new InvalidInputError(`infinite value for region ${regions[Math.floor(k / ni)]}, indicator ${indicators[k % ni].id}`);
  }
  const referenceIndex = o.reference === null ? -1 : regions.indexOf(o.reference);
  if (o.reference !== null && referenceIndex < 0) throw new InvalidInputError(`reference region "${o.reference}" is not among the regions`, { reference: o.reference });

  const diagnostics: string[] = [];
  const scores = new Float64Array(nr * ni).fill(NaN);
  const column = new Float64Array(nr);
  const reports: CompositeIndicatorReport[] = [];
  const rawWeight = new Float64Array(ni);

  for (let j = 0; j < ni; j++) {
    const ind = indicators[j];
    const direction: IndicatorDirection = ind.direction ?? 'positive';
    for (let r = 0; r < nr; r++) column[r] = values[r * ni + j];
    let count = 0;
    let sum = 0;
    for (let r = 0; r < nr; r++) if (!Number.isNaN(column[r])) {
      count++;
      sum += column[r];
    }
    // 1. outliers
    let lower = NaN;
    let upper = NaN;
    if (count >= 2 && o.outliers === 'winsorise-sd') {
      const mean = sum / count;
      let ss = 0;
      for (let r = 0; r < nr; r++) if (!Number.isNaN(column[r])) ss += (column[r] - mean) ** 2;
      const sd = Math.sqrt(ss / (count - 1));
      lower = mean - o.outlierSd * sd;
      upper = mean + o.outlierSd * sd;
    } else if (count >= 2 && o.outliers === 'winsorise-quantile') {
      lower = quantile(column, qLow);
      upper = quantile(column, qHigh);
    }
    let winsorised = 0;
    if (!Number.isNaN(lower)) {
      for (let r = 0; r < nr; r++) {
        const v = column[r];
        if (v < lower) {
          column[r] = lower;
          winsorised++;
        } else if (v > upper) {
          column[r] = upper;
          winsorised++;
        }
      }
    }
    // 2. skewness and transformation
    const skewness = sampleSkewness(column);
    let transformation: SkewTransformation = 'none';
    if (o.transformation !== 'none' && skewness > o.skewnessThreshold) {
      let min = Infinity;
      for (let r = 0; r < nr; r++) if (column[r] < min) min = column[r];
      const ok = o.transformation === 'square-root' ? min >= 0 : min > 0;
      if (ok) {
        transformation = o.transformation;
        for (let r = 0; r < nr; r++) column[r] = transformation === 'square-root' ? Math.sqrt(column[r]) : Math.log(column[r]);
      } else {
        diagnostics.push(`indicator ${ind.id}: skewness ${skewness.toFixed(2)} > ${o.skewnessThreshold} but ${o.transformation} needs values ${o.transformation === 'square-root' ? '≥ 0' : '> 0'}; left untransformed`);
      }
    }
    // 3. min–max
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < nr; r++) {
      const v = column[r];
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const constant = count > 0 && !(max > min);
    if (count === 0) {
      diagnostics.push(`indicator ${ind.id}: no values; left out`);
      min = NaN;
      max = NaN;
    } else if (constant) {
      diagnostics.push(`indicator ${ind.id}: all values equal (${min}); left out (it cannot rank regions)`);
    } else {
      const span = max - min;
      for (let r = 0; r < nr; r++) {
        const v = column[r];
        if (Number.isNaN(v)) continue;
        const s = (v - min) / span;
        scores[r * ni + j] = direction === 'positive' ? s : 1 - s;
      }
      rawWeight[j] = ind.weight ?? 1;
    }
    reports.push({ id: ind.id, direction, weight: 0, count, lower, upper, winsorised, skewness, transformation, min, max, constant });
  }
  let totalWeight = 0;
  for (let j = 0; j < ni; j++) totalWeight += rawWeight[j];
  if (!(totalWeight > 0)) throw new InvalidInputError('no indicator with a positive weight can be normalised (all empty, constant or weight 0)');
  for (let j = 0; j < ni; j++) reports[j].weight = rawWeight[j] / totalWeight;

  const { composite, coverage } = weightedComposite(scores, nr, ni, rawWeight, o.minimumCoverage);
  for (let r = 0; r < nr; r++) {
    if (Number.isNaN(composite[r]) && coverage[r] < o.minimumCoverage) diagnostics.push(`region ${regions[r]}: values for ${(100 * coverage[r]).toFixed(0)}% of the weight, below the minimum ${(100 * o.minimumCoverage).toFixed(0)}%; no composite`);
  }
  let referenceValue: number;
  if (referenceIndex >= 0) referenceValue = composite[referenceIndex];
  else {
    let n = 0;
    let s = 0;
    for (let r = 0; r < nr; r++) if (!Number.isNaN(composite[r])) {
      n++;
      s += composite[r];
    }
    referenceValue = n > 0 ? s / n : NaN;
  }
  if (!(referenceValue > 0)) diagnostics.push(`reference composite is ${referenceValue}; relative index undefined`);
  const relative = new Float64Array(nr);
  const group: (PerformanceGroup | null)[] = [];
  for (let r = 0; r < nr; r++) {
    relative[r] = referenceValue > 0 ? (100 * composite[r]) / referenceValue : NaN;
    group.push(performanceGroup(relative[r], o.thresholds));
  }
  return {
    regions,
    indicators: reports,
    scores,
    composite,
    coverage,
    reference: referenceIndex >= 0 ? regions[referenceIndex] : 'mean',
    referenceValue,
    relative,
    rank: competitionRank(composite),
    group,
    diagnostics,
  };
}

/** Internal: weighted mean of each row's finite scores and the weight share it covers. */
export function weightedComposite(
  scores: Float64Array,
  nr: number,
  ni: number,
  weight: Float64Array,
  minimumCoverage: number,
  out?: { composite: Float64Array; coverage: Float64Array },
): { composite: Float64Array; coverage: Float64Array } {
  const composite = out?.composite ?? new Float64Array(nr);
  const coverage = out?.coverage ?? new Float64Array(nr);
  let total = 0;
  for (let j = 0; j < ni; j++) total += weight[j];
  for (let r = 0; r < nr; r++) {
    let ws = 0;
    let w = 0;
    for (let j = 0; j < ni; j++) {
      const s = scores[r * ni + j];
      if (Number.isNaN(s) || weight[j] === 0) continue;
      ws += weight[j] * s;
      w += weight[j];
    }
    coverage[r] = total > 0 ? w / total : 0;
    composite[r] = w > 0 && coverage[r] >= minimumCoverage ? ws / w : NaN;
  }
  return { composite, coverage };
}

/** Internal: competition ranks, 1 = largest; equal values share the best rank; NaN stays NaN. */
export function competitionRank(values: Float64Array, out?: Float64Array, order?: Int32Array): Float64Array {
  const n = values.length;
  const rank = out ?? new Float64Array(n);
  const idx = order ?? new Int32Array(n);
  for (let k = 0; k < n; k++) idx[k] = k;
  idx.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (Number.isNaN(va)) return Number.isNaN(vb) ? a - b : 1;
    if (Number.isNaN(vb)) return -1;
    return vb - va || a - b;
  });
  for (let p = 0; p < n; p++) {
    const k = idx[p];
    if (Number.isNaN(values[k])) rank[k] = NaN;
    else rank[k] = p > 0 && values[idx[p - 1]] === values[k] ? rank[idx[p - 1]] : p + 1;
  }
  return rank;
}
