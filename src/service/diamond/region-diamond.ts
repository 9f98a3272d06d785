import { portersDiamond, supplyChainGaps } from '../../core/index.js';
import type { DiamondCorner, DiamondIndicator, ExpertRating } from '../../core/index.js';
import { AnalyticsError } from '../../core/index.js';
import type { ClusterService } from '../cluster-service.js';
import { tradedRelatednessDensity } from '../opportunities/region-opportunities.js';
import { resolveMappedRegion } from '../opportunities/resolve-mapped-region.js';
import { clusterRelatednessMatrices } from '../related-clusters/cluster-relatedness-matrices.js';
import { regionDiamondIndicators, stateIndicators } from '../report/region-standing.js';
import { ServiceError } from '../service-error.js';

/** One scored indicator of a corner: the region's value, the peer statistics, the score and where it came from. */
export interface DiamondIndicatorRow {
  id: string;
  name: string;
  direction: 'positive' | 'negative';
  value: number | null;
  /** Values in the normalisation set (region + peers). */
  peerCount: number;
  peerMean: number | null;
  peerSd: number | null;
  peerMin: number | null;
  peerMax: number | null;
  /** z = ±(value − mean)/sd over region and peers (population sd); null when undefined. */
  score: number | null;
  source: string;
  method: string;
}

/** The JSON of `clusterlens diamond` and GET /api/v1/regions/{region}/diamond. */
export interface RegionDiamond {
  region: string;
  regionName: string;
  /** The benchmark cluster of a region × cluster diamond; null for the region's diamond. */
  cluster: { code: string; name: string; type: string } | null;
  year: number;
  baseYear: number | null;
  peers: string[];
  normalisation: 'z-score';
  /** Weight w of the expert ratings in a corner's score: (1 − w)·indicators + w·expert (0 when none were given). */
  expertWeight: number;
  corners: {
    corner: DiamondCorner;
    score: number | null;
    basis: string;
    /** Weighted mean of the indicator scores; null when the corner has none. */
    indicatorScore: number | null;
    /** Mean expert rating of the corner (1–5, 3 = on a par with the peers) and its z-scale value (rating − 3); null when none. */
    expertRating: number | null;
    expertScore: number | null;
    indicators: DiamondIndicatorRow[];
  }[];
  /** Corners of the diamond without an indicator in the data, with the reason. */
  missingCorners: { corner: DiamondCorner; reason: string }[];
  diagnostics: string[];
  method: string;
}

