/**
 * Internal to {@link moransI}: the quadratic form xᵀWx of a CSR weights matrix as a sum over unordered pairs,
 * xᵀWx = Σ_{i<j} (w_ij + w_ji) x_i x_j + Σ_i w_ii x_i², so a link stored in both directions (most k-nearest-neighbour
 * and every contiguity link) costs one product instead of two. When the pair weights take at most
 * `maxClasses` distinct values (e.g. c and 2c for row-standardised k-nearest neighbours, 1 and 2 for binary
 * weights), the pairs are grouped by value and each group's weight is factored out of its sum.
 */
export interface PairForm {
  /** Endpoints of each pair, grouped by weight class when `classValues` is set. */
  readonly first: Int32Array;
  readonly second: Int32Array;
  /** Weight of each pair, w_ij + w_ji (w_ii for i = j); used when `classValues` is null. */
  readonly weight: Float64Array;
  /** Pairs classStart[c] … classStart[c + 1] − 1 all have weight classValues[c]; null: weights differ too much. */
  readonly classValues: Float64Array | null;
  readonly classStart: Int32Array | null;
}

const maxClasses = 4;

/**
 * Builds the pair form of W (CSR: row pointers `offsets`, column `neighbors`, `weights`; no repeated column within
 * a row, as assertSpatialWeights checks) in O(n + nnz): a transposed CSR finds each link's reverse.
 */
export function pairForm(n: number, offsets: Int32Array, neighbors: Int32Array, weights: Float64Array): PairForm {
  const nnz = offsets[n] - offsets[0];
  const o0 = offsets[0];
  // transpose: for each column j, the links (i → j)
  const tStart = new Int32Array(n + 1);
  for (let k = o0; k < offsets[n]; k++) tStart[neighbors[k] + 1]++;
  for (let j = 0; j < n; j++) tStart[j + 1] += tStart[j];
  const tLink = new Int32Array(nnz);
  const fill = tStart.slice(0, n);
  for (let i = 0; i < n; i++) for (let k = offsets[i]; k < offsets[i + 1]; k++) tLink[fill[neighbors[k]]++] = k;
  // reverse[k] = the link (j → i) of link k = (i → j), or −1
  const reverse = new Int32Array(nnz).fill(-1);
  const tag = new Int32Array(n).fill(-1);
  const at = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      tag[neighbors[k]] = i;
      at[neighbors[k]] = k;
    }
    // links (j → i): their reverse is (i → j) when row i holds j
    for (let q = tStart[i]; q < tStart[i + 1]; q++) {
      const k = tLink[q];
      const j = sourceOf(offsets, n, k);
      if (tag[j] === i) reverse[k - o0] = at[j];
    }
  }
  const first: number[] = [];
  const second: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const j = neighbors[k];
      const back = reverse[k - o0];
      if (j === i) {
        first.push(i);
        second.push(i);
        weight.push(weights[k]);
      } else if (back < 0) {
        first.push(i);
        second.push(j);
        weight.push(weights[k]);
      } else if (i < j) {
        first.push(i);
        second.push(j);
        weight.push(weights[k] + weights[back]);
      }
    }
  }
  const values: number[] = [];
  for (const v of weight) {
    if (!values.includes(v)) {
      values.push(v);
      if (values.length > maxClasses) break;
    }
  }
  if (values.length > maxClasses || values.length === 0) {
    return { first: Int32Array.from(first), second: Int32Array.from(second), weight: Float64Array.from(weight), classValues: null, classStart: null };
  }
  // group by class, keeping storage order within a class
  const classStart = new Int32Array(values.length + 1);
  for (const v of weight) classStart[values.indexOf(v) + 1]++;
  for (let c = 0; c < values.length; c++) classStart[c + 1] += classStart[c];
  const next = classStart.slice(0, values.length);
  const f = new Int32Array(first.length);
  const s = new Int32Array(first.length);
  const w = new Float64Array(first.length);
  for (let p = 0; p < first.length; p++) {
    const q = next[values.indexOf(weight[p])]++;
    f[q] = first[p];
    s[q] = second[p];
    w[q] = weight[p];
  }
  return { first: f, second: s, weight: w, classValues: Float64Array.from(values), classStart };
}

/** Row of link k (binary search in the row pointers). */
function sourceOf(offsets: Int32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (offsets[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** xᵀWx from the pair form (see {@link PairForm}). */
export function pairQuadraticForm(form: PairForm, x: Float64Array): number {
  const { first, second, classValues, classStart } = form;
  if (classValues === null || classStart === null) return weightedProducts(first, second, form.weight, x, 0, first.length);
  let total = 0;
  for (let c = 0; c < classValues.length; c++) total += classValues[c] * products(first, second, x, classStart[c], classStart[c + 1]);
  return total;
}

/** Σ_{p ∈ [from, to)} x[a_p] · x[b_p], four accumulators. */
function products(a: Int32Array, b: Int32Array, x: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = from;
  for (; p + 3 < to; p += 4) {
    s0 += x[a[p]] * x[b[p]];
    s1 += x[a[p + 1]] * x[b[p + 1]];
    s2 += x[a[p + 2]] * x[b[p + 2]];
    s3 += x[a[p + 3]] * x[b[p + 3]];
  }
  for (; p < to; p++) s0 += x[a[p]] * x[b[p]];
  return s0 + s1 + (s2 + s3);
}

/** Σ_{p ∈ [from, to)} w_p · x[a_p] · x[b_p], four accumulators. */
function weightedProducts(a: Int32Array, b: Int32Array, w: Float64Array, x: Float64Array, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let p = from;
  for (; p + 3 < to; p += 4) {
    s0 += w[p] * x[a[p]] * x[b[p]];
    s1 += w[p + 1] * x[a[p + 1]] * x[b[p + 1]];
    s2 += w[p + 2] * x[a[p + 2]] * x[b[p + 2]];
    s3 += w[p + 3] * x[a[p + 3]] * x[b[p + 3]];
  }
  for (; p < to; p++) s0 += w[p] * x[a[p]] * x[b[p]];
  return s0 + s1 + (s2 + s3);
}
