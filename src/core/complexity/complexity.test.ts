import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { presenceMatrix, presenceMatrixDefaults } from './presence-matrix.js';
import { diversity } from './diversity.js';
import { ubiquity } from './ubiquity.js';
import { proximity } from './proximity.js';
import { density, densityDefaults } from './density.js';
import { economicComplexityIndex } from './economic-complexity-index.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import { complexityOutlook } from './complexity-outlook.js';
import { methodOfReflections } from './method-of-reflections.js';
import { fitnessComplexity } from './fitness-complexity.js';
import { coOccurrence } from './co-occurrence.js';
import { relatedness } from './relatedness.js';
import { economicComplexity } from './economic-complexity.js';

const golden = new URL('../../../test/golden/complexity/', import.meta.url);
function readCells(path: URL): DenseMatrix {
  const lines = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const rows = [...new Set(lines.map((l) => l[0]))];
  const columns = [...new Set(lines.map((l) => l[1]))];
  const values = new Float64Array(rows.length * columns.length);
  for (const [r, c, v] of lines) values[rows.indexOf(r) * columns.length + columns.indexOf(c)] = Number(v);
  return denseMatrix(rows, columns, values);
}
const m = (rows: string[], columns: string[], values: number[]): DenseMatrix => denseMatrix(rows, columns, Float64Array.from(values));

describe('complexity kernels on the hand-calculated nested 3 × 3 matrix', () => {
  const M = readCells(new URL('nested-three-hand/m.csv', golden));
  const e = JSON.parse(readFileSync(new URL('nested-three-hand/expected.json', golden), 'utf8'));
  const tol = { rtol: 1e-12, atol: 1e-12 };

  it('diversity(M) and ubiquity(M) count presences', () => {
    expect(Array.from(diversity(M))).toEqual(e.diversity);
    expect(Array.from(ubiquity(M))).toEqual(e.ubiquity);
  });
  it('proximity(M) is the minimum conditional probability', () => {
    expectAllClose(proximity(M).values, e.proximity, tol);
  });
  it('density(M) includes the self term and lies in 0–1 (py-ecomplexity)', () => {
    expectAllClose(density(M).values, e.densityInclude, { ...tol, rowLabels: M.rows, columnLabels: M.columns });
  });
  it("density(M, { selfTerm: 'exclude', scale: 100 }) follows EconGeo relatedness.density", () => {
    expectAllClose(density(M, { selfTerm: 'exclude', scale: 100 }).values, e.densityExclude100, { ...tol, rowLabels: M.rows, columnLabels: M.columns });
  });
  it('economicComplexityIndex(M) gives the hand-derived ECI and PCI (eigenvalue 1/4)', () => {
    const r = economicComplexityIndexDetailed(M);
    expectAllClose(r.eci, e.eci, tol);
    expectAllClose(r.pci, e.pci, tol);
    expectAllClose(r.eigenvalue, e.eigenvalue, tol);
    expectAllClose(economicComplexityIndex(M).eci, e.eci, tol);
  });
  it('complexityOutlook(M) gives the hand-derived COI and COG', () => {
    const r = complexityOutlook(M);
    expectAllClose(r.coi, e.coi, tol);
    expectAllClose(r.cog.values, e.cog, { ...tol, rowLabels: M.rows, columnLabels: M.columns });
  });
  it('methodOfReflections(M, { iterations }) gives k_c,N and k_p,N for N = 0, 1, 2', () => {
    expectAllClose(methodOfReflections(M, { iterations: 0 }).regions, e.diversity, tol);
    const one = methodOfReflections(M, { iterations: 1 });
    expectAllClose(one.regions, e.reflections1.regions, tol);
    expectAllClose(one.industries, e.reflections1.industries, tol);
    const two = methodOfReflections(M, { iterations: 2 });
    expectAllClose(two.regions, e.reflections2.regions, tol);
    expectAllClose(two.industries, e.reflections2.industries, tol);
  });
  it('coOccurrence(M) counts shared regions with a zero diagonal; { diagonal: keep } keeps ubiquity', () => {
    expectAllClose(coOccurrence(M).values, e.coOccurrence, tol);
    const kept = coOccurrence(M, { diagonal: 'keep' }).values;
    expect([kept[0], kept[4], kept[8]]).toEqual([3, 2, 1]);
  });
  it('relatedness(C, { measure }) matches EconGeo probability, association, cosine and Jaccard by hand', () => {
    const C = coOccurrence(M);
    for (const measure of ['probability', 'association', 'cosine', 'jaccard'] as const) {
      expectAllClose(relatedness(C, { measure }).values, e.relatedness[measure], { ...tol, rowLabels: C.rows, columnLabels: C.columns });
    }
    expectAllClose(relatedness(C).values, e.relatedness.probability, tol);
  });
});

