import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { shiftShare } from './shift-share.js';
import { dynamicShiftShare } from './dynamic-shift-share.js';

const R = 4;
const I = 5;
const cell = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }));
const matrixArb = fc.array(cell, { minLength: R * I, maxLength: R * I });
const rows = ['r0', 'r1', 'r2', 'r3'];
const columns = ['c0', 'c1', 'c2', 'c3', 'c4'];
const close = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

describe('shiftShare properties', () => {
  it('shiftShare(start, end): national share + industry mix + regional shift = actual change, per cell and region', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (s, e) => {
        // keep every reference industry start positive so g_i is defined
        for (let i = 0; i < I; i++) s[i] += 1;
        const res = shiftShare(denseMatrix(rows, columns, Float64Array.from(s)), denseMatrix(rows, columns, Float64Array.from(e)));
        for (let k = 0; k < R * I; k++) {
          const sum = res.cells.nationalShare[k] + res.cells.industryMix[k] + res.cells.regionalShift[k];
          expect(close(sum, res.cells.growth[k], Math.abs(s[k]) + Math.abs(e[k]))).toBe(true);
        }
        for (let r = 0; r < R; r++) {
          const sum = res.regions.nationalShare[r] + res.regions.industryMix[r] + res.regions.regionalShift[r];
          expect(close(sum, res.regions.growth[r], 1e6)).toBe(true);
        }
      }),
    );
  });

  it('shiftShare(start, end): EM competitive + allocation = Dunn regional shift', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (s, e) => {
        for (let i = 0; i < I; i++) s[i] += 1;
        const res = shiftShare(denseMatrix(rows, columns, Float64Array.from(s)), denseMatrix(rows, columns, Float64Array.from(e)));
        for (let r = 0; r < R; r++) {
          expect(close(res.regions.competitive[r] + res.regions.allocation[r], res.regions.regionalShift[r], 1e6)).toBe(true);
        }
        for (let i = 0; i < I; i++) {
          expect(close(res.industries.competitive[i] + res.industries.allocation[i], res.industries.regionalShift[i], 1e6)).toBe(true);
        }
      }),
    );
  });

  it('shiftShare(start, end): with the default reference, industry mix and regional shift sum to 0 over regions', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (s, e) => {
        for (let i = 0; i < I; i++) s[i] += 1;
        const res = shiftShare(denseMatrix(rows, columns, Float64Array.from(s)), denseMatrix(rows, columns, Float64Array.from(e)));
        let mix = 0;
        let regional = 0;
        for (let r = 0; r < R; r++) {
          mix += res.regions.industryMix[r];
          regional += res.regions.regionalShift[r];
        }
        expect(close(mix, 0, 1e6)).toBe(true);
        expect(close(regional, 0, 1e6)).toBe(true);
      }),
    );
  });

  it('dynamicShiftShare(panel): summed components add up to the change from first to last year', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, matrixArb, (a, b, c) => {
        for (let i = 0; i < I; i++) {
          a[i] += 1;
          b[i] += 1;
        }
        const panel = [a, b, c].map((v) => denseMatrix(rows, columns, Float64Array.from(v)));
        const res = dynamicShiftShare(panel);
        for (let r = 0; r < R; r++) {
          let first = 0;
          let last = 0;
          for (let i = 0; i < I; i++) {
            first += a[r * I + i];
            last += c[r * I + i];
          }
          const sum = res.regions.nationalShare[r] + res.regions.industryMix[r] + res.regions.regionalShift[r];
          expect(close(sum, last - first, 1e6)).toBe(true);
          expect(close(res.regions.competitive[r] + res.regions.allocation[r], res.regions.regionalShift[r], 1e6)).toBe(true);
        }
      }),
    );
  });

  it('shiftShare(start, end) is equivariant under a permutation of the regions', () => {
    fc.assert(
      fc.property(matrixArb, matrixArb, (s, e) => {
        for (let i = 0; i < I; i++) s[i] += 1;
        const perm = [2, 0, 3, 1];
        const permute = (v: number[]): Float64Array => {
          const out = new Float64Array(R * I);
          for (let r = 0; r < R; r++) for (let i = 0; i < I; i++) out[r * I + i] = v[perm[r] * I + i];
          return out;
        };
        const a = shiftShare(denseMatrix(rows, columns, Float64Array.from(s)), denseMatrix(rows, columns, Float64Array.from(e)));
        const b = shiftShare(denseMatrix(rows, columns, permute(s)), denseMatrix(rows, columns, permute(e)));
        for (let r = 0; r < R; r++) {
          expect(close(b.regions.regionalShift[r], a.regions.regionalShift[perm[r]], 1e6)).toBe(true);
          expect(close(b.regions.allocation[r], a.regions.allocation[perm[r]], 1e6)).toBe(true);
        }
      }),
    );
  });
});
