import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/**
 * Spatial weights W as compressed sparse rows (CSR): region i's neighbours are
 * `neighbors[offsets[i] .. offsets[i + 1])` with weights `weights[…]` at the same positions.
 * Plain readonly data (serialisable, transferable to a Web Worker); ids[i] names row i.
 * @see docs/methods/spatial-weights.md
 */
export interface SpatialWeights {
  /** Region identifiers, one per row; the order of the values passed to the statistics. */
  readonly ids: readonly string[];
  /** Row pointers, length n + 1, offsets[0] = 0, non-decreasing. */
  readonly offsets: Int32Array;
  /** Column index (0 ≤ j < n) of each stored link. */
  readonly neighbors: Int32Array;
  /** Weight of each stored link (finite, ≥ 0). */
  readonly weights: Float64Array;
}

/**
 * A warning returned (never logged) by the weights builders and the spatial statistics.
 * ISLANDS: regions without neighbours; ASYMMETRIC: w_ij > 0 but w_ji = 0; TIES: k-nearest-neighbour ties broken
 * by index; MISSING_VALUES: NaN values (statistics are NaN); CONSTANT_VALUES: zero variance (statistics are NaN).
 */
export interface SpatialDiagnostic {
  readonly code: 'ISLANDS' | 'ASYMMETRIC' | 'TIES' | 'MISSING_VALUES' | 'CONSTANT_VALUES';
  readonly message: string;
  /** The regions concerned (ids). */
  readonly regions: readonly string[];
}

/** Weights as returned by the builders: the CSR matrix plus its diagnostics. */
export interface SpatialWeightsResult extends SpatialWeights {
  readonly diagnostics: readonly SpatialDiagnostic[];
}

/**
 * Checks the CSR invariants of a {@link SpatialWeights}: offsets of length n + 1 starting at 0 and non-decreasing,
 * neighbour indices in [0, n) without repeats within a row, weights finite and non-negative; and, when
 * `expectedLength` is given, n = expectedLength. Throws ShapeMismatchError (SHAPE_MISMATCH) or
 * InvalidInputError (INVALID_INPUT). O(n + nnz).
 * @see docs/methods/spatial-weights.md
 */
export function assertSpatialWeights(w: SpatialWeights, expectedLength?: number): void {
  const n = w.ids.length;
  if (expectedLength !== undefined && n !== expectedLength) {
    throw new ShapeMismatchError(`weights have ${n} regions but ${expectedLength} values were given`, { regions: n, values: expectedLength });
  }
  const { offsets, neighbors, weights } = w;
  if (!(offsets instanceof Int32Array) || !(neighbors instanceof Int32Array) || !(weights instanceof Float64Array)) {
    throw new InvalidInputError('weights must hold offsets: Int32Array, neighbors: Int32Array, weights: Float64Array');
  }
  if (offsets.length !== n + 1) throw new ShapeMismatchError(`offsets must have n + 1 = ${n + 1} entries, got ${offsets.length}`);
  if (offsets[0] !== 0) throw new InvalidInputError('offsets[0] must be 0');
  const nnz = offsets[n];
  if (neighbors.length !== nnz || weights.length !== nnz) {
    throw new ShapeMismatchError(`neighbors and weights must have offsets[n] = ${nnz} entries`, {
      neighbors: neighbors.length,
      weights: weights.length,
    });
  }
  const seen = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const a = offsets[i];
    const b = offsets[i + 1];
    if (b < a) throw new InvalidInputError(`offsets decrease at row ${i}`, { row: i });
    for (let k = a; k < b; k++) {
      const j = neighbors[k];
      if (!(j >= 0 && j < n)) throw new InvalidInputError(`neighbour index ${j} out of range in row ${w.ids[i]}`, { region: w.ids[i] });
      if (seen[j] === i) throw new InvalidInputError(`region ${w.ids[i]} lists neighbour ${w.ids[j]} twice`, { region: w.ids[i], neighbor: w.ids[j] });
      seen[j] = i;
      const v = weights[k];
      if (!(v >= 0) || v === Infinity) {
        throw new InvalidInputError(`weight of ${w.ids[i]} → ${w.ids[j]} must be finite and ≥ 0, got ${v}`, { region: w.ids[i], neighbor: w.ids[j] });
      }
    }
  }
}
