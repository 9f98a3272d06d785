import { InvalidInputError, UnknownCodeError } from '../errors.js';
import { csrFromRows } from './csr-from-rows.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/** One row of an explicit neighbour list (`region,neighbor[,weight]`). */
export interface NeighborLink {
  readonly region: string;
  readonly neighbor: string;
  /** Link weight (finite, ≥ 0); 1 when absent (binary weights). */
  readonly weight?: number;
}

/** Options of {@link weightsFromNeighborList}. */
export interface WeightsFromNeighborListOptions {
  /**
   * Row order and the full set of regions (regions without links become islands). Default: regions in order
   * of first appearance in the list (as `region`, then as `neighbor`).
   */
  readonly ids?: readonly string[];
  /** Add the reverse link j → i (same weight) for every i → j that lacks one. Default false. */
  readonly symmetrize?: boolean;
}

/** Defaults of {@link weightsFromNeighborList}. */
export const WEIGHTS_FROM_NEIGHBOR_LIST_DEFAULTS = Object.freeze({ symmetrize: false });

/**
 * Spatial weights (W) from an explicit neighbour list: each link `region → neighbor` with its weight
 * (1 when absent: binary contiguity). Rows keep the order of the links as given.
 *
 * Validation: a repeated (region, neighbor) pair, a negative or non-finite weight throws InvalidInputError
 * (INVALID_INPUT); with `ids`, a region not in `ids` throws UnknownCodeError (UNKNOWN_CODE). Self-links
 * (region = neighbor) are kept as given (esda treats them as self-weights). A weight of 0 is stored but the
 * region counts as an island if it has no positive weight.
 * Diagnostics: ISLANDS (regions without neighbours), ASYMMETRIC (i lists j but j does not list i).
 *
 * @example
 * weightsFromNeighborList([{ region: 'a', neighbor: 'b' }, { region: 'b', neighbor: 'a' }])
 * // → { ids: ['a','b'], offsets: [0,1,2], neighbors: [1,0], weights: [1,1], diagnostics: [] }
 * @see docs/methods/spatial-weights.md
 */
export function weightsFromNeighborList(links: readonly NeighborLink[], options: WeightsFromNeighborListOptions = {}): SpatialWeightsResult {
  const symmetrize = options.symmetrize ?? WEIGHTS_FROM_NEIGHBOR_LIST_DEFAULTS.symmetrize;
  const index = new Map<string, number>();
  const ids: string[] = [];
  if (options.ids !== undefined) {
    for (const id of options.ids) {
      if (index.has(id)) throw new InvalidInputError(`ids repeat region ${id}`, { region: id });
      index.set(id, ids.length);
      ids.push(id);
    }
  } else {
    for (const l of links) {
      if (!index.has(l.region)) {
        index.set(l.region, ids.length);
        ids.push(l.region);
      }
    }
    for (const l of links) {
      if (!index.has(l.neighbor)) {
        index.set(l.neighbor, ids.length);
        ids.push(l.neighbor);
      }
    }
  }
  const n = ids.length;
  const rowNeighbors: number[][] = Array.from({ length: n }, () => []);
  const rowWeights: number[][] = Array.from({ length: n }, () => []);
  const pairKeys = new Set<string>();
  for (let r = 0; r < links.length; r++) {
    const l = links[r];
    const i = index.get(l.region);
    const j = index.get(l.neighbor);
    if (i === undefined || j === undefined) {
      const code = i === undefined ? l.region : l.neighbor;
      throw new UnknownCodeError(`link ${r + 1}: region ${code} is not in ids`, { link: r + 1, region: code });
    }
    const weight = l.weight ?? 1;
    if (typeof weight !== 'number' || !(weight >= 0) || weight === Infinity) {
      throw new InvalidInputError(`link ${r + 1} (${l.region} → ${l.neighbor}): weight must be finite and ≥ 0, got ${String(weight)}`, {
        link: r + 1,
        region: l.region,
        neighbor: l.neighbor,
        field: 'weight',
      });
    }
    const key = `${i},${j}`;
    if (pairKeys.has(key)) {
      throw new InvalidInputError(`link ${r + 1}: pair (${l.region}, ${l.neighbor}) repeated`, { link: r + 1, region: l.region, neighbor: l.neighbor });
    }
    pairKeys.add(key);
    rowNeighbors[i].push(j);
    rowWeights[i].push(weight);
  }
  if (symmetrize) {
    for (let i = 0; i < n; i++) {
      const nb = rowNeighbors[i];
      for (let k = 0; k < nb.length; k++) {
        const j = nb[k];
        if (!pairKeys.has(`${j},${i}`)) {
          pairKeys.add(`${j},${i}`);
          rowNeighbors[j].push(i);
          rowWeights[j].push(rowWeights[i][k]);
        }
      }
    }
  }
  return csrFromRows(ids, rowNeighbors, rowWeights, [], true);
}
