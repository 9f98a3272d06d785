import { describe, expect, test } from 'vitest';
import { assessClusterPolicy } from './assess-cluster-policy.js';
import type { PolicyEvidence } from './assess-cluster-policy.js';
import { clusterPolicyCriteria } from './cluster-policy-criteria.js';
import { easternReferenceProfile, westernReferenceProfile } from './reference-profiles.js';

const item = (value: number | boolean | null) => ({ value, source: 'test', method: 'given' });
const byId = (a: ReturnType<typeof assessClusterPolicy>, id: string) => a.criteria.find((c) => c.id === id)!;

describe('assessClusterPolicy', () => {
  test('assessClusterPolicy({}) marks every criterion not assessable and the score NaN', () => {
    const a = assessClusterPolicy({});
    expect(a.criteria).toHaveLength(clusterPolicyCriteria.length);
    expect(a.criteria.every((c) => c.rating === 'not-assessable' && c.points === null)).toBe(true);
    expect(a.score).toBeNaN();
    expect(a.criteria[0]!.evidence.every((e) => e.source === 'not available')).toBe(true);
  });

  test('assessClusterPolicy(e) applies the thresholds at their boundaries', () => {
    const a = assessClusterPolicy({ regionalPartnerCount: item(3), targetCount: item(3), highTechTargetShare: item(0.8), targetOverlapShare: item(0.2) });
    expect(byId(a, 'regional-partnership').rating).toBe('strong');
    expect(byId(a, 'wide-target-range').rating).toBe('adequate');
    expect(byId(a, 'high-tech-narrowness').rating).toBe('adequate');
    expect(byId(a, 'link-to-agglomeration').rating).toBe('weak');
    expect(a.score).toBeCloseTo((2 + 1 + 1 + 0) / 4, 12);
    expect(a.assessable).toBe(4);
  });

  test('assessClusterPolicy(e) steps a wide target list down when it is narrow for the region', () => {
    const e: PolicyEvidence = { targetCount: item(4), strongClusterCount: item(20), targetBreadthRatio: item(0.2) };
    const c = byId(assessClusterPolicy(e), 'wide-target-range');
    expect(c.rating).toBe('adequate');
    expect(c.rationale).toContain('one step down');
  });

  test('assessClusterPolicy(e) caps a stated university partnership without network data at adequate', () => {
    expect(byId(assessClusterPolicy({ universityPartnership: item(true) }), 'university-role').rating).toBe('adequate');
    expect(byId(assessClusterPolicy({ universityIndustryLinkShare: item(0.2) }), 'university-role').rating).toBe('strong');
  });

  test('assessClusterPolicy(e) rates a core body by budget and centrality', () => {
    expect(byId(assessClusterPolicy({ coreBodyPresent: item(true), coreBodyOwnBudget: item(true) }), 'commitment-and-core-body').rating).toBe('strong');
    expect(byId(assessClusterPolicy({ coreBodyPresent: item(true), coreBodyOwnBudget: item(true), coreBodyCentrality: item(0.1) }), 'commitment-and-core-body').rating).toBe('adequate');
    expect(byId(assessClusterPolicy({ coreBodyPresent: item(false) }), 'commitment-and-core-body').rating).toBe('weak');
  });

  test('assessClusterPolicy(e) keeps the source of each piece of evidence and the profiles beside the rating', () => {
    const c = byId(assessClusterPolicy({ localInitiative: { value: false, source: 'article, METI', method: 'reading' } }), 'local-initiative');
    expect(c.evidence[0]).toEqual({ key: 'localInitiative', value: false, source: 'article, METI', method: 'reading' });
    expect(c.eastern.rating).toBe('weak');
    expect(c.western.rating).toBe('strong');
  });

  test('assessClusterPolicy(e) compares with the profiles only where both are rated', () => {
    const a = assessClusterPolicy({ localInitiative: item(false), socialObjectives: item(true) });
    expect(a.similarity.comparedEastern).toBe(1); // social-issues is null in the Eastern profile
    expect(a.similarity.eastern).toBe(1);
    expect(a.similarity.comparedWestern).toBe(2);
    expect(a.similarity.western).toBe(0.5);
  });

  test('assessClusterPolicy(e) refuses evidence without a source or with a non-finite value', () => {
    expect(() => assessClusterPolicy({ targetCount: { value: 3, source: '', method: 'x' } })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => assessClusterPolicy({ targetCount: item(NaN) })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  test('every criterion has a rule and both reference profiles rate or explain it', () => {
    for (const c of clusterPolicyCriteria) {
      expect(c.rule.length).toBeGreaterThan(10);
      expect(westernReferenceProfile.ratings[c.id]?.basis.length).toBeGreaterThan(3);
      expect(easternReferenceProfile.ratings[c.id]?.basis.length).toBeGreaterThan(3);
    }
  });
});
