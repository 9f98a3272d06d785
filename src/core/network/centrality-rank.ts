import { InvalidInputError } from '../errors.js';

/** Rank and percentile of one node within a centrality vector. */
export interface CentralityRank {
  /** Competition rank: 1 + number of nodes with a strictly larger value (1 = most central). NaN for a NaN value. */
  readonly rank: number;
  /** 100 × (number of nodes with a value ≤ this one) / (number of non-NaN values). NaN for a NaN value. */
  readonly percentile: number;
}

/**
 * Rank and percentile of node `node` in `values` (NaN values are left out of the denominator).
 * O(n). Ties share the best rank ("1224" competition ranking).
 * @example centralityRank([0.1, 0.5, 0.5, 0.2], 2); // { rank: 1, percentile: 100 }
 * @see docs/methods/cluster-network-indicators.md
 */
export function centralityRank(values: ArrayLike<number>, node: number): CentralityRank {
  if (!Number.isInteger(node) || node < 0 || node >= values.length) throw new InvalidInputError(`node ${node} is out of range`, { field: 'node' });
  const v = values[node];
  if (Number.isNaN(v)) return { rank: NaN, percentile: NaN };
  let greater = 0;
  let atMost = 0;
  let valid = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    valid++;
    if (x > v) greater++;
    else atMost++;
  }
  return { rank: greater + 1, percentile: (100 * atMost) / valid };
}
