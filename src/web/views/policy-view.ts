/**
 * Policy view (/policy?initiative=<id>&diamondRegion=WA&diamondCluster=<code>&peers=OR,ID): cluster-policy
 * initiatives (GET /api/v1/policy/initiatives, or the registry's /api/v1/initiatives), one initiative's
 * assessment scorecard (GET /api/v1/policy/initiatives/{id}/assessment), a link to its region's report
 * (GET /api/v1/regions/{region}/report?format=html), Porter's diamond of a state × cluster
 * (diamond-panel.ts) and a composite index of the user's own indicators (composite-panel.ts;
 * `composite=example` computes the engine's test case). Missing routes show a "not available" panel.
 */
import { API_BASE, getOptionalJson } from '../api-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { t } from '../i18n/translate.js';
import { emptyCompositeInputs, renderCompositePanel } from './composite-panel.js';
import { renderDiamondPanel, type DiamondChoice } from './diamond-panel.js';
import { htmlElement, svgElement } from '../svg.js';
import { renderRowTable } from './row-table.js';
import type { View, ViewContext } from './view.js';
import { reportLinks } from './report-links.js';

/** An initiative as the list gives it. */
export interface InitiativeSummary {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly region: string | null;
  readonly regionName: string;
  readonly sponsor?: string;
  readonly sponsorLevel?: string;
  readonly startYear?: number | null;
  readonly targets?: readonly string[];
}

interface Criterion {
  readonly id: string;
  readonly group: string;
  readonly lesson: string;
  readonly question: string;
  readonly rule: string;
  readonly rating: string;
  readonly points: number | null;
  readonly rationale: string;
}

/** The parts of the assessment the view reads. */
interface Assessment {
  readonly notice?: string;
  readonly initiative: InitiativeSummary;
  readonly assessment: {
    readonly criteria: readonly Criterion[];
    readonly score: number | null;
    readonly assessable: number;
    readonly total: number;
    readonly similarity: { readonly western: number | null; readonly eastern: number | null } | null;
  };
}

/** Reads the initiatives from whichever route the server offers. */
async function loadInitiatives(): Promise<{ items: readonly InitiativeSummary[]; notice?: string } | undefined> {
  const policy = await getOptionalJson<{ initiatives: InitiativeSummary[]; notice?: string }>(`${API_BASE}/policy/initiatives`);
  if (policy) return { items: policy.initiatives, notice: policy.notice };
  const registry = await getOptionalJson<{ items: InitiativeSummary[] }>(`${API_BASE}/initiatives?limit=500`);
  return registry ? { items: registry.items } : undefined;
}

/** Colour-blind-safe fills of the ratings (Okabe–Ito), with a text label beside every bar. */
const RATING_COLOURS: Readonly<Record<string, string>> = { strong: '#009e73', adequate: '#e69f00', weak: '#d55e00' };

