import { ShapeMismatchError } from '../errors.js';
import { quantileSorted, sortedFinite } from '../numeric/quantile.js';
import type { ClusterType } from './cluster-location-quotient.js';

export interface StrongClustersInput {
  /** Number of regions (rows) and clusters (columns); all arrays row-major regions × clusters. */
  readonly regionCount: number;
  readonly clusterCount: number;
  readonly employment: Float64Array;
  readonly establishments: Float64Array;
  /** Cluster LQs (clusterLocationQuotient). */
  readonly lq: Float64Array;
  readonly types: readonly ClusterType[];
}

export interface StrongClustersOptions {
  /** LQ percentile a strong cluster must reach (default 0.75); strong10 uses strong10Percentile (0.9). */
  readonly lqPercentile?: number;
  readonly strong10Percentile?: number;
  /** Employment and establishments must exceed this percentile (default 0.25). */
  readonly sizePercentile?: number;
  /** LQ must also be at least this (default 1). */
  readonly minimumLq?: number;
}

export const STRONG_CLUSTERS_DEFAULTS: Readonly<Required<StrongClustersOptions>> = Object.freeze({
  lqPercentile: 0.75,
  strong10Percentile: 0.9,
  sizePercentile: 0.25,
  minimumLq: 1,
});

export interface StrongClustersResult {
  /** 1 strong, 0 not strong, 255 not applicable (local cluster). Row-major regions × clusters. */
  readonly strong: Uint8Array;
  readonly strong10: Uint8Array;
  /** Per-cluster thresholds (NaN for local clusters or clusters with no region above zero). */
  readonly lqThreshold: Float64Array;
  readonly lq10Threshold: Float64Array;
  readonly employmentThreshold: Float64Array;
  readonly establishmentsThreshold: Float64Array;
  /** Per region: share of traded employment in strong clusters (Cluster Mapping "cluster strength"). */
  readonly clusterStrength: Float64Array;
}

/** Marker for "not applicable" in the strong/strong10 arrays (local clusters). */
export const NOT_APPLICABLE = 255;

/**
 * U.S. Cluster Mapping strong-cluster rule.
 *
 * For each traded cluster, among the regions (of one type) with employment > 0 in it: a region's cluster is
 * strong when LQ ≥ P75(LQ), LQ ≥ 1, employment > P25(employment) and establishments > P25(establishments);
 * strong10 uses P90 of LQ. Percentiles are R type 7 (linear interpolation, as d3.quantile). Local clusters
 * are not rated (NOT_APPLICABLE). Region cluster strength = Σ employment in strong clusters / Σ traded employment.
 *
 * Missing data: regions with NaN LQ or employment are left out of the percentiles and are never strong.
 * See docs/methods/strong-clusters.md.
 */
export function strongClusters(input: StrongClustersInput, options: StrongClustersOptions = {}): StrongClustersResult {
  const o = { ...STRONG_CLUSTERS_DEFAULTS, ...options };
  const nr = input.regionCount;
  const nc = input.clusterCount;
  const size = nr * nc;
  if (input.employment.length !== size || input.establishments.length !== size || input.lq.length !== size || input.types.length !== nc) {
    throw new ShapeMismatchError(`strongClusters expects ${nr} × ${nc} arrays and ${nc} types`);
  }
  const strong = new Uint8Array(size);
  const strong10 = new Uint8Array(size);
  const lqThreshold = new Float64Array(nc).fill(NaN);
  const lq10Threshold = new Float64Array(nc).fill(NaN);
  const employmentThreshold = new Float64Array(nc).fill(NaN);
  const establishmentsThreshold = new Float64Array(nc).fill(NaN);
  const lqs = new Float64Array(nr);
  const emps = new Float64Array(nr);
  const ests = new Float64Array(nr);
  for (let c = 0; c < nc; c++) {
    if (input.types[c] !== 'traded') {
      for (let r = 0; r < nr; r++) {
        strong[r * nc + c] = NOT_APPLICABLE;
        strong10[r * nc + c] = NOT_APPLICABLE;
      }
      continue;
    }
    let n = 0;
    for (let r = 0; r < nr; r++) {
      const k = r * nc + c;
      const e = input.employment[k];
      const q = input.lq[k];
      if (e > 0 && !Number.isNaN(q)) {
        lqs[n] = q;
        emps[n] = e;
        ests[n] = input.establishments[k];
        n++;
      }
    }
    if (n === 0) continue;
    const sortedLq = sortedFinite(lqs.subarray(0, n));
    const lq75 = quantileSorted(sortedLq, o.lqPercentile);
    const lq90 = quantileSorted(sortedLq, o.strong10Percentile);
    const emp25 = quantileSorted(sortedFinite(emps.subarray(0, n)), o.sizePercentile);
    const est25 = quantileSorted(sortedFinite(ests.subarray(0, n)), o.sizePercentile);
    lqThreshold[c] = lq75;
    lq10Threshold[c] = lq90;
    employmentThreshold[c] = emp25;
    establishmentsThreshold[c] = est25;
    for (let r = 0; r < nr; r++) {
      const k = r * nc + c;
      const e = input.employment[k];
      const q = input.lq[k];
      const sized = e > 0 && e > emp25 && input.establishments[k] > est25 && q >= o.minimumLq;
      strong[k] = sized && q >= lq75 ? 1 : 0;
      strong10[k] = sized && q >= lq90 ? 1 : 0;
    }
  }
  const clusterStrength = new Float64Array(nr);
  for (let r = 0; r < nr; r++) {
    let inStrong = 0;
    let traded = 0;
    for (let c = 0; c < nc; c++) {
      if (input.types[c] !== 'traded') continue;
      const e = input.employment[r * nc + c];
      traded += e;
      if (strong[r * nc + c] === 1) inStrong += e;
    }
    clusterStrength[r] = traded === 0 ? NaN : inStrong / traded;
  }
  return { strong, strong10, lqThreshold, lq10Threshold, employmentThreshold, establishmentsThreshold, clusterStrength };
}
