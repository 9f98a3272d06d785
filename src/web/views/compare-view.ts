/**
 * Compare view (/compare?regions=US-53,DE21,JP-01): up to 10 regions side by side across countries,
 * through the industry families every classification is mapped onto (NACE Rev. 2 A*10). A heat map of
 * the location quotients, the mapping coverage of each region and the API's notes on comparability.
 */
import { getComparison, type Comparison } from '../api-client.js';
import { createPanel, type Panel } from '../chart-panel.js';
import type { CsvTable } from '../chart-export.js';
import { formatEmployment, formatLocationQuotient, formatShare, isMostlyEstimated } from '../format.js';
import { t } from '../i18n/translate.js';
import { locationQuotientColour } from '../location-quotient-colour.js';
import { renderMapLegend } from '../legend.js';
import { familyName, regionName } from '../region-names.js';
import { htmlElement, svgElement } from '../svg.js';
import type { Tooltip } from '../tooltip.js';
import { regionOptions, selectField } from './controls.js';
import { reportLinks } from './report-links.js';
import { findRegion, loadRegionDirectory, type RegionDirectory } from './region-directory.js';
import type { View, ViewContext } from './view.js';

/** Most regions the comparison takes. */
export const MAX_COMPARE = 10;

/** Creates the compare view. */
export function createCompareView(): View {
  return {
    async show(params, context) {
      const directory = await loadRegionDirectory();
      const notices: string[] = [];
      const requested = (params.regions ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
      const ids: string[] = [];
      for (const r of requested) {
        const found = findRegion(directory, r);
        if (!found) notices.push(t('notice.unknownRegion', { region: r }));
        else if (!ids.includes(found.id)) ids.push(found.id);
      }
      if (ids.length > MAX_COMPARE) {
        notices.push(t('compare.tooMany', { max: MAX_COMPARE }));
        ids.length = MAX_COMPARE;
      }
      const comparison = ids.length >= 2 ? await getComparison(ids) : undefined;
      if (!context.isCurrent()) return;
      context.settle({ regions: ids.join(',') || undefined });
      render(context, directory, ids, comparison);
      context.title(t('compare.heading'));
      context.notice(notices.join(' '));
    },
  };
}

function render(context: ViewContext, directory: RegionDirectory, ids: readonly string[], comparison: Comparison | undefined): void {
  const root = context.root;
  root.replaceChildren();
  htmlElement('h1', { class: 'view-title' }, t('compare.heading'), root);
  const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('compare.pick') }, undefined, root);
  const select = selectField(form, t('controls.addRegion'), 'compare-add-select');
  regionOptions(select, directory, undefined);
  const add = htmlElement('button', { type: 'submit', 'data-testid': 'compare-add' }, t('compare.add'), form);
  add.disabled = ids.length >= MAX_COMPARE;
  // the East–West comparison report (`clusterlens report compare A B`) takes exactly two regions
  reportLinks(form, 'compare-report', comparison && ids.length === 2 ? `/compare/report?regions=${ids.map(encodeURIComponent).join(',')}` : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (select.value === '' || ids.includes(select.value)) return;
    context.navigate('compare', { regions: [...ids, select.value].join(',') }, 'push');
  });
  const chips = htmlElement('ul', { class: 'chips', 'aria-label': t('compare.chosen'), 'data-testid': 'compare-chips' }, undefined, root);
  for (const id of ids) {
    const info = findRegion(directory, id);
    const li = htmlElement('li', {}, undefined, chips);
    htmlElement('a', { href: context.href('region', { region: id }), 'data-route': 'region' }, `${regionName(id, info?.name ?? id)} (${id})`, li);
    const remove = htmlElement('button', { type: 'button', class: 'chip-remove', 'data-testid': `compare-remove-${id}`, 'aria-label': t('compare.remove', { region: regionName(id, info?.name ?? id) }) }, '×', li);
    remove.addEventListener('click', () => context.navigate('compare', { regions: ids.filter((x) => x !== id).join(',') }, 'push'));
  }
  const grid = htmlElement('div', { class: 'panels' }, undefined, root);
  if (!comparison) {
    const panel = createPanel(grid, { id: 'compare-empty', title: t('compare.emptyTitle'), wide: true });
    panel.summary.textContent = t('compare.empty');
    const example = ['US-53', 'DE21', 'JP-01'];
    htmlElement('a', { href: context.href('compare', { regions: example.join(',') }), 'data-route': 'compare', 'data-testid': 'compare-example' }, t('compare.example'), panel.body);
    return;
  }
  const heat = createPanel(grid, {
    id: 'compare-heatmap',
    title: t('compare.heatTitle', { count: comparison.regions.length }),
    howTo: t('howTo.compareHeat'),
    svg: () => heat.body.querySelector('svg'),
    csv: () => comparisonCsv(comparison),
    wide: true,
  });
  heat.summary.textContent = t('compare.heatSummary', { years: yearsText(comparison) });
  renderMapLegend(heat.legend, { marks: ['noData', 'estimated'] });
  renderHeatmap(heat.body, comparison, context.tooltip);

  const coverage = createPanel(grid, {
    id: 'compare-coverage',
    title: t('compare.coverageTitle'),
    howTo: t('howTo.compareCoverage'),
    csv: () => coverageCsv(comparison),
  });
  renderCoverage(coverage, comparison, context);

  const notes = createPanel(grid, { id: 'compare-notes', title: t('compare.notesTitle'), howTo: t('howTo.compareNotes') });
  const list = htmlElement('ul', { class: 'notes' }, undefined, notes.body);
  for (const n of comparison.notes) htmlElement('li', { lang: 'en' }, n, list);
}

