import { clusterStars, compensatedSum, denseMatrix, locationQuotient, strongClusters } from '../../core/index.js';
import type { ClusterStarsOptions, StrongClustersOptions } from '../../core/index.js';
import { INDUSTRY_FAMILIES, INDUSTRY_FAMILY_SCHEMES } from '../../io/classifications/industry-families.js';
import type { IndustryFamilyCode } from '../../io/classifications/industry-families.js';
import type { RegionRecord, Store } from '../../io/store/store.js';
import type { ClusterInfo } from '../cluster-mapping.js';
import { ServiceError } from '../service-error.js';
import { familyCells } from './family-cells.js';
import type { FamilyCellState, SourceCell } from './family-cells.js';
import { FAMILY_SOURCES } from './family-sources.js';
import type { FamilyRegionType, FamilySourceCode } from './family-sources.js';

/** Options of computeFamilyMapping. */
export interface FamilyMappingOptions {
  source: FamilySourceCode;
  /** EU: nuts0 | nuts1 | nuts2; JP: prefecture; US: state. */
  regionType: FamilyRegionType;
  year: number;
  /** Thresholds of the strong-cluster rule (STRONG_CLUSTERS_DEFAULTS). */
  strong?: StrongClustersOptions;
  /** Thresholds of the stars (CLUSTER_STARS_DEFAULTS); localClusters is irrelevant (every family is rated). */
  stars?: Omit<ClusterStarsOptions, 'localClusters'>;
}

/** A family as a "cluster" of the mapping: all are rated (type 'traded'), with the source codes it is built from. */
export interface FamilyInfo extends ClusterInfo {
  code: IndustryFamilyCode;
  shortName: string;
  /** Source codes of the family that the source publishes in the year (JP B-E: ["E"]). */
  industryCodes: string[];
  /** Codes the rules name but the source does not publish (JP B-E: ["C", "F"]): the family is partial. */
  absentCodes: string[];
}

/**
 * 'strong': the Cluster Mapping rule as published (LQ ≥ P75, LQ ≥ 1, employment > P25, establishments > P25);
 * 'strong-employment-only': the establishment condition dropped because the source has no establishment
 * counts (EU LFS). See docs/methods/family-level-clusters.md.
 */
export type FamilyStrongRule = 'strong' | 'strong-employment-only';

/** Cell states in `cellState`: a value, missing (suppressed / not available, NOT zero), or a family the source does not publish. */
export const FAMILY_CELL_STATES: readonly FamilyCellState[] = Object.freeze(['value', 'missing', 'not-in-source']);

/**
 * Strong clusters and stars of one source, region type and year at the industry-family level: every region ×
 * family, arrays row-major regions × families (the ten INDUSTRY_FAMILIES, NACE order). Same shape as
 * ClusterMapping where it makes sense; NaN marks a missing cell (never 0).
 */
export interface FamilyMapping {
  level: 'family';
  source: FamilySourceCode;
  regionType: FamilyRegionType;
  year: number;
  classification: string;
  dataset: string;
  rule: FamilyStrongRule;
  regions: RegionRecord[];
  clusters: FamilyInfo[];
  /** Persons (EU, JP) or employees (US); NaN when missing or not in the source. */
  employment: Float64Array;
  /** NaN when the source has no establishment counts (EU) or the cell is missing. */
  establishments: Float64Array;
  estimatedEmployment: Float64Array;
  /** 1 when a contributing value carries the Eurostat flag u (low reliability). */
  lowReliability: Uint8Array;
  /** Index into FAMILY_CELL_STATES. */
  cellState: Uint8Array;
  /** Per region: the source's all-industries total (the LQ and focus denominator). */
  totalEmployment: Float64Array;
  /** Per region: Σ families with a value / total (capped at 1: rounded LFS cells may add up to a little more). */
  coverage: Float64Array;
  /** LQ against all regions of the type: (e[r,f]/T[r]) / (Σ e[·,f] / Σ T[·]) over the regions with a value for f. */
  lq: Float64Array;
  strong: Uint8Array;
  strong10: Uint8Array;
  thresholds: { lq75: Float64Array; lq90: Float64Array; employment25: Float64Array; establishments25: Float64Array };
  /** Per region: Σ employment in strong families / Σ employment of the families with a value. */
  clusterStrength: Float64Array;
  sizeStar: Uint8Array;
  specialisationStar: Uint8Array;
  focusStar: Uint8Array;
  /** 0–3, NaN for a cell without a value; the productivity star needs wages, which no family source has (always null in the portfolio). */
  stars: Float64Array;
  /** e[r,f] / T[r]. */
  focus: Float64Array;
  starThresholds: { size: Float64Array; focus: Float64Array };
  /** Source-level coverage: employment in families with a value over the regions' totals, and the cell counts. */
  summary: FamilyMappingSummary;
}

