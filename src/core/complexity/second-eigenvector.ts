import { ConvergenceError } from '../errors.js';
import { symmetricEigen } from './symmetric-eigen.js';

/** Internal result of {@link secondEigenvector}. */
export interface SecondEigenvector {
  /** Unit-norm eigenvector of U⁻¹MᵀD⁻¹M (length P) for its second-largest eigenvalue. */
  readonly kp: Float64Array;
  readonly eigenvalue: number;
  /** Operator applications (matrix–vector products with AᵀA) used. */
  readonly iterations: number;
  /** True when the spectrum has no second direction (rank-one matrix): kp is all zero. */
  readonly degenerate: boolean;
}

/** Krylov subspace size per Lanczos cycle. */
const krylov = 80;
/** Lanczos steps between checks of the residual estimate. */
const checkEvery = 8;

/**
 * Internal: second eigenvector of Mpp = U⁻¹MᵀD⁻¹M for a binary matrix in CSR form (rowStart, column indices),
 * with diversity d (length C) and ubiquity u (length P), all positive.
 *
 * Mpp is similar to the symmetric positive semi-definite S = U^-½ MᵀD⁻¹M U^-½ = AᵀA with A = D^-½ M U^-½, whose
 * top eigenpair is (1, √u/‖√u‖). We deflate that vector and find S's largest remaining eigenpair (λ2, v) by
 * restarted Lanczos with full reorthogonalisation (cycles of up to 80 steps, restarted from the best Ritz vector),
 * then kp = U^-½ v, normalised to unit length. Converged when the residual ‖S v − λ2 v‖ ≤ tolerance; the cost
 * counted against maxIterations is the number of products with S. The start vector is deterministic:
 * x_p = 0.5 + frac(p·0.618…).
 */
export function secondEigenvector(
  rowStart: Int32Array,
  columns: Int32Array,
  d: Float64Array,
  u: Float64Array,
  maxIterations: number,
  tolerance: number,
): SecondEigenvector {
  const C = d.length;
  const P = u.length;
  const invD = new Float64Array(C);
  for (let c = 0; c < C; c++) invD[c] = 1 / d[c];
  const isu = new Float64Array(P);
  const v1 = new Float64Array(P);
  let n1 = 0;
  for (let p = 0; p < P; p++) {
    isu[p] = 1 / Math.sqrt(u[p]);
    v1[p] = Math.sqrt(u[p]);
    n1 += u[p];
  }
  n1 = Math.sqrt(n1);
  for (let p = 0; p < P; p++) v1[p] /= n1;
  const y = new Float64Array(C);
  const xs = new Float64Array(P);
  // the same ones by column (CSC, regions ascending), so that Mᵀy is a register sum per industry in the order of
  // the row-wise scatter it replaces (bit for bit the same)
  const colStart = new Int32Array(P + 1);
  for (let k = 0; k < columns.length; k++) colStart[columns[k] + 1]++;
  for (let p = 0; p < P; p++) colStart[p + 1] += colStart[p];
  const colRows = new Int32Array(columns.length);
  const fill = colStart.slice(0, P);
  for (let c = 0; c < C; c++) for (let k = rowStart[c]; k < rowStart[c + 1]; k++) colRows[fill[columns[k]]++] = c;
  const op: Operator = { rowStart, columns, colStart, colRows, invD, isu, v1, y, xs };
  let products = 0;
  let x = new Float64Array(P);
  for (let p = 0; p < P; p++) x[p] = 0.5 + ((p * 0.6180339887498949) % 1);
  if (!orthonormalise(x, [v1], P) || P < 2) return { kp: new Float64Array(P), eigenvalue: 0, iterations: 0, degenerate: true };

  const m = Math.min(krylov, P - 1);
  const Q: Float64Array[] = [];
  for (let j = 0; j < m; j++) Q.push(new Float64Array(P));
  const w = new Float64Array(P);
  const alpha = new Float64Array(m);
  const beta = new Float64Array(m);
  let lastResidual = Infinity;
  let theta = 0;
  while (products < maxIterations) {
    Q[0].set(x);
    let k = 0;
    let breakdown = false;
    for (let j = 0; j < m && products < maxIterations; j++) {
      applyDeflated(op, Q[j], w);
      products++;
      let a = 0;
      for (let p = 0; p < P; p++) a += w[p] * Q[j][p];
      alpha[j] = a;
      // full reorthogonalisation (twice is enough) against v1 and every Lanczos vector
      for (let pass = 0; pass < 2; pass++) {
        for (let i = 0; i <= j; i++) {
          const qi = Q[i];
          let h = 0;
          for (let p = 0; p < P; p++) h += w[p] * qi[p];
          for (let p = 0; p < P; p++) w[p] -= h * qi[p];
        }
        let h = 0;
        for (let p = 0; p < P; p++) h += w[p] * v1[p];
        for (let p = 0; p < P; p++) w[p] -= h * v1[p];
      }
      let b = 0;
      for (let p = 0; p < P; p++) b += w[p] * w[p];
      b = Math.sqrt(b);
      beta[j] = b;
      k = j + 1;
      if (b <= 1e-14) {
        breakdown = true;
        break;
      }
      if (j + 1 < m) for (let p = 0; p < P; p++) Q[j + 1][p] = w[p] / b;
      // every few steps, stop the cycle early when the Lanczos residual estimate β_j·|s_j| of the top Ritz pair is
      // well below the tolerance (with full reorthogonalisation it tracks the true residual, checked below)
      if (k % checkEvery === 0 && j + 1 < m && ritzResidualEstimate(alpha, beta, k) <= 0.1 * tolerance) break;
    }
    const eig = ritz(alpha, beta, k);
    const best = eig.best;
    x = new Float64Array(P);
    for (let i = 0; i < k; i++) {
      const s = eig.vectors[i * k + best];
      const qi = Q[i];
      for (let p = 0; p < P; p++) x[p] += s * qi[p];
    }
    orthonormalise(x, [v1], P);
    // true residual ‖S x − θ x‖
    applyDeflated(op, x, w);
    products++;
    let rayleigh = 0;
    for (let p = 0; p < P; p++) rayleigh += w[p] * x[p];
    theta = rayleigh;
    let r = 0;
    for (let p = 0; p < P; p++) r += (w[p] - theta * x[p]) ** 2;
    lastResidual = Math.sqrt(r);
    if (theta <= 1e-14 && (breakdown || lastResidual <= tolerance)) {
      return { kp: new Float64Array(P), eigenvalue: 0, iterations: products, degenerate: true };
    }
    if (lastResidual <= tolerance) {
      const kp = new Float64Array(P);
      let norm = 0;
      for (let p = 0; p < P; p++) {
        kp[p] = x[p] * isu[p];
        norm += kp[p] * kp[p];
      }
      norm = Math.sqrt(norm);
      for (let p = 0; p < P; p++) kp[p] /= norm;
      return { kp, eigenvalue: theta, iterations: products, degenerate: false };
    }
  }
  throw new ConvergenceError(
    `Lanczos iteration for the second eigenvector did not converge in ${maxIterations} operator products (residual ${lastResidual})`,
    maxIterations,
    tolerance,
    { residual: lastResidual, eigenvalue: theta },
  );
}

