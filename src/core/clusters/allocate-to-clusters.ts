import { InvalidInputError, ShapeMismatchError } from '../errors.js';

/** A classification hierarchy observed in one region-year: codes with parent links and values. */
export interface ObservedHierarchy {
  /** Normalised codes: "TOTAL", "31-33", "3364", "336411". */
  readonly codes: readonly string[];
  /** parent[k] index of node k's parent, −1 for a root. */
  readonly parent: Int32Array;
  /** Values (reported or estimated); NaN is refused. */
  readonly value: Float64Array;
  /** 1 where the value is an estimate. */
  readonly estimated: Uint8Array;
}

/** The finest level of a classification with each code's cluster (−1 for no cluster). */
export interface LeafClassification {
  /** Finest-level codes, e.g. all NAICS 2007 6-digit codes. */
  readonly leafCodes: readonly string[];
  /** Cluster index per leaf code, −1 when the industry belongs to no cluster. */
  readonly cluster: Int32Array;
  readonly clusterCount: number;
  /** Prefixes of a leaf code, nearest first, as they appear in hierarchies (336411 → 33641, 3364, 336, 31-33, TOTAL). */
  readonly ancestors: (leafCode: string) => readonly string[];
}

export interface AllocateToClustersOptions {
  /** Residuals at nodes above this level are not spread (default 3: sectors and the total are too coarse). */
  readonly minimumLevel?: number;
  /** Level of a node from its code (default: digits in the code, 0 for TOTAL, 2 for "31-33"). */
  readonly levelOf?: (code: string) => number;
}

export interface ClusterAllocation {
  /** Per cluster: total value and the part that rests on estimates or on an equal split. */
  readonly total: Float64Array;
  readonly estimated: Float64Array;
  /** Value at finest-level codes that belong to no cluster. */
  readonly unmapped: number;
  /** Value that could not be placed at any finest-level code (residuals of coarse nodes). */
  readonly unallocated: number;
}

/**
 * Sums a region's industry hierarchy into clusters when the finest level is only partly published.
 *
 * Each node's own residual ρ(n) = value(n) − Σ value(children) (the whole value for a leaf) belongs to the
 * finest-level codes under n that have no published node below n. ρ(n) goes to the clusters of those codes,
 * split equally per code (the European Cluster Observatory convention) — exact when they are one code or one
 * cluster, an estimate otherwise. Residuals of estimated nodes, of nodes with estimated children and of
 * split allocations count as estimated. Negative residuals (children above their parent) are dropped.
 * Residuals of nodes above `minimumLevel` stay unallocated. See docs/methods/cluster-aggregation.md.
 */
export function allocateToClusters(
  hierarchy: ObservedHierarchy,
  classification: LeafClassification,
  options: AllocateToClustersOptions = {},
): ClusterAllocation {
  const minimumLevel = options.minimumLevel ?? 3;
  const levelOf = options.levelOf ?? defaultLevel;
  const n = hierarchy.codes.length;
  if (hierarchy.parent.length !== n || hierarchy.value.length !== n || hierarchy.estimated.length !== n) {
    throw new ShapeMismatchError(`hierarchy arrays must all have ${n} entries`);
  }
  const index = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    if (Number.isNaN(hierarchy.value[k])) throw new InvalidInputError(`value of ${hierarchy.codes[k]} is NaN`, { code: hierarchy.codes[k] });
    index.set(hierarchy.codes[k], k);
  }
  // own residual and whether it rests on estimates
  const residual = Float64Array.from(hierarchy.value);
  const residualEstimated = Uint8Array.from(hierarchy.estimated);
  for (let k = 0; k < n; k++) {
    const p = hierarchy.parent[k];
    if (p >= 0) {
      residual[p] -= hierarchy.value[k];
      if (hierarchy.estimated[k] === 1) residualEstimated[p] = 1;
    }
  }
  // owners: for each leaf code, its deepest published node
  const owner = new Int32Array(classification.leafCodes.length).fill(-1);
  const ownedCount = new Int32Array(n);
  for (let j = 0; j < classification.leafCodes.length; j++) {
    const code = classification.leafCodes[j];
    let k = index.get(code);
    if (k === undefined) {
      for (const a of classification.ancestors(code)) {
        k = index.get(a);
        if (k !== undefined) break;
      }
    }
    if (k !== undefined) {
      owner[j] = k;
      ownedCount[k]++;
    }
  }
  const total = new Float64Array(classification.clusterCount);
  const estimated = new Float64Array(classification.clusterCount);
  let unmapped = 0;
  let unallocated = 0;
  const placed = new Uint8Array(n);
  for (let j = 0; j < owner.length; j++) {
    const k = owner[j];
    if (k < 0) continue;
    placed[k] = 1;
    const r = residual[k];
    if (!(r > 0) || levelOf(hierarchy.codes[k]) < minimumLevel) continue;
    const share = r / ownedCount[k];
    const c = classification.cluster[j];
    if (c < 0) {
      unmapped += share;
      continue;
    }
    total[c] += share;
    if (residualEstimated[k] === 1 || ownedCount[k] > 1) estimated[c] += share;
  }
  for (let k = 0; k < n; k++) {
    const r = residual[k];
    if (r > 0 && (placed[k] === 0 || levelOf(hierarchy.codes[k]) < minimumLevel)) unallocated += r;
  }
  // an equal split inside one cluster is exact: undo the "estimated" mark when all owned codes share a cluster
  return { total, estimated: refineSingleClusterSplits(hierarchy, classification, owner, ownedCount, residual, residualEstimated, estimated, minimumLevel, levelOf), unmapped, unallocated };
}

function refineSingleClusterSplits(
  hierarchy: ObservedHierarchy,
  classification: LeafClassification,
  owner: Int32Array,
  ownedCount: Int32Array,
  residual: Float64Array,
  residualEstimated: Uint8Array,
  estimated: Float64Array,
  minimumLevel: number,
  levelOf: (code: string) => number,
): Float64Array {
  const n = hierarchy.codes.length;
  const firstCluster = new Int32Array(n).fill(-2);
  const mixed = new Uint8Array(n);
  for (let j = 0; j < owner.length; j++) {
    const k = owner[j];
    if (k < 0) continue;
    const c = classification.cluster[j];
    if (firstCluster[k] === -2) firstCluster[k] = c;
    else if (firstCluster[k] !== c) mixed[k] = 1;
  }
  const out = Float64Array.from(estimated);
  for (let k = 0; k < n; k++) {
    const r = residual[k];
    const c = firstCluster[k];
    if (!(r > 0) || ownedCount[k] <= 1 || mixed[k] === 1 || c < 0 || residualEstimated[k] === 1) continue;
    if (levelOf(hierarchy.codes[k]) < minimumLevel) continue;
    out[c] -= r;
  }
  for (let c = 0; c < out.length; c++) if (out[c] < 0) out[c] = 0;
  return out;
}

function defaultLevel(code: string): number {
  if (code === 'TOTAL') return 0;
  if (code.includes('-')) return 2;
  return code.length;
}
