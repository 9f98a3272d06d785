import { InvalidInputError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';
import { coreNumber } from './core-number.js';

/** CorePeripheryOptions: see the doc comment of the function that takes or returns it. */
export interface CorePeripheryOptions {
  /** Nodes with core number ≥ minCore form the core. Default: the maximum core number (the innermost k-core). */
  readonly minCore?: number;
}

/** CorePeripheryResult: see the doc comment of the function that takes or returns it. */
export interface CorePeripheryResult {
  /** Core number of each node (Batagelj–Zaversnik). */
  readonly coreNumbers: Int32Array;
  /** 1 for core nodes, 0 for periphery. */
  readonly isCore: Uint8Array;
  /** The threshold k used. */
  readonly minCore: number;
  readonly maxCore: number;
  readonly coreSize: number;
  /**
   * Edge densities of the three blocks (edges present ÷ node pairs possible, unweighted, undirected view):
   * core–core, core–periphery, periphery–periphery. An ideal core–periphery structure (Borgatti & Everett
   * 2000) has a dense core, a sparser core–periphery block and an almost empty periphery block. NaN when a
   * block has no pairs.
   */
  readonly density: { readonly coreCore: number; readonly corePeriphery: number; readonly peripheryPeriphery: number };
}

/**
 * Core–periphery split from k-cores: the core is the set of nodes with core number ≥ minCore (default the
 * maximum core number), the rest is the periphery; reports block densities so the split can be judged.
 * Directed graphs are read as undirected (an i → j or j → i edge links the pair).
 * @see docs/methods/k-core.md
 */
export function corePeriphery(graph: CsrGraph, options: CorePeripheryOptions = {}): CorePeripheryResult {
  const n = graph.nodeCount;
  const coreNumbers = coreNumber(graph);
  let maxCore = 0;
  for (let i = 0; i < n; i++) if (coreNumbers[i] > maxCore) maxCore = coreNumbers[i];
  const k = options.minCore ?? maxCore;
  if (!Number.isInteger(k) || k < 0) throw new InvalidInputError(`minCore must be a non-negative integer, got ${k}`, { field: 'minCore' });
  const isCore = new Uint8Array(n);
  let coreSize = 0;
  for (let i = 0; i < n; i++) {
    if (coreNumbers[i] >= k) {
      isCore[i] = 1;
      coreSize++;
    }
  }
  // Count undirected pairs once: for directed graphs a pair linked both ways counts once.
  let cc = 0;
  let cp = 0;
  let pp = 0;
  const { offsets, targets } = graph;
  const hasEdge = (a: number, b: number): boolean => {
    let lo = offsets[a];
    let hi = offsets[a + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = targets[mid];
      if (t === b) return true;
      if (t < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      const j = targets[e];
      if (!graph.directed && j < i) continue;
      if (graph.directed && hasEdge(j, i) && j < i) continue;
      const s = isCore[i] + isCore[j];
      if (s === 2) cc++;
      else if (s === 1) cp++;
      else pp++;
    }
  }
  const c = coreSize;
  const p = n - coreSize;
  return {
    coreNumbers,
    isCore,
    minCore: k,
    maxCore,
    coreSize,
    density: {
      coreCore: c > 1 ? cc / ((c * (c - 1)) / 2) : NaN,
      corePeriphery: c > 0 && p > 0 ? cp / (c * p) : NaN,
      peripheryPeriphery: p > 1 ? pp / ((p * (p - 1)) / 2) : NaN,
    },
  };
}
