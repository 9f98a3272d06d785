import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { gini, hooverConcentration, locationalGini, lorenzCurve, theilIndex } from './index.js';

const vectorArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 2, maxLength: 40 }).filter((v) => v.some((x) => x > 0));

describe('concentration invariants', () => {
  it('gini(x) lies in [0, (n − 1)/n] and is invariant under scaling and permutation', () => {
    fc.assert(
      fc.property(vectorArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (x, k) => {
        const g = gini(x);
        expect(g).toBeGreaterThanOrEqual(-1e-12);
        expect(g).toBeLessThanOrEqual((x.length - 1) / x.length + 1e-12);
        expectAllClose(gini(x.map((v) => v * k)), g, { rtol: 1e-9, atol: 1e-12 });
        expectAllClose(gini([...x].reverse()), g, { rtol: 1e-12, atol: 1e-15 });
        expectAllClose(gini(x, { normalized: true }), (g * x.length) / (x.length - 1), { rtol: 1e-12, atol: 1e-15 });
      }),
    );
  });

  it('gini(x, { weights }) with integer weights equals gini of the values repeated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 10 }),
        (pairs) => {
          const expanded = pairs.flatMap(([v, w]) => new Array<number>(w).fill(v));
          expectAllClose(
            gini(pairs.map((p) => p[0]), { weights: pairs.map((p) => p[1]) }),
            gini(expanded),
            { rtol: 1e-9, atol: 1e-12 },
          );
        },
      ),
    );
  });

  it('lorenzCurve(x) runs from (0, 0) to (1, 1), is non-decreasing and lies on or below the diagonal', () => {
    fc.assert(
      fc.property(vectorArb, (x) => {
        const c = lorenzCurve(x);
        expect(c.x[0]).toBe(0);
        expect(c.y[0]).toBe(0);
        expectAllClose([c.x[x.length], c.y[x.length]], [1, 1], { rtol: 1e-12 });
        for (let k = 1; k <= x.length; k++) {
          expect(c.y[k]).toBeGreaterThanOrEqual(c.y[k - 1]);
          expect(c.y[k]).toBeLessThanOrEqual(c.x[k] + 1e-12);
        }
      }),
    );
  });

  it('theilIndex(x) lies in [0, ln n]', () => {
    fc.assert(
      fc.property(vectorArb, (x) => {
        const t = theilIndex(x);
        expect(t).toBeGreaterThanOrEqual(-1e-12);
        expect(t).toBeLessThanOrEqual(Math.log(x.length) + 1e-12);
      }),
    );
  });

  it('locationalGini(m) lies in [0, 0.5] and hooverConcentration(m) in [0, 1], both invariant under region permutation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((m) =>
          fc.tuple(
            fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: m * 3, maxLength: m * 3 }),
            fc.shuffledSubarray(Array.from({ length: m }, (_, k) => k), { minLength: m }),
          ),
        ),
        ([values, perm]) => {
          const m = values.length / 3;
          const rows = Array.from({ length: m }, (_, k) => `r${k}`);
          const mat = denseMatrix(rows, ['a', 'b', 'c'], Float64Array.from(values));
          const permuted = new Float64Array(values.length);
          perm.forEach((from, to) => permuted.set(mat.values.subarray(from * 3, from * 3 + 3), to * 3));
          const matP = denseMatrix(perm.map((p) => rows[p]), ['a', 'b', 'c'], permuted);
          const lg = locationalGini(mat);
          const hc = hooverConcentration(mat);
          for (let c = 0; c < 3; c++) {
            expect(lg[c]).toBeGreaterThanOrEqual(-1e-12);
            expect(lg[c]).toBeLessThanOrEqual(0.5);
            expect(hc[c]).toBeGreaterThanOrEqual(0);
            expect(hc[c]).toBeLessThanOrEqual(1 + 1e-12);
          }
          expectAllClose(locationalGini(matP), lg, { rtol: 1e-9, atol: 1e-12 });
          expectAllClose(hooverConcentration(matP), hc, { rtol: 1e-9, atol: 1e-12 });
        },
      ),
    );
  });
});
