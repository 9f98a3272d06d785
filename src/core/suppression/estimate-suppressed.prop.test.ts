import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CBP_EMPLOYMENT_FLAG_RANGES } from './cbp-employment-flags.js';
import { estimateSuppressed } from './estimate-suppressed.js';
import type { SuppressedEstimate, SuppressedHierarchy } from './estimate-suppressed.js';

const CLASSES = Object.values(CBP_EMPLOYMENT_FLAG_RANGES);

interface Case {
  readonly h: SuppressedHierarchy;
  readonly truth: Float64Array;
}

/**
 * Random forests with true non-negative values that add up, nodes shuffled, a random subset suppressed.
 * A suppressed node gets either the CBP size class of its true value or a random interval around it
 * (possibly open-ended), so the truth is always feasible.
 */
const consistentCase: fc.Arbitrary<Case> = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.record({
    n: fc.constant(n),
    parentDraw: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    leaf: fc.array(fc.integer({ min: 0, max: 30000 }), { minLength: n, maxLength: n }),
    suppressed: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    style: fc.array(fc.constantFrom('cbp', 'interval', 'open'), { minLength: n, maxLength: n }),
    slackBelow: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    slackAbove: fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: n, maxLength: n }),
    order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
  }))
  .map(({ n, parentDraw, leaf, suppressed, style, slackBelow, slackAbove, order }) => {
    // tree in generation order: node k's parent is a node < k, or none (about 1 in 8 nodes is a root)
    const genParent = new Int32Array(n);
    for (let k = 0; k < n; k++) genParent[k] = k === 0 || parentDraw[k] < 0.125 ? -1 : Math.min(k - 1, Math.floor(parentDraw[k] * k));
    const hasChild = new Uint8Array(n);
    for (let k = 0; k < n; k++) if (genParent[k] >= 0) hasChild[genParent[k]] = 1;
    const genTruth = new Float64Array(n);
    for (let k = n - 1; k >= 0; k--) {
      if (hasChild[k] === 0) genTruth[k] = leaf[k];
      if (genParent[k] >= 0) genTruth[genParent[k]] += genTruth[k];
    }
    // shuffle: generation node order[i] becomes node i
    const position = new Int32Array(n);
    for (let i = 0; i < n; i++) position[order[i]] = i;
    const parent = new Int32Array(n);
    const value = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    const truth = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = order[i];
      parent[i] = genParent[g] === -1 ? -1 : position[genParent[g]];
      const t = genTruth[g];
      truth[i] = t;
      if (!suppressed[g]) {
        value[i] = t;
        continue;
      }
      value[i] = NaN;
      if (style[g] === 'cbp') {
        const c = CLASSES.find((r) => r.upper >= t) ?? CLASSES[CLASSES.length - 1];
        lower[i] = c.lower;
        upper[i] = c.upper;
      } else {
        lower[i] = Math.floor(t * slackBelow[g]);
        upper[i] = style[g] === 'open' ? Infinity : t + slackAbove[g];
      }
    }
    return { h: { parent, value, lower, upper }, truth };
  });

/** Arbitrary, usually inconsistent data: random forest, random reported values, random ranges. */
const arbitraryCase: fc.Arbitrary<SuppressedHierarchy> = fc
  .integer({ min: 1, max: 30 })
  .chain((n) => fc.record({
    n: fc.constant(n),
    parentDraw: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
    reported: fc.array(fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 1 }), { minLength: n, maxLength: n }),
    rangeLower: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: n, maxLength: n }),
    rangeWidth: fc.array(fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 6 }), { minLength: n, maxLength: n }),
  }))
  .map(({ n, parentDraw, reported, rangeLower, rangeWidth }) => {
    const parent = new Int32Array(n);
    const value = new Float64Array(n);
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      parent[k] = k === 0 || parentDraw[k] < 0.1 ? -1 : Math.min(k - 1, Math.floor(parentDraw[k] * k));
      const v = reported[k];
      value[k] = v === null ? NaN : v;
      lower[k] = rangeLower[k];
      const w = rangeWidth[k];
      upper[k] = w === null ? Infinity : rangeLower[k] + w;
    }
    return { parent, value, lower, upper };
  });

