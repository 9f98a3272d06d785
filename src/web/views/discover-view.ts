/**
 * Discover view (/discover?k=51&similarity=combined): data-driven clusters (GET /api/v1/discovery) with
 * their validation scores (VS-Cluster, VS-Industry) beside the benchmark definitions' and a random
 * baseline's, the agreement with the benchmark (adjusted Rand index) and the discovered clusters.
 * Shows a "not available" panel when the server has no discovery route.
 */
import { API_BASE, getOptionalJson } from '../api-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatEmployment } from '../format.js';
import { t } from '../i18n/translate.js';
import { htmlElement, svgElement } from '../svg.js';
import { renderRowTable } from './row-table.js';
import { selectField } from './controls.js';
import type { View } from './view.js';

/** Similarity measures the discovery offers. */
const SIMILARITIES = ['combined', 'colocation', 'coagglomeration', 'io'] as const;

type Scores = Readonly<Record<string, number | null>>;

/** One scored set of clusters (discovered, benchmark or random). */
interface ScoredSet {
  readonly clusters: number;
  readonly industries: number;
  readonly vsCluster: Scores;
  readonly vsIndustry: Scores;
  readonly score: number | null;
}

/** The parts of `GET /api/v1/discovery` the view reads. */
export interface Discovery {
  readonly year: number;
  readonly similarity: string;
  readonly scoredWith: readonly string[];
  readonly discovered: ScoredSet & { readonly k: number };
  readonly benchmark: ScoredSet | null;
  readonly randomBaseline: ScoredSet | null;
  readonly agreement: { readonly adjustedRandIndex: number | null; readonly randIndex: number | null; readonly bestMatchShare: number | null; readonly reverseBestMatchShare: number | null } | null;
  readonly clusters: readonly {
    readonly code: string;
    readonly name: string;
    readonly size: number;
    readonly employment: number;
    readonly withinRelatedness: number | null;
    readonly betweenRelatedness: number | null;
    readonly bestBenchmarkMatch: { readonly code: string; readonly name: string; readonly share: number } | null;
  }[];
  readonly notes: readonly string[];
}

const fixed = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits));

/** The rows of the score table: one per scored set. */
export function scoreRows(d: Discovery): { set: string; s: ScoredSet }[] {
  const rows: { set: string; s: ScoredSet }[] = [{ set: 'discovered', s: d.discovered }];
  if (d.benchmark) rows.push({ set: 'benchmark', s: d.benchmark });
  if (d.randomBaseline) rows.push({ set: 'random', s: d.randomBaseline });
  return rows;
}

/** Creates the discover view. */
export function createDiscoverView(): View {
  return {
    async show(params, context) {
      const k = /^\d+$/.test(params.k ?? '') ? Number(params.k) : 51;
      const similarity = (SIMILARITIES as readonly string[]).includes(params.similarity ?? '') ? (params.similarity as string) : 'combined';
      const root = context.root;
      root.replaceChildren();
      htmlElement('h1', { class: 'view-title' }, t('discover.heading'), root);
      const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('discover.heading') }, undefined, root);
      const kLabel = htmlElement('label', {}, undefined, form);
      htmlElement('span', { class: 'label-text' }, t('discover.k'), kLabel);
      const kInput = htmlElement('input', { type: 'number', min: 2, max: 200, value: k, 'data-testid': 'discover-k' }, undefined, kLabel);
      const select = selectField(form, t('discover.similarity'), 'discover-similarity');
      for (const s of SIMILARITIES) htmlElement('option', { value: s }, t(`discover.sim.${s}`), select);
      select.value = similarity;
      htmlElement('button', { type: 'submit', 'data-testid': 'discover-run' }, t('discover.run'), form);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        context.navigate('discover', { k: kInput.value, similarity: select.value }, 'push');
      });
      const grid = htmlElement('div', { class: 'panels' }, undefined, root);
      context.title(t('discover.heading'));
      const d = await getOptionalJson<Discovery>(`${API_BASE}/discovery?k=${k}&similarity=${encodeURIComponent(similarity)}`);
      if (!context.isCurrent()) return;
      context.settle({ k: String(k), similarity });
      if (!d) {
        const panel = createPanel(grid, { id: 'discover-scores', title: t('discover.scoresTitle'), wide: true });
        renderUnavailable(panel.body, t('discover.heading'));
        return;
      }
      renderScores(grid, d);
      renderAgreement(grid, d);
      renderClusters(grid, d);
      const notes = createPanel(grid, { id: 'discover-notes', title: t('discover.notesTitle'), howTo: t('howTo.discoverNotes') });
      const list = htmlElement('ul', { class: 'notes' }, undefined, notes.body);
      for (const n of d.notes) htmlElement('li', { lang: 'en' }, n, list);
    },
  };
}

