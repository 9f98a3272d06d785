import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Graph, betweennessReference as betweennessG, pagerankReference as pagerankG, eigenvectorReference as eigenvectorG, modularityReference as modularityG } from '../../../test/golden/network/graphology-reference.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import {
  betweennessCentrality,
  brokerageRoles,
  burtConstraint,
  coreNumber,
  csrGraphFromEdges,
  eigenvectorCentrality,
  louvain,
  modularity,
  pageRank,
} from './index.js';
import type { CsrGraph } from './index.js';

const root = join(import.meta.dirname, '../../../test/golden/network');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

interface KarateInput { nodeCount: number; edges: [number, number][] }
interface KarateExpected {
  betweenness: number[];
  pageRank: number[];
  maxCoreNumber: number;
  louvainModularity: { min: number; max: number };
  optimalModularity: number;
}
const karate = readJson<KarateInput>('karate-club/input.json');
const karateExpected = readJson<KarateExpected>('karate-club/expected.json');
const karateGraph: CsrGraph = csrGraphFromEdges({
  nodeCount: karate.nodeCount,
  sources: karate.edges.map((e) => e[0]),
  targets: karate.edges.map((e) => e[1]),
}).graph;
const karateG = new Graph({ type: 'undirected' });
for (let i = 0; i < karate.nodeCount; i++) karateG.addNode(String(i));
for (const [a, b] of karate.edges) karateG.addEdge(String(a), String(b));
const fromGraphology = (r: Record<string, number>): number[] => Array.from({ length: karate.nodeCount }, (_, i) => r[String(i)]);

/** Naive k-core reference: repeatedly delete all nodes of degree < k. */
function naiveCoreNumbers(n: number, edges: [number, number][]): number[] {
  const core = new Array<number>(n).fill(0);
  const alive = new Array<boolean>(n).fill(true);
  for (let k = 1; ; k++) {
    let changed = true;
    while (changed) {
      changed = false;
      for (let v = 0; v < n; v++) {
        if (!alive[v]) continue;
        const d = edges.filter(([a, b]) => (a === v && alive[b]) || (b === v && alive[a])).length;
        if (d < k) {
          alive[v] = false;
          changed = true;
        }
      }
    }
    if (!alive.some(Boolean)) return core;
    for (let v = 0; v < n; v++) if (alive[v]) core[v] = k;
  }
}

describe('golden: karate club (networkx published values, graphology)', () => {
  it('betweennessCentrality(karate) equals networkx betweenness_centrality', () => {
    expectAllClose(betweennessCentrality(karateGraph), karateExpected.betweenness, { rtol: 1e-12, atol: 1e-15 });
  });
  it('betweennessCentrality(karate) equals graphology-metrics betweenness (normalized)', () => {
    expectAllClose(betweennessCentrality(karateGraph), fromGraphology(betweennessG(karateG, { normalized: true })), { rtol: 1e-10, atol: 1e-15 });
  });
  it('betweennessCentrality(karate, { weight: "distance" }) with unit weights equals the unweighted result', () => {
    expectAllClose(betweennessCentrality(karateGraph, { weight: 'distance' }), karateExpected.betweenness, { rtol: 1e-12, atol: 1e-15 });
  });
  it('pageRank(karate) equals networkx pagerank', () => {
    expectAllClose(pageRank(karateGraph), karateExpected.pageRank, { rtol: 1e-12 });
  });
  it('pageRank(karate) equals graphology-metrics pagerank', () => {
    expectAllClose(pageRank(karateGraph), fromGraphology(pagerankG(karateG)), { rtol: 1e-6 });
  });
  it('eigenvectorCentrality(karate) equals graphology-metrics eigenvector', () => {
    const ours = eigenvectorCentrality(karateGraph);
    expectAllClose(ours, fromGraphology(eigenvectorG(karateG)), { rtol: 1e-6, atol: 1e-9 });
    expect(ours[33]).toBeCloseTo(0.37337, 4);
    expect(ours[0]).toBeCloseTo(0.35548, 4);
  });
  it('coreNumber(karate) matches naive peeling, max core 4', () => {
    const ours = Array.from(coreNumber(karateGraph));
    expect(ours).toEqual(naiveCoreNumbers(karate.nodeCount, karate.edges));
    expect(Math.max(...ours)).toBe(karateExpected.maxCoreNumber);
  });
  it('louvain(karate) reaches 0.40 ≤ Q ≤ the proven optimum for several seeds; modularity agrees with graphology', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const r = louvain(karateGraph, { seed });
      expect(r.modularity).toBeGreaterThanOrEqual(karateExpected.louvainModularity.min);
      expect(r.modularity).toBeLessThanOrEqual(karateExpected.optimalModularity + 1e-12);
      const g = karateG.copy();
      g.forEachNode((node: string) => g.setNodeAttribute(node, 'community', r.communities[Number(node)]));
      expect(modularity(karateGraph, r.communities)).toBeCloseTo(modularityG(g), 12);
      expect(r.modularity).toBeCloseTo(modularityG(g), 12);
    }
  });
  it('louvain(karate, { seed }) is deterministic for a seed', () => {
    expect(Array.from(louvain(karateGraph, { seed: 7 }).communities)).toEqual(Array.from(louvain(karateGraph, { seed: 7 }).communities));
  });
  it('modularity(karate, Zachary split) equals graphology-metrics modularity', () => {
    // Zachary's observed split: the instructor's faction (as in networkx's 'club' attribute "Mr. Hi").
    const mrHi = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21]);
    const split = Array.from({ length: 34 }, (_, i) => (mrHi.has(i) ? 0 : 1));
    const g = karateG.copy();
    g.forEachNode((node: string) => g.setNodeAttribute(node, 'community', split[Number(node)]));
    for (const resolution of [0.5, 1, 2]) {
      expect(modularity(karateGraph, split, { resolution })).toBeCloseTo(modularityG(g, { resolution }), 12);
    }
  });
});

