/**
 * Internal: Neumaier-compensated sums of each column of a row-major rows × columns array, traversed row by row
 * (contiguous reads). NaN in a column → NaN sum for that column.
 */
export function columnSums(values: Float64Array, rows: number, columns: number): Float64Array {
  const sum = new Float64Array(columns);
  const compensation = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const base = r * columns;
    for (let c = 0; c < columns; c++) {
      const v = values[base + c];
      const s = sum[c];
      const t = s + v;
      compensation[c] += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      sum[c] = t;
    }
  }
  for (let c = 0; c < columns; c++) sum[c] += compensation[c];
  return sum;
}
