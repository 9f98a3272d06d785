import { describe, expect, it } from 'vitest';
import { csrGraphFromEdges } from './csr-graph-from-edges.js';
import { brokerageRoles } from './brokerage-roles.js';
import { BROKERAGE_ROLES, brokerageZScores } from './brokerage-z-scores.js';
import type { BrokerageRole } from './brokerage-z-scores.js';

/** Role of the open two-path a → b → c from the groups (as in brokerage-roles.ts and sna). */
function role(ga: number, gb: number, gc: number): BrokerageRole {
  if (ga === gb && gb === gc) return 'coordinator';
  if (ga === gc) return 'itinerant';
  if (ga === gb) return 'representative';
  if (gb === gc) return 'gatekeeper';
  return 'liaison';
}

/**
 * Exact moments of every node's role counts over all 2^(N(N−1)) digraphs on N = 5 nodes, each arc present with
 * probability d: the definition itself, by enumeration, independent of the closed forms.
 */
function exactMoments(groups: number[], d: number): Record<BrokerageRole, { mean: number; variance: number }[]> {
  const N = groups.length;
  const arcs: [number, number][] = [];
  for (let a = 0; a < N; a++) for (let c = 0; c < N; c++) if (a !== c) arcs.push([a, c]);
  const index = (a: number, c: number): number => arcs.findIndex(([x, y]) => x === a && y === c);
  // for each broker and role, its open two-paths as [a→b, b→c, a→c] arc indices
  const paths: { b: number; role: BrokerageRole; ab: number; bc: number; ac: number }[] = [];
  for (let b = 0; b < N; b++)
    for (let a = 0; a < N; a++)
      for (let c = 0; c < N; c++) if (a !== b && c !== b && a !== c) paths.push({ b, role: role(groups[a]!, groups[b]!, groups[c]!), ab: index(a, b), bc: index(b, c), ac: index(a, c) });
  const m1 = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, new Float64Array(N)])) as Record<BrokerageRole, Float64Array>;
  const m2 = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, new Float64Array(N)])) as Record<BrokerageRole, Float64Array>;
  const count = Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, new Float64Array(N)])) as Record<BrokerageRole, Float64Array>;
  const A = arcs.length;
  for (let mask = 0; mask < 2 ** A; mask++) {
    let k = 0;
    for (let x = mask; x !== 0; x &= x - 1) k++;
    const w = d ** k * (1 - d) ** (A - k);
    for (const r of BROKERAGE_ROLES) count[r].fill(0);
    for (const path of paths) {
      if ((mask >> path.ab) & 1 && (mask >> path.bc) & 1 && !((mask >> path.ac) & 1)) {
        count[path.role][path.b]++;
        count.total[path.b]++;
      }
    }
    for (const r of BROKERAGE_ROLES)
      for (let b = 0; b < N; b++) {
        m1[r][b] += w * count[r][b];
        m2[r][b] += w * count[r][b] * count[r][b];
      }
  }
  return Object.fromEntries(BROKERAGE_ROLES.map((r) => [r, Array.from({ length: N }, (_, b) => ({ mean: m1[r][b], variance: m2[r][b] - m1[r][b] ** 2 }))])) as Record<
    BrokerageRole,
    { mean: number; variance: number }[]
  >;
}

describe('brokerageZScores', () => {
  // any digraph with 6 of the 20 possible arcs has density 0.3: the closed forms then describe Bernoulli(0.3) digraphs
  const sixArcs = csrGraphFromEdges({ nodeCount: 5, sources: [0, 1, 2, 3, 4, 0], targets: [1, 2, 3, 4, 0, 2] }, { directed: true }).graph;

  for (const groups of [
    [0, 0, 0, 0, 1],
    [0, 0, 1, 1, 2],
  ]) {
    it(`expected values and variances equal the exact moments over all 2^20 digraphs on 5 nodes (groups ${groups.join('')})`, () => {
      const result = brokerageZScores(sixArcs, groups, brokerageRoles(sixArcs, groups));
      expect(result.density).toBe(0.3);
      const exact = exactMoments(groups, 0.3);
      for (const r of BROKERAGE_ROLES)
        for (let b = 0; b < 5; b++) {
          expect(result.expected[r][b]).toBeCloseTo(exact[r][b]!.mean, 9);
          expect(result.sd[r][b] ** 2).toBeCloseTo(exact[r][b]!.variance, 9);
        }
    });
  }

  it('z = (count − expected) / sd; nodes whose counts were not computed get NaN; sd 0 gives NaN', () => {
    const groups = [0, 0, 1, 1, 2];
    const roles = brokerageRoles(sixArcs, groups, { nodes: [1] });
    const r = brokerageZScores(sixArcs, groups, roles);
    expect(r.z.total[1]).toBeCloseTo((roles.total[1]! - r.expected.total[1]!) / r.sd.total[1]!, 15);
    expect(r.z.total[0]).toBeNaN();
    // node 4 is alone in its group: no coordinator two-path is possible, expected 0 and sd 0
    const all = brokerageZScores(sixArcs, groups, brokerageRoles(sixArcs, groups));
    expect(all.expected.coordinator[4]).toBe(0);
    expect(all.z.coordinator[4]).toBeNaN();
  });
});
