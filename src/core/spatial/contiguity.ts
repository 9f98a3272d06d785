import { InvalidInputError, ShapeMismatchError } from '../errors.js';
import { csrFromRows } from './csr-from-rows.js';
import type { SpatialWeightsResult } from './spatial-weights.js';

/** A ring of [x, y] vertices; closed (last = first) or not, either winding. */
export type Ring = readonly (readonly number[])[];

/** Regions as polygons: `polygons[i]` holds all rings (outer and holes, of all parts) of region `ids[i]`. */
export interface PolygonData {
  readonly ids: readonly string[];
  readonly polygons: readonly (readonly Ring[])[];
}

/** Options of {@link queenContiguity} and {@link rookContiguity}. */
export interface ContiguityOptions {
  /**
   * Two vertices are the same point when |Δx| ≤ tolerance and |Δy| ≤ tolerance (chained: a ~ b ~ c joins all
   * three). Default 0: exact coordinate equality (shared boundaries digitised once, as in TIGER/GeoJSON exports).
   */
  readonly tolerance?: number;
}

/** Defaults of {@link queenContiguity} and {@link rookContiguity}. */
export const CONTIGUITY_DEFAULTS = Object.freeze({ tolerance: 0 });

/** Internal: queen (shared vertex) or rook (shared edge) contiguity; binary, symmetric, rows sorted by index. */
export function contiguity(data: PolygonData, criterion: 'queen' | 'rook', options: ContiguityOptions): SpatialWeightsResult {
  const tolerance = options.tolerance ?? CONTIGUITY_DEFAULTS.tolerance;
  if (!(tolerance >= 0) || tolerance === Infinity) throw new InvalidInputError(`tolerance must be finite and ≥ 0, got ${tolerance}`, { tolerance });
  const { ids, polygons } = data;
  const n = ids.length;
  if (polygons.length !== n) throw new ShapeMismatchError(`${n} ids but ${polygons.length} polygons`);

  // Flatten vertices: coordinates, owning region, and ring boundaries for the edges.
  let count = 0;
  for (let i = 0; i < n; i++) for (const ring of polygons[i]) count += ring.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const owner = new Int32Array(count);
  const ringStarts: number[] = [];
  let v = 0;
  for (let i = 0; i < n; i++) {
    for (const ring of polygons[i]) {
      ringStarts.push(v);
      for (const p of ring) {
        const x = p[0];
        const y = p[1];
        if (!Number.isFinite(x) || !Number.isFinite(y)) {
          throw new InvalidInputError(`region ${ids[i]} has a non-finite vertex`, { region: ids[i] });
        }
        xs[v] = x;
        ys[v] = y;
        owner[v] = i;
        v++;
      }
    }
  }
  ringStarts.push(v);

  // Union-find of coincident vertices, found by a sweep over vertices sorted by x then y.
  const parent = new Int32Array(count);
  for (let k = 0; k < count; k++) parent[k] = k;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  for (let s = 0; s < count; s++) {
    const a = order[s];
    for (let t = s + 1; t < count; t++) {
      const b = order[t];
      if (xs[b] - xs[a] > tolerance) break;
      if (tolerance === 0 && ys[b] !== ys[a]) break; // same x, sorted by y: no later match
      if (Math.abs(ys[b] - ys[a]) <= tolerance) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent[rb] = ra;
      }
    }
  }

  const pairs = new Set<number>();
  const addGroup = (regions: number[]) => {
    for (let p = 0; p < regions.length; p++) {
      for (let q = p + 1; q < regions.length; q++) {
        const i = regions[p];
        const j = regions[q];
        if (i !== j) {
          pairs.add(i * n + j);
          pairs.add(j * n + i);
        }
      }
    }
  };
  const groups = new Map<number, number[]>();
  const push = (key: number, region: number) => {
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [region]);
    else if (!g.includes(region)) g.push(region);
  };
  if (criterion === 'queen') {
    for (let k = 0; k < count; k++) push(find(k), owner[k]);
  } else {
    for (let r = 0; r + 1 < ringStarts.length; r++) {
      const start = ringStarts[r];
      const end = ringStarts[r + 1];
      for (let k = start; k < end; k++) {
        const a = find(k);
        const b = find(k + 1 < end ? k + 1 : start); // closing edge; degenerate when the ring is closed
        if (a === b) continue;
        push(a < b ? a * count + b : b * count + a, owner[k]);
      }
    }
  }
  for (const g of groups.values()) if (g.length > 1) addGroup(g);

  const rowNeighbors: number[][] = Array.from({ length: n }, () => []);
  for (const key of pairs) rowNeighbors[Math.floor(key / n)].push(key % n);
  const rowWeights: number[][] = rowNeighbors.map((row) => {
    row.sort((a, b) => a - b);
    return row.map(() => 1);
  });
  return csrFromRows(ids, rowNeighbors, rowWeights);
}
