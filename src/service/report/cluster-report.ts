import type { ClusterRegionRow, ClusterRegions, ClusterService } from '../cluster-service.js';
import { relatedClusters } from '../related-clusters/related-clusters.js';
import type { RelatedCluster } from '../related-clusters/related-clusters.js';
import type { ReportMethod } from './region-report.js';

/** Everything a cluster report shows; rendered to HTML by renderClusterReportHtml. */
export interface ClusterReportData {
  cluster: ClusterRegions['cluster'];
  year: number;
  thresholds: ClusterRegions['thresholds'];
  /** All states, as ClusterService.clusterRegions returns them. */
  regions: ClusterRegionRow[];
  /** Top states by cluster LQ (states with an LQ only), highest first. */
  topByLq: ClusterRegionRow[];
  /** Top states by cluster employment, largest first. */
  topByEmployment: ClusterRegionRow[];
  strong: ClusterRegionRow[];
  strong10: ClusterRegionRow[];
  totalEmployment: number;
  /** Estimated employment / total employment of the cluster over all states (null when the total is 0). */
  estimatedShare: number | null;
  /** Up to five related clusters (null when relatedness is unavailable for this cluster or year). */
  related: RelatedCluster[] | null;
  datasets: { id: string; title: string; source: string; licence: string }[];
  methods: ReportMethod[];
}

/** The methods a cluster report uses (its appendix). */
export const clusterReportMethods: readonly ReportMethod[] = Object.freeze([
  { name: 'Cluster location quotient (LQ)', summary: 'LQ = (cluster employment / the state\'s traded or local employment) ÷ (the same shares for the nation): above 1 the state is specialised in the cluster.', page: 'docs/methods/cluster-location-quotient.md' },
  { name: 'Strong clusters', summary: 'U.S. Cluster Mapping rule: a state\'s cluster is strong when it is in the top quartile (75th percentile) of LQ among the states and in the top quartile of employment or of establishments; strong10 uses the top 10% (90th percentile) of LQ.', page: 'docs/methods/strong-clusters.md' },
  { name: 'Estimated data', summary: 'Share of employment that comes from suppressed cells estimated from published ranges (County Business Patterns flags), not reported values.', page: 'docs/methods/strong-clusters.md' },
]);

/** States by a value, highest first, ties by name. */
const top = (rows: ClusterRegionRow[], value: (r: ClusterRegionRow) => number | null, n: number): ClusterRegionRow[] =>
  rows.filter((r) => value(r) !== null).sort((a, b) => value(b)! - value(a)! || a.name.localeCompare(b.name)).slice(0, n);

/**
 * Assembles a report on one benchmark cluster across the US states for a year (default: the default year of the
 * data): the strong-cluster thresholds, the top states by LQ and by employment, the strong and strong10 states,
 * the share of estimated employment, up to five related clusters, datasets and methods. Missing LQs (null) are
 * left out of the LQ ranking, never treated as 0. See docs/methods/strong-clusters.md.
 * @throws ServiceError NOT_FOUND (unknown cluster or year)
 */
export async function clusterReport(service: ClusterService, clusterCode: string, year?: number): Promise<ClusterReportData> {
  const meta = await service.meta();
  const y = year ?? meta.defaultYear;
  const data = await service.clusterRegions(clusterCode, y);
  const totalEmployment = data.regions.reduce((s, r) => s + r.employment, 0);
  const estimated = data.regions.reduce((s, r) => s + (r.estimatedShare ?? 0) * r.employment, 0);
  let related: RelatedCluster[] | null;
  try {
    related = (await relatedClusters(service, data.cluster.code, { year: y, count: 5 })).related;
  } catch {
    related = null; // relatedness files missing for this year or cluster: the section is left out
  }
  return {
    cluster: data.cluster,
    year: y,
    thresholds: data.thresholds,
    regions: data.regions,
    topByLq: top(data.regions, (r) => r.lq, 15),
    topByEmployment: top(data.regions, (r) => r.employment, 15),
    strong: data.regions.filter((r) => r.strong === true).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)),
    strong10: data.regions.filter((r) => r.strong10 === true).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)),
    totalEmployment,
    estimatedShare: totalEmployment > 0 ? estimated / totalEmployment : null,
    related,
    datasets: meta.datasets,
    methods: [...clusterReportMethods],
  };
}
