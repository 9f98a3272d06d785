import graphologyModule from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { csrGraphFromEdges, louvain } from '../../core/index.js';
import type { ActorType } from '../../io/actors/index.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import type { ActorNetwork } from './actor-network.js';

/** Options of {@link networkGraph}: which part of a filtered network to draw, and the seed of its layout. */
export interface NetworkGraphOptions {
  /** Organisations with at least this many partners (over links of at least `minWeight`); default 1 (no isolates). */
  readonly minDegree?: number;
  /** Links of at least this many shared projects (or linkage weight); default 1. */
  readonly minWeight?: number;
  /** At most this many organisations, the strongest (weighted degree) first; default 5,000, at most 20,000. */
  readonly limit?: number;
  /** At most this many links drawn (each drawn organisation keeps its strongest, then the strongest overall); default 30,000. */
  readonly maxEdges?: number;
  /** Only this organisation and its neighbourhood … */
  readonly focus?: string;
  /** … up to this many steps (default 1, at most 3). */
  readonly depth?: number;
  /** Seed of the initial positions and the community detection (default 1): same seed, same drawing. */
  readonly seed?: number;
  /** ForceAtlas2 iterations of the full graph (default by size: 200 up to 1,000 nodes, 30 up to 5,000, then 15). */
  readonly iterations?: number;
}

/** Defaults of {@link networkGraph} (frozen). */
export const NETWORK_GRAPH_DEFAULTS = Object.freeze({ minDegree: 1, minWeight: 1, limit: 5000, maxEdges: 30_000, depth: 1, seed: 1 });
/** Upper bounds the HTTP API enforces. */
export const NETWORK_GRAPH_LIMITS = Object.freeze({ limit: 20_000, maxEdges: 200_000, depth: 3, iterations: 1000 });

/** A drawable network, columnar: node i is ids[i], names[i] … x[i], y[i]; link k joins sources[k] and targets[k]. */
export interface NetworkGraph {
  readonly nodes: {
    readonly ids: string[];
    readonly names: string[];
    readonly types: ActorType[];
    readonly countries: (string | null)[];
    /** Partners in the filtered network (links of at least minWeight), not only drawn ones. */
    readonly degree: number[];
    /** Weighted degree: shared projects (plus linkage weights) over those links. */
    readonly strength: number[];
    /** Louvain community of the drawn graph, 0 = largest. */
    readonly community: number[];
    readonly x: number[];
    readonly y: number[];
  };
  readonly edges: { readonly sources: number[]; readonly targets: number[]; readonly weights: number[] };
  readonly totals: {
    /** The network of the registry filter (type, country …). */
    readonly nodes: number;
    readonly edges: number;
    /** After minWeight, minDegree and focus. */
    readonly nodesFiltered: number;
    readonly edgesFiltered: number;
    /** Drawn: after limit and maxEdges. */
    readonly nodesShown: number;
    readonly edgesShown: number;
  };
  readonly communities: { readonly count: number; readonly modularity: number };
  readonly layout: {
    readonly algorithm: 'forceatlas2';
    readonly reference: string;
    readonly seed: number;
    readonly iterations: number;
    readonly barnesHut: boolean;
    readonly settings: Record<string, number | boolean>;
    /** Coordinates are centred and scaled to fit [-1000, 1000]. */
    readonly extent: number;
  };
  readonly focus: string | null;
  readonly timings: { readMs: number; buildMs: number; selectMs: number; communitiesMs: number; layoutMs: number };
}

// graphology ships CommonJS whose typings declare `export default`: under NodeNext the default import is typed as
// the module namespace while Node hands over module.exports itself — unwrap once (as test/golden/network does).
type Unwrapped<T> = T extends { default: infer D } ? D : T;
const unwrap = <T>(m: T): Unwrapped<T> => ((m as { default?: unknown }).default ?? m) as Unwrapped<T>;
const Graph = unwrap(graphologyModule);
const forceAtlas2 = unwrap(forceAtlas2Module);

const EXTENT = 1000;
const REFERENCE = 'Jacomy, Venturini, Heymann & Bastian (2014), ForceAtlas2, PLoS ONE 9(6): e98853';

/** ForceAtlas2 iterations by drawn size: bounded so that a 5,000-node drawing takes a second or two. */
export function defaultIterations(nodeCount: number): number {
  return nodeCount <= 1000 ? 200 : nodeCount <= 5000 ? 30 : 15;
}

