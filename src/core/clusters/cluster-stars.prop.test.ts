import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterStars } from './cluster-stars.js';
import type { ClusterStarsInput } from './cluster-stars.js';

// Regions × clusters with non-negative integer employment (zeros included), LQs and wages.
const caseArb = fc
  .record({ m: fc.integer({ min: 1, max: 12 }), n: fc.integer({ min: 1, max: 4 }) })
  .chain(({ m, n }) =>
    fc
      .record({
        employment: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: m * n, maxLength: m * n }),
        lq: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: m * n, maxLength: m * n }),
        wages: fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: m * n, maxLength: m * n }),
      })
      .map(
        ({ employment, lq, wages }): ClusterStarsInput => ({
          regionCount: m,
          clusterCount: n,
          employment: Float64Array.from(employment),
          lq: Float64Array.from(lq),
          wages: Float64Array.from(wages),
        }),
      ),
  );

function permuteRows(values: Float64Array, n: number, perm: number[]): Float64Array {
  const out = new Float64Array(values.length);
  perm.forEach((from, to) => out.set(values.subarray(from * n, from * n + n), to * n));
  return out;
}

describe('clusterStars properties', () => {
  it('clusterStars(input) is permutation-equivariant over regions', () => {
    fc.assert(
      fc.property(
        caseArb.chain((input) => fc.shuffledSubarray([...Array(input.regionCount).keys()], { minLength: input.regionCount }).map((perm) => ({ input, perm }))),
        ({ input, perm }) => {
          const n = input.clusterCount;
          const a = clusterStars(input);
          const b = clusterStars({
            ...input,
            employment: permuteRows(input.employment, n, perm),
            lq: permuteRows(input.lq, n, perm),
            wages: permuteRows(input.wages!, n, perm),
          });
          expect(Array.from(b.stars)).toEqual(Array.from(permuteRows(a.stars, n, perm)));
          expect(Array.from(b.productivityStar!)).toEqual(Array.from(permuteRows(Float64Array.from(a.productivityStar!), n, perm)));
        },
      ),
    );
  });

  it('clusterStars(input) size and focus stars are unchanged when employment and wages are scaled by 2^k', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -8, max: 8 }), (input, k) => {
        const s = 2 ** k;
        const a = clusterStars(input);
        const b = clusterStars({ ...input, employment: input.employment.map((v) => v * s), wages: input.wages!.map((v) => v * s) });
        expect(Array.from(b.stars)).toEqual(Array.from(a.stars));
        expect(Array.from(b.productivityStar!)).toEqual(Array.from(a.productivityStar!));
      }),
    );
  });

  it('clusterStars(input) stars each employed cluster in at least one region, and stars lie in 0–3', () => {
    fc.assert(
      fc.property(caseArb, (input) => {
        const r = clusterStars(input);
        const { regionCount: m, clusterCount: n } = input;
        for (let c = 0; c < n; c++) {
          let employed = false;
          let sized = 0;
          let focused = 0;
          for (let q = 0; q < m; q++) {
            const k = q * n + c;
            expect(r.stars[k]).toBe(r.sizeStar[k] + r.specialisationStar[k] + r.focusStar[k]);
            expect(r.stars[k]).toBeGreaterThanOrEqual(0);
            expect(r.stars[k]).toBeLessThanOrEqual(3);
            if (input.employment[k] > 0) employed = true;
            else expect(r.stars[k]).toBe(0);
            sized += r.sizeStar[k];
            focused += r.focusStar[k];
          }
          if (employed) {
            expect(sized).toBeGreaterThanOrEqual(1);
            expect(focused).toBeGreaterThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('clusterStars(input) gives fewer or equal size stars with a smaller top share', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (input, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        const few = clusterStars(input, { sizeTopShare: small });
        const many = clusterStars(input, { sizeTopShare: large });
        for (let k = 0; k < few.sizeStar.length; k++) expect(few.sizeStar[k]).toBeLessThanOrEqual(many.sizeStar[k]);
      }),
    );
  });
});
