import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import type { ComplexityDiagnostic } from './prepare-presence.js';
import { secondEigenvector } from './second-eigenvector.js';

export interface EconomicComplexityIndexOptions {
  /** Cap on products with the (deflated) operator AᵀA (default 10 000); beyond it a ConvergenceError carries maxIterations and tolerance. */
  readonly maxIterations?: number;
  /** Converged when the eigen-residual ‖S v − λ2 v‖ of the unit eigenvector is at most this (default 1e-12). */
  readonly tolerance?: number;
}

/** Defaults of {@link economicComplexityIndex} and {@link economicComplexityIndexDetailed}. */
export const economicComplexityIndexDefaults: Readonly<{ maxIterations: number; tolerance: number }> = Object.freeze({
  maxIterations: 10_000,
  tolerance: 1e-12,
});

export interface EconomicComplexityIndexDetailedResult {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** ECI per region: (kc − mean kc)/sd kc, population sd; NaN for dropped regions. */
  readonly eci: Float64Array;
  /** PCI per industry: (kp − mean kc)/sd kc; NaN for dropped industries. */
  readonly pci: Float64Array;
  /** Raw sign-adjusted kc = D⁻¹M kp per region (NaN when dropped). */
  readonly kc: Float64Array;
  /** Raw sign-adjusted eigenvector kp (unit Euclidean norm over kept industries; NaN when dropped). */
  readonly kp: Float64Array;
  readonly diversity: Float64Array;
  readonly ubiquity: Float64Array;
  /** Second-largest eigenvalue of U⁻¹MᵀD⁻¹M. */
  readonly eigenvalue: number;
  readonly iterations: number;
  readonly diagnostics: readonly ComplexityDiagnostic[];
}

/**
 * Economic complexity index (ECI) and product complexity index (PCI) by the eigenvector method, with the
 * py-ecomplexity / Atlas normalisation and sign rule, plus the raw vectors and diagnostics.
 *
 * kp = eigenvector of U⁻¹MᵀD⁻¹M for its second-largest eigenvalue; kc = D⁻¹M kp; both flipped when
 * corr(kc, diversity) < 0; ECI = (kc − mean kc)/sd kc, PCI = (kp − mean kc)/sd kc (population sd), so a region's
 * ECI is the mean PCI of its industries. Rows holding NaN (MISSING_ROWS), regions with no industry (EMPTY_ROWS)
 * and industries in no region (EMPTY_COLUMNS) are left out and get NaN. When the correlation is zero or undefined
 * (all regions equally diverse) the sign makes the first kept region's ECI ≥ 0 (AMBIGUOUS_SIGN). A rank-one M
 * (every kept region has every kept industry) has no second eigenvector: all NaN (DEGENERATE_SPECTRUM). An
 * eigenvalue of 1 means the region–industry network is disconnected (DISCONNECTED). Throws ConvergenceError when the
 * Lanczos iteration does not converge.
 *
 * @example economicComplexityIndexDetailed(presenceMatrix(exports)).eci
 * @see ../../../docs/methods/economic-complexity.md
 */
