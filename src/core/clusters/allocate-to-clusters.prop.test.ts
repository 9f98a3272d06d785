import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateToClusters } from './allocate-to-clusters.js';
import type { LeafClassification, ObservedHierarchy } from './allocate-to-clusters.js';

const LEAVES = ['311111', '311119', '311211', '312111', '336111', '336112', '336411', '336412', '336414', '423610', '423620', '423690', '423710'];

function ancestors(code: string): string[] {
  const sector = ['31', '32', '33'].includes(code.slice(0, 2)) ? '31-33' : code.slice(0, 2);
  return [code.slice(0, 5), code.slice(0, 4), code.slice(0, 3), sector, 'TOTAL'];
}

// every node of the full tree, coarse to fine
const ALL_NODES = [...new Set(LEAVES.flatMap((l) => [...ancestors(l)].reverse().concat(l)))];

/** A consistent hierarchy: each published node's value is the sum of the leaves under it; TOTAL always published. */
function build(values: number[], published: boolean[]): ObservedHierarchy {
  const codes = ALL_NODES.filter((c, k) => c === 'TOTAL' || published[k]);
  const leafValue = new Map(LEAVES.map((l, k) => [l, values[k]]));
  const under = (node: string, leaf: string) => node === 'TOTAL' || leaf === node || ancestors(leaf).includes(node);
  const value = codes.map((c) => LEAVES.reduce((s, l) => s + (under(c, l) ? (leafValue.get(l) ?? 0) : 0), 0));
  const parent = codes.map((c) => {
    if (c === 'TOTAL') return -1;
    const chain = LEAVES.includes(c) ? ancestors(c) : ancestors(c.padEnd(6, '0')).filter((a) => a !== c && (a === 'TOTAL' || a.length < c.length || a.includes('-')));
    const p = chain.find((a) => codes.includes(a) && a !== c);
    return codes.indexOf(p ?? 'TOTAL');
  });
  return { codes, parent: Int32Array.from(parent), value: Float64Array.from(value), estimated: new Uint8Array(codes.length) };
}

const caseArb = fc.record({
  values: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: LEAVES.length, maxLength: LEAVES.length }),
  published: fc.array(fc.boolean(), { minLength: ALL_NODES.length, maxLength: ALL_NODES.length }),
  clusters: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: LEAVES.length, maxLength: LEAVES.length }),
});

describe('allocateToClusters invariants', () => {
  it('allocateToClusters(h, c) conserves the total: Σ clusters + unmapped + unallocated = root value for a consistent tree', () => {
    fc.assert(
      fc.property(caseArb, ({ values, published, clusters }) => {
        const h = build(values, published);
        const classification: LeafClassification = { leafCodes: LEAVES, cluster: Int32Array.from(clusters), clusterCount: 3, ancestors };
        const r = allocateToClusters(h, classification);
        const placed = r.total.reduce((a, b) => a + b, 0) + r.unmapped + r.unallocated;
        expect(placed).toBeCloseTo(h.value[h.codes.indexOf('TOTAL')], 6);
        for (let c = 0; c < 3; c++) {
          expect(r.estimated[c]).toBeGreaterThanOrEqual(0);
          expect(r.estimated[c]).toBeLessThanOrEqual(r.total[c] + 1e-9);
        }
      }),
    );
  });

  it('allocateToClusters(h, c) is exact (nothing estimated or unallocated) when every leaf is published', () => {
    fc.assert(
      fc.property(caseArb, ({ values, clusters }) => {
        const h = build(values, ALL_NODES.map(() => true));
        const classification: LeafClassification = { leafCodes: LEAVES, cluster: Int32Array.from(clusters), clusterCount: 3, ancestors };
        const r = allocateToClusters(h, classification);
        expect(Array.from(r.estimated)).toEqual([0, 0, 0]);
        expect(r.unallocated).toBe(0);
        const want = [0, 0, 0];
        let unmapped = 0;
        LEAVES.forEach((_, k) => (clusters[k] < 0 ? (unmapped += values[k]) : (want[clusters[k]] += values[k])));
        expect(Array.from(r.total)).toEqual(want);
        expect(r.unmapped).toBe(unmapped);
      }),
    );
  });
});
