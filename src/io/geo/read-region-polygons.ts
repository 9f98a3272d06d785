import { feature } from 'topojson-client';
import type { GeometryObject, Topology as TopoJsonTopology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import type { PolygonData, Ring } from '../../core/index.js';
import { GeoLayerUnavailableError, readGeoLayer } from './geo-layers.js';
import type { GeoLayerId } from './geo-layers.js';

/** Region sets whose boundaries can give contiguity (any geo layer whose shapes carry region ids). */
export type BoundarySet = Extract<GeoLayerId, 'us-states' | 'us-counties' | 'jp-prefectures' | 'nuts2'>;

const cache = new WeakMap<object, PolygonData>();

/**
 * The boundaries of a region set as polygons keyed by our region ids ("US-53", "JP-01", "DE21"), for the core's
 * contiguity weights (queenContiguity). Read through readGeoLayer — the one reader of the boundary files and of
 * their region-id rules (regionIdOf), so a file the user supplies ($CLUSTERLENS_GEO_DIR, e.g. NUTS) gives
 * neighbours too; shapes that stand for no region (territories without data ids) are left out. Features decoded
 * from one TopoJSON share their arc vertices exactly, so contiguity needs no tolerance. Returns null when the
 * layer's file is not available.
 */
export function readRegionPolygons(dataDir: string, set: BoundarySet): PolygonData | null {
  let layer;
  try {
    layer = readGeoLayer(dataDir, set);
  } catch (error) {
    if (error instanceof GeoLayerUnavailableError) return null;
    throw error;
  }
  const hit = cache.get(layer);
  if (hit) return hit;
  const topology = layer.topology as unknown as TopoJsonTopology;
  const collection = layer.topology.objects[layer.definition.object]!;
  const parts = new Map<string, Ring[]>();
  for (const g of collection.geometries) {
    const id = g.properties?.regionId;
    if (typeof id !== 'string') continue;
    const geometry = (feature(topology, g as unknown as GeometryObject) as Feature<Geometry>).geometry;
    const rings = parts.get(id) ?? [];
    if (geometry?.type === 'Polygon') rings.push(...geometry.coordinates);
    else if (geometry?.type === 'MultiPolygon') for (const p of geometry.coordinates) rings.push(...p);
    parts.set(id, rings);
  }
  const ids = [...parts.keys()].sort();
  const data: PolygonData = { ids, polygons: ids.map((id) => parts.get(id)!) };
  cache.set(layer, data);
  return data;
}
