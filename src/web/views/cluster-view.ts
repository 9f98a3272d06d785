/**
 * Cluster view (/cluster?cluster=&region=&year=&scheme=): the US map of one cluster's location quotient with
 * strong clusters marked, the chosen state's portfolio bubble chart and table (the first workbench's
 * page), the top states as a table, and the EU NUTS-2 / Japanese prefecture maps and related clusters
 * when the server offers them.
 */
import {
  API_BASE,
  getClusterRegions,
  getClusters,
  getOptionalJson,
  getRegionPortfolio,
  getUsStates,
  type ClusterList,
  type ClusterRegions,
  type ClusterSummary,
  type RegionPortfolio,
} from '../api-client.js';
import { createPanel, type Panel } from '../chart-panel.js';
import { describeEstimatedShare, formatEmployment, formatEstimatedShare, formatLocationQuotient } from '../format.js';
import { t } from '../i18n/translate.js';
import { renderMapLegend, renderPortfolioLegend } from '../legend.js';
import { createPortfolioChart, type PortfolioChart } from '../portfolio-chart.js';
import { renderPortfolioTable } from '../portfolio-table.js';
import { htmlElement } from '../svg.js';
import { normaliseRegion } from '../url-state.js';
import { createUsMap, type UsMap } from '../us-map.js';
import { createCountyMapView } from '../county-map-view.js';
import { clusterAnalysisPanels } from './analysis-panels.js';
import { selectField, yearOptions } from './controls.js';
import { loadClusterSchemes, resolveScheme, schemeSelect, type ClusterSchemeInfo } from './scheme-select.js';
import type { View, ViewContext } from './view.js';
import { reportLinks } from './report-links.js';

/** The first traded cluster in name order: the default when the URL names none. */
function defaultCluster(list: ClusterList): ClusterSummary | undefined {
  const sorted = [...list.clusters].sort((a, b) => a.name.localeCompare(b.name));
  return sorted.find((c) => c.type === 'traded') ?? sorted[0];
}

/** Resolves "US-53", "53" or "WA" against the regions in the data. */
function resolveRegion(requested: string | undefined, regions: ClusterRegions): string | undefined {
  const wanted = normaliseRegion(requested);
  if (wanted === undefined) return undefined;
  return regions.regions.find((r) => r.region === wanted || r.postal === wanted)?.region;
}

/** The state with the highest LQ for the cluster: the default region of a fresh visit. */
function topRegion(regions: ClusterRegions): string | undefined {
  let best: { region: string; lq: number } | undefined;
  for (const r of regions.regions) if (r.lq !== null && (!best || r.lq > best.lq)) best = { region: r.region, lq: r.lq };
  return best?.region ?? regions.regions[0]?.region;
}

/** The view's controls, panels and charts, built once. */
interface ClusterViewUi {
  clusterSelect: HTMLSelectElement;
  regionSelect: HTMLSelectElement;
  yearSelect: HTMLSelectElement;
  mapPanel: Panel;
  portfolioPanel: Panel;
  topPanel: Panel;
  worldPanel: Panel;
  analysisGrid: HTMLDivElement;
  map: UsMap;
  chart: PortfolioChart;
  tableContainer: HTMLDivElement;
  tableSummary: HTMLElement;
  /** Points the report links at the cluster and year shown. */
  updateReport: (path: string | null) => void;
}

