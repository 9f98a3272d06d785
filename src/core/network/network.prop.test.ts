import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betweennessCentrality,
  bipartiteProjection,
  brokerageRoles,
  coreNumber,
  csrGraphFromEdges,
  degree,
  eigenvectorCentrality,
  louvain,
  modularity,
  pageRank,
} from './index.js';
import type { CsrGraph } from './index.js';

const graphArb = (directed: boolean) =>
  fc.integer({ min: 2, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 4 })), { maxLength: 40 }),
      perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      directed: fc.constant(directed),
    }),
  );
type G = { n: number; edges: [number, number, number][]; perm: number[]; directed: boolean };
const build = (x: G, relabel = false): CsrGraph => {
  const map = (v: number): number => (relabel ? x.perm[v] : v);
  return csrGraphFromEdges(
    { nodeCount: x.n, sources: x.edges.map((e) => map(e[0])), targets: x.edges.map((e) => map(e[1])), weights: x.edges.map((e) => e[2]) },
    { directed: x.directed },
  ).graph;
};
const permuted = (x: G, values: ArrayLike<number>): number[] => {
  // value of original node v sits at perm[v] in the relabelled graph
  return Array.from({ length: x.n }, (_, v) => values[x.perm[v]]);
};
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number): boolean => {
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > tol * (1 + Math.abs(b[i]))) return false;
  return true;
};

describe('network properties', () => {
  it('betweenness, PageRank, degree and core numbers are equivariant under node relabelling', () => {
    fc.assert(
      fc.property(fc.boolean().chain((d) => graphArb(d)), (x) => {
        const g = build(x as G);
        const h = build(x as G, true);
        expect(close(permuted(x as G, betweennessCentrality(h)), betweennessCentrality(g), 1e-9)).toBe(true);
        expect(close(permuted(x as G, betweennessCentrality(h, { weight: 'inverse' })), betweennessCentrality(g, { weight: 'inverse' }), 1e-9)).toBe(true);
        expect(close(permuted(x as G, pageRank(h)), pageRank(g), 1e-9)).toBe(true);
        expect(permuted(x as G, degree(h))).toEqual(Array.from(degree(g)));
        expect(permuted(x as G, coreNumber(h))).toEqual(Array.from(coreNumber(g)));
      }),
      { numRuns: 60 },
    );
  });
  it('an undirected CSR graph is symmetric in structure and weights', () => {
    fc.assert(
      fc.property(graphArb(false), (x) => {
        const g = build(x as G);
        for (let i = 0; i < g.nodeCount; i++) {
          for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
            const j = g.targets[e];
            let found = -1;
            for (let f = g.offsets[j]; f < g.offsets[j + 1]; f++) if (g.targets[f] === i) found = f;
            expect(found).toBeGreaterThanOrEqual(0);
            expect(g.weights[found]).toBe(g.weights[e]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
  it('PageRank sums to 1 and is positive', () => {
    fc.assert(
      fc.property(fc.boolean().chain((d) => graphArb(d)), (x) => {
        const pr = pageRank(build(x as G), { weighted: true });
        let s = 0;
        for (const v of pr) {
          expect(v).toBeGreaterThan(0);
          s += v;
        }
        expect(s).toBeCloseTo(1, 12);
      }),
      { numRuns: 80 },
    );
  });
  it('0 ≤ core number ≤ degree, and every node of the k-core has ≥ k neighbours inside it', () => {
    fc.assert(
      fc.property(graphArb(false), (x) => {
        const g = build(x as G);
        const core = coreNumber(g);
        const deg = degree(g);
        for (let v = 0; v < g.nodeCount; v++) {
          expect(core[v]).toBeGreaterThanOrEqual(0);
          expect(core[v]).toBeLessThanOrEqual(deg[v]);
          let inside = 0;
          for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) if (core[g.targets[e]] >= core[v]) inside++;
          expect(inside).toBeGreaterThanOrEqual(core[v]);
        }
      }),
      { numRuns: 80 },
    );
  });
  it('eigenvector centrality has unit length and is non-negative on connected graphs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), (n) => {
        const edges: [number, number][] = [];
        for (let i = 1; i < n; i++) edges.push([i - 1, i], [0, i]);
        const x = eigenvectorCentrality(csrGraphFromEdges({ nodeCount: n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) }).graph);
        let s = 0;
        for (const v of x) {
          expect(v).toBeGreaterThanOrEqual(0);
          s += v * v;
        }
        expect(s).toBeCloseTo(1, 10);
      }),
      { numRuns: 20 },
    );
  });
  it('Louvain modularity equals modularity() of its partition and beats the singleton partition', () => {
    fc.assert(
      fc.property(graphArb(false), fc.integer({ min: 0, max: 1000 }), (x, seed) => {
        const g = build(x as G);
        if (g.targets.length === 0) return;
        const r = louvain(g, { seed });
        expect(r.modularity).toBeCloseTo(modularity(g, r.communities), 12);
        const singletons = Array.from({ length: g.nodeCount }, (_, i) => i);
        expect(r.modularity).toBeGreaterThanOrEqual(modularity(g, singletons) - 1e-12);
      }),
      { numRuns: 80 },
    );
  });
  it('bipartiteProjection equals a naive pair count', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 5 })), { maxLength: 40 }),
        fc.constantFrom<'count' | 'newman'>('count', 'newman'),
        (parts, weighting) => {
          const r = bipartiteProjection({ organisationCount: 8, projectCount: 6, organisations: parts.map((p) => p[0]), projects: parts.map((p) => p[1]) }, { weighting });
          const members = Array.from({ length: 6 }, (_, p) => [...new Set(parts.filter((x) => x[1] === p).map((x) => x[0]))]);
          const expected = new Map<string, number>();
          for (const m of members) {
            for (const a of m) for (const b of m) if (a !== b) expected.set(`${a}-${b}`, (expected.get(`${a}-${b}`) ?? 0) + (weighting === 'count' ? 1 : 1 / (m.length - 1)));
          }
          const got = new Map<string, number>();
          const g = r.graph;
          for (let i = 0; i < 8; i++) for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) got.set(`${i}-${g.targets[e]}`, g.weights[e]);
          expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [k, v] of expected) expect(got.get(k)).toBeCloseTo(v, 12);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('brokerageRoles equals a naive enumeration of open two-paths', () => {
    fc.assert(
      fc.property(fc.boolean().chain((d) => graphArb(d)), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 12, maxLength: 12 }), (x, groupPool) => {
        const g = build(x as G);
        const groups = groupPool.slice(0, g.nodeCount);
        const r = brokerageRoles(g, groups);
        const has = (a: number, b: number): boolean => {
          for (let e = g.offsets[a]; e < g.offsets[a + 1]; e++) if (g.targets[e] === b) return true;
          return false;
        };
        for (let b = 0; b < g.nodeCount; b++) {
          const c5 = [0, 0, 0, 0, 0];
          for (let a = 0; a < g.nodeCount; a++) {
            for (let c = 0; c < g.nodeCount; c++) {
              if (a === b || c === b || a === c || !has(a, b) || !has(b, c) || has(a, c)) continue;
              const [ga, gb, gc] = [groups[a], groups[b], groups[c]];
              c5[ga === gb ? (gc === gb ? 0 : 2) : gc === gb ? 3 : ga === gc ? 1 : 4]++;
            }
          }
          expect([r.coordinator[b], r.itinerant[b], r.representative[b], r.gatekeeper[b], r.liaison[b]]).toEqual(c5);
        }
      }),
      { numRuns: 80 },
    );
  });
});