/**
 * The drawable part of an actor network: links of at least `minWeight`, organisations of at least `minDegree`
 * partners (or the `focus` organisation's neighbourhood up to `depth`), the `limit` strongest of them and at
 * most `maxEdges` links (every drawn organisation keeps its strongest link, then the strongest links overall;
 * ties by node order), with Louvain communities and a deterministic ForceAtlas2 layout (seeded initial
 * positions: communities on a golden-angle spiral; Barnes–Hut above 1,000 nodes). Unknown focus → NOT_FOUND.
 * Method: docs/methods/network-layout.md.
 */
export function networkGraph(network: ActorNetwork, options: NetworkGraphOptions = {}): NetworkGraph {
  const t0 = performance.now();
  const minDegree = options.minDegree ?? NETWORK_GRAPH_DEFAULTS.minDegree;
  const minWeight = options.minWeight ?? NETWORK_GRAPH_DEFAULTS.minWeight;
  const limit = options.limit ?? NETWORK_GRAPH_DEFAULTS.limit;
  const maxEdges = options.maxEdges ?? NETWORK_GRAPH_DEFAULTS.maxEdges;
  const depth = options.depth ?? NETWORK_GRAPH_DEFAULTS.depth;
  const seed = options.seed ?? NETWORK_GRAPH_DEFAULTS.seed;
  const { graph: g, data } = network;
  const o = data.organisations;
  const n = g.nodeCount;
  const { offsets, targets, weights } = g;

  // Degree and strength over links of at least minWeight.
  const degree = new Int32Array(n);
  const strength = new Float64Array(n);
  let edgesTotal = 0;
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      if (targets[k]! > i) edgesTotal++;
      if (weights[k]! < minWeight) continue;
      degree[i]!++;
      strength[i]! += weights[k]!;
    }
  }
  const keep = new Uint8Array(n);
  // distance from the focus (0 without one), to rank the focus and its nearest neighbours first under the limit
  const distance = new Int32Array(n);
  let focusIndex = -1;
  if (options.focus !== undefined) {
    focusIndex = o.ids.indexOf(options.focus);
    if (focusIndex < 0) throw new RegistryError('NOT_FOUND', `no organisation ${options.focus} in this network`, { details: { id: options.focus } });
    distance.fill(-1);
    distance[focusIndex] = 0;
    let frontier = [focusIndex];
    for (let d = 1; d <= depth && frontier.length > 0; d++) {
      const next: number[] = [];
      for (const i of frontier) {
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
          const j = targets[k]!;
          if (weights[k]! < minWeight || distance[j] !== -1 || degree[j]! < minDegree) continue;
          distance[j] = d;
          next.push(j);
        }
      }
      frontier = next;
    }
    for (let i = 0; i < n; i++) keep[i] = distance[i]! >= 0 ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) keep[i] = degree[i]! >= minDegree ? 1 : 0;
  }
  let nodesFiltered = 0;
  let edgesFiltered = 0;
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue;
    nodesFiltered++;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) if (targets[k]! > i && keep[targets[k]!] === 1 && weights[k]! >= minWeight) edgesFiltered++;
  }

  // The `limit` strongest (focus distance first, then strength, degree, node order).
  let chosen: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i] === 1) chosen.push(i);
  if (chosen.length > limit) {
    chosen.sort((a, b) => distance[a]! - distance[b]! || strength[b]! - strength[a]! || degree[b]! - degree[a]! || a - b);
    chosen = chosen.slice(0, limit).sort((a, b) => a - b);
  }
  const local = new Int32Array(n).fill(-1);
  chosen.forEach((i, k) => (local[i] = k));
  const m = chosen.length;

  // Candidate links among the chosen; at most maxEdges of them, each node's strongest first.
  const candidateSources: number[] = [];
  const candidateTargets: number[] = [];
  const candidateWeights: number[] = [];
  for (let a = 0; a < m; a++) {
    const i = chosen[a]!;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const b = local[targets[k]!]!;
      if (b <= a || weights[k]! < minWeight) continue;
      candidateSources.push(a);
      candidateTargets.push(b);
      candidateWeights.push(weights[k]!);
    }
  }
  let picked: Uint8Array;
  const c = candidateSources.length;
  if (c <= maxEdges) picked = new Uint8Array(c).fill(1);
  else {
    const order = Array.from({ length: c }, (_, k) => k).sort((p, q) => candidateWeights[q]! - candidateWeights[p]! || p - q);
    picked = new Uint8Array(c);
    const covered = new Uint8Array(m);
    let count = 0;
    for (const k of order) {
      if (count >= maxEdges) break;
      if (covered[candidateSources[k]!] === 1 && covered[candidateTargets[k]!] === 1) continue;
      picked[k] = 1;
      covered[candidateSources[k]!] = 1;
      covered[candidateTargets[k]!] = 1;
      count++;
    }
    for (const k of order) {
      if (count >= maxEdges) break;
      if (picked[k] === 1) continue;
      picked[k] = 1;
      count++;
    }
  }
  const sources: number[] = [];
  const edgeTargets: number[] = [];
  const edgeWeights: number[] = [];
  for (let k = 0; k < c; k++) {
    if (picked[k] === 0) continue;
    sources.push(candidateSources[k]!);
    edgeTargets.push(candidateTargets[k]!);
    edgeWeights.push(candidateWeights[k]!);
  }
  const t1 = performance.now();

  // Communities of the drawn graph.
  const sub = csrGraphFromEdges({ nodeCount: m, sources: Int32Array.from(sources), targets: Int32Array.from(edgeTargets), weights: Float64Array.from(edgeWeights) }, { directed: false }).graph;
  const partition = m > 0 ? louvain(sub, { seed }) : { communities: new Int32Array(0), count: 0, modularity: 0 };
  const t2 = performance.now();

  // Layout.
  const iterations = options.iterations ?? defaultIterations(m);
  const layout = forceLayout(m, sources, edgeTargets, edgeWeights, partition.communities, partition.count, { seed, iterations });
  const t3 = performance.now();

  return {
    nodes: {
      ids: chosen.map((i) => o.ids[i]!),
      names: chosen.map((i) => o.names[i]!),
      types: chosen.map((i) => o.types[i]!),
      countries: chosen.map((i) => o.countries[i] ?? null),
      degree: chosen.map((i) => degree[i]!),
      strength: chosen.map((i) => strength[i]!),
      community: Array.from(partition.communities),
      x: layout.x,
      y: layout.y,
    },
    edges: { sources, targets: edgeTargets, weights: edgeWeights },
    totals: { nodes: n, edges: edgesTotal, nodesFiltered, edgesFiltered, nodesShown: m, edgesShown: sources.length },
    communities: { count: partition.count, modularity: partition.modularity },
    layout: { algorithm: 'forceatlas2', reference: REFERENCE, seed, iterations, barnesHut: layout.barnesHut, settings: layout.settings, extent: EXTENT },
    focus: focusIndex >= 0 ? o.ids[focusIndex]! : null,
    timings: { readMs: network.timings.readMs, buildMs: network.timings.buildMs, selectMs: t1 - t0, communitiesMs: t2 - t1, layoutMs: t3 - t2 },
  };
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
 * full graph. Deterministic: no Math.random, fixed iterations. Centred and scaled to ±EXTENT, 0.1 units.
 */
