/**
 * Neumaier (improved Kahan–Babuška) compensated sum of a typed array slice.
 * NaN in → NaN out. Exact for sums whose naive evaluation loses low-order bits, e.g. [1e100, 1, -1e100] → 1.
 */
export function compensatedSum(values: ArrayLike<number>, start = 0, end = values.length, stride = 1): number {
  let sum = 0;
  let compensation = 0;
  for (let k = start; k < end; k += stride) {
    const v = values[k];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  return sum + compensation;
}
