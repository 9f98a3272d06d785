/**
 * Golden cases of cluster discovery (test/golden/discovery/<case>/): each SOURCE.md names the independent source
 * (SciPy and scikit-learn documented outputs, hand-worked examples).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { adjustedRandIndex, cutTree, denseMatrix, hierarchicalClustering, kMeans, similarityMatrix, validationScores } from '../../../src/core/index.js';
import { expectAllClose } from '../../helpers/expect-all-close.js';

interface Tolerance {
  rtol: number;
  atol: number;
}
const root = import.meta.dirname;
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = <T>(name: string, file: string): T => JSON.parse(readFileSync(join(root, name, file), 'utf8')) as T;

function euclideanDistances(points: number[][]): ReturnType<typeof similarityMatrix> {
  const n = points.length;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = Math.hypot(...points[i]!.map((v, t) => v - points[j]![t]!));
  return similarityMatrix(points.map((_, i) => `p${i}`), values);
}
const pointMatrix = (points: number[][]) =>
  denseMatrix(points.map((_, i) => `p${i}`), points[0]!.map((_, t) => `x${t}`), Float64Array.from(points.flat()));

/** The partition as sets of members, order-free (cluster numbering is arbitrary). */
function partition(labels: ArrayLike<number>): string[] {
  const groups = new Map<number, number[]>();
  Array.from(labels).forEach((c, i) => groups.set(c, [...(groups.get(c) ?? []), i]));
  return [...groups.values()].map((g) => g.join(',')).sort();
}

describe('golden cases of cluster discovery', () => {
  test('every case folder has SOURCE.md, input.json and expected.json', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const name of cases) for (const f of ['SOURCE.md', 'input.json', 'expected.json']) expect(readdirSync(join(root, name))).toContain(f);
  });

  for (const name of cases) {
    const input = read<Record<string, unknown> & { kernel: string }>(name, 'input.json');
    const expected = read<Record<string, unknown> & { tolerance: Tolerance }>(name, 'expected.json');
    const tol = expected.tolerance;
    test(`${input.kernel} — ${name}`, () => {
      if (input.kernel === 'hierarchicalClustering') {
        const points = input.points as number[][];
        const tree = hierarchicalClustering(euclideanDistances(points), input.options as { linkage: 'average' | 'ward' });
        const z = expected.linkage as number[][];
        expect(Array.from(tree.left)).toEqual(z.map((r) => r[0]));
        expect(Array.from(tree.right)).toEqual(z.map((r) => r[1]));
        expect(Array.from(tree.count)).toEqual(z.map((r) => r[3]));
        expectAllClose(tree.height, z.map((r) => r[2]!), tol);
        for (const k of input.cuts as number[]) expect(Array.from(cutTree(tree, k))).toEqual((expected.cuts as Record<string, number[]>)[String(k)]);
      } else if (input.kernel === 'kMeans') {
        const points = pointMatrix(input.points as number[][]);
        const runs =
          input.initialCentroids !== undefined
            ? [kMeans(points, { initialCentroids: pointMatrix(input.initialCentroids as number[][]) })]
            : [
                ...(input.seeds as number[]).map((seed) => kMeans(points, { k: input.k as number, seed })),
                kMeans(points, { initialLabels: cutTree(hierarchicalClustering(euclideanDistances(input.points as number[][])), input.k as number) }),
              ];
        for (const run of runs) {
          if (expected.labels !== undefined) expect(Array.from(run.labels)).toEqual(expected.labels);
          if (expected.partition !== undefined) expect(partition(run.labels)).toEqual(partition(expected.partition as number[]));
          const dims = (input.points as number[][])[0]!.length;
          const centroids = Array.from({ length: run.centroids.length / dims }, (_, g) => Array.from(run.centroids.subarray(g * dims, (g + 1) * dims)));
          const sortKey = (c: number[]): string => c.map((v) => v.toFixed(6)).join(',');
          if (expected.labels !== undefined) expectAllClose(run.centroids, (expected.centroids as number[][]).flat(), tol);
          else expect(centroids.map(sortKey).sort()).toEqual((expected.centroids as number[][]).map(sortKey).sort());
          expectAllClose(run.inertia, expected.inertia as number, tol);
        }
      } else if (input.kernel === 'adjustedRandIndex') {
        const pairs = input.pairs as [number[], number[]][];
        expectAllClose(pairs.map(([a, b]) => adjustedRandIndex(a, b)), expected.values as number[], tol);
        expectAllClose(pairs.map(([a, b]) => adjustedRandIndex(b, a)), expected.values as number[], tol);
      } else if (input.kernel === 'validationScores') {
        const s = input.similarity as number[][];
        const v = validationScores(similarityMatrix(s.map((_, i) => `i${i}`), Float64Array.from(s.flat())), input.labels as number[]);
        for (const field of ['vsCluster', 'vsIndustry', 'withinRelatedness', 'betweenRelatedness', 'ownClusterRelatedness', 'bestOtherClusterRelatedness'] as const) {
          expectAllClose(v[field], expected[field] as number[] | number, tol);
        }
      } else throw new Error(`unknown kernel ${input.kernel}`);
    });
  }
});
