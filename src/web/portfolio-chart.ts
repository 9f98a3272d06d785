/**
 * The cluster-portfolio bubble chart of one state: x = location quotient (LQ), y = employment change
 * base year → year, area = employment. Strong clusters carry a black outline and a dot (as on the map),
 * mostly-estimated values a dashed outline, the selected cluster a dashed ring. Bubbles are focusable
 * buttons: Enter, Space or a click maps that cluster.
 */
import type { PortfolioCluster, RegionPortfolio } from './api-client.js';
import {
  describeEstimatedShare,
  formatEmployment,
  formatEmploymentChange,
  formatLocationQuotient,
  isMostlyEstimated,
} from './format.js';
import { t } from './i18n/translate.js';
import { locationQuotientColour } from './location-quotient-colour.js';
import { portfolioLayout } from './portfolio-layout.js';
import { svgElement } from './svg.js';
import type { Tooltip, TooltipContent } from './tooltip.js';

/** Options of {@link createPortfolioChart}. */
export interface PortfolioChartOptions {
  /** Called with a cluster code when the user selects a bubble. */
  readonly onSelectCluster: (cluster: string) => void;
  readonly tooltip: Tooltip;
}

/** Handle returned by {@link createPortfolioChart}. */
export interface PortfolioChart {
  /** Redraws the chart for a portfolio, ringing the selected cluster. */
  update(portfolio: RegionPortfolio, selectedCluster: string | undefined): void;
}

/** Tooltip text for one bubble (shared with the aria-label). */
export function describeBubble(row: PortfolioCluster, portfolio: RegionPortfolio): TooltipContent {
  const lines = [
    t('bubble.lq', { lq: formatLocationQuotient(row.lq) }),
    t('bubble.employment', {
      employment: formatEmployment(row.employment),
      year: portfolio.year,
      baseEmployment: formatEmployment(row.baseEmployment),
      baseYear: portfolio.baseYear,
    }),
    t('bubble.change', { baseYear: portfolio.baseYear, year: portfolio.year, change: formatEmploymentChange(row.employmentChange) }),
  ];
  if (row.strong) lines.push(row.strong10 ? t('strong.top10') : t('strong.top25'));
  const estimated = describeEstimatedShare(row.estimatedShare);
  if (estimated !== '') lines.push(estimated);
  return { title: row.name, lines };
}

