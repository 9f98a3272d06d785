import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { ShapeMismatchError } from '../errors.js';
import { density as computeDensity } from './density.js';
import { addRows } from './add-rows.js';
import { proximity as computeProximity } from './proximity.js';
import { economicComplexityIndexDetailed } from './economic-complexity-index-detailed.js';
import type { EconomicComplexityIndexDetailedResult, EconomicComplexityIndexOptions } from './economic-complexity-index-detailed.js';
import type { ComplexityDiagnostic } from './prepare-presence.js';

/** Industries per column block of the COG kernel (see density). */
const outlookBlock = 64;

export interface ComplexityOutlookOptions extends EconomicComplexityIndexOptions {
  /** Precomputed proximity φ of M (default: computed). */
  readonly proximity?: DenseMatrix;
  /** Precomputed density of M with the self term, 0–1 (default: computed from `proximity`). */
  readonly density?: DenseMatrix;
  /** Precomputed ECI result for M (default: computed), to reuse its kp, kc and dropped rows. */
  readonly complexity?: EconomicComplexityIndexDetailedResult;
}

export interface ComplexityOutlookResult {
  /** Complexity outlook index per region, standardised over the kept regions (mean 0, population sd 1). */
  readonly coi: Float64Array;
  /** Complexity outlook gain per region × industry (0 where M = 1), divided by sd(kc). */
  readonly cog: DenseMatrix;
  readonly diagnostics: readonly ComplexityDiagnostic[];
}

/**
 * Complexity outlook index (COI) and complexity outlook gain (COG), py-ecomplexity `coicog` convention
 * (Hausmann et al. 2014, *The Atlas of Economic Complexity*).
 *
 * COI[r] = Σ_i d[r,i](1 − M[r,i]) kp_i, then standardised over regions (population sd);
 * COG[r,i] = (1 − M[r,i]) Σ_j (1 − M[r,j]) φ[j,i] kp_j / Σ_k φ[j,k], divided by sd(kc);
 * kp, kc the raw sign-adjusted eigenvectors of the ECI, d the density with self term.
 * Regions and industries dropped by the ECI (NaN, empty) get NaN and are left out of the sums.
 *
 * @example complexityOutlook(M).coi
 * @see ../../../docs/methods/economic-complexity.md
 */
export function complexityOutlook(M: DenseMatrix, options: ComplexityOutlookOptions = {}): ComplexityOutlookResult {
  const R = M.rows.length;
  const I = M.columns.length;
  const eci = options.complexity ?? economicComplexityIndexDetailed(M, options);
  const phi = options.proximity ?? computeProximity(M);
  const dens = options.density ?? computeDensity(M, { proximity: phi });
  if (eci.kp.length !== I || eci.kc.length !== R || dens.values.length !== R * I || phi.values.length !== I * I) {
    throw new ShapeMismatchError('complexityOutlook: complexity, density and proximity must belong to M', { rows: R, columns: I });
  }
  const m = M.values;
  const kp = eci.kp;
  const kc = eci.kc;
  const f = phi.values;
  const dv = dens.values;

  let n = 0;
  let mean = 0;
  for (let r = 0; r < R; r++) {
    if (!Number.isNaN(kc[r])) {
      n++;
      mean += kc[r];
    }
  }
  mean /= n;
  let ss = 0;
  for (let r = 0; r < R; r++) if (!Number.isNaN(kc[r])) ss += (kc[r] - mean) * (kc[r] - mean);
  const sdKc = Math.sqrt(ss / n);

  // COI
  const coi = new Float64Array(R).fill(NaN);
  let coiMean = 0;
  for (let r = 0; r < R; r++) {
    if (Number.isNaN(kc[r])) continue;
    let s = 0;
    for (let i = 0; i < I; i++) {
      if (Number.isNaN(kp[i])) continue;
      const k = r * I + i;
      s += dv[k] * (1 - m[k]) * kp[i];
    }
    coi[r] = s;
    coiMean += s;
  }
  coiMean /= n;
  let coiSs = 0;
  for (let r = 0; r < R; r++) if (!Number.isNaN(coi[r])) coiSs += (coi[r] - coiMean) * (coi[r] - coiMean);
  const coiSd = Math.sqrt(coiSs / n);
  for (let r = 0; r < R; r++) if (!Number.isNaN(coi[r])) coi[r] = (coi[r] - coiMean) / coiSd;

  // COG: W[j,i] = φ[j,i] kp_j / Σ_k φ[j,k] over kept j; cog[r,i] = (1 − M[r,i]) (Σ_j W[j,i] − Σ_{j: M[r,j]=1} W[j,i]).
  // −W is stored in column blocks (as in density) and the present industries of each region are added to the
  // column totals, so the work is Σ_r k_r · I instead of a dense R × I × I product.
  const negW = new Float64Array(I * I);
  const columnTotal = new Float64Array(I);
  for (let j = 0; j < I; j++) {
    if (Number.isNaN(kp[j])) continue;
    let total = 0;
    for (let k = 0; k < I; k++) total += f[j * I + k];
    for (let i = 0; i < I; i++) {
      const value = (f[j * I + i] * kp[j]) / total;
      columnTotal[i] += value;
      const block = i - (i % outlookBlock);
      negW[block * I + j * Math.min(outlookBlock, I - block) + (i - block)] = -value;
    }
  }
  // present industries (M = 1, kept by the ECI) of each kept region, CSR
  const rowStart = new Int32Array(R + 1);
  let present = new Int32Array(Math.max(16, (R * I) >> 3));
  let nnz = 0;
  for (let r = 0; r < R; r++) {
    if (!Number.isNaN(kc[r])) {
      if (nnz + I > present.length) {
        const grown = new Int32Array(Math.max(2 * present.length, nnz + I));
        grown.set(present.subarray(0, nnz));
        present = grown;
      }
      const base = r * I;
      for (let j = 0; j < I; j++) if (m[base + j] === 1 && !Number.isNaN(kp[j])) present[nnz++] = j;
    }
    rowStart[r + 1] = nnz;
  }
  const cog = new Float64Array(R * I);
  for (let block = 0; block < I; block += outlookBlock) {
    const width = Math.min(outlookBlock, I - block);
    const blockBase = block * I;
    for (let r = 0; r < R; r++) {
      if (Number.isNaN(kc[r])) continue;
      const o = r * I + block;
      for (let t = 0; t < width; t++) cog[o + t] = columnTotal[block + t];
      addRows(cog, o, negW, blockBase, width, present, rowStart[r], rowStart[r + 1]);
    }
  }
  for (let r = 0; r < R; r++) {
    const base = r * I;
    if (Number.isNaN(kc[r])) {
      cog.fill(NaN, base, base + I);
      continue;
    }
    for (let i = 0; i < I; i++) {
      const k = base + i;
      if (Number.isNaN(kp[i])) cog[k] = NaN;
      else cog[k] = m[k] === 1 ? 0 : cog[k] / sdKc;
    }
  }
  return { coi, cog: { rows: M.rows, columns: M.columns, values: cog }, diagnostics: eci.diagnostics };
}
