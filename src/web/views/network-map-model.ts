/**
 * The pure part of the Actors view's network map (network-map.ts draws it): the graph as GET /api/v1/network/graph
 * sends it (columnar), the client-side filter (type, country, minimum partners — no refetch), the view transform
 * (world ±1000 → canvas pixels, zoom about a point) and a uniform-grid spatial index for culling and hit-testing.
 * No DOM; unit-tested in network-map-model.test.ts.
 */

/** GET /api/v1/network/graph: node i is ids[i] … x[i], y[i]; link k joins sources[k] and targets[k]. */
export interface NetworkMapGraph {
  readonly nodes: {
    readonly ids: readonly string[];
    readonly names: readonly string[];
    readonly types: readonly string[];
    readonly countries: readonly (string | null)[];
    readonly degree: readonly number[];
    readonly strength: readonly number[];
    readonly community: readonly number[];
    readonly x: readonly number[];
    readonly y: readonly number[];
  };
  readonly edges: { readonly sources: readonly number[]; readonly targets: readonly number[]; readonly weights: readonly number[] };
  readonly totals: { readonly nodes: number; readonly edges: number; readonly nodesFiltered: number; readonly edgesFiltered: number; readonly nodesShown: number; readonly edgesShown: number };
  readonly layout: { readonly algorithm: string; readonly iterations: number; readonly extent: number; readonly seed: number };
  readonly communities?: { readonly count: number; readonly modularity: number };
  readonly timings?: { readonly layoutMs?: number };
}

/** The client-side filter: empty type or country = any. */
export interface NetworkMapFilter {
  readonly type: string;
  readonly country: string;
  readonly minDegree: number;
}

/** Which nodes and links pass a filter (1 = shown), and how many. */
export interface NetworkMapSelection {
  readonly nodes: Uint8Array;
  readonly edges: Uint8Array;
  readonly nodeCount: number;
  readonly edgeCount: number;
}

/** Nodes of the type and country with at least minDegree partners; links whose two ends pass. */
export function selectNetwork(graph: NetworkMapGraph, filter: NetworkMapFilter): NetworkMapSelection {
  const { types, countries, degree } = graph.nodes;
  const n = types.length;
  const nodes = new Uint8Array(n);
  let nodeCount = 0;
  for (let i = 0; i < n; i++) {
    if ((filter.type === '' || types[i] === filter.type) && (filter.country === '' || countries[i] === filter.country) && (degree[i] ?? 0) >= filter.minDegree) {
      nodes[i] = 1;
      nodeCount++;
    }
  }
  const { sources, targets } = graph.edges;
  const edges = new Uint8Array(sources.length);
  let edgeCount = 0;
  for (let k = 0; k < sources.length; k++) {
    if (nodes[sources[k] ?? 0] === 1 && nodes[targets[k] ?? 0] === 1) {
      edges[k] = 1;
      edgeCount++;
    }
  }
  return { nodes, edges, nodeCount, edgeCount };
}

/** What part of the world the canvas shows: scale k (1 = the whole extent fits), centre (cx, cy) in world units. */
export interface MapView {
  readonly k: number;
  readonly cx: number;
  readonly cy: number;
}

export const MAP_ZOOM_LIMITS = Object.freeze({ min: 0.5, max: 64 });
export const HOME_VIEW: MapView = Object.freeze({ k: 1, cx: 0, cy: 0 });

/** Pixels per world unit at scale k on a canvas of width × height showing ±extent (with a small margin). */
export function pixelsPerUnit(view: MapView, width: number, height: number, extent: number): number {
  return (view.k * Math.min(width, height) * 0.47) / extent;
}

/** Canvas pixel of a world point. */
export function toScreen(view: MapView, width: number, height: number, extent: number, x: number, y: number): [number, number] {
  const s = pixelsPerUnit(view, width, height, extent);
  return [width / 2 + (x - view.cx) * s, height / 2 + (y - view.cy) * s];
}

/** World point of a canvas pixel. */
export function toWorld(view: MapView, width: number, height: number, extent: number, px: number, py: number): [number, number] {
  const s = pixelsPerUnit(view, width, height, extent);
  return [view.cx + (px - width / 2) / s, view.cy + (py - height / 2) / s];
}

