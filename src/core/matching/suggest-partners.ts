import { InvalidInputError } from '../errors.js';
import { burtConstraint } from '../network/burt-constraint.js';
import type { OrganisationType } from '../network/organisation-type.js';
import { DEFAULT_PROXIMITY_WEIGHTS } from './matching-actors.js';
import type { ProximityWeights } from './matching-actors.js';
import { resolveSeeker } from './partner-seeker.js';
import type { PartnerSeeker } from './partner-seeker.js';
import type { MatchingIndex } from './prepare-matching.js';
import { candidateScores, scoreCandidates } from './score-candidates.js';
import { topK } from './top-k.js';

/** Candidate filters: a candidate must match every filter given (each a list of allowed values). */
export interface PartnerFilters {
  readonly types?: readonly OrganisationType[];
  readonly regions?: readonly string[];
  readonly countries?: readonly string[];
  readonly sizeBands?: readonly string[];
}

/** SuggestPartnersRequest: see the doc comment of the function that takes or returns it. */
export interface SuggestPartnersRequest {
  readonly seeker: PartnerSeeker;
  /** Number of suggestions (default 10). */
  readonly limit?: number;
  readonly filters?: PartnerFilters;
  /** Score weights (default DEFAULT_PROXIMITY_WEIGHTS). */
  readonly weights?: Partial<ProximityWeights>;
  /** Keep existing partners among the candidates (default false: they are excluded). */
  readonly includeExistingPartners?: boolean;
  /** Community of each node (e.g. louvain(graph).communities) for the structural-hole flag. */
  readonly communities?: ArrayLike<number>;
  /** e-folding distance of the geographical proximity, km (default 50). */
  readonly distanceScaleKm?: number;
}

/** Default options (frozen); see the function's doc comment. */
export const SUGGEST_PARTNERS_DEFAULTS = Object.freeze({ limit: 10, includeExistingPartners: false, distanceScaleKm: 50 });

/** One ranked suggestion with an explanation per proximity. */
export interface PartnerSuggestion {
  readonly node: number;
  readonly rank: number;
  /** Σ w_c·x_c / Σ w_c, in [0, 1]. */
  readonly score: number;
  /** Each component's share of the score: w_c·x_c / Σ w_c (they add up to score). */
  readonly contributions: Readonly<ProximityWeights>;
  readonly proximities: {
    readonly cognitive: { readonly score: number; readonly sharedKeywords: readonly string[]; readonly sharedIndustries: readonly string[]; readonly known: boolean };
    readonly geographical: { readonly score: number; readonly sameRegion: boolean; readonly sameCountry: boolean; readonly distanceKm: number | null; readonly known: boolean };
    readonly organisational: { readonly score: number; readonly sharedGroups: readonly string[]; readonly known: boolean };
    readonly institutional: { readonly score: number; readonly sameCountry: boolean; readonly sameSphere: boolean; readonly partnerType: OrganisationType | null };
    readonly social: {
      readonly score: number;
      readonly commonPartners: number;
      /** Up to 10 common partners, by node index. */
      readonly commonPartnerNodes: readonly number[];
      readonly adamicAdar: number;
      readonly pastCollaboration: boolean;
    };
  };
  readonly complementarity: {
    readonly score: number;
    /** Partner keywords / industry codes the seeker lacks (up to 10, rarest first). */
    readonly offers: readonly string[];
    /** Seeker needs this partner covers. */
    readonly coversNeeds: readonly string[];
    readonly known: boolean;
  };
  readonly structuralHole: {
    /** True when the tie would connect the seeker to another community (or, without communities, to a partner with no common partner while both have partners). */
    readonly bridges: boolean;
    readonly otherCommunity: boolean | null;
    /** Burt's constraint of the partner (low = the partner's own contacts are not tied to each other); NaN if isolated. */
    readonly partnerConstraint: number;
  };
}

/** SuggestPartnersResult: see the doc comment of the function that takes or returns it. */
export interface SuggestPartnersResult {
  readonly suggestions: readonly PartnerSuggestion[];
  /** Candidates left after exclusions and filters. */
  readonly candidateCount: number;
  /** Needs that match no keyword or industry code of any actor. */
  readonly unknownNeeds: readonly string[];
}

