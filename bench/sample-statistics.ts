/**
 * The summary statistics every benchmark reports, one convention for all: the median (mean of the two
 * middle values for an even count) and the nearest-rank quantile (p95 = the value at rank ⌈0.95·n⌉).
 */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank quantile of sorted values; NaN for none. */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