/** The view zoomed by `factor` about canvas pixel (px, py), which stays over the same world point; k clamped. */
export function zoomAbout(view: MapView, factor: number, px: number, py: number, width: number, height: number, extent: number): MapView {
  const k = Math.min(MAP_ZOOM_LIMITS.max, Math.max(MAP_ZOOM_LIMITS.min, view.k * factor));
  const [wx, wy] = toWorld(view, width, height, extent, px, py);
  const s = pixelsPerUnit({ ...view, k }, width, height, extent);
  return { k, cx: wx - (px - width / 2) / s, cy: wy - (py - height / 2) / s };
}

/** `zoom=k,cx,cy` of the URL (k two decimals, centre whole units); undefined for the home view. */
export function formatView(view: MapView): string | undefined {
  if (Math.abs(view.k - 1) < 0.005 && Math.abs(view.cx) < 0.5 && Math.abs(view.cy) < 0.5) return undefined;
  return `${view.k.toFixed(2)},${Math.round(view.cx)},${Math.round(view.cy)}`;
}

/** The view of a `zoom` parameter; the home view when it is missing or malformed. */
export function parseView(text: string | undefined): MapView {
  const parts = (text ?? '').split(',').map(Number);
  if (parts.length !== 3 || !parts.every(Number.isFinite)) return HOME_VIEW;
  const [k = 1, cx = 0, cy = 0] = parts;
  return { k: Math.min(MAP_ZOOM_LIMITS.max, Math.max(MAP_ZOOM_LIMITS.min, k)), cx, cy };
}

/** A uniform grid over world coordinates: cell c holds nodes order[start[c] … start[c + 1]). */
export interface GridIndex {
  readonly cell: number;
  readonly columns: number;
  readonly minX: number;
  readonly minY: number;
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Buckets nodes into square cells of `cell` world units (counting sort: O(n)). */
export function buildGrid(x: readonly number[], y: readonly number[], cell: number): GridIndex {
  const n = x.length;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  if (n === 0) minX = minY = maxX = maxY = 0;
  const columns = Math.floor((maxX - minX) / cell) + 1;
  const rows = Math.floor((maxY - minY) / cell) + 1;
  const start = new Int32Array(columns * rows + 1);
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(((y[i] ?? 0) - minY) / cell) * columns + Math.floor(((x[i] ?? 0) - minX) / cell);
    cellOf[i] = c;
    start[c + 1] = (start[c + 1] ?? 0) + 1;
  }
  for (let c = 0; c < columns * rows; c++) start[c + 1] = (start[c + 1] ?? 0) + (start[c] ?? 0);
  const fill = start.slice(0, columns * rows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOf[i] ?? 0;
    order[fill[c] ?? 0] = i;
    fill[c] = (fill[c] ?? 0) + 1;
  }
  return { cell, columns, minX, minY, start, order };
}

/** Calls visit(i) for every node in the cells that meet the world rectangle [x0, x1] × [y0, y1]. */
export function forEachInRect(grid: GridIndex, x0: number, y0: number, x1: number, y1: number, visit: (i: number) => void): void {
  const rows = (grid.start.length - 1) / grid.columns;
  const c0 = Math.max(0, Math.floor((x0 - grid.minX) / grid.cell));
  const c1 = Math.min(grid.columns - 1, Math.floor((x1 - grid.minX) / grid.cell));
  const r0 = Math.max(0, Math.floor((y0 - grid.minY) / grid.cell));
  const r1 = Math.min(rows - 1, Math.floor((y1 - grid.minY) / grid.cell));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cellIndex = r * grid.columns + c;
      for (let k = grid.start[cellIndex] ?? 0; k < (grid.start[cellIndex + 1] ?? 0); k++) visit(grid.order[k] ?? 0);
    }
  }
}

/** The shown node nearest to world point (wx, wy) within `radius` world units, or -1 (ties: lower index). */
export function nearestNode(grid: GridIndex, x: readonly number[], y: readonly number[], shown: Uint8Array, wx: number, wy: number, radius: number): number {
  let best = -1;
  let bestDistance = radius * radius;
  forEachInRect(grid, wx - radius, wy - radius, wx + radius, wy + radius, (i) => {
    if (shown[i] !== 1) return;
    const dx = (x[i] ?? 0) - wx;
    const dy = (y[i] ?? 0) - wy;
    const d = dx * dx + dy * dy;
    if (d < bestDistance || (d === bestDistance && best >= 0 && i < best)) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}
