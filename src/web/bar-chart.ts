/**
 * A horizontal bar chart drawn as SVG: one labelled bar per row from a reference line (LQ = 1 on a log
 * scale, or 0 on a linear scale), the value printed at the bar's end, an optional marker per row (e.g.
 * the national benchmark). Bars with `onSelect` are focusable buttons (Enter or Space selects).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { svgElement } from './svg.js';
import type { Tooltip } from './tooltip.js';

/** One bar. */
export interface BarRow {
  readonly key: string;
  readonly label: string;
  /** The value; null is drawn as an empty row with "n/a". */
  readonly value: number | null;
  readonly colour: string;
  /** A second value shown as a black tick (e.g. the expected change). */
  readonly marker?: number | null;
  /** Tooltip and accessible description. */
  readonly description: string;
}

/** Options of {@link renderBarChart}. */
export interface BarChartOptions {
  readonly rows: readonly BarRow[];
  readonly scale: 'log' | 'linear';
  readonly format: (value: number | null) => string;
  readonly ariaLabel: string;
  readonly axisTitle: string;
  readonly testId: string;
  readonly tooltip?: Tooltip;
  readonly onSelect?: (key: string) => void;
  /** Text of the marker in the tooltip legend, e.g. "expected". */
  readonly markerLabel?: string;
}

/** Draws the chart into `container` (replacing its content) and returns the SVG. */
export function renderBarChart(container: HTMLElement, options: BarChartOptions): SVGSVGElement {
  const width = Math.max(320, Math.round(container.clientWidth || 600));
  const rowHeight = 24;
  const labelWidth = Math.min(230, Math.round(width * 0.36));
  const margin = { top: 10, right: 84, bottom: 40, left: labelWidth + 10 };
  // Labels longer than the label column are shortened (the full name is in the tooltip and aria-label).
  const maxChars = Math.max(8, Math.floor(labelWidth / 7.2));
  const shorten = (text: string): string => (text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text);
  const height = margin.top + margin.bottom + rowHeight * options.rows.length;
  const values: number[] = [];
  for (const r of options.rows) {
    if (r.value !== null && Number.isFinite(r.value)) values.push(r.value);
    if (r.marker !== undefined && r.marker !== null && Number.isFinite(r.marker)) values.push(r.marker);
  }
  const reference = options.scale === 'log' ? 1 : 0;
  let x: (v: number) => number;
  let ticks: { value: number; label: string }[];
  if (options.scale === 'log') {
    const positive = values.filter((v) => v > 0);
    const low = Math.min(0.5, ...positive.map((v) => Math.max(v, 0.05)));
    const high = Math.max(2, ...positive);
    const s = scaleLog().domain([low, high]).range([margin.left, width - margin.right]).clamp(true);
    x = (v) => s(Math.max(v, 0.05));
    ticks = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16].filter((v) => v >= low && v <= high).map((v) => ({ value: v, label: String(v) }));
  } else {
    const low = Math.min(0, ...values);
    const high = Math.max(0, ...values);
    const s = scaleLinear().domain(low === high ? [-1, 1] : [low, high]).nice().range([margin.left, width - margin.right]);
    x = (v) => s(v);
    ticks = s.ticks(Math.max(2, Math.floor((width - margin.left - margin.right) / 80))).map((v) => ({ value: v, label: options.format(v) }));
  }
  const svg = svgElement('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'bar-chart',
    role: options.onSelect ? 'group' : 'img',
    'aria-label': options.ariaLabel,
    'data-testid': options.testId,
  });
  const plotBottom = height - margin.bottom;
  const axes = svgElement('g', { class: 'axes' }, svg);
  for (const tick of ticks) {
    svgElement('line', { x1: x(tick.value), x2: x(tick.value), y1: margin.top, y2: plotBottom, class: 'grid' }, axes);
    svgElement('text', { x: x(tick.value), y: plotBottom + 15, 'text-anchor': 'middle', class: 'tick' }, axes).textContent = tick.label;
  }
  svgElement('text', { x: (margin.left + width - margin.right) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, axes).textContent = options.axisTitle;
  const x0 = x(reference);
  options.rows.forEach((row, i) => {
    const y = margin.top + i * rowHeight;
    const g = svgElement('g', { class: options.onSelect ? 'bar interactive' : 'bar', 'data-key': row.key }, svg);
    if (options.onSelect) {
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.setAttribute('aria-label', `${row.label}: ${row.description}`);
      const select = (): void => options.onSelect?.(row.key);
      g.addEventListener('click', select);
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      });
    }
    const tip = { title: row.label, lines: [row.description] };
    if (options.tooltip) {
      const tooltip = options.tooltip;
      g.addEventListener('pointermove', (event) => tooltip.showAt(tip, event.clientX, event.clientY));
      g.addEventListener('pointerleave', () => tooltip.hide());
      g.addEventListener('focus', () => tooltip.showBeside(tip, g));
      g.addEventListener('blur', () => tooltip.hide());
    }
    svgElement('rect', { x: 0, y, width, height: rowHeight, class: i % 2 === 0 ? 'band' : 'band odd' }, g);
    const label = svgElement('text', { x: margin.left - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'bar-label' }, g);
    label.textContent = shorten(row.label);
    if (row.value !== null && Number.isFinite(row.value)) {
      const xv = x(row.value);
      svgElement('rect', { x: Math.min(x0, xv), y: y + 4, width: Math.max(1, Math.abs(xv - x0)), height: rowHeight - 8, fill: row.colour, stroke: '#333', 'stroke-width': 0.6 }, g);
    }
    // Values sit in their own column at the right, so they never collide with bars or labels.
    svgElement('text', { x: width - 6, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'bar-value' }, g).textContent = options.format(row.value);
    if (row.marker !== undefined && row.marker !== null && Number.isFinite(row.marker)) {
      const xm = x(row.marker);
      svgElement('line', { x1: xm, x2: xm, y1: y + 2, y2: y + rowHeight - 2, stroke: '#000', 'stroke-width': 2.5 }, g);
    }
  });
  svgElement('line', { x1: x0, x2: x0, y1: margin.top, y2: plotBottom, class: 'reference' }, svg);
  container.replaceChildren(svg);
  return svg;
}
