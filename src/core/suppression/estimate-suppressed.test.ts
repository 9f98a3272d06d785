import { describe, expect, test } from 'vitest';
import { cbpEmploymentFlagRange } from './cbp-employment-flags.js';
import { ESTIMATE_SUPPRESSED_DEFAULTS, estimateSuppressed } from './estimate-suppressed.js';
import type { SuppressedHierarchy } from './estimate-suppressed.js';

/** A row: code, parent code (null for a root), reported value or a CBP flag letter or an explicit [lower, upper]. */
type Row = readonly [string, string | null, number | string | readonly [number, number]];

function build(rows: readonly Row[]): SuppressedHierarchy & { index: (code: string) => number } {
  const n = rows.length;
  const codes = rows.map((r) => r[0]);
  const parent = new Int32Array(n);
  const value = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  rows.forEach(([, p, v], k) => {
    parent[k] = p === null ? -1 : codes.indexOf(p);
    if (p !== null && parent[k] < 0) throw new Error(`unknown parent ${p}`);
    if (typeof v === 'number') {
      value[k] = v;
    } else {
      const range = typeof v === 'string' ? cbpEmploymentFlagRange(v) : { lower: v[0], upper: v[1] };
      value[k] = NaN;
      lower[k] = range.lower;
      upper[k] = range.upper;
    }
  });
  return {
    parent, value, lower, upper,
    index: (code: string) => {
      const k = codes.indexOf(code);
      if (k < 0) throw new Error(`unknown code ${code}`);
      return k;
    },
  };
}

function childSum(h: SuppressedHierarchy, estimate: Float64Array, p: number): number {
  let s = 0;
  for (let k = 0; k < h.parent.length; k++) if (h.parent[k] === p) s += estimate[k];
  return s;
}

/**
 * Washington (state FIPS 53), 2011, NAICS 336 transportation equipment manufacturing, mid-March employment.
 * Source: /work/shared/data/us-cbp-state-naics/cbp_state_naics_2007_2011.csv (U.S. Census Bureau, County Business
 * Patterns 2011, state file), rows `2011,53,336…`; a letter is the published EMPFLAG of a suppressed cell.
 * The same numbers are the worked example of docs/methods/suppressed-cells.md.
 */
const WA_2011_336: readonly Row[] = [
  ['336', null, 63765],
  ['3361', '336', 'E'],
  ['33611', '3361', 'A'], ['336111', '33611', 'A'], ['336112', '33611', 'A'],
  ['33612', '3361', 'E'],
  ['3362', '336', 768],
  ['336211', '3362', 340], ['336212', '3362', 100], ['336213', '3362', 'A'], ['336214', '3362', 325],
  ['3363', '336', 1749],
  ['33631', '3363', 'B'], ['336311', '33631', 'A'], ['336312', '33631', 77],
  ['33632', '3363', 204], ['336321', '33632', 'A'], ['336322', '33632', 195],
  ['33633', '3363', 'A'],
  ['33635', '3363', 39],
  ['33636', '3363', 219],
  ['33637', '3363', 'B'],
  ['33639', '3363', 1119], ['336391', '33639', 'E'], ['336399', '33639', 790],
  ['3364', '336', 'L'],
  ['336411', '3364', 'K'], ['336412', '3364', 1131], ['336413', '3364', 10050], ['336415', '3364', 'E'], ['336419', '3364', 'C'],
  ['3365', '336', 'C'],
  ['3366', '336', 5232], ['336611', '3366', 3937], ['336612', '3366', 1295],
  ['3369', '336', 189], ['336991', '3369', 128], ['336999', '3369', 61],
];

