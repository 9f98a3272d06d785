import { InvalidInputError } from '../errors.js';
import { nextUniform, randomState } from '../spatial/seeded-random.js';
import type { CsrGraph } from './csr-graph.js';
import { modularity } from './modularity.js';

/** LouvainOptions: see the doc comment of the function that takes or returns it. */
export interface LouvainOptions {
  /** Resolution γ (default 1). */
  readonly resolution?: number;
  /** Seed for the node visiting order (default 0). Same seed, same partition. */
  readonly seed?: number;
  /** Minimum modularity gain for a move to count (default 1e-10; guards against float ping-pong). */
  readonly tolerance?: number;
  /** Maximum number of aggregation levels (default 50). */
  readonly maxLevels?: number;
  /** Maximum local-moving sweeps per level (default 100). */
  readonly maxSweeps?: number;
}

/** Default options (frozen); see the function's doc comment. */
export const LOUVAIN_DEFAULTS: Readonly<Required<LouvainOptions>> = Object.freeze({
  resolution: 1,
  seed: 0,
  tolerance: 1e-10,
  maxLevels: 50,
  maxSweeps: 100,
});

/** LouvainResult: see the doc comment of the function that takes or returns it. */
export interface LouvainResult {
  /** Community of each node, numbered 0, 1, … by decreasing size (ties: smallest node first). */
  readonly communities: Int32Array;
  readonly count: number;
  /** Modularity of the returned partition at the given resolution (see modularity()). */
  readonly modularity: number;
  /** Number of aggregation levels that changed the partition. */
  readonly levels: number;
}

interface LevelGraph {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** A_ii (twice the internal edge weight of the merged node). */
  self: Float64Array;
}

/**
 * Louvain community detection (Blondel et al. 2008): local moving of nodes to the neighbouring community with
 * the largest modularity gain ΔQ ∝ k_i,c − γ Σ_tot,c k_i / 2m, visiting nodes in a seeded random order, then
 * aggregating communities into nodes, until no move improves modularity. Own typed-array implementation on
 * CSR; undirected weighted graphs only (InvalidInputError for directed). Isolated nodes form singleton
 * communities. Louvain is a heuristic: different seeds can give different partitions of similar modularity.
 * @example louvain(karateGraph, { seed: 1 }).modularity; // ≈ 0.42
 * @see docs/methods/communities.md
 */
export function louvain(graph: CsrGraph, options: LouvainOptions = {}): LouvainResult {
  const gamma = options.resolution ?? LOUVAIN_DEFAULTS.resolution;
  const tol = options.tolerance ?? LOUVAIN_DEFAULTS.tolerance;
  const maxLevels = options.maxLevels ?? LOUVAIN_DEFAULTS.maxLevels;
  const maxSweeps = options.maxSweeps ?? LOUVAIN_DEFAULTS.maxSweeps;
  if (graph.directed) throw new InvalidInputError('louvain expects an undirected graph (symmetrise a directed one first)', { field: 'directed' });
  if (!(gamma > 0)) throw new InvalidInputError(`resolution must be positive, got ${gamma}`, { field: 'resolution' });
  const state = randomState(options.seed ?? LOUVAIN_DEFAULTS.seed);
  const n0 = graph.nodeCount;
  const membership = new Int32Array(n0);
  for (let i = 0; i < n0; i++) membership[i] = i;
  let g: LevelGraph = { n: n0, offsets: graph.offsets, targets: graph.targets, weights: graph.weights, self: new Float64Array(n0) };
  let twoM = 0;
  for (let e = 0; e < graph.weights.length; e++) twoM += graph.weights[e];
  let levels = 0;
  if (twoM > 0) {
    for (let level = 0; level < maxLevels; level++) {
      const { community, moved } = moveNodes(g, gamma, twoM, tol, maxSweeps, state);
      if (!moved) break;
      const { renumbered, count } = renumber(community, g.n);
      for (let i = 0; i < n0; i++) membership[i] = renumbered[membership[i]];
      levels++;
      if (count === g.n) break;
      g = aggregate(g, renumbered, count);
    }
  }
  const { renumbered, count } = renumberBySize(membership);
  return { communities: renumbered, count, modularity: modularity(graph, renumbered, { resolution: gamma }), levels };
}