/** Creates the policy view. */
export function createPolicyView(): View {
  // The composite form is not in the URL (only whether it holds the example): kept here across re-renders.
  const composite = emptyCompositeInputs();
  return {
    async show(params, context) {
      const list = await loadInitiatives();
      if (!context.isCurrent()) return;
      const root = context.root;
      root.replaceChildren();
      htmlElement('h1', { class: 'view-title' }, t('policy.heading'), root);
      context.title(t('policy.heading'));
      const grid = htmlElement('div', { class: 'panels' }, undefined, root);
      const selected = list ? (list.items.find((i) => i.id === params.initiative) ?? list.items[0]) : undefined;
      const diamond: DiamondChoice = { diamondRegion: params.diamondRegion, diamondCluster: params.diamondCluster, peers: params.peers, ratings: params.ratings };
      if (params.composite === 'example' && !composite.example) Object.assign(composite, emptyCompositeInputs(), { example: true });
      const state = { initiative: selected?.id, ...diamond, composite: composite.example ? 'example' : undefined };
      context.settle(state);
      // The initiatives and the scorecard come first (a slot with display: contents keeps the grid's order);
      // the diamond loads meanwhile, its panel busy until drawn.
      const initiativeSlot = htmlElement('div', { class: 'panel-slot' }, undefined, grid);
      const diamondDone = renderDiamondPanel(grid, diamond, context, (next) => context.navigate('policy', { ...state, ...next }, 'push'));
      const compositeDone = renderCompositePanel(grid, composite, context, (example) => {
        state.composite = example ? 'example' : undefined;
        context.settle(state);
      });
      if (!list) {
        const panel = createPanel(initiativeSlot, { id: 'policy-initiatives', title: t('policy.initiativesTitle'), wide: true });
        renderUnavailable(panel.body, t('policy.initiativesTitle'));
      } else {
        if (list.notice) htmlElement('p', { class: 'lead', lang: 'en', 'data-testid': 'policy-notice' }, list.notice, root.insertBefore(htmlElement('div'), grid));
        renderInitiatives(initiativeSlot, list.items, selected?.id, context, state);
        if (selected) {
          const assessment = await getOptionalJson<Assessment>(`${API_BASE}/policy/initiatives/${encodeURIComponent(selected.id)}/assessment`);
          if (!context.isCurrent()) return;
          renderAssessment(initiativeSlot, selected, assessment);
        }
      }
      await Promise.all([diamondDone, compositeDone]);
    },
  };
}

function renderInitiatives(grid: HTMLElement, items: readonly InitiativeSummary[], selected: string | undefined, context: ViewContext, state: Readonly<Record<string, string | undefined>>): void {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, { id: 'policy-initiatives', title: t('policy.initiativesTitle'), howTo: t('howTo.policyInitiatives'), csv: () => out.csv, wide: true });
  panel.summary.textContent = t('policy.initiativesSummary', { count: items.length });
  out.csv = renderRowTable(panel.body, items, [
    { header: t('policy.col.name'), csv: 'name', value: (i) => i.name, link: (i) => ({ href: context.href('policy', { ...state, initiative: i.id }), route: 'policy' }) },
    { header: t('col.country'), csv: 'country', value: (i) => i.country },
    { header: t('col.region'), csv: 'region', value: (i) => i.region ?? '', text: (i) => i.regionName },
    { header: t('policy.col.sponsor'), csv: 'sponsor', value: (i) => i.sponsor ?? '' },
    { header: t('policy.col.start'), csv: 'startYear', value: (i) => i.startYear ?? null, numeric: true },
    { header: t('policy.col.targets'), csv: 'targets', value: (i) => (i.targets ?? []).join('; ') },
  ], { caption: t('policy.initiativesCaption'), testId: 'policy-initiatives-table', rowKey: (i) => i.id });
  const row = panel.body.querySelector(`tr[data-key="${CSS.escape(selected ?? '')}"]`);
  row?.setAttribute('aria-current', 'true');
  row?.classList.add('selected');
}

