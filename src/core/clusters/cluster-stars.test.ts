import { describe, expect, it } from 'vitest';
import { CLUSTER_STARS_DEFAULTS, clusterStars } from './cluster-stars.js';
import type { ClusterStarsInput } from './cluster-stars.js';
import { NOT_APPLICABLE } from './strong-clusters.js';

// Worked example of docs/methods/cluster-stars.md: golden case test/golden/cluster-stars/hand-4x3.

/** One cluster over several regions (one value per region); region totals default to 10 × employment. */
function oneCluster(employment: number[], lq: number[], extra: Partial<ClusterStarsInput> = {}): ClusterStarsInput {
  return {
    regionCount: employment.length,
    clusterCount: 1,
    employment: Float64Array.from(employment),
    lq: Float64Array.from(lq),
    regionTotals: Float64Array.from(employment.map((e) => 10 * e + 1)),
    ...extra,
  };
}

// Eleven regions: Q(0.9) has h = 10 · 0.9 = 9, exactly the second-largest value.
const ELEVEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

describe('clusterStars', () => {
  it('clusterStars(input) gives the size star at or above the 90th percentile of employment (type 7)', () => {
    const r = clusterStars(oneCluster(ELEVEN, ELEVEN.map(() => 1)));
    expect(r.sizeThreshold[0]).toBe(10);
    expect(Array.from(r.sizeStar)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('clusterStars(input) gives the size star to every region tied at the cut-off', () => {
    const r = clusterStars(oneCluster([5, 5, 5, 5], [1, 1, 1, 1]));
    expect(r.sizeThreshold[0]).toBe(5);
    expect(Array.from(r.sizeStar)).toEqual([1, 1, 1, 1]);
  });

  it('clusterStars(input) interpolates the cut-off between order statistics', () => {
    // 10, 20, 30, 40: h = 2.7 → 30 + 0.7 · 10 = 37
    const r = clusterStars(oneCluster([40, 10, 30, 20], [1, 1, 1, 1]));
    expect(r.sizeThreshold[0]).toBeCloseTo(37, 12);
    expect(Array.from(r.sizeStar)).toEqual([1, 0, 0, 0]);
  });

  it('clusterStars(input) leaves regions with zero or NaN employment out of the percentiles and never stars them', () => {
    // employed: 10, 20 → h = 0.9 → 19; without exclusion (0, 0, 10, 20) it would be 17
    const r = clusterStars(oneCluster([0, 0, 10, 20, NaN], [5, 5, 1, 1, 5]));
    expect(r.sizeThreshold[0]).toBeCloseTo(19, 12);
    expect(Array.from(r.sizeStar)).toEqual([0, 0, 0, 1, 0]);
    expect(Array.from(r.specialisationStar)).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(r.focusStar)).toEqual([0, 0, 0, 1, 0]);
  });

  it('clusterStars(input) gives the specialisation star at LQ ≥ 2 and none for a NaN LQ', () => {
    const r = clusterStars(oneCluster([1, 1, 1, 1], [1.999, 2, 3, NaN]));
    expect(Array.from(r.specialisationStar)).toEqual([0, 1, 1, 0]);
    const lower = clusterStars(oneCluster([1, 1, 1, 1], [1.999, 2, 3, NaN]), { specialisationLq: 1.5 });
    expect(Array.from(lower.specialisationStar)).toEqual([1, 1, 1, 0]);
  });

  it('clusterStars(input) rates focus on the share of the region total, NaN for a zero total', () => {
    const r = clusterStars({
      regionCount: 3,
      clusterCount: 1,
      employment: Float64Array.from([10, 10, 0]),
      lq: Float64Array.from([1, 1, 1]),
      regionTotals: Float64Array.from([100, 20, 0]),
    });
    expect(Array.from(r.focus)).toEqual([0.1, 0.5, NaN]);
    // shares of the employed regions 0.1, 0.5 → h = 0.9 → 0.46
    expect(r.focusThreshold[0]).toBeCloseTo(0.46, 12);
    expect(Array.from(r.focusStar)).toEqual([0, 1, 0]);
  });

  it('clusterStars(input) takes region totals from the row sums by default', () => {
    const r = clusterStars({ regionCount: 2, clusterCount: 2, employment: Float64Array.from([1, 3, 2, 2]), lq: new Float64Array(4) });
    expect(Array.from(r.focus)).toEqual([0.25, 0.75, 0.5, 0.5]);
  });

  it('clusterStars(input) counts stars as size + specialisation + focus', () => {
    const r = clusterStars(oneCluster(ELEVEN, [...ELEVEN.slice(0, 10).map(() => 1), 2]));
    expect(Array.from(r.stars).slice(9)).toEqual([2, 3]);
  });

  it('clusterStars(input) does not rate local clusters by default (NOT_APPLICABLE, NaN stars), rates them on request', () => {
    const input = oneCluster([1, 2], [3, 3], { types: ['local'] });
    const r = clusterStars(input);
    expect(Array.from(r.sizeStar)).toEqual([NOT_APPLICABLE, NOT_APPLICABLE]);
    expect(Array.from(r.stars)).toEqual([NaN, NaN]);
    expect(r.sizeThreshold[0]).toBeNaN();
    const rated = clusterStars(input, { localClusters: 'rate' });
    // region 0: specialisation only; region 1: size, specialisation and focus
    expect(Array.from(rated.stars)).toEqual([1, 3]);
  });

  it('clusterStars(input) gives the productivity star at wage per employee ≥ ratio × reference', () => {
    // reference = (100 + 300 + 200) / (10 + 20 + 10) = 15
    const input = oneCluster([10, 20, 10, 0], [1, 1, 1, 1], { wages: Float64Array.from([100, 300, 200, 0]) });
    const r = clusterStars(input);
    expect(r.referenceWagePerEmployee?.[0]).toBe(15);
    expect(Array.from(r.wagePerEmployee ?? [])).toEqual([10, 15, 20, NaN]);
    expect(Array.from(r.productivityStar ?? [])).toEqual([0, 1, 1, 0]);
    const strict = clusterStars(input, { productivityRatio: 1.2 });
    expect(Array.from(strict.productivityStar ?? [])).toEqual([0, 0, 1, 0]);
    const given = clusterStars({ ...input, referenceWagePerEmployee: Float64Array.from([9]) });
    expect(Array.from(given.productivityStar ?? [])).toEqual([1, 1, 1, 0]);
  });

  it('clusterStars(input) has no productivity fields without wages', () => {
    const r = clusterStars(oneCluster([1], [1]));
    expect(r.productivityStar).toBeUndefined();
    expect(r.wagePerEmployee).toBeUndefined();
  });

  it('clusterStars(input) stars the only employed region (the 90th percentile of one value is that value)', () => {
    const r = clusterStars(oneCluster([0, 7], [0, 1]));
    expect(Array.from(r.sizeStar)).toEqual([0, 1]);
    expect(Array.from(r.focusStar)).toEqual([0, 1]);
  });

  it('clusterStars(input) takes the top share as options (sizeTopShare 0.5 → the median)', () => {
    const r = clusterStars(oneCluster([1, 2, 3, 4, 5], [1, 1, 1, 1, 1]), { sizeTopShare: 0.5 });
    expect(r.sizeThreshold[0]).toBe(3);
    expect(Array.from(r.sizeStar)).toEqual([0, 0, 1, 1, 1]);
  });

  it('CLUSTER_STARS_DEFAULTS is frozen and holds the Observatory thresholds', () => {
    expect(Object.isFrozen(CLUSTER_STARS_DEFAULTS)).toBe(true);
    expect(CLUSTER_STARS_DEFAULTS).toEqual({ sizeTopShare: 0.1, specialisationLq: 2, focusTopShare: 0.1, productivityRatio: 1, localClusters: 'skip' });
  });

  it('clusterStars(input) throws SHAPE_MISMATCH and INVALID_INPUT with stable codes', () => {
    expect(() => clusterStars({ regionCount: 2, clusterCount: 1, employment: new Float64Array(1), lq: new Float64Array(2) })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
    expect(() => clusterStars(oneCluster([-1], [1]))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => clusterStars(oneCluster([1], [1]), { sizeTopShare: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => clusterStars(oneCluster([1], [1], { wages: Float64Array.from([-1]) }))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
