import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { shiftShare, shiftShareDefaults } from './shift-share.js';
import type { ShiftShareComponents, ShiftShareDiagnostic, ShiftShareResult, ZeroStartPolicy } from './shift-share.js';

export interface DynamicShiftShareOptions {
  /** External reference area per year (one industry vector per matrix in `panel`); default: sum of the input regions. */
  readonly references?: readonly ArrayLike<number>[];
  /** See {@link ShiftShareOptions.zeroStartCells}; applied to every consecutive pair of years. */
  readonly zeroStartCells?: ZeroStartPolicy;
}

/** Defaults of {@link dynamicShiftShare}. */
export const dynamicShiftShareDefaults: Readonly<{ zeroStartCells: ZeroStartPolicy }> = shiftShareDefaults;

export interface DynamicShiftShareResult {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** Components per region, summed over the consecutive periods. */
  readonly regions: ShiftShareComponents;
  /** Components per industry, summed over the periods. */
  readonly industries: ShiftShareComponents;
  /** Components per cell (row-major), summed over the periods. */
  readonly cells: ShiftShareComponents;
  /** The classic decomposition of each consecutive pair of years, in order. */
  readonly periods: readonly ShiftShareResult[];
  readonly diagnostics: readonly ShiftShareDiagnostic[];
}

const names = ['growth', 'nationalShare', 'industryMix', 'regionalShift', 'competitive', 'allocation'] as const;

/**
 * Dynamic shift-share (Barff & Knight 1988): the classic and Esteban-Marquillas decomposition applied to each
 * consecutive pair of years of a panel, components summed over the periods.
 *
 * Σ_t [national share_t + industry mix_t + regional shift_t] = e_rT − e_r0 per region, cell and industry.
 * Reference growth rates are recomputed every year (from the input regions, or from `references[t]`).
 * Missing data, zero start cells and errors: as {@link shiftShare}, period by period. At least two years.
 *
 * @example dynamicShiftShare([y2019, y2020, y2021]).regions.regionalShift
 * @see ../../../docs/methods/shift-share.md
 */
export function dynamicShiftShare(panel: readonly DenseMatrix[], options: DynamicShiftShareOptions = {}): DynamicShiftShareResult {
  if (panel.length < 2) {
    throw new InvalidInputError(`dynamicShiftShare needs at least two years, got ${panel.length}`, { years: panel.length });
  }
  const refs = options.references;
  if (refs !== undefined && refs.length !== panel.length) {
    throw new ShapeMismatchError(`references has ${refs.length} years, panel has ${panel.length}`, {
      references: refs.length,
      panel: panel.length,
    });
  }
  const periods: ShiftShareResult[] = [];
  for (let t = 1; t < panel.length; t++) {
    periods.push(
      shiftShare(panel[t - 1], panel[t], {
        zeroStartCells: options.zeroStartCells ?? dynamicShiftShareDefaults.zeroStartCells,
        ...(refs ? { referenceStart: refs[t - 1], referenceEnd: refs[t] } : {}),
      }),
    );
  }
  const first = periods[0];
  const sum = (pick: (p: ShiftShareResult) => ShiftShareComponents): ShiftShareComponents => {
    const out = {} as Record<(typeof names)[number], Float64Array>;
    for (const name of names) {
      const n = pick(first)[name].length;
      const acc = new Float64Array(n);
      const comp = new Float64Array(n);
      for (const p of periods) {
        const v = pick(p)[name];
        for (let k = 0; k < n; k++) {
          // Neumaier compensation across periods, element-wise.
          const x = v[k];
          const t = acc[k] + x;
          comp[k] += Math.abs(acc[k]) >= Math.abs(x) ? acc[k] - t + x : x - t + acc[k];
          acc[k] = t;
        }
      }
      for (let k = 0; k < n; k++) acc[k] += comp[k];
      out[name] = acc;
    }
    return out;
  };
  const diagnostics: ShiftShareDiagnostic[] = [];
  periods.forEach((p, t) => {
    for (const d of p.diagnostics) diagnostics.push({ ...d, message: `period ${t + 1}: ${d.message}` });
  });
  return {
    rows: first.rows,
    columns: first.columns,
    regions: sum((p) => p.regions),
    industries: sum((p) => p.industries),
    cells: sum((p) => p.cells),
    periods,
    diagnostics,
  };
}
