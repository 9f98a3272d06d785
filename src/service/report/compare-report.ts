import { clusterPolicyCriteria, easternReferenceProfile, westernReferenceProfile } from '../../core/index.js';
import type { CriterionRating, ReferenceProfile } from '../../core/index.js';
import { readInitiatives } from '../../io/policy/read-initiatives.js';
import type { PolicyInitiative } from '../../io/policy/read-initiatives.js';
import type { Store } from '../../io/store/store.js';
import { compareRegions } from '../compare/compare-regions.js';
import type { RegionComparison } from '../compare/compare-regions.js';
import type { ReportMethod } from './region-report.js';

/** One side of an East–West comparison: the region's data, its reference profile and the initiatives the shipped file records for it. */
export interface CompareReportSide {
  region: string;
  name: string;
  country: string;
  /** 'western' for European and US regions, 'eastern' for Japanese prefectures (the article's two approaches). */
  approach: 'western' | 'eastern';
  profile: ReferenceProfile;
  /** Initiatives of the demonstration file in this region, or national programmes of its country (region null). */
  initiatives: { id: string; name: string; sponsor: string; sponsorLevel: string; startYear: number | null; targets: string[]; scope: 'region' | 'national' }[];
}

export interface CompareReportData {
  comparison: RegionComparison;
  sides: [CompareReportSide, CompareReportSide];
  criteria: { id: string; group: string; lesson: string; question: string; ratings: [{ rating: CriterionRating | null; basis: string }, { rating: CriterionRating | null; basis: string }] }[];
  initiativesSource: { citation: string; notice: string; demonstration: boolean };
  datasets: { id: string; title: string; source: string; licence: string }[];
  methods: ReportMethod[];
}

/** The methods an East–West comparison report uses (its appendix). */
export const compareReportMethods: readonly ReportMethod[] = Object.freeze([
  { name: 'Industry families', summary: 'NACE Rev. 2 A*10 groups as the common scheme: NAICS 2007 sectors (with listed exceptions), NACE A*10 rows and JSIC divisions mapped onto ten families, so that the US, the EU and Japan can be compared.', page: 'docs/methods/industry-families.md' },
  { name: 'Location quotient (LQ)', summary: 'LQ = (family employment / region total) ÷ (family employment / total of the region\'s own country): above 1 the region is specialised in the family relative to its country. Compared across countries, an LQ says how specialised each region is at home, not which is larger.', page: 'docs/methods/location-quotient.md' },
  { name: 'Employment shares and coverage', summary: 'Share = family employment / the region\'s total; coverage = the share of the total that falls into some family (activity not stated, unclassifiable industries and uncovered sectors lower it).', page: 'docs/methods/industry-families.md' },
  { name: 'Western and Eastern reference profiles', summary: 'Ratings per cluster-policy lesson read from I. Mitsui\'s comparison of Eastern and Western approaches (Glasgow JES, West Midlands, Shannon vs. METI and MEXT programmes); each with its basis in the article; null where the article does not say. Our reading of the article, not a measurement.', page: 'docs/methods/cluster-policy-assessment.md' },
]);

/**
 * Assembles an East–West comparison of two regions (e.g. UKM3 with JP-01, UKG3 with JP-27): their employment by
 * industry family with shares and LQs against their own countries (compareRegions), the Western or Eastern
 * reference profile of cluster policy by the region's country, the initiatives the demonstration file records
 * for them, the datasets and the methods. `years` as in compareRegions (default: latest of each source).
 */
export async function compareReport(store: Store, regionA: string, regionB: string, options: { years?: Readonly<Record<string, number>> } = {}): Promise<CompareReportData> {
  const comparison = await compareRegions(store, { regions: [regionA, regionB], ...(options.years ? { years: options.years } : {}) });
  const file = readInitiatives();
  const side = (k: 0 | 1): CompareReportSide => {
    const r = comparison.regions[k]!;
    const approach = r.country === 'JP' ? 'eastern' : 'western';
    const pick = (i: PolicyInitiative): 'region' | 'national' | null => (i.region === r.region ? 'region' : i.region === null && i.country === (r.country === 'UK' ? 'GB' : r.country) ? 'national' : i.region === null && i.country === r.country ? 'national' : null);
    return {
      region: r.region,
      name: r.name,
      country: r.country,
      approach,
      profile: approach === 'eastern' ? easternReferenceProfile : westernReferenceProfile,
      initiatives: file.initiatives
        .map((i) => ({ i, scope: pick(i) }))
        .filter((x): x is { i: PolicyInitiative; scope: 'region' | 'national' } => x.scope !== null)
        .map(({ i, scope }) => ({ id: i.id, name: i.name, sponsor: i.sponsor, sponsorLevel: i.sponsorLevel, startYear: i.startYear, targets: [...i.targets, ...(i.reportedDevelopments ?? [])], scope })),
    };
  };
  const sides: [CompareReportSide, CompareReportSide] = [side(0), side(1)];
  const criteria = clusterPolicyCriteria.map((c) => ({
    id: c.id,
    group: c.group,
    lesson: c.lesson,
    question: c.question,
    ratings: [sides[0].profile.ratings[c.id] ?? { rating: null, basis: 'Not stated.' }, sides[1].profile.ratings[c.id] ?? { rating: null, basis: 'Not stated.' }] as [
      { rating: CriterionRating | null; basis: string },
      { rating: CriterionRating | null; basis: string },
    ],
  }));
  const used = new Set(comparison.regions.map((r) => r.dataset));
  const datasets = (await store.listDatasets()).filter((d) => used.has(d.id)).map((d) => ({ id: d.id, title: d.title, source: d.source, licence: d.licence }));
  return {
    comparison,
    sides,
    criteria,
    initiativesSource: { citation: file.source.citation, notice: file.notice, demonstration: file.demonstration },
    datasets,
    methods: [...compareReportMethods],
  };
}
