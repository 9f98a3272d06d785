import { InvalidInputError } from '../errors.js';

/** The four corners of Porter's diamond, plus the two optional outside influences. */
export type DiamondCorner =
  | 'factor-conditions'
  | 'demand-conditions'
  | 'related-and-supporting-industries'
  | 'firm-strategy-structure-and-rivalry'
  | 'chance'
  | 'government';

/** The corners in display order. */
export const diamondCorners: readonly DiamondCorner[] = Object.freeze([
  'factor-conditions',
  'demand-conditions',
  'related-and-supporting-industries',
  'firm-strategy-structure-and-rivalry',
  'chance',
  'government',
]);

/** One indicator of a corner, with its values for the region and its peers and where they came from. */
export interface DiamondIndicator {
  readonly id: string;
  readonly name: string;
  readonly corner: DiamondCorner;
  /** 'positive' (default): more is better; 'negative': less is better. */
  readonly direction?: 'positive' | 'negative';
  /** Weight within its corner, default 1. */
  readonly weight?: number;
  /** Data source and method (kept in the result for traceability). */
  readonly source: string;
  /** Value per region id; a missing key or NaN is a missing value. */
  readonly values: Readonly<Record<string, number>>;
}

/** An expert's rating of a corner on a 1–5 scale (3 = on a par with the peers). */
export interface ExpertRating {
  readonly corner: DiamondCorner;
  readonly rating: number;
  readonly rater?: string;
  readonly note?: string;
}

export interface PortersDiamondInput {
  readonly region: string;
  /** Peer regions (the region itself is added to the normalisation set if missing). */
  readonly peers: readonly string[];
  readonly indicators: readonly DiamondIndicator[];
  readonly expertRatings?: readonly ExpertRating[];
}

export type DiamondNormalisation = 'z-score' | 'min-max';

export interface PortersDiamondOptions {
  /** Default 'z-score' (population sd over region + peers). */
  readonly normalisation?: DiamondNormalisation;
  /** Weight of the expert rating in the combined corner score, 0–1, default 0.5. */
  readonly expertWeight?: number;
}

export const portersDiamondDefaults = Object.freeze({ normalisation: 'z-score' as DiamondNormalisation, expertWeight: 0.5 });

export interface DiamondIndicatorScore {
  id: string;
  name: string;
  source: string;
  direction: 'positive' | 'negative';
  weight: number;
  /** The region's value (NaN when missing). */
  value: number;
  /** Values available in the normalisation set (region + peers). */
  peerCount: number;
  peerMean: number;
  /** Population standard deviation over the set. */
  peerSd: number;
  peerMin: number;
  peerMax: number;
  /** z = ±(value − mean)/sd, or min–max s (1 − s when negative); NaN when undefined. */
  score: number;
}

export interface DiamondCornerScore {
  corner: DiamondCorner;
  indicators: DiamondIndicatorScore[];
  /** Weighted mean of the finite indicator scores; NaN when none. */
  indicatorScore: number;
  /** Mean expert rating (1–5) and its value on the normalisation's scale; NaN when no rating. */
  expertRating: number;
  expertScore: number;
  /** (1 − w)·indicatorScore + w·expertScore; either alone when the other is NaN. */
  score: number;
  /** Which inputs the score rests on. */
  basis: 'indicators' | 'expert' | 'indicators-and-expert' | 'none';
}

export interface PortersDiamondResult {
  region: string;
  peers: string[];
  normalisation: DiamondNormalisation;
  expertWeight: number;
  corners: DiamondCornerScore[];
  diagnostics: string[];
}

/**
 * Porter's diamond for one region: each corner (factor conditions, demand conditions, related and supporting
 * industries, firm strategy/structure/rivalry; chance and government optional) scored from its indicators,
 * each normalised over the region and its chosen peers: z-score z = (x − mean)/sd (population sd) or
 * min–max s = (x − min)/(max − min); a negative indicator is reversed (−z, 1 − s). A corner's indicator score is
 * the weighted mean of its indicators' scores. Expert ratings (1–5, 3 = on a par with the peers) are put on the
 * same scale — z-score: rating − 3 (one point = one peer sd); min–max: (rating − 1)/4 — averaged per corner and
 * combined as (1 − w)·indicators + w·expert. Every indicator keeps its value, peer statistics and source.
 *
 * Missing-data policy: a peer without a value is left out of the peer statistics; a region without a value
 * gets a NaN indicator score, left out of its corner's mean (diagnostic); a zero spread gives NaN. A corner
 * with neither indicators nor ratings is omitted; one with only ratings is scored from them (basis 'expert').
 *
 * @example
 * portersDiamond({ region: 'A', peers: ['B', 'C'], indicators: [{ id: 'gdp', name: 'GDP per head', corner: 'demand-conditions', source: 'x', values: { A: 3, B: 1, C: 2 } }] });
 * @see docs/methods/porters-diamond.md
 */
