/**
 * County mode of the Cluster view (/cluster?cluster=&level=county&year=): every US county coloured by the
 * cluster's location quotient (the state map's scale), strong clusters outlined, state borders on top,
 * a threshold control (LQ cut or strong clusters only) and the year switch. After a draw the other years'
 * county data (the nearest PREFETCH_YEARS years of the year switch) are fetched and prepared one by one in
 * idle time, with their strong outlines drawn ahead, so that a year change mostly recolours. The colour classes are
 * recomputed in a Web Worker (county-colour.worker.ts) from typed arrays that are transferred both ways;
 * without worker support the same function runs on the main thread.
 *
 * Timing marks for the benchmark (bench/workbench-timing.ts): `county-map:first-draw` (performance mark at
 * the first complete draw after navigation), `county-map:redraw-threshold` and `county-map:redraw-year`
 * (performance measures from the control change to the completed redraw). The canvas carries
 * data-draws (count), data-worker ("true" when the last colours came from the worker), data-with-data and
 * data-passing.
 */
import { API_BASE, getClusters, getJson, getUsStates, type ClusterList, type ClusterRegion, type ClusterRegions, type ClusterSummary, type Topology } from './api-client.js';
import { createPanel, type Panel } from './chart-panel.js';
import { computeCountyColours, BELOW_THRESHOLD_COLOUR, type CountyColourResult } from './county-map-colours.js';
import type { CountyColourRequest } from './county-colour.worker.js';
import { createCountyMap, type CountyMap } from './county-map.js';
import { describeEstimatedShare, formatEmployment, formatLocationQuotient } from './format.js';
import { t } from './i18n/translate.js';
import { renderMapLegend } from './legend.js';
import { htmlElement, svgElement } from './svg.js';
import { selectField, yearOptions } from './views/controls.js';
import type { View, ViewContext } from './views/view.js';

/** How many other years (nearest first) are prefetched after a draw. */
const PREFETCH_YEARS = 2;

/** Resolves when the browser is idle (or after a short delay without requestIdleCallback). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });
}

/** The threshold choices: "all", an LQ cut, or strong clusters only. */
const THRESHOLDS = ['all', '1', '1.25', '2', '4', 'strong'] as const;
type Threshold = (typeof THRESHOLDS)[number];

function thresholdLabel(value: Threshold): string {
  if (value === 'all') return t('county.thresholdAll');
  if (value === 'strong') return t('county.thresholdStrong');
  return t('county.thresholdCut', { lq: formatLocationQuotient(Number(value)) });
}

/** Computes colours in a worker, falling back to the main thread. */
class ColourService {
  private worker: Worker | undefined;
  private failed = false;
  private next = 1;
  private readonly pending = new Map<number, (result: CountyColourResult) => void>();

  private start(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      this.worker = new Worker(new URL('./county-colour.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (event: MessageEvent<{ id: number; result: CountyColourResult }>) => {
        const resolve = this.pending.get(event.data.id);
        this.pending.delete(event.data.id);
        resolve?.(event.data.result);
      };
      this.worker.onerror = () => {
        this.failed = true;
        this.worker?.terminate();
        this.worker = undefined;
      };
    } catch {
      this.failed = true;
    }
    return this.worker;
  }

