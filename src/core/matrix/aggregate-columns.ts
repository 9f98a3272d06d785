import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import type { DenseMatrix } from './dense-matrix.js';

/**
 * Sums the columns of a region × industry matrix into groups (industries → clusters).
 *
 * out[r, g] = Σ_{i : group[i] = g} x[r, i]. Columns with group −1 are left out (unmapped industries).
 * Missing-data policy: NaN in any member cell makes the group cell NaN (never a silent 0).
 *
 * @example aggregateColumns(employment, { group: Int32Array.of(0, 0, 1), groupNames: ['A', 'B'] })
 */
export function aggregateColumns(
  matrix: DenseMatrix,
  options: { group: Int32Array; groupNames: readonly string[] },
): DenseMatrix {
  const { group, groupNames } = options;
  const nr = matrix.rows.length;
  const nc = matrix.columns.length;
  const ng = groupNames.length;
  if (group.length !== nc) {
    throw new ShapeMismatchError(`group has ${group.length} entries for ${nc} columns`, { group: group.length, columns: nc });
  }
  for (let i = 0; i < nc; i++) {
    if (group[i] < -1 || group[i] >= ng) {
      throw new InvalidInputError(`column ${matrix.columns[i]} has group ${group[i]} outside 0..${ng - 1}`, { column: matrix.columns[i] });
    }
  }
  const x = matrix.values;
  const out = new Float64Array(nr * ng);
  for (let r = 0; r < nr; r++) {
    const base = r * nc;
    const outBase = r * ng;
    for (let i = 0; i < nc; i++) {
      const g = group[i];
      if (g >= 0) out[outBase + g] += x[base + i];
    }
  }
  return { rows: matrix.rows, columns: groupNames, values: out };
}
