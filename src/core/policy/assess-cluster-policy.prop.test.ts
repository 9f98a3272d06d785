import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { assessClusterPolicy } from './assess-cluster-policy.js';
import type { PolicyEvidenceKey } from './cluster-policy-criteria.js';

const points = { strong: 2, adequate: 1, weak: 0, 'not-assessable': -1 } as const;

/** Evidence where more is better for the criterion that reads it, and the criterion id. */
const higherIsBetter: [PolicyEvidenceKey, string][] = [
  ['regionalPartnerCount', 'regional-partnership'],
  ['policyDomainCount', 'comprehensive-strategy'],
  ['targetCount', 'wide-target-range'],
  ['universityIndustryLinkShare', 'university-role'],
  ['targetOverlapShare', 'link-to-agglomeration'],
  ['smeLinkShare', 'sme-support'],
  ['smeSupplierLinkShare', 'sme-supporting-business'],
  ['smeJointProjectCount', 'sme-alliances'],
];
const lowerIsBetter: [PolicyEvidenceKey, string][] = [
  ['highTechTargetShare', 'high-tech-narrowness'],
  ['spinOutMeasureShare', 'spin-out-reliance'],
];

const rating = (key: PolicyEvidenceKey, id: string, value: number): number => {
  const a = assessClusterPolicy({ [key]: { value, source: 's', method: 'm' } });
  return points[a.criteria.find((c) => c.id === id)!.rating];
};

describe('assessClusterPolicy invariants', () => {
  test('assessClusterPolicy(e) never rates lower when evidence where more is better grows, or where less is better shrinks', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 20, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const [key, id] of higherIsBetter) expect(rating(key, id, hi)).toBeGreaterThanOrEqual(rating(key, id, lo));
        for (const [key, id] of lowerIsBetter) expect(rating(key, id, lo)).toBeGreaterThanOrEqual(rating(key, id, hi));
      }),
      { numRuns: 60 },
    );
  });
  test('assessClusterPolicy(e) score lies in [0, 2] and counts only assessable criteria', () => {
    const keys = [...higherIsBetter, ...lowerIsBetter].map(([k]) => k);
    fc.assert(
      fc.property(fc.subarray(keys), fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: keys.length, maxLength: keys.length }), (chosen, values) => {
        const evidence = Object.fromEntries(chosen.map((k, i) => [k, { value: values[i]!, source: 's', method: 'm' }]));
        const a = assessClusterPolicy(evidence);
        expect(a.assessable).toBe(a.criteria.filter((c) => c.points !== null).length);
        if (a.assessable === 0) expect(a.score).toBeNaN();
        else expect(a.score >= 0 && a.score <= 2).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
