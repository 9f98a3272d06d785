import { OPPORTUNITY_QUADRANTS, denseMatrix, density, opportunityQuadrants } from '../../core/index.js';
import type { ClusterService } from '../cluster-service.js';
import type { ClusterMapping } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';
import { clusterRelatednessMatrices } from '../related-clusters/cluster-relatedness-matrices.js';
import type { ClusterRelatednessMatrices } from '../related-clusters/cluster-relatedness-matrices.js';
import { RELATEDNESS_MEASURES } from '../related-clusters/related-clusters.js';
import type { RelatednessMeasure } from '../related-clusters/related-clusters.js';
import { resolveMappedRegion } from './resolve-mapped-region.js';

/** Quadrant of the smart-specialisation diagram (Balland et al. 2019). */
export type OpportunityQuadrant = (typeof OPPORTUNITY_QUADRANTS)[keyof typeof OPPORTUNITY_QUADRANTS];

/** One traded cluster the region is not specialised in (LQ < 1). */
export interface Opportunity {
  code: string;
  name: string;
  employment: number;
  lq: number | null;
  /** Relatedness density: Σ_j w_ij M_rj / Σ_j w_ij over traded clusters, 0–1. */
  density: number | null;
  /** Cluster complexity (PCI) from the states × traded clusters presence matrix. */
  complexity: number | null;
  quadrant: OpportunityQuadrant | null;
  /** Up to three of the region's specialised clusters (LQ ≥ 1) most related to this one. */
  relatedSpecialisations: { code: string; name: string; relatedness: number }[];
}

/** The JSON of `clusterlens opportunities` and GET /api/v1/regions/{region}/opportunities. */
export interface RegionOpportunities {
  region: string;
  regionName: string;
  year: number;
  relatedness: RelatednessMeasure;
  thresholds: { density: number | null; complexity: number | null; densityRule: string; complexityRule: string };
  /** Number of traded clusters with LQ ≥ 1 (the region's diversity). */
  specialisations: number;
  opportunities: Opportunity[];
  notes: string[];
}

export interface RegionOpportunitiesOptions {
  year: number;
  /** Relatedness used as weights (default 'proximity'). */
  relatedness?: RelatednessMeasure;
  /** Density at or above which relatedness is "high"; default the mean density of the region's candidates. */
  densityThreshold?: number;
  /** Complexity at or above which it is "high"; default the mean PCI of the traded clusters. */
  complexityThreshold?: number;
}

const QUADRANT_ORDER: Record<OpportunityQuadrant, number> = { 'best-bet': 0, 'high-risk-high-gain': 1, 'low-risk-low-gain': 2, 'least-attractive': 3 };
const round = (v: number, digits = 6): number | null => (Number.isFinite(v) ? Math.round(v * 10 ** digits) / 10 ** digits : null);

/**
 * The traded-cluster relatedness weights w (t × t, diagonal 1, non-negative) of a measure: proximity φ;
 * CMP cr_all percentile / 100 (cr_all itself can be negative); co-location max(0, r); input–output IO.
 */
export function relatednessWeights(r: ClusterRelatednessMatrices, measure: RelatednessMeasure, traded: readonly number[]): Float64Array {
  const k = r.clusters.length;
  const t = traded.length;
  if (measure === 'cmp' && !r.cmp) throw new ServiceError('INVALID_ARGUMENT', 'the CMP relatedness file is not shipped in this installation: use proximity, colocation or input-output', { relatedness: measure });
  const source = measure === 'cmp' ? r.cmp!.percentile : measure === 'colocation' ? r.colocation : measure === 'input-output' ? r.inputOutput : r.proximity;
  const scale = measure === 'cmp' ? 1 / 100 : 1;
  const w = new Float64Array(t * t);
  for (let a = 0; a < t; a++) {
    for (let b = 0; b < t; b++) {
      const v = source[traded[a]! * k + traded[b]!]! * scale;
      w[a * t + b] = a === b ? 1 : Number.isFinite(v) && v > 0 ? v : 0;
    }
  }
  return w;
}

/**
 * Relatedness density (Hidalgo et al. 2007) of every state × traded cluster: Σ_j w_ij M_rj / Σ_j w_ij over the
 * traded clusters, M = 1[LQ ≥ 1], w the relatedness weights of a measure (w_ii = 1). `traded` holds the mapping's
 * cluster index of each column; `density`, `M` are regions × traded, row-major. See docs/methods/relatedness-density.md.
 */
export function tradedRelatednessDensity(m: ClusterMapping, r: ClusterRelatednessMatrices, measure: RelatednessMeasure): { traded: number[]; w: Float64Array; M: Float64Array; density: Float64Array } {
  const k = m.clusters.length;
  const nr = m.regions.length;
  const traded = m.clusters.flatMap((c, i) => (c.type === 'traded' ? [i] : []));
  const t = traded.length;
  const w = relatednessWeights(r, measure, traded);
  const M = new Float64Array(nr * t);
  for (let q = 0; q < nr; q++) for (let a = 0; a < t; a++) M[q * t + a] = r.presence[q * k + traded[a]!]!;
  const codes = traded.map((i) => m.clusters[i]!.code);
  return { traded, w, M, density: density(denseMatrix(m.regions.map((x) => x.id), codes, M), { proximity: denseMatrix(codes, codes, w) }).values };
}

