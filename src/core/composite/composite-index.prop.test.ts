import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compositeIndex } from './composite-index.js';

const matrix = fc
  .record({ nr: fc.integer({ min: 3, max: 8 }), ni: fc.integer({ min: 1, max: 4 }) })
  .chain(({ nr, ni }) =>
    fc.record({
      nr: fc.constant(nr),
      ni: fc.constant(ni),
      values: fc.array(fc.integer({ min: 0, max: 100_000 }).map((v) => v / 100), { minLength: nr * ni, maxLength: nr * ni }),
      weights: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: ni, maxLength: ni }),
      negative: fc.array(fc.boolean(), { minLength: ni, maxLength: ni }),
    }),
  );

/** At least one indicator that is not constant (else compositeIndex refuses the input). */
const informative = (m: { nr: number; ni: number; values: number[] }): boolean => {
  for (let j = 0; j < m.ni; j++) for (let r = 1; r < m.nr; r++) if (m.values[r * m.ni + j] !== m.values[j]) return true;
  return false;
};

const build = (m: { nr: number; ni: number; values: number[]; weights: number[]; negative: boolean[] }) => ({
  regions: Array.from({ length: m.nr }, (_, r) => `R${r}`),
  indicators: m.weights.map((w, j) => ({ id: `I${j}`, weight: w, direction: m.negative[j] ? ('negative' as const) : ('positive' as const) })),
  values: Float64Array.from(m.values),
});

describe('compositeIndex invariants', () => {
  test('compositeIndex(m) scores and composites lie in [0, 1]', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        fc.pre(informative(m));
        const r = compositeIndex(build(m));
        for (const v of [...r.scores, ...r.composite]) if (!Number.isNaN(v)) expect(v >= -1e-12 && v <= 1 + 1e-12).toBe(true);
      }),
    );
  });
  test('compositeIndex(m) is unchanged when an indicator is multiplied by a positive constant', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0.01, max: 100, noNaN: true }), (m, c) => {
        fc.pre(informative(m));
        const a = compositeIndex(build(m));
        const scaled = build(m);
        for (let r = 0; r < m.nr; r++) scaled.values[r * m.ni] *= c;
        const b = compositeIndex(scaled);
        for (let k = 0; k < a.composite.length; k++) {
          if (Number.isNaN(a.composite[k]!)) expect(b.composite[k]).toBeNaN();
          else expect(Math.abs(a.composite[k]! - b.composite[k]!)).toBeLessThan(1e-9);
        }
      }),
    );
  });
  test('compositeIndex(m) is permutation-equivariant over regions and the reference region scores 100', () => {
    fc.assert(
      fc.property(matrix, (m) => {
        fc.pre(informative(m));
        const a = compositeIndex(build(m), { reference: 'R0' });
        const rev = build(m);
        const values = new Float64Array(rev.values.length);
        for (let r = 0; r < m.nr; r++) values.set(rev.values.subarray((m.nr - 1 - r) * m.ni, (m.nr - r) * m.ni), r * m.ni);
        const b = compositeIndex({ ...rev, regions: [...rev.regions].reverse(), values }, { reference: 'R0' });
        for (let r = 0; r < m.nr; r++) {
          const x = a.composite[r]!;
          const y = b.composite[m.nr - 1 - r]!;
          if (Number.isNaN(x)) expect(y).toBeNaN();
          else expect(Math.abs(x - y)).toBeLessThan(1e-9);
        }
        if (a.composite[0]! > 0) expect(a.relative[0]).toBeCloseTo(100, 9);
      }),
    );
  });
});