  /** Colours for the arrays (which are copied, then transferred to the worker). */
  compute(lq: Float64Array, strong: Uint8Array, cut: number, strongOnly: boolean): Promise<{ result: CountyColourResult; worker: boolean }> {
    const worker = this.start();
    if (!worker) return Promise.resolve({ result: computeCountyColours({ lq, strong, cut, strongOnly }), worker: false });
    const id = this.next++;
    const request: CountyColourRequest = { id, lq: lq.slice(), strong: strong.slice(), cut, strongOnly };
    return new Promise((resolve) => {
      this.pending.set(id, (result) => resolve({ result, worker: true }));
      worker.postMessage(request, [request.lq.buffer, request.strong.buffer]);
    });
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

interface CountyUi {
  clusterSelect: HTMLSelectElement;
  yearSelect: HTMLSelectElement;
  thresholdSelect: HTMLSelectElement;
  stateLink: HTMLAnchorElement;
  panel: Panel;
  map: CountyMap;
}

interface CountyData {
  regions: ClusterRegions;
  /** Row per map county (undefined when the county has no value). */
  rows: (ClusterRegion | undefined)[];
  lq: Float64Array;
  strong: Uint8Array;
  /** Counties with data, largest LQ first (the arrow keys' order). */
  order: number[];
}

/** One year's county data in the map's county order. */
function prepareData(map: CountyMap, regions: ClusterRegions): CountyData {
  const index = new Map(regions.regions.map((r) => [r.region, r]));
  const rows = map.regions.map((id) => index.get(id));
  const lq = new Float64Array(rows.length);
  const strong = new Uint8Array(rows.length);
  rows.forEach((r, i) => {
    lq[i] = r?.lq ?? NaN;
    strong[i] = r?.strong10 ? 2 : r?.strong ? 1 : 0;
  });
  const order = rows.map((_, i) => i).filter((i) => Number.isFinite(lq[i]!)).sort((a, b) => lq[b]! - lq[a]!);
  return { regions, rows, lq, strong, order };
}

/** The county choropleth of a cluster: GET /api/v1/clusters/{code}/regions?year=&regionType=county. */
export function getClusterCounties(cluster: string, year: number): Promise<ClusterRegions> {
  return getJson<ClusterRegions>(`${API_BASE}/clusters/${encodeURIComponent(cluster)}/regions?year=${year}&regionType=county`);
}

function defaultCluster(list: ClusterList): ClusterSummary | undefined {
  const sorted = [...list.clusters].sort((a, b) => a.name.localeCompare(b.name));
  return sorted.find((c) => c.type === 'traded') ?? sorted[0];
}

/** Creates the county mode; `reset()` forgets its UI when the state mode takes the page back. */
export function createCountyMapView(): View & { reset(): void } {
  let building: Promise<CountyUi> | undefined;
  let state: { cluster: string; year: number } | undefined;
  let data: CountyData | undefined;
  let threshold: Threshold = 'all';
  let firstDrawn = false;
  let pendingYearMark = false;
  let drawId = 0;
  const colours = new ColourService();
  /** Prepared county data of one cluster by year (the shown year and prefetched ones), for the current UI. */
  let prepared: { cluster: string; ui: CountyUi; byYear: Map<number, CountyData> } | undefined;
  let prefetchId = 0;

  /** The prepared data of `year`, prepared now when not yet (the cache follows the cluster and the UI). */
  const preparedData = (ui: CountyUi, cluster: string, year: number, regions: ClusterRegions): CountyData => {
    if (prepared?.cluster !== cluster || prepared.ui !== ui) prepared = { cluster, ui, byYear: new Map() };
    let d = prepared.byYear.get(year);
    if (d?.regions !== regions) prepared.byYear.set(year, (d = prepareData(ui.map, regions)));
    return d;
  };

  /** Fetches and prepares the other years of the year switch, nearest first, one by one in idle time. */
  const prefetch = (ui: CountyUi, cluster: string, year: number, years: readonly number[]): void => {
    const id = ++prefetchId;
    const others = years
      .filter((y) => y !== year)
      .sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)
      .slice(0, PREFETCH_YEARS);
    const current = (): boolean => id === prefetchId && building !== undefined;
    void (async () => {
      for (const y of others) {
        await idle();
        if (!current()) return;
        try {
          // the same memoised requests as show(): a year change reuses them, finished or still in flight
          const [, regions] = await Promise.all([getClusters(y), getClusterCounties(cluster, y)]);
          await idle();
          if (!current()) return;
          ui.map.prepare(preparedData(ui, cluster, y, regions).strong);
        } catch {
          // a failed prefetch is forgotten (getJson): the year change fetches again and shows the error
        }
      }
    })();
  };

  const redraw = async (ui: CountyUi, measure: string | undefined): Promise<void> => {
    if (!data) return;
    const id = ++drawId;
    const cut = threshold === 'all' || threshold === 'strong' ? 0 : Number(threshold);
    const { result, worker } = await colours.compute(data.lq, data.strong, cut, threshold === 'strong');
    if (id !== drawId) return;
    ui.map.draw({ rgba: result.rgba, strong: data.strong });
    const canvas = ui.map.canvas;
    canvas.dataset.draws = String(Number(canvas.dataset.draws ?? '0') + 1);
    canvas.dataset.worker = String(worker);
    canvas.dataset.withData = String(result.withData);
    canvas.dataset.passing = String(result.passing);
    canvas.dataset.threshold = threshold;
    if (!firstDrawn) {
      firstDrawn = true;
      performance.mark('county-map:first-draw');
    }
    if (measure !== undefined && performance.getEntriesByName(`${measure}:start`, 'mark').length > 0) {
      const entry = performance.measure(measure, `${measure}:start`);
      performance.clearMarks(`${measure}:start`);
      canvas.dataset.lastRedrawMs = entry.duration.toFixed(1);
    }
    renderText(ui.panel, data, result, threshold);
  };

  const build = async (context: ViewContext): Promise<CountyUi> => {
    const [counties, states] = await Promise.all([getJson<Topology>(`${API_BASE}/geo/us-counties`), getUsStates()]);
    performance.mark('county-map:boundaries-fetched');
    const root = context.root;
    root.replaceChildren();
    htmlElement('h1', { class: 'view-title' }, t('county.heading'), root);
    const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('controls.view') }, undefined, root);
    form.addEventListener('submit', (e) => e.preventDefault());
    const clusterSelect = selectField(form, t('controls.cluster'), 'cluster-select');
    const yearSelect = selectField(form, t('controls.year'), 'year-select');
    const thresholdSelect = selectField(form, t('county.threshold'), 'threshold-select');
    for (const value of THRESHOLDS) htmlElement('option', { value }, thresholdLabel(value), thresholdSelect);
    thresholdSelect.value = threshold;
    const stateLink = htmlElement('a', { class: 'level-link', 'data-route': 'cluster', 'data-testid': 'state-level-link' }, t('county.stateLink'), form);
    const grid = htmlElement('div', { class: 'panels' }, undefined, root);
    // The panel's export needs the map, which is created inside the panel's body.
    const holder: { map?: CountyMap } = {};
    const panel = createPanel(grid, {
      id: 'county-map',
      title: t('loading'),
      wide: true,
      svg: () => holder.map?.toSvg() ?? null,
      csv: () =>
        data && {
          header: ['region', 'name', 'cluster', 'year', 'employment', 'establishments', 'lq', 'strong', 'strong10', 'estimatedShare'],
          rows: data.regions.regions.map((r) => [r.region, r.name, data!.regions.cluster.code, data!.regions.year, r.employment, r.establishments, r.lq, r.strong, r.strong10, r.estimatedShare]),
        },
    });
    panel.body.className = 'panel-body map';
    renderMapLegend(panel.legend, { marks: ['noData', 'strong'] });
    const marks = panel.legend.querySelector('ul.marks');
    if (marks) {
      const li = htmlElement('li', { 'data-testid': 'legend-below-threshold' }, undefined, marks as HTMLElement);
      const svg = svgElement('svg', { width: 22, height: 16, viewBox: '0 0 22 16', 'aria-hidden': 'true' }, li);
      svgElement('rect', { x: 1, y: 1, width: 20, height: 14, fill: BELOW_THRESHOLD_COLOUR, stroke: '#888' }, svg);
      htmlElement('span', {}, t('county.belowThreshold'), li);
    }
    const map = createCountyMap(panel.body, counties, states, { tooltip: context.tooltip });
    holder.map = map;
    performance.mark('county-map:projected');
    const ui: CountyUi = { clusterSelect, yearSelect, thresholdSelect, stateLink, panel, map };
    const go = (change: Partial<{ cluster: string; year: number }>): void => {
      const next = { ...state, ...change };
      context.navigate('cluster', { cluster: next.cluster, level: 'county', year: next.year === undefined ? undefined : String(next.year) }, 'push');
    };
    clusterSelect.addEventListener('change', () => go({ cluster: clusterSelect.value }));
    yearSelect.addEventListener('change', () => {
      performance.mark('county-map:redraw-year:start');
      pendingYearMark = true;
      go({ year: Number(yearSelect.value) });
    });
    thresholdSelect.addEventListener('change', () => {
      threshold = (THRESHOLDS as readonly string[]).includes(thresholdSelect.value) ? (thresholdSelect.value as Threshold) : 'all';
      performance.mark('county-map:redraw-threshold:start');
      void redraw(ui, 'county-map:redraw-threshold');
    });
    return ui;
  };

  return {
    reset() {
      building = undefined;
      state = undefined;
      data = undefined;
      prepared = undefined;
      prefetchId++;
      colours.stop();
    },
    destroy() {
      building = undefined;
      prepared = undefined;
      prefetchId++;
      colours.stop();
    },
    async show(params, context) {
      const m = context.meta;
      const notices: string[] = [];
      const requestedYear = params.year !== undefined && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined;
      const year = requestedYear !== undefined && m.years.includes(requestedYear) ? requestedYear : m.defaultYear;
      if (requestedYear !== undefined && year !== requestedYear) notices.push(t('notice.noYear', { requested: requestedYear, year }));
      const list = await getClusters(year);
      let cluster = list.clusters.find((c) => c.code === params.cluster?.toLowerCase());
      if (!cluster) {
        if (params.cluster !== undefined) notices.push(t('notice.unknownCluster', { cluster: params.cluster }));
        cluster = defaultCluster(list);
      }
      if (!cluster) throw new Error(t('error.noClusters', { year }));
      const [regions, ui] = await Promise.all([getClusterCounties(cluster.code, year).then((r) => (performance.mark('county-map:data-fetched'), r)), (building ??= build(context))]);
      if (!context.isCurrent()) return;
      state = { cluster: cluster.code, year };
      context.settle({ cluster: cluster.code, level: 'county', year: String(year) });
      fillClusters(ui.clusterSelect, list, cluster.code);
      yearOptions(ui.yearSelect, m.years, year);
      ui.stateLink.href = context.href('cluster', { cluster: cluster.code, year: String(year) });
      data = preparedData(ui, cluster.code, year, regions);
      const clusterName = cluster.name;
      ui.map.describe((i) => {
        const row = data?.rows[i];
        const name = ui.map.regions[i] ?? '';
        if (!row) return { title: name, lines: [t('value.noData')] };
        const lines = [
          t('map.stateLq', { cluster: clusterName, lq: formatLocationQuotient(row.lq) }),
          t('map.stateEmployment', { employment: formatEmployment(row.employment), establishments: formatEmployment(row.establishments) }),
        ];
        if (row.strong10) lines.push(t('strong.top10'));
        else if (row.strong) lines.push(t('strong.top25'));
        const estimated = describeEstimatedShare(row.estimatedShare);
        if (estimated !== '') lines.push(estimated);
        return { title: row.name, lines };
      });
      ui.map.setOrder(data.order);
      ui.map.label(t('county.mapTitle', { cluster: clusterName, year }));
      ui.panel.setTitle(t('county.mapTitle', { cluster: clusterName, year }));
      const measure = pendingYearMark ? 'county-map:redraw-year' : undefined;
      pendingYearMark = false;
      await redraw(ui, measure);
      if (regions.regions.length === 0) notices.push(t('county.noData', { cluster: clusterName, year }));
      context.title(`${clusterName} · ${t('county.heading')} · ${year}`);
      context.notice(notices.join(' '));
      if (context.isCurrent()) prefetch(ui, cluster.code, year, m.years);
    },
  };
}