function yearsText(comparison: Comparison): string {
  const byCountry = new Map<string, number>();
  for (const r of comparison.regions) byCountry.set(r.country, r.year);
  return [...byCountry].map(([c, y]) => `${c} ${y}`).join(', ');
}

/** The data behind the heat map, one row per region and family. */
export function comparisonCsv(comparison: Comparison): CsvTable {
  const rows: (string | number | null)[][] = [];
  for (const r of comparison.regions) {
    for (const f of comparison.families) {
      const v = r.families.find((x) => x.code === f.code);
      rows.push([r.region, r.name, r.country, r.year, f.code, f.shortName, v?.employment ?? null, v?.share ?? null, v?.lq ?? null, v?.estimatedShare ?? null]);
    }
  }
  return { header: ['region', 'name', 'country', 'year', 'family', 'familyName', 'employment', 'share', 'lq', 'estimatedShare'], rows };
}

function coverageCsv(comparison: Comparison): CsvTable {
  return {
    header: ['region', 'name', 'country', 'year', 'dataset', 'classification', 'totalEmployment', 'coveredEmployment', 'coverage'],
    rows: comparison.regions.map((r) => [r.region, r.name, r.country, r.year, r.dataset, r.classification, r.totalEmployment, r.coveredEmployment, r.coverage]),
  };
}

