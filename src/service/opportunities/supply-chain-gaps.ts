import { NOT_APPLICABLE, supplyChainGaps } from '../../core/index.js';
import type { ClusterType } from '../../core/index.js';
import type { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';
import { clusterRelatednessMatrices } from '../related-clusters/cluster-relatedness-matrices.js';
import { resolveMappedRegion } from './resolve-mapped-region.js';

/** One supplier cluster of a region's cluster in which the region is under-specialised. */
export interface SupplyChainGap {
  code: string;
  name: string;
  type: ClusterType;
  /** Share of the buying cluster's intermediate inputs bought from this cluster (BEA 2012, national). */
  inputShare: number;
  /** The region's LQ in this supplier cluster. */
  lq: number | null;
  /** inputShare × (1 − LQ), LQ < 1 only. */
  gapScore: number;
}

export interface SupplyChainCluster {
  code: string;
  name: string;
  lq: number | null;
  strong: boolean | null;
  /** Share of the cluster's intermediate inputs bought from clusters (the rest comes from outside every cluster: government, imports, scrap …). */
  inputsFromClusters: number | null;
  gaps: SupplyChainGap[];
}

/** The JSON of `clusterlens opportunities --view gaps` and GET /api/v1/regions/{region}/supply-chain-gaps. */
export interface SupplyChainGapsResult {
  region: string;
  regionName: string;
  year: number;
  suppliers: 'traded' | 'all';
  clusters: SupplyChainCluster[];
  notes: string[];
}

export interface SupplyChainGapsOptions {
  year: number;
  /** One buying cluster (any, strong or not); default every strong traded cluster of the region. */
  cluster?: string;
  /** Supplier clusters considered: 'traded' (default) or 'all' (local clusters too). */
  suppliers?: 'traded' | 'all';
  /** Gaps listed per cluster (default 10). */
  count?: number;
}

const round = (v: number, digits = 6): number | null => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);

/**
 * Supply-chain gaps of a region: for a cluster of the region (default: each strong traded cluster), the supplier
 * clusters it buys inputs from (BEA 2012 Use table aggregated to clusters) in which the region has LQ < 1,
 * ranked by gap = input share × (1 − LQ). See docs/methods/supply-chain-gaps.md.
 * @throws ServiceError NOT_FOUND (region, cluster, year), INVALID_ARGUMENT (suppliers, count)
 */
export async function regionSupplyChainGaps(service: ClusterService, regionInput: string, options: SupplyChainGapsOptions): Promise<SupplyChainGapsResult> {
  const suppliers = options.suppliers ?? 'traded';
  if (suppliers !== 'traded' && suppliers !== 'all') throw new ServiceError('INVALID_ARGUMENT', `suppliers must be traded or all, not "${String(suppliers)}"`, { suppliers });
  const count = options.count ?? 10;
  if (!Number.isInteger(count) || count < 1) throw new ServiceError('INVALID_ARGUMENT', `count must be a positive integer, not ${count}`, { count });
  const m = await service.mapping(options.year);
  const { region, row } = await resolveMappedRegion(service, m, regionInput);
  const r = await clusterRelatednessMatrices(service, options.year);
  const k = m.clusters.length;
  let buyers: number[];
  if (options.cluster !== undefined) {
    const wanted = options.cluster.trim().toLowerCase();
    const c = m.clusters.findIndex((x) => x.code === wanted || x.name.toLowerCase() === wanted);
    if (c < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${options.cluster}"`, { cluster: options.cluster });
    buyers = [c];
  } else buyers = m.clusters.flatMap((c, i) => (c.type === 'traded' && m.strong[row * k + i] === 1 ? [i] : []));
  const supplierIndex = m.clusters.flatMap((c, i) => (suppliers === 'all' || c.type === 'traded' ? [i] : []));
  const lqs = supplierIndex.map((d) => m.lq[row * k + d]!);
  const clusters: SupplyChainCluster[] = buyers.map((c) => {
    const total = r.inputs[c]!;
    const shares = supplierIndex.map((d) => (d === c ? NaN : total > 0 ? r.flows[d * k + c]! / total : NaN));
    let fromClusters = 0;
    for (let d = 0; d < k; d++) fromClusters += r.flows[d * k + c]!;
    const scores = supplyChainGaps(shares, lqs);
    const gaps: SupplyChainGap[] = [];
    supplierIndex.forEach((d, q) => {
      if (d === c || !(scores[q]! > 0)) return;
      const s = m.clusters[d]!;
      gaps.push({ code: s.code, name: s.name, type: s.type, inputShare: round(shares[q]!)!, lq: round(lqs[q]!, 4), gapScore: round(scores[q]!)! });
    });
    gaps.sort((x, y) => y.gapScore - x.gapScore || x.code.localeCompare(y.code));
    const strong = m.strong[row * k + c]!;
    return {
      code: m.clusters[c]!.code,
      name: m.clusters[c]!.name,
      lq: round(m.lq[row * k + c]!, 4),
      strong: strong === NOT_APPLICABLE ? null : strong === 1,
      inputsFromClusters: total > 0 ? round(fromClusters / total, 4) : null,
      gaps: gaps.slice(0, count),
    };
  });
  return {
    region: region.id,
    regionName: region.name,
    year: m.year,
    suppliers,
    clusters,
    notes: [
      options.cluster === undefined ? `Buying clusters: the region's ${buyers.length} strong traded cluster(s) (U.S. Cluster Mapping rule).` : 'Buying cluster: as requested (strong or not).',
      'inputShare = the cluster\'s purchases from the supplier cluster / its total intermediate inputs (BEA 2012 detail Use table, national coefficients); gapScore = inputShare × (1 − LQ) for suppliers with LQ < 1 in the region. See docs/methods/supply-chain-gaps.md.',
      ...r.notes.filter((n) => n.startsWith('Input')),
    ],
  };
}