function fillClusters(select: HTMLSelectElement, list: ClusterList, selected: string): void {
  select.replaceChildren();
  for (const [label, type] of [[t('controls.tradedClusters'), 'traded'], [t('controls.localClusters'), 'local']] as const) {
    const clusters = list.clusters.filter((c) => c.type === type).sort((a, b) => a.name.localeCompare(b.name));
    if (clusters.length === 0) continue;
    const group = htmlElement('optgroup', { label }, undefined, select);
    for (const c of clusters) htmlElement('option', { value: c.code }, c.name, group);
  }
  select.value = selected;
}

function renderText(panel: Panel, data: CountyData, result: CountyColourResult, threshold: Threshold): void {
  const th = data.regions.thresholds;
  const rule =
    th.lq75 === null || th.employment25 === null || th.establishments25 === null
      ? t('strong.ruleUnrated')
      : t('strong.rule', { lq: formatLocationQuotient(Math.max(1, th.lq75)), employment: formatEmployment(th.employment25), establishments: formatEmployment(th.establishments25) });
  panel.summary.textContent = t('county.summary', {
    withData: formatEmployment(result.withData),
    total: formatEmployment(data.rows.length),
    passing: formatEmployment(result.passing),
    threshold: thresholdLabel(threshold),
    strong: formatEmployment(result.strong),
  });
  panel.setHowTo(
    t('howTo.countyMap', {
      rule,
      lq75: Number.isNaN(result.lq75) ? '–' : formatLocationQuotient(result.lq75),
      lq90: Number.isNaN(result.lq90) ? '–' : formatLocationQuotient(result.lq90),
    }),
  );
}
