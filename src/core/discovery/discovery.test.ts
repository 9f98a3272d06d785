import { describe, expect, test } from 'vitest';
import { expectAllClose } from '../../../test/helpers/expect-all-close.js';
import { ellisonGlaeserCoagglomeration } from '../concentration/index.js';
import type { PlantData } from '../concentration/index.js';
import { denseMatrix } from '../matrix/dense-matrix.js';
import { seededRandom } from '../spatial/seeded-random.js';
import {
  adjustedRandIndex,
  coagglomerationSimilarity,
  colocationSimilarity,
  combineSimilarity,
  cutTree,
  discoverClusters,
  hierarchicalClustering,
  inputOutputSimilarity,
  kMeans,
  partitionAgreement,
  similarityMatrix,
  validationScores,
} from './index.js';

const labelsOf = (n: number, p = 'i'): string[] => Array.from({ length: n }, (_, i) => `${p}${i}`);

function randomEmployment(R: number, n: number, seed: number) {
  const rng = seededRandom(seed);
  return denseMatrix(labelsOf(R, 'r'), labelsOf(n), Float64Array.from({ length: R * n }, () => Math.floor(rng() * 100)));
}

function pearson(a: number[], b: number[]): number {
  const m = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / m;
  const mb = b.reduce((s, v) => s + v, 0) / m;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < m; k++) {
    sab += (a[k]! - ma) * (b[k]! - mb);
    saa += (a[k]! - ma) ** 2;
    sbb += (b[k]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('colocationSimilarity', () => {
  test('colocationSimilarity(x) equals the Pearson correlation of LQ columns computed cell by cell', () => {
    const x = randomEmployment(9, 5, 1);
    const R = 9;
    const n = 5;
    const rowTotal = (r: number) => Array.from(x.values.subarray(r * n, (r + 1) * n)).reduce((s, v) => s + v, 0);
    const grand = Array.from(x.values).reduce((s, v) => s + v, 0);
    const colTotal = (i: number) => Array.from({ length: R }, (_, r) => x.values[r * n + i]!).reduce((s, v) => s + v, 0);
    const lq = (i: number) => Array.from({ length: R }, (_, r) => x.values[r * n + i]! / rowTotal(r) / (colTotal(i) / grand));
    const s = colocationSimilarity(x);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expectAllClose(s.values[i * n + j]!, i === j ? 1 : pearson(lq(i), lq(j)), { rtol: 1e-10, atol: 1e-12 });
  });

  test("colocationSimilarity(x, { basis: 'employment' }) correlates the employment levels", () => {
    const x = randomEmployment(7, 4, 2);
    const col = (i: number) => Array.from({ length: 7 }, (_, r) => x.values[r * 4 + i]!);
    expectAllClose(colocationSimilarity(x, { basis: 'employment' }).values[1]!, pearson(col(0), col(1)), { rtol: 1e-10 });
  });

  test('colocationSimilarity(x) gives NaN rows for a NaN cell, an empty industry and a constant LQ, and skips empty regions', () => {
    const x = denseMatrix(['a', 'b', 'c', 'z'], ['p', 'q', 'nan', 'zero', 'flat'], Float64Array.from([1, 5, 1, 0, 2, 4, 2, 2, 0, 4, 3, 9, NaN, 0, 6, 0, 0, 0, 0, 0]));
    const s = colocationSimilarity(x);
    const n = 5;
    for (const bad of [2, 3]) for (let j = 0; j < n; j++) expect(s.values[bad * n + j]).toBeNaN();
    expect(Number.isFinite(s.values[0 * n + 1]!)).toBe(true);
    expect([s.values[0], s.values[1 * n + 1], s.values[4 * n + 4]]).toEqual([1, 1, 1]);
    expect(() => colocationSimilarity(denseMatrix(['a'], ['p'], Float64Array.from([-1])))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('coagglomerationSimilarity', () => {
  test('coagglomerationSimilarity(x) equals ellisonGlaeserCoagglomeration for every pair (cells as plants)', () => {
    const x = randomEmployment(6, 4, 3);
    const R = 6;
    const n = 4;
    const plantRegion: number[] = [];
    const plantIndustry: number[] = [];
    const plantEmployment: number[] = [];
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < n; i++) {
        // two plants per cell so plant Herfindahls are not trivial; they must cancel out
        const v = x.values[r * n + i]!;
        plantRegion.push(r, r);
        plantIndustry.push(i, i);
        plantEmployment.push(Math.floor(v / 3), v - Math.floor(v / 3));
      }
    }
    const plants: PlantData = { regions: x.rows, industries: x.columns, plantRegion, plantIndustry, plantEmployment };
    const s = coagglomerationSimilarity(x);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const eg = ellisonGlaeserCoagglomeration(plants, { group: [x.columns[i]!, x.columns[j]!] }).gamma;
        expectAllClose(s.values[i * n + j]!, eg, { rtol: 1e-9, atol: 1e-12 });
        expect(s.values[j * n + i]).toBe(s.values[i * n + j]);
      }
    }
  });

  test('coagglomerationSimilarity(x, { regionEmployment }) uses the given regional shares', () => {
    const x = denseMatrix(['a', 'b'], ['p', 'q'], Float64Array.from([3, 1, 1, 3]));
    // a = (1/2, 1/2): s_p = (3/4, 1/4), s_q = (1/4, 3/4); Σ(s_p − a)(s_q − a) = 2·(1/4)(−1/4) = −1/8; 1 − Σa² = 1/2 → −1/4
    expectAllClose(coagglomerationSimilarity(x, { regionEmployment: [5, 5] }).values[1]!, -0.25, { rtol: 1e-12 });
    expect(() => coagglomerationSimilarity(x, { regionEmployment: [1] })).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});

describe('inputOutputSimilarity', () => {
  test('inputOutputSimilarity(flows) takes the largest of the four purchase and sale shares', () => {
    // A sells 6 to B and 4 to C; B sells 2 to A; C sells nothing
    const flows = denseMatrix(['A', 'B', 'C'], ['A', 'B', 'C'], Float64Array.from([0, 6, 4, 2, 0, 0, 0, 0, 0]));
    const s = inputOutputSimilarity(flows);
    // A–B: input[A,B] = 2/2 = 1 (A buys only from B)
    expect(s.values[0 * 3 + 1]).toBe(1);
    // A–C: output[A,C] = 4/10, input[C,A] = 4/4 = 1 (C buys only from A)
    expect(s.values[0 * 3 + 2]).toBe(1);
    // B–C: no flows → 0
    expect(s.values[1 * 3 + 2]).toBe(0);
    expect(() => inputOutputSimilarity(denseMatrix(['A', 'B'], ['B', 'A'], new Float64Array(4)))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('combineSimilarity', () => {
  test('combineSimilarity([s, s]) is the z-score of s; min-max maps to 0…1; rank to (0, 1]', () => {
    const s = similarityMatrix(['a', 'b', 'c'], Float64Array.from([1, 0.2, 0.4, 0.2, 1, 0.9, 0.4, 0.9, 1]));
    const z = combineSimilarity([s, s]);
    const mean = (0.2 + 0.4 + 0.9) / 3;
    const sd = Math.sqrt(((0.2 - mean) ** 2 + (0.4 - mean) ** 2 + (0.9 - mean) ** 2) / 3);
    expectAllClose(z.values[1]!, (0.2 - mean) / sd, { rtol: 1e-12 });
    expectAllClose(combineSimilarity([s], { normalisation: 'min-max' }).values[5]!, 1, { rtol: 1e-12 });
    expectAllClose(combineSimilarity([s], { normalisation: 'rank' }).values[1]!, 2 / 6, { rtol: 1e-12 });
    const other = similarityMatrix(['a', 'c', 'b'], s.values);
    expect(() => combineSimilarity([s, other])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => combineSimilarity([similarityMatrix(['a', 'b'], Float64Array.from([1, 0, 0, 1]))])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('hierarchicalClustering and cutTree', () => {
  test('hierarchicalClustering(d, { linkage: complete | single }) on four points on a line', () => {
    const x = [0, 1, 3, 7];
    const d = similarityMatrix(labelsOf(4), Float64Array.from({ length: 16 }, (_, q) => Math.abs(x[Math.floor(q / 4)]! - x[q % 4]!)));
    const single = hierarchicalClustering(d, { linkage: 'single' });
    expect(Array.from(single.height)).toEqual([1, 2, 4]);
    const complete = hierarchicalClustering(d, { linkage: 'complete' });
    expect(Array.from(complete.height)).toEqual([1, 3, 7]);
    expect([Array.from(complete.left), Array.from(complete.right)]).toEqual([
      [0, 2, 3],
      [1, 4, 5],
    ]);
    expect(Array.from(cutTree(complete, 2))).toEqual([0, 0, 0, 1]);
    expect(() => cutTree(complete, 5)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => hierarchicalClustering(similarityMatrix(['a', 'b'], Float64Array.from([0, NaN, NaN, 0])))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('kMeans', () => {
  test('kMeans(points, { k, seed }) is deterministic for a seed and never worse than its start', () => {
    const rng = seededRandom(5);
    const points = denseMatrix(labelsOf(40), ['x', 'y'], Float64Array.from({ length: 80 }, () => rng() * 10));
    const a = kMeans(points, { k: 4, seed: 3 });
    const b = kMeans(points, { k: 4, seed: 3 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const startLabels = Array.from({ length: 40 }, (_, i) => i % 4);
    let startInertia = 0;
    for (let g = 0; g < 4; g++) {
      const members = startLabels.flatMap((c, i) => (c === g ? [i] : []));
      for (const t of [0, 1]) {
        const mean = members.reduce((s, i) => s + points.values[i * 2 + t]!, 0) / members.length;
        for (const i of members) startInertia += (points.values[i * 2 + t]! - mean) ** 2;
      }
    }
    const end = kMeans(points, { initialLabels: startLabels });
    expect(end.inertia).toBeLessThan(startInertia);
    expect(() => kMeans(points, { k: 41 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('kMeans(points, { maxIterations: 1 }) throws a ConvergenceError when points still move', () => {
    const points = denseMatrix(labelsOf(4), ['x'], Float64Array.from([0, 1, 10, 11]));
    expect(() => kMeans(points, { initialLabels: [0, 1, 0, 1], maxIterations: 1 })).toThrow(expect.objectContaining({ code: 'CONVERGENCE' }));
  });
});

describe('validationScores', () => {
  test("validationScores(s, labels, { between: 'each-cluster' }) compares with the most related other cluster", () => {
    // three clusters {0,1}, {2,3}, {4,5}; cluster 0 is close to cluster 1 but not to cluster 2
    const n = 6;
    const v = new Float64Array(n * n).fill(0);
    const set = (i: number, j: number, x: number) => {
      v[i * n + j] = x;
      v[j * n + i] = x;
    };
    set(0, 1, 0.5);
    set(2, 3, 0.9);
    set(4, 5, 0.9);
    for (const i of [0, 1]) for (const j of [2, 3]) set(i, j, 0.6);
    const s = similarityMatrix(labelsOf(n), v);
    const labels = [0, 0, 1, 1, 2, 2];
    // outside: BCR_0 = (4·0.6 + 4·0)/8 = 0.3 < 0.5 → passes; each-cluster: 0.6 > 0.5 → fails
    expect(validationScores(s, labels).vsCluster).toBe(1);
    expectAllClose(validationScores(s, labels, { between: 'each-cluster' }).vsCluster, 2 / 3, { rtol: 1e-12 });
  });

  test('validationScores(s, labels) leaves singletons and empty labels out of both scores', () => {
    const s = similarityMatrix(labelsOf(3), Float64Array.from([1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1]));
    const v = validationScores(s, [0, 0, 3]);
    expect([v.scoredClusters, v.scoredIndustries, v.vsCluster, v.vsIndustry]).toEqual([1, 2, 1, 1]);
    expect(v.ownClusterRelatedness[2]).toBeNaN();
    expect(validationScores(s, [0, 0, 0]).vsCluster).toBeNaN();
    expect(() => validationScores(s, [0, 1])).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => validationScores(s, [0, 1, -1])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('partitionAgreement', () => {
  test('partitionAgreement(a, b) of a refinement: bestMatchShare 1, reverse share below 1', () => {
    const fine = [0, 0, 1, 1, 2, 2];
    const coarse = [0, 0, 0, 0, 1, 1];
    const r = partitionAgreement(fine, coarse);
    expect(r.bestMatchShare).toBe(1);
    expect(r.reverseBestMatchShare).toBeCloseTo(4 / 6, 12);
    expect(Array.from(r.bestMatch)).toEqual([0, 0, 1]);
    // Rand: 15 pairs; disagree on the 4 pairs between {0,1} and {2,3} → 11/15
    expect(r.randIndex).toBeCloseTo(11 / 15, 12);
    expect(r.adjustedRandIndex).toBe(adjustedRandIndex(fine, coarse));
  });
});

describe('discoverClusters', () => {
  function planted(seed: number, groups: number, perGroup: number, regions: number) {
    const rng = seededRandom(seed);
    const n = groups * perGroup;
    const profile = Float64Array.from({ length: groups * regions }, () => Math.exp(2 * rng()));
    const values = new Float64Array(regions * n);
    for (let r = 0; r < regions; r++) for (let i = 0; i < n; i++) values[r * n + i] = Math.round(100 * profile[(i % groups) * regions + r]! * (0.8 + 0.4 * rng()));
    return { employment: denseMatrix(labelsOf(regions, 'r'), labelsOf(n), values), truth: Array.from({ length: n }, (_, i) => i % groups) };
  }

  test('discoverClusters(colocation) recovers planted groups (ARI 1) at their k, deterministically', () => {
    const { employment, truth } = planted(11, 5, 6, 40);
    const s = colocationSimilarity(employment);
    const result = discoverClusters(s, { clusterCounts: [3, 5, 8] });
    const atFive = result.candidates.find((c) => c.k === 5)!;
    expect(adjustedRandIndex(atFive.labels, truth)).toBe(1);
    expect(atFive.vsCluster[0]).toBe(1);
    expect(atFive.vsIndustry[0]).toBe(1);
    expect(result.candidates.map((c) => c.k)).toEqual([3, 5, 8]);
    const again = discoverClusters(s, { clusterCounts: [3, 5, 8] });
    expect(again.candidates.map((c) => Array.from(c.labels))).toEqual(result.candidates.map((c) => Array.from(c.labels)));
    const ward = discoverClusters(s, { clusterCounts: [5], linkage: 'ward', scoreWith: [coagglomerationSimilarity(employment)] });
    expect(adjustedRandIndex(ward.candidates[0]!.labels, truth)).toBe(1);
    expect(ward.candidates[0]!.vsCluster).toHaveLength(2);
  });

  test('discoverClusters(s, options) refuses bad cluster counts, NaN similarities and mismatched scoreWith', () => {
    const s = similarityMatrix(labelsOf(3), Float64Array.from([1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1]));
    expect(() => discoverClusters(s)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => discoverClusters(s, { clusterCounts: [4] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => discoverClusters(similarityMatrix(labelsOf(2), Float64Array.from([1, NaN, NaN, 1])), { clusterCounts: [1] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => discoverClusters(s, { clusterCounts: [2], scoreWith: [similarityMatrix(['x', 'y', 'z'], s.values)] })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