describe('estimateSuppressed', () => {
  test('estimateSuppressed(h) on Washington 2011 NAICS 336 (CBP) keeps 3364 and 336411 in their classes and adds up', () => {
    const h = build(WA_2011_336);
    const r = estimateSuppressed(h);
    const at = (code: string) => r.estimate[h.index(code)];
    expect(r.diagnostics).toEqual([]);
    // 3364 (aerospace, flag L) and 336411 (aircraft, flag K)
    expect(at('3364')).toBeGreaterThanOrEqual(50000);
    expect(at('3364')).toBeLessThanOrEqual(99999);
    expect(at('336411')).toBeGreaterThanOrEqual(25000);
    expect(at('336411')).toBeLessThanOrEqual(49999);
    expect(at('3364')).toBeCloseTo(at('336411') + 1131 + 10050 + at('336415') + at('336419'), 6);
    // propagated ranges: 3364 ∈ [63765 − 7938 − 499 − 249, 63765 − 7938 − 250 − 100]
    expect(r.lower[h.index('3364')]).toBe(55079);
    expect(r.upper[h.index('3364')]).toBe(55477);
    expect(r.lower[h.index('336411')]).toBe(43150);
    expect(r.upper[h.index('336411')]).toBe(43946);
    // the documented worked example
    expect(at('3364')).toBeCloseTo(55278, 6);
    expect(at('336411')).toBeCloseTo(43548, 6);
    expect(at('336415')).toBeCloseTo(374.5, 6);
    expect(at('336419')).toBeCloseTo(174.5, 6);
    expect(at('3361')).toBeCloseTo(374.5, 6);
    expect(at('3365')).toBeCloseTo(174.5, 6);
    // cells pinned down exactly by one suppressed child under a reported parent
    expect(at('336213')).toBe(3);
    expect(at('336321')).toBe(9);
    expect(at('336391')).toBe(329);
    expect(r.lower[h.index('33631')]).toBe(77);
    expect(r.upper[h.index('33631')]).toBe(96);
    // every family adds up
    for (let p = 0; p < h.parent.length; p++) {
      if (h.parent.includes(p)) expect(childSum(h, r.estimate, p)).toBeCloseTo(r.estimate[p], 6);
    }
    // reported values unchanged, suppressed ones flagged
    for (let k = 0; k < h.parent.length; k++) {
      if (Number.isNaN(h.value[k])) expect(r.estimated[k]).toBe(1);
      else {
        expect(r.estimated[k]).toBe(0);
        expect(r.estimate[k]).toBe(h.value[k]);
      }
    }
  });

  test('estimateSuppressed(h) recovers the exact residual when one child of a reported parent is suppressed', () => {
    const h = build([['p', null, 100], ['a', 'p', 30], ['b', 'p', 'B'], ['c', 'p', 10]]);
    const r = estimateSuppressed(h);
    expect(r.estimate[h.index('b')]).toBe(60);
    expect(r.lower[h.index('b')]).toBe(60);
    expect(r.upper[h.index('b')]).toBe(60);
  });

  test('estimateSuppressed(h) gives a suppressed leaf root the midpoint of its range', () => {
    const h = build([['x', null, 'C']]);
    const r = estimateSuppressed(h);
    expect(r.estimate[0]).toBe(174.5);
    expect(r.estimated[0]).toBe(1);
  });

  test('estimateSuppressed(h) gives an open-ended root (flag M) 1.5 × its lower bound', () => {
    const h = build([['x', null, 'M']]);
    expect(estimateSuppressed(h).estimate[0]).toBe(150000);
  });

  test('estimateSuppressed(h) sums reported children of a suppressed parent exactly', () => {
    const h = build([['p', null, 'C'], ['a', 'p', 60], ['b', 'p', 90]]);
    const r = estimateSuppressed(h);
    expect(r.estimate[h.index('p')]).toBe(150);
    expect(r.lower[h.index('p')]).toBe(150);
  });

  test('estimateSuppressed(h) scales priors proportionally and clamps to ranges', () => {
    // residual 1000 over A [0,19] (prior 9.5) and G [1000,2499]: the A cell is pushed to its lower bound 0
    const h = build([['p', null, 1000], ['a', 'p', 'A'], ['g', 'p', 'G']]);
    const r = estimateSuppressed(h);
    expect(r.estimate[h.index('a')]).toBe(0);
    expect(r.estimate[h.index('g')]).toBe(1000);
    // residual 500 over B [20,99], C [100,249], E [250,499]; propagation tightens C to [100,230] and E to
    // [250,380]; the midpoints 59.5 + 165 + 315 = 539.5 are scaled by λ = 500/539.5
    const h2 = build([['p', null, 500], ['b', 'p', 'B'], ['c', 'p', 'C'], ['e', 'p', 'E']]);
    const r2 = estimateSuppressed(h2);
    expect(r2.upper[h2.index('e')]).toBe(380);
    expect(r2.estimate[h2.index('b')]).toBeCloseTo(59.5 * 500 / 539.5, 9);
    expect(r2.estimate[h2.index('c')]).toBeCloseTo(165 * 500 / 539.5, 9);
    expect(r2.estimate[h2.index('e')]).toBeCloseTo(315 * 500 / 539.5, 9);
  });

  test('estimateSuppressed(h) handles an unbounded child (flag M) under a reported parent', () => {
    const h = build([['p', null, 400000], ['a', 'p', 'M'], ['b', 'p', 'M'], ['c', 'p', 5000]]);
    const r = estimateSuppressed(h);
    expect(r.upper[h.index('a')]).toBe(295000);
    expect(r.estimate[h.index('a')]).toBeCloseTo(197500, 6);
    expect(r.estimate[h.index('b')]).toBeCloseTo(197500, 6);
  });

  test('estimateSuppressed(h) handles an unbounded suppressed root with an open child', () => {
    const h = build([['p', null, 'M'], ['a', 'p', 'M'], ['b', 'p', 'L'], ['c', 'p', 1000]]);
    const r = estimateSuppressed(h);
    const p = r.estimate[h.index('p')];
    expect(r.lower[h.index('p')]).toBe(151000);
    expect(p).toBe(1.5 * 151000);
    expect(childSum(h, r.estimate, h.index('p'))).toBeCloseTo(p, 6);
    expect(r.estimate[h.index('b')]).toBeLessThanOrEqual(99999);
    expect(r.estimate[h.index('a')]).toBeGreaterThanOrEqual(100000);
  });

  test('estimateSuppressed(h) resolves three levels of nested suppression', () => {
    const h = build([
      ['t', null, 10000],
      ['s1', 't', 'I'], ['s2', 't', 'G'],
      ['s11', 's1', 'H'], ['s12', 's1', 'H'],
      ['s111', 's11', 'G'], ['s112', 's11', 'G'], ['s113', 's11', 150],
      ['s21', 's2', 'F'], ['s22', 's2', 'F'],
    ]);
    const r = estimateSuppressed(h);
    expect(r.diagnostics).toEqual([]);
    for (let p = 0; p < h.parent.length; p++) {
      if (h.parent.includes(p)) expect(childSum(h, r.estimate, p)).toBeCloseTo(r.estimate[p], 6);
    }
    for (let k = 0; k < h.parent.length; k++) {
      if (!Number.isNaN(h.value[k])) continue;
      expect(r.estimate[k]).toBeGreaterThanOrEqual(h.lower[k]);
      expect(r.estimate[k]).toBeLessThanOrEqual(h.upper[k]);
    }
    // s2 ≤ 1998 (two F children) forces s1 ≥ 8002, and s1 ≤ 9998 since s2 ≥ 2 × 500... but G needs ≥ 1000
    expect(r.lower[h.index('s1')]).toBe(8002);
    expect(r.upper[h.index('s1')]).toBe(9000);
  });

  test('estimateSuppressed(h) reports children above their reported parent and keeps reported values', () => {
    const h = build([['p', null, 100], ['a', 'p', 80], ['b', 'p', 40], ['c', 'p', 'B']]);
    const r = estimateSuppressed(h);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'CHILDREN_EXCEED_PARENT', node: h.index('p'), childrenLower: 140 });
    expect(r.estimate[h.index('a')]).toBe(80);
    expect(r.estimate[h.index('b')]).toBe(40);
    expect(r.estimate[h.index('c')]).toBe(20);
    expect(r.estimate[h.index('p')]).toBe(100);
  });

  test('estimateSuppressed(h) reports children that cannot reach their parent and puts suppressed ones at their upper bound', () => {
    const h = build([['p', null, 1000], ['a', 'p', 100], ['c', 'p', 'B']]);
    const r = estimateSuppressed(h);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CHILDREN_BELOW_PARENT']);
    expect(r.estimate[h.index('c')]).toBe(99);
  });

  test('estimateSuppressed(h) keeps a suppressed parent inside its own range when its reported children overflow it', () => {
    const h = build([['t', null, 5000], ['p', 't', 'B'], ['q', 't', 'H'], ['a', 'p', 150]]);
    const r = estimateSuppressed(h);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CHILDREN_EXCEED_PARENT']);
    const p = r.estimate[h.index('p')];
    expect(p).toBeGreaterThanOrEqual(20);
    expect(p).toBeLessThanOrEqual(99);
    expect(r.estimate[h.index('a')]).toBe(150);
    expect(p + r.estimate[h.index('q')]).toBeCloseTo(5000, 6);
  });

  test('estimateSuppressed(h) never estimates 0 for a suppressed cell whose lower bound is positive', () => {
    const h = build([['p', null, 25], ['a', 'p', 25], ['b', 'p', 'B']]);
    const r = estimateSuppressed(h);
    expect(r.estimate[h.index('b')]).toBe(20);
    expect(r.diagnostics[0].code).toBe('CHILDREN_EXCEED_PARENT');
  });

  test('estimateSuppressed(h) handles a forest in any node order', () => {
    const a = build([['p', null, 100], ['a', 'p', 'B'], ['b', 'p', 'A'], ['q', null, 'C'], ['c', 'q', 120]]);
    const perm = [4, 2, 0, 3, 1];
    const inverse = new Int32Array(5);
    perm.forEach((old, k) => { inverse[old] = k; });
    const b: SuppressedHierarchy = {
      parent: Int32Array.from(perm, (old) => (a.parent[old] === -1 ? -1 : inverse[a.parent[old]])),
      value: Float64Array.from(perm, (old) => a.value[old]),
      lower: Float64Array.from(perm, (old) => a.lower[old]),
      upper: Float64Array.from(perm, (old) => a.upper[old]),
    };
    const ra = estimateSuppressed(a);
    const rb = estimateSuppressed(b);
    perm.forEach((old, k) => expect(rb.estimate[k]).toBe(ra.estimate[old]));
    expect(ra.estimate[a.index('q')]).toBe(120);
  });

  test('estimateSuppressed(h) notes a [0, Infinity) root without information and estimates its lower bound', () => {
    const h = build([['x', null, [0, Infinity]]]);
    const r = estimateSuppressed(h);
    expect(r.estimate[0]).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['NO_INFORMATION']);
  });

  test('estimateSuppressed(h) on an empty hierarchy returns empty arrays', () => {
    const r = estimateSuppressed({ parent: new Int32Array(0), value: new Float64Array(0), lower: new Float64Array(0), upper: new Float64Array(0) });
    expect(r.estimate.length).toBe(0);
    expect(r.iterations).toBe(1);
  });

  test('estimateSuppressed(h) reaches its fixed point in at most two sweeps on a tree', () => {
    const r = estimateSuppressed(build(WA_2011_336));
    expect(r.iterations).toBeLessThanOrEqual(2);
  });

  test('estimateSuppressed(h, { maxIterations: 1 }) throws CONVERGENCE when the fixed point needs a confirming sweep', () => {
    expect(() => estimateSuppressed(build(WA_2011_336), { maxIterations: 1 })).toThrow(expect.objectContaining({ code: 'CONVERGENCE' }));
  });

  test('estimateSuppressed(h) rejects bad input with stable codes', () => {
    const ok = build([['p', null, 10], ['a', 'p', 'A']]);
    const shape = { ...ok, lower: new Float64Array(1) };
    expect(() => estimateSuppressed(shape)).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    const cyc = { ...ok, parent: Int32Array.of(1, 0) };
    expect(() => estimateSuppressed(cyc)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const self = { ...ok, parent: Int32Array.of(0, 0) };
    expect(() => estimateSuppressed(self)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const outOfRange = { ...ok, parent: Int32Array.of(-1, 7) };
    expect(() => estimateSuppressed(outOfRange)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const noRange = { ...ok, lower: Float64Array.of(0, NaN) };
    expect(() => estimateSuppressed(noRange)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const inverted = { ...ok, lower: Float64Array.of(0, 20), upper: Float64Array.of(0, 10) };
    expect(() => estimateSuppressed(inverted)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const negative = { ...ok, value: Float64Array.of(-1, NaN) };
    expect(() => estimateSuppressed(negative)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => estimateSuppressed(ok, { maxIterations: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => estimateSuppressed(ok, { tolerance: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('ESTIMATE_SUPPRESSED_DEFAULTS is frozen', () => {
    expect(Object.isFrozen(ESTIMATE_SUPPRESSED_DEFAULTS)).toBe(true);
  });

  test('estimateSuppressed(h) handles 51 states × 2,700 nodes as one forest, truth inside every tightened range', () => {
    const states = 51;
    const perState = 2700;
    const n = states * perState;
    const parent = new Int32Array(n);
    const value = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    // each state: root, 20 sectors, 6-ary tree below; true values from a deterministic LCG, every 3rd cell suppressed
    let seed = 12345;
    const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const truth = new Float64Array(n);
    const hasChild = new Uint8Array(n);
    for (let s = 0; s < states; s++) {
      const base = s * perState;
      parent[base] = -1;
      for (let j = 1; j < perState; j++) {
        parent[base + j] = base + (j <= 20 ? 0 : 1 + Math.floor((j - 21) / 6));
        hasChild[parent[base + j]] = 1;
      }
    }
    // children have higher indices than their parents: fill leaves, then add up from the back
    for (let k = n - 1; k >= 0; k--) {
      if (hasChild[k] === 0) truth[k] = Math.floor(next() * 3000);
      if (parent[k] >= 0) truth[parent[k]] += truth[k];
    }
    for (let k = 0; k < n; k++) {
      if (k % 3 === 1) {
        const flag = 'ABCEFGHIJKLM'.split('').find((f) => cbpEmploymentFlagRange(f).upper >= truth[k]) ?? 'M';
        value[k] = NaN;
        lower[k] = cbpEmploymentFlagRange(flag).lower;
        upper[k] = cbpEmploymentFlagRange(flag).upper;
      } else value[k] = truth[k];
    }
    const r = estimateSuppressed({ parent, value, lower, upper });
    expect(r.diagnostics).toEqual([]);
    let outside = 0;
    for (let k = 0; k < n; k++) if (truth[k] < r.lower[k] - 1e-6 || truth[k] > r.upper[k] + 1e-6) outside++;
    expect(outside).toBe(0);
  });
});
