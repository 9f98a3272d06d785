import { shippedDataDir } from '../io/default-data/shipped-data-dir.js';
import { GEO_LAYERS } from '../io/geo/geo-layers.js';
import type { GeoLayerId } from '../io/geo/geo-layers.js';
import { readCountyAreas } from '../io/geo/read-county-areas.js';
import type { CountyAreas, CountyAreaType } from '../io/geo/read-county-areas.js';
import type { RegionRecord, Store } from '../io/store/store.js';

/** The Economic Areas or CBSAs that have at least one county in the database, and those counties. */
export interface CountyAreasInStore {
  areas: CountyAreas;
  /** Areas (regions of type ea or msa) with at least one member county in the database, by id. */
  regions: RegionRecord[];
  /** Ids of the counties in the database that belong to one of the areas, sorted. */
  countyIds: string[];
  /** How much of each area in `regions` the database covers, by area id. */
  coverage: Map<string, AreaCoverage>;
}

/**
 * How much of an Economic Area or CBSA the database covers: `memberCounties`, the county codes the crosswalk
 * puts in the area (former codes that CBP 2007–2011 still use included), and `countiesWithData`, those of them
 * with observations in the database. An area's values are the sums over the counties with data
 * (docs/data/economic-areas.md), so countiesWithData < memberCounties marks a partly loaded area.
 */
export interface AreaCoverage {
  memberCounties: number;
  countiesWithData: number;
}

/** The coverage of an area with these member counties when the database holds `countiesInStore`. */
export function areaCoverage(members: readonly string[], countiesInStore: ReadonlySet<string>): AreaCoverage {
  return { memberCounties: members.length, countiesWithData: members.filter((id) => countiesInStore.has(id)).length };
}

/**
 * The areas of a type (readCountyAreas: the shipped crosswalk) that the county data in the store cover, or
 * null when the crosswalk is not in this distribution. An area is listed as soon as one of its counties is
 * in the database (docs/data/economic-areas.md says what a partly covered area means).
 */
export async function countyAreasInStore(store: Store, type: CountyAreaType, dataDir = shippedDataDir()): Promise<CountyAreasInStore | null> {
  const areas = readCountyAreas(dataDir, type);
  if (areas === null) return null;
  const countyIds = (await store.listRegions({ type: 'county', country: 'US' })).map((c) => c.id).filter((id) => areas.areaOf.has(id)).sort();
  const present = new Set(countyIds.map((id) => areas.areaOf.get(id)));
  const regions = areas.regions.filter((r) => present.has(r.id));
  const inStore = new Set(countyIds);
  const coverage = new Map(regions.map((r) => [r.id, areaCoverage(areas.members.get(r.id) ?? [], inStore)]));
  return { areas, regions, countyIds, coverage };
}

/** The regions of the data a boundary layer stands for: the store's, or for EA and MSA shapes the areas the county data cover. */
export async function layerRegions(store: Store, layer: GeoLayerId, dataDir = shippedDataDir()): Promise<RegionRecord[]> {
  const wanted = GEO_LAYERS[layer].regions;
  if (wanted === null) return [];
  if (wanted.type === 'ea' || wanted.type === 'msa') return (await countyAreasInStore(store, wanted.type, dataDir))?.regions ?? [];
  return store.listRegions({ type: wanted.type, ...(wanted.country === '' ? {} : { country: wanted.country }) });
}
