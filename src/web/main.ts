/**
 * Entry point of the ClusterLens workbench. Loads the metadata and the state boundaries, then shows the
 * view the URL asks for (`?cluster=&region=&year=`): the US map of the cluster's location quotient and
 * the chosen state's cluster portfolio. Every user choice pushes a history entry; Back restores it.
 */
import {
  ApiError,
  getClusterRegions,
  getClusters,
  getMeta,
  getRegionPortfolio,
  getUsStates,
  type ClusterList,
  type ClusterRegions,
  type ClusterSummary,
  type Meta,
  type RegionPortfolio,
} from './api-client.js';
import { describeEstimatedShare, formatEmployment, formatLocationQuotient } from './format.js';
import { renderMapLegend, renderPortfolioLegend } from './legend.js';
import { createPortfolioChart, type PortfolioChart } from './portfolio-chart.js';
import { renderPortfolioTable } from './portfolio-table.js';
import { htmlElement, requireElement } from './svg.js';
import { createTooltip } from './tooltip.js';
import { parseUrlState, serialiseUrlState, type WorkbenchState } from './url-state.js';
import { createUsMap, type UsMap } from './us-map.js';

/** A fully resolved view: every field known to exist in the data. */
interface View {
  readonly cluster: string;
  readonly region: string;
  readonly year: number;
}

type HistoryMode = 'push' | 'replace';

const ui = {
  main: requireElement('workbench', HTMLElement),
  clusterSelect: requireElement('cluster-select', HTMLSelectElement),
  regionSelect: requireElement('region-select', HTMLSelectElement),
  yearSelect: requireElement('year-select', HTMLSelectElement),
  error: requireElement('error', HTMLDivElement),
  notice: requireElement('notice', HTMLDivElement),
  mapTitle: requireElement('map-title', HTMLHeadingElement),
  mapSummary: requireElement('map-summary', HTMLParagraphElement),
  map: requireElement('map', HTMLDivElement),
  mapLegend: requireElement('map-legend', HTMLDivElement),
  mapStrongRule: requireElement('map-strong-rule', HTMLSpanElement),
  portfolioTitle: requireElement('portfolio-title', HTMLHeadingElement),
  portfolioSummary: requireElement('portfolio-summary', HTMLParagraphElement),
  portfolioChart: requireElement('portfolio-chart', HTMLDivElement),
  portfolioLegend: requireElement('portfolio-legend', HTMLDivElement),
  portfolioYears: requireElement('portfolio-years', HTMLSpanElement),
  portfolioTable: requireElement('portfolio-table', HTMLDivElement),
  tableSummary: requireElement('table-summary', HTMLElement),
  sources: requireElement('sources', HTMLElement),
};

let meta: Meta | undefined;
let map: UsMap | undefined;
let chart: PortfolioChart | undefined;
let view: View | undefined;
let generation = 0;

function showError(error: unknown): void {
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  ui.error.textContent = `Something went wrong: ${message}`;
  ui.error.hidden = false;
}

function showNotice(text: string): void {
  ui.notice.textContent = text;
  ui.notice.hidden = text === '';
}

function setBusy(busy: boolean): void {
  ui.main.setAttribute('aria-busy', String(busy));
  ui.main.classList.toggle('loading', busy);
}

/** The first traded cluster in name order: the default when the URL names none. */
function defaultCluster(list: ClusterList): ClusterSummary | undefined {
  const sorted = [...list.clusters].sort((a, b) => a.name.localeCompare(b.name));
  return sorted.find((c) => c.type === 'traded') ?? sorted[0];
}

/** Resolves "US-53", "53" or "WA" against the regions in the data. */
function resolveRegion(requested: string | undefined, regions: ClusterRegions): string | undefined {
  if (requested === undefined) return undefined;
  const match = regions.regions.find((r) => r.region === requested || `US-${r.fips}` === requested || r.postal === requested);
  return match?.region;
}

/** The state with the highest LQ for the cluster: the default region of a fresh visit. */
function topRegion(regions: ClusterRegions): string | undefined {
  let best: { region: string; lq: number } | undefined;
  for (const r of regions.regions) if (r.lq !== null && (!best || r.lq > best.lq)) best = { region: r.region, lq: r.lq };
  return best?.region ?? regions.regions[0]?.region;
}

