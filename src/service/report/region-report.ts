import type { ClusterService } from '../cluster-service.js';
import { regionPortfolio } from '../portfolio/region-portfolio.js';
import type { PortfolioEntry } from '../portfolio/region-portfolio.js';
import { regionStanding } from './region-standing.js';
import type { RegionStanding } from './region-standing.js';

/** One method used in the report, for its appendix. */
export interface ReportMethod {
  name: string;
  summary: string;
  page: string;
}

/** Everything a region report shows; rendered to HTML by renderRegionReportHtml. */
export interface RegionReportData {
  region: string;
  regionName: string;
  year: number;
  baseYear: number | null;
  clusterStrength: number | null;
  tradedEmployment: number;
  tradedCompetitiveEffect: number | null;
  strongClusters: PortfolioEntry[];
  /** Traded clusters by employment, largest first. */
  portfolio: PortfolioEntry[];
  datasets: { id: string; title: string; source: string; licence: string }[];
  /** Composite cluster portfolio index among the states and a partial Porter's diamond. */
  standing: RegionStanding;
  methods: ReportMethod[];
}

/** The methods the region report uses (its appendix). */
export const regionReportMethods: readonly ReportMethod[] = Object.freeze([
  { name: 'Benchmark cluster definitions', summary: 'NAICS industries grouped into 51 traded and 16 local benchmark clusters (Delgado, Porter & Stern 2016), carried to NAICS 2007.', page: 'docs/methods/cluster-definitions.md' },
  { name: 'Cluster location quotient', summary: 'LQ = (cluster employment / traded employment of the region) ÷ (the same for all states); local clusters use local employment.', page: 'docs/methods/cluster-location-quotient.md' },
  { name: 'Strong clusters (U.S. Cluster Mapping)', summary: 'A traded cluster is strong when its LQ is in the top quartile of the states and ≥ 1 and its employment and establishments exceed the bottom quartile. Cluster strength = share of traded employment in strong clusters.', page: 'docs/methods/strong-clusters.md' },
  { name: 'European Cluster Observatory stars', summary: 'One star each for size (top 10% of states by employment), specialisation (LQ ≥ 2) and focus (top 10% share of the region\'s employment).', page: 'docs/methods/cluster-stars.md' },
  { name: 'Portfolio and job creation vs. the national benchmark', summary: 'Growth between the base year and the year against the cluster\'s national growth; expected change = base employment × national growth; competitive effect = actual − expected change.', page: 'docs/methods/cluster-portfolio.md' },
  { name: 'Cluster portfolio index (composite, RIS method)', summary: 'Cluster strength, strong clusters, traded employment growth and traded establishment growth of every state: outliers clipped at mean ± 3 sd, square root of indicators with skewness > 1, min–max normalised, equal weights; 100 = mean of the states; leader > 125, strong ≥ 100, moderate ≥ 70, emerging < 70. Rank sensitivity: 1000 weight draws (±25%, seed 1).', page: 'docs/methods/composite-index.md' },
  { name: "Porter's diamond (partial)", summary: 'Indicators z-scored against all states (population sd): related and supporting industries (cluster strength, strong clusters); firm strategy, structure and rivalry (average traded establishment size, reversed; establishment growth). Factor and demand conditions have no indicator in the cluster data.', page: 'docs/methods/porters-diamond.md' },
  { name: 'Suppressed cells', summary: 'County Business Patterns cells published only as size ranges are estimated inside their ranges so that children add up to their parents; the share of estimated employment is shown.', page: 'docs/methods/suppressed-cells.md' },
]);

/**
 * The data of a region report: the region's cluster portfolio in a year (change from the earliest year of the
 * data), its strong clusters, the datasets it rests on and the methods used. Shared by the CLI
 * (`clusterlens report region`) and GET /api/v1/regions/{region}/report.
 */
export async function regionReport(service: ClusterService, regionInput: string, year?: number): Promise<RegionReportData> {
  await service.resolveRegion(regionInput); // an unknown region fails here, before the cluster mapping is computed
  const { year: y, baseYear } = await service.resolveYears(year);
  const p = await regionPortfolio(service, regionInput, y, baseYear);
  const meta = await service.meta();
  const traded = p.clusters.filter((c) => c.type === 'traded').sort((a, b) => b.employment - a.employment || a.code.localeCompare(b.code));
  return {
    region: p.region,
    regionName: p.regionName,
    year: p.year,
    baseYear: p.baseYear,
    clusterStrength: p.clusterStrength,
    tradedEmployment: traded.reduce((s, c) => s + c.employment, 0),
    tradedCompetitiveEffect: p.tradedCompetitiveEffect,
    strongClusters: traded.filter((c) => c.strong === true),
    portfolio: traded,
    datasets: meta.datasets,
    standing: await regionStanding(service, p.region, y, baseYear),
    methods: [...regionReportMethods],
  };
}
