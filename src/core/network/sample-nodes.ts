import { InvalidInputError } from '../errors.js';
import { nextUniform, randomState } from '../spatial/seeded-random.js';

/**
 * k distinct node indices from 0 … n − 1 drawn without replacement with the seeded xoshiro128** stream
 * (partial Fisher–Yates), returned in ascending order. Same seed, same sample.
 * @see docs/methods/network-centrality.md
 */
export function sampleNodes(n: number, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new InvalidInputError(`sample size must be an integer in [1, ${n}], got ${k}`, { field: 'sampleSize' });
  const state = randomState(seed);
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(nextUniform(state) * (n - i));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k).sort();
}
