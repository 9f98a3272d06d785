import { InvalidInputError } from '../errors.js';
import { checkLevelPair } from './check-levels.js';

export interface CompoundAnnualGrowthRateOptions {
  /** Length of the period in years (> 0, may be fractional). Required. */
  readonly years?: number;
}

/**
 * Compound annual growth rate (CAGR) of each element: (end/start)^(1/years) − 1.
 *
 * Unitless per year. Missing data: NaN in → NaN out; start = 0 → NaN; end = 0 < start → −1.
 * Negative levels and a missing or non-positive `years` throw InvalidInputError.
 *
 * @example compoundAnnualGrowthRate([100], [121], { years: 2 }) // Float64Array [0.1]
 * @see ../../../docs/methods/growth.md
 */
export function compoundAnnualGrowthRate(
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  options: CompoundAnnualGrowthRateOptions = {},
): Float64Array {
  checkLevelPair(start, end, 'compoundAnnualGrowthRate');
  const years = options.years;
  if (years === undefined || !(years > 0) || !Number.isFinite(years)) {
    throw new InvalidInputError(`compoundAnnualGrowthRate needs options.years > 0, got ${String(years)}`, { option: 'years', value: years });
  }
  const n = start.length;
  const out = new Float64Array(n);
  const p = 1 / years;
  for (let k = 0; k < n; k++) {
    const a = start[k];
    out[k] = a === 0 ? NaN : Math.pow(end[k] / a, p) - 1;
  }
  return out;
}
