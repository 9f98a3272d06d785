import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** A units × years panel of one outcome (e.g. log employment of the targeted clusters), row-major. */
export interface DifferenceInDifferencesPanel {
  /** Unit labels (regions), one per row. */
  units: readonly string[];
  /** 1 for a treated unit (the initiative's region), 0 for a control (peer region). */
  treated: Uint8Array;
  /** Years of the columns, strictly increasing. */
  years: readonly number[];
  /** Outcome, units.length × years.length, row-major; NaN = missing. */
  values: Float64Array;
}

export interface DifferenceInDifferencesOptions {
  /** First treated year: years ≥ treatmentYear are "post", earlier years "pre". */
  treatmentYear: number;
}

/** An estimate with its standard error (NaN when it cannot be computed) and t = estimate / SE. */
export interface DidEstimate {
  estimate: number;
  standardError: number;
  tStatistic: number;
  /**
   * `unit-differences` — Welch-type SE of the difference of the mean unit changes (≥ 2 treated and ≥ 2
   * control units); `single-treated` — one treated unit: s_C · √(1 + 1/n_C), the spread of the control
   * units' changes (the treated change is judged as one more draw from the control distribution);
   * null when fewer than two control units.
   */
  standardErrorMethod: 'unit-differences' | 'single-treated' | null;
}

export interface DifferenceInDifferencesResult extends DidEstimate {
  status: 'estimated' | 'insufficient-data';
  /** Why the estimate is missing (status insufficient-data), else null. */
  reason: string | null;
  preYears: number[];
  postYears: number[];
  treatedUnits: string[];
  controlUnits: string[];
  /** Units left out because a pre or post year is missing (NaN): the panel used is balanced. */
  excludedUnits: string[];
  /** Mean over treated units of (mean post − mean pre); NaN when none. */
  treatedChange: number;
  /** Mean over control units of (mean post − mean pre); NaN when none. */
  controlChange: number;
  /**
   * Placebo on the pre-period (needs ≥ 2 pre years): the same estimator with the last pre year as a fake
   * treatment year. An estimate far from 0 (|t| ≥ 2) speaks against parallel trends. Null with < 2 pre years.
   */
  preTrend: (DidEstimate & { years: number[] }) | null;
}

/**
 * Difference-in-differences (DiD) of a panel: δ = mean_T(ȳ_post − ȳ_pre) − mean_C(ȳ_post − ȳ_pre), where
 * ȳ_pre and ȳ_post are a unit's mean outcome over the pre and post years. On a balanced panel this equals
 * the two-way fixed-effects estimate of y_it = α_i + λ_t + δ·D_i·Post_t + ε_it. Collapsing each unit to one
 * change (Bertrand, Duflo & Mullainathan 2004) gives a standard error that is robust to serial correlation
 * within units, the same protection a cluster-robust SE over units gives — without its small-sample bias
 * when there are few units. With a single treated unit (one region), no within-treated spread exists: the SE
 * is s_C·√(1 + 1/n_C) under the assumption that the treated unit's change without treatment is one more draw
 * from the controls' distribution (Conley & Taber 2011 discuss the limits of this).
 *
 * Identifying assumption (stated, not testable with two years): parallel trends — without the treatment
 * the treated units' mean outcome would have moved like the controls'. With ≥ 2 pre years a placebo
 * estimate on the pre-period is returned (`preTrend`).
 *
 * Missing data: a unit with NaN in any year of the panel is excluded (listed in `excludedUnits`). Fewer than
 * one pre year, one post year, one treated or one control unit with data → status `insufficient-data`,
 * estimate NaN and a reason; fewer than two control units → SE NaN.
 *
 * @example differenceInDifferences({ units: ['NJ', 'PA'], treated: Uint8Array.of(1, 0), years: [1992, 1993],
 *   values: Float64Array.of(20.44, 21.03, 23.33, 21.17) }, { treatmentYear: 1993 }).estimate // 2.75
 * @see docs/methods/difference-in-differences.md
 */
