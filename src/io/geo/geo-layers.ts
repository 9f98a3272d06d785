import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { JAPAN_PREFECTURES, japanPrefectureRegionId } from '../classifications/japan-prefectures.js';
import type { RegionType } from '../store/store.js';

/** The boundary layers ClusterLens serves (GET /api/v1/geo/{layer}). */
export const GEO_LAYER_IDS = Object.freeze(['us-states', 'us-counties', 'us-economic-areas', 'us-metro-areas', 'nuts2', 'jp-prefectures'] as const);
export type GeoLayerId = (typeof GEO_LAYER_IDS)[number];

/** One geometry of a TopoJSON object (only what ClusterLens reads or adds). */
export interface TopoGeometry {
  type: string;
  id?: string | number;
  properties?: Record<string, unknown>;
  arcs?: unknown;
}

export interface Topology {
  type: 'Topology';
  objects: Record<string, { type: string; geometries: TopoGeometry[] }>;
  arcs: unknown[];
  transform?: unknown;
}

export interface GeoLayerDefinition {
  id: GeoLayerId;
  title: string;
  /** File under the shipped data folder. */
  file: string;
  /** The TopoJSON object holding the layer's shapes. */
  object: string;
  /** Regions of the data model the shapes stand for (null: none). EA and MSA regions are built from counties (layerRegions). */
  regions: { type: RegionType; country: string } | null;
  /** Credit line to show with the map. */
  attribution: string;
  licence: string;
  /** Why the file may be missing from a distribution (the layer then answers GEO_LAYER_NOT_AVAILABLE). */
  whenMissing: string;
}

const NAME_TO_PREFECTURE = new Map(JAPAN_PREFECTURES.map((p) => [p.nameJa, japanPrefectureRegionId(p.code)]));

/** The layers, their files and how a shape's region id is found (regionIdOf). */
export const GEO_LAYERS: Readonly<Record<GeoLayerId, GeoLayerDefinition>> = Object.freeze({
  'us-states': {
    id: 'us-states', title: 'US states (Census 2017 cartographic boundaries, us-atlas)', file: 'us-atlas/states-10m.json', object: 'states',
    regions: { type: 'state', country: 'US' }, attribution: 'U.S. Census Bureau; us-atlas (Mike Bostock)', licence: 'public domain geometry; ISC (us-atlas)', whenMissing: 'data/us-atlas is part of every distribution',
  },
  'us-counties': {
    id: 'us-counties', title: 'US counties (Census 2017 cartographic boundaries, us-atlas)', file: 'us-atlas/counties-10m.json', object: 'counties',
    regions: { type: 'county', country: 'US' }, attribution: 'U.S. Census Bureau; us-atlas (Mike Bostock)', licence: 'public domain geometry; ISC (us-atlas)', whenMissing: 'data/us-atlas is part of every distribution',
  },
  'us-economic-areas': {
    id: 'us-economic-areas', title: 'BEA Economic Areas (U.S. Cluster Mapping map file)', file: 'us-cmp-geo/cmp_eas_msas.topo.json', object: 'eas',
    regions: { type: 'ea', country: 'US' }, attribution: 'Source: U.S. Cluster Mapping, Institute for Strategy and Competitiveness, Harvard Business School', licence: 'GPL-2.0 (data/us-cmp-geo)',
    whenMissing: 'data/us-cmp-geo (GPL-2.0) was removed from this distribution',
  },
  'us-metro-areas': {
    id: 'us-metro-areas', title: 'US metropolitan and micropolitan statistical areas (U.S. Cluster Mapping map file)', file: 'us-cmp-geo/cmp_eas_msas.topo.json', object: 'msas',
    regions: { type: 'msa', country: 'US' }, attribution: 'Source: U.S. Cluster Mapping, Institute for Strategy and Competitiveness, Harvard Business School', licence: 'GPL-2.0 (data/us-cmp-geo)',
    whenMissing: 'data/us-cmp-geo (GPL-2.0) was removed from this distribution',
  },
  nuts2: {
    id: 'nuts2', title: 'NUTS 2013 level 2 (Eurostat GISCO, 1:10 million)', file: 'eu-nuts-boundaries/NUTS_RG_10M_2013_4326_LEVL_2.topo.json', object: 'NUTS',
    regions: { type: 'nuts2', country: '' }, attribution: '© EuroGeographics for the administrative boundaries; Source: Eurostat/GISCO', licence: 'GISCO terms: non-commercial use only',
    whenMissing:
      'the GISCO NUTS boundaries are not shipped (their EuroGeographics licence covers non-commercial use only): put NUTS_RG_10M_2013_4326_LEVL_2.topo.json (object NUTS) into the folder named by $CLUSTERLENS_GEO_DIR where that use is allowed',
  },
  'jp-prefectures': {
    id: 'jp-prefectures', title: 'Japanese prefectures (MLIT National Land Numerical Information N03, SmartNews japan-topography)', file: 'japan-prefectures/prefectures_s0001.topo.json', object: 'prefectures',
    regions: { type: 'prefecture', country: 'JP' }, attribution: '国土数値情報（行政区域データ）（国土交通省）を加工して作成', licence: 'MLIT terms (credit required)', whenMissing: 'data/japan-prefectures is part of every distribution',
  },
});

