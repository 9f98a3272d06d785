import { denseMatrix, jaccardSimilarity, peerScore, profileSimilarity, queenContiguity } from '../../core/index.js';
import type { SpatialWeightsResult } from '../../core/index.js';
import { readRegionPolygons } from '../../io/geo/read-region-polygons.js';
import type { BoundarySet } from '../../io/geo/read-region-polygons.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { readObservationColumns } from '../../io/store/read-observation-columns.js';
import type { RegionRecord } from '../../io/store/store.js';
import type { ClusterService } from '../cluster-service.js';
import { ServiceError } from '../service-error.js';

/** Weights of the components of the combined peer score. */
export interface PeerWeights {
  profile: number;
  shared: number;
  size: number;
  neighbour: number;
}

/** Default weights: profile similarity 0.5, shared specialisations 0.3, size closeness 0.2, neighbours 0. */
export const PEER_WEIGHTS_DEFAULTS: Readonly<PeerWeights> = Object.freeze({ profile: 0.5, shared: 0.3, size: 0.2, neighbour: 0 });

export interface PeerRegionsOptions {
  /** Year of the region's source (default: the latest year of its classification). */
  year?: number;
  /** Peers returned (default 10). */
  count?: number;
  /** Size band: a peer is within it when its total employment is within this factor of the region's (default 2). */
  sizeFactor?: number;
  /** Keep only peers within the size band (default false: the band is shown, size closeness enters the score). */
  sizeBandOnly?: boolean;
  weights?: Partial<PeerWeights>;
}

/** One peer with every component of its score. */
export interface PeerRegion {
  rank: number;
  region: string;
  name: string;
  /** Σ_c w_c x_c / Σ_c w_c over the components defined for this peer (0–1). */
  score: number;
  /** Cosine similarity of the employment-share profiles (0–1). */
  profileSimilarity: number | null;
  /** Euclidean distance of the share profiles (0–√2). */
  euclideanDistance: number | null;
  /** Krugman dissimilarity Σ|s_r − s_t| (0–2). */
  krugmanDissimilarity: number | null;
  /** Jaccard index of the sets of strong clusters (US) or specialisations LQ ≥ 1 (elsewhere); null when both are empty. */
  sharedJaccard: number | null;
  shared: string[];
  totalEmployment: number;
  /** peer total / region total. */
  sizeRatio: number | null;
  /** min(ratio, 1/ratio): 1 for the same size. */
  sizeCloseness: number | null;
  withinSizeBand: boolean;
  /** Shares a border (queen contiguity of the shipped boundaries); null where no boundaries are shipped (EU). */
  neighbour: boolean | null;
}

/** The JSON of `clusterlens peers` and GET /api/v1/regions/{region}/peers. */
export interface PeerRegionsResult {
  region: string;
  regionName: string;
  regionType: string;
  year: number;
  /** What the profile is made of: "traded benchmark clusters" or "<classification> sections". */
  profile: string;
  /** What "shared" counts: strong clusters or specialisations. */
  sharedBasis: string;
  candidates: number;
  totalEmployment: number;
  weights: PeerWeights;
  sizeFactor: number;
  peers: PeerRegion[];
  notes: string[];
}

/** Profiles of one region universe: rows = regions, columns = clusters or industries. */
interface Universe {
  regions: RegionRecord[];
  columns: string[];
  values: Float64Array;
  /** 0/1 flags of the shared-set basis (strong clusters, or LQ ≥ 1). */
  flags: Float64Array;
  total: Float64Array;
  profile: string;
  sharedBasis: string;
  year: number;
  boundaries: BoundarySet | null;
  notes: string[];
}

/** An industry withheld in more than this share of the regions is left out of non-US profiles. */
const MAX_WITHHELD = 0.2;

const round = (v: number, digits = 6): number | null => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);

