import type { ClusterService } from '../cluster-service.js';
import type { ClusterInfo } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';
import { clusterRelatednessMatrices } from './cluster-relatedness-matrices.js';

/** The relatedness a list of related clusters is sorted by. */
export type RelatednessMeasure = 'cmp' | 'input-output' | 'colocation' | 'proximity';
export const RELATEDNESS_MEASURES: readonly RelatednessMeasure[] = Object.freeze(['cmp', 'input-output', 'colocation', 'proximity']);

/** One other cluster and its relatedness to the requested one, every measure side by side. */
export interface RelatedCluster {
  code: string;
  name: string;
  type: ClusterInfo['type'];
  /** CMP combined relatedness cr_all (Delgado–Porter–Stern 2016; can be negative); null for local clusters or without the CMP file. */
  cmp: number | null;
  /** Percentile of cr_all among all pairs (0–99). */
  cmpPercentile: number | null;
  /** CMP's own "related" flag (cr_all above the 90th percentile). */
  cmpRelated: boolean | null;
  cmpInputOutput: number | null;
  cmpOccupation: number | null;
  cmpColocation: number | null;
  /** Our BEA 2012 input–output relatedness (max of the four purchase/sale shares, 0–1). */
  inputOutput: number | null;
  /** Our co-location: correlation of cluster LQs across the states (−1…1). */
  colocation: number | null;
  /** Our co-occurrence proximity φ (traded clusters, M = LQ ≥ 1 across the states, 0–1). */
  proximity: number | null;
}

/** The JSON of `clusterlens related` and GET /api/v1/clusters/{cluster}/related. */
export interface RelatedClustersResult {
  cluster: ClusterInfo;
  year: number;
  sort: RelatednessMeasure;
  related: RelatedCluster[];
  notes: string[];
}

export interface RelatedClustersOptions {
  year: number;
  /** Sort measure; default 'cmp' for a traded cluster when the CMP file is shipped, else 'input-output'. */
  sort?: RelatednessMeasure;
  /** How many clusters to return (default 10; at most all others). */
  count?: number;
}

const value = (v: number | undefined, digits = 6): number | null => (v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * Clusters related to one cluster: the CMP relatedness (traded clusters) and the relatedness computed from the
 * data — BEA input–output links, co-location of LQs, co-occurrence proximity — side by side, sorted by one of
 * them (clusters without a value for it last). See docs/methods/cluster-relatedness.md.
 * @throws ServiceError NOT_FOUND (unknown cluster or year), INVALID_ARGUMENT (bad sort or count, CMP sort without the file)
 */
export async function relatedClusters(service: ClusterService, clusterInput: string, options: RelatedClustersOptions): Promise<RelatedClustersResult> {
  if (options.sort !== undefined && !RELATEDNESS_MEASURES.includes(options.sort)) {
    throw new ServiceError('INVALID_ARGUMENT', `sort must be one of ${RELATEDNESS_MEASURES.join(', ')}, not "${String(options.sort)}"`, { sort: options.sort });
  }
  const count = options.count ?? 10;
  if (!Number.isInteger(count) || count < 1) throw new ServiceError('INVALID_ARGUMENT', `count must be a positive integer, not ${count}`, { count });
  const r = await clusterRelatednessMatrices(service, options.year);
  const k = r.clusters.length;
  const wanted = clusterInput.trim().toLowerCase();
  const a = r.clusters.findIndex((c) => c.code === wanted || c.name.toLowerCase() === wanted);
  if (a < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${clusterInput}"`, { cluster: clusterInput });
  const cluster = r.clusters[a]!;
  const sort = options.sort ?? (cluster.type === 'traded' && r.cmp ? 'cmp' : 'input-output');
  if (sort === 'cmp' && !r.cmp) throw new ServiceError('INVALID_ARGUMENT', 'the CMP relatedness file is not shipped in this installation: sort by input-output, colocation or proximity', { sort });
  const related: RelatedCluster[] = [];
  for (let j = 0; j < k; j++) {
    if (j === a) continue;
    const c = r.clusters[j]!;
    const at = a * k + j;
    related.push({
      code: c.code,
      name: c.name,
      type: c.type,
      cmp: value(r.cmp?.all[at]),
      cmpPercentile: value(r.cmp?.percentile[at]),
      cmpRelated: r.cmp && Number.isFinite(r.cmp.related[at]!) ? r.cmp.related[at] === 1 : null,
      cmpInputOutput: value(r.cmp?.inputOutput[at]),
      cmpOccupation: value(r.cmp?.occupation[at]),
      cmpColocation: value(r.cmp?.colocation[at]),
      inputOutput: value(r.inputOutput[at]),
      colocation: value(r.colocation[at]),
      proximity: value(r.proximity[at]),
    });
  }
  const key = (x: RelatedCluster): number | null => (sort === 'cmp' ? x.cmp : sort === 'input-output' ? x.inputOutput : sort === 'colocation' ? x.colocation : x.proximity);
  related.sort((x, y) => {
    const a1 = key(x);
    const b1 = key(y);
    if (a1 === null || b1 === null) return a1 === b1 ? x.code.localeCompare(y.code) : a1 === null ? 1 : -1;
    return b1 - a1 || x.code.localeCompare(y.code);
  });
  return {
    cluster,
    year: r.year,
    sort,
    related: related.slice(0, count),
    notes: [
      ...r.notes,
      'colocation: Pearson correlation of cluster LQs across the 51 states; proximity: min of the conditional probabilities of LQ ≥ 1 in both (Hidalgo et al. 2007). See docs/methods/cluster-relatedness.md.',
    ],
  };
}
