import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { aggregateFlows, colocationCorrelation, inputOutputRelatedness, profileSimilarity } from './index.js';

const square = (n: number) => fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: n * n, maxLength: n * n }).map((v) => Float64Array.from(v));
const labels = (n: number): string[] => Array.from({ length: n }, (_, k) => `c${k}`);

describe('relatedness invariants', () => {
  it('inputOutputRelatedness(F) is symmetric and in [0, 1] with default totals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }).chain((n) => square(n).map((v) => ({ n, v }))), ({ n, v }) => {
        const r = inputOutputRelatedness(denseMatrix(labels(n), labels(n), v)).values;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const x = r[i * n + j];
            expect(Object.is(x, r[j * n + i])).toBe(true);
            if (!Number.isNaN(x)) expect(x >= 0 && x <= 1).toBe(true);
          }
        }
      }),
    );
  });

  it('aggregateFlows(F, A) keeps the total flow when every row of A sums to 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(square(n), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n })).map(([v, g]) => ({ n, v, g }))), ({ n, v, g }) => {
        const a = new Float64Array(n * 3);
        g.forEach((k, b) => (a[b * 3 + k] = 1));
        const G = aggregateFlows(denseMatrix(labels(n), labels(n), v), denseMatrix(labels(n), ['X', 'Y', 'Z'], a));
        expect(G.values.reduce((s, x) => s + x, 0)).toBe(v.reduce((s, x) => s + x, 0));
      }),
    );
  });

  it('colocationCorrelation(x) is unchanged when a column is scaled by a positive factor', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { minLength: 3, maxLength: 12 }), fc.integer({ min: 1, max: 50 }), (rows, k) => {
        const v = Float64Array.from(rows.flat());
        const scaled = Float64Array.from(rows.flatMap(([a, b]) => [a * k, b]));
        const r1 = colocationCorrelation(denseMatrix(rows.map((_, i) => `r${i}`), ['a', 'b'], v)).values[1];
        const r2 = colocationCorrelation(denseMatrix(rows.map((_, i) => `r${i}`), ['a', 'b'], scaled)).values[1];
        if (Number.isNaN(r1)) expect(r2).toBeNaN();
        else expect(r2).toBeCloseTo(r1, 10);
      }),
    );
  });

  it('profileSimilarity(x, t) is unchanged when a region row is scaled, and Krugman stays in [0, 2]', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 8 }), fc.integer({ min: 2, max: 9 }), (rows, k) => {
        const ids = rows.map((_, i) => `r${i}`);
        const a = profileSimilarity(denseMatrix(ids, ['p', 'q', 's'], Float64Array.from(rows.flat())), 0);
        const b = profileSimilarity(denseMatrix(ids, ['p', 'q', 's'], Float64Array.from(rows.flatMap((r, i) => (i === 1 ? r.map((x) => x * k) : r)))), 0);
        for (let r = 0; r < rows.length; r++) {
          if (Number.isNaN(a.krugman[r])) continue;
          expect(a.krugman[r]! >= 0 && a.krugman[r]! <= 2 + 1e-12).toBe(true);
          expect(b.krugman[r]).toBeCloseTo(a.krugman[r]!, 10);
          expect(b.cosine[r]).toBeCloseTo(a.cosine[r]!, 10);
        }
      }),
    );
  });
});
