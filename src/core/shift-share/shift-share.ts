import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { compensatedSum } from '../numeric/compensated-sum.js';
import { InvalidInputError } from '../errors.js';
import { columnSums } from './column-sums.js';
import { assertNonNegativeMatrix, assertNonNegativeVector, assertSameShape } from './assert-non-negative.js';

/** What a cell with zero start employment contributes to the Esteban-Marquillas terms. */
export type ZeroStartPolicy = 'allocation' | 'nan';

export interface ShiftShareOptions {
  /** Reference-area employment per industry (column) at the start; default: column sums of `start`. */
  readonly referenceStart?: ArrayLike<number>;
  /** Reference-area employment per industry at the end; default: column sums of `end`. Give both or neither. */
  readonly referenceEnd?: ArrayLike<number>;
  /**
   * Esteban-Marquillas terms of a cell with e_ri1 = 0 (its own growth rate is undefined):
   * 'allocation' (default) puts the whole regional shift e_ri2 into allocation and 0 into competitive,
   * so competitive + allocation = Dunn regional shift still holds; 'nan' makes both terms NaN when e_ri2 > 0.
   */
  readonly zeroStartCells?: ZeroStartPolicy;
}

/** Defaults of {@link shiftShare}. */
export const shiftShareDefaults: Readonly<{ zeroStartCells: ZeroStartPolicy }> = Object.freeze({ zeroStartCells: 'allocation' });

/** The six shift-share components, one Float64Array per component, all the same length. */
export interface ShiftShareComponents {
  /** Actual change e2 − e1. */
  readonly growth: Float64Array;
  /** National share e1·g. */
  readonly nationalShare: Float64Array;
  /** Industry mix e1·(g_i − g). */
  readonly industryMix: Float64Array;
  /** Regional (competitive, differential) shift (e2 − e1) − e1·g_i. */
  readonly regionalShift: Float64Array;
  /** Esteban-Marquillas competitive effect ê·(g_ri − g_i). */
  readonly competitive: Float64Array;
  /** Esteban-Marquillas allocation effect (e1 − ê)·(g_ri − g_i). */
  readonly allocation: Float64Array;
}

export interface ShiftShareCells extends ShiftShareComponents {
  /** Esteban-Marquillas homothetic start employment ê_ri = e_r1·e_i1/e1. */
  readonly homothetic: Float64Array;
}

export interface ShiftShareDiagnostic {
  readonly code: 'ZERO_START_CELLS' | 'UNDEFINED_INDUSTRY_GROWTH' | 'UNDEFINED_REFERENCE_GROWTH';
  readonly message: string;
  readonly count: number;
}

export interface ShiftShareResult {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** Reference-area growth rate g = e2/e1 − 1. */
  readonly referenceGrowth: number;
  /** Reference-area growth rate per industry g_i = e_i2/e_i1 − 1 (NaN when e_i1 = 0). */
  readonly industryGrowth: Float64Array;
  /** Components per region (length rows), the compensated sums of the cells of each row. */
  readonly regions: ShiftShareComponents;
  /** Components per industry (length columns), summed over the input regions. */
  readonly industries: ShiftShareComponents;
  /** Components per cell, row-major (rows × columns), plus the homothetic employment. */
  readonly cells: ShiftShareCells;
  readonly diagnostics: readonly ShiftShareDiagnostic[];
}

const componentNames = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'] as const;

/**
 * Shift-share decomposition, classic (Dunn 1960) and Esteban-Marquillas (1972), per cell, region and industry.
 *
 * Per cell: growth = e_ri2 − e_ri1 = national share e_ri1·g + industry mix e_ri1·(g_i − g)
 * + regional shift [(e_ri2 − e_ri1) − e_ri1·g_i] (written without division by e_ri1).
 * Esteban-Marquillas: ê_ri = e_r1·e_i1/e1, competitive = ê_ri·(g_ri − g_i), allocation = (e_ri1 − ê_ri)(g_ri − g_i);
 * competitive + allocation = regional shift. g, g_i are reference-area growth rates (the sum of the input
 * regions unless `referenceStart`/`referenceEnd` name an external area such as the nation). Units: those of the input.
 *
 * Missing data: NaN in a cell makes that cell's components (and its region's and industry's sums) NaN.
 * A cell with e_ri1 = 0 contributes 0 to national share and industry mix and e_ri2 to the regional shift
 * (the limit as e_ri1 → 0, defined even when g_i is not); its EM terms follow `zeroStartCells`.
 * g_i is NaN when e_i1 = 0, so cells with e_ri1 > 0 in such an industry are NaN. Negative values throw
 * InvalidInputError naming the row and column.
 *
 * @example shiftShare(start, end).regions.regionalShift // one value per region
 * @see ../../../docs/methods/shift-share.md
 */
