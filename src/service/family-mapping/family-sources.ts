import type { RegionRecord, RegionType } from '../../io/store/store.js';

/** The three default-data sources rated at the industry-family level. */
export type FamilySourceCode = 'EU' | 'JP' | 'US';

/** Region types a family mapping is computed for (percentiles among regions of one type). */
export type FamilyRegionType = Extract<RegionType, 'nuts0' | 'nuts1' | 'nuts2' | 'prefecture' | 'state'>;

/** Where a source's numbers come from and how its cells are read. */
export interface FamilySource {
  code: FamilySourceCode;
  /** Classification of the stored observations (the key of INDUSTRY_FAMILY_SCHEMES). */
  classification: string;
  regionTypes: readonly FamilyRegionType[];
  /** CBP publishes no row for an industry without establishments: an absent row is 0. Elsewhere absent = unknown. */
  absentMeansZero: boolean;
  /** What is counted, for notes and docs/methods/family-level-clusters.md. */
  description: string;
}

/** The sources by code (US for comparison with the benchmark-cluster mapping). */
export const FAMILY_SOURCES: Readonly<Record<FamilySourceCode, FamilySource>> = Object.freeze({
  EU: Object.freeze({
    code: 'EU',
    classification: 'NACE2',
    regionTypes: Object.freeze(['nuts0', 'nuts1', 'nuts2'] as const),
    absentMeansZero: false,
    description: 'Eurostat LFS lfst_r_lfe2en2: persons employed aged 15+ by region of residence, thousands (stored × 1,000); no establishment counts.',
  }),
  JP: Object.freeze({
    code: 'JP',
    classification: 'JSIC13',
    regionTypes: Object.freeze(['prefecture'] as const),
    absentMeansZero: false,
    description: 'Economic Census for Business Activity (SSDSE-E): persons employed and establishments of private establishments, 7 JSIC divisions published.',
  }),
  US: Object.freeze({
    code: 'US',
    classification: 'NAICS2007',
    regionTypes: Object.freeze(['state'] as const),
    absentMeansZero: true,
    description: 'County Business Patterns: employees and establishments of private establishments (estimates of suppressed cells flagged).',
  }),
});

/** The source a region's families come from and the type it is rated among, or null (counties, custom regions, countries US/JP). */
export function familySourceOf(region: RegionRecord): { source: FamilySource; regionType: FamilyRegionType } | null {
  if (region.country === 'US') return region.type === 'state' ? { source: FAMILY_SOURCES.US, regionType: 'state' } : null;
  if (region.country === 'JP') return region.type === 'prefecture' ? { source: FAMILY_SOURCES.JP, regionType: 'prefecture' } : null;
  if (region.type === 'nuts0' || region.type === 'nuts1' || region.type === 'nuts2') return { source: FAMILY_SOURCES.EU, regionType: region.type };
  return null;
}

/** The source whose regions a region type names ('state' → US, 'prefecture' → JP, 'nuts0|1|2' → EU). */
export function familySourceOfType(regionType: FamilyRegionType): FamilySource {
  if (regionType === 'state') return FAMILY_SOURCES.US;
  if (regionType === 'prefecture') return FAMILY_SOURCES.JP;
  return FAMILY_SOURCES.EU;
}