describe('fitnessComplexity', () => {
  it('fitnessComplexity(M) reaches the closed-form golden-ratio fixed point', () => {
    const M = readCells(new URL('fitness-golden-ratio-hand/m.csv', golden));
    const e = JSON.parse(readFileSync(new URL('fitness-golden-ratio-hand/expected.json', golden), 'utf8'));
    const r = fitnessComplexity(M);
    expectAllClose(r.fitness, e.fitness, { rtol: 1e-10 });
    expectAllClose(r.complexity, e.complexity, { rtol: 1e-10 });
  });
  it('fitnessComplexity(M, { maxIterations: 2 }) throws CONVERGENCE carrying maxIterations and tolerance', () => {
    const M = readCells(new URL('fitness-golden-ratio-hand/m.csv', golden));
    expect(() => fitnessComplexity(M, { maxIterations: 2 })).toThrow(expect.objectContaining({ code: 'CONVERGENCE', maxIterations: 2, tolerance: 1e-12 }));
  });
  it('fitnessComplexity(M) drops an empty row and column with diagnostics', () => {
    const r = fitnessComplexity(m(['A', 'B', 'Z'], ['p', 'q', 'none'], [1, 1, 0, 1, 1, 0, 0, 0, 0]));
    expect(r.fitness[2]).toBeNaN();
    expect(r.complexity[2]).toBeNaN();
    expectAllClose(r.fitness.subarray(0, 2), [1, 1], { rtol: 1e-12 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['EMPTY_ROWS', 'EMPTY_COLUMNS']);
  });
});

describe('presenceMatrix', () => {
  it('presenceMatrix(x) is 1 where RCA ≥ 1 (hand calculation)', () => {
    // totals: rows 10, 10; columns 15, 5; grand 20. RCA = (4/3, 0; 2/3, 2)
    const M = presenceMatrix(m(['a', 'b'], ['p', 'q'], [10, 0, 5, 5]));
    expect(Array.from(M.values)).toEqual([1, 0, 0, 1]);
    expect(presenceMatrixDefaults.threshold).toBe(1);
  });
  it('presenceMatrix(x, { threshold: 2 }) applies the threshold inclusively', () => {
    expect(Array.from(presenceMatrix(m(['a', 'b'], ['p', 'q'], [10, 0, 5, 5]), { threshold: 2 }).values)).toEqual([0, 0, 0, 1]);
  });
  it('presenceMatrix(x) gives 0 in an all-zero column, NaN in a row holding NaN, and excludes that row from the totals', () => {
    const M = presenceMatrix(m(['a', 'b', 'missing'], ['p', 'q', 'empty'], [10, 0, 0, 5, 5, 0, NaN, 100, 0]));
    expect(Array.from(M.values)).toEqual([1, 0, 0, 0, 1, 0, NaN, NaN, NaN]);
  });
  it('presenceMatrix(x) throws INVALID_INPUT naming row and column of a negative value', () => {
    expect(() => presenceMatrix(m(['a'], ['p', 'q'], [1, -1]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', details: expect.objectContaining({ row: 'a', column: 'q' }) }));
  });
});

describe('economicComplexity pipeline and edge cases', () => {
  it('economicComplexity(x) chains RCA → M → ECI/PCI, density, COI/COG', () => {
    const x = m(['a', 'b', 'c'], ['p1', 'p2', 'p3'], [5, 5, 90, 40, 40, 20, 60, 20, 20]);
    const r = economicComplexity(x);
    const M = presenceMatrix(x);
    expectAllClose(r.eci, economicComplexityIndex(M).eci, { rtol: 0 });
    expectAllClose(r.density.values, density(M).values, { rtol: 0 });
    expectAllClose(r.cog.values, complexityOutlook(M).cog.values, { rtol: 0 });
    expect(r.rca.values[0]).toBeCloseTo((5 / 100) / (105 / 300), 12);
  });
  it('density(M) gives NaN for a row holding NaN and for an industry present nowhere', () => {
    const d = density(m(['a', 'b', 'c'], ['p', 'q', 'none'], [1, 1, 0, 1, 0, 0, NaN, 1, 0]));
    expect(Number.isNaN(d.values[6])).toBe(true);
    expect(Number.isNaN(d.values[2])).toBe(true);
    expect(d.values[0]).toBe(1);
    expect(densityDefaults).toEqual({ selfTerm: 'include', scale: 1 });
  });
  it('proximity(M) of an industry present nowhere is 0 with present industries and NaN with itself', () => {
    const phi = proximity(m(['a', 'b'], ['p', 'none'], [1, 0, 1, 0]));
    expect(phi.values[1]).toBe(0);
    expect(phi.values[3]).toBeNaN();
  });
  it('relatedness(C) gives NaN for zero denominators (EconGeo would give 0) and rejects a non-square matrix', () => {
    const r = relatedness(m(['x', 'y', 'z'], ['x', 'y', 'z'], [0, 1, 0, 1, 0, 0, 0, 0, 0]), { measure: 'cosine' });
    expect(r.values[1]).toBe(1);
    expect(r.values[2]).toBeNaN();
    expect(() => relatedness(m(['x'], ['x', 'y'], [0, 1]))).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});
