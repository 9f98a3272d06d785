import { allocateToClusters, clusterLocationQuotient, denseMatrix, strongClusters } from '../core/index.js';
import type { ClusterType, LeafClassification } from '../core/index.js';
import { naicsAncestors } from '../io/classifications/naics-code.js';
import { US_BENCHMARK_SCHEME } from '../io/classifications/benchmark-clusters.js';
import { COUNTY_AREA_CROSSWALK } from '../io/geo/read-county-areas.js';
import type { RegionRecord, Store } from '../io/store/store.js';
import { readObservationColumns } from '../io/store/read-observation-columns.js';
import { countyAreasInStore } from './county-areas.js';
import type { AreaCoverage } from './county-areas.js';
import { ServiceError } from './service-error.js';

export interface ClusterInfo {
  code: string;
  name: string;
  type: ClusterType;
}

/** Cluster mapping of one region type and year: every region × every cluster of a scheme. Arrays row-major regions × clusters. */
export interface ClusterMapping {
  year: number;
  classification: string;
  /** The cluster-definition scheme: US_BENCHMARK_SCHEME or a user scheme (`clusterlens import clusters`). */
  scheme: string;
  regions: RegionRecord[];
  clusters: ClusterInfo[];
  employment: Float64Array;
  establishments: Float64Array;
  estimatedEmployment: Float64Array;
  lq: Float64Array;
  strong: Uint8Array;
  strong10: Uint8Array;
  thresholds: { lq75: Float64Array; lq90: Float64Array; employment25: Float64Array; establishments25: Float64Array };
  clusterStrength: Float64Array;
  /** Per region: employment in codes outside any cluster and employment that could not be placed. */
  unmapped: Float64Array;
  unallocated: Float64Array;
  /** The leaf industries and their clusters the mapping allocated to (reused for custom regions). */
  leafClassification: LeafClassification;
  /** Economic Areas and CBSAs only (absent for states and counties): per region, in the order of `regions`, how much of the area the database covers. */
  coverage?: AreaCoverage[];
}

/** Region types of the US cluster mapping: states, counties, BEA Economic Areas and CBSAs (the last two built from counties). */
export type MappingRegionType = 'state' | 'county' | 'ea' | 'msa';

const AREA_LABEL = { ea: 'BEA Economic Areas', msa: 'metropolitan and micropolitan statistical areas' } as const;

/** What computeClusterMapping maps: the year, and optionally the classification, region type and scheme. */
export interface ClusterMappingOptions {
  year: number;
  /** Default NAICS2007 (the classification of the shipped CBP data). */
  classification?: string;
  /** Default 'state'; ea and msa are sums of their counties (docs/data/economic-areas.md). */
  regionType?: MappingRegionType;
  /** Default US_BENCHMARK_SCHEME; a user scheme must have been stored (`clusterlens import clusters`). */
  scheme?: string;
}

/**
 * Computes the cluster mapping of the US states (or counties) for a year — percentiles of the strong-cluster
 * rule are taken among regions of that one type: industry hierarchies → clusters of the scheme
 * (allocateToClusters), cluster LQs with traded/local denominators, and the strong-cluster rule.
 * A user scheme may name codes above the finest level (NAICS 336): a finest-level code then belongs to the
 * cluster of its nearest listed ancestor. The strong rule is relative (percentiles among the regions, per
 * cluster), so it applies unchanged to a user scheme's traded clusters; its local clusters are not rated.
 * An unknown scheme is refused with NOT_FOUND (docs/data/cluster-schemes.md).
 * Economic Areas and CBSAs (regionType ea, msa) are sums of the counties in the database, through the shipped
 * county crosswalk: an area's cell is the sum of its counties' cells, estimated when any of them is, unknown
 * when any is suppressed without an estimate; only areas with at least one county in the database are mapped
 * (docs/data/economic-areas.md).
 */
