import type { RegionRecord } from '../store/store.js';
import type { GeoLayer } from './geo-layers.js';

/** One region of the data with no shape, or one shape with no data, and why. */
export interface GeoMismatch {
  /** Region id ("DE21", "US-46113"); for a shape, the id it stands for (null when none). */
  regionId: string | null;
  /** The shape's own id or code (shapes only). */
  shapeId?: string;
  name: string;
  reason: string;
}

export interface GeoMatchReport {
  layer: string;
  title: string;
  attribution: string;
  shapes: number;
  regions: number;
  matched: number;
  /** Counts of mismatches by reason (regions without a shape, then shapes without data). */
  reasons: Record<string, number>;
  regionsWithoutShape: GeoMismatch[];
  shapesWithoutData: GeoMismatch[];
}

/** US county FIPS codes that changed; the shapes are the Census 2017 cartographic boundaries. */
const COUNTY_CHANGES: Readonly<Record<string, string>> = Object.freeze({
  'US-46113': 'Shannon County, SD was renamed Oglala Lakota County (46102) in 2015; the shapes have 46102',
  'US-02270': 'Wade Hampton Census Area, AK was renamed Kusilvak (02158) in 2015; the shapes have 02158',
  'US-51515': 'Bedford city, VA joined Bedford County (51019) in 2013; the shapes have 51019 only',
  'US-12025': 'Dade County, FL became Miami-Dade (12086) in 1997; the shapes have 12086',
  'US-02261': 'Valdez-Cordova Census Area, AK was split in 2019 (02063, 02066); the 2017 shapes still have 02261',
  'US-02063': 'Chugach Census Area, AK dates from 2019; the 2017 shapes have Valdez-Cordova (02261)',
  'US-02066': 'Copper River Census Area, AK dates from 2019; the 2017 shapes have Valdez-Cordova (02261)',
});

const TERRITORIES = new Set(['US-60', 'US-66', 'US-69', 'US-72', 'US-78']);

/**
 * Compares a layer's shapes with the regions of the data (the store's regions of the layer's type): which
 * region ids have no shape and which shapes have no data, each with a reason — extra-regio NUTS codes (…ZZ)
 * have no shape by definition; a NUTS code of another version (the region names carry "(NUTS 2010)") is
 * recoded in the NUTS 2013 shapes; US county FIPS changes (Oglala Lakota, Kusilvak, Bedford city, the 2019
 * Alaska split, Connecticut's 2022 planning regions); territories; layers with no regions in the data model.
 */
