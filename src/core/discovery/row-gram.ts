/**
 * Internal: G = A Aᵀ for an n × len row-major matrix A (G[i,j] = Σ_t A[i,t] A[j,t]), full symmetric n × n.
 * Dot products of contiguous rows, four rows of A at a time so each loaded A[j,t] serves four sums
 * (compute-bound rather than memory-bound: 1,000 × 3,200 takes about a second).
 */
export function rowGram(a: Float64Array, n: number, len: number): Float64Array {
  const g = new Float64Array(n * n);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * len;
    const r1 = r0 + len;
    const r2 = r1 + len;
    const r3 = r2 + len;
    for (let j = i; j < n; j++) {
      const rj = j * len;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < len; t++) {
        const v = a[rj + t];
        s0 += a[r0 + t] * v;
        s1 += a[r1 + t] * v;
        s2 += a[r2 + t] * v;
        s3 += a[r3 + t] * v;
      }
      g[i * n + j] = s0;
      g[(i + 1) * n + j] = s1;
      g[(i + 2) * n + j] = s2;
      g[(i + 3) * n + j] = s3;
    }
  }
  for (; i < n; i++) {
    const ri = i * len;
    for (let j = i; j < n; j++) {
      const rj = j * len;
      let s = 0;
      for (let t = 0; t < len; t++) s += a[ri + t] * a[rj + t];
      g[i * n + j] = s;
    }
  }
  // rows i..i+3 of a block also filled j in [i, i+3) below their diagonal; mirror the upper triangle over everything
  for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) g[q * n + p] = g[p * n + q];
  return g;
}
