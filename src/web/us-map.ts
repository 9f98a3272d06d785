/**
 * The US state map: each state filled by the chosen cluster's location quotient (LQ), strong clusters
 * marked with a black outline and a dot (never colour alone), mostly-estimated values hatched, the
 * selected state ringed. States are focusable buttons: Enter or Space selects, as does a click.
 */
import { geoAlbersUsa, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ClusterRegion, ClusterRegions, Topology } from './api-client.js';
import { describeEstimatedShare, formatEmployment, formatLocationQuotient, isMostlyEstimated } from './format.js';
import { t } from './i18n/translate.js';
import { locationQuotientColour } from './location-quotient-colour.js';
import { svgElement } from './svg.js';
import type { Tooltip, TooltipContent } from './tooltip.js';

const WIDTH = 960;
const HEIGHT = 600;

/** Options of {@link createUsMap}. */
export interface UsMapOptions {
  /** Called with the region id ("US-53") when the user selects a state. */
  readonly onSelect: (region: string) => void;
  readonly tooltip: Tooltip;
}

/** Handle returned by {@link createUsMap}. */
export interface UsMap {
  /** Recolours the states for a cluster and marks the selected region. */
  update(data: ClusterRegions, selectedRegion: string | undefined): void;
}

type StateFeature = Feature<Geometry, { name?: string } | null>;

/** True for the 50 states and DC (FIPS below 60); territories (60+, 72) have no data and are left out. */
export function isStateFips(fips: string): boolean {
  return /^\d{2}$/.test(fips) && Number(fips) < 60;
}

/** Tooltip text for one state (shared with the aria-label). */
export function describeState(row: ClusterRegion, clusterName: string): TooltipContent {
  const lines = [
    t('map.stateLq', { cluster: clusterName, lq: formatLocationQuotient(row.lq) }),
    t('map.stateEmployment', { employment: formatEmployment(row.employment), establishments: formatEmployment(row.establishments) }),
  ];
  if (row.strong10) lines.push(t('strong.top10'));
  else if (row.strong) lines.push(t('strong.top25'));
  const estimated = describeEstimatedShare(row.estimatedShare);
  if (estimated !== '') lines.push(estimated);
  return { title: row.name, lines };
}