/** Creates the cluster view. */
export function createClusterView(): View {
  let building: Promise<ClusterViewUi> | undefined;
  let state: { cluster: string; region: string; year: number; scheme: string | undefined } | undefined;
  let schemeBox: HTMLElement | undefined;
  let data: { regions: ClusterRegions; portfolio: RegionPortfolio } | undefined;
  let schemes: readonly ClusterSchemeInfo[] = [];

  const build = async (context: ViewContext): Promise<ClusterViewUi> => {
    const topology = await getUsStates();
    const root = context.root;
    root.replaceChildren();
    htmlElement('h1', { class: 'view-title' }, t('cluster.heading'), root);
    const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('controls.view') }, undefined, root);
    form.addEventListener('submit', (e) => e.preventDefault());
    const clusterSelect = selectField(form, t('controls.cluster'), 'cluster-select');
    const regionSelect = selectField(form, t('controls.state'), 'region-select');
    const yearSelect = selectField(form, t('controls.year'), 'year-select');
    schemeBox = htmlElement('span', { class: 'scheme-control' }, undefined, form);
    htmlElement('a', { class: 'level-link', 'data-route': 'cluster', 'data-testid': 'county-level-link' }, t('county.countyLink'), form);
    const updateReport = reportLinks(form, 'cluster-report', null);
    const grid = htmlElement('div', { class: 'panels' }, undefined, root);

    const mapPanel = createPanel(grid, {
      id: 'map',
      title: t('loading'),
      svg: () => mapPanel.body.querySelector('svg.us-map'),
      csv: () =>
        data && {
          header: ['region', 'fips', 'postal', 'name', 'cluster', 'year', 'employment', 'establishments', 'lq', 'strong', 'strong10', 'estimatedShare'],
          rows: data.regions.regions.map((r) => [r.region, r.fips, r.postal, r.name, data!.regions.cluster.code, data!.regions.year, r.employment, r.establishments, r.lq, r.strong, r.strong10, r.estimatedShare]),
        },
    });
    mapPanel.legend.setAttribute('data-testid', 'map-legend');
    mapPanel.body.className = 'panel-body map';
    renderMapLegend(mapPanel.legend);

    const portfolioPanel = createPanel(grid, {
      id: 'portfolio',
      title: t('loading'),
      svg: () => portfolioPanel.body.querySelector('svg.portfolio-chart'),
      csv: () =>
        data && {
          header: ['region', 'cluster', 'name', 'type', 'year', 'baseYear', 'employment', 'baseEmployment', 'employmentChange', 'lq', 'strong', 'strong10', 'estimatedShare'],
          rows: data.portfolio.clusters.map((c) => [data!.portfolio.region, c.code, c.name, c.type, data!.portfolio.year, data!.portfolio.baseYear, c.employment, c.baseEmployment, c.employmentChange, c.lq, c.strong, c.strong10, c.estimatedShare]),
        },
    });
    portfolioPanel.legend.setAttribute('data-testid', 'portfolio-legend');
    renderPortfolioLegend(portfolioPanel.legend);
    const chartBox = htmlElement('div', { class: 'chart' }, undefined, portfolioPanel.body);
    const details = htmlElement('details', { class: 'table-details' }, undefined, portfolioPanel.section);
    const tableSummary = htmlElement('summary', { 'data-testid': 'table-summary' }, t('portfolio.tableSummaryLoading'), details);
    const tableContainer = htmlElement('div', { class: 'table-scroll' }, undefined, details);

    const topPanel = createPanel(grid, {
      id: 'top-regions',
      title: t('loading'),
      howTo: t('howTo.topRegions'),
      csv: () => data && topRows(data.regions),
    });
    const worldPanel = createPanel(grid, { id: 'world-maps', title: t('cluster.worldTitle'), howTo: t('howTo.worldMaps') });
    const analysisGrid = htmlElement('div', { class: 'panels-inline' }, undefined, grid);

    const navigateTo = (change: Partial<{ cluster: string; region: string; year: number }>): void => {
      const next = { cluster: state?.cluster, region: state?.region, year: state?.year, ...change };
      context.navigate('cluster', { cluster: next.cluster, region: next.region, year: next.year === undefined ? undefined : String(next.year), scheme: state?.scheme }, 'push');
    };
    const map = createUsMap(mapPanel.body, topology, { tooltip: context.tooltip, onSelect: (region) => navigateTo({ region }) });
    const chart = createPortfolioChart(chartBox, { tooltip: context.tooltip, onSelectCluster: (cluster) => navigateTo({ cluster }) });
    clusterSelect.addEventListener('change', () => navigateTo({ cluster: clusterSelect.value }));
    regionSelect.addEventListener('change', () => navigateTo({ region: regionSelect.value }));
    yearSelect.addEventListener('change', () => navigateTo({ year: Number(yearSelect.value) }));
    return { clusterSelect, regionSelect, yearSelect, mapPanel, portfolioPanel, topPanel, worldPanel, analysisGrid, map, chart, tableContainer, tableSummary, updateReport };
  };

  const topRows = (regions: ClusterRegions) => {
    const rows = [...regions.regions].filter((r) => r.lq !== null).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)).slice(0, 15);
    return {
      header: ['rank', 'region', 'name', 'lq', 'employment', 'establishments', 'strong', 'strong10', 'estimatedShare'],
      rows: rows.map((r, i) => [i + 1, r.region, r.name, r.lq, r.employment, r.establishments, r.strong, r.strong10, r.estimatedShare]),
    };
  };

  const county = createCountyMapView();
  return {
    destroy() {
      county.destroy?.();
    },
    async show(params, context) {
      // County mode (level=county) draws its own page; the state page is rebuilt when it comes back.
      if (params.level === 'county') {
        building = undefined;
        state = undefined;
        return county.show(params, context);
      }
      county.reset();
      const m = context.meta;
      const notices: string[] = [];
      const requestedYear = params.year !== undefined && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined;
      const year = requestedYear !== undefined && m.years.includes(requestedYear) ? requestedYear : m.defaultYear;
      if (requestedYear !== undefined && year !== requestedYear) notices.push(t('notice.noYear', { requested: requestedYear, year }));
      const scheme = resolveScheme(params.scheme, await loadClusterSchemes().then((all) => (schemes = all)), notices);
      const list = await getClusters(year, scheme);
      const requestedCluster = params.cluster?.toLowerCase();
      let cluster = list.clusters.find((c) => c.code === requestedCluster);
      if (!cluster) {
        if (params.cluster !== undefined) notices.push(t('notice.unknownCluster', { cluster: params.cluster }));
        cluster = defaultCluster(list);
      }
      if (!cluster) throw new Error(t('error.noClusters', { year }));
      const early = params.region?.startsWith('US-') ? getRegionPortfolio(params.region, year, m.baseYear, scheme) : undefined;
      early?.catch(() => undefined);
      const [regions, ui] = await Promise.all([getClusterRegions(cluster.code, year, scheme), (building ??= build(context))]);
      let region = resolveRegion(params.region, regions);
      if (region === undefined) {
        if (params.region !== undefined) notices.push(t('notice.unknownState', { region: params.region }));
        region = (state && resolveRegion(state.region, regions)) ?? topRegion(regions);
      }
      if (region === undefined) throw new Error(t('error.noStates', { cluster: cluster.name, year }));
      const portfolio = early && region === params.region ? await early : await getRegionPortfolio(region, year, m.baseYear, scheme);
      if (!context.isCurrent()) return;

      state = { cluster: cluster.code, region, year, scheme };
      data = { regions, portfolio };
      context.settle({ cluster: cluster.code, region, year: String(year), scheme });
      if (schemeBox) {
        schemeBox.replaceChildren();
        schemeSelect(schemeBox, schemes, scheme, 'cluster-scheme-select', (next) => context.navigate('cluster', { region, year: String(year), scheme: next }, 'push'));
      }
      fillClusterSelect(ui.clusterSelect, list, cluster.code);
      ui.regionSelect.replaceChildren();
      for (const r of [...regions.regions].sort((a, b) => a.name.localeCompare(b.name))) htmlElement('option', { value: r.region }, r.name, ui.regionSelect);
      ui.regionSelect.value = region;
      yearOptions(ui.yearSelect, m.years, year);
      const countyLink = context.root.querySelector<HTMLElement>('[data-testid="county-level-link"]');
      countyLink?.setAttribute('href', context.href('cluster', { cluster: cluster.code, level: 'county', year: String(year) }));
      // the county map and the cluster report rest on the benchmark: offered for its clusters only
      if (countyLink) countyLink.hidden = scheme !== undefined;
      ui.updateReport(scheme === undefined ? `/clusters/${encodeURIComponent(cluster.code)}/report?year=${year}` : null);
      ui.map.update(regions, region);
      renderMapText(ui.mapPanel, regions, region);
      renderPortfolioText(ui, portfolio);
      ui.chart.update(portfolio, cluster.code);
      renderPortfolioTable(ui.tableContainer, portfolio, cluster.code, (code) =>
        context.navigate('cluster', { cluster: code, region, year: String(year), scheme }, 'push'),
      );
      renderTopRegions(ui.topPanel, regions, region, context);
      context.title(`${cluster.name} · ${portfolio.regionName} · ${year}`);
      context.notice(notices.join(' '));
      ui.analysisGrid.replaceChildren();
      // Analyses from other routes load after the view is ready (each panel shows its own progress).
      void clusterAnalysisPanels(ui.analysisGrid, cluster.code, year, region, context, scheme);
      await renderWorldMaps(ui.worldPanel);
    },
  };
}