export async function computeClusterMapping(store: Store, options: ClusterMappingOptions): Promise<ClusterMapping> {
  const { year, classification = 'NAICS2007', regionType = 'state', scheme = US_BENCHMARK_SCHEME } = options;
  const { regions, observedIds, areaOf, coverage } = await mappedRegions(store, regionType);
  const definitions = await store.clusterDefinitions(scheme);
  if (definitions.length === 0 && scheme !== US_BENCHMARK_SCHEME) {
    throw new ServiceError('NOT_FOUND', `unknown cluster scheme "${scheme}" (store one with \`clusterlens import clusters FILE --scheme ${scheme}\`; the default is ${US_BENCHMARK_SCHEME})`, { scheme });
  }
  const clusterByCode = new Map<string, ClusterInfo>();
  const industryCluster = new Map<string, string>();
  for (const d of definitions) {
    if (d.classification !== classification) continue;
    clusterByCode.set(d.clusterCode, { code: d.clusterCode, name: d.clusterName, type: d.clusterType });
    industryCluster.set(d.industryCode, d.clusterCode);
  }
  if (clusterByCode.size === 0) {
    const other = definitions[0]?.classification;
    throw new ServiceError('NO_DATA', `no cluster definitions for ${classification}${scheme === US_BENCHMARK_SCHEME ? '' : ` in scheme ${scheme}${other === undefined ? '' : ` (it is defined on ${other})`}`}`, { scheme, classification });
  }
  const clusters = [...clusterByCode.values()].sort((a, b) => (a.type !== b.type ? (a.type === 'traded' ? -1 : 1) : a.name.localeCompare(b.name)));
  const clusterIndex = new Map(clusters.map((c, k) => [c.code, k]));
  const leaves = (await store.listIndustries(classification)).filter((i) => i.level === 6).map((i) => i.code);
  const leafCluster = Int32Array.from(leaves, (code) => {
    let c = industryCluster.get(code);
    // a user scheme may list a coarser code (the benchmark lists only finest-level codes)
    for (const a of c === undefined ? naicsAncestors(code) : []) {
      c = industryCluster.get(a);
      if (c !== undefined) break;
    }
    return c === undefined ? -1 : (clusterIndex.get(c) ?? -1);
  });
  const leafClassification: LeafClassification = { leafCodes: leaves, cluster: leafCluster, clusterCount: clusters.length, ancestors: naicsAncestors };

  const obs = await readObservationColumns(store, { classification, years: [year], measures: ['employment', 'establishments'], regionIds: observedIds });
  if (obs.value.length === 0) throw new ServiceError('NO_DATA', `no observations for ${year}`, { year });
  const byRegion = new Map<string, { employment: Map<string, CellValue>; establishments: Map<string, CellValue> }>();
  for (let k = 0; k < obs.value.length; k++) {
    const regionId = obs.regionId[k]!;
    let entry = byRegion.get(regionId);
    if (!entry) {
      entry = { employment: new Map(), establishments: new Map() };
      byRegion.set(regionId, entry);
    }
    const value = obs.value[k]!;
    const cells = obs.measure[k] === 'employment' ? entry.employment : entry.establishments;
    // an unknown cell (suppressed, not estimated) is kept as NaN unless a dataset gives a value: an area's sum needs to know
    if (Number.isNaN(value) && cells.has(obs.industryCode[k]!)) continue;
    cells.set(obs.industryCode[k]!, { value, estimated: obs.measure[k] === 'employment' && obs.status[k] === 'estimated' });
  }
  const cellsByRegion = areaOf === null ? byRegion : sumToAreas(byRegion, areaOf);
  const nr = regions.length;
  const nc = clusters.length;
  const employment = new Float64Array(nr * nc);
  const establishments = new Float64Array(nr * nc);
  const estimatedEmployment = new Float64Array(nr * nc);
  const unmapped = new Float64Array(nr);
  const unallocated = new Float64Array(nr);
  regions.forEach((region, r) => {
    const entry = cellsByRegion.get(region.id);
    if (!entry) return;
    const emp = allocateToClusters(hierarchyOf(knownCells(entry.employment)), leafClassification);
    const est = allocateToClusters(hierarchyOf(knownCells(entry.establishments)), leafClassification);
    employment.set(emp.total, r * nc);
    estimatedEmployment.set(emp.estimated, r * nc);
    establishments.set(est.total, r * nc);
    unmapped[r] = emp.unmapped;
    unallocated[r] = emp.unallocated;
  });
  const types = clusters.map((c) => c.type);
  const matrix = denseMatrix(regions.map((r) => r.id), clusters.map((c) => c.code), employment);
  const { lq } = clusterLocationQuotient(matrix, types);
  const strongResult = strongClusters({ regionCount: nr, clusterCount: nc, employment, establishments, lq, types });
  return {
    year,
    classification,
    scheme,
    regions,
    clusters,
    employment,
    establishments,
    estimatedEmployment,
    lq,
    strong: strongResult.strong,
    strong10: strongResult.strong10,
    thresholds: {
      lq75: strongResult.lqThreshold,
      lq90: strongResult.lq10Threshold,
      employment25: strongResult.employmentThreshold,
      establishments25: strongResult.establishmentsThreshold,
    },
    clusterStrength: strongResult.clusterStrength,
    unmapped,
    unallocated,
    leafClassification,
    ...(coverage === undefined ? {} : { coverage }),
  };
}

