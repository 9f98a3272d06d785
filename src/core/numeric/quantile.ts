/**
 * Quantile by linear interpolation between order statistics (R type 7, d3.quantile, numpy default).
 * Q(p) = x[h] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)p over the sorted finite values.
 * NaN values are ignored; an empty input gives NaN. p outside [0, 1] is clamped.
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  const sorted = sortedFinite(values);
  return quantileSorted(sorted, p);
}

/** quantile() on values already sorted ascending and free of NaN. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(p)) return NaN;
  if (p <= 0 || n === 1) return sorted[0];
  if (p >= 1) return sorted[n - 1];
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo];
  const b = sorted[lo + 1];
  return a + (h - lo) * (b - a);
}

/** The non-NaN values of a typed array or array, sorted ascending, as a new Float64Array. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let k = 0; k < values.length; k++) if (!Number.isNaN(values[k])) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isNaN(v)) out[j++] = v;
  }
  return out.sort();
}