function fillClusterSelect(list: ClusterList, selected: string): void {
  const groups: [string, ClusterSummary[]][] = [
    ['Traded clusters', list.clusters.filter((c) => c.type === 'traded')],
    ['Local clusters', list.clusters.filter((c) => c.type === 'local')],
  ];
  ui.clusterSelect.replaceChildren();
  for (const [label, clusters] of groups) {
    if (clusters.length === 0) continue;
    const group = htmlElement('optgroup', { label }, undefined, ui.clusterSelect);
    for (const c of [...clusters].sort((a, b) => a.name.localeCompare(b.name))) htmlElement('option', { value: c.code }, c.name, group);
  }
  ui.clusterSelect.value = selected;
}

function fillRegionSelect(regions: ClusterRegions, selected: string): void {
  ui.regionSelect.replaceChildren();
  for (const r of [...regions.regions].sort((a, b) => a.name.localeCompare(b.name))) htmlElement('option', { value: r.region }, r.name, ui.regionSelect);
  ui.regionSelect.value = selected;
}

function renderSources(m: Meta): void {
  ui.sources.replaceChildren();
  htmlElement('span', {}, 'Data: ', ui.sources);
  const list = htmlElement('ul', {}, undefined, ui.sources);
  for (const d of m.datasets) htmlElement('li', {}, `${d.title} — ${d.source}; licence: ${d.licence}`, list);
}

function renderMapSummary(regions: ClusterRegions, region: string): void {
  const row = regions.regions.find((r) => r.region === region);
  ui.mapTitle.textContent = `${regions.cluster.name}: location quotient by state, ${regions.year}`;
  const t = regions.thresholds;
  ui.mapStrongRule.textContent =
    t.lq75 === null || t.employment25 === null || t.establishments25 === null
      ? 'a traded cluster with an LQ of at least 1, in the top quarter of states, and of more than bottom-quarter size (local clusters are not rated)'
      : `LQ of at least 1 and in the top quarter of states (here ≥ ${formatLocationQuotient(Math.max(1, t.lq75))}), ` +
        `with more than ${formatEmployment(t.employment25)} employees and ${formatEmployment(t.establishments25)} establishments`;
  if (!row) {
    ui.mapSummary.textContent = '';
    return;
  }
  const strong = row.strong10 ? ' — a strong cluster (top 10%)' : row.strong ? ' — a strong cluster' : '';
  const estimated = describeEstimatedShare(row.estimatedShare);
  ui.mapSummary.textContent =
    `${row.name}: LQ ${formatLocationQuotient(row.lq)}, ${formatEmployment(row.employment)} employees${strong}.` +
    (estimated === '' ? '' : ` ${estimated}.`);
}

function renderPortfolio(portfolio: RegionPortfolio, cluster: string): void {
  ui.portfolioTitle.textContent = `${portfolio.regionName}: cluster portfolio, ${portfolio.baseYear}–${portfolio.year}`;
  const traded = portfolio.clusters.filter((c) => c.type === 'traded');
  const strong = traded.filter((c) => c.strong);
  const strongNames = [...strong].sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)).map((c) => c.name);
  ui.portfolioSummary.textContent =
    `${strong.length} of ${traded.length} traded clusters are strong in ${portfolio.regionName}` +
    (strongNames.length > 0 ? `: ${strongNames.slice(0, 5).join(', ')}${strongNames.length > 5 ? ', …' : '.'}` : '.');
  ui.portfolioYears.textContent =
    portfolio.year > portfolio.baseYear
      ? `from ${portfolio.baseYear} to ${portfolio.year}`
      : `from ${portfolio.baseYear} to ${portfolio.year} (the same year: pick a later year to see change)`;
  ui.tableSummary.textContent = `All ${portfolio.clusters.length} clusters of ${portfolio.regionName} as a table (with estimated shares)`;
  chart?.update(portfolio, cluster);
  renderPortfolioTable(ui.portfolioTable, portfolio, cluster, (code) => void navigate({ cluster: code }, 'push'));
}

