import type { DenseMatrix } from '../matrix/dense-matrix.js';

/**
 * Co-location relatedness between the columns (clusters, industries) of a regions × columns matrix: the Pearson
 * correlation across regions of two columns' values (e.g. cluster location quotients or employment shares),
 * r_ij = Σ_r (x_ri − x̄_i)(x_rj − x̄_j) / √(Σ_r (x_ri − x̄_i)² Σ_r (x_rj − x̄_j)²), as the co-location measure of
 * Delgado, Porter & Stern (2016, correlation of LQs across regions). Returns a columns × columns DenseMatrix,
 * symmetric, −1…1, diagonal 1.
 *
 * Missing data: a region (row) holding NaN is left out of every pair (listwise); a constant column (zero
 * variance over the kept regions) has NaN correlations, its diagonal included; fewer than 2 kept regions gives
 * all NaN.
 *
 * @example colocationCorrelation(lqMatrix).values[i * columns + j]
 * @see docs/methods/cluster-relatedness.md
 */
export function colocationCorrelation(x: DenseMatrix): DenseMatrix {
  const R = x.rows.length;
  const C = x.columns.length;
  const v = x.values;
  const keep: number[] = [];
  for (let r = 0; r < R; r++) {
    let ok = true;
    for (let c = 0; c < C; c++) {
      if (Number.isNaN(v[r * C + c])) {
        ok = false;
        break;
      }
    }
    if (ok) keep.push(r);
  }
  const n = keep.length;
  const out = new Float64Array(C * C).fill(NaN);
  if (n < 2) return { rows: x.columns, columns: x.columns, values: out };
  // centred columns, column-major for the inner products
  const z = new Float64Array(C * n);
  const norm = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let mean = 0;
    for (let k = 0; k < n; k++) mean += v[keep[k] * C + c];
    mean /= n;
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const d = v[keep[k] * C + c] - mean;
      z[c * n + k] = d;
      ss += d * d;
    }
    norm[c] = Math.sqrt(ss);
  }
  for (let i = 0; i < C; i++) {
    if (!(norm[i] > 0)) continue;
    out[i * C + i] = 1;
    for (let j = i + 1; j < C; j++) {
      if (!(norm[j] > 0)) continue;
      let s = 0;
      for (let k = 0; k < n; k++) s += z[i * n + k] * z[j * n + k];
      let r = s / (norm[i] * norm[j]);
      if (r > 1) r = 1;
      else if (r < -1) r = -1;
      out[i * C + j] = r;
      out[j * C + i] = r;
    }
  }
  return { rows: x.columns, columns: x.columns, values: out };
}