function setName(set: string): string {
  return t(set === 'discovered' ? 'discover.set.discovered' : set === 'benchmark' ? 'discover.set.benchmark' : 'discover.set.random');
}

function scoresCsv(d: Discovery): CsvTable {
  const header = ['set', 'clusters', 'industries', 'score', ...d.scoredWith.map((m) => `vsCluster.${m}`), ...d.scoredWith.map((m) => `vsIndustry.${m}`)];
  return { header, rows: scoreRows(d).map(({ set, s }) => [set, s.clusters, s.industries, s.score, ...d.scoredWith.map((m) => s.vsCluster[m] ?? null), ...d.scoredWith.map((m) => s.vsIndustry[m] ?? null)]) };
}

function renderScores(grid: HTMLElement, d: Discovery): void {
  const panel = createPanel(grid, { id: 'discover-scores', title: t('discover.scoresTitle'), howTo: t('howTo.discoverScores'), svg: () => panel.body.querySelector('svg'), csv: () => scoresCsv(d), wide: true });
  panel.summary.textContent = t('discover.scoresSummary', { k: d.discovered.k, year: d.year, similarity: t(`discover.sim.${d.similarity as (typeof SIMILARITIES)[number]}`) });
  const rows = scoreRows(d);
  // Grouped bars: one group per measure (VS-Cluster and VS-Industry per similarity, then the overall score).
  const measures = [...d.scoredWith.map((m) => ({ key: `C:${m}`, label: `VS-Cluster ${m}`, get: (s: ScoredSet) => s.vsCluster[m] ?? null })), ...d.scoredWith.map((m) => ({ key: `I:${m}`, label: `VS-Industry ${m}`, get: (s: ScoredSet) => s.vsIndustry[m] ?? null })), { key: 'score', label: t('discover.score'), get: (s: ScoredSet) => s.score }];
  const colours = ['#0072b2', '#e69f00', '#6b6b6b'];
  const width = 900;
  const labelWidth = 190;
  const barHeight = 9;
  const groupHeight = rows.length * barHeight + 10;
  const height = measures.length * groupHeight + 40;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'bar-chart', role: 'img', 'aria-label': t('discover.scoresLabel'), 'data-testid': 'discover-scores-chart' });
  const scale = (v: number): number => ((width - labelWidth - 60) * Math.max(0, Math.min(1, v)));
  measures.forEach((m, i) => {
    const y0 = 10 + i * groupHeight;
    svgElement('text', { x: labelWidth - 8, y: y0 + groupHeight / 2, 'text-anchor': 'end', class: 'row-label' }, svg).textContent = m.label;
    rows.forEach(({ s }, j) => {
      const v = m.get(s);
      const y = y0 + j * barHeight;
      svgElement('rect', { x: labelWidth, y, width: v === null ? 0 : scale(v), height: barHeight - 1, fill: colours[j] ?? '#333' }, svg);
      svgElement('text', { x: labelWidth + (v === null ? 0 : scale(v)) + 4, y: y + barHeight - 1, class: 'bar-value' }, svg).textContent = fixed(v);
    });
  });
  const legendY = height - 14;
  rows.forEach(({ set }, j) => {
    svgElement('rect', { x: labelWidth + j * 200, y: legendY - 9, width: 12, height: 12, fill: colours[j] ?? '#333' }, svg);
    svgElement('text', { x: labelWidth + j * 200 + 16, y: legendY + 1, class: 'row-label' }, svg).textContent = setName(set);
  });
  panel.body.replaceChildren(svg);
  const table = htmlElement('div', {}, undefined, panel.body);
  renderRowTable(table, rows, [
    { header: t('discover.col.set'), csv: 'set', value: (r) => r.set, text: (r) => setName(r.set) },
    { header: t('discover.col.clusters'), csv: 'clusters', value: (r) => r.s.clusters, numeric: true },
    ...d.scoredWith.map((m) => ({ header: `VS-Cluster ${m}`, csv: `vsCluster.${m}`, value: (r: { s: ScoredSet }) => r.s.vsCluster[m] ?? null, text: (r: { s: ScoredSet }) => fixed(r.s.vsCluster[m]), numeric: true })),
    ...d.scoredWith.map((m) => ({ header: `VS-Industry ${m}`, csv: `vsIndustry.${m}`, value: (r: { s: ScoredSet }) => r.s.vsIndustry[m] ?? null, text: (r: { s: ScoredSet }) => fixed(r.s.vsIndustry[m]), numeric: true })),
    { header: t('discover.score'), csv: 'score', value: (r) => r.s.score, text: (r) => fixed(r.s.score), numeric: true },
  ], { caption: t('discover.scoresCaption'), testId: 'discover-scores-table', rowKey: (r) => r.set });
}