/**
 * Shows the requested view: resolves defaults against the data, loads what it needs, renders, and
 * records the resolved view in the URL (push for a user's choice, replace for load and Back).
 */
async function show(requested: WorkbenchState, mode: HistoryMode): Promise<void> {
  if (!meta) return;
  const m = meta;
  const gen = ++generation;
  setBusy(true);
  ui.error.hidden = true;
  const notices: string[] = [];
  try {
    const year = requested.year !== undefined && m.years.includes(requested.year) ? requested.year : m.defaultYear;
    if (requested.year !== undefined && year !== requested.year) notices.push(`There are no data for ${requested.year}; showing ${year}.`);
    const list = await getClusters(year);
    let cluster = list.clusters.find((c) => c.code === requested.cluster);
    if (!cluster) {
      if (requested.cluster !== undefined) notices.push(`Unknown cluster "${requested.cluster}"; showing the default cluster.`);
      cluster = defaultCluster(list);
    }
    if (!cluster) throw new Error(`The server lists no clusters for ${year}. Has the data been imported?`);
    const baseYear = m.baseYear;
    // A canonical region id can be fetched in parallel with the map; anything else needs the region list.
    const early = requested.region?.startsWith('US-') ? getRegionPortfolio(requested.region, year, baseYear) : undefined;
    early?.catch(() => undefined);
    const regions = await getClusterRegions(cluster.code, year);
    let region = resolveRegion(requested.region, regions);
    if (region === undefined) {
      if (requested.region !== undefined) notices.push(`Unknown state "${requested.region}"; showing another state.`);
      region = resolveRegion(view?.region, regions) ?? topRegion(regions);
    }
    if (region === undefined) throw new Error(`No state has data for ${cluster.name} in ${year}.`);
    const portfolio = early && region === requested.region ? await early : await getRegionPortfolio(region, year, baseYear);
    if (gen !== generation) return;

    view = { cluster: cluster.code, region, year };
    const query = serialiseUrlState(view);
    if (query !== location.search) {
      const url = `${location.pathname}${query}${location.hash}`;
      if (mode === 'push') history.pushState(null, '', url);
      else history.replaceState(null, '', url);
    }
    fillClusterSelect(list, cluster.code);
    fillRegionSelect(regions, region);
    ui.yearSelect.value = String(year);
    map?.update(regions, region);
    renderMapSummary(regions, region);
    renderPortfolio(portfolio, cluster.code);
    document.title = `${cluster.name} · ${portfolio.regionName} · ${year} — ClusterLens`;
    showNotice(notices.join(' '));
  } catch (error) {
    if (gen === generation) showError(error);
  } finally {
    if (gen === generation) setBusy(false);
  }
}

/** Applies a user's change on top of the current view. */
function navigate(change: Partial<View>, mode: HistoryMode): Promise<void> {
  return show({ cluster: view?.cluster, region: view?.region, year: view?.year, ...change }, mode);
}

async function start(): Promise<void> {
  setBusy(true);
  renderMapLegend(ui.mapLegend);
  renderPortfolioLegend(ui.portfolioLegend);
  try {
    const [m, topology] = await Promise.all([getMeta(), getUsStates()]);
    meta = m;
    renderSources(m);
    ui.yearSelect.replaceChildren();
    for (const y of m.years) htmlElement('option', { value: String(y) }, String(y), ui.yearSelect);
    const tooltip = createTooltip();
    map = createUsMap(ui.map, topology, { tooltip, onSelect: (region) => void navigate({ region }, 'push') });
    chart = createPortfolioChart(ui.portfolioChart, { tooltip, onSelectCluster: (cluster) => void navigate({ cluster }, 'push') });
  } catch (error) {
    showError(error);
    setBusy(false);
    return;
  }
  ui.clusterSelect.addEventListener('change', () => void navigate({ cluster: ui.clusterSelect.value }, 'push'));
  ui.regionSelect.addEventListener('change', () => void navigate({ region: ui.regionSelect.value }, 'push'));
  ui.yearSelect.addEventListener('change', () => void navigate({ year: Number(ui.yearSelect.value) }, 'push'));
  window.addEventListener('popstate', () => void show(parseUrlState(location.search), 'replace'));
  await show(parseUrlState(location.search), 'replace');
}

void start();
