import { InvalidInputError } from '../errors.js';
import { clusterPolicyCriteria, policyThresholdDefaults } from './cluster-policy-criteria.js';
import type { CriterionGroup, CriterionRating, PolicyCriterion, PolicyEvidenceKey, PolicyThresholds } from './cluster-policy-criteria.js';
import { easternReferenceProfile, westernReferenceProfile } from './reference-profiles.js';
import type { ReferenceProfile } from './reference-profiles.js';

/** One piece of evidence: a number or yes/no, or null when not available, always with where it came from. */
export interface EvidenceItem {
  readonly value: number | boolean | null;
  /** The data behind it (dataset, file, article section). */
  readonly source: string;
  /** How it was obtained (computation, count, reading of a text). */
  readonly method: string;
  /** Why it is missing, or a caveat. */
  readonly note?: string;
}

export type PolicyEvidence = Partial<Readonly<Record<PolicyEvidenceKey, EvidenceItem>>>;

export interface CriterionAssessment {
  id: string;
  group: CriterionGroup;
  lesson: string;
  question: string;
  rule: string;
  rating: CriterionRating;
  /** 2 strong, 1 adequate, 0 weak, null not assessable. */
  points: number | null;
  rationale: string;
  /** The evidence the rule read (absent keys listed as not available). */
  evidence: { key: PolicyEvidenceKey; value: number | boolean | null; source: string; method: string; note?: string }[];
  western: { rating: CriterionRating | null; basis: string };
  eastern: { rating: CriterionRating | null; basis: string };
}

export interface ClusterPolicyAssessment {
  criteria: CriterionAssessment[];
  /** Mean points (0–2) over assessable criteria; NaN when none. */
  score: number;
  assessable: number;
  total: number;
  /** Agreement with each profile: share of criteria rated in both where the ratings are equal. */
  similarity: { western: number; eastern: number; comparedWestern: number; comparedEastern: number };
  thresholds: PolicyThresholds;
}

export interface AssessClusterPolicyOptions {
  readonly thresholds?: Partial<PolicyThresholds>;
  readonly western?: ReferenceProfile;
  readonly eastern?: ReferenceProfile;
}

const POINTS: Record<CriterionRating, number | null> = { strong: 2, adequate: 1, weak: 0, 'not-assessable': null };
const STEP_DOWN: Record<CriterionRating, CriterionRating> = { strong: 'adequate', adequate: 'weak', weak: 'weak', 'not-assessable': 'not-assessable' };

/**
 * Cluster-policy assessment: rates an initiative on each lesson of the East–West comparison (Western success
 * factors, Japanese weaknesses, SME implications; see {@link clusterPolicyCriteria}) with documented threshold
 * rules, a rationale naming the evidence and thresholds used, and the Western and Eastern reference profiles
 * beside it. Ratings: strong 2, adequate 1, weak 0; the score is the mean over the assessable criteria.
 *
 * Missing-data policy: evidence that is absent or null is "not available" — never guessed. A criterion whose
 * required evidence is all missing is 'not-assessable' and left out of the score; optional evidence that is
 * missing is named in the rationale.
 *
 * @example
 * assessClusterPolicy({ targetCount: { value: 6, source: 'plan', method: 'count' } }).criteria[3].rating; // → 'strong'
 * @see docs/methods/cluster-policy-assessment.md
 */
export function assessClusterPolicy(evidence: PolicyEvidence, options: AssessClusterPolicyOptions = {}): ClusterPolicyAssessment {
  const t: PolicyThresholds = { ...policyThresholdDefaults, ...options.thresholds };
  for (const [k, v] of Object.entries(t)) if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`threshold ${k} must be a finite number`, { threshold: k });
  const western = options.western ?? westernReferenceProfile;
  const eastern = options.eastern ?? easternReferenceProfile;
  for (const [key, item] of Object.entries(evidence)) {
    if (!item) continue;
    const v = item.value;
    if (v !== null && typeof v !== 'boolean' && (typeof v !== 'number' || !Number.isFinite(v))) throw new InvalidInputError(`evidence ${key} must be a finite number, a boolean or null`, { evidence: key });
    if (typeof item.source !== 'string' || item.source === '' || typeof item.method !== 'string' || item.method === '') {
      throw new InvalidInputError(`evidence ${key} needs a source and a method`, { evidence: key });
    }
  }
  const criteria = clusterPolicyCriteria.map((c) => assessCriterion(c, evidence, t, western, eastern));
  const rated = criteria.filter((c) => c.points !== null);
  const agreement = (profile: 'western' | 'eastern'): [number, number] => {
    const both = criteria.filter((c) => c.points !== null && c[profile].rating !== null);
    return [both.length > 0 ? both.filter((c) => c.rating === c[profile].rating).length / both.length : NaN, both.length];
  };
  const [w, nw] = agreement('western');
  const [e, ne] = agreement('eastern');
  return {
    criteria,
    score: rated.length > 0 ? rated.reduce((a, c) => a + c.points!, 0) / rated.length : NaN,
    assessable: rated.length,
    total: criteria.length,
    similarity: { western: w, eastern: e, comparedWestern: nw, comparedEastern: ne },
    thresholds: t,
  };
}

