import { nextUniform } from './seeded-random.js';
import type { SpatialWeights } from './spatial-weights.js';

/**
 * Internal: esda's conditional randomisation (crand) for local statistics. For each site i with c_i other
 * neighbours (self-links excluded and kept fixed), each of P permutations draws c_i distinct sites other than i
 * (partial Fisher–Yates on a pooled index array, no allocation per permutation) and evaluates
 * sim = Σ_k w_ik x_{draw_k}; `finish(i, sim)` turns that into the local statistic. Returns, per site, the count of
 * simulations ≥ observed[i] and the mean and population variance of the simulations (Welford).
 */
export function conditionalPermutation(
  x: Float64Array,
  w: SpatialWeights,
  observed: Float64Array,
  permutations: number,
  state: Int32Array,
  finish: (i: number, lag: number) => number,
  simulations: Float64Array | undefined,
): { larger: Int32Array; mean: Float64Array; variance: Float64Array; lesser: Int32Array } {
  const n = x.length;
  const { offsets, neighbors, weights } = w;
  const pool = new Int32Array(n);
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    pool[i] = i;
    position[i] = i;
  }
  const larger = new Int32Array(n);
  const lesser = new Int32Array(n);
  const mean = new Float64Array(n);
  const variance = new Float64Array(n);
  const other = new Float64Array(n); // scratch: weights of the non-self neighbours of site i
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) if (neighbors[k] !== i) other[c++] = weights[k];
    // Move i to the last slot of the pool; draws come from pool[0 .. n − 2].
    const pi = position[i];
    const last = pool[n - 1];
    pool[pi] = last;
    position[last] = pi;
    pool[n - 1] = i;
    position[i] = n - 1;
    const obs = observed[i];
    let m = 0;
    let s = 0;
    let above = 0;
    let below = 0;
    const m1 = n - 1;
    for (let p = 0; p < permutations; p++) {
      let lag = 0;
      for (let t = 0; t < c; t++) {
        const j = t + Math.floor(nextUniform(state) * (m1 - t));
        const a = pool[t];
        const b = pool[j];
        pool[t] = b;
        pool[j] = a;
        position[b] = t;
        position[a] = j;
        lag += other[t] * x[b];
      }
      const v = finish(i, lag);
      if (simulations) simulations[i * permutations + p] = v;
      if (v >= obs) above++;
      if (v <= obs) below++;
      const delta = v - m;
      m += delta / (p + 1);
      s += delta * (v - m);
    }
    larger[i] = above;
    lesser[i] = below;
    mean[i] = m;
    variance[i] = s / permutations;
  }
  return { larger, mean, variance, lesser };
}