export interface RegionDiamondOptions {
  year?: number;
  /** Base year of the growth indicators (default: the earliest year of the data, when it differs). */
  baseYear?: number;
  /** A benchmark cluster (code or name): the region × cluster diamond; absent: the region's diamond. */
  cluster?: string;
  /** Peer regions (US states; ids, codes or names); default every other state. */
  peers?: readonly string[];
  /** Expert ratings of corners (1–5, 3 = on a par with the peers), combined with the indicators (core portersDiamond). */
  expertRatings?: readonly ExpertRating[];
  /** Weight of the expert ratings, 0–1 (default 0.5 when ratings are given). */
  expertWeight?: number;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
const METHOD = 'docs/methods/porters-diamond.md';

/** An indicator computed for every state, with its corner, source and method (values keyed by region id). */
interface StateDiamondIndicator extends DiamondIndicator {
  readonly method: string;
}

/**
 * The indicators of the region × cluster diamond of cluster `c`, for every US state of the year's mapping:
 * factor conditions (cluster employment, cluster LQ), demand conditions (buyer presence from the BEA input–output
 * links), related and supporting industries (relatedness density, supplier gap), firm strategy, structure and
 * rivalry (establishments, average establishment size, establishment growth). See docs/methods/porters-diamond.md.
 */
async function clusterDiamondIndicators(service: ClusterService, c: number, year: number, baseYear: number | undefined): Promise<StateDiamondIndicator[]> {
  const m = await service.mapping(year);
  const b = baseYear !== undefined && baseYear !== year ? await service.mapping(baseYear) : null;
  const r = await clusterRelatednessMatrices(service, year);
  const k = m.clusters.length;
  const cluster = m.clusters[c]!;
  const ids = m.regions.map((x) => x.id);
  const per = (f: (q: number) => number): Record<string, number> => Object.fromEntries(ids.map((id, q) => [id, f(q)]));
  const datasets = (await service.mappingDatasetIds()).join(', ');
  const mapping = `ClusterService cluster mapping of the US states, ${year} (${datasets}), as \`clusterlens clusters\``;
  const io = 'BEA 2012 detail Use table aggregated to benchmark clusters (docs/methods/supply-chain-gaps.md)';

  // demand: share of the cluster's intermediate sales (national pattern) bought by clusters the region is specialised in
  let sales = 0;
  for (let d = 0; d < k; d++) if (d !== c) sales += r.flows[c * k + d]!;
  const buyerPresence = (q: number): number => {
    if (!(sales > 0)) return NaN;
    let s = 0;
    for (let d = 0; d < k; d++) if (d !== c && m.lq[q * k + d]! >= 1) s += r.flows[c * k + d]!;
    return s / sales;
  };
  // related and supporting: relatedness density (traded clusters only) and the supplier gap
  const { traded, density } = tradedRelatednessDensity(m, r, 'proximity');
  const column = traded.indexOf(c);
  const suppliers = m.clusters.flatMap((x, i) => (x.type === 'traded' && i !== c ? [i] : []));
  const total = r.inputs[c]!;
  const shares = suppliers.map((d) => (total > 0 ? r.flows[d * k + c]! / total : NaN));
  const supplierGap = (q: number): number => {
    if (!(total > 0)) return NaN;
    const gaps = supplyChainGaps(shares, suppliers.map((d) => m.lq[q * k + d]!));
    let s = 0;
    for (const g of gaps) if (g > 0) s += g;
    return s;
  };
  const baseRow = b ? new Map(b.regions.map((x, q) => [x.id, q])) : null;
  const baseColumn = b ? b.clusters.findIndex((x) => x.code === cluster.code) : -1;
  const period = b ? `${b.year}–${year}` : `${year}`;
  const cell = (q: number): number => q * k + c;
  return [
    { id: 'cluster-employment', name: 'Cluster employment (specialised labour pool)', corner: 'factor-conditions', source: mapping, method: 'employment of the cluster\'s industries in the region (estimated suppressed cells included)', values: per((q) => m.employment[cell(q)]!) },
    { id: 'cluster-lq', name: 'Cluster location quotient', corner: 'factor-conditions', source: mapping, method: 'cluster LQ with traded or local denominators (docs/methods/cluster-location-quotient.md)', values: per((q) => m.lq[cell(q)]!) },
    { id: 'buyer-presence', name: 'Buyer presence (share of intermediate sales to clusters with LQ ≥ 1)', corner: 'demand-conditions', source: `${io}; ${mapping}`, method: 'Σ_b sales_cb · 1[LQ_rb ≥ 1] / Σ_b sales_cb over buying clusters b ≠ c (national sales pattern)', values: per(buyerPresence) },
    { id: 'relatedness-density', name: 'Relatedness density of the cluster', corner: 'related-and-supporting-industries', source: `${mapping}; co-occurrence proximity of the states' traded clusters`, method: 'Σ_j φ_cj M_rj / Σ_j φ_cj over traded clusters, M = 1[LQ ≥ 1] (docs/methods/relatedness-density.md; as `clusterlens opportunities`)', values: per((q) => (column >= 0 ? density[q * traded.length + column]! : NaN)) },
    { id: 'supplier-gap', name: 'Supplier gap (inputs from under-specialised supplier clusters)', corner: 'related-and-supporting-industries', direction: 'negative', source: `${io}; ${mapping}`, method: 'Σ inputShare × (1 − LQ) over traded supplier clusters with LQ < 1 (docs/methods/supply-chain-gaps.md; as `clusterlens opportunities --view gaps`)', values: per(supplierGap) },
    { id: 'cluster-establishments', name: 'Establishments in the cluster (number of rivals)', corner: 'firm-strategy-structure-and-rivalry', source: mapping, method: 'establishments of the cluster\'s industries in the region', values: per((q) => m.establishments[cell(q)]!) },
    { id: 'cluster-establishment-size', name: 'Average establishment size in the cluster (employees)', corner: 'firm-strategy-structure-and-rivalry', direction: 'negative', source: mapping, method: 'cluster employment / cluster establishments; smaller = more, smaller rivals', values: per((q) => (m.establishments[cell(q)]! > 0 ? m.employment[cell(q)]! / m.establishments[cell(q)]! : NaN)) },
    {
      id: 'cluster-establishment-growth',
      name: `Establishment growth in the cluster ${period}`,
      corner: 'firm-strategy-structure-and-rivalry',
      source: mapping.replace(String(year), period),
      method: 'cluster establishments, year / base year − 1 (net new establishments)',
      values: per((q) => {
        const p = baseRow?.get(ids[q]!);
        if (!b || p === undefined || baseColumn < 0) return NaN;
        const then = b.establishments[p * b.clusters.length + baseColumn]!;
        return then > 0 ? m.establishments[cell(q)]! / then - 1 : NaN;
      }),
    },
  ];
}

/**
 * Porter's diamond of a US state, or of a state × benchmark cluster: each corner scored from indicators
 * computed for every state (the same numbers as `clusterlens clusters`, `opportunities` and `opportunities
 * --view gaps`), z-scores against the chosen peers (default every other state), every indicator with its value,
 * peer statistics, source and method. Corners without data are listed with the reason. Missing values stay
 * missing (portersDiamond's policy). See docs/methods/porters-diamond.md.
 * @throws ServiceError NOT_FOUND (region, cluster, peer, year), INVALID_ARGUMENT (no peer)
 */
export async function regionDiamond(service: ClusterService, regionInput: string, options: RegionDiamondOptions = {}): Promise<RegionDiamond> {
  const { year, baseYear } = await service.resolveYears(options.year, options.baseYear);
  const m = await service.mapping(year);
  const { region } = await resolveMappedRegion(service, m, regionInput);
  const peers: string[] = [];
  for (const p of options.peers ?? m.regions.map((x) => x.id)) {
    const id = options.peers ? (await resolveMappedRegion(service, m, p)).region.id : p;
    if (id !== region.id && !peers.includes(id)) peers.push(id);
  }
  if (peers.length === 0) throw new ServiceError('INVALID_ARGUMENT', 'the diamond needs at least one peer region other than the region itself', { peers: options.peers ?? [] });
  let cluster: RegionDiamond['cluster'] = null;
  let indicators: StateDiamondIndicator[];
  let missingCorners: RegionDiamond['missingCorners'];
  if (options.cluster !== undefined) {
    const wanted = options.cluster.trim().toLowerCase();
    const c = m.clusters.findIndex((x) => x.code === wanted || x.name.toLowerCase() === wanted);
    if (c < 0) throw new ServiceError('NOT_FOUND', `unknown cluster "${options.cluster}"`, { cluster: options.cluster });
    const info = m.clusters[c]!;
    cluster = { code: info.code, name: info.name, type: info.type };
    indicators = await clusterDiamondIndicators(service, c, year, baseYear);
    missingCorners = [];
  } else {
    indicators = regionDiamondIndicators(await stateIndicators(service, year, baseYear));
    missingCorners = [
      { corner: 'factor-conditions', reason: 'no indicator in the cluster data (skills, wages, infrastructure are not loaded); see the region × cluster diamond (cluster employment and LQ)' },
      { corner: 'demand-conditions', reason: 'no indicator in the cluster data (GDP per head is not loaded); see the region × cluster diamond (buyer presence)' },
    ];
  }
  const method = new Map(indicators.map((i) => [i.id, i.method]));
  const ratings = options.expertRatings ?? [];
  let result: ReturnType<typeof portersDiamond>;
  try {
    result = portersDiamond({ region: region.id, peers, indicators, expertRatings: ratings }, ratings.length > 0 && options.expertWeight !== undefined ? { expertWeight: options.expertWeight } : {});
  } catch (error) {
    // a bad rating or weight is the caller's input: INVALID_ARGUMENT with the core's message
    if (error instanceof AnalyticsError && error.code === 'INVALID_INPUT') throw new ServiceError('INVALID_ARGUMENT', error.message, { expertRatings: ratings, expertWeight: options.expertWeight });
    throw error;
  }
  // a corner an expert rated is no longer missing: it rests on the rating (basis 'expert')
  const rated = new Set(result.corners.map((c) => c.corner));
  missingCorners = missingCorners.filter((m) => !rated.has(m.corner));
  const localNote = cluster?.type === 'local' ? ['local cluster: relatedness density and the supplier gap are defined over traded clusters; relatedness density is null'] : [];
  return {
    region: region.id,
    regionName: region.name,
    cluster,
    year,
    baseYear: baseYear ?? null,
    peers: result.peers,
    normalisation: 'z-score',
    expertWeight: ratings.length > 0 ? result.expertWeight : 0,
    corners: result.corners.map((c) => ({
      corner: c.corner,
      score: finite(c.score),
      basis: c.basis,
      indicatorScore: finite(c.indicatorScore),
      expertRating: finite(c.expertRating),
      expertScore: finite(c.expertScore),
      indicators: c.indicators.map((i) => ({
        id: i.id,
        name: i.name,
        direction: i.direction,
        value: finite(i.value),
        peerCount: i.peerCount,
        peerMean: finite(i.peerMean),
        peerSd: finite(i.peerSd),
        peerMin: finite(i.peerMin),
        peerMax: finite(i.peerMax),
        score: finite(i.score),
        source: i.source,
        method: method.get(i.id) ?? '',
      })),
    })),
    missingCorners,
    diagnostics: [...result.diagnostics, ...localNote],
    method: METHOD,
  };
}