async function usUniverse(service: ClusterService, year: number | undefined): Promise<Universe> {
  const { year: y } = await service.resolveYears(year);
  const m = await service.mapping(y);
  const traded = m.clusters.flatMap((c, i) => (c.type === 'traded' ? [i] : []));
  const nr = m.regions.length;
  const nc = m.clusters.length;
  const t = traded.length;
  const values = new Float64Array(nr * t);
  const flags = new Float64Array(nr * t);
  const total = new Float64Array(nr);
  for (let r = 0; r < nr; r++) {
    for (let a = 0; a < t; a++) {
      values[r * t + a] = m.employment[r * nc + traded[a]!]!;
      flags[r * t + a] = m.strong[r * nc + traded[a]!] === 1 ? 1 : 0;
    }
    let sum = 0;
    for (let c = 0; c < nc; c++) sum += m.employment[r * nc + c]!;
    total[r] = sum;
  }
  return {
    regions: m.regions,
    columns: traded.map((i) => m.clusters[i]!.code),
    values,
    flags,
    total,
    profile: 'employment shares of the 51 traded benchmark clusters',
    sharedBasis: 'strong clusters (U.S. Cluster Mapping rule)',
    year: y,
    boundaries: 'us-states',
    notes: [],
  };
}

async function industryUniverse(service: ClusterService, region: RegionRecord, year: number | undefined): Promise<Universe> {
  const classification = region.country === 'JP' ? 'JSIC13' : 'NACE2';
  const years = await service.store.listYears(classification);
  if (years.length === 0) throw new ServiceError('NOT_FOUND', `no ${classification} data for ${region.id}`, { region: region.id });
  const y = year ?? years[years.length - 1]!;
  if (!years.includes(y)) throw new ServiceError('NOT_FOUND', `no ${classification} data for ${y}; available: ${years.join(', ')}`, { year: y, available: years });
  const all = await service.store.listRegions({ type: region.type });
  const regions = all.filter((r) => (classification === 'JSIC13' ? r.country === 'JP' : r.country !== 'JP' && r.country !== 'US')).sort((a, b) => (a.id < b.id ? -1 : 1));
  const obs = await readObservationColumns(service.store, { classification, years: [y], measures: ['employment'], regionIds: regions.map((r) => r.id), levels: [0, 1] });
  const cells = new Map<string, Map<string, number>>();
  const industries = new Set<string>();
  for (let q = 0; q < obs.value.length; q++) {
    const code = obs.industryCode[q]!;
    if (code === 'NRP') continue; // activity not stated
    let row = cells.get(obs.regionId[q]!);
    if (!row) cells.set(obs.regionId[q]!, (row = new Map()));
    row.set(code, obs.value[q]!);
    if (code !== 'TOTAL') industries.add(code);
  }
  const target = cells.get(region.id);
  if (!target || !Number.isFinite(target.get('TOTAL') ?? NaN)) throw new ServiceError('NOT_FOUND', `no total employment for ${region.id} (${region.name}) in ${y}`, { region: region.id, year: y });
  // the profile: industries the region itself publishes a value for, less those withheld in more than
  // MAX_WITHHELD of the regions with a total (EU LFS withholds real estate, L, in a third of NUTS 2 regions)
  const kept = regions.filter((r) => Number.isFinite(cells.get(r.id)?.get('TOTAL') ?? NaN));
  const published = [...industries].filter((c) => Number.isFinite(target.get(c) ?? NaN)).sort();
  const withheldShare = (c: string): number => kept.filter((r) => !Number.isFinite(cells.get(r.id)!.get(c) ?? NaN)).length / kept.length;
  const dropped = published.filter((c) => withheldShare(c) > MAX_WITHHELD);
  const columns = dropped.length < published.length - 1 ? published.filter((c) => !dropped.includes(c)) : published;
  const nr = kept.length;
  const t = columns.length;
  const values = new Float64Array(nr * t);
  const total = new Float64Array(nr);
  kept.forEach((r, q) => {
    const row = cells.get(r.id)!;
    total[q] = row.get('TOTAL') ?? NaN;
    columns.forEach((c, a) => (values[q * t + a] = row.get(c) ?? NaN));
  });
  // specialisation flags: LQ ≥ 1 against the sum of the complete rows
  const complete = kept.map((_, q) => columns.every((_, a) => Number.isFinite(values[q * t + a]!)));
  const colTotal = new Float64Array(t);
  let grand = 0;
  kept.forEach((_, q) => {
    if (!complete[q]) return;
    for (let a = 0; a < t; a++) {
      colTotal[a] = colTotal[a]! + values[q * t + a]!;
      grand += values[q * t + a]!;
    }
  });
  const flags = new Float64Array(nr * t);
  kept.forEach((_, q) => {
    let rowTotal = 0;
    for (let a = 0; a < t; a++) rowTotal += values[q * t + a]!;
    for (let a = 0; a < t; a++) {
      const lq = values[q * t + a]! / rowTotal / (colTotal[a]! / grand);
      flags[q * t + a] = Number.isFinite(lq) ? (lq >= 1 ? 1 : 0) : NaN;
    }
  });
  const incomplete = kept.filter((_, q) => !complete[q]).length;
  return {
    regions: kept,
    columns,
    values,
    flags,
    total,
    profile: `employment shares of the ${t} ${classification} ${classification === 'JSIC13' ? 'divisions' : 'A*10 groups'} with a value for ${region.id}`,
    sharedBasis: `specialisations (LQ ≥ 1 against all ${region.type} regions with complete data)`,
    year: y,
    boundaries: classification === 'JSIC13' && region.type === 'prefecture' ? 'jp-prefectures' : null,
    notes: [
      ...(columns.length < published.length ? [`Left out of the profile: ${dropped.join(', ')} (withheld in more than ${MAX_WITHHELD * 100} % of the regions).`] : []),
      ...(incomplete > 0 ? [`${incomplete} region(s) withhold a value in the profile: their similarity is undefined and they are not ranked.`] : []),
    ],
  };
}

