import { describe, expect, it } from 'vitest';
import { denseMatrix } from '../matrix/dense-matrix.js';
import {
  aggregateFlows,
  colocationCorrelation,
  inputOutputRelatedness,
  jaccardSimilarity,
  opportunityQuadrants,
  profileSimilarity,
  supplyChainGaps,
} from './index.js';

describe('aggregateFlows', () => {
  it('aggregateFlows(F, A) is AᵀFA: a code split half and half between two clusters', () => {
    const F = denseMatrix(['a', 'b', 'c'], ['a', 'b', 'c'], Float64Array.from([1, 2, 0, 3, 4, 5, 0, 6, 7]));
    const A = denseMatrix(['a', 'b', 'c'], ['X', 'Y'], Float64Array.from([1, 0, 0.5, 0.5, 0, 1]));
    const G = aggregateFlows(F, A);
    expect(G.rows).toEqual(['X', 'Y']);
    expect([...G.values]).toEqual([4.5, 4.5, 5.5, 13.5]); // hand: T = FA = [[2,1],[5,7],[3,10]], G = AᵀT
    expect(G.values.reduce((s, v) => s + v, 0)).toBe(28); // fully allocated: total flow kept
  });

  it('aggregateFlows(F, A) throws INVALID_INPUT for a row of A summing above 1 and SHAPE_MISMATCH for a non-square F', () => {
    const F = denseMatrix(['a'], ['a'], Float64Array.from([1]));
    expect(() => aggregateFlows(F, denseMatrix(['a'], ['X', 'Y'], Float64Array.from([0.7, 0.7])))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => aggregateFlows(denseMatrix(['a'], ['a', 'b']), denseMatrix(['a'], ['X']))).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
  });
});

describe('inputOutputRelatedness', () => {
  const F = denseMatrix(['1', '2'], ['1', '2'], Float64Array.from([0, 30, 10, 0]));
  it('inputOutputRelatedness(F, totals) is the max of the four purchase and sale shares (Delgado–Porter–Stern)', () => {
    // input_12 = 10/100, input_21 = 30/60, output_12 = 30/200, output_21 = 10/50
    const r = inputOutputRelatedness(F, { inputTotals: [100, 60], outputTotals: [200, 50] });
    expect(r.values[1]).toBeCloseTo(0.5, 15);
    expect(r.values[2]).toBeCloseTo(0.5, 15);
    const r2 = inputOutputRelatedness(F, { inputTotals: [100, 600], outputTotals: [200, 50] });
    expect(r2.values[1]).toBeCloseTo(0.2, 15); // output_21 now the largest
    const inputsOnly = inputOutputRelatedness(F, { inputTotals: [100, 600], outputTotals: [200, 50], shares: 'inputs' });
    expect(inputsOnly.values[1]).toBeCloseTo(0.1, 15);
  });

  it('inputOutputRelatedness(F) skips shares with a zero total and is NaN when none is defined', () => {
    const r = inputOutputRelatedness(F, { inputTotals: [0, 0], outputTotals: [0, 50] });
    expect(r.values[1]).toBeCloseTo(0.2, 15);
    const none = inputOutputRelatedness(F, { inputTotals: [0, 0], outputTotals: [0, 0] });
    expect(none.values[1]).toBeNaN();
    expect(() => inputOutputRelatedness(denseMatrix(['1'], ['1'], Float64Array.from([-1])))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('colocationCorrelation', () => {
  it('colocationCorrelation(x) is the Pearson correlation of columns, NaN for a constant column, NaN rows left out', () => {
    const x = denseMatrix(['r1', 'r2', 'r3', 'r4'], ['x', 'y', 'z'], Float64Array.from([1, 2, 5, 2, 4, 5, 3, 7, 5, NaN, 1, 5]));
    const r = colocationCorrelation(x);
    expect(r.values[1]).toBeCloseTo(15 / Math.sqrt(228), 14); // hand: Σdxdy = 5, Σdx² = 2, Σdy² = 114/9
    expect(r.values[0]).toBe(1);
    expect(r.values[2]).toBeNaN();
    expect(r.values[8]).toBeNaN();
  });
});

describe('profileSimilarity', () => {
  it('profileSimilarity(x, 0) gives cosine, Euclidean and Krugman of shares against the target', () => {
    const x = denseMatrix(['a', 'b', 'c'], ['p', 'q'], Float64Array.from([1, 1, 2, 0, 0, 0]));
    const s = profileSimilarity(x, 0);
    expect(s.cosine[1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(s.euclidean[1]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(s.krugman[1]).toBeCloseTo(1, 15);
    expect([s.cosine[0], s.euclidean[0], s.krugman[0]]).toEqual([1, 0, 0]);
    expect(s.cosine[2]).toBeNaN(); // zero total
    expect([...s.total]).toEqual([2, 2, 0]);
  });
});

describe('jaccardSimilarity', () => {
  it('jaccardSimilarity(flags, 0) is |A∩B|/|A∪B|, NaN for two empty sets, 255 not in the set', () => {
    const f = denseMatrix(['t', 'r', 'e'], ['1', '2', '3'], Float64Array.from([1, 1, 255, 0, 1, 1, 0, 0, 0]));
    const j = jaccardSimilarity(f, 0);
    expect(j.jaccard[1]).toBeCloseTo(1 / 3, 15);
    expect(j.shared[1]).toBe(1);
    expect(j.jaccard[2]).toBe(0);
    const empty = jaccardSimilarity(denseMatrix(['a', 'b'], ['1'], Float64Array.from([0, 0])), 0);
    expect(empty.jaccard[1]).toBeNaN();
  });
});

describe('opportunityQuadrants', () => {
  it('opportunityQuadrants(d, c, thresholds) places ties on the high side and NaN nowhere', () => {
    const q = opportunityQuadrants([0.5, 0.1, 0.5, 0.1, NaN, 0.3], [1, 1, -1, -1, 0, 0], { densityThreshold: 0.3, complexityThreshold: 0 });
    expect([...q]).toEqual([1, 2, 3, 4, 0, 1]);
    expect(() => opportunityQuadrants([1], [1], { densityThreshold: NaN, complexityThreshold: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('supplyChainGaps', () => {
  it('supplyChainGaps(a, lq) is a × (1 − LQ) below LQ 1, 0 at or above, NaN when unknown', () => {
    const g = supplyChainGaps([0.3, 0.1, 0.2, NaN], [0.5, 2, NaN, 0.1]);
    expect(g[0]).toBeCloseTo(0.15, 15);
    expect(g[1]).toBe(0);
    expect(g[2]).toBeNaN();
    expect(g[3]).toBeNaN();
  });
});