/**
 * Diversification opportunities of a region (smart-specialisation diagram, Balland et al. 2019): for each traded
 * cluster with LQ < 1, its relatedness density (Hidalgo et al. 2007) to the region's specialisations and its
 * complexity (PCI), placed in one of four quadrants by two thresholds. Sorted best-bet first, then by density.
 * See docs/methods/opportunities.md and docs/methods/relatedness-density.md.
 * @throws ServiceError NOT_FOUND (region, year), INVALID_ARGUMENT (measure, thresholds)
 */
export async function regionOpportunities(service: ClusterService, regionInput: string, options: RegionOpportunitiesOptions): Promise<RegionOpportunities> {
  const measure = options.relatedness ?? 'proximity';
  if (!RELATEDNESS_MEASURES.includes(measure)) throw new ServiceError('INVALID_ARGUMENT', `relatedness must be one of ${RELATEDNESS_MEASURES.join(', ')}, not "${String(measure)}"`, { relatedness: measure });
  for (const [name, v] of [['densityThreshold', options.densityThreshold], ['complexityThreshold', options.complexityThreshold]] as const) {
    if (v !== undefined && !Number.isFinite(v)) throw new ServiceError('INVALID_ARGUMENT', `${name} must be a finite number`, { [name]: v });
  }
  const m = await service.mapping(options.year);
  const { region, row } = await resolveMappedRegion(service, m, regionInput);
  const r = await clusterRelatednessMatrices(service, options.year);
  const k = m.clusters.length;
  const { traded, w, M, density: d } = tradedRelatednessDensity(m, r, measure);
  const t = traded.length;
  const codes = traded.map((i) => m.clusters[i]!.code);

  const candidates: number[] = [];
  for (let a = 0; a < t; a++) {
    const lq = m.lq[row * k + traded[a]!]!;
    if (Number.isFinite(lq) && lq < 1) candidates.push(a);
  }
  const candidateDensity = candidates.map((a) => d[row * t + a]!);
  const candidateComplexity = candidates.map((a) => r.complexity[traded[a]!]!);
  const finiteMean = (xs: number[]): number => {
    const f = xs.filter(Number.isFinite);
    return f.length === 0 ? NaN : f.reduce((s, x) => s + x, 0) / f.length;
  };
  const densityThreshold = options.densityThreshold ?? finiteMean(candidateDensity);
  const complexityThreshold = options.complexityThreshold ?? finiteMean(traded.map((i) => r.complexity[i]!));
  const quadrants = Number.isFinite(densityThreshold) && Number.isFinite(complexityThreshold)
    ? opportunityQuadrants(candidateDensity, candidateComplexity, { densityThreshold, complexityThreshold })
    : new Uint8Array(candidates.length);
  const specialised = Array.from({ length: t }, (_, a) => a).filter((a) => M[row * t + a] === 1);

  const opportunities: Opportunity[] = candidates.map((a, q) => {
    const i = traded[a]!;
    const c = m.clusters[i]!;
    const quadrantCode = quadrants[q]!;
    return {
      code: c.code,
      name: c.name,
      employment: Math.round(m.employment[row * k + i]! * 10) / 10,
      lq: round(m.lq[row * k + i]!, 4),
      density: round(candidateDensity[q]!),
      complexity: round(candidateComplexity[q]!),
      quadrant: quadrantCode === 0 ? null : OPPORTUNITY_QUADRANTS[quadrantCode as 1 | 2 | 3 | 4],
      relatedSpecialisations: specialised
        .map((b) => ({ b, v: w[a * t + b]! }))
        .filter((x) => x.v > 0)
        .sort((x, y) => y.v - x.v || x.b - y.b)
        .slice(0, 3)
        .map((x) => ({ code: codes[x.b]!, name: m.clusters[traded[x.b]!]!.name, relatedness: round(x.v)! })),
    };
  });
  opportunities.sort(
    (x, y) =>
      (x.quadrant === null ? 9 : QUADRANT_ORDER[x.quadrant]) - (y.quadrant === null ? 9 : QUADRANT_ORDER[y.quadrant]) ||
      (y.density ?? -1) - (x.density ?? -1) ||
      x.code.localeCompare(y.code),
  );
  return {
    region: region.id,
    regionName: region.name,
    year: m.year,
    relatedness: measure,
    thresholds: {
      density: round(densityThreshold),
      complexity: round(complexityThreshold),
      densityRule: options.densityThreshold === undefined ? 'mean density of the candidate clusters' : 'given',
      complexityRule: options.complexityThreshold === undefined ? 'mean complexity (PCI) of the traded clusters' : 'given',
    },
    specialisations: specialised.length,
    opportunities,
    notes: [
      'Candidates: traded clusters with LQ < 1 in the region. density = Σ_j w_ij M_rj / Σ_j w_ij over traded clusters (M = LQ ≥ 1; w_ii = 1); complexity = PCI of the clusters from the states × traded clusters presence matrix (py-ecomplexity normalisation).',
      'Quadrants (Balland et al. 2019): best-bet = high relatedness and high complexity; high-risk-high-gain = low relatedness, high complexity; low-risk-low-gain = high relatedness, low complexity; least-attractive = low, low. See docs/methods/opportunities.md.',
      ...r.notes.filter((n) => (measure === 'cmp' ? n.startsWith('CMP') : measure === 'input-output' ? n.startsWith('Input') : false)),
    ],
  };
}
