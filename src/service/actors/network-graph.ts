import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { csrGraphFromEdges, louvain } from '../../core/index.js';
import type { ActorType } from '../../io/actors/index.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import type { ActorNetwork } from './actor-network.js';
import { FORCE_LAYOUT_EXTENT, FORCE_LAYOUT_REFERENCE, forceLayout } from './force-layout.js';
import type { ForceLayoutInput, ForceLayoutResult } from './force-layout.js';

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
  const prepared = prepareNetworkGraph(network, options);
  const t0 = performance.now();
  const layout = forceLayout(prepared.layoutInput);
  return finishNetworkGraph(prepared, layout, performance.now() - t0);
}

/**
 * {@link networkGraph} with the layout in a worker thread (node:worker_threads), so that a server stays responsive
 * while thousands of nodes are laid out; the same result. Runs in this thread when the compiled worker is missing
 * (TypeScript sources under a test runner).
 */
export async function networkGraphOffThread(network: ActorNetwork, options: NetworkGraphOptions = {}): Promise<NetworkGraph> {
  const prepared = prepareNetworkGraph(network, options);
  const t0 = performance.now();
  const layout = await layoutOffThread(prepared.layoutInput);
  return finishNetworkGraph(prepared, layout, performance.now() - t0);
}

const WORKER = new URL('./force-layout-worker.js', import.meta.url);

function layoutOffThread(input: ForceLayoutInput): Promise<ForceLayoutResult> {
  if (!existsSync(fileURLToPath(WORKER))) return Promise.resolve(forceLayout(input));
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: input });
    worker.once('message', (result: ForceLayoutResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the layout worker stopped with exit code ${code}`));
    });
  });
}

/** A selection with its communities, waiting for its layout. */
interface PreparedNetworkGraph {
  readonly graph: Omit<NetworkGraph, 'nodes' | 'layout' | 'timings'> & { nodes: Omit<NetworkGraph['nodes'], 'x' | 'y'> };
  readonly layoutInput: ForceLayoutInput;
  readonly timings: Omit<NetworkGraph['timings'], 'layoutMs'>;
}

function finishNetworkGraph(prepared: PreparedNetworkGraph, layout: ForceLayoutResult, layoutMs: number): NetworkGraph {
  const { graph, layoutInput } = prepared;
  return {
    ...graph,
    nodes: { ...graph.nodes, x: layout.x, y: layout.y },
    layout: { algorithm: 'forceatlas2', reference: FORCE_LAYOUT_REFERENCE, seed: layoutInput.seed, iterations: layoutInput.iterations, barnesHut: layout.barnesHut, settings: layout.settings, extent: FORCE_LAYOUT_EXTENT },
    timings: { ...prepared.timings, layoutMs },
  };
}

function prepareNetworkGraph(network: ActorNetwork, options: NetworkGraphOptions): PreparedNetworkGraph {
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

  const iterations = options.iterations ?? defaultIterations(m);
  return {
    graph: {
      nodes: {
        ids: chosen.map((i) => o.ids[i]!),
        names: chosen.map((i) => o.names[i]!),
        types: chosen.map((i) => o.types[i]!),
        countries: chosen.map((i) => o.countries[i] ?? null),
        degree: chosen.map((i) => degree[i]!),
        strength: chosen.map((i) => strength[i]!),
        community: Array.from(partition.communities),
      },
      edges: { sources, targets: edgeTargets, weights: edgeWeights },
      totals: { nodes: n, edges: edgesTotal, nodesFiltered, edgesFiltered, nodesShown: m, edgesShown: sources.length },
      communities: { count: partition.count, modularity: partition.modularity },
      focus: focusIndex >= 0 ? o.ids[focusIndex]! : null,
    },
    layoutInput: { nodeCount: m, sources, targets: edgeTargets, weights: edgeWeights, communities: Array.from(partition.communities), communityCount: partition.count, seed, iterations },
    timings: { readMs: network.timings.readMs, buildMs: network.timings.buildMs, selectMs: t1 - t0, communitiesMs: t2 - t1 },
  };
}
