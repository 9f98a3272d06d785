import { describe, expect, it } from 'vitest';
import type { ActorType, NetworkData } from '../../io/actors/index.js';
import { buildActorNetwork } from './actor-network.js';
import type { ActorNetwork } from './actor-network.js';
import { networkGraph, networkGraphOffThread } from './network-graph.js';

/**
 * Two triangles of universities and firms joined by one bridge, a pendant research institute and an isolate:
 * projects p0 = {0,1,2}, p1 = {3,4,5}, p2 = {2,3}, p3 = {2,3} (the bridge 2–3 has weight 2), p4 = {5,6}; node 7 alone.
 */
function fixture(): ActorNetwork {
  const types: ActorType[] = ['university', 'university', 'firm', 'firm', 'university', 'firm', 'research-institute', 'other'];
  const n = types.length;
  const projects = [[0, 1, 2], [3, 4, 5], [2, 3], [2, 3], [5, 6]];
  const organisations: number[] = [];
  const projectIndex: number[] = [];
  projects.forEach((members, p) => members.forEach((i) => { organisations.push(i); projectIndex.push(p); }));
  const data: NetworkData = {
    organisations: {
      ids: types.map((_, i) => `o${i}`),
      names: types.map((_, i) => `Organisation ${i}`),
      types,
      sme: types.map(() => null),
      countries: types.map((_, i) => (i < 4 ? 'DE' : 'FR')),
      regions: types.map(() => null),
      keywords: types.map(() => []),
      industryCodes: types.map(() => []),
      initiatives: types.map(() => []),
    },
    projects: { ids: projects.map((_, p) => `p${p}`), programmes: projects.map(() => []), startYears: projects.map(() => 2015) },
    participations: { organisations: Int32Array.from(organisations), projects: Int32Array.from(projectIndex) },
    linkages: { sources: new Int32Array(0), targets: new Int32Array(0), weights: new Float64Array(0), directed: new Uint8Array(0), types: [] },
  };
  expect(n).toBe(8);
  return buildActorNetwork(data, {}, 0);
}

describe('networkGraph(network, options)', () => {
  it('networkGraph(network) is columnar: one entry per node in every node column, index pairs and weights per link', () => {
    const graph = networkGraph(fixture());
    const columns = [graph.nodes.ids, graph.nodes.names, graph.nodes.types, graph.nodes.countries, graph.nodes.degree, graph.nodes.strength, graph.nodes.community, graph.nodes.x, graph.nodes.y];
    for (const column of columns) expect(column).toHaveLength(7); // the isolate o7 is left out (minDegree 1)
    expect(graph.nodes.ids).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o5', 'o6']);
    expect(graph.edges.sources).toHaveLength(8);
    expect(graph.edges.targets).toHaveLength(8);
    expect(graph.edges.weights).toHaveLength(8);
    for (let k = 0; k < graph.edges.sources.length; k++) {
      expect(graph.edges.sources[k]).toBeLessThan(graph.edges.targets[k]!);
      expect(graph.edges.targets[k]).toBeLessThan(7);
    }
    const bridge = graph.edges.sources.findIndex((s, k) => s === 2 && graph.edges.targets[k] === 3);
    expect(graph.edges.weights[bridge]).toBe(2);
    expect(graph.nodes.degree[2]).toBe(3);
    expect(graph.nodes.strength[2]).toBe(4);
    expect(graph.totals).toEqual({ nodes: 8, edges: 8, nodesFiltered: 7, edgesFiltered: 8, nodesShown: 7, edgesShown: 8 });
    expect(graph.communities.count).toBeGreaterThanOrEqual(2);
    for (const v of [...graph.nodes.x, ...graph.nodes.y]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThanOrEqual(graph.layout.extent);
    }
    expect(graph.layout).toMatchObject({ algorithm: 'forceatlas2', seed: 1, iterations: 200 });
  });

  it('networkGraph(network, { seed }) gives the same drawing for the same seed and another one for another seed', () => {
    const network = fixture();
    const a = networkGraph(network, { seed: 7 });
    const b = networkGraph(network, { seed: 7 });
    expect(b.nodes.x).toEqual(a.nodes.x);
    expect(b.nodes.y).toEqual(a.nodes.y);
    expect(b.nodes.community).toEqual(a.nodes.community);
    const c = networkGraph(network, { seed: 8 });
    expect(c.nodes.x).not.toEqual(a.nodes.x);
  });

  it('networkGraphOffThread(network, options) gives the drawing of networkGraph(network, options)', async () => {
    const network = fixture();
    const [a, b] = [networkGraph(network, { seed: 3 }), await networkGraphOffThread(network, { seed: 3 })];
    expect(b.nodes).toEqual(a.nodes);
    expect(b.edges).toEqual(a.edges);
    expect(b.layout).toEqual(a.layout);
    await expect(networkGraphOffThread(network, { focus: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('networkGraph(network, { minWeight, minDegree }) counts what each filter leaves', () => {
    const network = fixture();
    expect(networkGraph(network, { minWeight: 2 }).totals).toMatchObject({ nodes: 8, edges: 8, nodesFiltered: 2, edgesFiltered: 1, nodesShown: 2, edgesShown: 1 });
    expect(networkGraph(network, { minDegree: 3 }).totals).toMatchObject({ nodesFiltered: 3, edgesFiltered: 2 }); // o2, o3, o5 (o5 sees o3, o4, o6): 2–3 and 3–5
    const all = networkGraph(network, { minDegree: 0 });
    expect(all.totals.nodesShown).toBe(8);
    expect(all.nodes.degree[7]).toBe(0);
  });

  it('networkGraph(network, { limit, maxEdges }) keeps the strongest organisations and every one of their strongest links', () => {
    const network = fixture();
    const limited = networkGraph(network, { limit: 2 });
    expect(limited.nodes.ids).toEqual(['o2', 'o3']); // strength 4 each
    expect(limited.totals).toMatchObject({ nodesFiltered: 7, nodesShown: 2, edgesShown: 1 });
    const sparse = networkGraph(network, { maxEdges: 5 });
    expect(sparse.totals.edgesShown).toBe(5);
    const touched = new Set([...sparse.edges.sources, ...sparse.edges.targets]);
    expect(touched.size).toBe(7);
    const bridge = sparse.edges.sources.findIndex((s, k) => s === 2 && sparse.edges.targets[k] === 3);
    expect(bridge).toBeGreaterThanOrEqual(0);
  });

  it('networkGraph(network, { focus, depth }) draws the neighbourhood and throws NOT_FOUND for an unknown organisation', () => {
    const network = fixture();
    expect(networkGraph(network, { focus: 'o6' }).nodes.ids).toEqual(['o5', 'o6']);
    expect(networkGraph(network, { focus: 'o6', depth: 2 }).nodes.ids).toEqual(['o3', 'o4', 'o5', 'o6']);
    const focused = networkGraph(network, { focus: 'o6', depth: 3, limit: 2 });
    expect(focused.nodes.ids).toEqual(['o5', 'o6']);
    expect(focused.focus).toBe('o6');
    expect(() => networkGraph(network, { focus: 'nobody' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
