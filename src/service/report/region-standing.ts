import { compositeIndex, compositeSensitivity, portersDiamond } from '../../core/index.js';
import type { CompositeIndicator, DiamondCorner, DiamondIndicator, PerformanceGroup, PortersDiamondResult } from '../../core/index.js';
import type { ClusterService } from '../cluster-service.js';
import type { ClusterMapping } from '../cluster-mapping.js';

/** One indicator computed for every state from the cluster mapping, with its source and method. */
export interface StateIndicator {
  id: string;
  name: string;
  direction: 'positive' | 'negative';
  source: string;
  method: string;
  values: Record<string, number>;
}

/** Where a region stands among the states: a composite index (RIS method) and a partial Porter's diamond. */
export interface RegionStanding {
  region: string;
  year: number;
  baseYear: number | null;
  indicators: { id: string; name: string; direction: 'positive' | 'negative'; value: number | null; source: string; method: string }[];
  composite: {
    indicators: string[];
    relative: number | null;
    group: PerformanceGroup | null;
    rank: number | null;
    regions: number;
    medianRank: number | null;
    rankP05: number | null;
    rankP95: number | null;
    volatility: number | null;
    draws: number;
    seed: number;
  };
  diamond: PortersDiamondResult;
  /** Corners without an indicator in the data. */
  missingCorners: string[];
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

function tradedTotals(m: ClusterMapping): { employment: Float64Array; establishments: Float64Array; strong: Float64Array } {
  const nr = m.regions.length;
  const nc = m.clusters.length;
  const employment = new Float64Array(nr);
  const establishments = new Float64Array(nr);
  const strong = new Float64Array(nr);
  for (let r = 0; r < nr; r++) {
    for (let k = 0; k < nc; k++) {
      if (m.clusters[k]!.type !== 'traded') continue;
      employment[r]! += m.employment[r * nc + k]!;
      establishments[r]! += m.establishments[r * nc + k]!;
      if (m.strong[r * nc + k] === 1) strong[r]! += 1;
    }
  }
  return { employment, establishments, strong };
}

/**
 * The indicators of every state from the cluster mappings of a year and a base year: cluster strength, number of
 * strong clusters, traded employment growth, traded establishment growth, average traded establishment size.
 */
export async function stateIndicators(service: ClusterService, year: number, baseYear: number | undefined): Promise<StateIndicator[]> {
  const m = await service.mapping(year);
  const b = baseYear !== undefined && baseYear !== year ? await service.mapping(baseYear) : null;
  const t = tradedTotals(m);
  const tb = b ? tradedTotals(b) : null;
  const baseIndex = b ? new Map(b.regions.map((r, k) => [r.id, k])) : null;
  const datasets = (await service.mappingDatasetIds()).join(', ');
  const src = (y: string): string => `ClusterService cluster mapping of the US states, ${y} (${datasets})`;
  const per = (f: (r: number) => number): Record<string, number> => Object.fromEntries(m.regions.map((reg, r) => [reg.id, f(r)]));
  const growth = (now: Float64Array, then: Float64Array | undefined, r: number, id: string): number => {
    const k = baseIndex?.get(id);
    if (!then || k === undefined) return NaN;
    return then[k]! > 0 ? now[r]! / then[k]! - 1 : NaN;
  };
  const period = b ? `${b.year}–${year}` : `${year}`;
  return [
    { id: 'cluster-strength', name: 'Cluster strength (traded employment in strong clusters)', direction: 'positive', source: src(String(year)), method: 'U.S. Cluster Mapping strong-cluster rule (docs/methods/strong-clusters.md)', values: per((r) => m.clusterStrength[r]!) },
    { id: 'strong-clusters', name: 'Number of strong traded clusters', direction: 'positive', source: src(String(year)), method: 'count of strong traded clusters (docs/methods/strong-clusters.md)', values: per((r) => t.strong[r]!) },
    { id: 'traded-employment-growth', name: `Traded employment growth ${period}`, direction: 'positive', source: src(period), method: 'Σ traded-cluster employment, year / base year − 1', values: per((r) => growth(t.employment, tb?.employment, r, m.regions[r]!.id)) },
    { id: 'traded-establishment-growth', name: `Traded establishment growth ${period} (net new establishments)`, direction: 'positive', source: src(period), method: 'Σ traded-cluster establishments, year / base year − 1', values: per((r) => growth(t.establishments, tb?.establishments, r, m.regions[r]!.id)) },
    { id: 'traded-establishment-size', name: 'Average traded establishment size (employees)', direction: 'negative', source: src(String(year)), method: 'Σ traded employment / Σ traded establishments; smaller = more, smaller rivals', values: per((r) => (t.establishments[r]! > 0 ? t.employment[r]! / t.establishments[r]! : NaN)) },
  ];
}

const COMPOSITE: readonly string[] = ['cluster-strength', 'strong-clusters', 'traded-employment-growth', 'traded-establishment-growth'];

/** The corners of the region's (partial) Porter's diamond and the state indicators on them. */
const DIAMOND: readonly (readonly [string, DiamondCorner])[] = [
  ['cluster-strength', 'related-and-supporting-industries'],
  ['strong-clusters', 'related-and-supporting-industries'],
  ['traded-establishment-size', 'firm-strategy-structure-and-rivalry'],
  ['traded-establishment-growth', 'firm-strategy-structure-and-rivalry'],
];

/**
 * The indicators of a region's Porter's diamond from the state indicators: related and supporting industries
 * (cluster strength, strong clusters), firm strategy, structure and rivalry (average traded establishment size,
 * traded establishment growth). Shared by the region report and `clusterlens diamond`.
 */
export function regionDiamondIndicators(indicators: readonly StateIndicator[]): (DiamondIndicator & { method: string })[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  return DIAMOND.map(([id, corner]) => {
    const i = byId.get(id)!;
    return { id, name: i.name, corner, direction: i.direction, source: i.source, method: i.method, values: i.values };
  });
}

/**
 * A region's standing among the US states: the "cluster portfolio index" — a composite index in the manner of
 * the RIS (docs/methods/composite-index.md; equal weights; reference = mean of the states = 100) of cluster
 * strength, strong clusters, traded employment growth and traded establishment growth, with its rank sensitivity
 * to the weights (1000 draws, ±25%, seed 1) — and a partial Porter's diamond (docs/methods/porters-diamond.md;
 * z-scores against all states): related and supporting industries (cluster strength, strong clusters) and firm
 * strategy, structure and rivalry (average establishment size, establishment growth). Factor and demand
 * conditions have no indicator in the cluster data and are listed as missing.
 */
export async function regionStanding(service: ClusterService, regionId: string, year: number, baseYear: number | undefined): Promise<RegionStanding> {
  const indicators = await stateIndicators(service, year, baseYear);
  const regions = Object.keys(indicators[0]!.values);
  const r = regions.indexOf(regionId);
  const used = indicators.filter((i) => COMPOSITE.includes(i.id));
  const values = new Float64Array(regions.length * used.length);
  regions.forEach((reg, k) => used.forEach((ind, j) => (values[k * used.length + j] = ind.values[reg] ?? NaN)));
  const spec: CompositeIndicator[] = used.map((i) => ({ id: i.id, direction: i.direction }));
  const input = { regions, indicators: spec, values };
  const index = compositeIndex(input);
  const draws = 1000;
  const seed = 1;
  const sens = compositeSensitivity(input, { draws, seed });
  const diamond = portersDiamond({
    region: regionId,
    peers: regions.filter((x) => x !== regionId),
    indicators: regionDiamondIndicators(indicators).map(({ method, ...i }) => ({ ...i, source: `${i.source}; ${method}` })),
  });
  return {
    region: regionId,
    year,
    baseYear: baseYear ?? null,
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, direction: i.direction, value: finite(i.values[regionId] ?? NaN), source: i.source, method: i.method })),
    composite: {
      indicators: [...COMPOSITE],
      relative: finite(index.relative[r]!),
      group: index.group[r] ?? null,
      rank: finite(index.rank[r]!),
      regions: regions.length,
      medianRank: finite(sens.medianRank[r]!),
      rankP05: finite(sens.rankP05[r]!),
      rankP95: finite(sens.rankP95[r]!),
      volatility: finite(sens.volatility[r]!),
      draws,
      seed,
    },
    diamond,
    missingCorners: ['factor-conditions', 'demand-conditions'],
  };
}