function familyErrors(h: SuppressedHierarchy, r: SuppressedEstimate): Float64Array {
  const n = h.parent.length;
  const sums = new Float64Array(n);
  const hasChild = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    if (h.parent[k] >= 0) {
      sums[h.parent[k]] += r.estimate[k];
      hasChild[h.parent[k]] = 1;
    }
  }
  const err = new Float64Array(n);
  for (let p = 0; p < n; p++) err[p] = hasChild[p] ? Math.abs(sums[p] - r.estimate[p]) : 0;
  return err;
}

function expectInsideOriginalRanges(h: SuppressedHierarchy, r: SuppressedEstimate): void {
  for (let k = 0; k < h.parent.length; k++) {
    if (Number.isNaN(h.value[k])) {
      expect(r.estimated[k]).toBe(1);
      expect(r.estimate[k]).toBeGreaterThanOrEqual(h.lower[k]);
      expect(r.estimate[k]).toBeLessThanOrEqual(h.upper[k]);
      expect(r.estimate[k]).toBeGreaterThanOrEqual(r.lower[k]);
      expect(r.estimate[k]).toBeLessThanOrEqual(r.upper[k]);
      if (h.lower[k] > 0) expect(r.estimate[k]).toBeGreaterThan(0);
    } else {
      expect(r.estimated[k]).toBe(0);
      expect(r.estimate[k]).toBe(h.value[k]);
      expect(r.lower[k]).toBe(h.value[k]);
      expect(r.upper[k]).toBe(h.value[k]);
    }
  }
}

describe('estimateSuppressed properties', () => {
  test('estimateSuppressed(h) on consistent data: estimates in range, families add up, reported values kept, truth inside the tightened bounds', () => {
    fc.assert(fc.property(consistentCase, ({ h, truth }) => {
      const r = estimateSuppressed(h);
      expect(r.diagnostics.filter((d) => d.code !== 'NO_INFORMATION')).toEqual([]);
      expectInsideOriginalRanges(h, r);
      const err = familyErrors(h, r);
      for (let p = 0; p < err.length; p++) expect(err[p]).toBeLessThanOrEqual(1e-6);
      for (let k = 0; k < truth.length; k++) {
        expect(truth[k]).toBeGreaterThanOrEqual(r.lower[k] - 1e-6);
        expect(truth[k]).toBeLessThanOrEqual(r.upper[k] + 1e-6);
      }
      expect(r.iterations).toBeLessThanOrEqual(2);
    }), { numRuns: 500 });
  });

  test('estimateSuppressed(h) is deterministic', () => {
    fc.assert(fc.property(consistentCase, ({ h }) => {
      const a = estimateSuppressed(h);
      const b = estimateSuppressed(h);
      expect(b.estimate).toEqual(a.estimate);
      expect(b.lower).toEqual(a.lower);
      expect(b.upper).toEqual(a.upper);
      expect(b.diagnostics).toEqual(a.diagnostics);
    }), { numRuns: 100 });
  });

  test('estimateSuppressed(h) pins a suppressed cell exactly when its value is the only unknown of a reported family', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: 1, maxLength: 20 }),
      fc.nat(),
      (children, pick) => {
        const n = children.length + 1;
        const hidden = 1 + (pick % children.length);
        const total = children.reduce((s, x) => s + x, 0);
        const parent = Int32Array.from({ length: n }, (_, k) => (k === 0 ? -1 : 0));
        const value = Float64Array.from({ length: n }, (_, k) => (k === 0 ? total : k === hidden ? NaN : children[k - 1]));
        const c = CLASSES.find((r) => r.upper >= children[hidden - 1]) ?? CLASSES[CLASSES.length - 1];
        const lower = new Float64Array(n).fill(c.lower);
        const upper = new Float64Array(n).fill(c.upper);
        const r = estimateSuppressed({ parent, value, lower, upper });
        expect(r.estimate[hidden]).toBe(children[hidden - 1]);
      },
    ), { numRuns: 200 });
  });

  test('estimateSuppressed(h) on arbitrary, inconsistent data never leaves a range and keeps every undiagnosed family exact', () => {
    fc.assert(fc.property(arbitraryCase, (h) => {
      const r = estimateSuppressed(h);
      expectInsideOriginalRanges(h, r);
      const flagged = new Set(r.diagnostics.filter((d) => d.code !== 'NO_INFORMATION').map((d) => d.node));
      const err = familyErrors(h, r);
      for (let p = 0; p < err.length; p++) if (!flagged.has(p)) expect(err[p]).toBeLessThanOrEqual(1e-6);
    }), { numRuns: 500 });
  });
});
