import { ShapeMismatchError } from '../errors.js';
import type { BrokerageRolesResult } from './brokerage-roles.js';
import type { CsrGraph } from './csr-graph.js';

/** The six Gould–Fernandez measures, in sna's order (w_I, w_O, b_IO, b_OI, b_O, t). */
export const BROKERAGE_ROLES = Object.freeze(['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total'] as const);
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];

/** Expected value, standard deviation and z-score of each role count per node (NaN where the count is NaN or sd is 0). */
export interface BrokerageZScoresResult {
  /** Arc density d = m / (N (N − 1)) of the graph (an undirected edge is two arcs). */
  readonly density: number;
  readonly expected: Readonly<Record<BrokerageRole, Float64Array>>;
  readonly sd: Readonly<Record<BrokerageRole, Float64Array>>;
  readonly z: Readonly<Record<BrokerageRole, Float64Array>>;
}

/**
 * Gould–Fernandez (1989) z-scores of brokerage role counts: each count against its expectation and variance when
 * every arc is present independently with the graph's density d and groups are as given, as R `sna::brokerage`
 * computes them (exp.nli, sd.nli, z.nli). With p = d²(1 − d) (an open two-path a → b → c) and q = d³(1 − d)³, for a
 * broker in a group of n_i of N nodes (sums over the other groups j):
 *   coordinator  E = p (n_i − 1)(n_i − 2),            V = E(1 − p) + 2 (n_i − 1)(n_i − 2)(n_i − 3) q
 *   itinerant    E = p Σ n_j (n_j − 1),               V = E(1 − p) + 2 Σ n_j (n_j − 1)(n_j − 2) q
 *   representative = gatekeeper:
 *                E = p (N − n_i)(n_i − 1),            V = E(1 − p) + 2 [(n_i − 1) C(N − n_i, 2) + (N − n_i) C(n_i − 1, 2)] q
 *   liaison      E = p [(Σ n_j)² − Σ n_j²],           V = E(1 − p) + 4 Σ n_j C(N − n_j − n_i, 2) q
 *   total        E = p (N − 1)(N − 2),                V = E(1 − p) + 2 (N − 1)(N − 2)(N − 3) q
 * The covariance terms count pairs of two-paths that share an arc at b (the a → c arcs are never shared). For an
 * undirected graph (reciprocal arcs) the model is an approximation, as in sna.
 * @example brokerageZScores(graph, groups, brokerageRoles(graph, groups)).z.liaison[b]
 * @see docs/methods/brokerage.md
 */
export function brokerageZScores(graph: CsrGraph, groups: ArrayLike<number>, roles: BrokerageRolesResult): BrokerageZScoresResult {
  const N = graph.nodeCount;
  if (groups.length !== N) throw new ShapeMismatchError(`groups has ${groups.length} entries for ${N} nodes`, { field: 'groups' });
  let loops = 0;
  for (let i = 0; i < N; i++) for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) if (graph.targets[e] === i) loops++;
  const arcs = graph.targets.length - loops;
  const d = N > 1 ? arcs / (N * (N - 1)) : NaN;
  // group sizes, by dense id
  const ids = new Map<number, number>();
  const groupOf = new Int32Array(N);
  const sizes: number[] = [];
  for (let i = 0; i < N; i++) {
    let id = ids.get(groups[i]);
    if (id === undefined) {
      id = sizes.length;
      ids.set(groups[i], id);
      sizes.push(0);
    }
    groupOf[i] = id;
    sizes[id]++;
  }
  const G = sizes.length;
  const p = d * d * (1 - d);
  const q = d ** 3 * (1 - d) ** 3;
  const choose2 = (x: number): number => (x * (x - 1)) / 2;
  let sumPairs = 0; // Σ n (n − 1)
  let sumTriples = 0; // Σ n (n − 1)(n − 2)
  let sumN = 0;
  let sumN2 = 0;
  for (const n of sizes) {
    sumPairs += n * (n - 1);
    sumTriples += n * (n - 1) * (n - 2);
    sumN += n;
    sumN2 += n * n;
  }
  // moments per group (index g), six roles each
  const E = new Float64Array(G * 6);
  const V = new Float64Array(G * 6);
  for (let g = 0; g < G; g++) {
    const ni = sizes[g];
    const others = N - ni;
    const otherPairs = sumPairs - ni * (ni - 1);
    const otherTriples = sumTriples - ni * (ni - 1) * (ni - 2);
    const otherSum = sumN - ni;
    const otherSum2 = sumN2 - ni * ni;
    let liaisonCov = 0;
    for (let j = 0; j < G; j++) if (j !== g) liaisonCov += sizes[j] * choose2(N - sizes[j] - ni);
    const e = [
      p * (ni - 1) * (ni - 2),
      p * otherPairs,
      p * others * (ni - 1),
      p * others * (ni - 1),
      p * (otherSum * otherSum - otherSum2),
      p * (N - 1) * (N - 2),
    ];
    const extra = [
      2 * (ni - 1) * (ni - 2) * (ni - 3) * q,
      2 * otherTriples * q,
      2 * ((ni - 1) * choose2(others) + others * choose2(ni - 1)) * q,
      2 * ((ni - 1) * choose2(others) + others * choose2(ni - 1)) * q,
      4 * liaisonCov * q,
      2 * (N - 1) * (N - 2) * (N - 3) * q,
    ];
    for (let r = 0; r < 6; r++) {
      E[g * 6 + r] = e[r] + 0; // + 0 turns the −0 of an empty product into 0
      V[g * 6 + r] = e[r] * (1 - p) + extra[r] + 0;
    }
  }
  const make = () => Object.fromEntries(BROKERAGE_ROLES.map((role) => [role, new Float64Array(N)])) as Record<BrokerageRole, Float64Array>;
  const expected = make();
  const sd = make();
  const z = make();
  BROKERAGE_ROLES.forEach((role, r) => {
    const raw = roles[role];
    for (let i = 0; i < N; i++) {
      const g = groupOf[i];
      const mean = E[g * 6 + r];
      const s = Math.sqrt(V[g * 6 + r]);
      expected[role][i] = mean;
      sd[role][i] = s;
      z[role][i] = s > 0 && !Number.isNaN(raw[i]) ? (raw[i] - mean) / s : NaN;
    }
  });
  return { density: d, expected, sd, z };
}
