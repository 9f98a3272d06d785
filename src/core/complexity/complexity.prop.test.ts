import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { AnalyticsError } from '../errors.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import type { EconomicComplexityIndexDetailedResult } from './economic-complexity-index-detailed.js';
import { proximity } from './proximity.js';
import { density } from './density.js';
import { fitnessComplexity } from './fitness-complexity.js';
import { relatedness } from './relatedness.js';
import { coOccurrence } from './co-occurrence.js';

const R = 7;
const I = 9;
const rows = Array.from({ length: R }, (_, k) => `r${k}`);
const columns = Array.from({ length: I }, (_, k) => `i${k}`);
const binary = fc.array(fc.integer({ min: 0, max: 1 }), { minLength: R * I, maxLength: R * I });
const toM = (v: number[]): DenseMatrix => denseMatrix(rows, columns, Float64Array.from(v));

function usable(M: DenseMatrix): EconomicComplexityIndexDetailedResult | undefined {
  try {
    const r = economicComplexityIndexDetailed(M);
    if (r.diagnostics.some((d) => d.code === 'DEGENERATE_SPECTRUM' || d.code === 'DISCONNECTED' || d.code === 'AMBIGUOUS_SIGN')) return undefined;
    return r;
  } catch (error) {
    if (error instanceof AnalyticsError && error.code === 'CONVERGENCE') return undefined; // tied eigenvalues
    throw error;
  }
}

describe('complexity properties', () => {
  it('economicComplexityIndex(M): ECI has mean 0 and population sd 1 over the kept regions', () => {
    fc.assert(
      fc.property(binary, (v) => {
        const r = usable(toM(v));
        fc.pre(r !== undefined);
        const e = Array.from(r!.eci).filter((x) => !Number.isNaN(x));
        const mean = e.reduce((a, b) => a + b, 0) / e.length;
        const sd = Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / e.length);
        expect(Math.abs(mean)).toBeLessThan(1e-9);
        expect(Math.abs(sd - 1)).toBeLessThan(1e-9);
      }),
    );
  });

  it('economicComplexityIndex(M): each ECI is the mean PCI of its industries, and corr(ECI, diversity) ≥ 0', () => {
    fc.assert(
      fc.property(binary, (v) => {
        const r = usable(toM(v));
        fc.pre(r !== undefined);
        const kept: number[] = [];
        for (let c = 0; c < R; c++) {
          if (Number.isNaN(r!.eci[c])) continue;
          kept.push(c);
          let s = 0;
          let n = 0;
          for (let i = 0; i < I; i++) {
            if (v[c * I + i] === 1) {
              s += r!.pci[i];
              n++;
            }
          }
          expect(Math.abs(s / n - r!.eci[c])).toBeLessThan(1e-8);
        }
        const d = kept.map((c) => r!.diversity[c]);
        const e = kept.map((c) => r!.eci[c]);
        const md = d.reduce((a, b) => a + b, 0) / d.length;
        const cov = e.reduce((a, x, k) => a + x * (d[k] - md), 0);
        expect(cov).toBeGreaterThanOrEqual(-1e-9);
      }),
    );
  });

  it('economicComplexityIndex(M) is equivariant under a permutation of the regions', () => {
    const perm = [3, 0, 6, 1, 5, 2, 4];
    fc.assert(
      fc.property(binary, (v) => {
        const a = usable(toM(v));
        fc.pre(a !== undefined);
        const w: number[] = [];
        for (let r = 0; r < R; r++) for (let i = 0; i < I; i++) w.push(v[perm[r] * I + i]);
        const b = economicComplexityIndexDetailed(toM(w));
        for (let r = 0; r < R; r++) {
          const x = a!.eci[perm[r]];
          if (Number.isNaN(x)) expect(b.eci[r]).toBeNaN();
          else expect(Math.abs(b.eci[r] - x)).toBeLessThan(1e-8);
        }
      }),
    );
  });

  it('proximity(M) is symmetric with values in [0, 1]; density(M) lies in [0, 1]', () => {
    fc.assert(
      fc.property(binary, (v) => {
        const M = toM(v);
        const phi = proximity(M).values;
        for (let i = 0; i < I; i++) {
          for (let j = 0; j < I; j++) {
            const x = phi[i * I + j];
            if (Number.isNaN(x)) continue;
            expect(x).toBe(phi[j * I + i]);
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
          }
        }
        for (const x of density(M).values) {
          if (Number.isNaN(x)) continue;
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('relatedness(coOccurrence(M), { measure }) is symmetric for every measure', () => {
    fc.assert(
      fc.property(binary, fc.constantFrom('probability', 'association', 'cosine', 'jaccard' as const), (v, measure) => {
        const rel = relatedness(coOccurrence(toM(v)), { measure }).values;
        for (let i = 0; i < I; i++) for (let j = 0; j < i; j++) expect(Object.is(rel[i * I + j], rel[j * I + i]) || Math.abs(rel[i * I + j] - rel[j * I + i]) < 1e-12).toBe(true);
      }),
    );
  });

  it('fitnessComplexity(M): fitness and complexity have mean 1 when it converges', () => {
    fc.assert(
      fc.property(binary, (v) => {
        let r;
        try {
          r = fitnessComplexity(toM(v), { maxIterations: 2000, tolerance: 1e-10 });
        } catch (error) {
          if (error instanceof AnalyticsError && error.code === 'CONVERGENCE') return;
          throw error;
        }
        const f = Array.from(r.fitness).filter((x) => !Number.isNaN(x));
        const q = Array.from(r.complexity).filter((x) => !Number.isNaN(x));
        if (f.length === 0) return;
        expect(Math.abs(f.reduce((a, b) => a + b, 0) / f.length - 1)).toBeLessThan(1e-9);
        expect(Math.abs(q.reduce((a, b) => a + b, 0) / q.length - 1)).toBeLessThan(1e-9);
      }),
      { numRuns: 50 },
    );
  });
});
