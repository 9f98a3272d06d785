import { InvalidInputError } from '../errors.js';
import type { DenseMatrix } from '../matrix/dense-matrix.js';
import { normalQuantile } from './normal-quantile.js';
import { regionIndustryMargins } from './region-industry-margins.js';
import type { MarginOptions } from './region-industry-margins.js';

/** Options of {@link locationQuotientInterval}. */
export interface LocationQuotientIntervalOptions extends MarginOptions {
  /** Two-sided confidence level (default 0.95). */
  readonly confidence?: number;
  /** 'log' (default): exp(ln LQ ± z·se), never below 0. 'linear': LQ ± z·LQ·se (the untransformed delta method). */
  readonly scale?: 'log' | 'linear';
  /**
   * 'multinomial' (default): the region and the reference totals are counts from the same multinomial sample
   * (region inside the reference area). 'fixed': the reference shares s[i] are known constants (e.g. published
   * national totals) and only the region's share s[r,i] varies (binomial). 'independent': the reference counts
   * are a sample independent of the region's (a reference area that does not contain the region, e.g. the rest
   * of the nation, or another survey): two independent binomial shares, the log risk-ratio interval of
   * epidemiology (Katz et al. 1978; Gardner & Altman).
   */
  readonly referenceVariance?: 'multinomial' | 'fixed' | 'independent';
}

/** Defaults of {@link locationQuotientInterval}. */
export const LOCATION_QUOTIENT_INTERVAL_DEFAULTS: Readonly<
  Required<Pick<LocationQuotientIntervalOptions, 'confidence' | 'scale' | 'referenceVariance' | 'missing'>>
> = Object.freeze({ confidence: 0.95, scale: 'log', referenceVariance: 'multinomial', missing: 'propagate' });

/** Result of {@link locationQuotientInterval}: row-major rows × columns arrays. */
export interface LocationQuotientInterval {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly lq: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Delta-method standard error of ln LQ, ≈ the relative standard error of LQ. */
  readonly standardError: Float64Array;
}

/**
 * Location quotient (LQ) with a delta-method confidence interval for every cell (after Moineddin, Beyene &
 * Boyle 2003, who treat the counts as multinomial).
 *
 * With a = x[r,i], R = x[r,·], C = x[·,i], N = x[·,·] and LQ = (a/R)/(C/N), the first-order (delta-method)
 * variance of ln LQ is
 *   multinomial: V = 1/a − 1/R − 1/C − 1/N + 2a/(R·C)      (region inside the reference area)
 *   fixed:       V = 1/a − 1/R                               (reference shares known)
 *   independent: V = 1/a − 1/R + 1/C − 1/N                   (reference sample independent of the region)
 * and the interval is exp(ln LQ ± z·√V) ('log', default) or LQ ± z·LQ·√V ('linear'), z = Φ⁻¹((1 + confidence)/2).
 * The derivation is written out in docs/methods/location-quotient-interval.md.
 *
 * Counts must be counts (employment, establishments): the formula has no meaning for wages or value added.
 * Missing data: NaN in → NaN out. A zero cell (a = 0) has no delta-method interval: lq 0, lower/upper/se NaN.
 * A region or industry with total 0 gives NaN everywhere in its row or column.
 *
 * @example
 * const ci = locationQuotientInterval(denseMatrix(['A', 'B'], ['x', 'y'], Float64Array.of(30, 10, 20, 40)));
 * // ci.lq[0] = 1.5, ci.standardError[0] = √(1/30 − 1/40 − 1/50 − 1/100 + 60/2000) = √(1/120)
 * @see docs/methods/location-quotient-interval.md
 */
export function locationQuotientInterval(
  matrix: DenseMatrix,
  options: LocationQuotientIntervalOptions = {},
): LocationQuotientInterval {
  const confidence = options.confidence ?? LOCATION_QUOTIENT_INTERVAL_DEFAULTS.confidence;
  const scale = options.scale ?? LOCATION_QUOTIENT_INTERVAL_DEFAULTS.scale;
  const referenceVariance = options.referenceVariance ?? LOCATION_QUOTIENT_INTERVAL_DEFAULTS.referenceVariance;
  if (!(confidence > 0 && confidence < 1)) {
    throw new InvalidInputError(`confidence must be in (0, 1), got ${String(confidence)}`, { confidence });
  }
  if (scale !== 'log' && scale !== 'linear') throw new InvalidInputError(`scale must be 'log' or 'linear'`, { scale });
  if (referenceVariance !== 'multinomial' && referenceVariance !== 'fixed' && referenceVariance !== 'independent') {
    throw new InvalidInputError(`referenceVariance must be 'multinomial', 'fixed' or 'independent'`, { referenceVariance });
  }
  const { regionTotals, referenceTotals, referenceGrandTotal: N } = regionIndustryMargins(matrix, options);
  const z = normalQuantile((1 + confidence) / 2);
  const m = matrix.rows.length;
  const n = matrix.columns.length;
  const x = matrix.values;
  const size = m * n;
  const lq = new Float64Array(size);
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  const se = new Float64Array(size);
  const multinomial = referenceVariance === 'multinomial';
  const independent = referenceVariance === 'independent';
  const logScale = scale === 'log';
  for (let r = 0; r < m; r++) {
    const R = regionTotals[r];
    const base = r * n;
    for (let c = 0; c < n; c++) {
      const k = base + c;
      const a = x[k];
      const C = referenceTotals[c];
      const q = R > 0 && C > 0 && N > 0 ? (a / R) / (C / N) : NaN;
      lq[k] = q;
      if (!(q > 0)) {
        lower[k] = NaN;
        upper[k] = NaN;
        se[k] = NaN;
        continue;
      }
      let v = 1 / a - 1 / R;
      if (multinomial) v += (2 * a) / (R * C) - 1 / C - 1 / N;
      else if (independent) v += 1 / C - 1 / N;
      // Rounding can leave a tiny negative variance when the region is the whole reference area.
      const s = Math.sqrt(v > 0 ? v : 0);
      se[k] = s;
      if (logScale) {
        lower[k] = q * Math.exp(-z * s);
        upper[k] = q * Math.exp(z * s);
      } else {
        lower[k] = q - z * q * s;
        upper[k] = q + z * q * s;
      }
    }
  }
  return { rows: matrix.rows, columns: matrix.columns, lq, lower, upper, standardError: se };
}