function neighboursOf(ids: readonly string[], set: BoundarySet | null, target: string, dataDir: string): Set<string> | null {
  if (!set) return null;
  const polygons = readRegionPolygons(dataDir, set);
  if (!polygons) return null;
  const w: SpatialWeightsResult = queenContiguity(polygons);
  const at = w.ids.indexOf(target);
  if (at < 0) return new Set();
  const out = new Set<string>();
  for (let q = w.offsets[at]!; q < w.offsets[at + 1]!; q++) out.add(w.ids[w.neighbors[q]!]!);
  return new Set([...out].filter((id) => ids.includes(id)));
}

/**
 * Peer regions of a region among the regions of the same type (US states; NUTS 0–2 regions; Japanese prefectures):
 * similarity of specialisation profiles (cosine, Euclidean and Krugman of employment shares — traded clusters for US
 * states, published industry groups elsewhere), shared strong clusters / specialisations (Jaccard), size (total
 * employment ratio and band), and neighbours (queen contiguity of the shipped boundaries), combined into a weighted
 * score with each component shown. See docs/methods/peer-regions.md.
 * @throws ServiceError NOT_FOUND (region, year), INVALID_ARGUMENT (count, sizeFactor, weights, region type)
 */
export async function peerRegions(service: ClusterService, regionInput: string, options: PeerRegionsOptions = {}, dataDir = shippedDataDir()): Promise<PeerRegionsResult> {
  const count = options.count ?? 10;
  if (!Number.isInteger(count) || count < 1) throw new ServiceError('INVALID_ARGUMENT', `count must be a positive integer, not ${count}`, { count });
  const sizeFactor = options.sizeFactor ?? 2;
  if (!(sizeFactor >= 1) || !Number.isFinite(sizeFactor)) throw new ServiceError('INVALID_ARGUMENT', `sizeFactor must be a number ≥ 1, not ${sizeFactor}`, { sizeFactor });
  const weights: PeerWeights = { ...PEER_WEIGHTS_DEFAULTS, ...options.weights };
  for (const [name, v] of Object.entries(weights)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new ServiceError('INVALID_ARGUMENT', `weight ${name} must be a finite number ≥ 0, not ${v}`, { weight: name });
  }
  if (weights.profile + weights.shared + weights.size + weights.neighbour === 0) throw new ServiceError('INVALID_ARGUMENT', 'at least one weight must be positive', { weights });
  const region = await service.resolveRegion(regionInput, { prefer: (r) => r.type === 'state' || r.type === 'prefecture' || r.type.startsWith('nuts') });
  let u: Universe;
  if (region.country === 'US' && region.type === 'state') u = await usUniverse(service, options.year);
  else if ((region.country === 'JP' && region.type === 'prefecture') || region.type === 'nuts0' || region.type === 'nuts1' || region.type === 'nuts2') u = await industryUniverse(service, region, options.year);
  else throw new ServiceError('INVALID_ARGUMENT', `peers are found among US states, NUTS 0–2 regions and Japanese prefectures; ${region.id} is a ${region.type}`, { region: region.id, type: region.type });
  const target = u.regions.findIndex((r) => r.id === region.id);
  if (target < 0) throw new ServiceError('NOT_FOUND', `no data for ${region.id} (${region.name}) in ${u.year}`, { region: region.id, year: u.year });
  const ids = u.regions.map((r) => r.id);
  const x = denseMatrix(ids, u.columns, u.values);
  const similarity = profileSimilarity(x, target);
  const jaccard = jaccardSimilarity(denseMatrix(ids, u.columns, u.flags), target);
  const neighbours = neighboursOf(ids, u.boundaries, region.id, dataDir);
  const t = u.columns.length;
  const totalTarget = u.total[target]!;
  const peers: PeerRegion[] = [];
  u.regions.forEach((r, q) => {
    if (q === target || !Number.isFinite(similarity.cosine[q]!)) return;
    const ratio = totalTarget > 0 ? u.total[q]! / totalTarget : NaN;
    const closeness = Number.isFinite(ratio) && ratio > 0 ? Math.min(ratio, 1 / ratio) : NaN;
    const within = Number.isFinite(ratio) && ratio > 0 && ratio <= sizeFactor && ratio >= 1 / sizeFactor;
    if (options.sizeBandOnly && !within) return;
    const neighbour = neighbours ? neighbours.has(r.id) : null;
    const score = peerScore(
      { profile: [similarity.cosine[q]!], shared: [jaccard.jaccard[q]!], size: [closeness], neighbour: [neighbour === null ? NaN : neighbour ? 1 : 0] },
      weights,
    )[0]!;
    const shared: string[] = [];
    for (let a = 0; a < t; a++) if (u.flags[q * t + a] === 1 && u.flags[target * t + a] === 1) shared.push(u.columns[a]!);
    peers.push({
      rank: 0,
      region: r.id,
      name: r.name,
      score: round(score) ?? 0,
      profileSimilarity: round(similarity.cosine[q]!),
      euclideanDistance: round(similarity.euclidean[q]!),
      krugmanDissimilarity: round(similarity.krugman[q]!),
      sharedJaccard: round(jaccard.jaccard[q]!),
      shared,
      totalEmployment: Math.round(u.total[q]! * 10) / 10,
      sizeRatio: round(ratio, 4),
      sizeCloseness: round(closeness),
      withinSizeBand: within,
      neighbour,
    });
  });
  const candidates = peers.length;
  peers.sort((a, b) => b.score - a.score || a.region.localeCompare(b.region));
  peers.forEach((p, k) => (p.rank = k + 1));
  return {
    region: region.id,
    regionName: region.name,
    regionType: region.type,
    year: u.year,
    profile: u.profile,
    sharedBasis: u.sharedBasis,
    candidates,
    totalEmployment: Math.round(totalTarget * 10) / 10,
    weights,
    sizeFactor,
    peers: peers.slice(0, count),
    notes: [
      'score = Σ w·component / Σ w over the components defined for the peer: profileSimilarity (cosine of shares), sharedJaccard, sizeCloseness = min(ratio, 1/ratio), neighbour (1/0). See docs/methods/peer-regions.md.',
      neighbours === null ? 'No boundaries are shipped for these regions: neighbour is null and left out of the score.' : 'neighbour: queen contiguity (a shared boundary point) of the shipped boundaries.',
      ...u.notes,
    ],
  };
}
