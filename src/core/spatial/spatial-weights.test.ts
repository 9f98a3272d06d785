import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import {
  assertSpatialWeights,
  distanceBand,
  kNearestNeighbors,
  queenContiguity,
  rookContiguity,
  spatialWeightsSums,
  transformWeights,
  weightsFromNeighborList,
} from './index.js';
import { rookLattice } from './test-lattice.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'not an AnalyticsError';
  }
  return undefined;
}
const square = (x: number, y: number, s = 1) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];

describe('spatial weights', () => {
  it('weightsFromNeighborList(links) is binary when weight is absent and reports islands and asymmetry', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'b', neighbor: 'a', weight: 2 }, { region: 'c', neighbor: 'a' }], {
      ids: ['a', 'b', 'c', 'd'],
    });
    expect(Array.from(w.offsets)).toEqual([0, 1, 2, 3, 3]);
    expect(Array.from(w.weights)).toEqual([1, 2, 1]);
    expect(w.diagnostics.find((d) => d.code === 'ISLANDS')?.regions).toEqual(['d']);
    expect(w.diagnostics.find((d) => d.code === 'ASYMMETRIC')?.regions).toEqual(['c']);
  });

  it('weightsFromNeighborList(links) rejects repeated pairs, negative weights and unknown regions by code', () => {
    expect(codeOf(() => weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'a', neighbor: 'b' }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => weightsFromNeighborList([{ region: 'a', neighbor: 'b', weight: -1 }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => weightsFromNeighborList([{ region: 'a', neighbor: 'b', weight: NaN }]))).toBe('INVALID_INPUT');
    expect(codeOf(() => weightsFromNeighborList([{ region: 'a', neighbor: 'x' }], { ids: ['a', 'b'] }))).toBe('UNKNOWN_CODE');
  });

  it('weightsFromNeighborList(links, { symmetrize }) adds the missing reverse links', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b', weight: 3 }], { symmetrize: true });
    expect(Array.from(w.neighbors)).toEqual([1, 0]);
    expect(Array.from(w.weights)).toEqual([3, 3]);
    expect(w.diagnostics).toEqual([]);
  });

  it('queenContiguity and rookContiguity differ on a corner contact; a 2×2 grid has 3 queen and 2 rook neighbours each', () => {
    const polygons = [square(0, 0), square(1, 0), square(0, 1), square(1, 1)];
    const ids = ['sw', 'se', 'nw', 'ne'];
    const q = queenContiguity({ ids, polygons });
    const r = rookContiguity({ ids, polygons });
    expect(Array.from(q.offsets)).toEqual([0, 3, 6, 9, 12]);
    expect(Array.from(r.offsets)).toEqual([0, 2, 4, 6, 8]);
    expect(Array.from(r.neighbors.subarray(0, 2))).toEqual([1, 2]);
  });

  it('queenContiguity(…, { tolerance }) joins vertices that differ by floating noise, exact matching does not', () => {
    const polygons = [square(0, 0), [[[1 + 1e-12, 0], [2, 0], [2, 1], [1 + 1e-12, 1]]]];
    expect(queenContiguity({ ids: ['a', 'b'], polygons }).neighbors.length).toBe(0);
    expect(rookContiguity({ ids: ['a', 'b'], polygons }, { tolerance: 1e-9 }).neighbors.length).toBe(2);
    expect(codeOf(() => queenContiguity({ ids: ['a'], polygons: [[[[0, NaN]]]] }))).toBe('INVALID_INPUT');
    expect(codeOf(() => queenContiguity({ ids: ['a', 'b'], polygons: [square(0, 0)] }))).toBe('SHAPE_MISMATCH');
  });

  it('kNearestNeighbors(points) breaks ties by lower index and reports them', () => {
    // Point 0 at the origin, points 1..4 at distance 1 on the axes: k = 2 takes 1 and 2.
    const w = kNearestNeighbors({ ids: ['o', 'e', 'n', 'w', 's'], x: [0, 1, 0, -1, 0], y: [0, 0, 1, 0, -1] }, { k: 2 });
    expect(Array.from(w.neighbors.subarray(0, 2))).toEqual([1, 2]);
    expect(w.diagnostics.find((d) => d.code === 'TIES')?.regions).toContain('o');
    expect(codeOf(() => kNearestNeighbors({ ids: ['a', 'b'], x: [0, 1], y: [0, 0] }, { k: 2 }))).toBe('INVALID_INPUT');
  });

  it('kNearestNeighbors(points) agrees with a brute-force search on 500 random points', () => {
    let s = 7;
    const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const n = 500;
    const x = Array.from({ length: n }, r);
    const y = Array.from({ length: n }, r);
    const w = kNearestNeighbors({ ids: x.map((_, i) => String(i)), x, y }, { k: 5 });
    for (let i = 0; i < n; i += 37) {
      const order = x.map((_, j) => j).filter((j) => j !== i);
      order.sort((a, b) => (x[a] - x[i]) ** 2 + (y[a] - y[i]) ** 2 - ((x[b] - x[i]) ** 2 + (y[b] - y[i]) ** 2) || a - b);
      expect(Array.from(w.neighbors.subarray(5 * i, 5 * i + 5))).toEqual(order.slice(0, 5));
    }
  });

  it('distanceBand(points) includes the threshold distance and rejects infinite inverse weights', () => {
    const pts = { ids: ['a', 'b', 'c'], x: [0, 3, 3], y: [0, 4, 4] };
    expect(Array.from(distanceBand({ ids: ['a', 'b'], x: [0, 3], y: [0, 4] }, { threshold: 5 }).neighbors)).toEqual([1, 0]);
    expect(codeOf(() => distanceBand(pts, { threshold: 5, weighting: 'inverse-distance' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => distanceBand(pts, { threshold: -1 }))).toBe('INVALID_INPUT');
  });

  it('transformWeights(w, { transform: r }) rows sum to 1, islands stay 0; b makes weights 1', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b', weight: 3 }, { region: 'a', neighbor: 'c', weight: 1 }], { ids: ['a', 'b', 'c'] });
    expectAllClose(transformWeights(w).weights, [0.75, 0.25]);
    expect(Array.from(transformWeights(w, { transform: 'b' }).weights)).toEqual([1, 1]);
    expect(codeOf(() => transformWeights(w, { transform: 'x' as 'r' }))).toBe('INVALID_INPUT');
  });

  it('spatialWeightsSums(w) gives S0 = 24, S1 = 48, S2 = 272 on the binary 3×3 rook lattice and handles asymmetry', () => {
    expect(spatialWeightsSums(rookLattice(3, 3))).toEqual({ s0: 24, s1: 48, s2: 272 });
    // One directed link a → b of weight 2: S1 = ½(2² + 2²) = 4, S2 = (2 + 0)² + (0 + 2)² = 8.
    expect(spatialWeightsSums(weightsFromNeighborList([{ region: 'a', neighbor: 'b', weight: 2 }]))).toEqual({ s0: 2, s1: 4, s2: 8 });
  });

  it('assertSpatialWeights(w) rejects malformed CSR by code', () => {
    const ok = rookLattice(2, 2);
    expect(codeOf(() => assertSpatialWeights(ok, 5))).toBe('SHAPE_MISMATCH');
    expect(codeOf(() => assertSpatialWeights({ ...ok, neighbors: Int32Array.from(ok.neighbors, () => 9) }))).toBe('INVALID_INPUT');
    expect(codeOf(() => assertSpatialWeights({ ...ok, weights: Float64Array.from(ok.weights, () => -1) }))).toBe('INVALID_INPUT');
  });
});
