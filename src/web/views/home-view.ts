/**
 * Home view (/?country=US|EU|JP&year=&nation=): choose a kind of region and a year, jump to a region
 * or a cluster, and see the headline: for US states the strong clusters (from the cluster data), for
 * EU NUTS-2 regions (one country at a time) and Japanese prefectures the most specialised industry
 * families (from the cross-country comparison).
 */
import {
  API_BASE,
  getClusterRegions,
  getClusters,
  getComparison,
  getDatasets,
  getOptionalJson,
  type ClusterRegions,
  type CompareRegion,
  type Comparison,
  type Topology,
} from '../api-client.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import type { CsvTable } from '../chart-export.js';
import { formatLocationQuotient, formatShare } from '../format.js';
import { t } from '../i18n/translate.js';
import { renderMapLegend } from '../legend.js';
import { renderRegionMap } from '../region-map.js';
import { familyName, regionName } from '../region-names.js';
import { htmlElement } from '../svg.js';
import { regionOptions, selectField, yearOptions } from './controls.js';
import { loadRegionDirectory, REGION_KINDS, type RegionDirectory, type RegionKind } from './region-directory.js';
import type { View, ViewContext } from './view.js';

/** Runs `work` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const CLASSIFICATION: Readonly<Record<RegionKind, RegExp>> = { US: /^NAICS/, EU: /^NACE/, JP: /^JSIC/ };

/** Creates the home view. */
export function createHomeView(): View {
  return {
    async show(params, context) {
      const directory = await loadRegionDirectory();
      const { datasets } = await getDatasets();
      const kind: RegionKind = params.country === 'EU' || params.country === 'JP' ? params.country : 'US';
      const years = kind === 'US' ? context.meta.years : (datasets.find((d) => CLASSIFICATION[kind].test(d.classification))?.years ?? []);
      const requestedYear = params.year !== undefined && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined;
      const latest = kind === 'US' ? context.meta.defaultYear : Math.max(...years);
      const year = requestedYear !== undefined && years.includes(requestedYear) ? requestedYear : latest;
      const nations = [...new Set(directory.EU.map((r) => r.country))].sort();
      const nation = kind === 'EU' ? (params.nation !== undefined && nations.includes(params.nation.toUpperCase()) ? params.nation.toUpperCase() : nations.includes('DE') ? 'DE' : nations[0]) : undefined;
      const notices: string[] = [];
      if (requestedYear !== undefined && requestedYear !== year) notices.push(t('notice.noYear', { requested: requestedYear, year }));

      const [headline, boundaries] = await Promise.all([
        kind === 'US' ? usHeadline(year) : familyHeadline(directory, kind, year, nation),
        kind === 'US' ? Promise.resolve(undefined) : getOptionalJson<Topology>(`${API_BASE}/geo/${kind === 'JP' ? 'jp-prefectures' : 'nuts2'}`).catch(() => undefined),
      ]);
      if (!context.isCurrent()) return;
      const families = headline.kind === 'families' ? (headline.comparisons[0]?.families ?? []) : [];
      const family = families.find((f) => f.code === params.family)?.code ?? 'B-E';
      context.settle({
        country: kind === 'US' ? undefined : kind,
        year: year === latest ? undefined : String(year),
        nation: kind === 'EU' && nation !== 'DE' ? nation : undefined,
        family: kind !== 'US' && family !== 'B-E' ? family : undefined,
      });
      renderHome(context, directory, { kind, year, years, nation, nations, family }, headline, boundaries);
      context.title(t('home.title'));
      context.notice(notices.join(' '));
    },
  };
}

interface HomeState {
  readonly kind: RegionKind;
  readonly year: number;
  readonly years: readonly number[];
  readonly nation: string | undefined;
  readonly nations: readonly string[];
  /** The family the map shows (EU and JP). */
  readonly family: string;
}

type Headline = { kind: 'US'; clusters: readonly ClusterRegions[] } | { kind: 'families'; comparisons: readonly Comparison[] };

async function usHeadline(year: number): Promise<Headline> {
  const list = await getClusters(year);
  const traded = list.clusters.filter((c) => c.type === 'traded');
  return { kind: 'US', clusters: await mapLimited(traded, 4, (c) => getClusterRegions(c.code, year)) };
}

async function familyHeadline(directory: RegionDirectory, kind: RegionKind, year: number, nation: string | undefined): Promise<Headline> {
  const regions = directory[kind].filter((r) => kind !== 'EU' || r.country === nation).map((r) => r.id);
  const batches: string[][] = [];
  for (let i = 0; i < regions.length; i += 10) batches.push(regions.slice(i, i + 10));
  // The comparison needs two regions: a lone last region is compared with the first one.
  const last = batches[batches.length - 1];
  if (last && last.length === 1 && regions[0] !== undefined && regions[0] !== last[0]) last.push(regions[0]);
  const country = kind === 'JP' ? 'JP' : (nation ?? 'DE');
  const comparisons = await mapLimited(batches.filter((b) => b.length >= 2), 3, (b) => compareSkippingMissing(b, { [country]: year }));
  return { kind: 'families', comparisons: comparisons.filter((c): c is Comparison => c !== undefined) };
}

