import { contiguity } from './contiguity.js';
import type { ContiguityOptions, PolygonData } from './contiguity.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/**
 * Queen contiguity weights: regions i ≠ j are neighbours (w_ij = 1) when their boundaries share at least one
 * vertex (libpysal `Queen`). Binary and symmetric; rows sorted by neighbour index. Vertices match exactly, or
 * within `tolerance` in x and y. Multi-part regions: pass all rings of all parts.
 *
 * Missing data: a non-finite coordinate throws InvalidInputError (INVALID_INPUT); ids and polygons of different
 * lengths throw ShapeMismatchError. Regions touching nobody are reported in an ISLANDS diagnostic.
 *
 * @example
 * queenContiguity({ ids: ['a', 'b'], polygons: [[[[0,0],[1,0],[1,1],[0,1]]], [[[1,1],[2,1],[2,2],[1,2]]]] })
 * // a and b share the corner (1, 1): neighbours
 * @see docs/methods/spatial-weights.md
 */
export function queenContiguity(data: PolygonData, options: ContiguityOptions = {}): SpatialWeightsResult {
  return contiguity(data, 'queen', options);
}
