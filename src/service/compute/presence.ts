import { presenceMatrix } from '../../core/index.js';
import type { DenseMatrix } from '../../core/index.js';
import { ComputeError } from './compute-error.js';
import type { OptionValue } from './method-options.js';

/**
 * The binary presence matrix M of a region × industry matrix: 1[RCA ≥ threshold] (`presence=rca`, default), or
 * the values themselves when they already are 0/1 (`presence=binary`; any other value is an INCONSISTENT_INPUT).
 */
export function presenceFromOptions(matrix: DenseMatrix, options: Readonly<Record<string, OptionValue>>, file: string): DenseMatrix {
  if (options.presence !== 'binary') return presenceMatrix(matrix, { threshold: options.threshold as number });
  const v = matrix.values;
  const I = matrix.columns.length;
  for (let k = 0; k < v.length; k++) {
    if (v[k] !== 0 && v[k] !== 1) {
      const r = Math.floor(k / I);
      throw new ComputeError('INCONSISTENT_INPUT', `${file}: presence=binary needs values 0 or 1, got ${v[k]} for region "${matrix.rows[r]}", industry "${matrix.columns[k - r * I]}"`);
    }
  }
  return matrix;
}
