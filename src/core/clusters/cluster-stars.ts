import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { compensatedSum } from '../numeric/compensated-sum.js';
import { quantileSorted, sortedFinite } from '../numeric/quantile.js';
import type { ClusterType } from './cluster-location-quotient.js';
import { NOT_APPLICABLE } from './strong-clusters.js';

export interface ClusterStarsInput {
  /** Number of regions (rows) and clusters (columns); all matrices row-major regions × clusters. */
  readonly regionCount: number;
  readonly clusterCount: number;
  /** Employment of each region × cluster cell. */
  readonly employment: Float64Array;
  /** Cluster location quotients (e.g. clusterLocationQuotient), for the specialisation star. */
  readonly lq: Float64Array;
  /**
   * Total employment of each region, the focus denominator. Default: the row sums of `employment` over
   * every cluster (traded and local), i.e. the region's employment in all clusters given.
   */
  readonly regionTotals?: Float64Array;
  /** Cluster types; with `localClusters: 'skip'` (the default) local clusters are not rated. Default: all traded. */
  readonly types?: readonly ClusterType[];
  /** Wages (payroll) of each cell, same unit everywhere; enables the productivity star. */
  readonly wages?: Float64Array;
  /**
   * Reference wage per employee of each cluster (e.g. the nation's). Default: Σ wages / Σ employment of the
   * cluster over the input regions (compensated sums).
   */
  readonly referenceWagePerEmployee?: Float64Array;
}

export interface ClusterStarsOptions {
  /** Size star: employment in the top `sizeTopShare` of the regions for the cluster (default 0.1). */
  readonly sizeTopShare?: number;
  /** Specialisation star: LQ ≥ `specialisationLq` (default 2). */
  readonly specialisationLq?: number;
  /** Focus star: cluster's share of regional employment in the top `focusTopShare` of the regions (default 0.1). */
  readonly focusTopShare?: number;
  /** Productivity star: wage per employee ≥ `productivityRatio` × the reference wage per employee (default 1). */
  readonly productivityRatio?: number;
  /** 'skip' (default): local clusters get NOT_APPLICABLE, as in the Observatory (traded clusters only); 'rate': rated too. */
  readonly localClusters?: 'skip' | 'rate';
}

export const CLUSTER_STARS_DEFAULTS: Readonly<Required<ClusterStarsOptions>> = Object.freeze({
  sizeTopShare: 0.1,
  specialisationLq: 2,
  focusTopShare: 0.1,
  productivityRatio: 1,
  localClusters: 'skip',
});

export interface ClusterStarsResult {
  /** 1 star, 0 no star, NOT_APPLICABLE (255) for a skipped local cluster. Row-major regions × clusters. */
  readonly sizeStar: Uint8Array;
  readonly specialisationStar: Uint8Array;
  readonly focusStar: Uint8Array;
  /** Only when wages were given: 1/0/NOT_APPLICABLE as above. */
  readonly productivityStar?: Uint8Array;
  /** Observatory stars 0–3 = size + specialisation + focus; NaN for a skipped local cluster. */
  readonly stars: Float64Array;
  /** Cluster's share of the region's total employment (the focus measure); NaN when the region total is 0. */
  readonly focus: Float64Array;
  /** Wage per employee of each cell (only with wages); NaN when employment is 0. */
  readonly wagePerEmployee?: Float64Array;
  /** Per cluster: the employment and focus cut-offs (NaN when the cluster is not rated or no region has employment > 0). */
  readonly sizeThreshold: Float64Array;
  readonly focusThreshold: Float64Array;
  /** Per cluster: the reference wage per employee used (only with wages). */
  readonly referenceWagePerEmployee?: Float64Array;
}

/**
 * European Cluster Observatory star rating (ECO stars, Ketels & Sölvell): 0–3 stars per region × cluster.
 *
 * For each rated cluster c, among the regions with employment e[r,c] > 0 (NaN left out):
 * - size star: e[r,c] ≥ Q_{1−sizeTopShare}(e[·,c]);
 * - specialisation star: LQ[r,c] ≥ specialisationLq (2);
 * - focus star: f[r,c] = e[r,c] / total[r] ≥ Q_{1−focusTopShare}(f[·,c]);
 * - productivity star (European Cluster Panorama; only with wages): w[r,c] / e[r,c] ≥ productivityRatio × w̄[c].
 * Q is the type 7 quantile (linear interpolation, d3.quantile); "top 10 %" means at or above the 90th
 * percentile, so regions tied at the cut-off all get the star and, with few regions, the top region always does.
 * stars = size + specialisation + focus.
 *
 * Missing data: a cell with employment 0 or NaN gets no star; a NaN LQ gets no specialisation star; a region
 * total of 0 gives focus NaN and no focus star. Negative employment or wages throw InvalidInputError.
 * See docs/methods/cluster-stars.md.
 *
 * @example clusterStars({ regionCount: 4, clusterCount: 3, employment, lq, types })
 */
