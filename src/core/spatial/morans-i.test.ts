import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { AnalyticsError } from '../errors.js';
import { benjaminiHochberg, getisOrdG, getisOrdLocal, localMoransI, moransI, seededRandom, standardNormalUpperTail, weightsFromNeighborList } from './index.js';
import { rookLattice } from './test-lattice.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AnalyticsError ? e.code : 'not an AnalyticsError';
  }
  return undefined;
}
const lattice = rookLattice(10, 10);
const gradient = Float64Array.from({ length: 100 }, (_, i) => Math.floor(i / 10) + (i % 10) + ((i * 7919) % 13) / 13);

describe('moransI', () => {
  it('moransI(y, w) returns NaN statistics and MISSING_VALUES for a NaN value', () => {
    const r = moransI([1, NaN, 3, 4], rookLattice(2, 2));
    expect(r.I).toBeNaN();
    expect(r.pSim).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toContain('MISSING_VALUES');
  });

  it('moransI(y, w) returns NaN and CONSTANT_VALUES for constant values', () => {
    const r = moransI([2, 2, 2, 2, 2, 2, 2, 2, 2], rookLattice(3, 3));
    expect(r.I).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toContain('CONSTANT_VALUES');
  });

  it('moransI(y, w) throws SHAPE_MISMATCH when lengths differ and INVALID_INPUT for bad options', () => {
    expect(codeOf(() => moransI([1, 2, 3], rookLattice(2, 2)))).toBe('SHAPE_MISMATCH');
    expect(codeOf(() => moransI([1, 2, 3, 4], rookLattice(2, 2), { permutations: -1 }))).toBe('INVALID_INPUT');
    expect(codeOf(() => moransI([1, 2, 3, 4], rookLattice(2, 2), { seed: 1.5 }))).toBe('INVALID_INPUT');
  });

  it('moransI(y, w) permutation: same seed same pSim, mean of simulations near E[I], variance near Var_R', () => {
    const a = moransI(gradient, lattice, { seed: 7, keepSimulations: true });
    const b = moransI(gradient, lattice, { seed: 7 });
    expect(a.pSim).toBe(b.pSim);
    expect(a.meanSim).toBe(b.meanSim);
    expect(a.simulations?.length).toBe(999);
    expect(a.pSim).toBeGreaterThanOrEqual(1 / 1000);
    expect(a.pSim).toBeLessThanOrEqual(0.5 + 1 / 1000);
    expect(a.I).toBeGreaterThan(0.5);
    expect(a.pSim).toBe(1 / 1000); // strongly clustered: no simulation reaches I
    // Null distribution: mean E[I] = −1/99 within 4 standard errors, variance within 15% of Var_R.
    expect(Math.abs(a.meanSim - a.expectedI)).toBeLessThan(4 * Math.sqrt(a.varianceRandom / 999));
    expect(a.varianceSim / a.varianceRandom).toBeGreaterThan(0.85);
    expect(a.varianceSim / a.varianceRandom).toBeLessThan(1.15);
  });

  it('moransI(y, w) pSim is roughly uniform under the null (random values, 200 data sets)', () => {
    const rng = seededRandom(99);
    let below = 0;
    for (let t = 0; t < 200; t++) {
      const y = Float64Array.from({ length: 100 }, rng);
      if (moransI(y, lattice, { permutations: 99, seed: t }).pSim <= 0.1) below++;
    }
    // P(folded pSim ≤ 0.1) ≈ 0.2 (two tails of 0.1 each); 200 draws: expect 40 ± 3 sd.
    expect(below).toBeGreaterThan(20);
    expect(below).toBeLessThan(62);
  });

  it('moransI(y, w, { twoTailed: false }) halves the two-tailed analytical p', () => {
    const two = moransI(gradient, lattice, { permutations: 0 });
    const one = moransI(gradient, lattice, { permutations: 0, twoTailed: false });
    expectAllClose(one.pNormal * 2, two.pNormal, { rtol: 1e-15 });
    expectAllClose(one.pRandom * 2, two.pRandom, { rtol: 1e-15 });
  });

  it('moransI(y, w) treats islands as lag 0 and reports them', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'b', neighbor: 'a' }, { region: 'c', neighbor: 'd' }, { region: 'd', neighbor: 'c' }], {
      ids: ['a', 'b', 'c', 'd', 'e'],
    });
    const r = moransI([1, 2, 3, 4, 10], w, { permutations: 0 });
    expect(r.diagnostics.find((d) => d.code === 'ISLANDS')?.regions).toEqual(['e']);
    // z = (−3, −2, −1, 0, 6); zᵀWz = 2·(6 + 0) = 12; zᵀz = 50; S0 = 4; I = (5/4)·12/50 = 0.3.
    expectAllClose(r.I, 0.3, { rtol: 1e-14 });
  });
});

