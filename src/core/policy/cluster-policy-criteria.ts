/**
 * The criteria of the cluster-policy assessment, drawn from the lessons of I. Mitsui, "Industrial clusters
 * and regional development — Eastern and Western approaches" (stated here in our own words): Western success
 * factors, weaknesses of the Japanese approaches, and implications for SMEs. See
 * docs/methods/cluster-policy-assessment.md.
 */

/** The evidence the assessment reads; each is passed in with its source and method. */
export type PolicyEvidenceKey =
  | 'coreBodyPresent'
  | 'coreBodyOwnBudget'
  | 'coreBodyCentrality'
  | 'regionalPartnerCount'
  | 'policyDomainCount'
  | 'projectCount'
  | 'targetCount'
  | 'strongClusterCount'
  | 'targetBreadthRatio'
  | 'targetOverlapShare'
  | 'targetEmploymentShare'
  | 'highTechTargetShare'
  | 'universityIndustryLinkShare'
  | 'universityPartnership'
  | 'spinOutMeasureShare'
  | 'smeLinkShare'
  | 'smeMeasureCount'
  | 'smeCount'
  | 'smeSupplierLinkShare'
  | 'smeJointProjectCount'
  | 'localInitiative'
  | 'socialObjectives'
  | 'humanCapitalMeasures';

/** Every evidence key, in a stable order. */
export const policyEvidenceKeys: readonly PolicyEvidenceKey[] = Object.freeze([
  'coreBodyPresent',
  'coreBodyOwnBudget',
  'coreBodyCentrality',
  'regionalPartnerCount',
  'policyDomainCount',
  'projectCount',
  'targetCount',
  'strongClusterCount',
  'targetBreadthRatio',
  'targetOverlapShare',
  'targetEmploymentShare',
  'highTechTargetShare',
  'universityIndustryLinkShare',
  'universityPartnership',
  'spinOutMeasureShare',
  'smeLinkShare',
  'smeMeasureCount',
  'smeCount',
  'smeSupplierLinkShare',
  'smeJointProjectCount',
  'localInitiative',
  'socialObjectives',
  'humanCapitalMeasures',
]);

export type CriterionGroup = 'success-factor' | 'weakness' | 'sme-implication';

/** Rating of a criterion: 'strong' = the lesson is met (or the weakness avoided), 'weak' = not met. */
export type CriterionRating = 'strong' | 'adequate' | 'weak' | 'not-assessable';

export interface PolicyCriterion {
  id: string;
  group: CriterionGroup;
  /** The lesson, in our words. */
  lesson: string;
  /** The question an assessor answers. */
  question: string;
  /** Evidence the rule reads (the first ones are required, see `required`). */
  evidence: readonly PolicyEvidenceKey[];
  /** Evidence without which the criterion is not assessable (at least one of them must be present). */
  required: readonly PolicyEvidenceKey[];
  /** The rating rule in words, with the parameter names of {@link PolicyThresholds}. */
  rule: string;
}

/** Thresholds of the rating rules (parameters; defaults in {@link policyThresholdDefaults}). */
export interface PolicyThresholds {
  /** Core body centrality (0–1) at or above which a present core body with its own budget is strong. */
  readonly coreCentralityStrong: number;
  readonly partnersStrong: number;
  readonly partnersAdequate: number;
  readonly domainsStrong: number;
  readonly domainsAdequate: number;
  readonly targetsWide: number;
  readonly targetsAdequate: number;
  /** targets / strong clusters below which a wide list is still called narrow for the region. */
  readonly breadthRatioMinimum: number;
  readonly universityLinkStrong: number;
  readonly universityLinkAdequate: number;
  readonly highTechShareAdequate: number;
  readonly highTechShareStrong: number;
  readonly overlapStrong: number;
  readonly overlapAdequate: number;
  readonly spinOutShareStrong: number;
  readonly spinOutShareAdequate: number;
  readonly smeLinkStrong: number;
  readonly smeLinkAdequate: number;
  readonly smeMeasuresStrong: number;
  readonly smeSupplierStrong: number;
  readonly smeSupplierAdequate: number;
  readonly smeJointProjectsStrong: number;
}

