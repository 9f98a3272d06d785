import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import {
  hachmanIndex,
  herfindahlIndex,
  hooverSpecialization,
  krugmanSpecialization,
  locationQuotient,
  shannonEntropy,
} from './index.js';

// Strictly positive matrices: every margin > 0, so every indicator is defined.
const matrixArb = fc
  .record({ m: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 6 }) })
  .chain(({ m, n }) =>
    fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: m * n, maxLength: m * n }).map((values) =>
      denseMatrix(
        Array.from({ length: m }, (_, k) => `r${k}`),
        Array.from({ length: n }, (_, k) => `i${k}`),
        Float64Array.from(values),
      ),
    ),
  );

function permuteRows(mat: DenseMatrix, perm: number[]): DenseMatrix {
  const n = mat.columns.length;
  const out = new Float64Array(mat.values.length);
  perm.forEach((from, to) => out.set(mat.values.subarray(from * n, from * n + n), to * n));
  return denseMatrix(perm.map((p) => mat.rows[p]), mat.columns, out);
}

describe('specialisation invariants', () => {
  it('locationQuotient(m) is unchanged when the matrix is scaled', () => {
    fc.assert(
      fc.property(matrixArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (mat, k) => {
        const scaled = denseMatrix(mat.rows, mat.columns, mat.values.map((v) => v * k));
        expectAllClose(locationQuotient(scaled).values, locationQuotient(mat).values, { rtol: 1e-12 });
      }),
    );
  });

  it('locationQuotient(m) is equivariant under a permutation of the regions', () => {
    fc.assert(
      fc.property(
        matrixArb.chain((mat) => fc.tuple(fc.constant(mat), fc.shuffledSubarray([...mat.rows.keys()], { minLength: mat.rows.length }))),
        ([mat, perm]) => {
          const lq = locationQuotient(mat).values;
          const lqPerm = locationQuotient(permuteRows(mat, perm)).values;
          const expected = permuteRows(denseMatrix(mat.rows, mat.columns, lq), perm).values;
          expectAllClose(lqPerm, expected, { rtol: 1e-12 });
        },
      ),
    );
  });

  it('locationQuotient(m) has employment-weighted mean 1 in every industry (Σ_r x[r,·]·LQ[r,i] = x[·,·])', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        const lq = locationQuotient(mat).values;
        const m = mat.rows.length;
        const n = mat.columns.length;
        let grand = 0;
        for (const v of mat.values) grand += v;
        for (let c = 0; c < n; c++) {
          let s = 0;
          for (let r = 0; r < m; r++) {
            let rowTotal = 0;
            for (let j = 0; j < n; j++) rowTotal += mat.values[r * n + j];
            s += rowTotal * lq[r * n + c];
          }
          expectAllClose(s, grand, { rtol: 1e-9 });
        }
      }),
    );
  });

  it('krugmanSpecialization(m) lies in [0, 2] and hooverSpecialization(m) is half of it', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        const k = krugmanSpecialization(mat);
        const h = hooverSpecialization(mat);
        for (let r = 0; r < k.length; r++) {
          expect(k[r]).toBeGreaterThanOrEqual(0);
          expect(k[r]).toBeLessThanOrEqual(2 + 1e-12);
          expectAllClose(h[r], k[r] / 2, { rtol: 1e-15 });
        }
      }),
    );
  });

  it('herfindahlIndex(m) lies in [1/n, 1] and shannonEntropy(m) in [0, log2 n]', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        const n = mat.columns.length;
        const h = herfindahlIndex(mat);
        const e = shannonEntropy(mat);
        for (let r = 0; r < h.length; r++) {
          expect(h[r]).toBeGreaterThanOrEqual(1 / n - 1e-12);
          expect(h[r]).toBeLessThanOrEqual(1 + 1e-12);
          expect(e[r]).toBeGreaterThanOrEqual(-1e-12);
          expect(e[r]).toBeLessThanOrEqual(Math.log2(n) + 1e-12);
        }
      }),
    );
  });

  it('hachmanIndex(m) lies in (0, 1]', () => {
    fc.assert(
      fc.property(matrixArb, (mat) => {
        for (const v of hachmanIndex(mat)) {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});
