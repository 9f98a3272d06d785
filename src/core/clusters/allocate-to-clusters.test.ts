import { describe, expect, it } from 'vitest';
import { allocateToClusters } from './allocate-to-clusters.js';
import type { LeafClassification, ObservedHierarchy } from './allocate-to-clusters.js';

/** NAICS-like ancestors: 336411 → 33641, 3364, 336, 31-33, TOTAL. */
function ancestors(code: string): string[] {
  const sector = ['31', '32', '33'].includes(code.slice(0, 2)) ? '31-33' : code.slice(0, 2);
  return [code.slice(0, 5), code.slice(0, 4), code.slice(0, 3), sector, 'TOTAL'];
}

function classification(clusters: Record<string, number>, clusterCount = 2): LeafClassification {
  const leafCodes = Object.keys(clusters);
  return { leafCodes, cluster: Int32Array.from(leafCodes.map((c) => clusters[c])), clusterCount, ancestors };
}

/** Nodes as [code, parent code | null, value, estimated?]. */
function hierarchy(nodes: [string, string | null, number, boolean?][]): ObservedHierarchy {
  const codes = nodes.map((n) => n[0]);
  return {
    codes,
    parent: Int32Array.from(nodes.map((n) => (n[1] === null ? -1 : codes.indexOf(n[1])))),
    value: Float64Array.from(nodes.map((n) => n[2])),
    estimated: Uint8Array.from(nodes.map((n) => (n[3] ? 1 : 0))),
  };
}

const chain: [string, string | null, number, boolean?][] = [
  ['TOTAL', null, 100],
  ['31-33', 'TOTAL', 100],
  ['336', '31-33', 100],
  ['3364', '336', 100],
  ['33641', '3364', 100],
];

describe('allocateToClusters', () => {
  it('allocateToClusters(h, c) puts a published leaf in its cluster, exactly', () => {
    const r = allocateToClusters(hierarchy([...chain, ['336411', '33641', 100]]), classification({ '336411': 0 }));
    expect(Array.from(r.total)).toEqual([100, 0]);
    expect(Array.from(r.estimated)).toEqual([0, 0]);
    expect(r.unmapped).toBe(0);
    expect(r.unallocated).toBe(0);
  });

  it('allocateToClusters(h, c) gives a 5-digit residual exactly to its only unpublished 6-digit code (not estimated)', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60], ['336412', '33641', 30]]);
    const r = allocateToClusters(h, classification({ '336411': 0, '336412': 0, '336414': 1 }));
    expect(Array.from(r.total)).toEqual([90, 10]);
    expect(Array.from(r.estimated)).toEqual([0, 0]);
  });

  it('allocateToClusters(h, c) splits a residual equally over unpublished codes in two clusters and marks it estimated', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60]]);
    const r = allocateToClusters(h, classification({ '336411': 0, '336412': 0, '336414': 1 }));
    expect(Array.from(r.total)).toEqual([80, 20]);
    expect(Array.from(r.estimated)).toEqual([20, 20]);
  });

  it('allocateToClusters(h, c) treats a split whose codes all share one cluster as exact', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60]]);
    const r = allocateToClusters(h, classification({ '336411': 0, '336412': 1, '336414': 1 }));
    expect(Array.from(r.total)).toEqual([60, 40]);
    expect(Array.from(r.estimated)).toEqual([0, 0]);
  });

  it('allocateToClusters(h, c) marks the residual of an estimated node, or of a node with an estimated child, as estimated', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60, true]]);
    const r = allocateToClusters(h, classification({ '336411': 0, '336412': 1 }));
    expect(Array.from(r.total)).toEqual([60, 40]);
    expect(Array.from(r.estimated)).toEqual([60, 40]);
  });

  it('allocateToClusters(h, c) drops negative residuals (children above their parent)', () => {
    const h = hierarchy([...chain, ['336411', '33641', 70], ['336412', '33641', 50]]);
    const r = allocateToClusters(h, classification({ '336411': 0, '336412': 1, '336414': 1 }));
    expect(Array.from(r.total)).toEqual([70, 50]);
    expect(r.unallocated).toBe(0);
  });

  it('allocateToClusters(h, c) leaves residuals of sectors and the total unallocated', () => {
    const h = hierarchy([
      ['TOTAL', null, 500],
      ['31-33', 'TOTAL', 300],
      ['336', '31-33', 100],
      ['336411', '336', 100],
    ]);
    // 331111 and 423620 are owned by 31-33 and TOTAL: 200 + 200 stay unallocated
    const r = allocateToClusters(h, classification({ '336411': 0, '331111': 1, '423620': 1 }));
    expect(Array.from(r.total)).toEqual([100, 0]);
    expect(r.unallocated).toBe(400);
  });

  it('allocateToClusters(h, c, { minimumLevel: 4 }) also leaves 3-digit residuals unallocated', () => {
    const h = hierarchy([
      ['TOTAL', null, 100],
      ['31-33', 'TOTAL', 100],
      ['336', '31-33', 100],
      ['336411', '336', 60],
    ]);
    const leaves = classification({ '336411': 0, '336111': 1 });
    expect(Array.from(allocateToClusters(h, leaves).total)).toEqual([60, 40]);
    const r = allocateToClusters(h, leaves, { minimumLevel: 4 });
    expect(Array.from(r.total)).toEqual([60, 0]);
    expect(r.unallocated).toBe(40);
  });

  it('allocateToClusters(h, c) counts value at codes of no cluster as unmapped', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60]]);
    const r = allocateToClusters(h, classification({ '336411': -1, '336412': 0 }));
    expect(r.unmapped).toBe(60);
    expect(Array.from(r.total)).toEqual([40, 0]);
  });

  it('allocateToClusters(h, c) counts a node residual with no leaf code below it as unallocated', () => {
    const h = hierarchy([...chain, ['336411', '33641', 60]]);
    const r = allocateToClusters(h, classification({ '336411': 0 })); // 33641's residual 40 has no code to go to
    expect(Array.from(r.total)).toEqual([60, 0]);
    expect(r.unallocated).toBe(40);
  });

  it('allocateToClusters(h, c) refuses NaN values with INVALID_INPUT and ragged arrays with SHAPE_MISMATCH', () => {
    const h = hierarchy([...chain, ['336411', '33641', NaN]]);
    expect(() => allocateToClusters(h, classification({ '336411': 0 }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => allocateToClusters({ ...h, value: Float64Array.of(1) }, classification({ '336411': 0 }))).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