function fillClusterSelect(select: HTMLSelectElement, list: ClusterList, selected: string): void {
  const groups: [string, ClusterSummary[]][] = [
    [t('controls.tradedClusters'), list.clusters.filter((c) => c.type === 'traded')],
    [t('controls.localClusters'), list.clusters.filter((c) => c.type === 'local')],
  ];
  select.replaceChildren();
  for (const [label, clusters] of groups) {
    if (clusters.length === 0) continue;
    const group = htmlElement('optgroup', { label }, undefined, select);
    for (const c of [...clusters].sort((a, b) => a.name.localeCompare(b.name))) htmlElement('option', { value: c.code }, c.name, group);
  }
  select.value = selected;
}

function strongRule(regions: ClusterRegions): string {
  const th = regions.thresholds;
  return th.lq75 === null || th.employment25 === null || th.establishments25 === null
    ? t('strong.ruleUnrated')
    : t('strong.rule', {
        lq: formatLocationQuotient(Math.max(1, th.lq75)),
        employment: formatEmployment(th.employment25),
        establishments: formatEmployment(th.establishments25),
      });
}

function renderMapText(panel: Panel, regions: ClusterRegions, region: string): void {
  panel.setTitle(t('cluster.mapTitle', { cluster: regions.cluster.name, year: regions.year }));
  panel.setHowTo(t('howTo.clusterMap', { rule: strongRule(regions) }));
  const row = regions.regions.find((r) => r.region === region);
  if (!row) {
    panel.summary.textContent = '';
    return;
  }
  const strong = row.strong10 ? t('strong.suffix10') : row.strong ? t('strong.suffix') : '';
  const estimated = describeEstimatedShare(row.estimatedShare);
  panel.summary.textContent =
    t('cluster.mapSummary', { region: row.name, lq: formatLocationQuotient(row.lq), employment: formatEmployment(row.employment), strong }) +
    (estimated === '' ? '' : ` ${estimated}.`);
}

