/**
 * The Policy view's "Composite index" panel: the user's own indicators (CSV pasted or uploaded, long
 * `region,indicator,value` or wide `region,<indicator>,…`), a reference (mean or a region), lower-is-better
 * indicators and weights, POSTed to /api/v1/composite (Regional Innovation Scoreboard manner); the ranking
 * (relative index, performance group) as a bar chart and a table, with the weight-sensitivity report when asked.
 * A refused input (422, with line and column) is shown beside the text box. `composite=example` in the URL
 * loads and computes the engine's hand-calculated test case.
 */
import { ApiError, API_BASE, isMissingRoute } from '../api-client.js';
import { postJson } from '../auth-client.js';
import { renderBarChart } from '../bar-chart.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatShare } from '../format.js';
import { t } from '../i18n/translate.js';
import { htmlElement, svgElement } from '../svg.js';
import { renderRowTable } from './row-table.js';
import type { ViewContext } from './view.js';

type Group = 'leader' | 'strong' | 'moderate' | 'emerging';

/** One region of the answer of POST /api/v1/composite. */
interface CompositeRegion {
  readonly region: string;
  readonly composite: number | null;
  readonly relative: number | null;
  readonly rank: number | null;
  readonly group: Group | null;
  readonly coverage: number;
  readonly sensitivity?: { readonly medianRank: number | null; readonly rankP05: number | null; readonly rankP95: number | null; readonly volatility: number | null; readonly shareChanged: number | null };
}

/** The parts of the answer of POST /api/v1/composite the panel reads. */
export interface CompositeReport {
  readonly layout: string;
  readonly reference: string;
  readonly referenceValue: number | null;
  readonly indicators: readonly { readonly id: string; readonly direction: string; readonly weight: number; readonly transformation: string; readonly winsorised: number; readonly constant: boolean }[];
  readonly regions: readonly CompositeRegion[];
  readonly sensitivity: { readonly draws: number; readonly seed: number; readonly mode: string; readonly perturbation: number } | null;
  readonly diagnostics: readonly string[];
}

/** What the user typed; kept by the view so that another diamond choice does not lose it. */
export interface CompositeInputs {
  text: string;
  reference: string;
  negative: string;
  weights: string;
  sensitivity: boolean;
  example: boolean;
  report?: CompositeReport;
}

/** A fresh, empty form. */
export function emptyCompositeInputs(): CompositeInputs {
  return { text: '', reference: 'mean', negative: '', weights: '', sensitivity: false, example: false };
}

/**
 * The example: the five made-up regions A–E of the engine's hand-calculated golden case
 * (test/golden/composite/hand-5x3-defaults, docs/methods/composite-index.md), not real data.
 */
const EXAMPLE: Omit<CompositeInputs, 'report'> = Object.freeze({
  text: 'region,patents,unemployment,tertiary\nA,0,10,20\nB,1,8,30\nC,4,6,40\nD,9,,50\nE,64,2,60\n',
  reference: 'mean',
  negative: 'unemployment',
  weights: 'patents=2',
  sensitivity: true,
  example: true,
});

/** The sensitivity report the panel asks for: 200 seeded redraws of the weights (the API's default mode, ±25 %). */
const SENSITIVITY = Object.freeze({ draws: 200, seed: 1 });

/** Okabe–Ito colours of the performance groups (each also written in the table and the tooltip). */
const GROUP_COLOURS: Readonly<Record<Group, string>> = { leader: '#0072b2', strong: '#56b4e9', moderate: '#e69f00', emerging: '#d55e00' };

/** Indicator ids typed as a list: "a, b c" → ["a", "b", "c"]. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((s) => s !== ''))];
}

/**
 * Weights typed as "patents=2, tertiary=0.5" → { patents: 2, tertiary: 0.5 }; throws naming the first entry
 * that is not `indicator=number` with a number ≥ 0.
 */
export function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const entry of text.split(/[,;\n]+/).map((s) => s.trim()).filter((s) => s !== '')) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    const weight = match ? Number(match[2]) : NaN;
    if (!match?.[1] || !Number.isFinite(weight) || weight < 0) throw new Error(t('composite.badWeight', { entry }));
    weights[match[1]] = weight;
  }
  return weights;
}

