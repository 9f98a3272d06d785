/**
 * The Data view's "Cluster definitions" panels: the schemes (GET /api/v1/cluster-schemes), one shown with its
 * clusters and codes (GET /api/v1/cluster-schemes/{scheme}), deleting one, and a new one made from a CSV file
 * in the layout of `clusterlens import clusters` or by picking industries (searched in GET /api/v1/industries)
 * into clusters. "Check" validates on the server (POST …?dryRun=true) and lists the problems by line and
 * field; "Create" stores the scheme (POST, editor role). The Region and Cluster views then offer it.
 */
import { API_BASE, ApiError, BENCHMARK_SCHEME, getJson, isMissingRoute, type IndustryInfo } from '../api-client.js';
import { deleteJson, getFresh, postJson } from '../auth-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatDate } from '../format.js';
import { t } from '../i18n/translate.js';
import { htmlElement } from '../svg.js';
import { selectField } from './controls.js';
import { renderRowTable } from './row-table.js';
import { loadClusterSchemes, type ClusterSchemeInfo } from './scheme-select.js';
import type { ViewContext } from './view.js';

/** A cluster of a scheme with its industry codes. */
interface SchemeCluster {
  readonly code: string;
  readonly name: string;
  readonly type: 'traded' | 'local';
  readonly industries: string[];
}

interface SchemeIssue {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** What POST /api/v1/cluster-schemes answers (written false for a check). */
interface CreatedScheme {
  readonly scheme: string;
  readonly clusterCount: number;
  readonly industryCount: number;
  readonly written: boolean;
}

const CLASSIFICATIONS = ['NAICS2007', 'NACE2', 'JSIC13', 'JSIC14'] as const;

/** The codes typed in a field: split on commas and spaces, trimmed, without repeats. */
export function parseIndustryCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((c) => c.trim()).filter((c) => c !== ''))];
}

function input(form: HTMLElement, label: string, attributes: Record<string, string>): HTMLInputElement {
  const wrapper = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, label, wrapper);
  return htmlElement('input', attributes, undefined, wrapper);
}