function num(e: PolicyEvidence, k: PolicyEvidenceKey): number | null {
  const v = e[k]?.value;
  return typeof v === 'number' ? v : null;
}
function bool(e: PolicyEvidence, k: PolicyEvidenceKey): boolean | null {
  const v = e[k]?.value;
  return typeof v === 'boolean' ? v : null;
}
const pct = (v: number): string => `${(100 * v).toFixed(0)}%`;
const band = (v: number, strong: number, adequate: number, higherIsBetter: boolean): CriterionRating =>
  higherIsBetter ? (v >= strong ? 'strong' : v >= adequate ? 'adequate' : 'weak') : v <= strong ? 'strong' : v <= adequate ? 'adequate' : 'weak';

function rate(c: PolicyCriterion, e: PolicyEvidence, t: PolicyThresholds): { rating: CriterionRating; rationale: string } {
  switch (c.id) {
    case 'commitment-and-core-body': {
      const present = bool(e, 'coreBodyPresent');
      const budget = bool(e, 'coreBodyOwnBudget');
      const centrality = num(e, 'coreBodyCentrality');
      if (present === null) return na(c);
      if (!present) return { rating: 'weak', rationale: 'No core body runs the initiative.' };
      const centralText = centrality === null ? 'its network centrality is not available' : `its network centrality is ${centrality.toFixed(2)} (threshold ${t.coreCentralityStrong})`;
      if (budget === true && (centrality === null || centrality >= t.coreCentralityStrong)) {
        return { rating: 'strong', rationale: `A core body with its own budget runs the initiative; ${centralText}.` };
      }
      const why = budget === true ? `its centrality ${centrality!.toFixed(2)} is below ${t.coreCentralityStrong}` : budget === false ? 'it has no budget of its own' : 'whether it has its own budget is not known';
      return { rating: 'adequate', rationale: `A core body exists but ${why}; ${centralText}.` };
    }
    case 'regional-partnership': {
      const n = num(e, 'regionalPartnerCount');
      if (n === null) return na(c);
      return { rating: band(n, t.partnersStrong, t.partnersAdequate, true), rationale: `${n} regional bodies or local governments are partners (strong ≥ ${t.partnersStrong}, adequate ≥ ${t.partnersAdequate}).` };
    }
    case 'comprehensive-strategy': {
      const d = num(e, 'policyDomainCount');
      const p = num(e, 'projectCount');
      if (d === null) return na(c);
      let rating = band(d, t.domainsStrong, t.domainsAdequate, true);
      if (rating === 'strong' && p === 0) rating = 'adequate';
      const projects = p === null ? 'the number of individual projects is not available' : `${p} individual projects`;
      return { rating, rationale: `The strategy combines ${d} policy domains (strong ≥ ${t.domainsStrong}, adequate ≥ ${t.domainsAdequate}); ${projects}.` };
    }
    case 'wide-target-range': {
      const n = num(e, 'targetCount');
      const ratio = num(e, 'targetBreadthRatio');
      const strong = num(e, 'strongClusterCount');
      if (n === null) return na(c);
      let rating = band(n, t.targetsWide, t.targetsAdequate, true);
      let rationale = `${n} targets (strong ≥ ${t.targetsWide}, adequate ≥ ${t.targetsAdequate})`;
      if (ratio !== null) {
        rationale += `; ${strong ?? '?'} strong clusters in the region, targets / strong clusters = ${ratio.toFixed(2)}`;
        if (ratio < t.breadthRatioMinimum) {
          rating = STEP_DOWN[rating];
          rationale += ` < ${t.breadthRatioMinimum}, one step down`;
        }
      } else rationale += '; the region\'s strong clusters are not available for comparison';
      return { rating, rationale: rationale + '.' };
    }
    case 'university-role': {
      const share = num(e, 'universityIndustryLinkShare');
      const stated = bool(e, 'universityPartnership');
      if (share !== null) {
        return { rating: band(share, t.universityLinkStrong, t.universityLinkAdequate, true), rationale: `${pct(share)} of the network's ties join universities and firms (strong ≥ ${pct(t.universityLinkStrong)}, adequate ≥ ${pct(t.universityLinkAdequate)}).` };
      }
      if (stated === null) return na(c);
      return stated
        ? { rating: 'adequate', rationale: 'A university–industry partnership is stated; network ties are not available, so the rating is capped at adequate.' }
        : { rating: 'weak', rationale: 'No university–industry partnership is stated; network ties are not available.' };
    }
    case 'social-issues':
    case 'human-capital':
    case 'local-initiative': {
      const key: PolicyEvidenceKey = c.id === 'social-issues' ? 'socialObjectives' : c.id === 'human-capital' ? 'humanCapitalMeasures' : 'localInitiative';
      const v = bool(e, key);
      if (v === null) return na(c);
      const text: Record<string, [string, string]> = {
        'social-issues': ['Social objectives are pursued together with economic ones.', 'No social objectives are stated.'],
        'human-capital': ['Skills and workforce measures are part of the initiative.', 'No skills or workforce measures are stated.'],
        'local-initiative': ['Regional actors started and lead the initiative.', 'The initiative was started and is led centrally.'],
      };
      return { rating: v ? 'strong' : 'weak', rationale: text[c.id]![v ? 0 : 1]! };
    }
    case 'high-tech-narrowness': {
      const s = num(e, 'highTechTargetShare');
      if (s === null) return na(c);
      return { rating: band(s, t.highTechShareStrong, t.highTechShareAdequate, false), rationale: `${pct(s)} of the targets are high-technology fields (strong ≤ ${pct(t.highTechShareStrong)}, adequate ≤ ${pct(t.highTechShareAdequate)}).` };
    }
    case 'link-to-agglomeration': {
      const s = num(e, 'targetOverlapShare');
      const emp = num(e, 'targetEmploymentShare');
      if (s === null) return na(c);
      const empText = emp === null ? '' : `; the targeted clusters hold ${pct(emp)} of the region's traded employment`;
      return { rating: band(s, t.overlapStrong, t.overlapAdequate, true), rationale: `${pct(s)} of the targets are strong clusters of the region (strong ≥ ${pct(t.overlapStrong)}, adequate ≥ ${pct(t.overlapAdequate)})${empText}.` };
    }
    case 'spin-out-reliance': {
      const s = num(e, 'spinOutMeasureShare');
      if (s === null) return na(c);
      return { rating: band(s, t.spinOutShareStrong, t.spinOutShareAdequate, false), rationale: `${pct(s)} of the measures rely on university spin-outs (strong ≤ ${pct(t.spinOutShareStrong)}, adequate ≤ ${pct(t.spinOutShareAdequate)}).` };
    }
    case 'sme-support': {
      const link = num(e, 'smeLinkShare');
      const measures = num(e, 'smeMeasureCount');
      const count = num(e, 'smeCount');
      const smes = count === null ? '' : `; SME count given by the source: ${count}`;
      if (link !== null) return { rating: band(link, t.smeLinkStrong, t.smeLinkAdequate, true), rationale: `${pct(link)} of the network's ties involve SMEs (strong ≥ ${pct(t.smeLinkStrong)}, adequate ≥ ${pct(t.smeLinkAdequate)})${smes}.` };
      if (measures === null) return na(c, count === null ? '' : ` (the source gives an SME count of ${count}, but neither SME network ties nor SME measures are available)`);
      return { rating: band(measures, t.smeMeasuresStrong, 1, true), rationale: `${measures} SME-specific measures (strong ≥ ${t.smeMeasuresStrong}, adequate ≥ 1); SME network ties are not available${smes}.` };
    }
    case 'sme-supporting-business': {
      const s = num(e, 'smeSupplierLinkShare');
      if (s === null) return na(c);
      return { rating: band(s, t.smeSupplierStrong, t.smeSupplierAdequate, true), rationale: `${pct(s)} of the supplier ties are held by SMEs (strong ≥ ${pct(t.smeSupplierStrong)}, adequate ≥ ${pct(t.smeSupplierAdequate)}).` };
    }
    case 'sme-alliances': {
      const n = num(e, 'smeJointProjectCount');
      if (n === null) return na(c);
      return { rating: band(n, t.smeJointProjectsStrong, 1, true), rationale: `${n} joint projects led by or grouping SMEs (strong ≥ ${t.smeJointProjectsStrong}, adequate ≥ 1).` };
    }
    default:
      throw new InvalidInputError(`no rating rule for criterion ${c.id}`);
  }
}

function na(c: PolicyCriterion, extra = ''): { rating: CriterionRating; rationale: string } {
  return { rating: 'not-assessable', rationale: `Not assessable: ${c.required.join(' or ')} not available${extra}.` };
}

function assessCriterion(c: PolicyCriterion, e: PolicyEvidence, t: PolicyThresholds, western: ReferenceProfile, eastern: ReferenceProfile): CriterionAssessment {
  const { rating, rationale } = rate(c, e, t);
  const evidence = c.evidence.map((key) => {
    const item = e[key];
    if (!item) return { key, value: null, source: 'not available', method: 'not available' };
    return { key, value: item.value, source: item.source, method: item.method, ...(item.note === undefined ? {} : { note: item.note }) };
  });
  const ref = (p: ReferenceProfile) => p.ratings[c.id] ?? { rating: null, basis: 'not in this profile' };
  return { id: c.id, group: c.group, lesson: c.lesson, question: c.question, rule: c.rule, rating, points: POINTS[rating], rationale, evidence, western: ref(western), eastern: ref(eastern) };
}
