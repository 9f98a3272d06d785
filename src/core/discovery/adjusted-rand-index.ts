import { ShapeMismatchError } from '../errors.js';
import { clusterCountOf } from './similarity-matrix.js';

/** Internal: contingency table of two labelings, rows = a's labels, columns = b's labels. */
export function contingencyTable(a: ArrayLike<number>, b: ArrayLike<number>): { table: Float64Array; ka: number; kb: number } {
  if (a.length !== b.length) throw new ShapeMismatchError(`the labelings have ${a.length} and ${b.length} entries`, { a: a.length, b: b.length });
  const n = a.length;
  const ka = clusterCountOf(a, n, 'a');
  const kb = clusterCountOf(b, n, 'b');
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) table[a[i] * kb + b[i]] += 1;
  return { table, ka, kb };
}

const pairs = (m: number): number => (m * (m - 1)) / 2;

/**
 * Adjusted Rand index (ARI, Hubert & Arabie 1985) of two labelings of the same items:
 *   ARI = (Σ_ij C(n_ij,2) − [Σ_i C(a_i,2) Σ_j C(b_j,2)] / C(n,2)) / (½[Σ_i C(a_i,2) + Σ_j C(b_j,2)] − [Σ_i C(a_i,2) Σ_j C(b_j,2)] / C(n,2)),
 * n_ij the contingency table, a_i and b_j its margins. 1 for identical partitions (up to renaming), about 0 for
 * independent ones, can be negative (≥ −1). Symmetric.
 * Convention (as scikit-learn): when the denominator is 0 — both labelings all in one cluster, or both all
 * singletons, or n < 2 — the partitions are identical and the ARI is 1.
 *
 * Missing data: labels must be integers ≥ 0 (InvalidInputError); lengths must agree (ShapeMismatchError).
 *
 * @example
 * adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1]) // 4/7 ≈ 0.5714
 * @see docs/methods/adjusted-rand-index.md
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { table, ka, kb } = contingencyTable(a, b);
  const n = a.length;
  let index = 0;
  for (let q = 0; q < table.length; q++) index += pairs(table[q]);
  let sumA = 0;
  for (let i = 0; i < ka; i++) {
    let m = 0;
    for (let j = 0; j < kb; j++) m += table[i * kb + j];
    sumA += pairs(m);
  }
  let sumB = 0;
  for (let j = 0; j < kb; j++) {
    let m = 0;
    for (let i = 0; i < ka; i++) m += table[i * kb + j];
    sumB += pairs(m);
  }
  const total = pairs(n);
  if (total === 0) return 1;
  const expected = (sumA * sumB) / total;
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
