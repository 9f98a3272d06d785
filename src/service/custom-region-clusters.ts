import { allocateToClusters, clusterLocationQuotient, denseMatrix, NOT_APPLICABLE } from '../core/index.js';
import { readObservationColumns } from '../io/store/read-observation-columns.js';
import type { RegionRecord, Store } from '../io/store/store.js';
import { hierarchyOf } from './cluster-mapping.js';
import type { CellValue, ClusterMapping } from './cluster-mapping.js';
import type { AreaCoverage } from './county-areas.js';
import { ServiceError } from './service-error.js';

/** One region's row of a cluster mapping: arrays indexed by the mapping's clusters. */
export interface RegionClusterRow {
  employment: Float64Array;
  establishments: Float64Array;
  estimatedEmployment: Float64Array;
  lq: Float64Array;
  strong: Uint8Array;
  strong10: Uint8Array;
  clusterStrength: number;
  /** Economic Areas and CBSAs only: how much of the area the database covers (ClusterMapping.coverage). */
  coverage?: AreaCoverage;
}

/**
 * The cluster-mapping row of a custom region (docs/data/custom-regions.md): its observations are the sums
 * of its members' (Store.queryObservations expands it; estimated when any member is), allocated to the
 * mapping's clusters like any region's; the cluster LQ takes the mapping's regions (the US states) as the
 * reference area, LQ = (e[c] / T) / (E[c] / T_ref) with traded/local denominators, so the custom region does
 * not change the reference; it is strong when it passes the thresholds computed over the mapping's regions
 * (LQ ≥ P75 and ≥ 1, employment > P25, establishments > P25; strong10 with P90). Throws ServiceError
 * NOT_FOUND when the members have no observations of the mapping's classification and year.
 */
export async function customRegionClusters(store: Store, m: ClusterMapping, region: RegionRecord): Promise<RegionClusterRow> {
  const obs = await readObservationColumns(store, { classification: m.classification, years: [m.year], measures: ['employment', 'establishments'], regionIds: [region.id] });
  if (obs.value.length === 0) {
    throw new ServiceError('NOT_FOUND', `custom region ${region.id} (${region.name}) has no ${m.classification} data for ${m.year}`, { region: region.id, year: m.year });
  }
  const employmentCells = new Map<string, CellValue>();
  const establishmentCells = new Map<string, CellValue>();
  for (let k = 0; k < obs.value.length; k++) {
    const value = obs.value[k]!;
    if (Number.isNaN(value)) continue;
    if (obs.measure[k] === 'employment') employmentCells.set(obs.industryCode[k]!, { value, estimated: obs.status[k] === 'estimated' });
    else establishmentCells.set(obs.industryCode[k]!, { value, estimated: false });
  }
  const nc = m.clusters.length;
  const emp = allocateToClusters(hierarchyOf(employmentCells), m.leafClassification);
  const est = allocateToClusters(hierarchyOf(establishmentCells), m.leafClassification);
  const employment = Float64Array.from(emp.total);
  const establishments = Float64Array.from(est.total);
  const reference = new Float64Array(nc);
  for (let r = 0; r < m.regions.length; r++) for (let c = 0; c < nc; c++) reference[c]! += m.employment[r * nc + c]!;
  const types = m.clusters.map((c) => c.type);
  const { lq } = clusterLocationQuotient(denseMatrix([region.id], m.clusters.map((c) => c.code), employment), types, { referenceTotals: reference });
  const strong = new Uint8Array(nc);
  const strong10 = new Uint8Array(nc);
  let traded = 0;
  let inStrong = 0;
  for (let c = 0; c < nc; c++) {
    if (types[c] !== 'traded') {
      strong[c] = NOT_APPLICABLE;
      strong10[c] = NOT_APPLICABLE;
      continue;
    }
    const e = employment[c]!;
    const passes = e > 0 && lq[c]! >= 1 && e > m.thresholds.employment25[c]! && establishments[c]! > m.thresholds.establishments25[c]!;
    strong[c] = passes && lq[c]! >= m.thresholds.lq75[c]! ? 1 : 0;
    strong10[c] = passes && lq[c]! >= m.thresholds.lq90[c]! ? 1 : 0;
    traded += e;
    if (strong[c] === 1) inStrong += e;
  }
  return { employment, establishments, estimatedEmployment: Float64Array.from(emp.estimated), lq, strong, strong10, clusterStrength: traded > 0 ? inStrong / traded : NaN };
}
