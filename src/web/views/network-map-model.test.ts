import { describe, expect, it } from 'vitest';
import { buildGrid, forEachInRect, formatView, HOME_VIEW, nearestNode, parseView, selectNetwork, toScreen, toWorld, zoomAbout, type NetworkMapGraph } from './network-map-model.js';

const graph: NetworkMapGraph = {
  nodes: {
    ids: ['a', 'b', 'c', 'd'],
    names: ['A', 'B', 'C', 'D'],
    types: ['university', 'firm', 'university', 'sme'],
    countries: ['DE', 'DE', 'FR', null],
    degree: [2, 3, 1, 2],
    strength: [2, 4, 1, 3],
    community: [0, 0, 1, 1],
    x: [-1000, 0, 500, 1000],
    y: [0, 0, 250, 1000],
  },
  edges: { sources: [0, 0, 1, 1], targets: [1, 3, 2, 3], weights: [1, 1, 1, 2] },
  totals: { nodes: 4, edges: 4, nodesFiltered: 4, edgesFiltered: 4, nodesShown: 4, edgesShown: 4 },
  layout: { algorithm: 'forceatlas2', iterations: 10, extent: 1000, seed: 1 },
};

describe('network map model', () => {
  it('selectNetwork(graph, filter) keeps nodes of the type, country and minimum degree, and links between two kept nodes', () => {
    expect(selectNetwork(graph, { type: '', country: '', minDegree: 0 })).toMatchObject({ nodeCount: 4, edgeCount: 4 });
    const universities = selectNetwork(graph, { type: 'university', country: '', minDegree: 0 });
    expect([...universities.nodes]).toEqual([1, 0, 1, 0]);
    expect(universities.edgeCount).toBe(0);
    const german = selectNetwork(graph, { type: '', country: 'DE', minDegree: 0 });
    expect([...german.edges]).toEqual([1, 0, 0, 0]);
    expect(selectNetwork(graph, { type: '', country: '', minDegree: 2 })).toMatchObject({ nodeCount: 3, edgeCount: 3 });
  });

  it('zoomAbout(view, factor, px, py) keeps the world point under the pointer and clamps the scale', () => {
    const [wx, wy] = toWorld(HOME_VIEW, 800, 600, 1000, 100, 500);
    const zoomed = zoomAbout(HOME_VIEW, 3, 100, 500, 800, 600, 1000);
    expect(zoomed.k).toBe(3);
    const [px, py] = toScreen(zoomed, 800, 600, 1000, wx, wy);
    expect(px).toBeCloseTo(100, 9);
    expect(py).toBeCloseTo(500, 9);
    expect(zoomAbout(HOME_VIEW, 1e6, 0, 0, 800, 600, 1000).k).toBe(64);
  });

  it('formatView(view) and parseView(text) round-trip; the home view and nonsense give no parameter and the home view', () => {
    expect(formatView(HOME_VIEW)).toBeUndefined();
    expect(parseView(formatView({ k: 2.5, cx: -120, cy: 40 }))).toEqual({ k: 2.5, cx: -120, cy: 40 });
    expect(parseView('abc')).toEqual(HOME_VIEW);
    expect(parseView(undefined)).toEqual(HOME_VIEW);
    expect(parseView('1000,0,0').k).toBe(64);
  });

  it('buildGrid(x, y, cell) finds every node in a rectangle once, and nearestNode the closest shown node within the radius', () => {
    const grid = buildGrid(graph.nodes.x, graph.nodes.y, 100);
    const all: number[] = [];
    forEachInRect(grid, -2000, -2000, 2000, 2000, (i) => all.push(i));
    expect(all.sort()).toEqual([0, 1, 2, 3]);
    const some: number[] = [];
    forEachInRect(grid, -50, -50, 600, 300, (i) => some.push(i));
    expect(some.sort()).toEqual([1, 2]);
    const shown = new Uint8Array([1, 1, 1, 1]);
    expect(nearestNode(grid, graph.nodes.x, graph.nodes.y, shown, 480, 240, 50)).toBe(2);
    expect(nearestNode(grid, graph.nodes.x, graph.nodes.y, shown, 300, 300, 50)).toBe(-1);
    expect(nearestNode(grid, graph.nodes.x, graph.nodes.y, new Uint8Array([1, 1, 0, 1]), 480, 240, 50)).toBe(-1);
  });
});