type RegionCells = { employment: Map<string, CellValue>; establishments: Map<string, CellValue> };

/** The regions a mapping rates and the regions whose observations it reads (the counties, for ea and msa, with each area's coverage). */
async function mappedRegions(
  store: Store,
  regionType: MappingRegionType,
): Promise<{ regions: RegionRecord[]; observedIds: string[]; areaOf: Map<string, string> | null; coverage?: AreaCoverage[] }> {
  if (regionType === 'state' || regionType === 'county') {
    const regions = (await store.listRegions({ type: regionType, country: 'US' })).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (regions.length === 0) throw new ServiceError('NOT_FOUND', `no US ${regionType} regions in the database (import a County Business Patterns ${regionType} file)`, { regionType });
    return { regions, observedIds: regions.map((r) => r.id), areaOf: null };
  }
  const covered = await countyAreasInStore(store, regionType);
  if (covered === null) throw new ServiceError('NO_DATA', `the county crosswalk data/${COUNTY_AREA_CROSSWALK} is not in this distribution: no ${AREA_LABEL[regionType]}`, { regionType });
  if (covered.countyIds.length === 0) {
    throw new ServiceError('NOT_FOUND', `no US county regions in the database: ${AREA_LABEL[regionType]} are sums of counties (import a County Business Patterns county file)`, { regionType });
  }
  const coverage = covered.regions.map((r) => covered.coverage.get(r.id)!);
  return { regions: covered.regions, observedIds: covered.countyIds, areaOf: covered.areas.areaOf, coverage };
}

/**
 * Counties' cells summed to their areas: value Σ (NaN when any member's is unknown), estimated when any
 * member's is. A county without a cell adds nothing (CBP leaves out empty cells), as combineCustomRegions.
 */
export function sumToAreas(byCounty: ReadonlyMap<string, RegionCells>, areaOf: ReadonlyMap<string, string>): Map<string, RegionCells> {
  const out = new Map<string, RegionCells>();
  for (const [county, cells] of byCounty) {
    const area = areaOf.get(county);
    if (area === undefined) continue;
    let target = out.get(area);
    if (!target) {
      target = { employment: new Map(), establishments: new Map() };
      out.set(area, target);
    }
    for (const measure of ['employment', 'establishments'] as const) {
      const sums = target[measure];
      for (const [code, v] of cells[measure]) {
        const previous = sums.get(code);
        sums.set(code, previous === undefined ? v : { value: previous.value + v.value, estimated: previous.estimated || v.estimated });
      }
    }
  }
  return out;
}

/** The cells with a value (unknown ones, NaN, left out). */
function knownCells(cells: Map<string, CellValue>): Map<string, CellValue> {
  for (const v of cells.values()) {
    if (Number.isNaN(v.value)) return new Map([...cells].filter(([, c]) => !Number.isNaN(c.value)));
  }
  return cells;
}

/** A published value and whether it is an estimate of a suppressed cell. */
export interface CellValue {
  value: number;
  estimated: boolean;
}

/** A region's values as a hierarchy (parents from the NAICS code structure) for allocateToClusters. */
export function hierarchyOf(values: Map<string, CellValue>): {
  codes: string[];
  parent: Int32Array;
  value: Float64Array;
  estimated: Uint8Array;
} {
  const codes = [...values.keys()];
  const index = new Map(codes.map((c, k) => [c, k]));
  const parent = new Int32Array(codes.length).fill(-1);
  const value = new Float64Array(codes.length);
  const estimated = new Uint8Array(codes.length);
  codes.forEach((code, k) => {
    const v = values.get(code)!;
    value[k] = v.value;
    estimated[k] = v.estimated ? 1 : 0;
    for (const a of naicsAncestors(code)) {
      const p = index.get(a);
      if (p !== undefined) {
        parent[k] = p;
        break;
      }
    }
  });
  return { codes, parent, value, estimated };
}
