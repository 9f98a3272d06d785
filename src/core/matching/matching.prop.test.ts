import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csrGraphFromEdges } from '../network/index.js';
import type { OrganisationType } from '../network/index.js';
import { prepareMatching, suggestPartners } from './index.js';

const TYPES: OrganisationType[] = ['sme', 'large-firm', 'university', 'public-agency'];
const world = fc.integer({ min: 3, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 25 }),
    types: fc.array(fc.constantFrom(...TYPES), { minLength: n, maxLength: n }),
    countries: fc.array(fc.constantFrom('JP', 'DE', 'FR'), { minLength: n, maxLength: n }),
    keywords: fc.array(fc.subarray(['dna', 'chip', 'metal', 'energy', 'ai']), { minLength: n, maxLength: n }),
    perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
    seeker: fc.nat({ max: n - 1 }),
  }),
);

describe('partner matching properties', () => {
  it('scores lie in [0, 1], are sorted, and are unchanged by relabelling the actors', () => {
    fc.assert(
      fc.property(world, (w) => {
        const build = (map: (i: number) => number) => {
          const inv = new Array<number>(w.n);
          for (let i = 0; i < w.n; i++) inv[map(i)] = i;
          const graph = csrGraphFromEdges({ nodeCount: w.n, sources: w.edges.map((e) => map(e[0])), targets: w.edges.map((e) => map(e[1])) }).graph;
          const index = prepareMatching(graph, {
            count: w.n,
            types: inv.map((i) => w.types[i]),
            countries: inv.map((i) => w.countries[i]),
            keywords: inv.map((i) => w.keywords[i]),
          });
          return suggestPartners(index, { seeker: { node: map(w.seeker) }, limit: w.n });
        };
        const a = build((i) => i);
        const b = build((i) => w.perm[i]);
        for (let r = 0; r < a.suggestions.length; r++) {
          const s = a.suggestions[r];
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(1 + 1e-12);
          if (r > 0) expect(s.score).toBeLessThanOrEqual(a.suggestions[r - 1].score);
        }
        const scoreOf = new Map(b.suggestions.map((s) => [s.node, s.score]));
        expect(b.suggestions.length).toBe(a.suggestions.length);
        for (const s of a.suggestions) expect(scoreOf.get(w.perm[s.node])).toBeCloseTo(s.score, 12);
      }),
      { numRuns: 100 },
    );
  });
});
