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
  const years = checkYears(options.years);
  const n = start.length;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = cagr(start[k], end[k], years);
  return out;
}

/**
 * The CAGR of one pair of levels, (end/start)^(1/years) − 1, with the conventions and checks of
 * {@link compoundAnnualGrowthRate} — for callers that meet one cell at a time (no arrays allocated).
 *
 * @example compoundAnnualGrowthRateOf(100, 121, 2) // 0.1
 */
export function compoundAnnualGrowthRateOf(start: number, end: number, years: number): number {
  if (start < 0 || start === Infinity || end < 0 || end === Infinity) {
    throw new InvalidInputError(`compoundAnnualGrowthRateOf: levels ${start} → ${end} are not finite non-negative numbers`, { start, end });
  }
  return cagr(start, end, checkYears(years));
}

function checkYears(years: number | undefined): number {
  if (years === undefined || !(years > 0) || !Number.isFinite(years)) {
    throw new InvalidInputError(`compoundAnnualGrowthRate needs options.years > 0, got ${String(years)}`, { option: 'years', value: years });
  }
  return years;
}

const cagr = (a: number, b: number, years: number): number => (a === 0 ? NaN : Math.pow(b / a, 1 / years) - 1);