function moveNodes(g: LevelGraph, gamma: number, twoM: number, tol: number, maxSweeps: number, state: Int32Array): { community: Int32Array; moved: boolean } {
  const n = g.n;
  const community = new Int32Array(n);
  const k = new Float64Array(n);
  const tot = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    community[i] = i;
    let s = g.self[i];
    for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) s += g.weights[e];
    k[i] = s;
    tot[i] = s;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(nextUniform(state) * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const neighWeight = new Float64Array(n).fill(-1);
  const neighList = new Int32Array(n);
  let movedAny = false;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let moves = 0;
    for (let o = 0; o < n; o++) {
      const i = order[o];
      const ci = community[i];
      const ki = k[i];
      let count = 0;
      neighWeight[ci] = 0;
      neighList[count++] = ci;
      for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
        const c = community[g.targets[e]];
        if (neighWeight[c] === -1) {
          neighWeight[c] = 0;
          neighList[count++] = c;
        }
        neighWeight[c] += g.weights[e];
      }
      tot[ci] -= ki;
      let best = ci;
      let bestGain = neighWeight[ci] - (gamma * tot[ci] * ki) / twoM;
      for (let t = 1; t < count; t++) {
        const c = neighList[t];
        const gain = neighWeight[c] - (gamma * tot[c] * ki) / twoM;
        if (gain > bestGain + tol) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best] += ki;
      if (best !== ci) {
        community[i] = best;
        moves++;
      }
      for (let t = 0; t < count; t++) neighWeight[neighList[t]] = -1;
    }
    if (moves === 0) break;
    movedAny = true;
  }
  return { community, moved: movedAny };
}

function renumber(community: Int32Array, n: number): { renumbered: Int32Array; count: number } {
  const map = new Int32Array(n).fill(-1);
  let count = 0;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = community[i];
    if (map[c] === -1) map[c] = count++;
    out[i] = map[c];
  }
  return { renumbered: out, count };
}

function renumberBySize(membership: Int32Array): { renumbered: Int32Array; count: number } {
  const n = membership.length;
  const { renumbered: first, count } = renumber(membership, n);
  const sizes = new Int32Array(count);
  for (let i = 0; i < n; i++) sizes[first[i]]++;
  // First-appearance numbering already orders ties by smallest node; stable sort by decreasing size.
  const order = Array.from({ length: count }, (_, c) => c).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const rank = new Int32Array(count);
  for (let r = 0; r < count; r++) rank[order[r]] = r;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rank[first[i]];
  return { renumbered: out, count };
}

function aggregate(g: LevelGraph, community: Int32Array, count: number): LevelGraph {
  const n = g.n;
  // Members of each community (CSR).
  const mOff = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) mOff[community[i] + 1]++;
  for (let c = 0; c < count; c++) mOff[c + 1] += mOff[c];
  const members = new Int32Array(n);
  const cur = mOff.slice(0, count);
  for (let i = 0; i < n; i++) members[cur[community[i]]++] = i;
  const self = new Float64Array(count);
  const acc = new Float64Array(count);
  const mark = new Int32Array(count).fill(-1);
  const touched = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  let targets = new Int32Array(Math.max(16, g.targets.length));
  let weights = new Float64Array(targets.length);
  let nnz = 0;
  for (let c = 0; c < count; c++) {
    offsets[c] = nnz;
    let t = 0;
    let s = 0;
    for (let a = mOff[c]; a < mOff[c + 1]; a++) {
      const i = members[a];
      s += g.self[i];
      for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
        const d = community[g.targets[e]];
        if (d === c) {
          s += g.weights[e];
          continue;
        }
        if (mark[d] !== c) {
          mark[d] = c;
          acc[d] = 0;
          touched[t++] = d;
        }
        acc[d] += g.weights[e];
      }
    }
    self[c] = s;
    const row = touched.subarray(0, t).sort();
    if (nnz + t > targets.length) {
      const nt = new Int32Array((nnz + t) * 2);
      nt.set(targets.subarray(0, nnz));
      targets = nt;
      const nw = new Float64Array(nt.length);
      nw.set(weights.subarray(0, nnz));
      weights = nw;
    }
    for (let q = 0; q < t; q++) {
      targets[nnz] = row[q];
      weights[nnz] = acc[row[q]];
      nnz++;
    }
  }
  offsets[count] = nnz;
  return { n: count, offsets, targets: targets.slice(0, nnz), weights: weights.slice(0, nnz), self };
}