function textField(form: HTMLElement, label: string, testId: string, value: string, size: number): HTMLInputElement {
  const wrapper = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, label, wrapper);
  const input = htmlElement('input', { type: 'text', id: testId, 'data-testid': testId, size }, undefined, wrapper);
  input.value = value;
  return input;
}

const decimal = (v: number | null | undefined, digits: number): string => (v === null || v === undefined || !Number.isFinite(v) ? t('value.na') : v.toFixed(digits));
const groupText = (g: Group | null): string => (g === null ? t('value.na') : t(`composite.group.${g}`));

/**
 * Renders the panel into `grid`. `inputs` is the view's copy of the form (updated as the user types);
 * `rememberExample` records in the URL whether the form holds the unchanged example.
 * Resolves once an example asked for by the URL is computed.
 */
export async function renderCompositePanel(grid: HTMLElement, inputs: CompositeInputs, context: ViewContext, rememberExample: (example: boolean) => void): Promise<void> {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, {
    id: 'policy-composite',
    title: t('composite.title'),
    howTo: t('howTo.policyComposite'),
    svg: () => panel.body.querySelector<SVGSVGElement>('svg[data-testid="policy-composite-chart"]'),
    csv: () => out.csv,
    wide: true,
  });
  panel.section.setAttribute('aria-busy', 'false');
  panel.summary.textContent = t('composite.intro');
  const form = htmlElement('form', { class: 'composite-form', 'aria-label': t('composite.formLabel'), novalidate: '' });
  panel.body.before(form);
  const input = htmlElement('div', { class: 'composite-input' }, undefined, form);
  const textLabel = htmlElement('label', { for: 'policy-composite-csv' }, undefined, input);
  htmlElement('span', { class: 'label-text' }, t('composite.csv'), textLabel);
  const textarea = htmlElement('textarea', { id: 'policy-composite-csv', 'data-testid': 'policy-composite-csv', rows: 9, cols: 60, spellcheck: 'false', 'aria-describedby': 'policy-composite-error policy-composite-example-note', placeholder: 'region,indicator,value' }, undefined, input);
  textarea.value = inputs.text;
  const error = htmlElement('p', { id: 'policy-composite-error', class: 'form-error', role: 'alert', 'data-testid': 'policy-composite-error', hidden: '' }, undefined, input);
  const note = htmlElement('p', { id: 'policy-composite-example-note', class: 'chart-note', 'data-testid': 'policy-composite-example-note' }, t('composite.exampleNote'), input);
  note.hidden = !inputs.example;
  const fileRow = htmlElement('div', { class: 'go-form' }, undefined, input);
  const fileLabel = htmlElement('label', {}, undefined, fileRow);
  htmlElement('span', { class: 'label-text' }, t('composite.file'), fileLabel);
  const file = htmlElement('input', { type: 'file', accept: '.csv,text/csv,text/plain', 'data-testid': 'policy-composite-file' }, undefined, fileLabel);
  const example = htmlElement('button', { type: 'button', 'data-testid': 'policy-composite-example' }, t('composite.loadExample'), fileRow);

  const options = htmlElement('div', { class: 'go-form' }, undefined, form);
  const reference = textField(options, t('composite.reference'), 'policy-composite-reference', inputs.reference, 12);
  const negative = textField(options, t('composite.negative'), 'policy-composite-negative', inputs.negative, 22);
  const weights = textField(options, t('composite.weights'), 'policy-composite-weights', inputs.weights, 22);
  const sensitivityLabel = htmlElement('label', { class: 'checkbox' }, undefined, options);
  const sensitivity = htmlElement('input', { type: 'checkbox', 'data-testid': 'policy-composite-sensitivity' }, undefined, sensitivityLabel);
  sensitivity.checked = inputs.sensitivity;
  sensitivityLabel.append(` ${t('composite.sensitivity', { draws: SENSITIVITY.draws, seed: SENSITIVITY.seed })}`);
  const compute = htmlElement('button', { type: 'submit', 'data-testid': 'policy-composite-compute' }, t('composite.compute'), options);

  const fill = (next: Omit<CompositeInputs, 'report'>): void => {
    textarea.value = next.text;
    reference.value = next.reference;
    negative.value = next.negative;
    weights.value = next.weights;
    sensitivity.checked = next.sensitivity;
    read(next.example);
  };
  /** Copies the form into the view's inputs; any edit makes it no longer the example. */
  const read = (isExample: boolean): void => {
    Object.assign(inputs, { text: textarea.value, reference: reference.value, negative: negative.value, weights: weights.value, sensitivity: sensitivity.checked, example: isExample });
    note.hidden = !isExample;
    rememberExample(isExample);
  };
  const showError = (message: string, field: HTMLElement): void => {
    error.textContent = message;
    error.hidden = false;
    field.setAttribute('aria-invalid', 'true');
  };
  const clearError = (): void => {
    error.hidden = true;
    error.textContent = '';
    for (const f of [textarea, weights, reference, negative]) f.removeAttribute('aria-invalid');
  };
  for (const field of [textarea, reference, negative, weights, sensitivity]) field.addEventListener('input', () => read(false));
  example.addEventListener('click', () => {
    clearError();
    fill(EXAMPLE);
  });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void chosen.text().then((text) => {
      textarea.value = text;
      clearError();
      read(false);
    });
  });

  const run = async (): Promise<void> => {
    clearError();
    if (textarea.value.trim() === '') {
      showError(t('composite.empty'), textarea);
      return;
    }
    let weightMap: Record<string, number>;
    try {
      weightMap = parseWeights(weights.value);
    } catch (e) {
      showError((e as Error).message, weights);
      return;
    }
    const directions = Object.fromEntries(parseList(negative.value).map((id) => [id, 'negative']));
    const body = {
      csv: textarea.value,
      reference: reference.value.trim() || 'mean',
      ...(Object.keys(weightMap).length > 0 ? { weights: weightMap } : {}),
      ...(Object.keys(directions).length > 0 ? { directions } : {}),
      ...(sensitivity.checked ? { sensitivity: SENSITIVITY } : {}),
    };
    panel.section.setAttribute('aria-busy', 'true');
    compute.disabled = true;
    try {
      inputs.report = await postJson<CompositeReport>(`${API_BASE}/composite`, body);
      if (context.isCurrent()) renderReport(inputs.report);
    } catch (e) {
      if (!context.isCurrent()) return;
      if (isMissingRoute(e)) renderUnavailable(panel.body, t('composite.title'));
      else showError(errorText(e), fieldOf(e, { textarea, reference, negative, weights }));
    } finally {
      compute.disabled = false;
      panel.section.setAttribute('aria-busy', 'false');
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });

  const renderReport = (report: CompositeReport): void => {
    const ranked = [...report.regions].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.region.localeCompare(b.region));
    const reference = report.reference === 'mean' ? t('composite.referenceMean') : report.reference;
    panel.summary.textContent = t('composite.summary', { regions: report.regions.length, indicators: report.indicators.length, reference });
    const chart = htmlElement('div', {}, undefined);
    panel.body.replaceChildren(chart);
    renderBarChart(chart, {
      rows: ranked.map((r) => ({
        key: r.region,
        label: r.region,
        value: r.relative,
        colour: r.group ? GROUP_COLOURS[r.group] : '#999',
        description: t('composite.barDescription', { relative: decimal(r.relative, 1), group: groupText(r.group), rank: r.rank ?? t('value.na') }),
      })),
      scale: 'linear',
      format: (v) => decimal(v, 1),
      ariaLabel: t('composite.chartLabel', { reference }),
      axisTitle: t('composite.axis', { reference }),
      testId: 'policy-composite-chart',
      tooltip: context.tooltip,
    });
    const table = htmlElement('div', {}, undefined, panel.body);
    const withSensitivity = report.sensitivity !== null;
    out.csv = renderRowTable(table, ranked, [
      { header: t('composite.col.rank'), csv: 'rank', value: (r) => r.rank, numeric: true },
      { header: t('col.region'), csv: 'region', value: (r) => r.region },
      { header: t('composite.col.relative'), csv: 'relative', value: (r) => r.relative, text: (r) => decimal(r.relative, 1), numeric: true },
      { header: t('composite.col.group'), csv: 'group', value: (r) => r.group, text: (r) => groupText(r.group) },
      { header: t('composite.col.composite'), csv: 'composite', value: (r) => r.composite, text: (r) => decimal(r.composite, 3), numeric: true },
      { header: t('composite.col.coverage'), csv: 'coverage', value: (r) => r.coverage, text: (r) => formatShare(r.coverage), numeric: true },
      ...(withSensitivity
        ? [
            { header: t('composite.col.medianRank'), csv: 'medianRank', value: (r: CompositeRegion) => r.sensitivity?.medianRank ?? null, numeric: true },
            { header: t('composite.col.rankInterval'), csv: 'rankP05', value: (r: CompositeRegion) => r.sensitivity?.rankP05 ?? null, text: (r: CompositeRegion) => `${decimal(r.sensitivity?.rankP05, 0)}–${decimal(r.sensitivity?.rankP95, 0)}`, numeric: true },
            { header: t('composite.col.volatility'), csv: 'volatility', value: (r: CompositeRegion) => r.sensitivity?.volatility ?? null, text: (r: CompositeRegion) => decimal(r.sensitivity?.volatility, 2), numeric: true },
            { header: t('composite.col.shareChanged'), csv: 'shareChanged', value: (r: CompositeRegion) => r.sensitivity?.shareChanged ?? null, text: (r: CompositeRegion) => formatShare(r.sensitivity?.shareChanged ?? null), numeric: true },
          ]
        : []),
    ], { caption: t('composite.caption', { reference }), testId: 'policy-composite-table', rowKey: (r) => r.region });
    if (withSensitivity && out.csv) {
      // The CSV keeps both ends of the rank interval.
      const at = out.csv.header.indexOf('rankP05');
      out.csv = { header: [...out.csv.header.slice(0, at + 1), 'rankP95', ...out.csv.header.slice(at + 1)], rows: out.csv.rows.map((row, i) => [...row.slice(0, at + 1), ranked[i]?.sensitivity?.rankP95 ?? null, ...row.slice(at + 1)]) };
    }
    if (report.sensitivity) {
      const s = report.sensitivity;
      htmlElement('p', { class: 'chart-note', 'data-testid': 'policy-composite-sensitivity-note' }, t('composite.sensitivityNote', { draws: s.draws, seed: s.seed, mode: s.mode, perturbation: Math.round(s.perturbation * 100) }), panel.body);
    }
    const treated = report.indicators.map((i) => `${i.id} (${i.direction === 'negative' ? '−' : '+'}, w ${decimal(i.weight, 2)}, ${i.transformation}${i.winsorised > 0 ? `, ${i.winsorised} capped` : ''}${i.constant ? ', constant: left out' : ''})`);
    htmlElement('p', { class: 'chart-note', lang: 'en', 'data-testid': 'policy-composite-indicators' }, `${t('composite.indicators')} ${treated.join('; ')}`, panel.body);
    for (const d of report.diagnostics) htmlElement('p', { class: 'chart-note', lang: 'en' }, d, panel.body);
    panel.legend.replaceChildren();
    const marks = htmlElement('ul', { class: 'marks' }, undefined, panel.legend);
    for (const g of ['leader', 'strong', 'moderate', 'emerging'] as const) {
      const item = htmlElement('li', {}, undefined, marks);
      const swatch = svgElement('svg', { width: 14, height: 12, 'aria-hidden': 'true' }, item);
      svgElement('rect', { x: 0, y: 0, width: 14, height: 12, fill: GROUP_COLOURS[g], stroke: '#333', 'stroke-width': 0.6 }, swatch);
      item.append(`${groupText(g)} (${t(`composite.groupRange.${g}`)})`);
    }
  };

  if (inputs.report) renderReport(inputs.report);
  else if (inputs.example) {
    fill(EXAMPLE);
    await run();
  }
}

/** The server's message, with the line and column of a refused CSV. */
function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const details = (typeof error.details === 'object' && error.details !== null ? error.details : {}) as { line?: unknown; column?: unknown };
  const where = typeof details.line === 'number' ? t('composite.where', { line: details.line, column: typeof details.column === 'number' ? details.column : '–' }) : '';
  return t('composite.refused', { message: error.message, where, code: error.code });
}

/** The field a refusal is about: the weights, the reference or the directions, else the CSV. */
function fieldOf(error: unknown, fields: { textarea: HTMLElement; reference: HTMLElement; negative: HTMLElement; weights: HTMLElement }): HTMLElement {
  const details = error instanceof ApiError && typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  if ('reference' in details) return fields.reference;
  if (error instanceof Error && /^weight /.test(error.message)) return fields.weights;
  if (error instanceof Error && /^direction /.test(error.message)) return fields.negative;
  return fields.textarea;
}