/** Creates the chart inside `container`; it re-lays itself out when the container is resized. */
export function createPortfolioChart(container: HTMLElement, options: PortfolioChartOptions): PortfolioChart {
  let last: { portfolio: RegionPortfolio; selected: string | undefined } | undefined;
  let lastWidth = 0;

  const draw = (): void => {
    if (!last) return;
    const { portfolio, selected } = last;
    const width = Math.max(320, Math.round(container.clientWidth || 640));
    lastWidth = width;
    const height = Math.round(Math.min(520, Math.max(300, width * 0.68)));
    const narrow = width < 480;
    const rows = portfolio.clusters.filter((c) => c.type === 'traded');
    const layout = portfolioLayout(rows, {
      width,
      height,
      highlight: selected ? [selected] : [],
      maxRadius: narrow ? 18 : 26,
      margin: { top: 12, right: 16, bottom: 46, left: narrow ? 48 : 58 },
    });
    const { plot } = layout;

    const svg = svgElement('svg', {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      class: 'portfolio-chart',
      role: 'group',
      'aria-label': t('portfolio.chartLabel', { region: portfolio.regionName, baseYear: portfolio.baseYear, year: portfolio.year }),
      'data-testid': 'portfolio-chart',
    });

    // Quadrant shading helps read "specialised and growing" at a glance (position, not colour, carries it).
    const axes = svgElement('g', { class: 'axes' }, svg);
    svgElement('rect', { x: plot.left, y: plot.top, width: plot.right - plot.left, height: plot.bottom - plot.top, class: 'plot-area' }, axes);
    for (const t of layout.xTicks) {
      svgElement('line', { x1: t.position, x2: t.position, y1: plot.top, y2: plot.bottom, class: 'grid' }, axes);
      svgElement('text', { x: t.position, y: plot.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, axes).textContent = t.label;
    }
    for (const t of layout.yTicks) {
      svgElement('line', { x1: plot.left, x2: plot.right, y1: t.position, y2: t.position, class: 'grid' }, axes);
      svgElement('text', { x: plot.left - 6, y: t.position + 4, 'text-anchor': 'end', class: 'tick' }, axes).textContent = t.label;
    }
    svgElement('line', { x1: layout.xReference, x2: layout.xReference, y1: plot.top, y2: plot.bottom, class: 'reference' }, axes);
    svgElement('line', { x1: plot.left, x2: plot.right, y1: layout.yReference, y2: layout.yReference, class: 'reference' }, axes);
    svgElement('text', { x: (plot.left + plot.right) / 2, y: height - 8, 'text-anchor': 'middle', class: 'axis-title' }, axes).textContent =
      t('portfolio.xAxis', { year: portfolio.year });
    svgElement('text', {
      x: 0,
      y: 0,
      transform: `translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`,
      'text-anchor': 'middle',
      class: 'axis-title',
    }, axes).textContent = t('portfolio.yAxis', { baseYear: portfolio.baseYear, year: portfolio.year });
    const corner = (x: number, y: number, anchor: string, text: string): void => {
      svgElement('text', { x, y, 'text-anchor': anchor, class: 'quadrant' }, axes).textContent = text;
    };
    corner(plot.right - 6, plot.top + 14, 'end', t('quadrant.specialisedGrowing'));
    corner(plot.left + 6, plot.top + 14, 'start', t('quadrant.notSpecialisedGrowing'));
    corner(plot.right - 6, plot.bottom - 6, 'end', t('quadrant.specialisedShrinking'));
    corner(plot.left + 6, plot.bottom - 6, 'start', t('quadrant.notSpecialisedShrinking'));

    const bubbleLayer = svgElement('g', { class: 'bubbles' }, svg);
    let selectedBubble: { cx: number; cy: number; r: number } | undefined;
    for (const b of layout.bubbles) {
      const row = b.datum;
      const content = describeBubble(row, portfolio);
      const g = svgElement('g', {
        class: 'bubble',
        tabindex: 0,
        role: 'button',
        'aria-pressed': String(row.code === selected),
        'aria-label': `${content.title}. ${content.lines.join('. ')}`,
        'data-testid': `bubble-${row.code}`,
        'data-code': row.code,
        'data-strong': String(row.strong),
      }, bubbleLayer);
      svgElement('circle', {
        cx: b.cx,
        cy: b.cy,
        r: b.r,
        fill: locationQuotientColour(row.lq),
        'fill-opacity': 0.85,
        stroke: row.strong ? '#000' : '#555',
        'stroke-width': row.strong ? 2.2 : 1,
        'stroke-dasharray': isMostlyEstimated(row.estimatedShare) ? '4 2.5' : undefined,
      }, g);
      if (row.strong) svgElement('circle', { cx: b.cx, cy: b.cy, r: row.strong10 ? 3.5 : 2.7, fill: '#fff', stroke: '#000', 'stroke-width': 1.2 }, g);
      if (row.code === selected) selectedBubble = b;
      const select = (): void => options.onSelectCluster(row.code);
      g.addEventListener('click', select);
      g.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          select();
        }
      });
      g.addEventListener('pointermove', (event) => options.tooltip.showAt(content, event.clientX, event.clientY));
      g.addEventListener('pointerleave', () => options.tooltip.hide());
      g.addEventListener('focus', () => options.tooltip.showBeside(content, g));
      g.addEventListener('blur', () => options.tooltip.hide());
    }
    if (selectedBubble) {
      const { cx, cy, r } = selectedBubble;
      const ring = svgElement('g', { class: 'selected-ring', 'pointer-events': 'none' }, svg);
      svgElement('circle', { cx, cy, r: r + 4, fill: 'none', stroke: '#fff', 'stroke-width': 5 }, ring);
      svgElement('circle', { cx, cy, r: r + 4, fill: 'none', stroke: '#d81b60', 'stroke-width': 2.5, 'stroke-dasharray': '5 3' }, ring);
    }
    const labelLayer = svgElement('g', { class: 'labels', 'pointer-events': 'none' }, svg);
    for (const l of layout.labels) {
      svgElement('text', { x: l.x, y: l.y, 'text-anchor': l.anchor, class: l.code === selected ? 'label selected' : 'label' }, labelLayer).textContent = l.text;
    }
    container.replaceChildren(svg);
    if (layout.omitted.length > 0) {
      const note = document.createElement('p');
      note.className = 'chart-note';
      const names = layout.omitted.map((r) => r.name);
      const shown = names.slice(0, 6).join(', ');
      const more = names.length > 6 ? t('list.more', { count: names.length - 6 }) : '';
      note.textContent = t('portfolio.omitted', { baseYear: portfolio.baseYear, year: portfolio.year, names: `${shown}${more}` });
      container.appendChild(note);
    }
  };

  const observer = new ResizeObserver(() => {
    if (Math.abs(container.clientWidth - lastWidth) > 8) draw();
  });
  observer.observe(container);

  return {
    update(portfolio, selectedCluster) {
      last = { portfolio, selected: selectedCluster };
      draw();
    },
  };
}
