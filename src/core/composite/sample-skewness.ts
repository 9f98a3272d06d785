/**
 * Sample skewness, adjusted Fisher–Pearson coefficient G1 (Excel SKEW, scipy.stats.skew(bias=False), SAS/SPSS
 * default): G1 = n / ((n − 1)(n − 2)) · Σ ((x − x̄) / s)³ with s the sample standard deviation (n − 1).
 *
 * Missing data: NaN values are ignored. Fewer than 3 finite values, or a constant series (s = 0), give NaN.
 *
 * @example
 * sampleSkewness([1, 1, 1, 4]); // → 2
 * @see docs/methods/composite-index.md
 */
export function sampleSkewness(values: ArrayLike<number>): number {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  if (n < 3) return NaN;
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  if (!(m2 > 0)) return NaN;
  const s = Math.sqrt(m2 / (n - 1));
  return (n / ((n - 1) * (n - 2))) * (m3 / (s * s * s));
}