/**
 * Compares a batch, leaving out regions the data lack (e.g. NUTS 2010 codes without 2015 values): when
 * the server names a region of the batch in its error, that region is dropped and the rest retried.
 */
async function compareSkippingMissing(batch: readonly string[], years: Readonly<Record<string, number>>): Promise<Comparison | undefined> {
  let regions = [...batch];
  while (regions.length >= 2) {
    try {
      return await getComparison(regions, years);
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      const culprit = regions.find((r) => new RegExp(`\\b${r}\\b`).test(message));
      if (culprit === undefined) throw error;
      regions = regions.filter((r) => r !== culprit);
    }
  }
  return undefined;
}

function renderHome(context: ViewContext, directory: RegionDirectory, state: HomeState, headline: Headline, boundaries: Topology | undefined): void {
  const root = context.root;
  root.replaceChildren();
  htmlElement('h1', { class: 'view-title' }, t('home.heading'), root);
  htmlElement('p', { class: 'lead' }, t('home.lead'), root);
  const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('home.choose') }, undefined, root);
  form.addEventListener('submit', (e) => e.preventDefault());
  const fieldset = htmlElement('fieldset', { class: 'kinds' }, undefined, form);
  htmlElement('legend', {}, t('home.kindLegend'), fieldset);
  for (const kind of REGION_KINDS) {
    const label = htmlElement('label', { class: 'radio' }, undefined, fieldset);
    const input = htmlElement('input', { type: 'radio', name: 'kind', value: kind, 'data-testid': `home-kind-${kind}` }, undefined, label);
    input.checked = kind === state.kind;
    input.addEventListener('change', () => context.navigate('home', { country: kind === 'US' ? undefined : kind }, 'push'));
    htmlElement('span', {}, t(`kind.${kind}`), label);
  }
  const yearSelect = selectField(form, t('controls.year'), 'home-year-select');
  yearOptions(yearSelect, state.years, state.year);
  yearSelect.addEventListener('change', () => context.navigate('home', { country: state.kind === 'US' ? undefined : state.kind, year: yearSelect.value, nation: state.nation }, 'push'));
  if (state.kind === 'EU') {
    const nationSelect = selectField(form, t('controls.nation'), 'home-nation-select');
    for (const n of state.nations) htmlElement('option', { value: n }, n, nationSelect);
    nationSelect.value = state.nation ?? '';
    nationSelect.addEventListener('change', () => context.navigate('home', { country: 'EU', year: String(state.year), nation: nationSelect.value }, 'push'));
  }

  const grid = htmlElement('div', { class: 'panels' }, undefined, root);
  const go = createPanel(grid, { id: 'home-go', title: t('home.goTitle'), howTo: t('howTo.homeGo') });
  const goForm = htmlElement('form', { class: 'go-form' }, undefined, go.body);
  const regionSelect = selectField(goForm, t('controls.region'), 'home-region-select');
  regionOptions(regionSelect, directory, directory[state.kind].find((r) => r.id === 'US-53' || r.id === 'DE21' || r.id === 'JP-13')?.id ?? directory[state.kind][0]?.id, [state.kind]);
  htmlElement('button', { type: 'submit', 'data-testid': 'home-open-region' }, t('home.openRegion'), goForm);
  goForm.addEventListener('submit', (e) => {
    e.preventDefault();
    context.navigate('region', { region: regionSelect.value, year: state.kind === 'US' ? String(state.year) : String(state.year) }, 'push');
  });
  go.summary.textContent = t('home.goSummary', { kind: t(`kind.${state.kind}`), count: directory[state.kind].length });

  if (headline.kind === 'US') renderUsHeadline(grid, headline.clusters, state.year, context);
  else {
    renderFamilyHeadline(grid, headline.comparisons, state, context);
    renderFamilyMap(grid, directory, headline.comparisons, state, context, boundaries);
  }
}

