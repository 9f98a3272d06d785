/** Number formats shared by the map, the chart, their tooltips and the table (en-US, as the data are US). */
import { formatChangePercent } from './portfolio-layout.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Employment as a whole number with thousands separators: 91234.5 → "91,235". */
export function formatEmployment(employment: number): string {
  return Number.isFinite(employment) ? integer.format(employment) : '–';
}

/** Location quotient (LQ) with two decimals; "n/a" when undefined. */
export function formatLocationQuotient(locationQuotient: number | null): string {
  return locationQuotient === null || !Number.isFinite(locationQuotient) ? 'n/a' : locationQuotient.toFixed(2);
}

/** Employment change as a signed percentage; "n/a" when the base year had no employment. */
export function formatEmploymentChange(change: number | null): string {
  return change === null || !Number.isFinite(change) ? 'n/a' : formatChangePercent(change);
}

/**
 * The sentence that flags estimated values, or "" when nothing is estimated:
 * 0.62 → "62% of this employment is estimated from suppressed cells".
 */
export function describeEstimatedShare(estimatedShare: number): string {
  if (!(estimatedShare > 0)) return '';
  const pct = Math.max(1, Math.round(estimatedShare * 100));
  return `${pct}% of this employment is estimated from suppressed cells`;
}

/** Share estimated as a short table cell: 0 → "–", 0.62 → "62%". */
export function formatEstimatedShare(estimatedShare: number): string {
  return estimatedShare > 0 ? `${Math.max(1, Math.round(estimatedShare * 100))}%` : '–';
}

/** Whether a value counts as "mostly estimated" and gets the hatch / dashed marker. */
export function isMostlyEstimated(estimatedShare: number): boolean {
  return estimatedShare >= 0.5;
}
