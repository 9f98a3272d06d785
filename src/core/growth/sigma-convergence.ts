import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { checkLevels } from './check-levels.js';
import type { MissingPolicy } from './beta-convergence.js';

export type SigmaMeasure = 'sdLog' | 'cv';

export interface SigmaConvergenceOptions {
  /** 'sdLog' (default): population sd of ln levels; 'cv': population sd / mean of the levels. */
  readonly measure?: SigmaMeasure;
  /** NaN (or, for sdLog, zero) levels: 'propagate' (default) → NaN for that year; 'drop' leaves them out. */
  readonly missing?: MissingPolicy;
}

/** Defaults of {@link sigmaConvergence}. */
export const sigmaConvergenceDefaults: Readonly<{ measure: SigmaMeasure; missing: MissingPolicy }> = Object.freeze({
  measure: 'sdLog',
  missing: 'propagate',
});

export interface SigmaConvergenceResult {
  /** Dispersion per year, in the order of `levels`. */
  readonly dispersion: Float64Array;
  /** Last minus first dispersion; negative means σ-convergence. */
  readonly change: number;
  /** True when the dispersion fell from the first to the last year. */
  readonly converging: boolean;
}

/**
 * σ-convergence: the cross-regional dispersion of levels per year, by default the population standard deviation of
 * ln levels (divisor n), or the coefficient of variation.
 *
 * `levels` holds one vector per year (regions in the same order). Missing data: see `missing`; a zero level has no
 * logarithm and counts as missing for sdLog. Negative levels throw InvalidInputError.
 *
 * @example sigmaConvergence([incomeStart, incomeEnd]).converging
 * @see ../../../docs/methods/growth.md
 */
export function sigmaConvergence(levels: readonly ArrayLike<number>[], options: SigmaConvergenceOptions = {}): SigmaConvergenceResult {
  const measure = options.measure ?? sigmaConvergenceDefaults.measure;
  const missing = options.missing ?? sigmaConvergenceDefaults.missing;
  if (measure !== 'sdLog' && measure !== 'cv') throw new InvalidInputError(`unknown measure ${String(measure)}`, { option: 'measure' });
  if (missing !== 'propagate' && missing !== 'drop') throw new InvalidInputError(`unknown missing policy ${String(missing)}`, { option: 'missing' });
  if (levels.length === 0) throw new InvalidInputError('sigmaConvergence needs at least one year', { years: 0 });
  const n0 = levels[0].length;
  const dispersion = new Float64Array(levels.length);
  for (let t = 0; t < levels.length; t++) {
    const v = levels[t];
    if (v.length !== n0) throw new ShapeMismatchError(`year ${t} has ${v.length} regions, year 0 has ${n0}`, { year: t });
    checkLevels(v, `sigmaConvergence year ${t}`);
    const z = new Float64Array(v.length);
    let n = 0;
    let bad = false;
    for (let k = 0; k < v.length; k++) {
      const x = measure === 'sdLog' ? (v[k] > 0 ? Math.log(v[k]) : NaN) : v[k];
      if (Number.isNaN(x)) bad = true;
      else z[n++] = x;
    }
    if ((bad && missing === 'propagate') || n === 0) {
      dispersion[t] = NaN;
      continue;
    }
    let mean = 0;
    for (let k = 0; k < n; k++) mean += z[k];
    mean /= n;
    let ss = 0;
    for (let k = 0; k < n; k++) ss += (z[k] - mean) * (z[k] - mean);
    const sd = Math.sqrt(ss / n);
    dispersion[t] = measure === 'sdLog' ? sd : mean === 0 ? NaN : sd / mean;
  }
  const change = dispersion[dispersion.length - 1] - dispersion[0];
  return { dispersion, change, converging: change < 0 };
}
