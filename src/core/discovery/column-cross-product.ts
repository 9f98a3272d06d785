import { rowGram } from './row-gram.js';

/**
 * Internal: C = Dᵀ D for a rows × n matrix D given industry-major (dt = Dᵀ, n × rows row-major), as a full
 * symmetric n × n Float64Array. Columns flagged in `skip` (1) get NaN in their row and column of C.
 */
export function columnCrossProduct(dt: Float64Array, rows: number, n: number, skip: Uint8Array): Float64Array {
  const c = rowGram(dt, n, rows);
  for (let i = 0; i < n; i++) {
    if (skip[i] !== 1) continue;
    for (let j = 0; j < n; j++) {
      c[i * n + j] = NaN;
      c[j * n + i] = NaN;
    }
  }
  return c;
}
