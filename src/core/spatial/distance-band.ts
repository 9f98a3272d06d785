import { InvalidInputError } from '../errors.js';
import { csrFromRows } from './csr-from-rows.js';
import { assertPointData } from './point-data.js';
import type { PointData } from './point-data.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/** Options of {@link distanceBand}. */
export interface DistanceBandOptions {
  /** Neighbours are the regions with 0 < … d_ij ≤ threshold (inclusive, as libpysal `DistanceBand`). Required. */
  readonly threshold: number;
  /** 'binary' (default): w_ij = 1; 'inverse-distance': w_ij = d_ij^alpha (libpysal binary=False). */
  readonly weighting?: 'binary' | 'inverse-distance';
  /** Exponent of the distance for 'inverse-distance'. Default −1 (−2: gravity weights). */
  readonly alpha?: number;
}

/** Defaults of {@link distanceBand}. */
export const DISTANCE_BAND_DEFAULTS = Object.freeze({ weighting: 'binary' as const, alpha: -1 });

/**
 * Distance-band weights: regions i ≠ j are neighbours when their Euclidean distance d_ij ≤ threshold
 * (inclusive); w_ij = 1 ('binary') or d_ij^alpha ('inverse-distance', alpha = −1 by default). Symmetric; rows
 * sorted by neighbour index. Regions with nobody inside the band are reported in an ISLANDS diagnostic
 * (libpysal warns "disconnected observation").
 *
 * Missing data: a non-finite coordinate throws InvalidInputError (INVALID_INPUT); a negative or non-finite
 * threshold, or two coincident points with 'inverse-distance' and alpha < 0 (infinite weight), throws
 * InvalidInputError. Search: x-sorted sweep, O(n log n + pairs within the band's x-range).
 *
 * @example
 * distanceBand(points, { threshold: 11.2, weighting: 'inverse-distance' })
 * // libpysal doc example: row 0 → neighbours [1, 3], weights [0.1, 0.0894427191]; region 2 is an island
 * @see docs/methods/spatial-weights.md
 */
export function distanceBand(points: PointData, options: DistanceBandOptions): SpatialWeightsResult {
  const threshold = options.threshold;
  const weighting = options.weighting ?? DISTANCE_BAND_DEFAULTS.weighting;
  const alpha = options.alpha ?? DISTANCE_BAND_DEFAULTS.alpha;
  if (!(threshold >= 0) || threshold === Infinity) throw new InvalidInputError(`threshold must be finite and ≥ 0, got ${threshold}`, { threshold });
  if (weighting !== 'binary' && weighting !== 'inverse-distance') throw new InvalidInputError(`weighting must be 'binary' or 'inverse-distance'`, { weighting });
  if (!Number.isFinite(alpha)) throw new InvalidInputError(`alpha must be finite, got ${alpha}`, { alpha });
  assertPointData(points);
  const n = points.ids.length;
  const x = Float64Array.from(points.x);
  const y = Float64Array.from(points.y);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  const rowNeighbors: number[][] = Array.from({ length: n }, () => []);
  const rowDistances: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < n; s++) {
    const i = order[s];
    for (let t = s + 1; t < n; t++) {
      const j = order[t];
      const dx = x[j] - x[i];
      if (dx > threshold) break;
      const dy = y[j] - y[i];
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d <= threshold) {
        rowNeighbors[i].push(j);
        rowDistances[i].push(d);
        rowNeighbors[j].push(i);
        rowDistances[j].push(d);
      }
    }
  }
  const rowWeights: number[][] = [];
  for (let i = 0; i < n; i++) {
    const idx = rowNeighbors[i].map((_, p) => p).sort((a, b) => rowNeighbors[i][a] - rowNeighbors[i][b]);
    const nb = idx.map((p) => rowNeighbors[i][p]);
    const ds = idx.map((p) => rowDistances[i][p]);
    rowNeighbors[i] = nb;
    rowWeights.push(
      ds.map((d, p) => {
        if (weighting === 'binary') return 1;
        const w = Math.pow(d, alpha);
        if (!Number.isFinite(w)) {
          throw new InvalidInputError(`regions ${points.ids[i]} and ${points.ids[nb[p]]} coincide: inverse-distance weight is infinite`, {
            region: points.ids[i],
            neighbor: points.ids[nb[p]],
          });
        }
        return w;
      }),
    );
  }
  return csrFromRows(points.ids, rowNeighbors, rowWeights);
}