function forceLayout(
  n: number, sources: readonly number[], targets: readonly number[], weights: readonly number[], communities: Int32Array, communityCount: number,
  options: { seed: number; iterations: number },
): { x: number[]; y: number[]; barnesHut: boolean; settings: Record<string, number | boolean> } {
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
    const jitterAngle = 2 * Math.PI * unit(options.seed, 2 * i);
    const jitterRadius = 4 * Math.sqrt(sizes[c]!) * Math.sqrt(unit(options.seed, 2 * i + 1));
    graph.addNode(String(i), { x: anchor.x * anchorScale + jitterRadius * Math.cos(jitterAngle), y: anchor.y * anchorScale + jitterRadius * Math.sin(jitterAngle) });
  }
  for (let k = 0; k < sources.length; k++) graph.addUndirectedEdge(String(sources[k]), String(targets[k]), { weight: weights[k] });
  const positions = forceAtlas2(graph, { iterations: options.iterations, settings, getEdgeWeight: 'weight' });
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
  const scale = radius > 0 ? EXTENT / radius : 1;
  for (let i = 0; i < n; i++) {
    x[i] = Math.round((x[i]! - cx) * scale * 10) / 10;
    y[i] = Math.round((y[i]! - cy) * scale * 10) / 10;
  }
  return { x, y, barnesHut: settings.barnesHutOptimize, settings };
}