/** EU or Japanese regions coloured by one family's LQ, when the server serves their boundaries. */
function renderFamilyMap(
  grid: HTMLElement,
  directory: RegionDirectory,
  comparisons: readonly Comparison[],
  state: HomeState,
  context: ViewContext,
  boundaries: Topology | undefined,
): void {
  const families = comparisons[0]?.families ?? [];
  const family = families.find((f) => f.code === state.family);
  const values = new Map<string, number | null>();
  const year = new Map<string, number>();
  for (const c of comparisons) {
    for (const r of c.regions) {
      values.set(r.region, r.families.find((f) => f.code === state.family)?.lq ?? null);
      year.set(r.region, r.year);
    }
  }
  const where = state.kind === 'EU' ? (state.nation ?? '') : t('kind.JP');
  const title = t('home.mapTitle', { family: family ? familyName(family) : state.family, where, year: state.year });
  const panel = createPanel(grid, {
    id: 'home-map',
    title,
    howTo: t('howTo.homeMap'),
    svg: () => panel.body.querySelector('svg.region-map'),
    csv: () => ({ header: ['region', 'year', 'family', 'lq'], rows: [...values].map(([region, lq]) => [region, year.get(region) ?? null, state.family, lq]) }),
    wide: true,
  });
  if (!boundaries) {
    renderUnavailable(panel.body, t(state.kind === 'JP' ? 'cluster.worldJp' : 'cluster.worldEu'));
    return;
  }
  const form = htmlElement('form', { class: 'go-form' });
  panel.section.insertBefore(form, panel.body);
  const select = selectField(form, t('controls.family'), 'home-family-select');
  for (const f of families) htmlElement('option', { value: f.code }, familyName(f), select);
  select.value = state.family;
  select.addEventListener('change', () =>
    context.navigate('home', { country: state.kind, year: String(state.year), nation: state.nation, family: select.value }, 'push'),
  );
  const box = htmlElement('div', { class: 'map' }, undefined, panel.body);
  try {
    const joined = renderRegionMap(box, boundaries, {
      regions: directory[state.kind],
      values,
      ariaLabel: title,
      testId: 'home-region-map',
      tooltip: context.tooltip,
      describe: (_region, lq) => t('home.mapTip', { family: family ? familyName(family) : state.family, lq: formatLocationQuotient(lq) }),
      onSelect: (region) => context.navigate('region', { region }, 'push'),
    });
    panel.summary.textContent = t('home.mapSummary', { joined, total: values.size });
    // The shipped Japanese boundaries (MLIT National Land Numerical Information) require this credit line.
    if (state.kind === 'JP') htmlElement('p', { class: 'chart-note', lang: 'ja' }, '国土数値情報（行政区域データ）（国土交通省）を加工して作成', panel.body);
    renderMapLegend(panel.legend, { marks: ['noData'] });
  } catch {
    renderUnavailable(panel.body, title);
  }
}

function renderUsHeadline(grid: HTMLElement, clusters: readonly ClusterRegions[], year: number, context: ViewContext): void {
  // By cluster: how many states are strong, and the strongest of them.
  const byCluster = clusters
    .map((c) => ({ cluster: c.cluster, strong: c.regions.filter((r) => r.strong).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)) }))
    .sort((a, b) => b.strong.length - a.strong.length || a.cluster.name.localeCompare(b.cluster.name));
  const clusterPanel = createPanel(grid, {
    id: 'headline-clusters',
    title: t('home.clustersTitle', { year }),
    howTo: t('howTo.headlineClusters'),
    csv: (): CsvTable => ({
      header: ['cluster', 'name', 'year', 'strongStates', 'strongest'],
      rows: byCluster.map((c) => [c.cluster.code, c.cluster.name, year, c.strong.length, c.strong.slice(0, 3).map((r) => r.region).join(' ')]),
    }),
  });
  clusterPanel.summary.textContent = t('home.clustersSummary', { count: clusters.length });
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'headline-clusters-table' });
  htmlElement('caption', {}, t('home.clustersCaption'), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [t('col.cluster'), t('col.strongStates'), t('col.strongest')]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const c of byCluster) {
    const tr = htmlElement('tr', { 'data-code': c.cluster.code }, undefined, body);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('cluster', { cluster: c.cluster.code, year: String(year) }), 'data-route': 'cluster' }, c.cluster.name, th);
    htmlElement('td', { class: 'num' }, String(c.strong.length), tr);
    const cell = htmlElement('td', {}, undefined, tr);
    c.strong.slice(0, 3).forEach((r, i) => {
      if (i > 0) cell.append(t('list.separator'));
      htmlElement('a', { href: context.href('region', { region: r.region, year: String(year) }), 'data-route': 'region' }, `${r.name} (${formatLocationQuotient(r.lq)})`, cell);
    });
  }
  clusterPanel.body.replaceChildren(htmlElement('div', { class: 'table-scroll' }));
  clusterPanel.body.firstElementChild?.appendChild(table);

  // By state: how many strong clusters each state has.
  const states = new Map<string, { region: string; name: string; strong: { name: string; lq: number | null; code: string }[] }>();
  for (const c of clusters) {
    for (const r of c.regions) {
      const entry = states.get(r.region) ?? { region: r.region, name: r.name, strong: [] };
      if (r.strong) entry.strong.push({ name: c.cluster.name, lq: r.lq, code: c.cluster.code });
      states.set(r.region, entry);
    }
  }
  const byState = [...states.values()].sort((a, b) => b.strong.length - a.strong.length || a.name.localeCompare(b.name));
  for (const s of byState) s.strong.sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0));
  const statePanel = createPanel(grid, {
    id: 'headline-states',
    title: t('home.statesTitle', { year }),
    howTo: t('howTo.headlineStates'),
    csv: (): CsvTable => ({
      header: ['region', 'name', 'year', 'strongClusters', 'strongest'],
      rows: byState.map((s) => [s.region, s.name, year, s.strong.length, s.strong.slice(0, 3).map((c) => c.code).join(' ')]),
    }),
  });
  statePanel.summary.textContent = t('home.statesSummary');
  const st = htmlElement('table', { class: 'data-table', 'data-testid': 'headline-states-table' });
  htmlElement('caption', {}, t('home.statesCaption'), st);
  const sh = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, st));
  for (const h of [t('col.state'), t('col.strongClusters'), t('col.strongest')]) htmlElement('th', { scope: 'col' }, h, sh);
  const sb = htmlElement('tbody', {}, undefined, st);
  for (const s of byState) {
    const tr = htmlElement('tr', { 'data-region': s.region }, undefined, sb);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('region', { region: s.region, year: String(year) }), 'data-route': 'region', 'data-testid': `home-state-${s.region}` }, s.name, th);
    htmlElement('td', { class: 'num' }, String(s.strong.length), tr);
    htmlElement('td', {}, s.strong.slice(0, 3).map((c) => `${c.name} (${formatLocationQuotient(c.lq)})`).join(t('list.separator')), tr);
  }
  statePanel.body.replaceChildren(htmlElement('div', { class: 'table-scroll' }));
  statePanel.body.firstElementChild?.appendChild(st);
}

