import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Feature, Geometry } from 'geojson';
import type { PolygonData, Ring } from '../../core/index.js';
import { JAPAN_PREFECTURES } from '../classifications/japan-prefectures.js';

/** Region sets with shipped boundaries. */
export type BoundarySet = 'us-states' | 'jp-prefectures';

const FILES: Record<BoundarySet, { path: string; object: string }> = {
  'us-states': { path: join('us-atlas', 'states-10m.json'), object: 'states' },
  'jp-prefectures': { path: join('japan-prefectures', 'prefectures_s0001.topo.json'), object: 'prefectures' },
};

const cache = new Map<string, PolygonData>();

/**
 * The shipped boundaries of a region set as polygons keyed by our region ids ("US-53", "JP-01"), for the core's
 * contiguity weights (queenContiguity). US states: data/us-atlas/states-10m.json (id = state FIPS; territories
 * are included and ignored by callers that do not ask for them). Japanese prefectures:
 * data/japan-prefectures/prefectures_s0001.topo.json (matched by the Japanese name, N03_001). Features decoded
 * from one TopoJSON share their arc vertices exactly, so contiguity needs no tolerance. Returns null when the
 * file is not shipped; throws an Error naming the file for an unknown object or feature.
 */
export function readRegionPolygons(dataDir: string, set: BoundarySet): PolygonData | null {
  const key = `${dataDir}\u0000${set}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { path: relative, object } = FILES[set];
  const path = join(dataDir, relative);
  if (!existsSync(path)) return null;
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology;
  const collection = topology.objects[object] as GeometryCollection<Record<string, unknown>> | undefined;
  if (!collection) throw new Error(`${path}: no object "${object}"`);
  const byName = new Map(JAPAN_PREFECTURES.map((p) => [p.nameJa, `JP-${p.code}`]));
  const parts = new Map<string, Ring[]>();
  collection.geometries.forEach((g, k) => {
    let id: string | undefined;
    if (set === 'us-states') id = g.id === undefined ? undefined : `US-${String(g.id).padStart(2, '0')}`;
    else id = byName.get(String((g.properties as Record<string, unknown> | undefined)?.N03_001 ?? ''));
    if (id === undefined) throw new Error(`${path}: feature ${k} has no recognisable id`);
    const f = feature(topology, g as GeometryObject) as Feature<Geometry>;
    const rings = parts.get(id) ?? [];
    const geometry = f.geometry;
    if (geometry?.type === 'Polygon') rings.push(...geometry.coordinates);
    else if (geometry?.type === 'MultiPolygon') for (const p of geometry.coordinates) rings.push(...p);
    parts.set(id, rings);
  });
  const ids = [...parts.keys()].sort();
  const data: PolygonData = { ids, polygons: ids.map((id) => parts.get(id)!) };
  cache.set(key, data);
  return data;
}
