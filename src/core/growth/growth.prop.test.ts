import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compoundAnnualGrowthRate } from './compound-annual-growth-rate.js';
import { betaConvergence } from './beta-convergence.js';
import { sigmaConvergence } from './sigma-convergence.js';

const level = fc.double({ min: 1, max: 1e6, noNaN: true });

describe('growth properties', () => {
  it('compoundAnnualGrowthRate(start, end, { years }) compounds back to end', () => {
    fc.assert(
      fc.property(level, level, fc.integer({ min: 1, max: 50 }), (a, b, years) => {
        const r = compoundAnnualGrowthRate([a], [b], { years })[0];
        expect(Math.abs(a * Math.pow(1 + r, years) - b)).toBeLessThanOrEqual(1e-9 * b);
      }),
    );
  });
  it('betaConvergence and sigmaConvergence are unchanged when all levels are scaled by one factor (β, sd of logs)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(level, level), { minLength: 4, maxLength: 12 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (pairs, c) => {
        const a = pairs.map((p) => p[0]);
        const b = pairs.map((p) => p[1]);
        const r1 = betaConvergence(a, b, { years: 5 });
        const r2 = betaConvergence(a.map((v) => v * c), b.map((v) => v * c), { years: 5 });
        if (Number.isFinite(r1.beta)) expect(Math.abs(r1.beta - r2.beta)).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(r1.beta)));
        const s1 = sigmaConvergence([a]).dispersion[0];
        const s2 = sigmaConvergence([a.map((v) => v * c)]).dispersion[0];
        expect(Math.abs(s1 - s2)).toBeLessThanOrEqual(1e-9 * (1 + s1));
      }),
    );
  });
});
