import { expect, test } from 'vitest';
import type { Topology } from './api-client.js';
import { joinArcs, projectArcs, projectShape, svgPathData } from './county-map-shapes.js';

// Two unit squares sharing the arc x = 1, quantised with scale 1 and delta-coded arcs.
const topology = {
  type: 'Topology',
  transform: { scale: [1, 1], translate: [0, 0] },
  arcs: [
    [[1, 0], [0, 1]], // shared edge (1,0) → (1,1)
    [[1, 1], [-1, 0], [0, -1], [1, 0]], // left square: (1,1) → (0,1) → (0,0) → (1,0)
    [[1, 0], [1, 0], [0, 1], [-1, 0]], // right square: (1,0) → (2,0) → (2,1) → (1,1)
  ],
  objects: {},
} as unknown as Topology;

test('projectArcs decodes the delta coding and projects each point once', () => {
  const arcs = projectArcs(topology, ([x, y]) => [10 * x, 10 * y]);
  expect(Array.from(arcs[0]!)).toEqual([10, 0, 10, 10]);
  expect(Array.from(arcs[1]!)).toEqual([10, 10, 0, 10, 0, 0, 10, 0]);
});

test('projectShape joins arcs (reversed with ~i) into rings without repeating shared points, with its box', () => {
  const arcs = projectArcs(topology, ([x, y]) => [10 * x, 10 * y]);
  const left = projectShape({ type: 'Polygon', arcs: [[0, 1]] }, arcs)!;
  expect(Array.from(left.rings[0]!)).toEqual([10, 0, 10, 10, 0, 10, 0, 0, 10, 0]);
  expect(left.box).toEqual([0, 0, 10, 10]);
  const right = projectShape({ type: 'Polygon', arcs: [[2, ~0]] }, arcs)!;
  expect(right.box).toEqual([10, 0, 20, 10]);
  expect(svgPathData(right.rings, true)).toBe('M10.0,0.0L20.0,0.0L20.0,10.0L10.0,10.0L10.0,0.0Z');
  expect(projectShape({ type: 'Point', arcs: [] }, arcs)).toBeUndefined();
});

test('joinArcs drops points the projection cannot place', () => {
  const arcs = projectArcs(topology, ([x, y]) => (x === 0 && y === 0 ? null : [x, y]));
  expect(Array.from(joinArcs([1], arcs))).toEqual([1, 1, 0, 1, 1, 0]);
});