function renderFamilyHeadline(grid: HTMLElement, comparisons: readonly Comparison[], state: HomeState, context: ViewContext): void {
  const seen = new Set<string>();
  const rows: { region: CompareRegion; top: { code: string; lq: number | null }[] }[] = [];
  const families = comparisons[0]?.families ?? [];
  for (const c of comparisons) {
    for (const r of c.regions) {
      if (seen.has(r.region)) continue;
      seen.add(r.region);
      const top = r.families.filter((f) => f.lq !== null).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0)).slice(0, 2).map((f) => ({ code: f.code, lq: f.lq }));
      rows.push({ region: r, top });
    }
  }
  rows.sort((a, b) => a.region.region.localeCompare(b.region.region));
  const name = (code: string): string => {
    const f = families.find((x) => x.code === code);
    return f ? familyName(f) : code;
  };
  const where = state.kind === 'EU' ? (state.nation ?? '') : t('kind.JP');
  const panel = createPanel(grid, {
    id: 'headline-families',
    title: t('home.familiesTitle', { where, year: state.year }),
    howTo: t('howTo.headlineFamilies'),
    csv: (): CsvTable => ({
      header: ['region', 'name', 'country', 'year', 'topFamily', 'topLq', 'secondFamily', 'secondLq', 'coverage'],
      rows: rows.map((r) => [r.region.region, r.region.name, r.region.country, r.region.year, r.top[0]?.code, r.top[0]?.lq, r.top[1]?.code, r.top[1]?.lq, r.region.coverage]),
    }),
    wide: true,
  });
  panel.summary.textContent = t('home.familiesSummary', { count: rows.length });
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'headline-families-table' });
  htmlElement('caption', {}, t('home.familiesCaption'), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [t('col.region'), t('col.year'), t('col.topFamily'), t('col.secondFamily'), t('col.coverage')]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const r of rows) {
    const tr = htmlElement('tr', { 'data-region': r.region.region }, undefined, body);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('region', { region: r.region.region, year: String(r.region.year) }), 'data-route': 'region' }, `${regionName(r.region.region, r.region.name)} (${r.region.region})`, th);
    htmlElement('td', { class: 'num' }, String(r.region.year), tr);
    htmlElement('td', {}, r.top[0] ? `${name(r.top[0].code)} (${formatLocationQuotient(r.top[0].lq)})` : t('value.na'), tr);
    htmlElement('td', {}, r.top[1] ? `${name(r.top[1].code)} (${formatLocationQuotient(r.top[1].lq)})` : t('value.na'), tr);
    htmlElement('td', { class: 'num' }, formatShare(r.region.coverage), tr);
  }
  panel.body.replaceChildren(htmlElement('div', { class: 'table-scroll' }));
  panel.body.firstElementChild?.appendChild(table);
}

