/**
 * Internal: out[o + t] += Σ_q weights[base + list[q]·width + t] for t < width, q in [from, to): the rows of a
 * column block named by a list of indices, added four at a time (one load and store of out per four rows).
 */
export function addRows(
  out: Float64Array,
  o: number,
  weights: Float64Array,
  base: number,
  width: number,
  list: Int32Array,
  from: number,
  to: number,
): void {
  let q = from;
  for (; q + 3 < to; q += 4) {
    const w0 = base + list[q] * width;
    const w1 = base + list[q + 1] * width;
    const w2 = base + list[q + 2] * width;
    const w3 = base + list[q + 3] * width;
    for (let t = 0; t < width; t++) out[o + t] += weights[w0 + t] + weights[w1 + t] + (weights[w2 + t] + weights[w3 + t]);
  }
  for (; q < to; q++) {
    const w = base + list[q] * width;
    for (let t = 0; t < width; t++) out[o + t] += weights[w + t];
  }
}
