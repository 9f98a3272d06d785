import { ShapeMismatchError } from '../errors.js';
import type { CsrGraph } from './csr-graph.js';
import { nodeSubset } from './node-subset.js';
import { transposeGraph } from './transpose-graph.js';

/** BrokerageRolesOptions: see the doc comment of the function that takes or returns it. */
export interface BrokerageRolesOptions {
  /** Compute only for these broker nodes (others get NaN). Default: all nodes. */
  readonly nodes?: ArrayLike<number>;
}

/** Counts of open two-paths a → b → c brokered by each node b, by role (Float64Array per role, NaN = not computed). */
export interface BrokerageRolesResult {
  /** a, b, c all in the same group (w_I, "coordinator"). */
  readonly coordinator: Float64Array;
  /** a and c in one group, b in another (w_O, "itinerant broker" / consultant). */
  readonly itinerant: Float64Array;
  /** a and b in the same group, c in another: b represents its group to outsiders (b_IO). */
  readonly representative: Float64Array;
  /** b and c in the same group, a outside: b controls access to its group (b_OI). */
  readonly gatekeeper: Float64Array;
  /** a, b, c in three different groups (b_O, "liaison"). */
  readonly liaison: Float64Array;
  /** Sum of the five roles. */
  readonly total: Float64Array;
}

/**
 * Gould–Fernandez (1989) brokerage roles. For every broker b and every two-path a → b → c with a ≠ c and no
 * direct edge a → c, the path is counted for b in the role fixed by the groups of a, b and c (coordinator,
 * itinerant, representative, gatekeeper, liaison), as R sna `brokerage()` does for raw counts. An undirected
 * graph is read as reciprocal directed edges (every open a–b–c path counts once in each direction).
 * Weights are ignored. All two-paths are counted from group tallies of b's in- and out-neighbours, then the
 * reciprocal (a = c) and closed (a → c) ones are subtracted, so the cost is O(Σ_b Σ_{a → b} d_out(a)) (triangle
 * enumeration), not O(Σ_b d_in·d_out); restrict `nodes` on very large graphs.
 * @example brokerageRoles(chain, [0, 1, 1]).gatekeeper; // a → b → c with b, c in one group and a outside
 * @see docs/methods/brokerage.md
 */
export function brokerageRoles(graph: CsrGraph, groups: ArrayLike<number>, options: BrokerageRolesOptions = {}): BrokerageRolesResult {
  const n = graph.nodeCount;
  if (groups.length !== n) throw new ShapeMismatchError(`groups has ${groups.length} entries for ${n} nodes`, { field: 'groups' });
  const subset = nodeSubset(n, options.nodes);
  const rev = transposeGraph(graph);
  const { offsets, targets } = graph;
  const make = (): Float64Array => (subset === null ? new Float64Array(n) : new Float64Array(n).fill(NaN));
  const coordinator = make();
  const itinerant = make();
  const representative = make();
  const gatekeeper = make();
  const liaison = make();
  const total = make();
  // Dense group ids so tallies can live in typed arrays.
  const groupId = new Int32Array(n);
  const ids = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = groups[i];
    let id = ids.get(g);
    if (id === undefined) {
      id = ids.size;
      ids.set(g, id);
    }
    groupId[i] = id;
  }
  const inCount = new Float64Array(ids.size);
  const outCount = new Float64Array(ids.size);
  const touched = new Int32Array(ids.size);
  const seen = new Int32Array(ids.size).fill(-1);
  const outMark = new Int32Array(n).fill(-1);
  const roles = new Float64Array(5); // wI, wO, bIO, bOI, bO
  const role = (ga: number, gb: number, gc: number): number => (ga === gb ? (gc === gb ? 0 : 2) : gc === gb ? 3 : ga === gc ? 1 : 4);
  const count = subset === null ? n : subset.length;
  for (let k = 0; k < count; k++) {
    const b = subset === null ? k : subset[k];
    const gb = groupId[b];
    let t = 0;
    let inTotal = 0;
    let outTotal = 0;
    for (let e = rev.offsets[b]; e < rev.offsets[b + 1]; e++) {
      const g = groupId[rev.targets[e]];
      if (seen[g] !== b) {
        seen[g] = b;
        inCount[g] = 0;
        outCount[g] = 0;
        touched[t++] = g;
      }
      inCount[g]++;
      inTotal++;
    }
    for (let f = offsets[b]; f < offsets[b + 1]; f++) {
      const c = targets[f];
      outMark[c] = b;
      const g = groupId[c];
      if (seen[g] !== b) {
        seen[g] = b;
        inCount[g] = 0;
        outCount[g] = 0;
        touched[t++] = g;
      }
      outCount[g]++;
      outTotal++;
    }
    // All two-paths a → b → c by group pattern (including a = c and closed triads, removed below).
    const inB = seen[gb] === b ? inCount[gb] : 0;
    const outB = seen[gb] === b ? outCount[gb] : 0;
    let same = 0;
    for (let q = 0; q < t; q++) {
      const g = touched[q];
      if (g !== gb) same += inCount[g] * outCount[g];
    }
    roles[0] = inB * outB;
    roles[2] = inB * (outTotal - outB);
    roles[3] = (inTotal - inB) * outB;
    roles[1] = same;
    roles[4] = (inTotal - inB) * (outTotal - outB) - same;
    // Remove a = c (reciprocal ties) and closed paths (a → c present).
    for (let e = rev.offsets[b]; e < rev.offsets[b + 1]; e++) {
      const a = rev.targets[e];
      const ga = groupId[a];
      if (outMark[a] === b) roles[role(ga, gb, ga)]--;
      for (let f = offsets[a]; f < offsets[a + 1]; f++) {
        const c = targets[f];
        if (c !== b && outMark[c] === b) roles[role(ga, gb, groupId[c])]--;
      }
    }
    coordinator[b] = roles[0];
    itinerant[b] = roles[1];
    representative[b] = roles[2];
    gatekeeper[b] = roles[3];
    liaison[b] = roles[4];
    total[b] = roles[0] + roles[1] + roles[2] + roles[3] + roles[4];
  }
  return { coordinator, itinerant, representative, gatekeeper, liaison, total };
}
