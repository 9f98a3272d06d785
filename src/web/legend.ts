/** Legends of the map and the bubble chart: swatches drawn with the same marks as the charts. */
import { LOCATION_QUOTIENT_COLOUR_DEFAULTS, locationQuotientColour, locationQuotientLegend } from './location-quotient-colour.js';
import { t } from './i18n/translate.js';
import { htmlElement, svgElement } from './svg.js';

function item(list: HTMLElement, label: string, draw: (svg: SVGSVGElement) => void, testId?: string): void {
  const li = htmlElement('li', { 'data-testid': testId }, undefined, list);
  const svg = svgElement('svg', { width: 22, height: 16, viewBox: '0 0 22 16', 'aria-hidden': 'true' }, li);
  draw(svg);
  htmlElement('span', {}, label, li);
}

function hatchPattern(svg: SVGSVGElement, id: string): void {
  const pattern = svgElement('pattern', { id, width: 4, height: 4, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, svgElement('defs', {}, svg));
  svgElement('line', { x1: 0, y1: 0, x2: 0, y2: 4, stroke: '#222', 'stroke-width': 1.2, 'stroke-opacity': 0.6 }, pattern);
}

/** Marks the map legend can show beside the colour ramp. */
export type MapLegendMark = 'noData' | 'strong' | 'estimated' | 'selected';

/** The map legend: the LQ colour ramp, no data, strong cluster, estimated and selected markers. */
export function renderMapLegend(container: HTMLElement, options: { readonly marks?: readonly MapLegendMark[] } = {}): void {
  const show = new Set<MapLegendMark>(options.marks ?? ['noData', 'strong', 'estimated', 'selected']);
  container.replaceChildren();
  const ramp = htmlElement('div', { class: 'ramp', role: 'img', 'aria-label': t('legend.scale') }, undefined, container);
  htmlElement('span', { class: 'ramp-title' }, t('legend.lq'), ramp);
  // The map colours continuously, so the legend is a gradient with the powers of two as ticks.
  const stops = locationQuotientLegend();
  const saturation = stops[stops.length - 1]?.locationQuotient ?? 4;
  const gradient: string[] = [];
  for (let i = 0; i <= 20; i++) {
    const t = i / 20;
    gradient.push(`${locationQuotientColour(saturation ** (2 * t - 1))} ${(t * 100).toFixed(0)}%`);
  }
  htmlElement('span', { class: 'gradient', style: `background:linear-gradient(to right, ${gradient.join(', ')})` }, undefined, ramp);
  const ticks = htmlElement('span', { class: 'gradient-ticks' }, undefined, ramp);
  stops.forEach((stop, k) => {
    const left = stops.length > 1 ? (k / (stops.length - 1)) * 100 : 50;
    htmlElement('span', { style: `left:${left}%` }, stop.label, ticks);
  });
  const marks = htmlElement('ul', { class: 'marks' }, undefined, container);
  if (show.has('noData')) item(marks, t('legend.noData'), (svg) => {
    svgElement('rect', { x: 1, y: 1, width: 20, height: 14, fill: LOCATION_QUOTIENT_COLOUR_DEFAULTS.noDataColour, stroke: '#888' }, svg);
  });
  if (show.has('strong')) item(marks, t('legend.strong'), (svg) => {
    svgElement('rect', { x: 1, y: 1, width: 20, height: 14, fill: locationQuotientColour(3), stroke: '#000', 'stroke-width': 2 }, svg);
    svgElement('circle', { cx: 11, cy: 8, r: 3.5, fill: '#fff', stroke: '#000', 'stroke-width': 1.4 }, svg);
  }, 'legend-strong');
  if (show.has('estimated')) item(marks, t('legend.estimated'), (svg) => {
    hatchPattern(svg, 'legend-hatch');
    svgElement('rect', { x: 1, y: 1, width: 20, height: 14, fill: locationQuotientColour(1.5), stroke: '#888' }, svg);
    svgElement('rect', { x: 1, y: 1, width: 20, height: 14, fill: 'url(#legend-hatch)' }, svg);
  }, 'legend-estimated');
  if (show.has('selected')) item(marks, t('legend.selectedState'), (svg) => {
    svgElement('rect', { x: 2, y: 2, width: 18, height: 12, fill: '#fff', stroke: '#d81b60', 'stroke-width': 2.5, 'stroke-dasharray': '5 2' }, svg);
  });
}

/** The bubble-chart legend: size, strong, estimated and selected markers. */
export function renderPortfolioLegend(container: HTMLElement): void {
  container.replaceChildren();
  const marks = htmlElement('ul', { class: 'marks' }, undefined, container);
  item(marks, t('legend.area'), (svg) => {
    svgElement('circle', { cx: 6, cy: 10, r: 3, fill: locationQuotientColour(1), stroke: '#555' }, svg);
    svgElement('circle', { cx: 15, cy: 8, r: 6, fill: locationQuotientColour(1), stroke: '#555' }, svg);
  });
  item(marks, t('legend.strong'), (svg) => {
    svgElement('circle', { cx: 11, cy: 8, r: 6.5, fill: locationQuotientColour(3), stroke: '#000', 'stroke-width': 2 }, svg);
    svgElement('circle', { cx: 11, cy: 8, r: 2.5, fill: '#fff', stroke: '#000', 'stroke-width': 1 }, svg);
  });
  item(marks, t('legend.estimated'), (svg) => {
    svgElement('circle', { cx: 11, cy: 8, r: 6.5, fill: locationQuotientColour(1.5), stroke: '#555', 'stroke-dasharray': '3 2' }, svg);
  }, 'legend-estimated-bubble');
  item(marks, t('legend.selectedCluster'), (svg) => {
    svgElement('circle', { cx: 11, cy: 8, r: 6, fill: 'none', stroke: '#d81b60', 'stroke-width': 2, 'stroke-dasharray': '4 2' }, svg);
  });
}
