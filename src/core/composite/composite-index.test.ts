import { describe, expect, test } from 'vitest';
import { compositeIndex } from './composite-index.js';
import { compositeSensitivity } from './composite-sensitivity.js';
import { performanceGroup } from './performance-group.js';
import { sampleSkewness } from './sample-skewness.js';

const input = (values: number[], indicators = [{ id: 'x' }, { id: 'y' }], regions = ['A', 'B', 'C', 'D']) => ({ regions, indicators, values: Float64Array.from(values) });

describe('compositeIndex', () => {
  test('compositeIndex(m) drops a constant indicator with a diagnostic', () => {
    const r = compositeIndex(input([1, 5, 2, 5, 3, 5, 4, 5]));
    expect(r.indicators[1]!.constant).toBe(true);
    expect(r.indicators[1]!.weight).toBe(0);
    expect(Array.from(r.composite)).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect(r.diagnostics.some((d) => d.includes('indicator y: all values equal'))).toBe(true);
  });

  test('compositeIndex(m) leaves a skewed indicator with a zero untransformed under log, with a diagnostic', () => {
    const r = compositeIndex(input([0, 1, 1, 2, 1, 3, 64, 4]), { transformation: 'log' });
    expect(r.indicators[0]!.skewness).toBeGreaterThan(1);
    expect(r.indicators[0]!.transformation).toBe('none');
    expect(r.diagnostics[0]).toMatch(/log needs values > 0/);
  });

  test('compositeIndex(m) applies the natural log when every value is positive', () => {
    const r = compositeIndex(input([1, 1, 2, 2, 4, 3, 1024, 4]), { transformation: 'log' });
    expect(r.indicators[0]!.transformation).toBe('log');
    expect(r.scores[4]).toBeCloseTo(Math.log(4) / Math.log(1024), 12); // region C, indicator x
  });

  test('compositeIndex(m) gives NaN, no rank and no group below the minimum coverage', () => {
    const r = compositeIndex(input([NaN, NaN, 1, 1, 2, 2, 3, 3]));
    expect(r.coverage[0]).toBe(0);
    expect(r.composite[0]).toBeNaN();
    expect(r.rank[0]).toBeNaN();
    expect(r.group[0]).toBeNull();
    expect(r.rank[3]).toBe(1);
  });

  test('compositeIndex(m) rejects bad shapes, weights and references with stable codes', () => {
    expect(() => compositeIndex(input([1, 2, 3]))).toThrow(expect.objectContaining({ code: 'SHAPE_MISMATCH' }));
    expect(() => compositeIndex(input([1, 2, 3, 4, 5, 6, 7, 8], [{ id: 'x' }, { id: 'x' }]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compositeIndex(input([1, 2, 3, 4, 5, 6, 7, 8], [{ id: 'x', weight: -1 } as never, { id: 'y' }]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compositeIndex(input([1, 2, 3, 4, 5, 6, 7, 8]), { reference: 'Z' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compositeIndex(input([1, 2, 3, 4, 5, 6, 7, Infinity]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('compositeIndex(m) winsorises at mean ± k sd', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const r = compositeIndex({ regions: values.map(String), indicators: [{ id: 'x' }], values: Float64Array.from(values) }, { outlierSd: 1, transformation: 'none' });
    expect(r.indicators[0]!.winsorised).toBe(1);
    expect(r.indicators[0]!.max).toBeCloseTo(r.indicators[0]!.upper, 12);
  });
});

describe('performanceGroup', () => {
  test('performanceGroup(x) follows the RIS thresholds, 125 strong and 100 strong', () => {
    expect([126, 125, 100, 99.9, 70, 69.9].map((v) => performanceGroup(v))).toEqual(['leader', 'strong', 'strong', 'moderate', 'moderate', 'emerging']);
    expect(performanceGroup(NaN)).toBeNull();
  });
});

describe('sampleSkewness', () => {
  test('sampleSkewness(x) is NaN for fewer than 3 values or a constant series and ignores NaN', () => {
    expect(sampleSkewness([1, 2])).toBeNaN();
    expect(sampleSkewness([3, 3, 3])).toBeNaN();
    expect(sampleSkewness([1, NaN, 1, 1, 4])).toBeCloseTo(2, 12);
  });
});

describe('compositeSensitivity', () => {
  const m = input([1, 9, 2, 7, 3, 5, 10, 10, 5, 1, 6, 2], [{ id: 'x' }, { id: 'y' }], ['A', 'B', 'C', 'D', 'E', 'F']);
  test('compositeSensitivity(m) is reproducible for a seed', () => {
    const a = compositeSensitivity(m, { draws: 200, seed: 42 });
    const b = compositeSensitivity(m, { draws: 200, seed: 42 });
    expect(Array.from(a.medianRank)).toEqual(Array.from(b.medianRank));
    expect(Array.from(a.volatility)).toEqual(Array.from(b.volatility));
  });
  test('compositeSensitivity(m) with zero perturbation never moves a rank', () => {
    const s = compositeSensitivity(m, { draws: 50, perturbation: 0 });
    expect(Array.from(s.medianRank)).toEqual(Array.from(s.baselineRank));
    expect(Array.from(s.volatility)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(s.shareChanged)).toEqual([0, 0, 0, 0, 0, 0]);
  });
  test('compositeSensitivity(m) keeps a dominating region first and moves ranks of trade-off regions under simplex weights', () => {
    const s = compositeSensitivity(m, { draws: 500, mode: 'simplex', seed: 3 });
    expect(s.rankP05[3]).toBe(1);
    expect(s.rankP95[3]).toBe(1);
    expect(s.volatility[0]).toBeGreaterThan(0);
    for (let r = 0; r < 6; r++) {
      expect(s.rankP05[r]).toBeLessThanOrEqual(s.medianRank[r]!);
      expect(s.medianRank[r]).toBeLessThanOrEqual(s.rankP95[r]!);
    }
  });
  test('compositeSensitivity(m) rejects bad draws and perturbations', () => {
    expect(() => compositeSensitivity(m, { draws: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => compositeSensitivity(m, { perturbation: 2 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
