import { InvalidInputError } from '../errors.js';
import { checkLevelPair } from './check-levels.js';

export type BetaDependent = 'annualised' | 'total';
export type MissingPolicy = 'propagate' | 'drop';

export interface BetaConvergenceOptions {
  /** Length of the period in years (> 0). Required. */
  readonly years?: number;
  /**
   * Dependent variable: 'annualised' (default) ln(y_T/y_0)/T, so λ = −ln(1 + βT)/T; 'total' ln(y_T/y_0),
   * so λ = −ln(1 + β)/T. Both give the same λ and half-life.
   */
  readonly dependent?: BetaDependent;
  /**
   * Regions with a NaN or zero level (no logarithm): 'propagate' (default) makes every result NaN;
   * 'drop' leaves them out and reports them in `diagnostics`.
   */
  readonly missing?: MissingPolicy;
}

/** Defaults of {@link betaConvergence}. */
export const betaConvergenceDefaults: Readonly<{ dependent: BetaDependent; missing: MissingPolicy }> = Object.freeze({
  dependent: 'annualised',
  missing: 'propagate',
});

export interface BetaConvergenceResult {
  /** OLS intercept α. */
  readonly alpha: number;
  /** OLS slope β on ln(initial level); β < 0 means poorer regions grew faster. */
  readonly beta: number;
  /** Standard error of β (classical OLS, n − 2 degrees of freedom). */
  readonly standardErrorBeta: number;
  /** t statistic β / se(β). */
  readonly tBeta: number;
  /** Coefficient of determination. */
  readonly rSquared: number;
  /** Implied speed of convergence per year λ (NaN when 1 + βT ≤ 0). */
  readonly lambda: number;
  /** Half-life ln 2 / λ in years (NaN unless λ > 0). */
  readonly halfLife: number;
  /** Number of regions in the regression. */
  readonly n: number;
  readonly diagnostics: readonly { readonly code: 'DROPPED_REGIONS'; readonly message: string; readonly indices: readonly number[] }[];
}

/**
 * β-convergence: OLS of log growth on the log initial level, g_r = α + β·ln y_r0 + ε, with the implied speed of
 * convergence λ and half-life ln 2/λ (Barro & Sala-i-Martin 1992).
 *
 * With annualised growth g_r = ln(y_rT/y_r0)/T, λ = −ln(1 + βT)/T (methods.md's λ = −ln(1 + β)/T is the same
 * with β the slope of total growth: `dependent: 'total'`). Missing data: see `missing`; fewer than 3 usable
 * regions give NaN (no degrees of freedom). Negative levels throw InvalidInputError.
 *
 * @example betaConvergence(incomeStart, incomeEnd, { years: 10 }).halfLife
 * @see ../../../docs/methods/growth.md
 */
export function betaConvergence(initial: ArrayLike<number>, final: ArrayLike<number>, options: BetaConvergenceOptions = {}): BetaConvergenceResult {
  checkLevelPair(initial, final, 'betaConvergence');
  const T = options.years;
  if (T === undefined || !(T > 0) || !Number.isFinite(T)) {
    throw new InvalidInputError(`betaConvergence needs options.years > 0, got ${String(T)}`, { option: 'years', value: T });
  }
  const dependent = options.dependent ?? betaConvergenceDefaults.dependent;
  const missing = options.missing ?? betaConvergenceDefaults.missing;
  if (dependent !== 'annualised' && dependent !== 'total') throw new InvalidInputError(`unknown dependent ${String(dependent)}`, { option: 'dependent' });
  if (missing !== 'propagate' && missing !== 'drop') throw new InvalidInputError(`unknown missing policy ${String(missing)}`, { option: 'missing' });

  const n0 = initial.length;
  const x = new Float64Array(n0);
  const y = new Float64Array(n0);
  const dropped: number[] = [];
  let n = 0;
  for (let k = 0; k < n0; k++) {
    const a = initial[k];
    const b = final[k];
    if (!(a > 0) || !(b > 0)) {
      dropped.push(k);
      continue;
    }
    x[n] = Math.log(a);
    y[n] = dependent === 'annualised' ? Math.log(b / a) / T : Math.log(b / a);
    n++;
  }
  const nan: BetaConvergenceResult = {
    alpha: NaN,
    beta: NaN,
    standardErrorBeta: NaN,
    tBeta: NaN,
    rSquared: NaN,
    lambda: NaN,
    halfLife: NaN,
    n,
    diagnostics: dropped.length
      ? [{ code: 'DROPPED_REGIONS', message: `${dropped.length} region(s) have a NaN or zero level`, indices: dropped }]
      : [],
  };
  if ((dropped.length > 0 && missing === 'propagate') || n < 3) return nan;

  // Two-pass centred sums for accuracy.
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += x[k];
    my += y[k];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[k] - mx;
    const dy = y[k] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  let ssr = 0;
  for (let k = 0; k < n; k++) {
    const e = y[k] - alpha - beta * x[k];
    ssr += e * e;
  }
  const se = Math.sqrt(ssr / (n - 2) / sxx);
  const total = dependent === 'annualised' ? beta * T : beta;
  const lambda = 1 + total > 0 ? -Math.log1p(total) / T : NaN;
  return {
    ...nan,
    alpha,
    beta,
    standardErrorBeta: se,
    tBeta: beta / se,
    rSquared: syy === 0 ? NaN : 1 - ssr / syy,
    lambda,
    halfLife: lambda > 0 ? Math.LN2 / lambda : NaN,
  };
}
