/**
 * Internal: out[i * k + c] = Σ_{j : labels[j] = c} m[i * n + j] for an n × n row-major matrix m, leaving out
 * j = i when `excludeDiagonal`. Members are gathered cluster by cluster into a local sum (no scattered
 * read-modify-write), about 5× faster than accumulating into out[i * k + labels[j]].
 */
export function clusterRowSums(m: Float64Array, n: number, labels: Int32Array, k: number, out: Float64Array, excludeDiagonal: boolean): void {
  const start = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) start[labels[i] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const fill = start.slice(0, k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[labels[i]]++] = i;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const base = i * k;
    for (let c = 0; c < k; c++) {
      let acc = 0;
      const end = start[c + 1];
      for (let q = start[c]; q < end; q++) acc += m[row + order[q]];
      out[base + c] = acc;
    }
    if (excludeDiagonal) out[base + labels[i]] -= m[row + i];
  }
}