export function economicComplexityIndexDetailed(M: DenseMatrix, options: EconomicComplexityIndexOptions = {}): EconomicComplexityIndexDetailedResult {
  const maxIterations = options.maxIterations ?? economicComplexityIndexDefaults.maxIterations;
  const tolerance = options.tolerance ?? economicComplexityIndexDefaults.tolerance;
  if (!(maxIterations >= 1) || !Number.isInteger(maxIterations)) {
    throw new InvalidInputError(`maxIterations must be a positive integer, got ${maxIterations}`, { option: 'maxIterations' });
  }
  if (!(tolerance > 0)) throw new InvalidInputError(`tolerance must be positive, got ${tolerance}`, { option: 'tolerance' });
  const prepared = preparePresence(M);
  const { R, I, usableRow, diversity, ubiquity } = prepared;
  const diagnostics = [...prepared.diagnostics];

  const rowIndex = new Int32Array(R).fill(-1);
  const columnIndex = new Int32Array(I).fill(-1);
  const keptRows: number[] = [];
  const keptColumns: number[] = [];
  const emptyRows: string[] = [];
  const emptyColumns: string[] = [];
  for (let r = 0; r < R; r++) {
    if (!usableRow[r]) continue;
    if (diversity[r] > 0) {
      rowIndex[r] = keptRows.length;
      keptRows.push(r);
    } else emptyRows.push(M.rows[r]);
  }
  for (let i = 0; i < I; i++) {
    if (ubiquity[i] > 0) {
      columnIndex[i] = keptColumns.length;
      keptColumns.push(i);
    } else emptyColumns.push(M.columns[i]);
  }
  if (emptyRows.length) diagnostics.push({ code: 'EMPTY_ROWS', message: `${emptyRows.length} region(s) have no industry with M = 1 and were dropped`, labels: emptyRows });
  if (emptyColumns.length) diagnostics.push({ code: 'EMPTY_COLUMNS', message: `${emptyColumns.length} industr(y/ies) are present in no region and were dropped`, labels: emptyColumns });

  const C = keptRows.length;
  const P = keptColumns.length;
  const eci = new Float64Array(R).fill(NaN);
  const pci = new Float64Array(I).fill(NaN);
  const kcOut = new Float64Array(R).fill(NaN);
  const kpOut = new Float64Array(I).fill(NaN);
  const base = { rows: M.rows, columns: M.columns, eci, pci, kc: kcOut, kp: kpOut, diversity, ubiquity };

  // CSR of the kept submatrix
  // (from the prepared per-region lists of present industries, ascending: the kept industries are exactly those
  // present somewhere, so every listed column has a kept index)
  const { rowStart: presentStart, presentColumns } = prepared;
  const rowStart = new Int32Array(C + 1);
  let nnz = 0;
  for (let c = 0; c < C; c++) nnz += diversity[keptRows[c]];
  const cols = new Int32Array(nnz);
  let k = 0;
  for (let c = 0; c < C; c++) {
    const r = keptRows[c];
    const end = presentStart[r + 1];
    for (let q = presentStart[r]; q < end; q++) cols[k++] = columnIndex[presentColumns[q]];
    rowStart[c + 1] = k;
  }
  const d = new Float64Array(C);
  for (let c = 0; c < C; c++) d[c] = diversity[keptRows[c]];
  const u = new Float64Array(P);
  for (let p = 0; p < P; p++) u[p] = ubiquity[keptColumns[p]];

  if (C < 2 || P < 2) {
    diagnostics.push({ code: 'DEGENERATE_SPECTRUM', message: `ECI needs at least 2 regions and 2 industries with presence; got ${C} × ${P}`, labels: [] });
    return { ...base, eigenvalue: NaN, iterations: 0, diagnostics };
  }
  const eig = secondEigenvector(rowStart, cols, d, u, maxIterations, tolerance);
  if (eig.degenerate) {
    diagnostics.push({ code: 'DEGENERATE_SPECTRUM', message: 'M has rank one over the kept rows and columns: no second eigenvector', labels: [] });
    return { ...base, eigenvalue: eig.eigenvalue, iterations: eig.iterations, diagnostics };
  }
  if (eig.eigenvalue > 1 - 1e-9) {
    diagnostics.push({ code: 'DISCONNECTED', message: 'second eigenvalue is 1: the region–industry network is disconnected; ECI separates its components', labels: [] });
  }
  const kp = eig.kp;
  const kc = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let s = 0;
    for (let q = rowStart[c]; q < rowStart[c + 1]; q++) s += kp[cols[q]];
    kc[c] = s / d[c];
  }
  // sign rule: corr(kc, diversity) ≥ 0
  let mk = 0;
  let md = 0;
  for (let c = 0; c < C; c++) {
    mk += kc[c];
    md += d[c];
  }
  mk /= C;
  md /= C;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let c = 0; c < C; c++) {
    sxy += (kc[c] - mk) * (d[c] - md);
    sxx += (kc[c] - mk) * (kc[c] - mk);
    syy += (d[c] - md) * (d[c] - md);
  }
  const corr = sxy / Math.sqrt(sxx * syy);
  let sign: number;
  if (Number.isFinite(corr) && Math.abs(corr) > 1e-12) sign = corr < 0 ? -1 : 1;
  else {
    sign = kc[0] - mk < 0 ? -1 : 1;
    diagnostics.push({ code: 'AMBIGUOUS_SIGN', message: 'corr(kc, diversity) is zero or undefined: sign chosen so the first kept region has ECI ≥ 0', labels: [] });
  }
  mk *= sign;
  const sd = Math.sqrt(sxx / C);
  for (let c = 0; c < C; c++) {
    const r = keptRows[c];
    kcOut[r] = sign * kc[c];
    eci[r] = (sign * kc[c] - mk) / sd;
  }
  for (let p = 0; p < P; p++) {
    const i = keptColumns[p];
    kpOut[i] = sign * kp[p];
    pci[i] = (sign * kp[p] - mk) / sd;
  }
  return { ...base, eigenvalue: eig.eigenvalue, iterations: eig.iterations, diagnostics };
}
