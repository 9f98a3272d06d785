import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { compensatedSum } from '../numeric/compensated-sum.js';

/** Type of a benchmark cluster: traded (serving markets beyond the region) or local. */
export type ClusterType = 'traded' | 'local';

export interface ClusterLocationQuotientOptions {
  /**
   * Reference-area cluster totals (e.g. the nation's), one per column. Default: column sums of the input.
   * Use it when the input is one region or a subset of the reference area.
   */
  readonly referenceTotals?: Float64Array;
}

export interface ClusterLocationQuotientResult {
  /** LQ[r, c], row-major like the input. NaN where a denominator is 0 or a cell is NaN. */
  readonly lq: Float64Array;
  /** Region totals by cluster type: traded[r], local[r]. */
  readonly regionTraded: Float64Array;
  readonly regionLocal: Float64Array;
  /** Reference totals by type. */
  readonly referenceTraded: number;
  readonly referenceLocal: number;
}

/**
 * Cluster location quotient with the U.S. Cluster Mapping denominators (LQ).
 *
 * For a traded cluster c in region r: LQ = (e[r,c] / T[r]) / (E[c] / T), where T[r] is the region's
 * employment in all traded clusters and T the reference area's; for a local cluster the local totals
 * replace the traded ones. This keeps LQs of traded clusters comparable between regions whose local
 * (population-serving) employment differs in size.
 *
 * Missing data: a NaN cell gives NaN for that cell and NaN type totals for its region; a zero
 * denominator gives NaN (never 0 or 1). Negative values are refused (InvalidInputError).
 * See docs/methods/cluster-location-quotient.md.
 *
 * @example clusterLocationQuotient(employmentByCluster, ['traded', 'local'])
 */
export function clusterLocationQuotient(
  matrix: DenseMatrix,
  types: readonly ClusterType[],
  options: ClusterLocationQuotientOptions = {},
): ClusterLocationQuotientResult {
  const nr = matrix.rows.length;
  const nc = matrix.columns.length;
  if (types.length !== nc) throw new ShapeMismatchError(`types has ${types.length} entries for ${nc} clusters`);
  const x = matrix.values;
  for (let k = 0; k < x.length; k++) {
    if (x[k] < 0) {
      const r = Math.floor(k / nc);
      throw new InvalidInputError(`negative value ${x[k]} at region ${matrix.rows[r]}, cluster ${matrix.columns[k - r * nc]}`, {
        row: matrix.rows[r],
        column: matrix.columns[k - r * nc],
      });
    }
  }
  const traded = new Uint8Array(nc);
  for (let c = 0; c < nc; c++) traded[c] = types[c] === 'traded' ? 1 : 0;

  const regionTraded = new Float64Array(nr);
  const regionLocal = new Float64Array(nr);
  const scratchT = new Float64Array(nc);
  const scratchL = new Float64Array(nc);
  for (let r = 0; r < nr; r++) {
    let nt = 0;
    let nl = 0;
    const base = r * nc;
    for (let c = 0; c < nc; c++) {
      if (traded[c] === 1) scratchT[nt++] = x[base + c];
      else scratchL[nl++] = x[base + c];
    }
    regionTraded[r] = compensatedSum(scratchT, 0, nt);
    regionLocal[r] = compensatedSum(scratchL, 0, nl);
  }

  let reference = options.referenceTotals;
  if (reference === undefined) {
    reference = new Float64Array(nc);
    for (let c = 0; c < nc; c++) reference[c] = compensatedSum(x, c, x.length, nc);
  } else if (reference.length !== nc) {
    throw new ShapeMismatchError(`referenceTotals has ${reference.length} entries for ${nc} clusters`);
  }
  let nt = 0;
  let nl = 0;
  for (let c = 0; c < nc; c++) {
    if (traded[c] === 1) scratchT[nt++] = reference[c];
    else scratchL[nl++] = reference[c];
  }
  const referenceTraded = compensatedSum(scratchT, 0, nt);
  const referenceLocal = compensatedSum(scratchL, 0, nl);

  const lq = new Float64Array(nr * nc);
  for (let r = 0; r < nr; r++) {
    const base = r * nc;
    for (let c = 0; c < nc; c++) {
      const regionTotal = traded[c] === 1 ? regionTraded[r] : regionLocal[r];
      const refTotal = traded[c] === 1 ? referenceTraded : referenceLocal;
      const refShare = refTotal === 0 ? NaN : reference[c] / refTotal;
      const share = regionTotal === 0 ? NaN : x[base + c] / regionTotal;
      lq[base + c] = refShare === 0 ? NaN : share / refShare;
    }
  }
  return { lq, regionTraded, regionLocal, referenceTraded, referenceLocal };
}
