import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { differenceInDifferences } from './difference-in-differences.js';

const arbitraryPanel = fc
  .record({ units: fc.integer({ min: 3, max: 8 }), years: fc.integer({ min: 2, max: 5 }) })
  .chain(({ units, years }) =>
    fc.record({
      treatedCount: fc.integer({ min: 1, max: units - 2 }),
      values: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: units * years, maxLength: units * years }),
      unitShift: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: units, maxLength: units }),
      yearShift: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: years, maxLength: years }),
      treatmentIndex: fc.integer({ min: 1, max: years - 1 }),
      units: fc.constant(units),
      years: fc.constant(years),
    }),
  );

describe('differenceInDifferences properties', () => {
  test('differenceInDifferences(panel) is unchanged by unit and year fixed effects added to the outcome', () => {
    fc.assert(
      fc.property(arbitraryPanel, (p) => {
        const years = Array.from({ length: p.years }, (_, t) => 2000 + t);
        const treated = Uint8Array.from({ length: p.units }, (_, i) => (i < p.treatedCount ? 1 : 0));
        const units = Array.from({ length: p.units }, (_, i) => `u${i}`);
        const values = Float64Array.from(p.values);
        const shifted = values.map((v, k) => v + p.unitShift[Math.floor(k / p.years)]! + p.yearShift[k % p.years]!);
        const options = { treatmentYear: years[p.treatmentIndex]! };
        const a = differenceInDifferences({ units, treated, years, values }, options);
        const b = differenceInDifferences({ units, treated, years, values: shifted }, options);
        expect(b.estimate).toBeCloseTo(a.estimate, 8);
        expect(b.standardError).toBeCloseTo(a.standardError, 8);
      }),
    );
  });
  test('differenceInDifferences(panel) adds a constant effect on treated post cells to the estimate', () => {
    fc.assert(
      fc.property(arbitraryPanel, fc.double({ min: -3, max: 3, noNaN: true }), (p, effect) => {
        const years = Array.from({ length: p.years }, (_, t) => 2000 + t);
        const treated = Uint8Array.from({ length: p.units }, (_, i) => (i < p.treatedCount ? 1 : 0));
        const units = Array.from({ length: p.units }, (_, i) => `u${i}`);
        const values = Float64Array.from(p.values);
        const treatedValues = values.map((v, k) => (treated[Math.floor(k / p.years)] && k % p.years >= p.treatmentIndex ? v + effect : v));
        const options = { treatmentYear: years[p.treatmentIndex]! };
        const a = differenceInDifferences({ units, treated, years, values }, options);
        const b = differenceInDifferences({ units, treated, years, values: treatedValues }, options);
        expect(b.estimate - a.estimate).toBeCloseTo(effect, 8);
      }),
    );
  });
});
