import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { growthRate, growthRateDefaults } from './growth-rate.js';
import { compoundAnnualGrowthRate, compoundAnnualGrowthRateOf } from './compound-annual-growth-rate.js';
import { betaConvergence } from './beta-convergence.js';
import { sigmaConvergence } from './sigma-convergence.js';

const dir = new URL('../../../test/golden/growth/four-regions-hand/', import.meta.url);
const rows = readFileSync(new URL('data.csv', dir), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
const initial = Float64Array.from(rows.map((r) => Number(r[1])));
const final = Float64Array.from(rows.map((r) => Number(r[2])));
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8'));

describe('growth golden case (hand calculation)', () => {
  it('growthRate(start, end) matches the hand-calculated rates', () => {
    expectAllClose(growthRate(initial, final), expected.growthRate, { rtol: 1e-12 });
  });
  it('compoundAnnualGrowthRate(start, end, { years: 10 }) matches e^g − 1', () => {
    expectAllClose(compoundAnnualGrowthRate(initial, final, { years: 10 }), expected.cagr, { rtol: 1e-9 });
  });
  it('betaConvergence(initial, final, { years: 10 }) matches the hand-calculated OLS, λ and half-life', () => {
    const r = betaConvergence(initial, final, { years: 10 });
    for (const key of ['beta', 'alpha', 'rSquared', 'standardErrorBeta', 'tBeta', 'lambda', 'halfLife'] as const) {
      expectAllClose(r[key], expected[key], { rtol: 1e-9 });
    }
    expect(r.n).toBe(4);
  });
  it("betaConvergence(initial, final, { dependent: 'total' }) has slope βT and the same λ", () => {
    const r = betaConvergence(initial, final, { years: 10, dependent: 'total' });
    expectAllClose(r.beta, -0.14, { rtol: 1e-9 });
    expectAllClose(r.lambda, expected.lambda, { rtol: 1e-9 });
  });
  it('sigmaConvergence([initial, final]) matches the population sd of ln levels', () => {
    const r = sigmaConvergence([initial, final]);
    expectAllClose(r.dispersion, [expected.sigmaStart, expected.sigmaEnd], { rtol: 1e-12 });
    expect(r.converging).toBe(true);
  });
});

describe('growth edge cases', () => {
  it('growthRate(start, end) returns NaN for a zero start and NaN in, −Infinity for a log rate to zero', () => {
    const r = growthRate([0, 0, NaN, 10], [5, 0, 1, 0]);
    expect(Array.from(r)).toEqual([NaN, NaN, NaN, -1]);
    expect(growthRate([10], [0], { kind: 'log' })[0]).toBe(-Infinity);
    expect(growthRateDefaults.kind).toBe('relative');
    expect(Object.isFrozen(growthRateDefaults)).toBe(true);
  });
  it('growthRate(start, end) throws INVALID_INPUT for a negative level and SHAPE_MISMATCH for unequal lengths', () => {
    expect(() => growthRate([1, -1], [1, 1])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => growthRate([1], [1, 2])).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
  it('compoundAnnualGrowthRate(start, end, { years }) gives exact textbook values and rejects a missing years', () => {
    expectAllClose(compoundAnnualGrowthRate([100, 8, 1000, 0], [121, 27, 500, 5], { years: 2 }), [0.1, Math.sqrt(27 / 8) - 1, Math.sqrt(0.5) - 1, NaN], { rtol: 1e-14 });
    expectAllClose(compoundAnnualGrowthRate([8], [27], { years: 3 }), [0.5], { rtol: 1e-14 });
    expect(() => compoundAnnualGrowthRate([1], [2])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compoundAnnualGrowthRate([1], [2], { years: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('compoundAnnualGrowthRateOf(a, b, years) is the one-pair form, with the same values and checks', () => {
    expect(compoundAnnualGrowthRateOf(100, 121, 2)).toBeCloseTo(0.1, 14);
    expect(compoundAnnualGrowthRateOf(1000, 500, 2)).toBe(compoundAnnualGrowthRate([1000], [500], { years: 2 })[0]);
    expect(compoundAnnualGrowthRateOf(0, 5, 2)).toBeNaN();
    expect(() => compoundAnnualGrowthRateOf(-1, 2, 2)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compoundAnnualGrowthRateOf(1, 2, 0)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
  it('betaConvergence(initial, final) propagates a NaN region by default and drops it with a diagnostic on request', () => {
    const a = [...initial, NaN];
    const b = [...final, 3];
    expect(betaConvergence(a, b, { years: 10 }).beta).toBeNaN();
    const dropped = betaConvergence(a, b, { years: 10, missing: 'drop' });
    expectAllClose(dropped.beta, expected.beta, { rtol: 1e-9 });
    expect(dropped.diagnostics[0]).toMatchObject({ code: 'DROPPED_REGIONS', indices: [4] });
  });
  it('betaConvergence(initial, final) returns NaN with fewer than three regions and NaN half-life when diverging', () => {
    expect(betaConvergence([1, 2], [2, 3], { years: 1 }).beta).toBeNaN();
    const diverging = betaConvergence([1, 2, 4], [1, 4, 16], { years: 1 });
    expect(diverging.beta).toBeGreaterThan(0);
    expect(diverging.halfLife).toBeNaN();
  });
  it("sigmaConvergence(levels, { measure: 'cv' }) gives sd/mean and propagates NaN per year", () => {
    const r = sigmaConvergence([[1, 3], [2, 2], [NaN, 1]], { measure: 'cv' });
    expectAllClose(r.dispersion, [0.5, 0, NaN], { rtol: 1e-14 });
    expectAllClose(sigmaConvergence([[NaN, 1, 3]], { measure: 'cv', missing: 'drop' }).dispersion, [0.5], { rtol: 1e-14 });
  });
});