function renderAgreement(grid: HTMLElement, d: Discovery): void {
  const a = d.agreement;
  const panel = createPanel(grid, {
    id: 'discover-agreement',
    title: t('discover.agreementTitle'),
    howTo: t('howTo.discoverAgreement'),
    csv: () => (a ? { header: ['adjustedRandIndex', 'randIndex', 'bestMatchShare', 'reverseBestMatchShare'], rows: [[a.adjustedRandIndex, a.randIndex, a.bestMatchShare, a.reverseBestMatchShare]] } : undefined),
  });
  if (!a) {
    renderUnavailable(panel.body, t('discover.agreementTitle'));
    return;
  }
  panel.summary.textContent = t('discover.agreementSummary', { ari: fixed(a.adjustedRandIndex) });
  const dl = htmlElement('dl', { class: 'figures', 'data-testid': 'discover-agreement-figures' }, undefined, panel.body);
  const item = (label: string, value: string, testId?: string): void => {
    const pair = htmlElement('div', {}, undefined, dl);
    htmlElement('dt', {}, label, pair);
    htmlElement('dd', { 'data-testid': testId }, value, pair);
  };
  item(t('discover.ari'), fixed(a.adjustedRandIndex, 3), 'discover-ari');
  item(t('discover.randIndex'), fixed(a.randIndex, 3));
  item(t('discover.bestMatch'), fixed(a.bestMatchShare, 3));
  item(t('discover.reverseBestMatch'), fixed(a.reverseBestMatchShare, 3));
}

function renderClusters(grid: HTMLElement, d: Discovery): void {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, { id: 'discover-clusters', title: t('discover.clustersTitle', { count: d.clusters.length }), howTo: t('howTo.discoverClusters'), csv: () => out.csv, wide: true });
  out.csv = renderRowTable(panel.body, d.clusters, [
    { header: t('discover.col.name'), csv: 'name', value: (c) => c.name },
    { header: t('discover.col.size'), csv: 'industries', value: (c) => c.size, numeric: true },
    { header: t('col.employment'), csv: 'employment', value: (c) => c.employment, text: (c) => formatEmployment(c.employment), numeric: true },
    { header: t('discover.col.within'), csv: 'withinRelatedness', value: (c) => c.withinRelatedness, text: (c) => fixed(c.withinRelatedness), numeric: true },
    { header: t('discover.col.between'), csv: 'betweenRelatedness', value: (c) => c.betweenRelatedness, text: (c) => fixed(c.betweenRelatedness), numeric: true },
    { header: t('discover.col.match'), csv: 'bestBenchmarkMatch', value: (c) => c.bestBenchmarkMatch?.code ?? null, text: (c) => (c.bestBenchmarkMatch ? `${c.bestBenchmarkMatch.name} (${Math.round(c.bestBenchmarkMatch.share * 100)}%)` : '–') },
  ], { caption: t('discover.clustersCaption'), testId: 'discover-clusters-table', rowKey: (c) => c.code });
}