const label = (term: string): string => term.slice(2);

/**
 * Partner suggestions for a seeker organisation or a free-text need: every candidate gets
 * score = Σ_c w_c·x_c / Σ_c w_c over the proximities x_c ∈ [0, 1] (Boschma 2005: cognitive, geographical,
 * organisational, institutional, social) and complementarity, then the top `limit` are returned with an
 * explanation per proximity, and a structural-hole flag (partner in another community; Burt's constraint of
 * the partner). Filters (type, region, country, size band) restrict candidates; the seeker and, by default, its
 * existing partners are excluded. Ties: smaller node index first. Unknown attributes score 0 (explanation
 * `known: false`).
 * @example suggestPartners(prepareMatching(graph, actors), { seeker: { node: 12 }, limit: 5 })
 * @see docs/methods/partner-matching.md
 */
export function suggestPartners(index: MatchingIndex, request: SuggestPartnersRequest): SuggestPartnersResult {
  const limit = request.limit ?? SUGGEST_PARTNERS_DEFAULTS.limit;
  if (!Number.isInteger(limit) || limit < 1) throw new InvalidInputError(`limit must be a positive integer, got ${limit}`, { field: 'limit' });
  const weights: ProximityWeights = { ...DEFAULT_PROXIMITY_WEIGHTS, ...request.weights };
  for (const [k, v] of Object.entries(weights)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new InvalidInputError(`weights.${k} must be a non-negative number, got ${v}`, { field: `weights.${k}` });
  }
  const scale = request.distanceScaleKm ?? SUGGEST_PARTNERS_DEFAULTS.distanceScaleKm;
  if (!(scale > 0)) throw new InvalidInputError(`distanceScaleKm must be positive, got ${scale}`, { field: 'distanceScaleKm' });
  const n = index.n;
  const communities = request.communities;
  if (communities !== undefined && communities.length !== n) throw new InvalidInputError(`communities has ${communities.length} entries for ${n} actors`, { field: 'communities' });
  const profile = resolveSeeker(index, request.seeker);
  const ws = candidateScores(n);
  scoreCandidates(index, profile, weights, scale, ws);

  const allowed = new Uint8Array(n).fill(1);
  const f = request.filters ?? {};
  const restrict = (values: readonly string[] | undefined, codes: Int32Array, map: ReadonlyMap<string, number>): void => {
    if (values === undefined) return;
    const ok = new Set<number>();
    for (const v of values) {
      const c = map.get(v);
      if (c !== undefined) ok.add(c);
    }
    for (let j = 0; j < n; j++) if (!ok.has(codes[j])) allowed[j] = 0;
  };
  restrict(f.types, index.type, index.codes.type);
  restrict(f.regions, index.region, index.codes.region);
  restrict(f.countries, index.country, index.codes.country);
  restrict(f.sizeBands, index.sizeBand, index.codes.sizeBand);
  if (profile.node >= 0) allowed[profile.node] = 0;
  if (!(request.includeExistingPartners ?? SUGGEST_PARTNERS_DEFAULTS.includeExistingPartners)) {
    for (let k = 0; k < ws.touchedCount; k++) if (ws.partner[ws.touched[k]] === 1) allowed[ws.touched[k]] = 0;
  }
  let candidateCount = 0;
  for (let j = 0; j < n; j++) candidateCount += allowed[j];
  const top = topK(ws.score, allowed, limit);
  const constraint = burtConstraint(index.graph, { nodes: top });
  const wSum = weights.cognitive + weights.complementarity + weights.social + weights.geographical + weights.institutional + weights.organisational;
  const seekerTerms = new Set(profile.terms);
  const needSet = new Set(profile.needs);
  const seekerGroups = new Set(profile.groups);
  const { offsets, targets } = index.graph;
  const seekerDegree = profile.node >= 0 ? offsets[profile.node + 1] - offsets[profile.node] : 0;
  const groupLabels: string[] = [];
  for (const [g, id] of index.groupIds) groupLabels[id] = g;
  const suggestions: PartnerSuggestion[] = [];
  for (let r = 0; r < top.length; r++) {
    const j = top[r];
    const shared: string[] = [];
    const offers: { term: string; idf: number }[] = [];
    const covers: string[] = [];
    for (let a = index.termOffsets[j]; a < index.termOffsets[j + 1]; a++) {
      const t = index.terms[a];
      const term = index.termLabels[t];
      if (seekerTerms.has(t)) shared.push(term);
      else offers.push({ term, idf: index.idf[t] });
      if (needSet.has(t)) covers.push(label(term));
    }
    offers.sort((x, y) => y.idf - x.idf || (x.term < y.term ? -1 : 1));
    const common: number[] = [];
    if (profile.node >= 0 && ws.commonPartners[j] > 0) {
      // Both rows are sorted: merge.
      let a = offsets[profile.node];
      let b = offsets[j];
      while (a < offsets[profile.node + 1] && b < offsets[j + 1] && common.length < 10) {
        if (targets[a] === targets[b]) {
          common.push(targets[a]);
          a++;
          b++;
        } else if (targets[a] < targets[b]) a++;
        else b++;
      }
    }
    const sharedGroups: string[] = [];
    for (let a = index.groupOffsets[j]; a < index.groupOffsets[j + 1]; a++) if (seekerGroups.has(index.groupList[a])) sharedGroups.push(groupLabels[index.groupList[a]]);
    const otherCommunity = communities === undefined || profile.node < 0 ? null : communities[j] !== communities[profile.node];
    const partnerDegree = offsets[j + 1] - offsets[j];
    const bridges = otherCommunity !== null ? otherCommunity : profile.node >= 0 && seekerDegree > 0 && partnerDegree > 0 && ws.commonPartners[j] === 0;
    const dist = ws.distanceKm[j];
    const sameRegion = profile.region >= 0 && index.region[j] === profile.region;
    const sameCountry = profile.country >= 0 && index.country[j] === profile.country;
    const c = (w: number, x: number): number => (wSum > 0 ? (w * x) / wSum : 0);
    suggestions.push({
      node: j,
      rank: r + 1,
      score: ws.score[j],
      contributions: {
        cognitive: c(weights.cognitive, ws.cognitive[j]),
        complementarity: c(weights.complementarity, ws.complementarity[j]),
        social: c(weights.social, ws.social[j]),
        geographical: c(weights.geographical, ws.geographical[j]),
        institutional: c(weights.institutional, ws.institutional[j]),
        organisational: c(weights.organisational, ws.organisational[j]),
      },
      proximities: {
        cognitive: {
          score: ws.cognitive[j],
          sharedKeywords: shared.filter((t) => t.startsWith('k:')).map(label),
          sharedIndustries: shared.filter((t) => t.startsWith('i:')).map(label),
          known: profile.terms.length > 0 && index.termOffsets[j + 1] > index.termOffsets[j],
        },
        geographical: {
          score: ws.geographical[j],
          sameRegion,
          sameCountry,
          distanceKm: Number.isNaN(dist) ? null : dist,
          known: (profile.region >= 0 && index.region[j] >= 0) || (profile.country >= 0 && index.country[j] >= 0) || !Number.isNaN(dist),
        },
        organisational: { score: ws.organisational[j], sharedGroups, known: profile.groups.length > 0 && index.groupOffsets[j + 1] > index.groupOffsets[j] },
        institutional: {
          score: ws.institutional[j],
          sameCountry,
          sameSphere: ws.institutional[j] - (sameCountry ? 0.5 : 0) > 0,
          partnerType: index.actors.types[j] ?? null,
        },
        social: {
          score: ws.social[j],
          commonPartners: ws.commonPartners[j],
          commonPartnerNodes: common,
          adamicAdar: ws.adamicAdar[j],
          pastCollaboration: ws.partner[j] === 1,
        },
      },
      complementarity: {
        score: ws.complementarity[j],
        offers: offers.slice(0, 10).map((o) => label(o.term)),
        coversNeeds: covers,
        known: profile.needs.length > 0 || (profile.terms.length > 0 && index.termOffsets[j + 1] > index.termOffsets[j]),
      },
      structuralHole: { bridges, otherCommunity, partnerConstraint: constraint[j] },
    });
  }
  return { suggestions, candidateCount, unknownNeeds: profile.unknownNeeds };
}
