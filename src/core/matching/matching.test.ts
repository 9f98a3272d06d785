import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyticsError } from '../errors.js';
import { csrGraphFromEdges } from '../network/index.js';
import type { OrganisationType } from '../network/index.js';
import { evaluateLinkPrediction, evaluateLinkPredictionSplit, haversineKm, prepareMatching, suggestPartners } from './index.js';
import type { MatchingActors } from './index.js';

const root = join(import.meta.dirname, '../../../test/golden/matching/hand-five-actors');
const input = JSON.parse(readFileSync(join(root, 'input.json'), 'utf8')) as { actors: MatchingActors; edges: [number, number][]; seeker: number };
const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as {
  tolerance: number;
  ranking: number[];
  candidates: Record<string, Record<string, number>>;
};
const graph = csrGraphFromEdges({ nodeCount: 5, sources: input.edges.map((e) => e[0]), targets: input.edges.map((e) => e[1]) }).graph;
const index = prepareMatching(graph, input.actors);
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'other';
  }
  return undefined;
};

describe('suggestPartners (golden: hand-five-actors)', () => {
  const result = suggestPartners(index, { seeker: { node: input.seeker } });
  it('suggestPartners(index, { seeker: { node: 0 } }) ranks 1, 2, 3 and excludes the existing partner', () => {
    expect(result.suggestions.map((s) => s.node)).toEqual(expected.ranking);
    expect(result.candidateCount).toBe(3);
  });
  it('suggestPartners gives the hand-computed score and proximities for each candidate', () => {
    for (const s of result.suggestions) {
      const e = expected.candidates[String(s.node)];
      const got: Record<string, number> = {
        score: s.score,
        cognitive: s.proximities.cognitive.score,
        complementarity: s.complementarity.score,
        social: s.proximities.social.score,
        geographical: s.proximities.geographical.score,
        institutional: s.proximities.institutional.score,
        organisational: s.proximities.organisational.score,
      };
      for (const [k, v] of Object.entries(e)) expect(Math.abs(got[k] - v), `${s.node}.${k}`).toBeLessThanOrEqual(expected.tolerance);
      const sum = Object.values(s.contributions).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(s.score, 12);
    }
  });
  it('suggestPartners explains shared keywords, offers, common partners and groups', () => {
    const first = result.suggestions[0];
    expect(first.proximities.cognitive.sharedKeywords).toEqual(['dna']);
    expect(first.complementarity.offers).toEqual(['chip']);
    expect(first.proximities.social).toMatchObject({ commonPartners: 1, commonPartnerNodes: [4], pastCollaboration: false });
    expect(first.proximities.organisational.sharedGroups).toEqual(['hokkaido-bio']);
    expect(first.proximities.geographical).toMatchObject({ sameRegion: true, sameCountry: true, distanceKm: null });
  });
  it('suggestPartners flags structural holes by community and reports the partner constraint', () => {
    const withCommunities = suggestPartners(index, { seeker: { node: 0 }, communities: [0, 0, 1, 2, 0] });
    const byNode = new Map(withCommunities.suggestions.map((s) => [s.node, s.structuralHole]));
    expect(byNode.get(1)?.otherCommunity).toBe(false);
    expect(byNode.get(2)?.bridges).toBe(true);
    expect(Number.isNaN(byNode.get(3)!.partnerConstraint)).toBe(true);
    // Without communities: bridges only for partners with no common partner (3 is isolated → false).
    expect(result.suggestions.every((s) => s.structuralHole.bridges === false)).toBe(true);
  });
  it('suggestPartners applies filters and can include existing partners', () => {
    expect(suggestPartners(index, { seeker: { node: 0 }, filters: { types: ['sme', 'large-firm'] } }).suggestions.map((s) => s.node)).toEqual([2, 3]);
    expect(suggestPartners(index, { seeker: { node: 0 }, filters: { countries: ['DE'] } }).suggestions.map((s) => s.node)).toEqual([3]);
    const all = suggestPartners(index, { seeker: { node: 0 }, includeExistingPartners: true });
    expect(all.suggestions.find((s) => s.node === 4)?.proximities.social.pastCollaboration).toBe(true);
  });
  it('suggestPartners(free-text need) scores coverage of needs and reports unknown needs', () => {
    const r = suggestPartners(index, { seeker: { keywords: ['DNA'], needs: ['chip', 'nanopore'], region: 'R1', type: 'sme' as OrganisationType } });
    expect(r.suggestions[0].node).toBe(1);
    expect(r.suggestions[0].complementarity.score).toBe(1);
    expect(r.suggestions[0].complementarity.coversNeeds).toEqual(['chip']);
    expect(r.unknownNeeds).toEqual(['nanopore']);
    expect(r.candidateCount).toBe(5);
  });
  it('suggestPartners rejects a bad seeker, limit or weight by code', () => {
    expect(codeOf(() => suggestPartners(index, { seeker: { node: 9 } }))).toBe('INVALID_INPUT');
    expect(codeOf(() => suggestPartners(index, { seeker: { node: 0 }, limit: 0 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => suggestPartners(index, { seeker: { node: 0 }, weights: { social: -1 } }))).toBe('INVALID_INPUT');
  });
  it('prepareMatching rejects attribute arrays of the wrong length', () => {
    expect(codeOf(() => prepareMatching(graph, { ...input.actors, countries: ['JP'] }))).toBe('SHAPE_MISMATCH');
  });
  it('haversineKm(Sapporo, Kobe) is about 1,040 km', () => {
    expect(haversineKm({ latitude: 43.0618, longitude: 141.3545 }, { latitude: 34.6901, longitude: 135.1955 })).toBeGreaterThan(1000);
    expect(haversineKm({ latitude: 43.0618, longitude: 141.3545 }, { latitude: 34.6901, longitude: 135.1955 })).toBeLessThan(1080);
  });
});

describe('evaluateLinkPrediction', () => {
  // Two dense groups (cliques of 8) with a few cross links; attributes follow the groups.
  const n = 16;
  const edges: [number, number][] = [];
  for (let a = 0; a < 8; a++) for (let b = a + 1; b < 8; b++) edges.push([a, b], [a + 8, b + 8]);
  edges.push([0, 8], [3, 12]);
  const g = csrGraphFromEdges({ nodeCount: n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) }).graph;
  const actors: MatchingActors = {
    count: n,
    types: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'sme' : 'university')),
    countries: Array.from({ length: n }, (_, i) => (i < 8 ? 'JP' : 'DE')),
    keywords: Array.from({ length: n }, (_, i) => (i < 8 ? ['bio'] : ['metal'])),
  };
  it('evaluateLinkPrediction(graph, { seed }) is deterministic and reports every method', () => {
    const a = evaluateLinkPrediction(g, { actors, holdOutShare: 0.2, seed: 3, k: 3 });
    const b = evaluateLinkPrediction(g, { actors, holdOutShare: 0.2, seed: 3, k: 3 });
    expect(a).toEqual(b);
    expect(Object.keys(a.methods).sort()).toEqual(['common-partners', 'matcher', 'preferential-attachment', 'random', 'same-industry']);
    expect(a.heldOutLinks + a.trainingLinks).toBe(a.links);
    expect(a.heldOutLinks).toBe(Math.round(0.2 * 58));
  });
  it('evaluateLinkPrediction: the matcher and the same-industry baseline beat random on a block graph', () => {
    const r = evaluateLinkPrediction(g, { actors, holdOutShare: 0.2, seed: 1, k: 3 });
    expect(r.methods.matcher.precisionAtK).toBeGreaterThan(0.5);
    expect(r.methods['same-industry'].precisionAtK).toBeGreaterThan(r.methods.random.precisionAtK);
    for (const m of Object.values(r.methods)) {
      expect(m.precisionAtK).toBeGreaterThanOrEqual(0);
      expect(m.recallAtK).toBeLessThanOrEqual(1);
    }
  });
  it('evaluateLinkPredictionSplit: a caller-made (e.g. temporal) split; repeated pairs are not new links (hand-checked)', () => {
    // training: path 0–1–2 (node 3 isolated); later links: 0–2 (new) and 0–1 (already known: dropped)
    const train = csrGraphFromEdges({ nodeCount: 4, sources: [0, 1], targets: [1, 2] }).graph;
    const test = csrGraphFromEdges({ nodeCount: 4, sources: [0, 0], targets: [2, 1] }).graph;
    const few: MatchingActors = { count: 4, types: ['sme', 'sme', 'university', 'sme'], keywords: [['a'], ['a'], ['b'], ['c']] };
    const r = evaluateLinkPredictionSplit(train, test, { actors: few, k: 1, seed: 2 });
    expect(r).toMatchObject({ links: 3, trainingLinks: 2, heldOutLinks: 1, repeatedLinks: 1, seekers: 2, coldStartSeekers: 0 });
    expect(r.holdOutShare).toBeCloseTo(1 / 3, 15);
    // seekers 0 and 2: their one candidate with a common partner (node 1) is the other one, and it is the new link
    expect(r.methods['common-partners']).toEqual({ precisionAtK: 1, recallAtK: 1, hitRate: 1 });
    expect(evaluateLinkPredictionSplit(train, test, { actors: few, k: 1, seed: 2 })).toEqual(r);
    const other = csrGraphFromEdges({ nodeCount: 5, sources: [0], targets: [1] }).graph;
    expect(codeOf(() => evaluateLinkPredictionSplit(train, other, { actors: few }))).toBe('INVALID_INPUT');
  });
  it('evaluateLinkPrediction rejects holdOutShare outside (0, 1)', () => {
    expect(codeOf(() => evaluateLinkPrediction(g, { actors, holdOutShare: 1 }))).toBe('INVALID_INPUT');
  });
});
