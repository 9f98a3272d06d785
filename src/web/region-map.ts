/**
 * A choropleth of any regions served as TopoJSON (EU NUTS-2, Japanese prefectures): each feature is
 * joined to a region of the data, filled by a location quotient with the same colour scale as the US map,
 * and is a focusable button (Enter or Space selects). Features join by id (the region id or one of its
 * aliases, e.g. "01" for JP-01) or else by a name property against the region's names and aliases (the
 * shipped Japanese boundaries carry only the Japanese name, N03_001 = 北海道).
 */
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { RegionInfo, Topology } from './api-client.js';
import { locationQuotientColour } from './location-quotient-colour.js';
import { regionName } from './region-names.js';
import { svgElement } from './svg.js';
import type { Tooltip } from './tooltip.js';

const NAME_PROPERTIES = ['id', 'NUTS_ID', 'nuts_id', 'code', 'region', 'N03_001', 'name', 'NAME_LATN', 'name_ja', 'nam_ja', 'nam'];

/** The fields of a feature the join reads. */
export interface JoinableFeature {
  readonly id?: string | number;
  readonly properties?: Readonly<Record<string, unknown>> | null;
}

/** The region a feature stands for, or undefined when none matches. */
export function matchRegion(f: JoinableFeature, regions: readonly Pick<RegionInfo, 'id' | 'name' | 'aliases'>[]): string | undefined {
  const keys = new Set<string>();
  if (f.id !== undefined) keys.add(String(f.id));
  for (const p of NAME_PROPERTIES) {
    const v = f.properties?.[p];
    if (typeof v === 'string' || typeof v === 'number') keys.add(String(v));
  }
  for (const key of keys) {
    const k = key.trim();
    const hit = regions.find((r) => r.id === k) ?? regions.find((r) => r.aliases.includes(k) || r.name === k);
    if (hit) return hit.id;
  }
  return undefined;
}

/** Options of {@link renderRegionMap}. */
export interface RegionMapOptions {
  readonly regions: readonly RegionInfo[];
  /** Location quotient by region id (null: no data). */
  readonly values: ReadonlyMap<string, number | null>;
  readonly ariaLabel: string;
  readonly testId: string;
  readonly tooltip: Tooltip;
  /** Tooltip line for a region, e.g. "Industry: LQ 1.20". */
  readonly describe: (region: string, value: number | null) => string;
  readonly onSelect: (region: string) => void;
}

/** Draws the map into `container`; returns the number of features joined to a region. */
export function renderRegionMap(container: HTMLElement, topology: Topology, options: RegionMapOptions): number {
  const objects = topology.objects as Record<string, Parameters<typeof feature>[1]>;
  const first = Object.values(objects)[0];
  if (!first) throw new Error('the boundary file holds no object');
  const all = feature(topology, first) as unknown as FeatureCollection<Geometry, Record<string, unknown> | null>;
  const joined: { f: Feature<Geometry, Record<string, unknown> | null>; region: string }[] = [];
  for (const f of all.features) {
    const region = matchRegion({ id: f.id, properties: f.properties }, options.regions);
    if (region !== undefined) joined.push({ f, region });
  }
  const width = 720;
  const height = 560;
  const collection: FeatureCollection<Geometry, Record<string, unknown> | null> = { type: 'FeatureCollection', features: joined.map((j) => j.f) };
  const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], collection);
  const path = geoPath(projection);
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'region-map', role: 'group', 'aria-label': options.ariaLabel, 'data-testid': options.testId });
  const layer = svgElement('g', {}, svg);
  for (const { f, region } of joined) {
    const d = path(f) ?? '';
    if (d === '') continue;
    const value = options.values.get(region) ?? null;
    const info = options.regions.find((r) => r.id === region);
    const name = regionName(region, info?.name ?? region);
    const line = options.describe(region, value);
    const el = svgElement('path', {
      d,
      class: 'state',
      fill: locationQuotientColour(value),
      tabindex: 0,
      role: 'button',
      'aria-label': `${name}. ${line}`,
      'data-region': region,
    }, layer);
    const tip = { title: name, lines: [line] };
    el.addEventListener('click', () => options.onSelect(region));
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        options.onSelect(region);
      }
    });
    el.addEventListener('pointermove', (event) => options.tooltip.showAt(tip, event.clientX, event.clientY));
    el.addEventListener('pointerleave', () => options.tooltip.hide());
    el.addEventListener('focus', () => options.tooltip.showBeside(tip, el));
    el.addEventListener('blur', () => options.tooltip.hide());
  }
  container.replaceChildren(svg);
  return joined.length;
}

