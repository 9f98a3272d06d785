import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { adjustedRandIndex, hierarchicalClustering, partitionAgreement, similarityMatrix, validationScores } from './index.js';

const labelVector = (n: number, k: number) => fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n });
const twoLabelings = fc.integer({ min: 2, max: 30 }).chain((n) => fc.tuple(labelVector(n, 6), labelVector(n, 6)));
/** A bijective renaming of labels 0…5. */
const renaming = fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 6, maxLength: 6 });

const symmetric = fc.integer({ min: 3, max: 12 }).chain((n) =>
  // distinct entries; ties between cluster averages (which distinct entries do not rule out) are skipped below
  fc.uniqueArray(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((ints) => {
    const upper = ints.map((x) => x / 1_000_000);
    const v = new Float64Array(n * n);
    let q = 0;
    for (let i = 0; i < n; i++) {
      v[i * n + i] = 1;
      for (let j = i + 1; j < n; j++) {
        v[i * n + j] = upper[q]!;
        v[j * n + i] = upper[q++]!;
      }
    }
    return similarityMatrix(Array.from({ length: n }, (_, i) => `i${i}`), v);
  }),
);

/**
 * Naive O(n³) agglomeration with average linkage: heights in merge order, or null when some merge had a rival
 * pair within 1e-9 of the best (a tie, or a near-tie that rounding decides): equally valid dendrograms then differ.
 */
function naiveAverageHeights(d: Float64Array, n: number): number[] | null {
  const clusters = Array.from({ length: n }, (_, i) => [i]);
  const heights: number[] = [];
  while (clusters.length > 1) {
    let best = Infinity;
    let second = Infinity;
    let bi = 0;
    let bj = 1;
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        let s = 0;
        for (const i of clusters[a]!) for (const j of clusters[b]!) s += d[i * n + j]!;
        const v = s / (clusters[a]!.length * clusters[b]!.length);
        if (v < best) {
          second = best;
          best = v;
          bi = a;
          bj = b;
        } else if (v < second) second = v;
      }
    }
    if (second - best < 1e-9) return null;
    heights.push(best);
    clusters[bi] = [...clusters[bi]!, ...clusters[bj]!];
    clusters.splice(bj, 1);
  }
  return heights.sort((x, y) => x - y);
}

describe('adjustedRandIndex and partitionAgreement properties', () => {
  test('adjustedRandIndex(a, b) is symmetric, ≤ 1, 1 against itself, and unchanged by renaming labels', () => {
    fc.assert(
      fc.property(twoLabelings, renaming, ([a, b], perm) => {
        const ari = adjustedRandIndex(a, b);
        expect(ari).toBeLessThanOrEqual(1 + 1e-12);
        expect(ari).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(adjustedRandIndex(b, a)).toBeCloseTo(ari, 12);
        expect(adjustedRandIndex(a, a)).toBe(1);
        expect(adjustedRandIndex(a.map((c) => perm[c]!), b)).toBeCloseTo(ari, 12);
      }),
    );
  });

  test('partitionAgreement(a, b) shares and Rand index lie in [0, 1]', () => {
    fc.assert(
      fc.property(twoLabelings, ([a, b]) => {
        const r = partitionAgreement(a, b);
        for (const v of [r.bestMatchShare, r.reverseBestMatchShare, r.randIndex]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });
});

describe('validationScores properties', () => {
  test('validationScores(s, labels) lies in [0, 1] and is unchanged by renaming labels', () => {
    fc.assert(
      fc.property(
        symmetric.chain((s) => fc.tuple(fc.constant(s), labelVector(s.labels.length, 4))),
        renaming.filter((p) => p.every((v) => v < 6)),
        ([s, labels], perm) => {
          const v = validationScores(s, labels);
          const w = validationScores(s, labels.map((c) => perm[c]!));
          for (const x of [v.vsCluster, v.vsIndustry]) if (!Number.isNaN(x)) expect(x >= 0 && x <= 1).toBe(true);
          expect(w.vsCluster).toEqual(v.vsCluster);
          expect(w.vsIndustry).toEqual(v.vsIndustry);
        },
      ),
    );
  });
});

describe('hierarchicalClustering properties', () => {
  test('hierarchicalClustering(d) with average linkage has the heights of the naive O(n³) algorithm, non-decreasing', () => {
    fc.assert(
      fc.property(symmetric, (s) => {
        const n = s.labels.length;
        const d = Float64Array.from(s.values, (v, q) => (Math.floor(q / n) === q % n ? 0 : 1 - v));
        const tree = hierarchicalClustering(similarityMatrix(s.labels, d));
        const heights = Array.from(tree.height);
        for (let k = 1; k < heights.length; k++) expect(heights[k]!).toBeGreaterThanOrEqual(heights[k - 1]! - 1e-12);
        const naive = naiveAverageHeights(d, n);
        fc.pre(naive !== null);
        heights.forEach((h, k) => expect(h).toBeCloseTo(naive[k]!, 10));
        expect(tree.count[n - 2]).toBe(n);
      }),
    );
  });
});
