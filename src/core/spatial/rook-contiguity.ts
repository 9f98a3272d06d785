import { contiguity } from './contiguity.js';
import type { ContiguityOptions, PolygonData } from './contiguity.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/**
 * Rook contiguity weights: regions i ≠ j are neighbours (w_ij = 1) when they share an edge, i.e. two consecutive
 * ring vertices of one region match two consecutive ring vertices of the other (libpysal `Rook`). A shared
 * boundary digitised with different vertices on each side (T-junctions) is not an edge; use queen there.
 * Binary and symmetric; rows sorted by neighbour index; `tolerance` as in {@link queenContiguity}.
 *
 * Missing data: a non-finite coordinate throws InvalidInputError (INVALID_INPUT). Islands are reported as diagnostics.
 *
 * @example
 * rookContiguity({ ids: ['a', 'b'], polygons: [[[[0,0],[1,0],[1,1],[0,1]]], [[[1,1],[2,1],[2,2],[1,2]]]] })
 * // corner only: no rook neighbours, two ISLANDS
 * @see docs/methods/spatial-weights.md
 */
export function rookContiguity(data: PolygonData, options: ContiguityOptions = {}): SpatialWeightsResult {
  return contiguity(data, 'rook', options);
}
