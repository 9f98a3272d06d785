import { differenceInDifferences } from '../../core/index.js';
import type { DidEstimate } from '../../core/index.js';
import { INDUSTRY_FAMILIES, INDUSTRY_FAMILY_SCHEMES, US_BENCHMARK_CLUSTER_FAMILIES } from '../../io/classifications/industry-families.js';
import type { IndustryFamilyCode } from '../../io/classifications/industry-families.js';
import type { Initiative } from '../../io/initiatives/index.js';
import type { RegionRecord } from '../../io/store/store.js';
import type { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';

/** One region's employment of the targeted clusters per year (null = missing). */
export interface OutcomeSeries {
  region: string;
  name: string;
  employment: Record<string, number | null>;
}

/** The JSON contract of `clusterlens initiatives outcomes` and GET /api/v1/initiatives/{id}/outcomes. */
export interface InitiativeOutcomes {
  initiative: { id: string; name: string; region: string | null; periodStart: number | null; demonstration: boolean };
  status: 'estimated' | 'insufficient-data';
  /** Why nothing (or only part) could be estimated; null when estimated. */
  reason: string | null;
  outcome: {
    measure: string;
    /** benchmark-clusters (US Cluster Mapping) or industry-families (EU NUTS-2, JP prefectures). */
    level: 'benchmark-clusters' | 'industry-families' | null;
    codes: string[];
    classification: string | null;
    notes: string[];
  };
  treatmentYear: number | null;
  years: number[];
  preYears: number[];
  postYears: number[];
  treated: OutcomeSeries | null;
  peers: OutcomeSeries[];
  /** Peers left out (a year missing or zero employment: the log is undefined). */
  excludedPeers: string[];
  /** How the peers were chosen. */
  peerSelection: string;
  estimate: number | null;
  standardError: number | null;
  standardErrorMethod: DidEstimate['standardErrorMethod'];
  tStatistic: number | null;
  /** e^estimate − 1: the approximate extra growth of the targeted clusters' employment. */
  relativeEffect: number | null;
  treatedChange: number | null;
  controlChange: number | null;
  /** Mean log employment per year: the treated region and the mean over the peers used (for charts). */
  meanLogEmployment: { year: number; treated: number | null; peers: number | null }[];
  preTrend: { estimate: number | null; standardError: number | null; tStatistic: number | null; years: number[]; verdict: string } | null;
  assumptions: string[];
  sources: string[];
  method: string;
}

export const DID_ASSUMPTIONS: readonly string[] = Object.freeze([
  'Parallel trends: without the initiative, log employment of the targeted clusters in the region would have moved like the mean of the peer regions.',
  'No anticipation before the start year, no spill-over to the peers, and no similar policy in the peers over the same years.',
  'The targeted clusters, their definitions and the regions\' boundaries are fixed over the years compared.',
  'Employment as published (US: CBP employees, suppressed cells estimated; EU: LFS persons, a sample survey; JP: Economic Census persons).',
]);

const METHOD = 'docs/methods/difference-in-differences.md';
const FAMILY_CODES = new Set<string>(INDUSTRY_FAMILIES.map((f) => f.code));
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const finite = (v: number, digits = 6): number | null => (Number.isFinite(v) ? round(v, digits) : null);

interface Panel {
  level: 'benchmark-clusters' | 'industry-families';
  classification: string;
  codes: string[];
  notes: string[];
  years: number[];
  regions: RegionRecord[];
  /** employment per region id, per year index (NaN missing). */
  employment: Map<string, Float64Array>;
  source: string;
  peerType: string;
}

/**
 * Outcome tracking of an initiative: difference-in-differences of log employment of its targeted clusters in
 * its region against the same clusters in peer regions, before vs from its start year, on the years in the
 * data (docs/methods/difference-in-differences.md). US states use benchmark-cluster employment of the Cluster
 * Mapping (CBP years); EU NUTS-2 regions and Japanese prefectures use industry-family employment (a benchmark
 * cluster counts as the family it mostly falls in — a coarse proxy, noted). Peers default to every other region
 * of the same kind with data. Returns status insufficient-data with the reason when the region, targets, start
 * year or years do not allow an estimate; nothing is imputed.
 */
export async function initiativeOutcomes(clusters: ClusterService, initiative: Initiative, options: { peers?: readonly string[] } = {}): Promise<InitiativeOutcomes> {
  const base: InitiativeOutcomes = {
    initiative: { id: initiative.id, name: initiative.name, region: initiative.region, periodStart: initiative.periodStart, demonstration: initiative.demonstration },
    status: 'insufficient-data',
    reason: null,
    outcome: { measure: 'log employment of the targeted clusters (summed)', level: null, codes: [], classification: null, notes: [] },
    treatmentYear: initiative.periodStart,
    years: [],
    preYears: [],
    postYears: [],
    treated: null,
    peers: [],
    excludedPeers: [],
    peerSelection: options.peers && options.peers.length > 0 ? 'the peers given' : 'every other region of the same kind with data',
    estimate: null,
    standardError: null,
    standardErrorMethod: null,
    tStatistic: null,
    relativeEffect: null,
    treatedChange: null,
    controlChange: null,
    meanLogEmployment: [],
    preTrend: null,
    assumptions: [...DID_ASSUMPTIONS],
    sources: [],
    method: METHOD,
  };
  const insufficient = (reason: string): InitiativeOutcomes => ({ ...base, reason });
  if (initiative.region === null) return insufficient('the initiative has no single region (a national or multi-region programme): there is no treated region to compare');
  if (initiative.targetClusters.length === 0) return insufficient('the initiative names no target cluster codes (benchmark clusters or industry families): there is no employment to track');
  if (initiative.periodStart === null) return insufficient('the initiative has no start year: before and after cannot be told apart');
  let region: RegionRecord;
  try {
    region = await clusters.resolveRegion(initiative.region);
  } catch (error) {
    if (error instanceof ServiceError) return insufficient(`region ${initiative.region} is not in the statistics database`);
    throw error;
  }
  const panel = await loadPanel(clusters, region, initiative.targetClusters);
  if (typeof panel === 'string') return insufficient(panel);
  base.outcome = { ...base.outcome, level: panel.level, codes: panel.codes, classification: panel.classification, notes: panel.notes };
  base.sources = [panel.source];
  base.years = panel.years;
  let peerIds: string[];
  if (options.peers && options.peers.length > 0) {
    peerIds = [];
    for (const p of options.peers) {
      const peer = await clusters.resolveRegion(p);
      if (peer.id === region.id) throw new ServiceError('INVALID_ARGUMENT', `peer ${peer.id} is the initiative's own region`, { peer: peer.id });
      if (!panel.employment.has(peer.id)) throw new ServiceError('INVALID_ARGUMENT', `peer ${peer.id} (${peer.name}) is not a ${panel.peerType} with ${panel.classification} data like ${region.id}`, { peer: peer.id });
      if (!peerIds.includes(peer.id)) peerIds.push(peer.id);
    }
  } else {
    peerIds = panel.regions.filter((r) => r.id !== region.id).map((r) => r.id);
  }
  const units = [region.id, ...peerIds];
  const ny = panel.years.length;
  const values = new Float64Array(units.length * ny);
  units.forEach((id, i) => {
    const e = panel.employment.get(id);
    for (let t = 0; t < ny; t++) {
      const v = e ? e[t]! : NaN;
      values[i * ny + t] = v > 0 ? Math.log(v) : NaN;
    }
  });
  const treated = Uint8Array.from(units, (_, i) => (i === 0 ? 1 : 0));
  const result = differenceInDifferences({ units, treated, years: panel.years, values }, { treatmentYear: initiative.periodStart });
  const byId = new Map(panel.regions.map((r) => [r.id, r]));
  const series = (id: string): OutcomeSeries => {
    const e = panel.employment.get(id);
    return { region: id, name: byId.get(id)?.name ?? id, employment: Object.fromEntries(panel.years.map((y, t) => [String(y), e && Number.isFinite(e[t]) ? e[t]! : null])) };
  };
  const used = new Set(result.controlUnits);
  const meanLogEmployment = panel.years.map((year, t) => {
    let sum = 0;
    let n = 0;
    units.forEach((id, i) => {
      if (i > 0 && used.has(id)) {
        sum += values[i * ny + t]!;
        n++;
      }
    });
    const own = values[t]!;
    return { year, treated: finite(own), peers: n > 0 ? finite(sum / n) : null };
  });
  const preTrend = result.preTrend
    ? {
        estimate: finite(result.preTrend.estimate),
        standardError: finite(result.preTrend.standardError),
        tStatistic: finite(result.preTrend.tStatistic, 3),
        years: result.preTrend.years,
        verdict: !Number.isFinite(result.preTrend.tStatistic)
          ? 'no standard error: cannot judge'
          : Math.abs(result.preTrend.tStatistic) < 2
            ? 'no sign of diverging pre-trends (|t| < 2)'
            : 'diverging pre-trends (|t| ≥ 2): the parallel-trends assumption is doubtful',
      }
    : null;
  const treatedExcluded = result.excludedUnits.includes(region.id);
  return {
    ...base,
    status: result.status,
    reason: result.status === 'estimated' ? null : treatedExcluded ? `${region.id} has no or zero employment in the targeted clusters in a year of the data` : result.reason,
    preYears: result.preYears,
    postYears: result.postYears,
    treated: series(region.id),
    peers: peerIds.map(series),
    excludedPeers: result.excludedUnits.filter((id) => id !== region.id),
    estimate: finite(result.estimate),
    standardError: finite(result.standardError),
    standardErrorMethod: result.standardErrorMethod,
    tStatistic: finite(result.tStatistic, 3),
    relativeEffect: finite(Math.expm1(result.estimate)),
    treatedChange: finite(result.treatedChange),
    controlChange: finite(result.controlChange),
    meanLogEmployment,
    preTrend,
    outcome: {
      ...base.outcome,
      notes: [
        ...panel.notes,
        ...(result.preYears.length < 2 && result.status === 'estimated' ? [`only one year before ${initiative.periodStart} (${result.preYears.join(', ')}): the parallel-trends assumption cannot be checked`] : []),
      ],
    },
  };
}

/** The employment panel of the targeted codes for the region's kind of region, or why there is none. */
async function loadPanel(clusters: ClusterService, region: RegionRecord, targets: readonly string[]): Promise<Panel | string> {
  const store = clusters.store;
  const benchmark = targets.filter((c) => c in US_BENCHMARK_CLUSTER_FAMILIES);
  const families = targets.filter((c) => FAMILY_CODES.has(c));
  const unknown = targets.filter((c) => !(c in US_BENCHMARK_CLUSTER_FAMILIES) && !FAMILY_CODES.has(c));
  const notes: string[] = unknown.length > 0 ? [`target codes not recognised and left out: ${unknown.join(', ')}`] : [];
  if (region.country === 'US' && region.type === 'state' && benchmark.length > 0) {
    const years = (await clusters.meta()).years;
    const mappings = [];
    for (const y of years) mappings.push(await clusters.mapping(y));
    const regions = mappings[0]!.regions;
    const employment = new Map<string, Float64Array>();
    for (const r of regions) employment.set(r.id, new Float64Array(years.length).fill(NaN));
    mappings.forEach((m, t) => {
      const ks = benchmark.map((code) => m.clusters.findIndex((c) => c.code === code)).filter((k) => k >= 0);
      const nc = m.clusters.length;
      m.regions.forEach((r, i) => {
        let sum = 0;
        for (const k of ks) sum += m.employment[i * nc + k]!;
        const row = employment.get(r.id);
        if (row) row[t] = ks.length > 0 ? sum : NaN;
      });
    });
    if (families.length > 0) notes.push(`family codes (${families.join(', ')}) left out: a US state is tracked on its benchmark clusters`);
    return {
      level: 'benchmark-clusters',
      classification: 'NAICS2007',
      codes: benchmark,
      notes,
      years,
      regions,
      employment,
      source: 'U.S. Census Bureau, County Business Patterns (states), benchmark clusters of the U.S. Cluster Mapping (Delgado, Porter & Stern 2016) as computed by ClusterService',
      peerType: 'US state',
    };
  }
  const kind = region.country === 'US' && region.type === 'state' ? { classification: 'NAICS2007', type: 'state' as const, label: 'US state', absentMeansZero: true }
    : region.country === 'JP' && region.type === 'prefecture' ? { classification: 'JSIC13', type: 'prefecture' as const, label: 'Japanese prefecture', absentMeansZero: false }
    : region.type === 'nuts2' ? { classification: 'NACE2', type: 'nuts2' as const, label: 'NUTS-2 region', absentMeansZero: false }
    : null;
  if (kind === null) return `region ${region.id} (${region.type}) has no employment series for outcome tracking: use a US state, a NUTS-2 region or a Japanese prefecture`;
  const targetFamilies = new Set<IndustryFamilyCode>(families as IndustryFamilyCode[]);
  for (const code of benchmark) targetFamilies.add(US_BENCHMARK_CLUSTER_FAMILIES[code]!.family);
  if (targetFamilies.size === 0) return 'no target code maps to an industry family';
  if (benchmark.length > 0) {
    notes.push(
      `${region.id} has no cluster-level data: the benchmark clusters ${benchmark.join(', ')} are tracked through their industry families (${benchmark.map((c) => `${c} → ${US_BENCHMARK_CLUSTER_FAMILIES[c]!.family}`).join(', ')}), a much broader aggregate — docs/methods/industry-families.md`,
    );
  }
  const scheme = INDUSTRY_FAMILY_SCHEMES[kind.classification]!;
  const years = await store.listYears(kind.classification);
  const regions = (await store.listRegions({ type: kind.type })).filter((r) => (kind.type === 'nuts2' ? true : r.country === region.country)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const rows = await store.queryObservations({ classification: kind.classification, years, measures: ['employment'], regionIds: regions.map((r) => r.id), levels: scheme.levels });
  const familyOfCode = new Map(scheme.rules.filter((r) => r.exceptionOf === undefined).map((r) => [r.code, r.family]));
  const weights = new Map<string, number>();
  for (const rule of scheme.rules) {
    if (rule.exceptionOf === undefined) {
      if (rule.family !== null && targetFamilies.has(rule.family)) weights.set(rule.code, 1);
      continue;
    }
    const from = familyOfCode.get(rule.exceptionOf) ?? null;
    const w = (rule.family !== null && targetFamilies.has(rule.family) ? 1 : 0) - (from !== null && targetFamilies.has(from) ? 1 : 0);
    if (w !== 0) weights.set(rule.code, w);
  }
  const yearIndex = new Map(years.map((y, t) => [y, t]));
  const employment = new Map<string, Float64Array>();
  const seen = new Map<string, Uint8Array>();
  for (const row of rows) {
    const w = weights.get(row.industryCode);
    const t = yearIndex.get(row.year);
    if (w === undefined || t === undefined) continue;
    let e = employment.get(row.regionId);
    if (!e) {
      employment.set(row.regionId, (e = new Float64Array(years.length)));
      seen.set(row.regionId, new Uint8Array(years.length));
    }
    if (row.value === null) e[t] = NaN;
    else e[t] = e[t]! + w * row.value;
    seen.get(row.regionId)![t] = 1;
  }
  if (!kind.absentMeansZero) for (const [id, e] of employment) seen.get(id)!.forEach((s, t) => { if (!s) e[t] = NaN; });
  if (!employment.has(region.id)) return `${region.id} has no ${kind.classification} employment in the database`;
  return {
    level: 'industry-families',
    classification: kind.classification,
    codes: [...targetFamilies].sort(),
    notes,
    years,
    regions: regions.filter((r) => employment.has(r.id)),
    employment,
    source:
      kind.classification === 'NACE2'
        ? 'Eurostat, Labour Force Survey lfst_r_lfe2en2 (employment by NUTS-2 region and NACE Rev. 2 A*10), via the industry families of docs/methods/industry-families.md'
        : kind.classification === 'JSIC13'
          ? 'Economic Census for Business Activity (MIC/METI, e-Stat), prefectures × JSIC divisions, via the industry families'
          : 'U.S. Census Bureau, County Business Patterns (states), NAICS sectors via the industry families',
    peerType: kind.label,
  };
}
