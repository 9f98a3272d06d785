import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { clusterLocationQuotient } from './cluster-location-quotient.js';
import type { ClusterType } from './cluster-location-quotient.js';

// Strictly positive regions × clusters with at least one traded and one local cluster.
const caseArb = fc
  .record({ m: fc.integer({ min: 1, max: 6 }), traded: fc.integer({ min: 1, max: 4 }), local: fc.integer({ min: 1, max: 3 }) })
  .chain(({ m, traded, local }) =>
    fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: m * (traded + local), maxLength: m * (traded + local) }).map((values) => {
      const types: ClusterType[] = [...Array(traded).fill('traded'), ...Array(local).fill('local')];
      const matrix = denseMatrix(
        Array.from({ length: m }, (_, k) => `r${k}`),
        types.map((t, k) => `${t}${k}`),
        Float64Array.from(values),
      );
      return { matrix, types };
    }),
  );

function permuteRows(mat: DenseMatrix, perm: number[]): DenseMatrix {
  const n = mat.columns.length;
  const out = new Float64Array(mat.values.length);
  perm.forEach((from, to) => out.set(mat.values.subarray(from * n, from * n + n), to * n));
  return denseMatrix(perm.map((p) => mat.rows[p]), mat.columns, out);
}

describe('clusterLocationQuotient invariants', () => {
  it('clusterLocationQuotient(m, types) is unchanged when the matrix is scaled', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ matrix, types }, k) => {
        const scaled = denseMatrix(matrix.rows, matrix.columns, matrix.values.map((v) => v * k));
        expectAllClose(clusterLocationQuotient(scaled, types).lq, clusterLocationQuotient(matrix, types).lq, { rtol: 1e-12 });
      }),
    );
  });

  it('clusterLocationQuotient(m, types) gives traded LQs that do not depend on local employment', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 1_000_000 }), ({ matrix, types }, extra) => {
        const changed = Float64Array.from(matrix.values);
        const nc = types.length;
        for (let k = 0; k < changed.length; k++) if (types[k % nc] === 'local') changed[k] += extra * ((k % 3) + 1);
        const a = clusterLocationQuotient(matrix, types).lq;
        const b = clusterLocationQuotient(denseMatrix(matrix.rows, matrix.columns, changed), types).lq;
        for (let k = 0; k < a.length; k++) if (types[k % nc] === 'traded') expect(b[k]).toBe(a[k]);
      }),
    );
  });

  it('clusterLocationQuotient(m, types) is permutation-equivariant in regions', () => {
    fc.assert(
      fc.property(caseArb.chain((c) => fc.shuffledSubarray([...c.matrix.rows.keys()], { minLength: c.matrix.rows.length }).map((perm) => ({ ...c, perm }))), ({ matrix, types, perm }) => {
        const base = clusterLocationQuotient(matrix, types).lq;
        const permuted = clusterLocationQuotient(permuteRows(matrix, perm), types).lq;
        const nc = types.length;
        const want = new Float64Array(base.length);
        perm.forEach((from, to) => want.set(base.subarray(from * nc, from * nc + nc), to * nc));
        expectAllClose(permuted, want, { rtol: 1e-12 });
      }),
    );
  });

  it('clusterLocationQuotient(m, types) has traded LQs whose traded-employment-weighted mean is 1 in each cluster', () => {
    fc.assert(
      fc.property(caseArb, ({ matrix, types }) => {
        const r = clusterLocationQuotient(matrix, types);
        const nc = types.length;
        for (let c = 0; c < nc; c++) {
          if (types[c] !== 'traded') continue;
          let weighted = 0;
          for (let i = 0; i < matrix.rows.length; i++) weighted += r.regionTraded[i] * r.lq[i * nc + c];
          expect(weighted / r.referenceTraded).toBeCloseTo(1, 9);
        }
      }),
    );
  });
});
