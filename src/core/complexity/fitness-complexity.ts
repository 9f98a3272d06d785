import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { ConvergenceError, InvalidInputError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import type { ComplexityDiagnostic } from './prepare-presence.js';

export interface FitnessComplexityOptions {
  /** Iteration cap (default 10 000); beyond it a ConvergenceError carries maxIterations and tolerance. */
  readonly maxIterations?: number;
  /** Converged when no fitness or complexity value moves by more than this between iterations (default 1e-12). */
  readonly tolerance?: number;
}

/** Defaults of {@link fitnessComplexity}. */
export const fitnessComplexityDefaults: Readonly<{ maxIterations: number; tolerance: number }> = Object.freeze({
  maxIterations: 10_000,
  tolerance: 1e-12,
});

export interface FitnessComplexityResult {
  /** Fitness F_c per region, mean 1 over kept regions (NaN when dropped). */
  readonly fitness: Float64Array;
  /** Complexity Q_p per industry, mean 1 over kept industries (NaN when dropped). */
  readonly complexity: Float64Array;
  readonly iterations: number;
  readonly diagnostics: readonly ComplexityDiagnostic[];
}

/**
 * Fitness–Complexity (Tacchella et al. 2012): from F = Q = 1, iterate
 * F̃_c = Σ_p M_cp Q_p, Q̃_p = 1 / Σ_c M_cp / F_c (both from the previous iterate), then F = F̃/mean F̃,
 * Q = Q̃/mean Q̃ (mean 1 per iteration), until no value moves by more than `tolerance`.
 *
 * Unitless, mean 1. Missing data: rows holding NaN and empty rows/columns are dropped (NaN) with diagnostics.
 * Strongly nested matrices drive some fitnesses towards 0 (Pugliese et al. 2016); convergence is then slow and
 * may need a larger maxIterations. Throws ConvergenceError when maxIterations is reached.
 *
 * @example fitnessComplexity(M).fitness
 * @see ../../../docs/methods/economic-complexity.md
 */
export function fitnessComplexity(M: DenseMatrix, options: FitnessComplexityOptions = {}): FitnessComplexityResult {
  const maxIterations = options.maxIterations ?? fitnessComplexityDefaults.maxIterations;
  const tolerance = options.tolerance ?? fitnessComplexityDefaults.tolerance;
  if (!(maxIterations >= 1) || !Number.isInteger(maxIterations)) throw new InvalidInputError(`maxIterations must be a positive integer, got ${maxIterations}`, { option: 'maxIterations' });
  if (!(tolerance > 0)) throw new InvalidInputError(`tolerance must be positive, got ${tolerance}`, { option: 'tolerance' });
  const p = preparePresence(M);
  const { R, I, m, usableRow, diversity, ubiquity } = p;
  const diagnostics = [...p.diagnostics];
  const rows: number[] = [];
  const columns: number[] = [];
  const emptyRows: string[] = [];
  const emptyColumns: string[] = [];
  for (let r = 0; r < R; r++) {
    if (usableRow[r] && diversity[r] > 0) rows.push(r);
    else if (usableRow[r]) emptyRows.push(M.rows[r]);
  }
  for (let i = 0; i < I; i++) {
    if (ubiquity[i] > 0) columns.push(i);
    else emptyColumns.push(M.columns[i]);
  }
  if (emptyRows.length) diagnostics.push({ code: 'EMPTY_ROWS', message: `${emptyRows.length} region(s) dropped: no industry`, labels: emptyRows });
  if (emptyColumns.length) diagnostics.push({ code: 'EMPTY_COLUMNS', message: `${emptyColumns.length} industr(y/ies) dropped: no region`, labels: emptyColumns });
  const C = rows.length;
  const P = columns.length;
  const fitness = new Float64Array(R).fill(NaN);
  const complexity = new Float64Array(I).fill(NaN);
  if (C === 0 || P === 0) return { fitness, complexity, iterations: 0, diagnostics };

  // dense kept submatrix (0/1) for tight loops
  const sub = new Uint8Array(C * P);
  for (let c = 0; c < C; c++) for (let q = 0; q < P; q++) sub[c * P + q] = m[rows[c] * I + columns[q]] === 1 ? 1 : 0;
  let F = new Float64Array(C).fill(1);
  let Q = new Float64Array(P).fill(1);
  let nextF = new Float64Array(C);
  let nextQ = new Float64Array(P);
  let change = Infinity;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    let meanF = 0;
    for (let c = 0; c < C; c++) {
      let s = 0;
      for (let q = 0; q < P; q++) if (sub[c * P + q]) s += Q[q];
      nextF[c] = s;
      meanF += s;
    }
    meanF /= C;
    nextQ.fill(0);
    for (let c = 0; c < C; c++) {
      const inv = 1 / F[c];
      for (let q = 0; q < P; q++) if (sub[c * P + q]) nextQ[q] += inv;
    }
    let meanQ = 0;
    for (let q = 0; q < P; q++) {
      nextQ[q] = 1 / nextQ[q];
      meanQ += nextQ[q];
    }
    meanQ /= P;
    change = 0;
    for (let c = 0; c < C; c++) {
      nextF[c] /= meanF;
      change = Math.max(change, Math.abs(nextF[c] - F[c]));
    }
    for (let q = 0; q < P; q++) {
      nextQ[q] /= meanQ;
      change = Math.max(change, Math.abs(nextQ[q] - Q[q]));
    }
    [F, nextF] = [nextF, F];
    [Q, nextQ] = [nextQ, Q];
    if (!(change > tolerance)) {
      if (Number.isNaN(change)) break;
      for (let c = 0; c < C; c++) fitness[rows[c]] = F[c];
      for (let q = 0; q < P; q++) complexity[columns[q]] = Q[q];
      return { fitness, complexity, iterations: iteration, diagnostics };
    }
  }
  throw new ConvergenceError(`fitness–complexity did not converge in ${maxIterations} iterations (last change ${change})`, maxIterations, tolerance, {
    lastChange: change,
  });
}