export interface FamilyMappingSummary {
  regions: number;
  totalEmployment: number;
  mappedEmployment: number;
  /** mappedEmployment / totalEmployment. */
  coverage: number;
  /** Region × family cells of families the source publishes, and how many of them are missing. */
  publishedCells: number;
  missingCells: number;
  lowReliabilityCells: number;
  /** Families the source does not publish at all. */
  familiesNotInSource: IndustryFamilyCode[];
  /** Regions of the type without a total in the year (left out). */
  regionsWithoutTotal: string[];
}

/**
 * Computes strong clusters (U.S. Cluster Mapping rule) and European Cluster Observatory stars at the
 * industry-family level (NACE A*10 groups; NAICS sectors and JSIC divisions mapped onto them) for one source,
 * region type and year: EU NUTS regions (Eurostat LFS), Japanese prefectures (Economic Census), or US states
 * (CBP, for comparison with the benchmark-cluster mapping).
 *
 * LQ[r,f] = (e[r,f] / T[r]) / (Σ_K e[k,f] / Σ_K T[k]), T = the region's all-industries total, K = the regions
 * of the type with a value for f (core locationQuotient, missing omitted). Every family is rated ('traded');
 * without establishment counts (EU) the rule drops the establishment condition (`rule:
 * 'strong-employment-only'`). Stars: core clusterStars with the same LQ and T as the focus denominator.
 *
 * Missing data: a suppressed or unavailable cell is NaN (never 0): no LQ, never strong, no star, left out of
 * the percentiles and of the reference share of its family; `summary` reports the coverage.
 * See docs/methods/family-level-clusters.md.
 *
 * @example const m = await computeFamilyMapping(store, { source: 'EU', regionType: 'nuts2', year: 2015 });
 * @throws ServiceError INVALID_ARGUMENT (region type not of the source), NOT_FOUND (no data for the year), NO_DATA (no regions).
 */
