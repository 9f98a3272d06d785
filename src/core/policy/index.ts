export { portersDiamond, portersDiamondDefaults, diamondCorners } from './porters-diamond.js';
export type {
  DiamondCorner,
  DiamondCornerScore,
  DiamondIndicator,
  DiamondIndicatorScore,
  DiamondNormalisation,
  ExpertRating,
  PortersDiamondInput,
  PortersDiamondOptions,
  PortersDiamondResult,
} from './porters-diamond.js';
export { clusterPolicyCriteria, policyEvidenceKeys, policyThresholdDefaults } from './cluster-policy-criteria.js';
export type { CriterionGroup, CriterionRating, PolicyCriterion, PolicyEvidenceKey, PolicyThresholds } from './cluster-policy-criteria.js';
export { assessClusterPolicy } from './assess-cluster-policy.js';
export type { AssessClusterPolicyOptions, ClusterPolicyAssessment, CriterionAssessment, EvidenceItem, PolicyEvidence } from './assess-cluster-policy.js';
export { easternReferenceProfile, westernReferenceProfile } from './reference-profiles.js';
export type { ReferenceProfile } from './reference-profiles.js';
export { differenceInDifferences } from './difference-in-differences.js';
export type { DidEstimate, DifferenceInDifferencesOptions, DifferenceInDifferencesPanel, DifferenceInDifferencesResult } from './difference-in-differences.js';