/** The list of schemes with show and delete, and the form that creates one. */
export async function renderClusterSchemes(grid: HTMLElement, context: ViewContext, writeErrorText: (error: unknown) => string): Promise<void> {
  let listCsv: CsvTable | undefined;
  let detailCsv: CsvTable | undefined;
  const list = createPanel(grid, { id: 'schemes', title: t('schemes.title'), howTo: t('howTo.dataSchemes'), csv: () => listCsv, wide: true });
  const listBox = htmlElement('div', {}, undefined, list.body);
  const controls = htmlElement('form', { class: 'toolbar', 'aria-label': t('schemes.title') }, undefined, list.body);
  const chosen = selectField(controls, t('controls.scheme'), 'schemes-select');
  htmlElement('button', { type: 'submit', 'data-testid': 'schemes-show' }, t('schemes.show'), controls);
  const remove = htmlElement('button', { type: 'button', 'data-testid': 'schemes-delete' }, t('schemes.delete'), controls);
  const listStatus = htmlElement('p', { class: 'summary', role: 'status', 'data-testid': 'schemes-status' }, undefined, list.body);
  const detail = createPanel(grid, { id: 'scheme-detail', title: t('schemes.detailTitle'), howTo: t('howTo.dataSchemeDetail'), csv: () => detailCsv, wide: true });

  const showScheme = async (name: string): Promise<void> => {
    const scheme = await getFresh<ClusterSchemeInfo & { clusters: SchemeCluster[] }>(`${API_BASE}/cluster-schemes/${encodeURIComponent(name)}`);
    detail.setTitle(t('schemes.detailHeading', { name: scheme.name }));
    detail.summary.textContent = t('schemes.detailSummary', { name: scheme.name, classification: scheme.classification, clusters: scheme.clusterCount, industries: scheme.industryCount });
    detailCsv = renderRowTable(detail.body, scheme.clusters, [
      { header: t('schemes.col.code'), csv: 'code', value: (c) => c.code },
      { header: t('schemes.col.name'), csv: 'name', value: (c) => c.name },
      { header: t('schemes.col.type'), csv: 'type', value: (c) => c.type, text: (c) => t(`schemes.type.${c.type}`) },
      { header: t('schemes.col.codes'), csv: 'industries', value: (c) => c.industries.join(' '), text: (c) => c.industries.join(', ') },
    ], { caption: t('schemes.detailCaption', { name: scheme.name }), testId: 'scheme-detail-table', rowKey: (c) => c.code });
  };

  const refresh = async (select?: string): Promise<void> => {
    let schemes: readonly ClusterSchemeInfo[];
    try {
      schemes = await loadClusterSchemes();
    } catch (error) {
      list.summary.textContent = writeErrorText(error);
      return;
    }
    const own = schemes.filter((s) => s.source === 'user').length;
    list.summary.textContent = t('schemes.summary', { count: schemes.length, own });
    listCsv = renderRowTable(listBox, schemes, [
      { header: t('schemes.col.name'), csv: 'name', value: (s) => s.name, link: (s) => (s.classification === 'NAICS2007' ? { href: context.href('region', { region: 'US-53', scheme: s.source === 'user' ? s.name : undefined }), route: 'region' } : undefined) },
      { header: t('schemes.col.source'), csv: 'source', value: (s) => s.source, text: (s) => t(`schemes.source.${s.source}`) },
      { header: t('col.classification'), csv: 'classification', value: (s) => s.classification },
      { header: t('schemes.col.clusters'), csv: 'clusterCount', value: (s) => s.clusterCount, numeric: true },
      { header: t('schemes.col.industries'), csv: 'industryCount', value: (s) => s.industryCount, numeric: true },
      { header: t('schemes.col.updated'), csv: 'updatedAt', value: (s) => s.updatedAt, text: (s) => (s.updatedAt === null ? '–' : formatDate(s.updatedAt)) },
    ], { caption: t('schemes.caption'), testId: 'schemes-table', rowKey: (s) => s.name });
    chosen.replaceChildren();
    for (const s of schemes) htmlElement('option', { value: s.name }, s.name, chosen);
    chosen.value = select ?? chosen.value ?? BENCHMARK_SCHEME;
    remove.disabled = chosen.value === BENCHMARK_SCHEME;
  };
  chosen.addEventListener('change', () => {
    remove.disabled = chosen.value === BENCHMARK_SCHEME;
  });
  controls.addEventListener('submit', (event) => {
    event.preventDefault();
    showScheme(chosen.value).catch((error: unknown) => {
      listStatus.textContent = writeErrorText(error);
    });
  });
  remove.addEventListener('click', () => {
    const name = chosen.value;
    remove.disabled = true;
    deleteJson<{ deleted: string }>(`${API_BASE}/cluster-schemes/${encodeURIComponent(name)}`)
      .then(async () => {
        detail.body.replaceChildren();
        detail.summary.textContent = '';
        await refresh(BENCHMARK_SCHEME);
        listStatus.textContent = t('schemes.deleted', { name });
      })
      .catch((error: unknown) => {
        listStatus.textContent = writeErrorText(error);
        remove.disabled = false;
      });
  });
  renderCreateForm(grid, context, writeErrorText, refresh);
  try {
    await refresh(BENCHMARK_SCHEME);
  } catch (error) {
    if (isMissingRoute(error)) renderUnavailable(list.body, t('schemes.title'));
    else throw error;
  }
}