export async function computeFamilyMapping(store: Store, options: FamilyMappingOptions): Promise<FamilyMapping> {
  const source = FAMILY_SOURCES[options.source];
  if (!source) throw new ServiceError('INVALID_ARGUMENT', `unknown family source "${String(options.source)}" (use EU, JP or US)`, { source: options.source });
  if (!source.regionTypes.includes(options.regionType)) {
    throw new ServiceError('INVALID_ARGUMENT', `region type ${options.regionType} is not one of ${source.code}'s (${source.regionTypes.join(', ')})`, { source: source.code, regionType: options.regionType });
  }
  const { year, regionType } = options;
  const scheme = INDUSTRY_FAMILY_SCHEMES[source.classification]!;
  const candidates = (await store.listRegions({ type: regionType }))
    .filter((r) => (source.code === 'EU' ? r.country !== 'US' && r.country !== 'JP' : r.country === source.code))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) throw new ServiceError('NO_DATA', `no ${source.code} ${regionType} regions in the database`, { source: source.code, regionType });
  const codes = new Set(['TOTAL', ...scheme.rules.map((r) => r.code)]);
  const rows = (
    await store.queryObservations({
      classification: source.classification,
      years: [year],
      measures: ['employment', 'establishments'],
      regionIds: candidates.map((r) => r.id),
      levels: [0, ...scheme.levels],
    })
  ).filter((r) => codes.has(r.industryCode));
  const datasets = [...new Set(rows.filter((r) => r.industryCode === 'TOTAL' && r.measure === 'employment' && r.value !== null).map((r) => r.datasetId))].sort();
  if (datasets.length === 0) {
    const available = await store.listYears(source.classification);
    throw new ServiceError('NOT_FOUND', `no ${source.code} ${regionType} employment (${source.classification}) for ${year}; available: ${available.join(', ')}`, {
      source: source.code,
      year,
      available,
    });
  }
  const dataset = datasets[0]!;
  const employmentCells = new Map<string, Map<string, SourceCell>>();
  const establishmentCells = new Map<string, Map<string, SourceCell>>();
  const present = new Set<string>();
  let anyEstablishments = false;
  for (const row of rows) {
    if (row.datasetId !== dataset) continue;
    const byRegion = row.measure === 'employment' ? employmentCells : establishmentCells;
    let cells = byRegion.get(row.regionId);
    if (!cells) byRegion.set(row.regionId, (cells = new Map()));
    cells.set(row.industryCode, { value: row.value, status: row.status, flag: row.flag });
    if (row.measure === 'employment') present.add(row.industryCode);
    else if (row.value !== null) anyEstablishments = true;
  }
  const regions = candidates.filter((r) => typeof employmentCells.get(r.id)?.get('TOTAL')?.value === 'number' && employmentCells.get(r.id)!.get('TOTAL')!.value! > 0);
  const regionsWithoutTotal = candidates.filter((r) => !regions.includes(r) && employmentCells.has(r.id)).map((r) => r.id);
  if (regions.length === 0) throw new ServiceError('NO_DATA', `no ${source.code} ${regionType} region has a total for ${year}`, { source: source.code, year });

  const nr = regions.length;
  const nc = INDUSTRY_FAMILIES.length;
  const employment = new Float64Array(nr * nc);
  const establishments = new Float64Array(nr * nc).fill(NaN);
  const estimatedEmployment = new Float64Array(nr * nc);
  const lowReliability = new Uint8Array(nr * nc);
  const cellState = new Uint8Array(nr * nc);
  const totalEmployment = new Float64Array(nr);
  const stateIndex = new Map(FAMILY_CELL_STATES.map((s, k) => [s, k]));
  const empty = new Map<string, SourceCell>();
  regions.forEach((region, r) => {
    const cells = employmentCells.get(region.id)!;
    totalEmployment[r] = cells.get('TOTAL')!.value!;
    const families = familyCells(cells, scheme, present, source.absentMeansZero);
    const counts = anyEstablishments ? familyCells(establishmentCells.get(region.id) ?? empty, scheme, present, source.absentMeansZero) : null;
    for (let c = 0; c < nc; c++) {
      const k = r * nc + c;
      const f = families[c]!;
      employment[k] = f.value;
      estimatedEmployment[k] = f.estimated;
      lowReliability[k] = f.lowReliability ? 1 : 0;
      cellState[k] = stateIndex.get(f.state)!;
      if (counts) establishments[k] = counts[c]!.value;
    }
  });

  // LQ against all regions of the type; a family's reference share over the regions with a value for it
  const grand = compensatedSum(totalEmployment);
  const referenceTotals = new Float64Array(nc);
  const known = new Float64Array(nr);
  const knownTotals = new Float64Array(nr);
  for (let c = 0; c < nc; c++) {
    let n = 0;
    for (let r = 0; r < nr; r++) {
      const e = employment[r * nc + c]!;
      if (Number.isNaN(e)) continue;
      known[n] = e;
      knownTotals[n] = totalEmployment[r]!;
      n++;
    }
    const t = n === 0 ? 0 : compensatedSum(knownTotals.subarray(0, n));
    referenceTotals[c] = t > 0 ? (compensatedSum(known.subarray(0, n)) / t) * grand : NaN;
  }
  const matrix = denseMatrix(regions.map((r) => r.id), INDUSTRY_FAMILIES.map((f) => f.code), employment);
  const lq = locationQuotient(matrix, { regionTotals: totalEmployment, referenceTotals, referenceGrandTotal: grand, missing: 'omit' }).values;

  const types = INDUSTRY_FAMILIES.map(() => 'traded' as const);
  const rule: FamilyStrongRule = anyEstablishments ? 'strong' : 'strong-employment-only';
  // without establishment counts, condition 4 is made identical to condition 3 (employment > P25): dropped
  const strongResult = strongClusters({ regionCount: nr, clusterCount: nc, employment, establishments: anyEstablishments ? establishments : employment, lq, types }, options.strong);
  const clusterStrength = new Float64Array(nr);
  for (let r = 0; r < nr; r++) {
    let inStrong = 0;
    let all = 0;
    for (let c = 0; c < nc; c++) {
      const e = employment[r * nc + c]!;
      if (Number.isNaN(e)) continue;
      all += e;
      if (strongResult.strong[r * nc + c] === 1) inStrong += e;
    }
    clusterStrength[r] = all > 0 ? inStrong / all : NaN;
  }
  const stars = clusterStars({ regionCount: nr, clusterCount: nc, employment, lq, regionTotals: totalEmployment, types }, { ...options.stars, localClusters: 'rate' });
  // a cell without a value has no rating: stars NaN (the flags stay 0, as for any cell without employment)
  for (let k = 0; k < nr * nc; k++) if (Number.isNaN(employment[k]!)) stars.stars[k] = NaN;

  const coverage = new Float64Array(nr);
  let mapped = 0;
  let publishedCells = 0;
  let missingCells = 0;
  let lowReliabilityCells = 0;
  for (let r = 0; r < nr; r++) {
    let covered = 0;
    for (let c = 0; c < nc; c++) {
      const k = r * nc + c;
      if (cellState[k] === 2) continue;
      publishedCells++;
      if (cellState[k] === 1) missingCells++;
      else covered += employment[k]!;
      if (lowReliability[k] === 1) lowReliabilityCells++;
    }
    coverage[r] = Math.min(1, covered / totalEmployment[r]!);
    mapped += covered;
  }
  const clusters: FamilyInfo[] = INDUSTRY_FAMILIES.map((f) => {
    const own = scheme.rules.filter((x) => x.family === f.code && x.exceptionOf === undefined).map((x) => x.code);
    return {
      code: f.code,
      name: f.name,
      shortName: f.shortName,
      type: 'traded',
      industryCodes: own.filter((c) => present.has(c)),
      absentCodes: own.filter((c) => !present.has(c)),
    };
  });
  const notApplicableEstablishments = rule === 'strong-employment-only' ? new Float64Array(nc).fill(NaN) : strongResult.establishmentsThreshold;
  return {
    level: 'family',
    source: source.code,
    regionType,
    year,
    classification: source.classification,
    dataset,
    rule,
    regions,
    clusters,
    employment,
    establishments,
    estimatedEmployment,
    lowReliability,
    cellState,
    totalEmployment,
    coverage,
    lq,
    strong: strongResult.strong,
    strong10: strongResult.strong10,
    thresholds: {
      lq75: strongResult.lqThreshold,
      lq90: strongResult.lq10Threshold,
      employment25: strongResult.employmentThreshold,
      establishments25: notApplicableEstablishments,
    },
    clusterStrength,
    sizeStar: stars.sizeStar,
    specialisationStar: stars.specialisationStar,
    focusStar: stars.focusStar,
    stars: stars.stars,
    focus: stars.focus,
    starThresholds: { size: stars.sizeThreshold, focus: stars.focusThreshold },
    summary: {
      regions: nr,
      totalEmployment: compensatedSum(totalEmployment),
      mappedEmployment: mapped,
      coverage: mapped / grand,
      publishedCells,
      missingCells,
      lowReliabilityCells,
      familiesNotInSource: clusters.filter((f) => f.industryCodes.length === 0).map((f) => f.code),
      regionsWithoutTotal,
    },
  };
}