describe('standardNormalUpperTail and seededRandom', () => {
  it('standardNormalUpperTail(z) matches known values in the centre and the tails', () => {
    expectAllClose(standardNormalUpperTail(0), 0.5, { rtol: 1e-16 });
    expectAllClose(standardNormalUpperTail(1.959963984540054), 0.025, { rtol: 1e-14 });
    expectAllClose(standardNormalUpperTail(-1), 0.8413447460685429, { rtol: 1e-15 });
    expectAllClose(standardNormalUpperTail(10), 7.619853024160527e-24, { rtol: 1e-13 });
    expect(standardNormalUpperTail(NaN)).toBeNaN();
    expect(standardNormalUpperTail(Infinity)).toBe(0);
  });

  it('seededRandom(seed) repeats its stream, differs between seeds, and is uniform', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(c()).not.toBe(xs[0]);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.015);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('localMoransI', () => {
  it('localMoransI(y, w) sums to (n − 1)·I with row-standardised weights (S0 = n)', () => {
    const local = localMoransI(gradient, lattice, { permutations: 0 });
    const global = moransI(gradient, lattice, { permutations: 0 });
    const sum = local.I.reduce((s, v) => s + v, 0);
    // Σ I_i = (n − 1) zᵀWz/zᵀz and I = (n/S0) zᵀWz/zᵀz with S0 = n (row-standardised, no islands).
    expectAllClose(sum, 99 * global.I, { rtol: 1e-12 });
  });

  it('localMoransI(y, w) pseudo p-values lie in [1/(P+1), 1], are seed-stable, and islands get NaN', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'b', neighbor: 'a' }], { ids: ['a', 'b', 'c', 'd'] });
    const r = localMoransI([1, 2, 3, 4], w, { permutations: 99 });
    expect(r.pSim[2]).toBeNaN();
    expect(r.diagnostics.map((d) => d.code)).toContain('ISLANDS');
    const a = localMoransI(gradient, lattice, { permutations: 199, seed: 3 });
    const b = localMoransI(gradient, lattice, { permutations: 199, seed: 3 });
    expect(Array.from(a.pSim)).toEqual(Array.from(b.pSim));
    for (const p of a.pSim) {
      expect(p).toBeGreaterThanOrEqual(1 / 200);
      expect(p).toBeLessThanOrEqual(0.5 + 1 / 200);
    }
  });

  it('localMoransI(y, w) conditional permutation mean is near E[I_i | z_i] = −z_i²/Σz² (row-standardised)', () => {
    // Draws come from the other n − 1 values, whose mean is −z_i/(n − 1) (Σz = 0): E[lag_i] = −z_i/(n − 1),
    // so E[I_i] = (n − 1)/Σz² · z_i · (−z_i/(n − 1)) = −z_i²/Σz².
    const r = localMoransI(gradient, lattice, { permutations: 2000, seed: 5 });
    let ss = 0;
    for (const v of r.z) ss += v * v;
    for (let i = 0; i < 100; i += 11) {
      const expected = -(r.z[i] * r.z[i]) / ss;
      expect(Math.abs(r.meanSim[i] - expected)).toBeLessThan(4 * Math.sqrt(r.varianceSim[i] / 2000) + 1e-12);
    }
  });

  it('localMoransI(y, w) returns NaN and quadrant 0 for missing values', () => {
    const r = localMoransI([1, NaN, 3, 4], rookLattice(2, 2));
    expect(r.I[0]).toBeNaN();
    expect(r.quadrant[0]).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toContain('MISSING_VALUES');
  });

  it('benjaminiHochberg(p) returns adjusted values ≥ p, monotone in p, NaN kept, and rejects p > 1', () => {
    const p = [0.5, 0.001, 0.02, NaN, 0.03];
    const q = benjaminiHochberg(p);
    expect(q[3]).toBeNaN();
    expectAllClose(q, [0.5, 0.004, 0.04, NaN, 0.04], { rtol: 1e-12 });
    expect(codeOf(() => benjaminiHochberg([1.5]))).toBe('INVALID_INPUT');
  });
});

describe('getisOrdG and getisOrdLocal', () => {
  it('getisOrdG(y, w) rejects negative values and propagates NaN', () => {
    expect(codeOf(() => getisOrdG([1, -2, 3, 4], rookLattice(2, 2)))).toBe('INVALID_INPUT');
    expect(getisOrdG([1, NaN, 3, 4], rookLattice(2, 2)).G).toBeNaN();
  });

  it('getisOrdG(y, w) permutation mean is near E[G] and pSim is seed-stable', () => {
    const y = Float64Array.from(gradient, (v) => v + 1);
    const a = getisOrdG(y, lattice, { seed: 4 });
    const b = getisOrdG(y, lattice, { seed: 4 });
    expect(a.pSim).toBe(b.pSim);
    expect(Math.abs(a.meanSim - a.expectedG)).toBeLessThan(4 * Math.sqrt(a.varianceG / 999));
  });

  it('getisOrdLocal(y, w) marks islands NaN and keeps pSim within bounds', () => {
    const w = weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'b', neighbor: 'a' }, { region: 'b', neighbor: 'c' }, { region: 'c', neighbor: 'b' }], {
      ids: ['a', 'b', 'c', 'd'],
    });
    const r = getisOrdLocal([1, 2, 3, 4], w, { permutations: 99 });
    expect(r.z[3]).toBeNaN();
    expect(r.pSim[3]).toBeNaN();
    for (const p of r.pSim.subarray(0, 3)) expect(p).toBeGreaterThanOrEqual(0.01);
  });
});