function renderAssessment(grid: HTMLElement, initiative: InitiativeSummary, a: Assessment | undefined): void {
  const criteria = a?.assessment.criteria ?? [];
  const panel = createPanel(grid, {
    id: 'policy-scorecard',
    title: t('policy.scorecardTitle', { name: initiative.name }),
    howTo: t('howTo.policyScorecard'),
    svg: () => panel.body.querySelector('svg'),
    csv: () => ({ header: ['criterion', 'group', 'rating', 'points', 'rule', 'rationale'], rows: criteria.map((c) => [c.id, c.group, c.rating, c.points, c.rule, c.rationale]) }),
    wide: true,
  });
  if (!a) {
    renderUnavailable(panel.body, t('policy.scorecardTitle', { name: initiative.name }));
    return;
  }
  const s = a.assessment;
  // the initiative report (scorecard, evidence, rules, sources), as `clusterlens report initiative` writes it
  reportLinks(htmlElement('div', { class: 'go-form' }, undefined, panel.body), 'initiative-report', `/policy/initiatives/${encodeURIComponent(initiative.id)}/report`);
  panel.summary.textContent = t('policy.scoreSummary', { score: s.score === null ? '–' : s.score.toFixed(1), assessable: s.assessable, total: s.total });
  // One bar per criterion: length = points (0–2), colour and a text label = the rating.
  const width = 820;
  const labelWidth = 330;
  const rowHeight = 24;
  const height = criteria.length * rowHeight + 12;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'bar-chart', role: 'img', 'aria-label': t('policy.scorecardLabel', { name: initiative.name }), 'data-testid': 'policy-scorecard-chart' }, panel.body);
  criteria.forEach((c, i) => {
    const y = 6 + i * rowHeight;
    const label = c.lesson.length > 48 ? `${c.lesson.slice(0, 47)}…` : c.lesson;
    svgElement('text', { x: labelWidth - 8, y: y + 15, 'text-anchor': 'end', class: 'row-label', lang: 'en' }, svg).textContent = label;
    const w = ((width - labelWidth - 140) * Math.max(0, c.points ?? 0)) / 2;
    svgElement('rect', { x: labelWidth, y: y + 3, width: Math.max(2, w), height: rowHeight - 8, fill: RATING_COLOURS[c.rating] ?? '#999' }, svg);
    svgElement('text', { x: labelWidth + Math.max(2, w) + 6, y: y + 15, class: 'bar-value' }, svg).textContent = ratingText(c.rating);
  });
  const table = htmlElement('div', {}, undefined, panel.body);
  renderRowTable(table, criteria, [
    { header: t('policy.col.criterion'), csv: 'criterion', value: (c) => c.lesson },
    { header: t('policy.col.rating'), csv: 'rating', value: (c) => c.rating, text: (c) => ratingText(c.rating) },
    { header: t('policy.col.points'), csv: 'points', value: (c) => c.points, numeric: true },
    { header: t('policy.col.rationale'), csv: 'rationale', value: (c) => c.rationale },
  ], { caption: t('policy.scorecardCaption'), testId: 'policy-scorecard-table', rowKey: (c) => c.id });
  if (a.notice) htmlElement('p', { class: 'chart-note', lang: 'en' }, a.notice, panel.body);
  renderReport(grid, initiative);
}

/** The region report link, offered when the server has a report for the initiative's region (HEAD probe). */
function renderReport(grid: HTMLElement, initiative: InitiativeSummary): void {
  const report = createPanel(grid, { id: 'policy-report', title: t('policy.reportTitle'), howTo: t('howTo.policyReport') });
  if (!initiative.region) {
    report.summary.textContent = t('policy.reportNone', { region: initiative.regionName });
    return;
  }
  const region = initiative.region;
  const href = `${API_BASE}/regions/${encodeURIComponent(region)}/report?format=html`;
  report.summary.textContent = t('loading');
  report.section.setAttribute('aria-busy', 'true');
  void fetch(href, { method: 'HEAD' })
    .then((response) => response.ok)
    .catch(() => false)
    .then((ok) => {
      report.section.setAttribute('aria-busy', 'false');
      if (!ok) {
        report.summary.textContent = t('policy.reportUnavailable', { region: initiative.regionName });
        return;
      }
      report.summary.textContent = t('policy.reportSummary', { region: initiative.regionName });
      htmlElement('a', { href, target: '_blank', rel: 'noopener', 'data-testid': 'policy-report-link' }, t('policy.reportLink', { region: initiative.regionName }), report.body);
    });
}

function ratingText(rating: string): string {
  return rating === 'strong' ? t('policy.rating.strong') : rating === 'adequate' ? t('policy.rating.adequate') : rating === 'weak' ? t('policy.rating.weak') : t('policy.rating.unknown');
}