/** Relative luminance of an "rgb(r, g, b)" or "#rrggbb" colour (WCAG 2). */
function luminance(colour: string): number {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(colour);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const parts = m ? [m[1], m[2], m[3]].map(Number) : hex ? [hex[1], hex[2], hex[3]].map((h) => parseInt(h ?? '0', 16)) : [255, 255, 255];
  const [r, g, b] = parts.map((v) => {
    const c = (v ?? 255) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 1) + 0.7152 * (g ?? 1) + 0.0722 * (b ?? 1);
}

function renderHeatmap(container: HTMLElement, comparison: Comparison, tooltip: Tooltip): void {
  const regions = comparison.regions;
  const families = comparison.families;
  const width = Math.max(560, Math.round(container.clientWidth || 900));
  const labelWidth = 200;
  const headerHeight = 56;
  const rowHeight = 30;
  const cellWidth = (width - labelWidth - 8) / regions.length;
  const height = headerHeight + rowHeight * families.length + 8;
  const svg = svgElement('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'heatmap',
    role: 'img',
    'aria-label': t('compare.heatLabel', { regions: regions.map((r) => regionName(r.region, r.name)).join(', ') }),
    'data-testid': 'compare-heatmap',
  });
  const defs = svgElement('defs', {}, svg);
  const pattern = svgElement('pattern', { id: 'hatch-compare', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, defs);
  svgElement('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#222', 'stroke-width': 1.4, 'stroke-opacity': 0.5 }, pattern);
  const maxChars = Math.max(6, Math.floor(cellWidth / 7));
  regions.forEach((r, j) => {
    const x = labelWidth + j * cellWidth + cellWidth / 2;
    const name = regionName(r.region, r.name);
    const text = svgElement('text', { x, y: 20, 'text-anchor': 'middle', class: 'col-label' }, svg);
    text.textContent = name.length > maxChars ? `${name.slice(0, maxChars - 1)}…` : name;
    svgElement('text', { x, y: 38, 'text-anchor': 'middle', class: 'col-sub' }, svg).textContent = `${r.region} · ${r.year}`;
  });
  families.forEach((f, i) => {
    const y = headerHeight + i * rowHeight;
    svgElement('text', { x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end', class: 'row-label' }, svg).textContent = familyName(f);
    regions.forEach((r, j) => {
      const v = r.families.find((x) => x.code === f.code);
      const lq = v?.lq ?? null;
      const fill = locationQuotientColour(lq);
      const x = labelWidth + j * cellWidth;
      const g = svgElement('g', { class: 'cell', 'data-region': r.region, 'data-family': f.code }, svg);
      svgElement('rect', { x: x + 1, y: y + 1, width: cellWidth - 2, height: rowHeight - 2, fill, stroke: '#fff' }, g);
      if (isMostlyEstimated(v?.estimatedShare ?? null)) svgElement('rect', { x: x + 1, y: y + 1, width: cellWidth - 2, height: rowHeight - 2, fill: 'url(#hatch-compare)' }, g);
      const dark = luminance(fill) < 0.3;
      svgElement('text', { x: x + cellWidth / 2, y: y + rowHeight / 2 + 4, 'text-anchor': 'middle', class: 'cell-value', fill: dark ? '#fff' : '#111' }, g).textContent = formatLocationQuotient(lq);
      const tip = {
        title: `${regionName(r.region, r.name)} — ${familyName(f)}`,
        lines: [t('compare.cellTip', { lq: formatLocationQuotient(lq), share: formatShare(v?.share ?? null), employment: formatEmployment(v?.employment ?? null) })],
      };
      g.addEventListener('pointermove', (event) => tooltip.showAt(tip, event.clientX, event.clientY));
      g.addEventListener('pointerleave', () => tooltip.hide());
    });
  });
  container.replaceChildren(svg);
}

function renderCoverage(panel: Panel, comparison: Comparison, context: ViewContext): void {
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'compare-coverage-table' });
  htmlElement('caption', {}, t('compare.coverageCaption'), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [t('col.region'), t('col.country'), t('col.year'), t('col.classification'), t('col.totalEmployment'), t('col.coverage')]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const r of comparison.regions) {
    const tr = htmlElement('tr', { 'data-region': r.region }, undefined, body);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('region', { region: r.region }), 'data-route': 'region' }, `${regionName(r.region, r.name)} (${r.region})`, th);
    htmlElement('td', {}, r.country, tr);
    htmlElement('td', { class: 'num' }, String(r.year), tr);
    htmlElement('td', {}, r.classification, tr);
    htmlElement('td', { class: 'num' }, formatEmployment(r.totalEmployment), tr);
    htmlElement('td', { class: 'num', 'data-testid': `coverage-${r.region}` }, formatShare(r.coverage), tr);
  }
  panel.body.replaceChildren(table);
  const low = comparison.regions.filter((r) => r.coverage !== null && r.coverage < 0.9);
  panel.summary.textContent =
    low.length === 0
      ? t('compare.coverageAllGood')
      : t('compare.coverageLow', { regions: low.map((r) => `${regionName(r.region, r.name)} ${formatShare(r.coverage)}`).join(', ') });
}