function renderPortfolioText(ui: { portfolioPanel: Panel; tableSummary: HTMLElement }, portfolio: RegionPortfolio): void {
  ui.portfolioPanel.setTitle(t('portfolio.title', { region: portfolio.regionName, baseYear: portfolio.baseYear, year: portfolio.year }));
  const traded = portfolio.clusters.filter((c) => c.type === 'traded');
  const strong = traded.filter((c) => c.strong);
  const strongNames = [...strong].sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)).map((c) => c.name);
  const names = strongNames.length > 0 ? `${strongNames.slice(0, 5).join(t('list.separator'))}${strongNames.length > 5 ? t('list.ellipsis') : ''}` : '';
  ui.portfolioPanel.summary.textContent =
    names === ''
      ? t('portfolio.summaryNone', { strong: strong.length, traded: traded.length, region: portfolio.regionName })
      : t('portfolio.summary', { strong: strong.length, traded: traded.length, region: portfolio.regionName, names });
  const years =
    portfolio.year > portfolio.baseYear
      ? t('portfolio.years', { baseYear: portfolio.baseYear, year: portfolio.year })
      : t('portfolio.sameYear', { baseYear: portfolio.baseYear, year: portfolio.year });
  ui.portfolioPanel.setHowTo(t('howTo.portfolio', { years }));
  ui.tableSummary.textContent = t('portfolio.tableSummary', { count: portfolio.clusters.length, region: portfolio.regionName });
}

function renderTopRegions(panel: Panel, regions: ClusterRegions, selected: string, context: ViewContext): void {
  panel.setTitle(t('cluster.topTitle', { cluster: regions.cluster.name, year: regions.year }));
  const rows = [...regions.regions].filter((r) => r.lq !== null).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)).slice(0, 15);
  const strongCount = regions.regions.filter((r) => r.strong).length;
  panel.summary.textContent = t('cluster.topSummary', { count: strongCount, total: regions.regions.length });
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'top-regions-table' });
  htmlElement('caption', {}, t('cluster.topCaption', { count: rows.length }), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [t('col.rank'), t('col.state'), t('col.lq'), t('col.employment'), t('col.strong'), t('col.estimated')]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  rows.forEach((r, i) => {
    const tr = htmlElement('tr', { 'data-region': r.region, class: r.region === selected ? 'selected' : undefined }, undefined, body);
    htmlElement('td', { class: 'num' }, String(i + 1), tr);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('region', { region: r.region, year: String(regions.year) }), 'data-route': 'region' }, r.name, th);
    htmlElement('td', { class: 'num' }, formatLocationQuotient(r.lq), tr);
    htmlElement('td', { class: 'num' }, formatEmployment(r.employment), tr);
    htmlElement('td', {}, r.strong10 ? t('strong.cell10') : r.strong ? t('strong.cell') : '', tr);
    htmlElement('td', { class: 'num' }, formatEstimatedShare(r.estimatedShare), tr);
  });
  panel.body.replaceChildren(table);
}

/** EU and Japanese maps: boundaries must be served and the cluster must have data there. */
async function renderWorldMaps(panel: Panel): Promise<void> {
  const [nuts2, japan] = await Promise.all([
    getOptionalJson<unknown>(`${API_BASE}/geo/nuts2`).catch(() => undefined),
    getOptionalJson<unknown>(`${API_BASE}/geo/jp-prefectures`).catch(() => undefined),
  ]);
  panel.body.replaceChildren();
  const list = htmlElement('ul', { class: 'plain' }, undefined, panel.body);
  const line = (label: string, boundaries: unknown, testId: string): void => {
    const text = boundaries === undefined ? t('cluster.worldNoBoundaries', { label }) : t('cluster.worldNoClusterData', { label });
    htmlElement('li', { 'data-testid': testId, class: 'unavailable' }, text, list);
  };
  line(t('cluster.worldEu'), nuts2, 'world-eu');
  line(t('cluster.worldJp'), japan, 'world-jp');
  panel.summary.textContent = t('cluster.worldSummary');
}