export function shiftShare(start: DenseMatrix, end: DenseMatrix, options: ShiftShareOptions = {}): ShiftShareResult {
  assertSameShape(start, end, 'shiftShare(start, end)');
  assertNonNegativeMatrix(start, 'start');
  assertNonNegativeMatrix(end, 'end');
  const policy = options.zeroStartCells ?? shiftShareDefaults.zeroStartCells;
  if (policy !== 'allocation' && policy !== 'nan') {
    throw new InvalidInputError(`zeroStartCells must be 'allocation' or 'nan', got ${String(policy)}`, { option: 'zeroStartCells' });
  }
  const R = start.rows.length;
  const I = start.columns.length;
  const s = start.values;
  const e = end.values;

  const refStart = new Float64Array(I);
  const refEnd = new Float64Array(I);
  if ((options.referenceStart === undefined) !== (options.referenceEnd === undefined)) {
    throw new InvalidInputError('referenceStart and referenceEnd must be given together', { option: 'referenceStart' });
  }
  if (options.referenceStart !== undefined && options.referenceEnd !== undefined) {
    assertNonNegativeVector(options.referenceStart, start.columns, 'referenceStart');
    assertNonNegativeVector(options.referenceEnd, start.columns, 'referenceEnd');
    for (let i = 0; i < I; i++) {
      refStart[i] = options.referenceStart[i];
      refEnd[i] = options.referenceEnd[i];
    }
  } else {
    refStart.set(columnSums(s, R, I));
    refEnd.set(columnSums(e, R, I));
  }
  const e1 = compensatedSum(refStart);
  const e2 = compensatedSum(refEnd);
  const g = e1 === 0 ? NaN : (e2 - e1) / e1;
  const gi = new Float64Array(I);
  let undefinedIndustries = 0;
  for (let i = 0; i < I; i++) {
    gi[i] = refStart[i] === 0 ? NaN : (refEnd[i] - refStart[i]) / refStart[i];
    if (Number.isNaN(gi[i])) undefinedIndustries++;
  }

  const n = R * I;
  const cells = {
    growth: new Float64Array(n),
    nationalShare: new Float64Array(n),
    industryMix: new Float64Array(n),
    regionalShift: new Float64Array(n),
    competitive: new Float64Array(n),
    allocation: new Float64Array(n),
    homothetic: new Float64Array(n),
  };
  const { growth, nationalShare, industryMix, regionalShift, competitive, allocation, homothetic } = cells;
  let zeroStart = 0;
  for (let r = 0; r < R; r++) {
    const base = r * I;
    const er1 = compensatedSum(s, base, base + I);
    for (let i = 0; i < I; i++) {
      const k = base + i;
      const a = s[k];
      const b = e[k];
      const change = b - a;
      growth[k] = change;
      const hat = (er1 * refStart[i]) / e1;
      homothetic[k] = hat;
      if (a === 0) {
        nationalShare[k] = 0;
        industryMix[k] = 0;
        regionalShift[k] = b;
        if (b > 0) zeroStart++;
        if (policy === 'nan' && b !== 0) {
          competitive[k] = NaN;
          allocation[k] = NaN;
        } else {
          competitive[k] = 0;
          allocation[k] = b;
        }
      } else {
        const gI = gi[i];
        nationalShare[k] = a * g;
        industryMix[k] = a * (gI - g);
        regionalShift[k] = change - a * gI;
        const gap = change / a - gI;
        competitive[k] = hat * gap;
        allocation[k] = (a - hat) * gap;
      }
    }
  }

  const regions = {} as Record<(typeof componentNames)[number], Float64Array>;
  const industries = {} as Record<(typeof componentNames)[number], Float64Array>;
  for (const name of componentNames) {
    const c = cells[name];
    const perRegion = new Float64Array(R);
    for (let r = 0; r < R; r++) perRegion[r] = compensatedSum(c, r * I, r * I + I);
    const perIndustry = columnSums(c, R, I);
    regions[name] = perRegion;
    industries[name] = perIndustry;
  }

  const diagnostics: ShiftShareDiagnostic[] = [];
  if (zeroStart > 0) {
    diagnostics.push({
      code: 'ZERO_START_CELLS',
      message: `${zeroStart} cell(s) start at 0 and grow: their Esteban-Marquillas terms follow zeroStartCells='${policy}'`,
      count: zeroStart,
    });
  }
  if (undefinedIndustries > 0) {
    diagnostics.push({
      code: 'UNDEFINED_INDUSTRY_GROWTH',
      message: `${undefinedIndustries} industr(y/ies) have zero reference start employment: g_i is NaN`,
      count: undefinedIndustries,
    });
  }
  if (Number.isNaN(g)) {
    diagnostics.push({ code: 'UNDEFINED_REFERENCE_GROWTH', message: 'reference-area start total is 0 or NaN: g is NaN', count: 1 });
  }
  return {
    rows: start.rows,
    columns: start.columns,
    referenceGrowth: g,
    industryGrowth: gi,
    regions,
    industries,
    cells,
    diagnostics,
  };
}
