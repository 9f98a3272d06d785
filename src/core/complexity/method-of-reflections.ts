import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError } from '../errors.js';
import { preparePresence } from './prepare-presence.js';
import type { ComplexityDiagnostic } from './prepare-presence.js';

export interface MethodOfReflectionsOptions {
  /** Number of reflections N (default 18, as in Hidalgo & Hausmann 2009); 0 returns diversity and ubiquity. */
  readonly iterations?: number;
}

/** Defaults of {@link methodOfReflections}. */
export const methodOfReflectionsDefaults: Readonly<{ iterations: number }> = Object.freeze({ iterations: 18 });

export interface MethodOfReflectionsResult {
  /** k_c,N per region (NaN for dropped regions). */
  readonly regions: Float64Array;
  /** k_p,N per industry (NaN for dropped industries). */
  readonly industries: Float64Array;
  readonly iterations: number;
  readonly diagnostics: readonly ComplexityDiagnostic[];
}

/**
 * Method of reflections (Hidalgo & Hausmann 2009): k_c,0 = diversity, k_p,0 = ubiquity,
 * k_c,N = (1/k_c,0) Σ_p M_cp k_p,N−1 and k_p,N = (1/k_p,0) Σ_c M_cp k_c,N−1.
 *
 * Raw (unstandardised) values after N reflections. Even N rank by diversity-like information, odd N by
 * ubiquity-like; the ranking of k_c,N for large even N converges to the ECI's. Missing data: rows holding NaN
 * and empty rows/columns are dropped (NaN) with diagnostics, as for the ECI.
 *
 * @example methodOfReflections(M, { iterations: 2 }).regions // k_c,2
 * @see ../../../docs/methods/economic-complexity.md
 */
export function methodOfReflections(M: DenseMatrix, options: MethodOfReflectionsOptions = {}): MethodOfReflectionsResult {
  const N = options.iterations ?? methodOfReflectionsDefaults.iterations;
  if (!(N >= 0) || !Number.isInteger(N)) throw new InvalidInputError(`iterations must be a non-negative integer, got ${N}`, { option: 'iterations' });
  const p = preparePresence(M);
  const { R, I, m, usableRow, diversity, ubiquity } = p;
  const diagnostics = [...p.diagnostics];
  const keepRow = new Uint8Array(R);
  const keepColumn = new Uint8Array(I);
  const emptyRows: string[] = [];
  const emptyColumns: string[] = [];
  for (let r = 0; r < R; r++) {
    if (usableRow[r] && diversity[r] > 0) keepRow[r] = 1;
    else if (usableRow[r]) emptyRows.push(M.rows[r]);
  }
  for (let i = 0; i < I; i++) {
    if (ubiquity[i] > 0) keepColumn[i] = 1;
    else emptyColumns.push(M.columns[i]);
  }
  if (emptyRows.length) diagnostics.push({ code: 'EMPTY_ROWS', message: `${emptyRows.length} region(s) dropped: no industry`, labels: emptyRows });
  if (emptyColumns.length) diagnostics.push({ code: 'EMPTY_COLUMNS', message: `${emptyColumns.length} industr(y/ies) dropped: no region`, labels: emptyColumns });

  let kc = new Float64Array(R);
  let kp = new Float64Array(I);
  for (let r = 0; r < R; r++) kc[r] = keepRow[r] ? diversity[r] : NaN;
  for (let i = 0; i < I; i++) kp[i] = keepColumn[i] ? ubiquity[i] : NaN;
  for (let n = 1; n <= N; n++) {
    const nextC = new Float64Array(R).fill(NaN);
    const nextP = new Float64Array(I).fill(NaN);
    for (let r = 0; r < R; r++) {
      if (!keepRow[r]) continue;
      let s = 0;
      for (let i = 0; i < I; i++) if (m[r * I + i] === 1) s += kp[i];
      nextC[r] = s / diversity[r];
    }
    for (let i = 0; i < I; i++) {
      if (!keepColumn[i]) continue;
      let s = 0;
      for (let r = 0; r < R; r++) if (keepRow[r] && m[r * I + i] === 1) s += kc[r];
      nextP[i] = s / ubiquity[i];
    }
    kc = nextC;
    kp = nextP;
  }
  return { regions: kc, industries: kp, iterations: N, diagnostics };
}