export const policyThresholdDefaults: PolicyThresholds = Object.freeze({
  coreCentralityStrong: 0.5,
  partnersStrong: 3,
  partnersAdequate: 1,
  domainsStrong: 3,
  domainsAdequate: 2,
  targetsWide: 4,
  targetsAdequate: 2,
  breadthRatioMinimum: 0.25,
  universityLinkStrong: 0.15,
  universityLinkAdequate: 0.05,
  highTechShareStrong: 0.5,
  highTechShareAdequate: 0.8,
  overlapStrong: 0.5,
  overlapAdequate: 0.25,
  spinOutShareStrong: 0.25,
  spinOutShareAdequate: 0.5,
  smeLinkStrong: 0.4,
  smeLinkAdequate: 0.2,
  smeMeasuresStrong: 2,
  smeSupplierStrong: 0.3,
  smeSupplierAdequate: 0.1,
  smeJointProjectsStrong: 2,
});

/** The criteria, in report order. */
export const clusterPolicyCriteria: readonly PolicyCriterion[] = Object.freeze([
  {
    id: 'commitment-and-core-body',
    group: 'success-factor',
    lesson: 'A strong commitment to cluster policy, carried by an autonomous core body with its own budget and authority.',
    question: 'Is there a core body that runs the initiative with its own budget, and is it central in the cluster network?',
    evidence: ['coreBodyPresent', 'coreBodyOwnBudget', 'coreBodyCentrality'],
    required: ['coreBodyPresent'],
    rule: 'strong: core body present, own budget, and (when the network is available) centrality ≥ coreCentralityStrong; adequate: core body present; weak: none.',
  },
  {
    id: 'regional-partnership',
    group: 'success-factor',
    lesson: 'Cooperation and partnership with regional bodies and local governments.',
    question: 'How many regional bodies and local governments take part as partners?',
    evidence: ['regionalPartnerCount'],
    required: ['regionalPartnerCount'],
    rule: 'strong: ≥ partnersStrong partners; adequate: ≥ partnersAdequate; weak: fewer.',
  },
  {
    id: 'comprehensive-strategy',
    group: 'success-factor',
    lesson: 'A comprehensive strategy that joins industrial, regional, science/education and training policy, carried out through individual projects.',
    question: 'How many policy domains does the strategy combine, and does it run individual projects?',
    evidence: ['policyDomainCount', 'projectCount'],
    required: ['policyDomainCount'],
    rule: 'strong: ≥ domainsStrong domains and (when known) ≥ 1 project; adequate: ≥ domainsAdequate domains; weak: fewer.',
  },
  {
    id: 'wide-target-range',
    group: 'success-factor',
    lesson: 'A wide range of targeted industries rather than a few chosen technologies.',
    question: 'How many clusters or industries are targeted, compared with the region\'s strong clusters?',
    evidence: ['targetCount', 'strongClusterCount', 'targetBreadthRatio'],
    required: ['targetCount'],
    rule: 'strong: ≥ targetsWide targets; adequate: ≥ targetsAdequate; weak: fewer. When targets / strong clusters is known and below breadthRatioMinimum, the rating drops one step.',
  },
  {
    id: 'university-role',
    group: 'success-factor',
    lesson: 'Universities play a positive role, joining education and research with industry in partnership.',
    question: 'What share of the cluster network\'s ties join universities and firms?',
    evidence: ['universityIndustryLinkShare', 'universityPartnership'],
    required: ['universityIndustryLinkShare', 'universityPartnership'],
    rule: 'with the network: strong ≥ universityLinkStrong, adequate ≥ universityLinkAdequate, weak below; without it a stated university–industry partnership is at most adequate.',
  },
  {
    id: 'social-issues',
    group: 'success-factor',
    lesson: 'Joint action on regional and social issues and community development.',
    question: 'Does the initiative pursue social objectives (inclusion, community development) together with economic ones?',
    evidence: ['socialObjectives'],
    required: ['socialObjectives'],
    rule: 'strong: yes; weak: no.',
  },
  {
    id: 'human-capital',
    group: 'success-factor',
    lesson: 'Attention to human capital: skills, workforce development, a learning region.',
    question: 'Does the initiative include measures for skills and workforce development?',
    evidence: ['humanCapitalMeasures'],
    required: ['humanCapitalMeasures'],
    rule: 'strong: yes; weak: no.',
  },
  {
    id: 'local-initiative',
    group: 'weakness',
    lesson: 'Weak local initiative: plans made centrally rather than by regional actors.',
    question: 'Was the initiative started and is it led by regional actors (rather than a national ministry)?',
    evidence: ['localInitiative'],
    required: ['localInitiative'],
    rule: 'strong (weakness avoided): led locally; weak: led centrally.',
  },
  {
    id: 'high-tech-narrowness',
    group: 'weakness',
    lesson: 'Narrow strategic targets with an obsession with high technology.',
    question: 'What share of the targets are high-technology fields?',
    evidence: ['highTechTargetShare'],
    required: ['highTechTargetShare'],
    rule: 'strong: share ≤ highTechShareStrong; adequate: ≤ highTechShareAdequate; weak: above.',
  },
  {
    id: 'link-to-agglomeration',
    group: 'weakness',
    lesson: 'No clear link to the existing industrial agglomeration and local resources.',
    question: 'Do the targets build on the region\'s existing strong clusters?',
    evidence: ['targetOverlapShare', 'targetEmploymentShare'],
    required: ['targetOverlapShare'],
    rule: 'strong: share of targets that are strong clusters ≥ overlapStrong; adequate: ≥ overlapAdequate; weak: below.',
  },
  {
    id: 'spin-out-reliance',
    group: 'weakness',
    lesson: 'Waiting for university spin-outs instead of building on firms already there.',
    question: 'What share of the measures rely on university spin-outs?',
    evidence: ['spinOutMeasureShare'],
    required: ['spinOutMeasureShare'],
    rule: 'strong: share ≤ spinOutShareStrong; adequate: ≤ spinOutShareAdequate; weak: above.',
  },
  {
    id: 'sme-support',
    group: 'weakness',
    lesson: 'Too little joint support for SMEs (start-up, technology transfer, product development).',
    question: 'How strongly are SMEs linked into the cluster network, or how many SME measures are there?',
    evidence: ['smeLinkShare', 'smeMeasureCount', 'smeCount'],
    required: ['smeLinkShare', 'smeMeasureCount'],
    rule: 'with the network: strong ≥ smeLinkStrong, adequate ≥ smeLinkAdequate; otherwise strong ≥ smeMeasuresStrong SME measures, adequate ≥ 1; weak below.',
  },
  {
    id: 'sme-supporting-business',
    group: 'sme-implication',
    lesson: 'SMEs can grow as supporting businesses (suppliers, services) of the cluster\'s development.',
    question: 'What share of the network\'s supplier ties are held by SMEs?',
    evidence: ['smeSupplierLinkShare'],
    required: ['smeSupplierLinkShare'],
    rule: 'strong ≥ smeSupplierStrong; adequate ≥ smeSupplierAdequate; weak below.',
  },
  {
    id: 'sme-alliances',
    group: 'sme-implication',
    lesson: 'Committed alliances and collective collaboration among firms, with SMEs keeping control of their products.',
    question: 'How many joint projects led by or grouping SMEs does the initiative run?',
    evidence: ['smeJointProjectCount'],
    required: ['smeJointProjectCount'],
    rule: 'strong: ≥ smeJointProjectsStrong; adequate: 1; weak: 0.',
  },
] satisfies PolicyCriterion[]);
