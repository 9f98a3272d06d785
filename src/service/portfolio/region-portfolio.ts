import { NOT_APPLICABLE, clusterStars, compensatedSum, compoundAnnualGrowthRateOf } from '../../core/index.js';
import type { ClusterType } from '../../core/index.js';
import { schemeField } from '../cluster-service.js';
import type { ClusterService, SchemeOption } from '../cluster-service.js';
import type { ClusterMapping } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';

/** Portfolio quadrant of a cluster in a region (docs/methods/cluster-portfolio.md). */
export type PortfolioQuadrant = 'strong-and-growing' | 'emerging' | 'declining-strength' | 'transforming';

/** One cluster of `clusterlens portfolio` and GET /api/v1/regions/{region}/portfolio. */
export interface PortfolioEntry {
  code: string;
  name: string;
  type: ClusterType;
  /** Employment in the year and in the base year (null without a base year). */
  employment: number;
  baseEmployment: number | null;
  /** Cluster LQ (traded/local denominators) in the year; null when undefined. */
  lq: number | null;
  strong: boolean | null;
  strong10: boolean | null;
  /** European Cluster Observatory stars among the US states (null for local clusters). */
  sizeStar: boolean | null;
  specialisationStar: boolean | null;
  focusStar: boolean | null;
  stars: number | null;
  /** (employment − baseEmployment) / baseEmployment; null when the base is 0 or missing. */
  growth: number | null;
  /** The same for the cluster's national (all-states) employment. */
  nationalGrowth: number | null;
  /** growth − nationalGrowth (the y axis); null when either is. */
  relativeGrowth: number | null;
  /** Compound annual growth rates over baseYear → year. */
  cagr: number | null;
  nationalCagr: number | null;
  quadrant: PortfolioQuadrant | null;
  /** Cluster Mapping job creation vs. national benchmark: actual change, expected = base × national growth, competitive = actual − expected. */
  employmentChange: number | null;
  expectedChange: number | null;
  competitiveEffect: number | null;
}

