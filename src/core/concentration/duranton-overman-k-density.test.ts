import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { seededRandom } from '../spatial/seeded-random.js';
import { durantonOvermanKDensity } from './index.js';
import type { KDensitySites } from './index.js';

const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);

/** 400 sites uniform on a 100 km × 100 km square (seeded). */
function uniformSites(count: number, seed: number): KDensitySites {
  const rng = seededRandom(seed);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    x[k] = 100 * rng();
    y[k] = 100 * rng();
  }
  return { x, y };
}

function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

describe('durantonOvermanKDensity', () => {
  // Plants at (0,0), (3,0), (0,4): pairwise distances 3, 4, 5.
  const triangle: KDensitySites = { x: Float64Array.of(0, 3, 0, 10), y: Float64Array.of(0, 0, 4, 10) };

  it('durantonOvermanKDensity(3 plants) matches the formula written out by hand', () => {
    const h = 1;
    const grid = [0, 2, 3.5, 6];
    const r = durantonOvermanKDensity({ sites: triangle, plants: [0, 1, 2] }, { distances: grid, bandwidth: h, simulations: 5, seed: 1 });
    // K(d) = 1/(3h) Σ_{d_ij ∈ {3,4,5}} [φ((d − d_ij)/h) + φ((d + d_ij)/h)]
    const expected = grid.map((d) => (phi(d - 3) + phi(d + 3) + phi(d - 4) + phi(d + 4) + phi(d - 5) + phi(d + 5)) / 3);
    expectAllClose(r.density, expected, { rtol: 1e-12, atol: 1e-300 });
    expect(r.bandwidth).toBe(1);
    const reversed = durantonOvermanKDensity({ sites: triangle, plants: [0, 1, 2] }, { distances: [...grid].reverse(), bandwidth: h, simulations: 5 });
    expectAllClose(reversed.density, [...expected].reverse(), { rtol: 1e-12, atol: 1e-300 });
  });

  it('durantonOvermanKDensity(3 weighted plants) uses Σ w_i w_j in the normaliser', () => {
    const h = 0.5;
    const grid = [1, 3, 4.2];
    const r = durantonOvermanKDensity(
      { sites: triangle, plants: [0, 1, 2], weights: [1, 2, 3] },
      { distances: grid, bandwidth: h, simulations: 5 },
    );
    // pair weights: (0,1) 2 at 3 km, (0,2) 3 at 4 km, (1,2) 6 at 5 km; normaliser 11·h
    const f = (d: number, dij: number) => phi((d - dij) / h) + phi((d + dij) / h);
    const expected = grid.map((d) => (2 * f(d, 3) + 3 * f(d, 4) + 6 * f(d, 5)) / (11 * h));
    expectAllClose(r.density, expected, { rtol: 1e-12, atol: 1e-300 });
  });

  it('durantonOvermanKDensity(3 plants) defaults the bandwidth to Silverman on the pairwise distances', () => {
    const r = durantonOvermanKDensity({ sites: triangle, plants: [0, 1, 2] }, { simulations: 5, maxDistance: 10, steps: 10 });
    // d = (3,4,5): sd = 1, IQR (type 7) = 4.5 − 3.5 = 1 → min(1, 1/1.34) = 1/1.34; m = 3
    expect(r.bandwidth).toBeCloseTo((0.9 / 1.34) * Math.pow(3, -0.2), 14);
    expect(r.distances.length).toBe(11);
    expect(r.distances[10]).toBe(10);
  });

  it('durantonOvermanKDensity(plants) integrates to ≈ 1 over [0, ∞) thanks to the reflection', () => {
    const sites = uniformSites(60, 3);
    const grid = new Float64Array(4001);
    for (let g = 0; g < grid.length; g++) grid[g] = (g * 200) / 4000; // far beyond the 141 km diagonal + 8h
    const r = durantonOvermanKDensity({ sites, plants: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }, { distances: grid, simulations: 2 });
    let integral = 0;
    for (let g = 1; g < grid.length; g++) integral += ((r.density[g] + r.density[g - 1]) / 2) * (grid[g] - grid[g - 1]);
    expect(integral).toBeCloseTo(1, 4);
    // without reflection a pair at distance 0 would lose half its mass: K(0) is doubled, not halved
    const same = durantonOvermanKDensity({ sites, plants: [7, 7] }, { distances: [0], bandwidth: 2, simulations: 2 });
    expect(same.density[0]).toBeCloseTo((2 * phi(0)) / 2, 14);
  });

  const sites = uniformSites(400, 42);
  const nearest = (target: number, count: number): number[] => {
    const order = Array.from({ length: 400 }, (_, k) => k);
    const d = (k: number) => (sites.x[k] - sites.x[target]) ** 2 + (sites.y[k] - sites.y[target]) ** 2;
    order.sort((a, b) => d(a) - d(b) || a - b);
    return order.slice(0, count);
  };

  it('durantonOvermanKDensity(clustered industry) is localised at short distances', () => {
    const r = durantonOvermanKDensity({ sites, plants: nearest(0, 30) }, { seed: 7, simulations: 200, maxDistance: 60, steps: 30 });
    expect(r.localized).toBe(true);
    expect(r.localization[1]).toBeGreaterThan(0);
    expect(r.dispersed).toBe(false);
    expect(r.localizationIndex).toBeGreaterThan(0);
    for (let g = 0; g < r.distances.length; g++) {
      expect(r.globalUpper[g]).toBeGreaterThanOrEqual(r.localUpper[g]);
      expect(r.globalLower[g]).toBeLessThanOrEqual(r.localLower[g]);
    }
    expect(r.globalUpperLevel).toBeGreaterThanOrEqual(0.95);
    expect(r.globalLowerLevel).toBeLessThanOrEqual(0.05);
  });

  it('durantonOvermanKDensity(uniformly drawn industry) is not localised', () => {
    const rng = seededRandom(11);
    const chosen = new Set<number>();
    while (chosen.size < 30) chosen.add(Math.floor(rng() * 400));
    const r = durantonOvermanKDensity({ sites, plants: [...chosen] }, { seed: 7, simulations: 200, maxDistance: 60, steps: 30 });
    expect(r.localized).toBe(false);
    expect(r.localizationIndex).toBe(0);
  });

  it('durantonOvermanKDensity(input, { seed }) is deterministic and the seed matters', () => {
    const input = { sites, plants: nearest(5, 20), weights: Array.from({ length: 20 }, (_, k) => 1 + (k % 4)) };
    const options = { seed: 123, simulations: 50, maxDistance: 40, steps: 20 };
    const a = durantonOvermanKDensity(input, options);
    const b = durantonOvermanKDensity(input, options);
    expect(Array.from(a.globalUpper)).toEqual(Array.from(b.globalUpper));
    expect(Array.from(a.localLower)).toEqual(Array.from(b.localLower));
    expect(Array.from(a.density)).toEqual(Array.from(b.density));
    const c = durantonOvermanKDensity(input, { ...options, seed: 124 });
    expect(Array.from(c.density)).toEqual(Array.from(a.density));
    expect(Array.from(c.localUpper)).not.toEqual(Array.from(a.localUpper));
  });

  it('durantonOvermanKDensity(invalid input) throws INVALID_INPUT or SHAPE_MISMATCH', () => {
    const base = { distances: [1], simulations: 2 };
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 4] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1.5] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, -1] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1], weights: [1, -2] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1], weights: [1, NaN] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1], weights: [1] }, base))).toBe('SHAPE_MISMATCH');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1, 2, 3, 0] }, base))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: { x: [0, 1], y: [0] }, plants: [0, 1] }, base))).toBe('SHAPE_MISMATCH');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [1, 1] }, base))).toBe('INVALID_INPUT'); // h = 0
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1] }, { ...base, seed: 1.5 }))).toBe('INVALID_INPUT');
    expect(errorCode(() => durantonOvermanKDensity({ sites: triangle, plants: [0, 1] }, { ...base, distances: [-1] }))).toBe('INVALID_INPUT');
  });
});