export function clusterStars(input: ClusterStarsInput, options: ClusterStarsOptions = {}): ClusterStarsResult {
  const o = { ...CLUSTER_STARS_DEFAULTS, ...options };
  const nr = input.regionCount;
  const nc = input.clusterCount;
  const size = nr * nc;
  const { employment, lq, wages } = input;
  if (employment.length !== size || lq.length !== size) throw new ShapeMismatchError(`clusterStars expects ${nr} × ${nc} employment and lq`);
  if (input.types !== undefined && input.types.length !== nc) throw new ShapeMismatchError(`types has ${input.types.length} entries for ${nc} clusters`);
  if (input.regionTotals !== undefined && input.regionTotals.length !== nr) throw new ShapeMismatchError(`regionTotals has ${input.regionTotals.length} entries for ${nr} regions`);
  if (wages !== undefined && wages.length !== size) throw new ShapeMismatchError(`wages has ${wages.length} entries for ${nr} × ${nc} cells`);
  if (input.referenceWagePerEmployee !== undefined && input.referenceWagePerEmployee.length !== nc) {
    throw new ShapeMismatchError(`referenceWagePerEmployee has ${input.referenceWagePerEmployee.length} entries for ${nc} clusters`);
  }
  checkShare('sizeTopShare', o.sizeTopShare);
  checkShare('focusTopShare', o.focusTopShare);
  if (!(o.specialisationLq >= 0)) throw new InvalidInputError(`specialisationLq must be ≥ 0, not ${o.specialisationLq}`);
  if (!(o.productivityRatio >= 0)) throw new InvalidInputError(`productivityRatio must be ≥ 0, not ${o.productivityRatio}`);
  if (o.localClusters !== 'skip' && o.localClusters !== 'rate') throw new InvalidInputError(`localClusters must be skip or rate, not ${String(o.localClusters)}`);
  for (let k = 0; k < size; k++) {
    if (employment[k] < 0) throw new InvalidInputError(`negative employment ${employment[k]} at cell ${k}`, { index: k });
    if (wages !== undefined && wages[k] < 0) throw new InvalidInputError(`negative wages ${wages[k]} at cell ${k}`, { index: k });
  }

  let totals = input.regionTotals;
  if (totals === undefined) {
    totals = new Float64Array(nr);
    for (let r = 0; r < nr; r++) totals[r] = compensatedSum(employment, r * nc, (r + 1) * nc);
  }
  const focus = new Float64Array(size);
  for (let r = 0; r < nr; r++) {
    const t = totals[r];
    for (let c = 0; c < nc; c++) focus[r * nc + c] = t === 0 ? NaN : employment[r * nc + c] / t;
  }

  const sizeStar = new Uint8Array(size);
  const specialisationStar = new Uint8Array(size);
  const focusStar = new Uint8Array(size);
  const productivityStar = wages === undefined ? undefined : new Uint8Array(size);
  const stars = new Float64Array(size);
  const sizeThreshold = new Float64Array(nc).fill(NaN);
  const focusThreshold = new Float64Array(nc).fill(NaN);
  let wagePerEmployee: Float64Array | undefined;
  let referenceWage: Float64Array | undefined;
  if (wages !== undefined) {
    wagePerEmployee = new Float64Array(size);
    for (let k = 0; k < size; k++) wagePerEmployee[k] = employment[k] > 0 ? wages[k] / employment[k] : NaN;
    referenceWage = input.referenceWagePerEmployee === undefined ? new Float64Array(nc) : Float64Array.from(input.referenceWagePerEmployee);
    if (input.referenceWagePerEmployee === undefined) {
      for (let c = 0; c < nc; c++) {
        const e = compensatedSum(employment, c, size, nc);
        referenceWage[c] = e > 0 ? compensatedSum(wages, c, size, nc) / e : NaN;
      }
    }
  }

  const emps = new Float64Array(nr);
  const shares = new Float64Array(nr);
  const sizeQ = 1 - o.sizeTopShare;
  const focusQ = 1 - o.focusTopShare;
  for (let c = 0; c < nc; c++) {
    if (o.localClusters === 'skip' && input.types !== undefined && input.types[c] !== 'traded') {
      for (let r = 0; r < nr; r++) {
        const k = r * nc + c;
        sizeStar[k] = NOT_APPLICABLE;
        specialisationStar[k] = NOT_APPLICABLE;
        focusStar[k] = NOT_APPLICABLE;
        if (productivityStar !== undefined) productivityStar[k] = NOT_APPLICABLE;
        stars[k] = NaN;
      }
      continue;
    }
    let n = 0;
    for (let r = 0; r < nr; r++) {
      const k = r * nc + c;
      if (employment[k] > 0) {
        emps[n] = employment[k];
        shares[n] = focus[k];
        n++;
      }
    }
    const employmentCut = n === 0 ? NaN : quantileSorted(sortedFinite(emps.subarray(0, n)), sizeQ);
    const focusCut = n === 0 ? NaN : quantileSorted(sortedFinite(shares.subarray(0, n)), focusQ);
    sizeThreshold[c] = employmentCut;
    focusThreshold[c] = focusCut;
    const wageCut = referenceWage === undefined ? NaN : o.productivityRatio * referenceWage[c];
    for (let r = 0; r < nr; r++) {
      const k = r * nc + c;
      const employed = employment[k] > 0;
      const s = employed && employment[k] >= employmentCut ? 1 : 0;
      const p = employed && lq[k] >= o.specialisationLq ? 1 : 0;
      const f = employed && focus[k] >= focusCut ? 1 : 0;
      sizeStar[k] = s;
      specialisationStar[k] = p;
      focusStar[k] = f;
      stars[k] = s + p + f;
      if (productivityStar !== undefined && wagePerEmployee !== undefined) {
        productivityStar[k] = employed && wagePerEmployee[k] >= wageCut ? 1 : 0;
      }
    }
  }
  return {
    sizeStar,
    specialisationStar,
    focusStar,
    stars,
    focus,
    sizeThreshold,
    focusThreshold,
    ...(productivityStar !== undefined ? { productivityStar, wagePerEmployee, referenceWagePerEmployee: referenceWage } : {}),
  };
}

function checkShare(name: string, value: number): void {
  if (!(value > 0 && value <= 1)) throw new InvalidInputError(`${name} must be in (0, 1], not ${value}`, { option: name, value });
}
