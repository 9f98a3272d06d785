import { INDUSTRY_FAMILIES, US_BENCHMARK_CLUSTER_FAMILIES } from '../../io/classifications/industry-families.js';
import type { Initiative } from '../../io/initiatives/index.js';
import type { ClusterService } from '../cluster-service.js';
import { compareRegions } from '../compare/compare-regions.js';
import { ServiceError } from '../service-error.js';

/** One of the region's strengths or one target, with whether they meet. */
export interface StrengthItem {
  code: string;
  name: string;
  employment: number | null;
  lq: number | null;
}

/** The initiative's targets set against the region's strong clusters (or specialised industry families). */
export interface TargetsVsStrengths {
  available: boolean;
  /** Why not available, or what the comparison rests on. */
  note: string;
  region: string | null;
  year: number | null;
  level: 'benchmark-clusters' | 'industry-families' | null;
  /** How a strength is defined at this level. */
  strengthRule: string | null;
  strengths: StrengthItem[];
  /** Target codes that are strengths. */
  targetedStrengths: string[];
  /** Target codes that are not strengths (building on weak ground, or diversification). */
  targetsNotStrong: string[];
  /** Strengths the initiative does not target. */
  strengthsNotTargeted: string[];
  /** targetedStrengths / number of targets; null without targets. */
  overlapShare: number | null;
  source: string | null;
}

const FAMILY_CODES = new Set<string>(INDUSTRY_FAMILIES.map((f) => f.code));

/**
 * Targets vs strengths: a US state's strong clusters (U.S. Cluster Mapping rule, docs/methods/strong-clusters.md)
 * from ClusterService for the latest year, compared with the benchmark clusters the initiative targets; for a
 * NUTS-2 region or a Japanese prefecture the industry families with LQ > 1 against the country
 * (compareRegions, docs/methods/industry-families.md), compared with the targeted families (benchmark clusters
 * counted as their family). Not available without a region or targets — said so, nothing guessed.
 */
export async function targetsVsStrengths(clusters: ClusterService, initiative: Initiative): Promise<TargetsVsStrengths> {
  const empty = (note: string): TargetsVsStrengths => ({
    available: false, note, region: initiative.region, year: null, level: null, strengthRule: null, strengths: [], targetedStrengths: [], targetsNotStrong: [], strengthsNotTargeted: [], overlapShare: null, source: null,
  });
  if (initiative.region === null) return empty('no single region: a national or multi-region programme has no regional strengths to compare');
  if (initiative.targetClusters.length === 0) return empty(`no target cluster codes (targets as named: ${initiative.targets.join(', ') || 'none'}); add benchmark cluster or industry-family codes to compare`);
  let region;
  try {
    region = await clusters.resolveRegion(initiative.region);
  } catch (error) {
    if (error instanceof ServiceError) return empty(`region ${initiative.region} is not in the statistics database`);
    throw error;
  }
  const compare = (targets: string[], strengths: StrengthItem[]) => {
    const strong = new Set(strengths.map((s) => s.code));
    const targetSet = new Set(targets);
    const targetedStrengths = targets.filter((t) => strong.has(t));
    return {
      targetedStrengths,
      targetsNotStrong: targets.filter((t) => !strong.has(t)),
      strengthsNotTargeted: strengths.map((s) => s.code).filter((c) => !targetSet.has(c)),
      overlapShare: targets.length > 0 ? Math.round((targetedStrengths.length / targets.length) * 10000) / 10000 : null,
    };
  };
  if (region.country === 'US' && region.type === 'state') {
    const { years } = await clusters.meta();
    const year = years[years.length - 1]!;
    const portfolio = await clusters.regionPortfolio(region.id, year);
    const strengths = portfolio.clusters.filter((c) => c.strong === true).map((c) => ({ code: c.code, name: c.name, employment: c.employment, lq: c.lq }));
    const targets = initiative.targetClusters.filter((c) => c in US_BENCHMARK_CLUSTER_FAMILIES);
    return {
      available: true,
      note: `strong clusters of ${region.name} in ${year} against the benchmark clusters targeted`,
      region: region.id, year, level: 'benchmark-clusters',
      strengthRule: 'U.S. Cluster Mapping strong cluster (top quartile of LQ, employment and establishments among the states; docs/methods/strong-clusters.md)',
      strengths, ...compare(targets, strengths),
      source: 'U.S. Census Bureau, County Business Patterns; benchmark clusters of the U.S. Cluster Mapping',
    };
  }
  if (!((region.country === 'JP' && region.type === 'prefecture') || region.type === 'nuts2' || region.type === 'nuts1')) {
    return empty(`region ${region.id} (${region.type}): strengths are computed for US states, NUTS-1/2 regions and Japanese prefectures`);
  }
  const comparison = await compareRegions(clusters.store, { regions: [region.id, region.country] }).catch((error: unknown) => {
    if (error instanceof ServiceError) return error;
    throw error;
  });
  if (comparison instanceof ServiceError) return empty(`no industry-family data for ${region.id}: ${comparison.message}`);
  const row = comparison.regions[0]!;
  const names = new Map(comparison.families.map((f) => [f.code, f.shortName]));
  const strengths = row.families.filter((f) => f.lq !== null && f.lq > 1).map((f) => ({ code: f.code, name: names.get(f.code) ?? f.code, employment: f.employment, lq: f.lq }));
  const targets = [...new Set(initiative.targetClusters.map((c) => (FAMILY_CODES.has(c) ? c : US_BENCHMARK_CLUSTER_FAMILIES[c]?.family)).filter((c): c is string => c !== undefined))];
  return {
    available: true,
    note: `industry families of ${row.name} in ${row.year} (no cluster-level data outside the US; benchmark clusters counted as their family)`,
    region: region.id, year: row.year, level: 'industry-families',
    strengthRule: 'industry family with a location quotient above 1 against the country (docs/methods/industry-families.md)',
    strengths, ...compare(targets, strengths),
    source: row.dataset,
  };
}
