import { adjustedRandIndex, contingencyTable } from './adjusted-rand-index.js';

/** Result of {@link partitionAgreement}. */
export interface PartitionAgreement {
  /** Adjusted Rand index of the two labelings. */
  readonly adjustedRandIndex: number;
  /** Rand index: share of item pairs on which the labelings agree (together in both, or apart in both). */
  readonly randIndex: number;
  /**
   * Share of items assigned alike, matching each cluster of `a` to the cluster of `b` holding most of its items:
   * Σ_i max_j n_ij / n (purity of a with respect to b).
   */
  readonly bestMatchShare: number;
  /** The same from b's side: Σ_j max_i n_ij / n. */
  readonly reverseBestMatchShare: number;
  /** For each cluster of a, its best-matching cluster of b (lowest index on ties; −1 for an empty cluster). */
  readonly bestMatch: Int32Array;
}

/**
 * Agreement of two cluster definitions over the same industries (e.g. discovered clusters `a` vs. a benchmark `b`):
 * the adjusted Rand index, the Rand index, and the share of industries assigned alike under best matching,
 *   bestMatchShare = Σ_i max_j n_ij / n,
 * n_ij the number of industries in cluster i of a and cluster j of b. 1 means a refines b (each cluster of a sits in
 * one cluster of b); both best-match shares are 1 only for identical partitions.
 *
 * Missing data: labels are integers ≥ 0 (InvalidInputError); lengths must agree (ShapeMismatchError). With no items
 * the shares are NaN.
 *
 * @example
 * partitionAgreement(discovered, benchmark).bestMatchShare
 * @see docs/methods/adjusted-rand-index.md
 */
export function partitionAgreement(a: ArrayLike<number>, b: ArrayLike<number>): PartitionAgreement {
  const { table, ka, kb } = contingencyTable(a, b);
  const n = a.length;
  const bestMatch = new Int32Array(ka).fill(-1);
  let matched = 0;
  for (let i = 0; i < ka; i++) {
    let best = 0;
    for (let j = 0; j < kb; j++) {
      if (table[i * kb + j] > best) {
        best = table[i * kb + j];
        bestMatch[i] = j;
      }
    }
    matched += best;
  }
  let reverse = 0;
  for (let j = 0; j < kb; j++) {
    let best = 0;
    for (let i = 0; i < ka; i++) if (table[i * kb + j] > best) best = table[i * kb + j];
    reverse += best;
  }
  const pairs = (m: number): number => (m * (m - 1)) / 2;
  let together = 0;
  for (let q = 0; q < table.length; q++) together += pairs(table[q]);
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
  const randIndex = total > 0 ? (total + 2 * together - sumA - sumB) / total : 1;
  return {
    adjustedRandIndex: adjustedRandIndex(a, b),
    randIndex,
    bestMatchShare: n > 0 ? matched / n : NaN,
    reverseBestMatchShare: n > 0 ? reverse / n : NaN,
    bestMatch,
  };
}
