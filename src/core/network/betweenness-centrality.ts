import { InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';
import { edgeLengths } from './edge-length.js';
import type { EdgeLengthMode } from './edge-length.js';
import { sampleNodes } from './sample-nodes.js';
import { transposeGraph } from './transpose-graph.js';

/** BetweennessCentralityOptions: see the doc comment of the function that takes or returns it. */
export interface BetweennessCentralityOptions {
  /** Divide by the number of pairs not containing the node, as networkx normalized=True (default true). */
  readonly normalized?: boolean;
  /** Edge lengths: 'ignore' (hop counts, default), 'distance', or 'inverse' (1/weight). */
  readonly weight?: EdgeLengthMode;
  /**
   * Number of source nodes sampled (Brandes & Pich 2007); the result is scaled by n/k so it estimates the exact
   * value. Default: all nodes (exact). Use a few hundred on graphs with tens of thousands of nodes.
   */
  readonly sampleSize?: number;
  /** Seed for the source sample (default 0). */
  readonly seed?: number;
}

/** Default options (frozen); see the function's doc comment. */
export const BETWEENNESS_CENTRALITY_DEFAULTS = Object.freeze({
  normalized: true,
  weight: 'ignore' as EdgeLengthMode,
  seed: 0,
});

/**
 * Betweenness centrality (Freeman 1977) by Brandes' algorithm (2001):
 * c_B(v) = Σ_{s ≠ v ≠ t} σ_st(v) / σ_st, σ_st the number of shortest s–t paths and σ_st(v) those through v.
 * Breadth-first search for hop distances, Dijkstra with a binary heap for weighted lengths.
 * Conventions as networkx `betweenness_centrality` (endpoints excluded): undirected values count each
 * unordered pair once; normalized divides by (n − 1)(n − 2)/2 (undirected) or (n − 1)(n − 2) (directed);
 * graphs with n ≤ 2 are not rescaled. With sampleSize = k, only k seeded sources are used and the sum is scaled
 * by n/k. Exact cost O(n·m) unweighted, O(n·m log n) weighted. Disconnected pairs contribute nothing.
 * @example betweennessCentrality(path3); // [0, 1, 0] (normalized)
 * @see docs/methods/network-centrality.md
 */
export function betweennessCentrality(graph: CsrGraph, options: BetweennessCentralityOptions = {}): Float64Array {
  const normalized = options.normalized ?? BETWEENNESS_CENTRALITY_DEFAULTS.normalized;
  const lengths = edgeLengths(graph, options.weight ?? BETWEENNESS_CENTRALITY_DEFAULTS.weight);
  const n = graph.nodeCount;
  const m = graph.targets.length;
  let sources: Int32Array | null = null;
  if (options.sampleSize !== undefined && options.sampleSize < n) {
    if (!Number.isInteger(options.sampleSize) || options.sampleSize < 1) {
      throw new InvalidInputError(`sampleSize must be a positive integer, got ${options.sampleSize}`, { field: 'sampleSize' });
    }
    sources = sampleNodes(n, options.sampleSize, options.seed ?? BETWEENNESS_CENTRALITY_DEFAULTS.seed);
  }
  const k = sources === null ? n : sources.length;
  const cb = new Float64Array(n);
  const ws: Workspace = {
    sigma: new Float64Array(n),
    delta: new Float64Array(n),
    dist: new Float64Array(n),
    level: new Int32Array(n),
    stack: new Int32Array(n),
    queue: new Int32Array(n),
    predHead: new Int32Array(n),
    predNext: new Int32Array(lengths === null ? 0 : m),
    predNode: new Int32Array(lengths === null ? 0 : m),
    done: new Uint8Array(n),
    heapKey: new Float64Array(lengths === null ? 0 : m + 1),
    heapNode: new Int32Array(lengths === null ? 0 : m + 1),
  };
  const rev = graph.directed ? transposeGraph(graph) : graph;
  for (let si = 0; si < k; si++) {
    const s = sources === null ? si : sources[si];
    if (lengths === null) accumulateUnweighted(graph, rev, s, ws, cb);
    else accumulateWeighted(graph, lengths, s, ws, cb);
  }
  let scale = 1;
  if (normalized) {
    scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  } else if (!graph.directed) {
    scale = 0.5;
  }
  if (k < n) scale *= n / k;
  if (scale !== 1) for (let i = 0; i < n; i++) cb[i] *= scale;
  return cb;
}

interface Workspace {
  sigma: Float64Array;
  delta: Float64Array;
  dist: Float64Array;
  level: Int32Array;
  stack: Int32Array;
  queue: Int32Array;
  predHead: Int32Array;
  predNext: Int32Array;
  predNode: Int32Array;
  done: Uint8Array;
  heapKey: Float64Array;
  heapNode: Int32Array;
}

/** BFS from s; predecessors found again in the back-propagation by scanning in-neighbours at distance d − 1. */
function accumulateUnweighted(graph: CsrGraph, rev: CsrGraph, s: number, ws: Workspace, cb: Float64Array): void {
  const { offsets, targets } = graph;
  const rOff = rev.offsets;
  const rTar = rev.targets;
  const { sigma, delta, queue } = ws;
  const dist = ws.level;
  sigma.fill(0);
  delta.fill(0);
  dist.fill(-1);
  sigma[s] = 1;
  dist[s] = 0;
  let head = 0;
  let tail = 0;
  queue[tail++] = s;
  while (head < tail) {
    const v = queue[head++];
    const dv = dist[v] + 1;
    const sv = sigma[v];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      const dw = dist[w];
      if (dw < 0) {
        dist[w] = dv;
        queue[tail++] = w;
        sigma[w] = sv;
      } else if (dw === dv) {
        sigma[w] += sv;
      }
    }
  }
  // queue[0 .. tail) is in non-decreasing distance: walk it backwards.
  for (let q = tail - 1; q > 0; q--) {
    const w = queue[q];
    const coeff = (1 + delta[w]) / sigma[w];
    const dp = dist[w] - 1;
    for (let e = rOff[w]; e < rOff[w + 1]; e++) {
      const v = rTar[e];
      if (dist[v] === dp) delta[v] += sigma[v] * coeff;
    }
    cb[w] += delta[w];
  }
}

