import { describe, expect, it } from 'vitest';
import { Graph, betweennessReference as betweennessG, pagerankReference as pagerankG } from '../../../test/golden/network/graphology-reference.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import {
  betweennessCentrality,
  bipartiteProjection,
  centralityRank,
  clusterNetworkIndicators,
  connectedComponents,
  corePeriphery,
  csrGraphFromEdges,
  degree,
  louvain,
  pageRank,
  strength,
  transposeGraph,
} from './index.js';
import type { OrganisationType } from './index.js';

const undirected = (n: number, edges: [number, number, number?][]) =>
  csrGraphFromEdges({ nodeCount: n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]), weights: edges.map((e) => e[2] ?? 1) }).graph;
const directed = (n: number, edges: [number, number][]) =>
  csrGraphFromEdges({ nodeCount: n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) }, { directed: true }).graph;
const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'not-analytics-error';
  }
  return undefined;
};

describe('csrGraphFromEdges', () => {
  it('csrGraphFromEdges(edges) stores an undirected graph symmetric with sorted rows', () => {
    const g = undirected(3, [[1, 2], [0, 2], [0, 1]]);
    expect(Array.from(g.offsets)).toEqual([0, 2, 4, 6]);
    expect(Array.from(g.targets)).toEqual([1, 2, 0, 2, 0, 1]);
  });
  it('csrGraphFromEdges(edges) merges parallel edges by summing weights and drops self-loops with diagnostics', () => {
    const r = csrGraphFromEdges({ nodeCount: 3, sources: [0, 1, 0, 2], targets: [1, 0, 1, 2], weights: [1, 2, 3, 5] });
    expect(Array.from(r.graph.targets)).toEqual([1, 0]);
    expect(Array.from(r.graph.weights)).toEqual([6, 6]);
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['PARALLEL_EDGES_MERGED', 'SELF_LOOPS_DROPPED']);
    expect(r.diagnostics.find((d) => d.code === 'SELF_LOOPS_DROPPED')?.nodes).toEqual([2]);
  });
  it('csrGraphFromEdges(edges, { directed: true }) keeps a → b and b → a apart', () => {
    const r = csrGraphFromEdges({ nodeCount: 2, sources: [0, 1], targets: [1, 0] }, { directed: true });
    expect(r.graph.targets.length).toBe(2);
    expect(r.diagnostics).toEqual([]);
  });
  it('csrGraphFromEdges rejects out-of-range nodes, non-positive weights and length mismatches by code', () => {
    expect(codeOf(() => csrGraphFromEdges({ nodeCount: 2, sources: [0], targets: [2] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => csrGraphFromEdges({ nodeCount: 2, sources: [0], targets: [1], weights: [0] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => csrGraphFromEdges({ nodeCount: 2, sources: [0], targets: [1], weights: [NaN] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => csrGraphFromEdges({ nodeCount: 2, sources: [0, 1], targets: [1] }))).toBe('SHAPE_MISMATCH');
  });
  it('transposeGraph(directed) reverses arcs with sorted rows', () => {
    const t = transposeGraph(directed(3, [[0, 2], [1, 2], [2, 0]]));
    expect(Array.from(t.offsets)).toEqual([0, 1, 1, 3]);
    expect(Array.from(t.targets)).toEqual([2, 0, 1]);
  });
});

describe('bipartiteProjection', () => {
  // Projects: P0 = {0, 1, 2}, P1 = {1, 2}, P2 = {3} (single participant), P3 = {2, 3}; organisation 1 listed twice in P1.
  const incidence = { organisationCount: 5, projectCount: 4, organisations: [0, 1, 2, 1, 2, 1, 3, 2, 3], projects: [0, 0, 0, 1, 1, 1, 2, 3, 3] };
  it('bipartiteProjection(incidence) weights edges by shared projects and counts duplicates once', () => {
    const r = bipartiteProjection(incidence);
    const g = r.graph;
    const w = (a: number, b: number): number => {
      for (let e = g.offsets[a]; e < g.offsets[a + 1]; e++) if (g.targets[e] === b) return g.weights[e];
      return 0;
    };
    expect([w(0, 1), w(0, 2), w(1, 2), w(2, 3), w(0, 3), w(2, 1)]).toEqual([1, 1, 2, 1, 0, 2]);
    expect(Array.from(r.projectSizes)).toEqual([3, 2, 1, 2]);
    expect(r.pairCount).toBe(3 + 1 + 1);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['DUPLICATE_PARTICIPATIONS']);
    expect(degree(g)[4]).toBe(0);
  });
  it('bipartiteProjection(incidence, { weighting: "newman" }) weights each project by 1/(n_p − 1)', () => {
    const g = bipartiteProjection(incidence, { weighting: 'newman' }).graph;
    // strength of 2: P0 gives 2 × 1/2, P1 gives 1, P3 gives 1 → 3
    expect(strength(g)[2]).toBeCloseTo(3, 15);
    expect(strength(g)[0]).toBeCloseTo(1, 15);
  });
  it('bipartiteProjection(incidence, { maxProjectSize: 2 }) skips larger projects with a diagnostic', () => {
    const r = bipartiteProjection(incidence, { maxProjectSize: 2 });
    expect(degree(r.graph)[0]).toBe(0);
    const d = r.diagnostics.find((x) => x.code === 'LARGE_PROJECTS_SKIPPED');
    expect(d?.nodes).toEqual([0]);
  });
  it('bipartiteProjection rejects a participation outside the declared ranges', () => {
    expect(codeOf(() => bipartiteProjection({ organisationCount: 1, projectCount: 1, organisations: [1], projects: [0] }))).toBe('INVALID_INPUT');
  });
});

describe('degree, strength, components', () => {
  it('degree(directed, { mode }) counts out, in and all edges', () => {
    const g = directed(3, [[0, 1], [0, 2], [1, 2]]);
    expect(Array.from(degree(g, { mode: 'out' }))).toEqual([2, 1, 0]);
    expect(Array.from(degree(g, { mode: 'in' }))).toEqual([0, 1, 2]);
    expect(Array.from(degree(g))).toEqual([2, 2, 2]);
  });
  it('strength(undirected) sums edge weights', () => {
    expect(Array.from(strength(undirected(3, [[0, 1, 2], [1, 2, 3]])))).toEqual([2, 5, 3]);
  });
  it('connectedComponents(g) numbers components by decreasing size; directed graphs weakly', () => {
    const c = connectedComponents(undirected(6, [[4, 5], [0, 1], [1, 2]]));
    expect(c.count).toBe(3);
    expect(Array.from(c.sizes)).toEqual([3, 2, 1]);
    expect(Array.from(c.component)).toEqual([0, 0, 0, 2, 1, 1]);
    expect(connectedComponents(directed(3, [[0, 1], [2, 1]])).count).toBe(1);
  });
});

describe('betweennessCentrality', () => {
  it('betweennessCentrality(directed path) is [0, 0.5, 0] normalized and [0, 1, 0] raw (networkx)', () => {
    const g = directed(3, [[0, 1], [1, 2]]);
    expect(Array.from(betweennessCentrality(g))).toEqual([0, 0.5, 0]);
    expect(Array.from(betweennessCentrality(g, { normalized: false }))).toEqual([0, 1, 0]);
  });
  it('betweennessCentrality(undirected, { normalized: false }) halves ordered-pair counts', () => {
    expect(Array.from(betweennessCentrality(undirected(3, [[0, 1], [1, 2]]), { normalized: false }))).toEqual([0, 1, 0]);
  });
  it('betweennessCentrality(weighted, { weight: "distance" }) equals graphology-metrics weighted betweenness', () => {
    const edges: [number, number, number][] = [[0, 1, 1], [1, 2, 1], [0, 2, 2], [2, 3, 1], [3, 4, 3], [2, 4, 2], [4, 5, 1], [1, 5, 4], [0, 6, 2], [6, 5, 2]];
    const g = undirected(7, edges);
    const G = new Graph({ type: 'undirected' });
    for (let i = 0; i < 7; i++) G.addNode(String(i));
    for (const [a, b, w] of edges) G.addEdge(String(a), String(b), { weight: w });
    const ref = betweennessG(G, { normalized: true, getEdgeWeight: 'weight' });
    expectAllClose(betweennessCentrality(g, { weight: 'distance' }), Array.from({ length: 7 }, (_, i) => ref[String(i)]), { rtol: 1e-12, atol: 1e-15 });
  });
  it('betweennessCentrality(g, { sampleSize: n }) is exact and a smaller sample is deterministic for a seed', () => {
    const g = undirected(6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [1, 4]]);
    expect(Array.from(betweennessCentrality(g, { sampleSize: 6 }))).toEqual(Array.from(betweennessCentrality(g)));
    const a = betweennessCentrality(g, { sampleSize: 3, seed: 9 });
    expect(Array.from(a)).toEqual(Array.from(betweennessCentrality(g, { sampleSize: 3, seed: 9 })));
  });
});

describe('pageRank', () => {
  it('pageRank(directed with a dangling node) equals graphology-metrics pagerank', () => {
    const edges: [number, number][] = [[0, 1], [1, 2], [2, 0], [2, 3], [4, 2]];
    const G = new Graph({ type: 'directed' });
    for (let i = 0; i < 5; i++) G.addNode(String(i));
    for (const [a, b] of edges) G.addEdge(String(a), String(b));
    const ref = pagerankG(G, { tolerance: 1e-12, maxIterations: 1000, getEdgeWeight: null });
    expectAllClose(pageRank(directed(5, edges), { tolerance: 1e-13, maxIterations: 1000 }), Array.from({ length: 5 }, (_, i) => ref[String(i)]), { rtol: 1e-8 });
  });
  it('pageRank(g, { maxIterations: 1 }) throws ConvergenceError with code CONVERGENCE', () => {
    expect(codeOf(() => pageRank(directed(3, [[0, 1], [1, 2]]), { maxIterations: 1 }))).toBe('CONVERGENCE');
  });
  it('pageRank(empty graph) is empty', () => {
    expect(pageRank(undirected(0, [])).length).toBe(0);
  });
});

describe('corePeriphery, louvain', () => {
  it('corePeriphery(K4 with two pendants) puts the K4 in the core and reports block densities', () => {
    const g = undirected(6, [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3], [3, 4], [3, 5]]);
    const r = corePeriphery(g);
    expect(Array.from(r.isCore)).toEqual([1, 1, 1, 1, 0, 0]);
    expect(r.maxCore).toBe(3);
    expect(r.density).toEqual({ coreCore: 1, corePeriphery: 2 / 8, peripheryPeriphery: 0 });
  });
  it('louvain(two triangles joined by an edge) finds the two triangles, Q = 5/14', () => {
    const r = louvain(undirected(6, [[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5], [2, 3]]));
    expect(r.count).toBe(2);
    expect(r.communities[0]).toBe(r.communities[2]);
    expect(r.communities[3]).not.toBe(r.communities[2]);
    expect(r.modularity).toBeCloseTo(5 / 14, 14);
  });
  it('louvain(directed) is refused with INVALID_INPUT', () => {
    expect(codeOf(() => louvain(directed(2, [[0, 1]])))).toBe('INVALID_INPUT');
  });
  it('louvain(graph without edges) returns singletons and NaN modularity', () => {
    const r = louvain(undirected(3, []));
    expect(r.count).toBe(3);
    expect(Number.isNaN(r.modularity)).toBe(true);
  });
});

describe('centralityRank, clusterNetworkIndicators', () => {
  it('centralityRank(values, node) uses competition ranking and ≤-percentile', () => {
    expect(centralityRank([0.1, 0.5, 0.5, 0.2], 2)).toEqual({ rank: 1, percentile: 100 });
    expect(centralityRank([0.1, 0.5, 0.5, 0.2], 3)).toEqual({ rank: 3, percentile: 50 });
  });
  it('clusterNetworkIndicators(hand cluster) computes triple helix, SME shares, local share and core body', () => {
    // 0 sme(R1) 1 sme(R1) 2 large(R2) 3 university(R1) 4 cluster-organisation(R1) 5 public-agency(null region)
    const types: OrganisationType[] = ['sme', 'sme', 'large-firm', 'university', 'cluster-organisation', 'public-agency'];
    const regions = ['R1', 'R1', 'R2', 'R1', 'R1', null];
    const g = undirected(6, [[0, 1], [0, 2], [0, 3], [1, 4], [2, 3], [3, 4], [4, 5]]);
    const r = clusterNetworkIndicators(g, { types, regions });
    expect(r.linkCount).toBe(7);
    expect(r.tripleHelix).toMatchObject({ industry: 3, knowledge: 1, government: 2, spheresPresent: 3, pairsLinked: 3, complete: true });
    expect(r.tripleHelix.links).toEqual({ industryKnowledge: 2, industryGovernment: 1, knowledgeGovernment: 1 });
    expect(r.smeShare).toBeCloseTo(2 / 6, 15);
    expect(r.smeShareOfFirms).toBeCloseTo(2 / 3, 15);
    // SME links: 0-1 (sme), 0-2 (large), 0-3 (university), 1-4 (cluster org) → 4
    expect(r.smeLinks).toEqual({ total: 4, toLargeFirmShare: 0.25, toUniversityShare: 0.25, toKnowledgeShare: 0.25, toSmeShare: 0.25 });
    // regions: 0-1 L, 0-2 N, 0-3 L, 1-4 L, 2-3 N, 3-4 L, 4-5 unknown
    expect([r.localLinks, r.nonLocalLinks, r.unknownRegionLinks]).toEqual([4, 2, 1]);
    expect(r.localLinkageShare).toBeCloseTo(4 / 6, 15);
    expect(r.coreBody.present).toBe(true);
    expect(r.coreBody.nodes[0]).toMatchObject({ node: 4, degree: 3, degreeRank: { rank: 1, percentile: 100 } });
    const focal = clusterNetworkIndicators(g, { types, regions }, { focalRegion: 'R2' });
    expect([focal.localLinks, focal.nonLocalLinks]).toEqual([0, 2]);
  });
  it('clusterNetworkIndicators reports NaN shares without SMEs and a NO_CORE_BODY diagnostic', () => {
    const r = clusterNetworkIndicators(undirected(2, [[0, 1]]), { types: ['university', null] });
    expect(Number.isNaN(r.smeLinks.toLargeFirmShare)).toBe(true);
    expect(Number.isNaN(r.localLinkageShare)).toBe(true);
    expect(r.smeShare).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['UNKNOWN_TYPES', 'NO_CORE_BODY']);
  });
  it('clusterNetworkIndicators rejects an unknown type code', () => {
    expect(codeOf(() => clusterNetworkIndicators(undirected(1, []), { types: ['company' as OrganisationType] }))).toBe('INVALID_INPUT');
  });
});
