/**
 * Number and date formats shared by the charts, their tooltips and the tables, in the workbench's
 * language (Intl with en-US or ja-JP).
 */
import { t } from './i18n/translate.js';
import { locale } from './i18n/language.js';
import { formatChangePercent } from './portfolio-layout.js';

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale()}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(), options);
    formats.set(key, f);
  }
  return f;
}

/** Employment as a whole number with thousands separators: 91234.5 → "91,235". */
export function formatEmployment(employment: number | null): string {
  return employment !== null && Number.isFinite(employment) ? numberFormat({ maximumFractionDigits: 0 }).format(employment) : '–';
}

/** Location quotient (LQ) with two decimals; "n/a" when undefined. */
export function formatLocationQuotient(locationQuotient: number | null): string {
  return locationQuotient === null || !Number.isFinite(locationQuotient)
    ? t('value.na')
    : numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(locationQuotient);
}

/** Employment change as a signed percentage; "n/a" when the base year had no employment. */
export function formatEmploymentChange(change: number | null): string {
  return change === null || !Number.isFinite(change) ? t('value.na') : formatChangePercent(change);
}

/** A signed whole number: 3821 → "+3,821", −25 → "−25". */
export function formatSignedNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return t('value.na');
  const text = numberFormat({ maximumFractionDigits: 0 }).format(Math.abs(value));
  const rounded = Math.round(value);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}

/** A share 0–1 as a percentage with up to one decimal: 0.6909 → "69.1%". */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? t('value.na') : numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A date-time string as a date in the current language: "2026-11-28T06:39Z" → "Nov 28, 2026" / "2026年11月28日". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(date);
}

/**
 * The sentence that flags estimated values, or "" when nothing is estimated:
 * 0.62 → "62% of this employment is estimated from suppressed cells".
 */
export function describeEstimatedShare(estimatedShare: number | null): string {
  if (estimatedShare === null || !(estimatedShare > 0)) return '';
  const pct = Math.max(1, Math.round(estimatedShare * 100));
  return t('estimated.sentence', { pct });
}

/** Share estimated as a short table cell: 0 → "–", 0.62 → "62%". */
export function formatEstimatedShare(estimatedShare: number | null): string {
  return estimatedShare !== null && estimatedShare > 0 ? `${Math.max(1, Math.round(estimatedShare * 100))}%` : '–';
}

/** Whether a value counts as "mostly estimated" and gets the hatch / dashed marker. */
export function isMostlyEstimated(estimatedShare: number | null): boolean {
  return estimatedShare !== null && estimatedShare >= 0.5;
}
