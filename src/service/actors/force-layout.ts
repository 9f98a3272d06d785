import graphologyModule from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';

// graphology ships CommonJS whose typings declare `export default`: under NodeNext the default import is typed as
// the module namespace while Node hands over module.exports itself — unwrap once (as test/golden/network does).
type Unwrapped<T> = T extends { default: infer D } ? D : T;
const unwrap = <T>(m: T): Unwrapped<T> => ((m as { default?: unknown }).default ?? m) as Unwrapped<T>;
const Graph = unwrap(graphologyModule);
const forceAtlas2 = unwrap(forceAtlas2Module);

/** Coordinates are centred and scaled to [−FORCE_LAYOUT_EXTENT, FORCE_LAYOUT_EXTENT]. */
export const FORCE_LAYOUT_EXTENT = 1000;
export const FORCE_LAYOUT_REFERENCE = 'Jacomy, Venturini, Heymann & Bastian (2014), ForceAtlas2, PLoS ONE 9(6): e98853';

/** What the layout needs, as plain arrays (structured-cloneable: it goes to a worker thread). Links are index pairs. */
export interface ForceLayoutInput {
  readonly nodeCount: number;
  readonly sources: readonly number[];
  readonly targets: readonly number[];
  readonly weights: readonly number[];
  /** Community of each node, 0 … communityCount − 1. */
  readonly communities: readonly number[];
  readonly communityCount: number;
  readonly seed: number;
  /** Iterations of the full graph. */
  readonly iterations: number;
}

export interface ForceLayoutResult {
  readonly x: number[];
  readonly y: number[];
  readonly barnesHut: boolean;
  readonly settings: Record<string, number | boolean>;
}

/** A 32-bit hash of (seed, i) in [0, 1): splitmix32, so initial positions need no random state. */
function unit(seed: number, i: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(i + 1, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
}

/**
 * ForceAtlas2 (graphology-layout-forceatlas2, settings inferred from the size, edge weights with influence ½) from
 * seeded initial positions, in two stages so that few iterations suffice on thousands of nodes: the community graph
 * (one node per Louvain community, links summed) is laid out first (300 iterations from a golden-angle spiral), each
 * community's nodes start in a disc of radius ∝ √size around its place (seeded jitter), then `iterations` of the
 * full graph. Deterministic: no Math.random, fixed iterations. Centred and scaled to ±FORCE_LAYOUT_EXTENT, 0.1 units.
 */
export function forceLayout(input: ForceLayoutInput): ForceLayoutResult {
  const { nodeCount: n, sources, targets, weights, communities, communityCount } = input;
  const settings = { ...forceAtlas2.inferSettings(n), barnesHutOptimize: n > 1000, edgeWeightInfluence: 0.5 };
  const x = new Array<number>(n).fill(0);
  const y = new Array<number>(n).fill(0);
  if (n === 0) return { x, y, barnesHut: settings.barnesHutOptimize, settings };
  // Stage 1: the community graph.
  const sizes = new Float64Array(communityCount);
  for (let i = 0; i < n; i++) sizes[communities[i]!]!++;
  const golden = Math.PI * (3 - Math.sqrt(5));
  const meta = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let c = 0; c < communityCount; c++) meta.addNode(String(c), { x: 10 * Math.sqrt(c + 0.5) * Math.cos(c * golden), y: 10 * Math.sqrt(c + 0.5) * Math.sin(c * golden), size: Math.sqrt(sizes[c]!) });
  for (let k = 0; k < sources.length; k++) {
    const a = communities[sources[k]!]!;
    const b = communities[targets[k]!]!;
    if (a === b) continue;
    meta.updateUndirectedEdge(String(Math.min(a, b)), String(Math.max(a, b)), (attributes) => ({ weight: ((attributes.weight as number | undefined) ?? 0) + weights[k]! }));
  }
  const anchors = communityCount > 1 ? forceAtlas2(meta, { iterations: 300, settings: { ...forceAtlas2.inferSettings(communityCount), barnesHutOptimize: false, adjustSizes: true }, getEdgeWeight: 'weight' }) : { 0: { x: 0, y: 0 } };
  // Scale the community map so that the discs (radius ∝ √size) of neighbouring communities roughly touch.
  let anchorRadius = 0;
  for (let c = 0; c < communityCount; c++) anchorRadius = Math.max(anchorRadius, Math.hypot(anchors[String(c)]!.x, anchors[String(c)]!.y));
  const spread = Math.sqrt(n) * 10;
  const anchorScale = anchorRadius > 0 ? spread / anchorRadius : 1;
  // Stage 2: the nodes.
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let i = 0; i < n; i++) {
    const c = communities[i]!;
    const anchor = anchors[String(c)]!;
    const jitterAngle = 2 * Math.PI * unit(input.seed, 2 * i);
    const jitterRadius = 4 * Math.sqrt(sizes[c]!) * Math.sqrt(unit(input.seed, 2 * i + 1));
    graph.addNode(String(i), { x: anchor.x * anchorScale + jitterRadius * Math.cos(jitterAngle), y: anchor.y * anchorScale + jitterRadius * Math.sin(jitterAngle) });
  }
  for (let k = 0; k < sources.length; k++) graph.addUndirectedEdge(String(sources[k]), String(targets[k]), { weight: weights[k] });
  const positions = forceAtlas2(graph, { iterations: input.iterations, settings, getEdgeWeight: 'weight' });
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    const p = positions[String(i)]!;
    x[i] = p.x;
    y[i] = p.y;
    cx += p.x;
    cy += p.y;
  }
  cx /= n;
  cy /= n;
  let radius = 0;
  for (let i = 0; i < n; i++) radius = Math.max(radius, Math.abs(x[i]! - cx), Math.abs(y[i]! - cy));
  const scale = radius > 0 ? FORCE_LAYOUT_EXTENT / radius : 1;
  for (let i = 0; i < n; i++) {
    x[i] = Math.round((x[i]! - cx) * scale * 10) / 10;
    y[i] = Math.round((y[i]! - cy) * scale * 10) / 10;
  }
  return { x, y, barnesHut: settings.barnesHutOptimize, settings };
}
