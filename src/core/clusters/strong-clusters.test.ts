import { describe, expect, it } from 'vitest';
import { NOT_APPLICABLE, STRONG_CLUSTERS_DEFAULTS, strongClusters } from './strong-clusters.js';
import type { StrongClustersInput } from './strong-clusters.js';
import type { ClusterType } from './cluster-location-quotient.js';

/** One traded cluster over five regions (one value per region), LQs given directly. */
function oneCluster(lq: number[], employment: number[], establishments: number[], type: ClusterType = 'traded'): StrongClustersInput {
  return {
    regionCount: lq.length,
    clusterCount: 1,
    lq: Float64Array.from(lq),
    employment: Float64Array.from(employment),
    establishments: Float64Array.from(establishments),
    types: [type],
  };
}

// Five regions: with n = 5, P75 (h = 3) and P25 (h = 1) fall exactly on order statistics.
const LQ = [0.5, 0.8, 1.2, 1.6, 2.0];

describe('strongClusters', () => {
  it('strongClusters(input) rates a cluster whose LQ is exactly the 75th percentile as strong (LQ ≥ P75)', () => {
    const r = strongClusters(oneCluster(LQ, [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]));
    expect(r.lqThreshold[0]).toBe(1.6);
    expect(Array.from(r.strong)).toEqual([0, 0, 0, 1, 1]);
  });

  it('strongClusters(input) does not rate a cluster whose employment is exactly the 25th percentile (employment > P25)', () => {
    // employment sorted 10, 20, 30, 40, 50 → P25 = 20, held by the region with LQ 1.6
    const r = strongClusters(oneCluster(LQ, [10, 30, 40, 20, 50], [1, 2, 3, 4, 5]));
    expect(r.employmentThreshold[0]).toBe(20);
    expect(Array.from(r.strong)).toEqual([0, 0, 0, 0, 1]);
  });

  it('strongClusters(input) does not rate a cluster whose establishments are exactly the 25th percentile', () => {
    const r = strongClusters(oneCluster(LQ, [10, 20, 30, 40, 50], [1, 3, 4, 2, 5]));
    expect(r.establishmentsThreshold[0]).toBe(2);
    expect(Array.from(r.strong)).toEqual([0, 0, 0, 0, 1]);
  });

  it('strongClusters(input) requires LQ ≥ 1 even at or above the 75th percentile', () => {
    // e.g. regions of one type that are a subset of the nation, LQs against national totals
    const r = strongClusters(oneCluster([0.1, 0.2, 0.3, 0.9, 0.95], [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]));
    expect(r.lqThreshold[0]).toBeCloseTo(0.9, 15);
    expect(Array.from(r.strong)).toEqual([0, 0, 0, 0, 0]);
    const exactlyOne = strongClusters(oneCluster([0.1, 0.2, 0.3, 0.9, 1], [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]));
    // LQ exactly 1 passes the floor; 0.9 is at P75 but below 1
    expect(Array.from(exactlyOne.strong)).toEqual([0, 0, 0, 0, 1]);
  });

  it('strongClusters(input) rates strong10 with the 90th percentile of LQ', () => {
    // P90: h = 3.6 → 1.6 + 0.6 · 0.4 = 1.84
    const r = strongClusters(oneCluster(LQ, [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]));
    expect(r.lq10Threshold[0]).toBeCloseTo(1.84, 12);
    expect(Array.from(r.strong10)).toEqual([0, 0, 0, 0, 1]);
  });

  it('strongClusters(input) leaves regions with zero employment out of the percentiles and never rates them', () => {
    // four employed regions: employment 20, 30, 40, 50 → P25 = 27.5 (with the zero region it would be 20)
    const r = strongClusters(oneCluster([0, 0.8, 1.2, 1.6, 2.0], [0, 20, 30, 40, 50], [0, 2, 3, 4, 5]));
    expect(r.employmentThreshold[0]).toBe(27.5);
    expect(r.establishmentsThreshold[0]).toBe(2.75);
    // LQs 0.8, 1.2, 1.6, 2.0 → P75 = 1.6 + 0.25 · 0.4 = 1.7
    expect(r.lqThreshold[0]).toBeCloseTo(1.7, 12);
    expect(Array.from(r.strong)).toEqual([0, 0, 0, 0, 1]);
  });

  it('strongClusters(input) leaves regions with NaN LQ out of the percentiles and never rates them', () => {
    const r = strongClusters(oneCluster([NaN, 0.8, 1.2, 1.6, 2.0], [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]));
    expect(r.employmentThreshold[0]).toBe(27.5);
    expect(r.strong[0]).toBe(0);
  });

  it('strongClusters(input) does not rate local clusters (NOT_APPLICABLE, NaN thresholds)', () => {
    const r = strongClusters(oneCluster(LQ, [10, 20, 30, 40, 50], [1, 2, 3, 4, 5], 'local'));
    expect(Array.from(r.strong)).toEqual(Array(5).fill(NOT_APPLICABLE));
    expect(Array.from(r.strong10)).toEqual(Array(5).fill(NOT_APPLICABLE));
    expect(r.lqThreshold[0]).toBeNaN();
    expect(r.employmentThreshold[0]).toBeNaN();
  });

  it('strongClusters(input) rates nothing in a cluster no region employs (NaN thresholds)', () => {
    const r = strongClusters(oneCluster([NaN, NaN], [0, 0], [0, 0]));
    expect(Array.from(r.strong)).toEqual([0, 0]);
    expect(r.lqThreshold[0]).toBeNaN();
  });

  it('strongClusters(input) gives cluster strength = traded employment in strong clusters / traded employment', () => {
    // two regions × (traded X, traded Y, local L); region 0 strong in X only
    const input: StrongClustersInput = {
      regionCount: 2,
      clusterCount: 3,
      lq: Float64Array.of(1.5, 0.5, 1, 0.5, 1.5, 1),
      employment: Float64Array.of(30, 10, 500, 10, 0, 500),
      establishments: Float64Array.of(5, 5, 50, 1, 0, 50),
      types: ['traded', 'traded', 'local'],
    };
    const r = strongClusters(input);
    expect(Array.from(r.strong)).toEqual([1, 0, NOT_APPLICABLE, 0, 0, NOT_APPLICABLE]);
    expect(r.clusterStrength[0]).toBe(30 / 40);
    expect(r.clusterStrength[1]).toBe(0);
  });

  it('strongClusters(input) gives NaN cluster strength for a region without traded employment', () => {
    const r = strongClusters({ ...oneCluster([1], [0], [0]), types: ['traded'] });
    expect(r.clusterStrength[0]).toBeNaN();
  });

  it('strongClusters(input, options) takes other percentiles and LQ floors', () => {
    expect(STRONG_CLUSTERS_DEFAULTS).toEqual({ lqPercentile: 0.75, strong10Percentile: 0.9, sizePercentile: 0.25, minimumLq: 1 });
    const r = strongClusters(oneCluster(LQ, [10, 20, 30, 40, 50], [1, 2, 3, 4, 5]), { lqPercentile: 0.5, sizePercentile: 0, minimumLq: 0 });
    // P50 = 1.2; size must exceed the minimum (10, 1)
    expect(Array.from(r.strong)).toEqual([0, 0, 1, 1, 1]);
  });

  it('strongClusters(input) refuses arrays of the wrong length with SHAPE_MISMATCH', () => {
    expect(() => strongClusters({ ...oneCluster(LQ, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), employment: Float64Array.of(1) })).toThrow(
      expect.objectContaining({ code: 'SHAPE_MISMATCH' }),
    );
  });
});