/** Draws the map into `container` (once) and returns a handle to recolour it. */
export function createUsMap(container: HTMLElement, topology: Topology, options: UsMapOptions): UsMap {
  const objects = topology.objects as Record<string, Parameters<typeof feature>[1]>;
  const statesObject = objects.states;
  if (statesObject === undefined) throw new Error('The us-states TopoJSON has no "states" object');
  const all = feature(topology, statesObject) as unknown as FeatureCollection<Geometry, { name?: string } | null>;
  const states: StateFeature[] = all.features.filter((f) => isStateFips(String(f.id ?? '')));
  const collection: FeatureCollection<Geometry, { name?: string } | null> = { type: 'FeatureCollection', features: states };
  const projection = geoAlbersUsa().fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], collection);
  const path = geoPath(projection);

  const svg = svgElement('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'us-map',
    role: 'group',
    'aria-label': t('map.label'),
    'data-testid': 'us-map',
  });
  const defs = svgElement('defs', {}, svg);
  const pattern = svgElement('pattern', { id: 'hatch-estimated', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
  svgElement('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#222', 'stroke-width': 1.4, 'stroke-opacity': 0.55 }, pattern);

  const fillLayer = svgElement('g', { class: 'states' }, svg);
  const hatchLayer = svgElement('g', { class: 'hatch', 'pointer-events': 'none' }, svg);
  const strongLayer = svgElement('g', { class: 'strong-outline', 'pointer-events': 'none' }, svg);
  const selectedLayer = svgElement('g', { class: 'selected-outline', 'pointer-events': 'none' }, svg);
  const dotLayer = svgElement('g', { class: 'strong-dots', 'pointer-events': 'none' }, svg);
  // Keyboard focus ring, drawn on top so that neighbouring states cannot hide it.
  const focusLayer = svgElement('g', { class: 'focus-outline', 'pointer-events': 'none' }, svg);
  container.replaceChildren(svg);

  interface StateShape { fips: string; d: string; centroid: [number, number]; path: SVGPathElement; name: string }
  const shapes = new Map<string, StateShape>();
  let current: { data: ClusterRegions; byFips: Map<string, ClusterRegion> } | undefined;

  const contentFor = (shape: StateShape): TooltipContent => {
    const row = current?.byFips.get(shape.fips);
    if (!current || !row) return { title: shape.name, lines: [t('value.noData')] };
    return describeState(row, current.data.cluster.name);
  };

  for (const f of states) {
    const fips = String(f.id);
    const d = path(f) ?? '';
    if (d === '') continue;
    const centroid = path.centroid(f);
    const name = f.properties?.name ?? fips;
    const el = svgElement('path', {
      d,
      class: 'state',
      fill: '#e0e0e0',
      tabindex: 0,
      role: 'button',
      'aria-pressed': 'false',
      'aria-label': name,
      'data-testid': `state-${fips}`,
      'data-fips': fips,
    }, fillLayer);
    const shape: StateShape = { fips, d, centroid: [centroid[0], centroid[1]], path: el, name };
    shapes.set(fips, shape);
    const select = (): void => {
      const row = current?.byFips.get(fips);
      options.onSelect(row?.region ?? `US-${fips}`);
    };
    el.addEventListener('click', select);
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        select();
      }
    });
    el.addEventListener('pointermove', (event) => options.tooltip.showAt(contentFor(shape), event.clientX, event.clientY));
    el.addEventListener('pointerleave', () => options.tooltip.hide());
    el.addEventListener('focus', () => {
      focusLayer.replaceChildren();
      svgElement('path', { d, fill: 'none', stroke: '#fff', 'stroke-width': 6, 'stroke-linejoin': 'round' }, focusLayer);
      svgElement('path', { d, fill: 'none', stroke: '#0b57d0', 'stroke-width': 3, 'stroke-linejoin': 'round' }, focusLayer);
      options.tooltip.showBeside(contentFor(shape), el);
    });
    el.addEventListener('blur', () => {
      focusLayer.replaceChildren();
      options.tooltip.hide();
    });
  }

  return {
    update(data, selectedRegion) {
      const byFips = new Map(data.regions.map((r) => [r.fips, r]));
      current = { data, byFips };
      hatchLayer.replaceChildren();
      strongLayer.replaceChildren();
      selectedLayer.replaceChildren();
      dotLayer.replaceChildren();
      svg.setAttribute('aria-label', t('map.labelFor', { cluster: data.cluster.name, year: data.year }));
      for (const shape of shapes.values()) {
        const row = byFips.get(shape.fips);
        const selected = row !== undefined && row.region === selectedRegion;
        shape.path.setAttribute('fill', locationQuotientColour(row?.lq ?? null));
        shape.path.setAttribute('aria-pressed', String(selected));
        shape.path.setAttribute('data-strong', String(row?.strong ?? false));
        const content = contentFor(shape);
        shape.path.setAttribute('aria-label', `${content.title}. ${content.lines.join('. ')}`);
        if (row && isMostlyEstimated(row.estimatedShare)) {
          svgElement('path', { d: shape.d, fill: 'url(#hatch-estimated)', 'data-testid': `estimated-${shape.fips}` }, hatchLayer);
        }
        if (row?.strong) {
          svgElement('path', { d: shape.d, fill: 'none', stroke: '#000', 'stroke-width': 2.2, 'stroke-linejoin': 'round' }, strongLayer);
          const [cx, cy] = shape.centroid;
          svgElement('circle', { cx, cy, r: row.strong10 ? 6 : 4.5, fill: '#fff', stroke: '#000', 'stroke-width': 1.6, 'data-testid': `strong-${shape.fips}` }, dotLayer);
        }
        if (selected) {
          svgElement('path', { d: shape.d, fill: 'none', stroke: '#fff', 'stroke-width': 6, 'stroke-linejoin': 'round' }, selectedLayer);
          svgElement('path', { d: shape.d, fill: 'none', stroke: '#d81b60', 'stroke-width': 3, 'stroke-dasharray': '6 3', 'stroke-linejoin': 'round' }, selectedLayer);
        }
      }
    },
  };
}