describe('golden: Gould–Fernandez hand example', () => {
  interface Input { nodes: string[]; groups: string[]; arcs: [string, string][] }
  const input = readJson<Input>('gould-fernandez-hand/input.json');
  const expected = readJson<Record<string, number[]>>('gould-fernandez-hand/expected.json');
  it('brokerageRoles(hand graph, groups) gives the hand-counted roles', () => {
    const index = new Map(input.nodes.map((n, i) => [n, i]));
    const graph = csrGraphFromEdges(
      { nodeCount: input.nodes.length, sources: input.arcs.map((a) => index.get(a[0])!), targets: input.arcs.map((a) => index.get(a[1])!) },
      { directed: true },
    ).graph;
    const groupCodes = input.groups.map((g) => g.charCodeAt(0));
    const r = brokerageRoles(graph, groupCodes);
    for (const role of ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total'] as const) {
      expect(Array.from(r[role]), role).toEqual(expected[role]);
    }
  });
});

describe('golden: Burt constraint (networkx test suite: UCINET / igraph values)', () => {
  interface Part { nodes: string[]; edges: [string, string, number][] }
  const input = readJson<{ undirected: Part; directed: Part }>('burt-constraint-networkx/input.json');
  const expected = readJson<Record<string, Record<string, number>> & { tolerance: number }>('burt-constraint-networkx/expected.json');
  const build = (p: Part, directed: boolean, weighted: boolean): CsrGraph => {
    const index = new Map(p.nodes.map((n, i) => [n, i]));
    return csrGraphFromEdges(
      {
        nodeCount: p.nodes.length,
        sources: p.edges.map((e) => index.get(e[0])!),
        targets: p.edges.map((e) => index.get(e[1])!),
        weights: weighted ? p.edges.map((e) => e[2]) : undefined,
      },
      { directed },
    ).graph;
  };
  const cases = [
    ['undirectedUnweighted', input.undirected, false, false],
    ['undirectedWeighted', input.undirected, false, true],
    ['directedUnweighted', input.directed, true, false],
    ['directedWeighted', input.directed, true, true],
  ] as const;
  for (const [name, part, directed, weighted] of cases) {
    it(`burtConstraint(${name}) matches networkx`, () => {
      const c = burtConstraint(build(part, directed, weighted), { weighted });
      for (const [node, value] of Object.entries(expected[name])) {
        expect(Math.abs(c[part.nodes.indexOf(node)] - value)).toBeLessThanOrEqual(expected.tolerance);
      }
    });
  }
  it('burtConstraint gives NaN for an isolated node', () => {
    const g = csrGraphFromEdges({ nodeCount: 3, sources: [0], targets: [1] }).graph;
    expect(Number.isNaN(burtConstraint(g)[2])).toBe(true);
  });
});