export interface RegionPortfolioResult {
  region: string;
  regionName: string;
  year: number;
  baseYear: number | null;
  clusterStrength: number | null;
  /** Σ competitiveEffect over traded clusters: jobs created above (or below) the national benchmark. */
  tradedCompetitiveEffect: number | null;
  /** Only when a user cluster-definition scheme was asked for (absent for the benchmark). */
  scheme?: string;
  clusters: PortfolioEntry[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const star = (v: number): boolean | null => (v === NOT_APPLICABLE ? null : v === 1);

/**
 * Portfolio quadrant from the LQ (x, split at 1) and the growth relative to the nation (y, split at 0):
 * LQ ≥ 1 and y ≥ 0 strong-and-growing; LQ < 1 and y ≥ 0 emerging; LQ ≥ 1 and y < 0 declining-strength;
 * LQ < 1 and y < 0 transforming. Values on a split line go to the upper / right side; NaN gives null.
 */
export function portfolioQuadrant(lq: number, relativeGrowth: number): PortfolioQuadrant | null {
  if (Number.isNaN(lq) || Number.isNaN(relativeGrowth)) return null;
  if (relativeGrowth >= 0) return lq >= 1 ? 'strong-and-growing' : 'emerging';
  return lq >= 1 ? 'declining-strength' : 'transforming';
}

/** The change figures of one cluster in one region (NaN where undefined); see {@link portfolioChange}. */
export interface PortfolioChange {
  growth: number;
  nationalGrowth: number;
  relativeGrowth: number;
  cagr: number;
  nationalCagr: number;
  employmentChange: number;
  expectedChange: number;
  competitiveEffect: number;
}

/**
 * Change of a cluster in a region between two years against the nation: growth g = (e1 − e0)/e0, national
 * growth G = (N1 − N0)/N0, relative growth g − G (+Infinity for a cluster new to the region, e0 = 0 < e1),
 * CAGRs over `years`, and the Cluster Mapping job creation vs. national benchmark: expected change = e0 × G,
 * competitive effect = (e1 − e0) − e0 × G. NaN where a denominator is 0 or a level is missing (NaN).
 */
export function portfolioChange(e0: number, e1: number, n0: number, n1: number, years: number): PortfolioChange {
  const growth = e0 > 0 ? (e1 - e0) / e0 : NaN;
  const nationalGrowth = n0 > 0 ? (n1 - n0) / n0 : NaN;
  const relativeGrowth = e0 === 0 && e1 > 0 && !Number.isNaN(nationalGrowth) ? Infinity : growth - nationalGrowth;
  const cagr = Number.isNaN(e0) || !(years > 0) ? NaN : compoundAnnualGrowthRateOf(e0, e1, years);
  const nationalCagr = Number.isNaN(n0) || !(years > 0) ? NaN : compoundAnnualGrowthRateOf(n0, n1, years);
  const employmentChange = e1 - e0;
  const expectedChange = e0 * nationalGrowth;
  return { growth, nationalGrowth, relativeGrowth, cagr, nationalCagr, employmentChange, expectedChange, competitiveEffect: employmentChange - expectedChange };
}

/** National employment per cluster code (Σ over the mapping's regions). */
function nationalTotals(m: ClusterMapping): Map<string, number> {
  const nc = m.clusters.length;
  const out = new Map<string, number>();
  m.clusters.forEach((c, k) => out.set(c.code, compensatedSum(m.employment, k, m.employment.length, nc)));
  return out;
}

/**
 * A region's cluster portfolio between a base year and a year: LQ, strong flags, stars, growth against the
 * nation, the quadrant, CAGR and the job creation vs. the national benchmark. Uses ClusterService.mapping for
 * both years (cached). Without a base year (or base = year) the change fields and the quadrant are null.
 * With `{ scheme }` the clusters are those of a stored user scheme (stars and quadrants are relative to the
 * states, so they apply unchanged; docs/data/cluster-schemes.md).
 */
export async function regionPortfolio(service: ClusterService, regionInput: string, year: number, baseYear?: number, options: SchemeOption = {}): Promise<RegionPortfolioResult> {
  if (baseYear !== undefined && baseYear > year) {
    throw new ServiceError('INVALID_ARGUMENT', `base year ${baseYear} is after year ${year}`, { year, baseYear });
  }
  const m = await service.mapping(year, 'state', options);
  const mapped = new Set(m.regions.map((r) => r.id));
  const region = await service.resolveRegion(regionInput, { prefer: (r) => mapped.has(r.id) });
  const r = m.regions.findIndex((x) => x.id === region.id);
  if (r < 0) throw new ServiceError('NOT_FOUND', `region ${region.id} (${region.name}) is not a US state with cluster data`, { region: region.id });
  const base = baseYear !== undefined && baseYear !== year ? await service.mapping(baseYear, 'state', options) : null;
  const rb = base ? base.regions.findIndex((x) => x.id === region.id) : -1;
  const span = base ? year - base.year : NaN;

  const nr = m.regions.length;
  const nc = m.clusters.length;
  const stars = clusterStars({ regionCount: nr, clusterCount: nc, employment: m.employment, lq: m.lq, types: m.clusters.map((c) => c.type) });
  const nationalEnd = nationalTotals(m);
  const nationalStart = base ? nationalTotals(base) : null;
  const baseIndex = base ? new Map(base.clusters.map((c, k) => [c.code, k])) : null;

  let tradedCompetitive = 0;
  let anyCompetitive = false;
  const clusters: PortfolioEntry[] = m.clusters.map((c, k) => {
    const i = r * nc + k;
    const e1 = m.employment[i]!;
    const kb = baseIndex?.get(c.code);
    const e0 = base && rb >= 0 && kb !== undefined ? base.employment[rb * base.clusters.length + kb]! : NaN;
    const n1 = nationalEnd.get(c.code)!;
    const n0 = nationalStart?.get(c.code) ?? NaN;
    const { growth, nationalGrowth, relativeGrowth, cagr, nationalCagr, employmentChange, expectedChange, competitiveEffect } = portfolioChange(e0, e1, n0, n1, span);
    if (c.type === 'traded' && Number.isFinite(competitiveEffect)) {
      tradedCompetitive += competitiveEffect;
      anyCompetitive = true;
    }
    return {
      code: c.code,
      name: c.name,
      type: c.type,
      employment: e1,
      baseEmployment: finite(e0),
      lq: finite(m.lq[i]!),
      strong: star(m.strong[i]!),
      strong10: star(m.strong10[i]!),
      sizeStar: star(stars.sizeStar[i]!),
      specialisationStar: star(stars.specialisationStar[i]!),
      focusStar: star(stars.focusStar[i]!),
      stars: finite(stars.stars[i]!),
      growth: finite(growth),
      nationalGrowth: finite(nationalGrowth),
      relativeGrowth: finite(relativeGrowth),
      cagr: finite(cagr),
      nationalCagr: finite(nationalCagr),
      quadrant: portfolioQuadrant(m.lq[i]!, relativeGrowth),
      employmentChange: finite(employmentChange),
      expectedChange: finite(expectedChange),
      competitiveEffect: finite(competitiveEffect),
    };
  });
  return {
    region: region.id,
    regionName: region.name,
    year,
    baseYear: base ? base.year : null,
    clusterStrength: finite(m.clusterStrength[r]!),
    tradedCompetitiveEffect: anyCompetitive ? tradedCompetitive : null,
    clusters,
    ...schemeField(options.scheme),
  };
}