/** Dijkstra from s with a binary heap (lazy deletion), explicit predecessor lists. */
function accumulateWeighted(graph: CsrGraph, lengths: Float64Array, s: number, ws: Workspace, cb: Float64Array): void {
  const { offsets, targets } = graph;
  const { sigma, delta, dist, stack, predHead, predNext, predNode, done, heapKey, heapNode } = ws;
  sigma.fill(0);
  delta.fill(0);
  dist.fill(Infinity);
  predHead.fill(-1);
  done.fill(0);
  let predCount = 0;
  let top = 0;
  sigma[s] = 1;
  dist[s] = 0;
  heapKey[0] = 0;
  heapNode[0] = s;
  let size = 1;
  while (size > 0) {
    const d = heapKey[0];
    const v = heapNode[0];
    size--;
    if (size > 0) {
      const lk = heapKey[size];
      const ln = heapNode[size];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && (heapKey[r] < heapKey[l] || (heapKey[r] === heapKey[l] && heapNode[r] < heapNode[l])) ? r : l;
        if (heapKey[c] < lk || (heapKey[c] === lk && heapNode[c] < ln)) {
          heapKey[i] = heapKey[c];
          heapNode[i] = heapNode[c];
          i = c;
        } else break;
      }
      heapKey[i] = lk;
      heapNode[i] = ln;
    }
    if (done[v] === 1 || d > dist[v]) continue;
    done[v] = 1;
    stack[top++] = v;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      if (done[w] === 1) continue;
      const nd = d + lengths[e];
      if (nd < dist[w]) {
        dist[w] = nd;
        sigma[w] = sigma[v];
        predNode[predCount] = v;
        predNext[predCount] = -1;
        predHead[w] = predCount++;
        let i = size++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (heapKey[p] < nd || (heapKey[p] === nd && heapNode[p] <= w)) break;
          heapKey[i] = heapKey[p];
          heapNode[i] = heapNode[p];
          i = p;
        }
        heapKey[i] = nd;
        heapNode[i] = w;
      } else if (nd === dist[w]) {
        sigma[w] += sigma[v];
        predNode[predCount] = v;
        predNext[predCount] = predHead[w];
        predHead[w] = predCount++;
      }
    }
  }
  while (top > 0) {
    const w = stack[--top];
    const coeff = (1 + delta[w]) / sigma[w];
    for (let p = predHead[w]; p !== -1; p = predNext[p]) {
      const v = predNode[p];
      delta[v] += sigma[v] * coeff;
    }
    if (w !== s) cb[w] += delta[w];
  }
}