export function differenceInDifferences(panel: DifferenceInDifferencesPanel, options: DifferenceInDifferencesOptions): DifferenceInDifferencesResult {
  const nu = panel.units.length;
  const ny = panel.years.length;
  if (panel.treated.length !== nu) throw new ShapeMismatchError(`treated has ${panel.treated.length} entries for ${nu} units`, { units: nu, treated: panel.treated.length });
  if (panel.values.length !== nu * ny) throw new ShapeMismatchError(`values has ${panel.values.length} entries for ${nu} units × ${ny} years`, { expected: nu * ny, actual: panel.values.length });
  for (let t = 1; t < ny; t++) {
    if (!(panel.years[t]! > panel.years[t - 1]!)) throw new InvalidInputError('years must be strictly increasing', { years: [...panel.years] });
  }
  if (!Number.isFinite(options.treatmentYear)) throw new InvalidInputError('treatmentYear must be a finite year', { treatmentYear: options.treatmentYear });
  const preYears: number[] = [];
  const postYears: number[] = [];
  for (const y of panel.years) (y < options.treatmentYear ? preYears : postYears).push(y);
  const complete = new Uint8Array(nu);
  const excludedUnits: string[] = [];
  for (let i = 0; i < nu; i++) {
    let ok = 1;
    for (let t = 0; t < ny; t++) if (Number.isNaN(panel.values[i * ny + t])) ok = 0;
    complete[i] = ok;
    if (!ok) excludedUnits.push(panel.units[i]!);
  }
  const treatedUnits: string[] = [];
  const controlUnits: string[] = [];
  for (let i = 0; i < nu; i++) if (complete[i]) (panel.treated[i] ? treatedUnits : controlUnits).push(panel.units[i]!);

  const split = (y: number) => y < options.treatmentYear;
  const main = unitDifferences(panel, complete, (y) => split(y) ? -1 : 1);
  const empty: DidEstimate = { estimate: NaN, standardError: NaN, tStatistic: NaN, standardErrorMethod: null };
  const base = { preYears, postYears, treatedUnits, controlUnits, excludedUnits, treatedChange: main.treatedMean, controlChange: main.controlMean };
  let reason: string | null = null;
  if (preYears.length === 0) reason = `no year before the treatment year ${options.treatmentYear} in the data (years ${panel.years.join(', ') || 'none'})`;
  else if (postYears.length === 0) reason = `no year from the treatment year ${options.treatmentYear} on in the data (years ${panel.years.join(', ') || 'none'})`;
  else if (treatedUnits.length === 0) reason = 'no treated unit with data in every year';
  else if (controlUnits.length === 0) reason = 'no control unit with data in every year';
  if (reason !== null) return { status: 'insufficient-data', reason, ...empty, ...base, preTrend: null };

  let preTrend: DifferenceInDifferencesResult['preTrend'] = null;
  if (preYears.length >= 2) {
    const fake = preYears[preYears.length - 1]!;
    const placebo = unitDifferences(panel, complete, (y) => (y >= options.treatmentYear ? 0 : y < fake ? -1 : 1));
    preTrend = { ...estimateOf(placebo), years: preYears };
  }
  return { status: 'estimated', reason: null, ...estimateOf(main), ...base, preTrend };
}

interface UnitDifferences {
  treatedMean: number;
  controlMean: number;
  treatedVariance: number;
  controlVariance: number;
  nTreated: number;
  nControl: number;
}

/**
 * Per complete unit: mean of the years with side +1 minus mean of the years with side −1 (side 0 ignored);
 * then the mean and sample variance of these changes among treated and among control units (two-pass).
 */
function unitDifferences(panel: DifferenceInDifferencesPanel, complete: Uint8Array, side: (year: number) => -1 | 0 | 1): UnitDifferences {
  const nu = panel.units.length;
  const ny = panel.years.length;
  const sides = new Int8Array(ny);
  let nPlus = 0;
  let nMinus = 0;
  for (let t = 0; t < ny; t++) {
    sides[t] = side(panel.years[t]!);
    if (sides[t] === 1) nPlus++;
    else if (sides[t] === -1) nMinus++;
  }
  const change = new Float64Array(nu);
  for (let i = 0; i < nu; i++) {
    if (!complete[i]) continue;
    let plus = 0;
    let minus = 0;
    for (let t = 0; t < ny; t++) {
      const v = panel.values[i * ny + t];
      if (sides[t] === 1) plus += v;
      else if (sides[t] === -1) minus += v;
    }
    change[i] = nPlus > 0 && nMinus > 0 ? plus / nPlus - minus / nMinus : NaN;
  }
  const stats = (group: number): [number, number, number] => {
    let n = 0;
    let sum = 0;
    for (let i = 0; i < nu; i++) if (complete[i] && panel.treated[i] === group) { n++; sum += change[i]; }
    const mean = n > 0 ? sum / n : NaN;
    let ss = 0;
    for (let i = 0; i < nu; i++) if (complete[i] && panel.treated[i] === group) ss += (change[i] - mean) ** 2;
    return [mean, n > 1 ? ss / (n - 1) : NaN, n];
  };
  const [treatedMean, treatedVariance, nTreated] = stats(1);
  const [controlMean, controlVariance, nControl] = stats(0);
  return { treatedMean, controlMean, treatedVariance, controlVariance, nTreated, nControl };
}

function estimateOf(d: UnitDifferences): DidEstimate {
  const estimate = d.treatedMean - d.controlMean;
  let standardError = NaN;
  let standardErrorMethod: DidEstimate['standardErrorMethod'] = null;
  if (d.nControl >= 2 && d.nTreated >= 2) {
    standardError = Math.sqrt(d.treatedVariance / d.nTreated + d.controlVariance / d.nControl);
    standardErrorMethod = 'unit-differences';
  } else if (d.nControl >= 2 && d.nTreated === 1) {
    standardError = Math.sqrt(d.controlVariance * (1 + 1 / d.nControl));
    standardErrorMethod = 'single-treated';
  }
  const tStatistic = standardError > 0 ? estimate / standardError : NaN;
  return { estimate, standardError, tStatistic, standardErrorMethod };
}
