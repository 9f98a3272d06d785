import { ConvergenceError } from '../errors.js';

/** Internal result of {@link secondEigenvector}. */
export interface SecondEigenvector {
  /** Unit-norm eigenvector of U⁻¹MᵀD⁻¹M (length P) for its second-largest eigenvalue. */
  readonly kp: Float64Array;
  readonly eigenvalue: number;
  readonly iterations: number;
  /** True when the spectrum has no second direction (rank-one matrix): kp is all zero. */
  readonly degenerate: boolean;
}

/**
 * Internal: second eigenvector of Mpp = U⁻¹MᵀD⁻¹M for a binary matrix in CSR form (rowStart, column indices),
 * with diversity d (length C) and ubiquity u (length P), all positive.
 *
 * Mpp is similar to the symmetric positive semi-definite S = U^-½ MᵀD⁻¹M U^-½ = AᵀA with A = D^-½ M U^-½,
 * whose top eigenpair is (1, √u/‖√u‖). Deterministic power iteration on S with that vector deflated
 * (projected out every step) converges to S's second eigenvector v at rate λ3/λ2; then kp = U^-½ v, normalised.
 * Start vector: x_p = 0.5 + frac(p·φ_golden) (deterministic, generic). Converged when max|x_new − x_old| ≤ tolerance.
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
  const isd = new Float64Array(C);
  for (let c = 0; c < C; c++) isd[c] = 1 / Math.sqrt(d[c]);
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

  const deflate = (x: Float64Array): void => {
    let dot = 0;
    for (let p = 0; p < P; p++) dot += x[p] * v1[p];
    for (let p = 0; p < P; p++) x[p] -= dot * v1[p];
  };
  const normalise = (x: Float64Array): number => {
    let s = 0;
    for (let p = 0; p < P; p++) s += x[p] * x[p];
    s = Math.sqrt(s);
    if (s > 0) for (let p = 0; p < P; p++) x[p] /= s;
    return s;
  };

  let x = new Float64Array(P);
  for (let p = 0; p < P; p++) x[p] = 0.5 + ((p * 0.6180339887498949) % 1);
  deflate(x);
  if (normalise(x) === 0 || P < 2) return { kp: new Float64Array(P), eigenvalue: 0, iterations: 0, degenerate: true };

  let z = new Float64Array(P);
  const y = new Float64Array(C);
  let eigenvalue = 0;
  let lastChange = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    // y = A x, z = Aᵀ y
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let k = rowStart[c]; k < rowStart[c + 1]; k++) {
        const p = columns[k];
        s += x[p] * isu[p];
      }
      y[c] = s * isd[c] * isd[c];
    }
    z.fill(0);
    for (let c = 0; c < C; c++) {
      const yc = y[c];
      for (let k = rowStart[c]; k < rowStart[c + 1]; k++) z[columns[k]] += yc;
    }
    for (let p = 0; p < P; p++) z[p] *= isu[p];
    deflate(z);
    let rayleigh = 0;
    for (let p = 0; p < P; p++) rayleigh += z[p] * x[p];
    eigenvalue = rayleigh;
    const norm = normalise(z);
    if (norm < 1e-14) return { kp: new Float64Array(P), eigenvalue: 0, iterations: iteration, degenerate: true };
    let change = 0;
    for (let p = 0; p < P; p++) change = Math.max(change, Math.abs(z[p] - x[p]));
    const swap = x;
    x = z;
    z = swap;
    lastChange = change;
    if (change <= tolerance) {
      const kp = new Float64Array(P);
      for (let p = 0; p < P; p++) kp[p] = x[p] * isu[p];
      normalise(kp);
      return { kp, eigenvalue, iterations: iteration, degenerate: false };
    }
  }
  throw new ConvergenceError(
    `power iteration for the second eigenvector did not converge in ${maxIterations} iterations (last change ${lastChange})`,
    maxIterations,
    tolerance,
    { lastChange, eigenvalue },
  );
}