function renderCreateForm(grid: HTMLElement, context: ViewContext, writeErrorText: (error: unknown) => string, refresh: (select?: string) => Promise<void>): void {
  const panel = createPanel(grid, { id: 'scheme-create', title: t('schemes.createTitle'), howTo: t('howTo.dataSchemeCreate'), wide: true });
  panel.summary.textContent = t('schemes.createSummary');
  const head = htmlElement('form', { class: 'toolbar', 'aria-label': t('schemes.createTitle') }, undefined, panel.body);
  const name = input(head, t('schemes.name'), { type: 'text', required: '', pattern: '[a-z0-9][a-z0-9._\\-]{0,62}', placeholder: 'my-clusters', 'data-testid': 'scheme-name' });
  const classification = selectField(head, t('col.classification'), 'scheme-classification');
  for (const c of CLASSIFICATIONS) htmlElement('option', { value: c }, c, classification);
  const file = input(head, t('schemes.file'), { type: 'file', accept: '.csv,text/csv,text/plain', 'data-testid': 'scheme-file' });

  // picking industries into clusters
  htmlElement('p', { class: 'summary' }, t('schemes.orPick'), panel.body);
  const pick = htmlElement('form', { class: 'toolbar', 'aria-label': t('schemes.addCluster') }, undefined, panel.body);
  const clusterCode = input(pick, t('schemes.clusterCode'), { type: 'text', maxlength: '200', 'data-testid': 'scheme-cluster-code' });
  const clusterName = input(pick, t('schemes.clusterName'), { type: 'text', maxlength: '300', 'data-testid': 'scheme-cluster-name' });
  const clusterType = selectField(pick, t('schemes.col.type'), 'scheme-cluster-type');
  for (const type of ['traded', 'local'] as const) htmlElement('option', { value: type }, t(`schemes.type.${type}`), clusterType);
  const search = input(pick, t('schemes.search'), { type: 'search', list: 'scheme-industry-options', autocomplete: 'off', 'data-testid': 'scheme-industry-search' });
  const options = htmlElement('datalist', { id: 'scheme-industry-options' }, undefined, pick);
  const addIndustry = htmlElement('button', { type: 'button', 'data-testid': 'scheme-add-industry' }, t('schemes.addIndustry'), pick);
  const codes = input(pick, t('schemes.industries'), { type: 'text', 'data-testid': 'scheme-cluster-industries' });
  htmlElement('button', { type: 'submit', 'data-testid': 'scheme-add-cluster' }, t('schemes.addCluster'), pick);
  const draftText = htmlElement('p', { class: 'summary', 'data-testid': 'scheme-draft' }, t('schemes.draftNone'), panel.body);

  const actions = htmlElement('div', { class: 'toolbar' }, undefined, panel.body);
  const check = htmlElement('button', { type: 'button', 'data-testid': 'scheme-check' }, t('schemes.check'), actions);
  const create = htmlElement('button', { type: 'button', 'data-testid': 'scheme-create', disabled: '' }, t('schemes.create'), actions);
  const clear = htmlElement('button', { type: 'button', 'data-testid': 'scheme-clear' }, t('schemes.clear'), actions);
  const status = htmlElement('p', { class: 'summary', role: 'status', 'data-testid': 'scheme-status' }, undefined, panel.body);
  const issues = htmlElement('div', { 'data-testid': 'scheme-issues' }, undefined, panel.body);

  const draft: SchemeCluster[] = [];
  let csvText: string | undefined;
  let industries: readonly IndustryInfo[] = [];
  const showDraft = (): void => {
    draftText.textContent = draft.length === 0 ? t('schemes.draftNone') : t('schemes.draft', { count: draft.length, clusters: draft.map((c) => `${c.code} (${c.industries.join(', ')})`).join('; ') });
  };
  const invalidate = (): void => {
    create.disabled = true;
    issues.replaceChildren();
  };
  const loadIndustries = (): void => {
    getJson<{ industries: IndustryInfo[] }>(`${API_BASE}/industries?classification=${encodeURIComponent(classification.value)}&limit=10000`)
      .then((answer) => {
        industries = answer.industries;
        options.replaceChildren();
        for (const industry of industries) htmlElement('option', { value: industry.code }, `${industry.code} ${industry.name}`, options);
      })
      .catch(() => undefined);
  };
  loadIndustries();
  for (const el of [name, classification, file]) el.addEventListener('change', invalidate);
  classification.addEventListener('change', loadIndustries);
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    csvText = undefined;
    if (chosen) void chosen.text().then((text) => (csvText = text));
  });
  addIndustry.addEventListener('click', () => {
    const typed = search.value.trim();
    const found = industries.find((i) => i.code === typed) ?? industries.find((i) => `${i.code} ${i.name}`.toLowerCase().includes(typed.toLowerCase()));
    const code = found?.code ?? typed;
    if (code === '') return;
    codes.value = [...parseIndustryCodes(codes.value), code].filter((c, k, all) => all.indexOf(c) === k).join(', ');
    search.value = '';
  });
  pick.addEventListener('submit', (event) => {
    event.preventDefault();
    const list = parseIndustryCodes(codes.value);
    if (clusterCode.value.trim() === '' || clusterName.value.trim() === '' || list.length === 0) {
      status.textContent = t('schemes.clusterIncomplete');
      return;
    }
    draft.push({ code: clusterCode.value.trim(), name: clusterName.value.trim(), type: clusterType.value === 'local' ? 'local' : 'traded', industries: list });
    clusterCode.value = '';
    clusterName.value = '';
    codes.value = '';
    status.textContent = '';
    invalidate();
    showDraft();
  });
  clear.addEventListener('click', () => {
    draft.length = 0;
    file.value = '';
    csvText = undefined;
    invalidate();
    showDraft();
  });

  const body = (): Record<string, unknown> | undefined => {
    const base = { name: name.value.trim(), classification: classification.value };
    if (csvText !== undefined && csvText.trim() !== '') return { ...base, csv: csvText };
    if (draft.length > 0) return { ...base, clusters: draft };
    return undefined;
  };
  const submit = async (dryRun: boolean): Promise<void> => {
    const payload = body();
    if (payload === undefined) {
      status.textContent = t('schemes.noInput');
      return;
    }
    invalidate();
    status.textContent = dryRun ? t('schemes.checking') : t('data.saving');
    try {
      const result = await postJson<CreatedScheme>(`${API_BASE}/cluster-schemes${dryRun ? '?dryRun=true' : ''}`, payload);
      if (dryRun) {
        status.textContent = t('schemes.valid', { name: result.scheme, clusters: result.clusterCount, industries: result.industryCount });
        create.disabled = false;
        return;
      }
      status.textContent = t('schemes.created', { name: result.scheme });
      status.dataset.created = result.scheme;
      htmlElement('a', { href: context.href('region', { region: 'US-53', scheme: result.scheme }), 'data-route': 'region', 'data-testid': 'scheme-open-region' }, ` ${t('schemes.openRegion')}`, status);
      draft.length = 0;
      showDraft();
      await refresh(result.scheme);
    } catch (error) {
      const found = error instanceof ApiError ? ((error.details as { errors?: SchemeIssue[] } | undefined)?.errors ?? []) : [];
      if (error instanceof ApiError && found.length > 0) {
        status.textContent = t('schemes.invalid', { count: (error.details as { errorCount?: number }).errorCount ?? found.length });
        renderRowTable(issues, found, [
          { header: t('data.report.line'), csv: 'line', value: (i) => i.line, numeric: true },
          { header: t('data.report.field'), csv: 'field', value: (i) => i.field },
          { header: t('data.report.code'), csv: 'code', value: (i) => i.code },
          { header: t('data.report.message'), csv: 'message', value: (i) => i.message },
        ], { caption: t('data.report.issues'), testId: 'scheme-issues-table' });
      } else status.textContent = writeErrorText(error);
    }
  };
  check.addEventListener('click', () => void submit(true));
  create.addEventListener('click', () => void submit(false));
}