export function matchGeoLayer(layer: GeoLayer, regions: readonly RegionRecord[]): GeoMatchReport {
  const { definition } = layer;
  const geometries = layer.topology.objects[definition.object]?.geometries ?? [];
  const shapeByRegion = new Map<string, { shapeId: string; name: string }>();
  const shapes: { shapeId: string; name: string; regionId: string | null }[] = geometries.map((g) => {
    const regionId = (g.properties?.regionId as string | null | undefined) ?? null;
    const props = g.properties ?? {};
    const name = String(props.name ?? props.NUTS_NAME ?? props.N03_001 ?? '');
    const shapeId = g.id === undefined ? String(props.NUTS_ID ?? props.N03_001 ?? '') : String(g.id);
    if (regionId !== null) shapeByRegion.set(regionId, { shapeId, name });
    return { shapeId, name, regionId };
  });
  const dataIds = new Set(regions.map((r) => r.id));
  const countriesWithShapes = new Set([...shapeByRegion.keys()].map((id) => countryOf(definition.id, id)));
  const regionsWithoutShape: GeoMismatch[] = [];
  for (const r of regions) {
    if (shapeByRegion.has(r.id)) continue;
    regionsWithoutShape.push({ regionId: r.id, name: r.name, reason: regionReason(definition.id, r, countriesWithShapes) });
  }
  const unshapedByCountry = new Map<string, string[]>();
  for (const m of regionsWithoutShape) {
    const c = countryOf(definition.id, m.regionId!);
    unshapedByCountry.set(c, [...(unshapedByCountry.get(c) ?? []), m.regionId!]);
  }
  const countriesWithData = new Set(regions.map((r) => countryOf(definition.id, r.id)));
  const shapesWithoutData: GeoMismatch[] = [];
  for (const s of shapes) {
    if (s.regionId !== null && dataIds.has(s.regionId)) continue;
    shapesWithoutData.push({ regionId: s.regionId, shapeId: s.shapeId, name: s.name, reason: shapeReason(definition.id, s.regionId, regions.length, countriesWithData, unshapedByCountry) });
  }
  const reasons: Record<string, number> = {};
  for (const m of [...regionsWithoutShape, ...shapesWithoutData]) {
    const key = m.reason.replace(/\s*\(.*$/, '').replace(/: .*$/, '');
    reasons[key] = (reasons[key] ?? 0) + 1;
  }
  return {
    layer: definition.id,
    title: definition.title,
    attribution: definition.attribution,
    shapes: shapes.length,
    regions: regions.length,
    matched: regions.length - regionsWithoutShape.length,
    reasons,
    regionsWithoutShape,
    shapesWithoutData,
  };
}

/** The country part of a region id, for grouping ("DE21" → "DE", "US-53033" → "US", "JP-01" → "JP"). */
function countryOf(layer: string, id: string): string {
  return layer === 'nuts2' ? id.slice(0, 2) : id.slice(0, 2);
}

function regionReason(layer: string, r: RegionRecord, countriesWithShapes: ReadonlySet<string>): string {
  if (layer === 'nuts2') {
    if (r.id.endsWith('ZZ')) return 'extra-regio code (…ZZ): a territory outside any region, no shape by definition';
    const version = /\(NUTS (\d{4})\)/.exec(r.name);
    if (version && version[1] !== '2013') return `NUTS ${version[1]} code: recoded in NUTS 2013, the version of the shapes`;
    if (!countriesWithShapes.has(r.id.slice(0, 2))) return `no shapes for country ${r.id.slice(0, 2)} in the NUTS 2013 layer`;
    return 'not a NUTS 2013 level-2 code (another NUTS version?)';
  }
  if (layer === 'us-counties') {
    const change = COUNTY_CHANGES[r.id];
    if (change) return `FIPS code changed: ${change}`;
    if (/^US-091[1-9]0$/.test(r.id)) return 'FIPS code changed: a Connecticut planning region (2022); the 2017 shapes have the 8 former counties';
    return 'no shape with this FIPS code in the Census 2017 cartographic boundaries';
  }
  return 'no shape with this code';
}

function shapeReason(
  layer: string,
  regionId: string | null,
  regionCount: number,
  countriesWithData: ReadonlySet<string>,
  unshapedByCountry: ReadonlyMap<string, string[]>,
): string {
  if (regionId === null) return 'the shape names no known region';
  const fromCounties = layer === 'us-economic-areas' || layer === 'us-metro-areas';
  if (regionCount === 0) {
    return fromCounties
      ? 'no regions of this layer in the data (its areas are sums of counties: import a CBP county file or QCEW)'
      : `no regions of this layer in the data (import ${layer === 'us-counties' ? 'a CBP county file or QCEW' : 'data for it'})`;
  }
  if (fromCounties) return 'none of its counties in the data';
  if (layer === 'us-states' && TERRITORIES.has(regionId)) return 'territory: not in the data';
  if (layer === 'us-counties') {
    const change = Object.entries(COUNTY_CHANGES).find(([, text]) => text.includes(`(${regionId.slice(3)})`) || text.includes(`have ${regionId.slice(3)}`));
    if (change) return `FIPS code changed: the data have ${change[0]} (${change[1]})`;
  }
  const country = regionId.slice(0, 2);
  if (layer === 'nuts2') {
    if (!countriesWithData.has(country)) return `no data for country ${country}`;
    const other = unshapedByCountry.get(country);
    if (other !== undefined) return `no data with this NUTS 2013 code: the data for ${country} use other codes (${other.join(', ')})`;
  }
  return 'no data for this region';
}