/** Eigen-decomposition of the k × k Lanczos tridiagonal T (diagonal alpha, off-diagonal beta) and its top Ritz index. */
function ritz(alpha: Float64Array, beta: Float64Array, k: number): { values: Float64Array; vectors: Float64Array; best: number } {
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    T[i * k + i] = alpha[i];
    if (i + 1 < k) {
      T[i * k + i + 1] = beta[i];
      T[(i + 1) * k + i] = beta[i];
    }
  }
  const eig = symmetricEigen(T, k);
  let best = 0;
  for (let i = 1; i < k; i++) if (eig.values[i] > eig.values[best]) best = i;
  return { values: eig.values, vectors: eig.vectors, best };
}

/** β_{k−1}·|last component of the top Ritz vector of T_k|: the Lanczos estimate of its residual. */
function ritzResidualEstimate(alpha: Float64Array, beta: Float64Array, k: number): number {
  const eig = ritz(alpha, beta, k);
  return Math.abs(beta[k - 1] * eig.vectors[(k - 1) * k + eig.best]);
}

/** The deflated operator's data: M as CSR (rowStart, columns) and CSC (colStart, colRows), scalings and scratch. */
interface Operator {
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly colStart: Int32Array;
  readonly colRows: Int32Array;
  readonly invD: Float64Array;
  readonly isu: Float64Array;
  readonly v1: Float64Array;
  /** Scratch of length C. */
  readonly y: Float64Array;
  /** Scratch of length P. */
  readonly xs: Float64Array;
}

/**
 * out = (I − v1v1ᵀ) AᵀA x with A = D^-½ M U^-½; a plain function so V8 keeps it monomorphic. y = D⁻¹M(U^-½x) as
 * gathers over the rows, then Mᵀy as gathers over the columns (each sum in ascending region order).
 */
function applyDeflated(op: Operator, x: Float64Array, out: Float64Array): void {
  const { rowStart, columns, colStart, colRows, invD, isu, v1, y, xs } = op;
  const C = invD.length;
  const P = isu.length;
  for (let p = 0; p < P; p++) xs[p] = x[p] * isu[p];
  for (let c = 0; c < C; c++) {
    let s = 0;
    const end = rowStart[c + 1];
    for (let k = rowStart[c]; k < end; k++) s += xs[columns[k]];
    y[c] = s * invD[c];
  }
  let dot = 0;
  for (let p = 0; p < P; p++) {
    let s = 0;
    const end = colStart[p + 1];
    for (let k = colStart[p]; k < end; k++) s += y[colRows[k]];
    s *= isu[p];
    out[p] = s;
    dot += s * v1[p];
  }
  for (let p = 0; p < P; p++) out[p] -= dot * v1[p];
}

/** Removes the components along the given unit vectors and normalises; false when nothing is left. */
function orthonormalise(x: Float64Array, basis: readonly Float64Array[], P: number): boolean {
  for (const b of basis) {
    let dot = 0;
    for (let p = 0; p < P; p++) dot += x[p] * b[p];
    for (let p = 0; p < P; p++) x[p] -= dot * b[p];
  }
  let s = 0;
  for (let p = 0; p < P; p++) s += x[p] * x[p];
  s = Math.sqrt(s);
  if (s <= 1e-14) return false;
  for (let p = 0; p < P; p++) x[p] /= s;
  return true;
}