export function portersDiamond(input: PortersDiamondInput, options: PortersDiamondOptions = {}): PortersDiamondResult {
  const o = { ...portersDiamondDefaults, ...options };
  if (o.normalisation !== 'z-score' && o.normalisation !== 'min-max') throw new InvalidInputError(`normalisation must be z-score or min-max, got ${String(o.normalisation)}`);
  if (!(o.expertWeight >= 0 && o.expertWeight <= 1)) throw new InvalidInputError(`expertWeight must be in [0, 1], got ${o.expertWeight}`, { expertWeight: o.expertWeight });
  const set = input.peers.includes(input.region) ? [...input.peers] : [input.region, ...input.peers];
  if (set.length < 2) throw new InvalidInputError('Porter\'s diamond needs at least one peer region', { region: input.region });
  const diagnostics: string[] = [];
  const ids = new Set<string>();
  for (const ind of input.indicators) {
    if (ids.has(ind.id)) throw new InvalidInputError(`indicator "${ind.id}" appears twice`, { indicator: ind.id });
    ids.add(ind.id);
    if (!diamondCorners.includes(ind.corner)) throw new InvalidInputError(`indicator "${ind.id}": unknown corner "${String(ind.corner)}"`, { indicator: ind.id });
    const w = ind.weight ?? 1;
    if (!(w >= 0 && Number.isFinite(w))) throw new InvalidInputError(`indicator "${ind.id}": weight must be a finite number ≥ 0`, { indicator: ind.id, weight: w });
  }
  for (const r of input.expertRatings ?? []) {
    if (!diamondCorners.includes(r.corner)) throw new InvalidInputError(`expert rating: unknown corner "${String(r.corner)}"`);
    if (!(r.rating >= 1 && r.rating <= 5)) throw new InvalidInputError(`expert rating of ${r.corner} must be in [1, 5], got ${r.rating}`, { corner: r.corner, rating: r.rating });
  }
  const corners: DiamondCornerScore[] = [];
  for (const corner of diamondCorners) {
    const indicators = input.indicators.filter((i) => i.corner === corner).map((ind) => scoreIndicator(ind, input.region, set, o.normalisation, diagnostics));
    const ratings = (input.expertRatings ?? []).filter((r) => r.corner === corner);
    if (indicators.length === 0 && ratings.length === 0) continue;
    let ws = 0;
    let w = 0;
    for (const s of indicators) if (Number.isFinite(s.score) && s.weight > 0) {
      ws += s.weight * s.score;
      w += s.weight;
    }
    const indicatorScore = w > 0 ? ws / w : NaN;
    const expertRating = ratings.length > 0 ? ratings.reduce((a, r) => a + r.rating, 0) / ratings.length : NaN;
    const expertScore = Number.isNaN(expertRating) ? NaN : o.normalisation === 'z-score' ? expertRating - 3 : (expertRating - 1) / 4;
    const hasI = !Number.isNaN(indicatorScore);
    const hasE = !Number.isNaN(expertScore);
    const score = hasI && hasE ? (1 - o.expertWeight) * indicatorScore + o.expertWeight * expertScore : hasI ? indicatorScore : expertScore;
    corners.push({ corner, indicators, indicatorScore, expertRating, expertScore, score, basis: hasI && hasE ? 'indicators-and-expert' : hasI ? 'indicators' : hasE ? 'expert' : 'none' });
  }
  return { region: input.region, peers: set.filter((r) => r !== input.region), normalisation: o.normalisation, expertWeight: o.expertWeight, corners, diagnostics };
}

function scoreIndicator(ind: DiamondIndicator, region: string, set: readonly string[], normalisation: DiamondNormalisation, diagnostics: string[]): DiamondIndicatorScore {
  const direction = ind.direction ?? 'positive';
  const vals: number[] = [];
  for (const r of set) {
    const v = ind.values[r];
    if (typeof v === 'number' && Number.isFinite(v)) vals.push(v);
  }
  const raw = ind.values[region];
  const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : NaN;
  const n = vals.length;
  const mean = n > 0 ? vals.reduce((a, b) => a + b, 0) / n : NaN;
  const sd = n > 0 ? Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / n) : NaN;
  const min = n > 0 ? Math.min(...vals) : NaN;
  const max = n > 0 ? Math.max(...vals) : NaN;
  let score = NaN;
  if (Number.isNaN(value)) diagnostics.push(`indicator ${ind.id}: no value for ${region}`);
  else if (normalisation === 'z-score') {
    if (sd > 0) score = (direction === 'positive' ? 1 : -1) * ((value - mean) / sd);
    else diagnostics.push(`indicator ${ind.id}: no spread among the peers; not scored`);
  } else if (max > min) {
    const s = (value - min) / (max - min);
    score = direction === 'positive' ? s : 1 - s;
  } else diagnostics.push(`indicator ${ind.id}: no spread among the peers; not scored`);
  return { id: ind.id, name: ind.name, source: ind.source, direction, weight: ind.weight ?? 1, value, peerCount: n, peerMean: mean, peerSd: sd, peerMin: min, peerMax: max, score };
}