/** The region id a shape stands for ("US-53", "US-53033", "US-EA-57152", "US-MSA-42660", "DE21", "JP-01"), or null. */
export function regionIdOf(layer: GeoLayerId, geometry: TopoGeometry): string | null {
  const id = geometry.id === undefined ? '' : String(geometry.id);
  switch (layer) {
    case 'us-states':
    case 'us-counties':
      return id === '' ? null : `US-${id}`;
    case 'us-economic-areas':
      return id === '' ? null : `US-EA-${id}`;
    case 'us-metro-areas':
      return id === '' ? null : `US-MSA-${id}`;
    case 'nuts2': {
      const code = geometry.properties?.NUTS_ID;
      return typeof code === 'string' ? code : null;
    }
    case 'jp-prefectures': {
      const name = geometry.properties?.N03_001;
      return typeof name === 'string' ? (NAME_TO_PREFECTURE.get(name) ?? null) : null;
    }
    default:
      return null;
  }
}

/** Thrown when a layer's file is not in this distribution; `reason` says why. */
export class GeoLayerUnavailableError extends Error {
  readonly code = 'GEO_LAYER_NOT_AVAILABLE';
  readonly layer: GeoLayerId;
  constructor(layer: GeoLayerId, reason: string) {
    super(`geo layer ${layer} is not available: ${reason}`);
    this.name = 'GeoLayerUnavailableError';
    this.layer = layer;
  }
}

export interface GeoLayer {
  definition: GeoLayerDefinition;
  /** The TopoJSON with only the layer's object, each geometry with properties.regionId (null when none). */
  topology: Topology;
  /** The same, serialised once. */
  json: string;
}

const cache = new Map<string, GeoLayer>();

/**
 * Reads a layer from the shipped data folder (cached per folder and layer): the TopoJSON reduced to the
 * layer's object (arcs and transform kept), each shape given `properties.regionId` so that maps join on
 * ClusterLens region ids. Throws GeoLayerUnavailableError when the file is not shipped.
 */
export function readGeoLayer(dataDir: string, layer: GeoLayerId): GeoLayer {
  const key = `${dataDir}\u0000${process.env.CLUSTERLENS_GEO_DIR ?? ''}\u0000${layer}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const definition = GEO_LAYERS[layer];
  // a boundary file the package may not ship (licence) can be supplied by the user in $CLUSTERLENS_GEO_DIR
  const userDir = process.env.CLUSTERLENS_GEO_DIR;
  const candidates = [join(dataDir, definition.file), ...(userDir ? [join(userDir, basename(definition.file))] : [])];
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) throw new GeoLayerUnavailableError(layer, definition.whenMissing);
  const source = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  const object = source.objects[definition.object];
  if (object === undefined) throw new GeoLayerUnavailableError(layer, `${definition.file} has no object "${definition.object}"`);
  const geometries = object.geometries.map((g) => ({ ...g, properties: { ...g.properties, regionId: regionIdOf(layer, g) } }));
  const topology: Topology = { type: 'Topology', objects: { [definition.object]: { ...object, geometries } }, arcs: source.arcs, ...(source.transform === undefined ? {} : { transform: source.transform }) };
  const result = { definition, topology, json: JSON.stringify(topology) };
  cache.set(key, result);
  return result;
}
