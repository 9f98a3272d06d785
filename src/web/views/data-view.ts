/**
 * Data view (/data?regions=US-53,US-41): the datasets with their sources and licences
 * (GET /api/v1/datasets); an upload of the user's own generic long CSV (region,industry,year,value) that
 * shows the validation report first (POST /api/v1/imports/validate) and imports only on request
 * (POST /api/v1/imports, editor role); custom regions picked on the US map and saved
 * (POST /api/v1/custom-regions, editor role), with the list of saved ones; and the cluster-definition
 * schemes: listed, shown, created from a CSV or picked industries, deleted (cluster-schemes-panel.ts). Writes need a signed-in editor: 401 and 403 are said plainly.
 */
import { API_BASE, ApiError, getDatasets, getUsStates, isMissingRoute, type DatasetInfo, type Topology } from '../api-client.js';
import { getFresh, hasRole, currentUser, postJson, postRaw } from '../auth-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatDate } from '../format.js';
import { t } from '../i18n/translate.js';
import { isStateFips } from '../us-map.js';
import { geoAlbersUsa, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import { regionName } from '../region-names.js';
import { htmlElement, svgElement } from '../svg.js';
import { selectField } from './controls.js';
import { loadRegionDirectory } from './region-directory.js';
import { renderRowTable } from './row-table.js';
import { renderClusterSchemes } from './cluster-schemes-panel.js';
import type { View, ViewContext } from './view.js';

/** An issue of the validation report (file:line:field). */
interface ReportIssue {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The validation report of an upload. */
export interface ImportReport {
  readonly datasetId: string;
  readonly valid: boolean;
  readonly datasetExists: boolean;
  readonly rowsRead: number;
  readonly observations: number;
  readonly regions: { readonly count: number };
  readonly industries: { readonly classification: string | null; readonly count: number };
  readonly years: readonly number[];
  readonly measures: readonly string[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly errors: readonly ReportIssue[];
  readonly warnings: readonly ReportIssue[];
}

/** A saved custom region. */
interface CustomRegion {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly members: readonly string[];
}

/** Selection colour and the unselected fill (Okabe–Ito blue on light grey; the state border separates them). */
const PICKED = '#0072b2';
const UNPICKED = '#e4e4e4';

/** `custom-` and a slug of the name: lower-case letters, digits and dashes. */
export function customRegionId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `custom-${slug === '' ? 'region' : slug}`;
}

/** The import's query string for a generic long CSV (columns region, industry, year, value). */
export function importQuery(options: { dataset: string; classification: string; country: string; measure: string; filename: string }): string {
  const query = new URLSearchParams({ kind: 'csv', dataset: options.dataset, map: 'region=region,industry=industry,year=year,value=value', classification: options.classification, measure: options.measure, filename: options.filename });
  if (options.country !== '') query.set('country', options.country);
  return query.toString();
}

/** The sentence for a refused write: signed out, role too low, or the server's message. */
export function writeErrorText(error: unknown): string {
  if (error instanceof ApiError && error.status === 401) return t('data.needSignIn');
  if (error instanceof ApiError && error.status === 403 && error.code === 'FORBIDDEN') return t('data.needEditor', { role: currentUser()?.role ?? '' });
  if (error instanceof ApiError) return t('data.refused', { message: `${error.message} (${error.code})` });
  return t('error.prefix', { message: error instanceof Error ? error.message : String(error) });
}

/** Creates the data view. */
export function createDataView(): View {
  return {
    async show(params, context) {
      const [datasets, directory] = await Promise.all([getDatasets().catch(() => ({ datasets: [] as DatasetInfo[] })), loadRegionDirectory()]);
      if (!context.isCurrent()) return;
      const states = directory.US.filter((r) => /^US-\d\d$/.test(r.id));
      const picked = new Set((params.regions ?? '').split(',').map((s) => s.trim()).filter((s) => states.some((r) => r.id === s)));
      context.settle({ regions: [...picked].sort().join(',') || undefined });
      const root = context.root;
      root.replaceChildren();
      htmlElement('h1', { class: 'view-title' }, t('data.heading'), root);
      context.title(t('data.heading'));
      const grid = htmlElement('div', { class: 'panels' }, undefined, root);
      renderDatasets(grid, datasets.datasets);
      renderUpload(grid);
      await renderCustomRegions(grid, context, states, picked);
      await renderClusterSchemes(grid, context, writeErrorText);
    },
  };
}

function renderDatasets(grid: HTMLElement, datasets: readonly DatasetInfo[]): void {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, { id: 'data-datasets', title: t('data.datasetsTitle'), howTo: t('howTo.dataDatasets'), csv: () => out.csv, wide: true });
  panel.summary.textContent = t('data.datasetsSummary', { count: datasets.length });
  out.csv = renderRowTable(panel.body, datasets, [
    { header: t('data.col.dataset'), csv: 'id', value: (d) => d.id, text: (d) => `${d.title} (${d.id})` },
    { header: t('data.col.source'), csv: 'source', value: (d) => d.source },
    { header: t('data.col.licence'), csv: 'licence', value: (d) => d.licence },
    { header: t('col.classification'), csv: 'classification', value: (d) => d.classification },
    { header: t('data.col.years'), csv: 'years', value: (d) => d.years.join(' '), text: (d) => d.years.join(', ') },
    { header: t('data.col.rows'), csv: 'rowCount', value: (d) => d.rowCount, numeric: true },
    { header: t('data.col.imported'), csv: 'importedAt', value: (d) => d.importedAt, text: (d) => formatDate(d.importedAt) },
  ], { caption: t('data.datasetsCaption'), testId: 'data-datasets-table', rowKey: (d) => d.id });
}

function field(form: HTMLElement, label: string, attributes: Record<string, string>): HTMLInputElement {
  const wrapper = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, label, wrapper);
  return htmlElement('input', attributes, undefined, wrapper);
}

function renderUpload(grid: HTMLElement): void {
  const panel = createPanel(grid, { id: 'data-upload', title: t('data.uploadTitle'), howTo: t('howTo.dataUpload'), wide: true });
  panel.summary.textContent = t('data.uploadSummary');
  const form = htmlElement('form', { class: 'toolbar upload-form', 'aria-label': t('data.uploadTitle') }, undefined, panel.body);
  const file = field(form, t('data.file'), { type: 'file', accept: '.csv,text/csv,text/plain', 'data-testid': 'data-file' });
  const dataset = field(form, t('data.datasetId'), { type: 'text', value: 'my-data', pattern: '[A-Za-z0-9][A-Za-z0-9._-]{0,99}', required: '', 'data-testid': 'data-dataset' });
  const country = selectField(form, t('col.country'), 'data-country');
  for (const [value, label] of [['US', 'US'], ['JP', 'JP'], ['', t('data.countryAny')]] as const) htmlElement('option', { value }, label, country);
  const classification = selectField(form, t('col.classification'), 'data-classification');
  for (const c of ['NAICS2007', 'NACE2', 'JSIC13', 'JSIC14']) htmlElement('option', { value: c }, c, classification);
  const measure = selectField(form, t('data.measure'), 'data-measure');
  for (const m of ['employment', 'establishments', 'payroll'] as const) htmlElement('option', { value: m }, t(`data.measure.${m}`), measure);
  const validate = htmlElement('button', { type: 'submit', 'data-testid': 'data-validate' }, t('data.validate'), form);
  const commit = htmlElement('button', { type: 'button', 'data-testid': 'data-import', disabled: '' }, t('data.import'), form);
  const status = htmlElement('p', { class: 'summary', role: 'status', 'data-testid': 'data-upload-status' }, hasRole('editor') ? '' : t('data.signInHint'), panel.body);
  const report = htmlElement('div', { class: 'report', 'data-testid': 'data-report' }, undefined, panel.body);
  let text: string | undefined;
  let query = '';
  const reset = (): void => {
    commit.disabled = true;
    report.replaceChildren();
  };
  for (const el of [file, dataset, country, classification, measure]) el.addEventListener('change', reset);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = t('data.noFile');
      return;
    }
    reset();
    status.textContent = t('data.validating');
    validate.disabled = true;
    chosen
      .text()
      .then(async (content) => {
        text = content;
        query = importQuery({ dataset: dataset.value.trim(), classification: classification.value, country: country.value, measure: measure.value, filename: safeFileName(chosen.name) });
        const result = await postRaw<ImportReport>(`${API_BASE}/imports/validate?${query}`, content);
        renderReport(report, result);
        commit.disabled = !result.valid;
        status.textContent = result.valid ? (result.datasetExists ? t('data.validExists', { dataset: result.datasetId }) : t('data.valid', { dataset: result.datasetId })) : t('data.invalid', { count: result.errorCount });
      })
      .catch((error: unknown) => {
        status.textContent = isMissingRoute(error) ? t('unavailable', { what: t('data.uploadTitle') }) : writeErrorText(error);
      })
      .finally(() => {
        validate.disabled = false;
      });
  });
  commit.addEventListener('click', () => {
    if (text === undefined) return;
    commit.disabled = true;
    status.textContent = t('data.importing');
    postRaw<{ dataset: DatasetInfo }>(`${API_BASE}/imports?${query}`, text)
      .then((result) => {
        status.textContent = t('data.imported', { dataset: result.dataset.id, rows: result.dataset.rowCount });
        status.dataset.imported = result.dataset.id;
      })
      .catch((error: unknown) => {
        status.textContent = writeErrorText(error);
        commit.disabled = false;
      });
  });
}

/** The file name the API accepts (letters, digits, dot, dash, underscore, space). */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned === '' ? 'upload.csv' : cleaned.slice(0, 200);
}

function renderReport(container: HTMLElement, r: ImportReport): void {
  container.replaceChildren();
  const dl = htmlElement('dl', { class: 'figures', 'data-testid': 'data-report-figures' }, undefined, container);
  const item = (label: string, value: string, testId: string): void => {
    const pair = htmlElement('div', {}, undefined, dl);
    htmlElement('dt', {}, label, pair);
    htmlElement('dd', { 'data-testid': testId }, value, pair);
  };
  item(t('data.report.valid'), r.valid ? t('data.report.yes') : t('data.report.no'), 'data-report-valid');
  item(t('data.report.rows'), String(r.rowsRead), 'data-report-rows');
  item(t('data.report.observations'), String(r.observations), 'data-report-observations');
  item(t('data.report.regions'), String(r.regions.count), 'data-report-regions');
  item(t('data.report.industries'), `${r.industries.count} (${r.industries.classification ?? '–'})`, 'data-report-industries');
  item(t('data.report.years'), r.years.join(', ') || '–', 'data-report-years');
  item(t('data.report.errors'), `${r.errorCount} / ${r.warningCount}`, 'data-report-errors');
  const issues = [...r.errors.map((e) => ({ ...e, level: 'error' })), ...r.warnings.map((w) => ({ ...w, level: 'warning' }))];
  if (issues.length === 0) return;
  const box = htmlElement('div', {}, undefined, container);
  renderRowTable(box, issues.slice(0, 200), [
    { header: t('data.report.line'), csv: 'line', value: (i) => i.line, numeric: true },
    { header: t('data.report.level'), csv: 'level', value: (i) => i.level },
    { header: t('data.report.field'), csv: 'field', value: (i) => i.field },
    { header: t('data.report.code'), csv: 'code', value: (i) => i.code },
    { header: t('data.report.message'), csv: 'message', value: (i) => i.message },
  ], { caption: t('data.report.issues'), testId: 'data-report-issues' });
}

async function renderCustomRegions(grid: HTMLElement, context: ViewContext, states: readonly { id: string; name: string; aliases: readonly string[]; type: string; country: string; parentId: string | null }[], picked: Set<string>): Promise<void> {
  const pick = createPanel(grid, { id: 'data-pick', title: t('data.pickTitle'), howTo: t('howTo.dataPick'), svg: () => pick.body.querySelector('svg'), csv: () => ({ header: ['region', 'name'], rows: [...picked].sort().map((id) => [id, states.find((s) => s.id === id)?.name ?? id]) }), wide: true });
  const list = createPanel(grid, { id: 'data-custom-regions', title: t('data.customTitle'), howTo: t('howTo.dataCustom'), csv: () => listCsv });
  let listCsv: CsvTable | undefined;
  const chosenText = (): string => (picked.size === 0 ? t('data.pickNone') : t('data.pickSome', { count: picked.size, regions: [...picked].sort().map((id) => regionName(id, states.find((s) => s.id === id)?.name ?? id)).join(', ') }));
  pick.summary.textContent = chosenText();
  const mapBox = htmlElement('div', { class: 'pick-map' }, undefined, pick.body);
  const paint = (): void => {
    for (const path of mapBox.querySelectorAll<SVGPathElement>('path[data-region]')) {
      const on = picked.has(path.dataset.region ?? '');
      path.setAttribute('fill', on ? PICKED : UNPICKED);
      path.setAttribute('aria-pressed', String(on));
      path.classList.toggle('picked', on);
    }
    pick.summary.textContent = chosenText();
    save.disabled = picked.size === 0;
  };
  const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('data.saveRegion') }, undefined, pick.body);
  const name = field(form, t('data.regionName'), { type: 'text', required: '', maxlength: '200', 'data-testid': 'custom-region-name' });
  const save = htmlElement('button', { type: 'submit', 'data-testid': 'custom-region-save' }, t('data.saveRegion'), form);
  const status = htmlElement('p', { class: 'summary', role: 'status', 'data-testid': 'custom-region-status' }, undefined, pick.body);
  try {
    const topology = await getUsStates();
    if (!context.isCurrent()) return;
    drawStatePicker(mapBox, topology, states, picked, context, (region) => {
      if (picked.has(region)) picked.delete(region);
      else picked.add(region);
      context.settle({ regions: [...picked].sort().join(',') || undefined });
      paint();
    });
  } catch (error) {
    if (isMissingRoute(error)) renderUnavailable(mapBox, t('data.pickTitle'));
    else throw error;
  }
  paint();
  const refresh = async (): Promise<void> => {
    try {
      const { regions } = await getFresh<{ regions: CustomRegion[] }>(`${API_BASE}/custom-regions`);
      list.summary.textContent = t('data.customSummary', { count: regions.length });
      listCsv = renderRowTable(list.body, regions, [
        { header: t('data.col.customName'), csv: 'name', value: (r) => r.name },
        { header: t('data.col.customId'), csv: 'id', value: (r) => r.id },
        { header: t('data.col.members'), csv: 'members', value: (r) => r.members.join(' '), text: (r) => r.members.join(', ') },
      ], { caption: t('data.customCaption'), testId: 'data-custom-regions-table', rowKey: (r) => r.id });
    } catch (error) {
      if (isMissingRoute(error)) renderUnavailable(list.body, t('data.customTitle'));
      else list.summary.textContent = writeErrorText(error);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const label = name.value.trim();
    if (label === '' || picked.size === 0) {
      status.textContent = t('data.pickNone');
      return;
    }
    save.disabled = true;
    status.textContent = t('data.saving');
    postJson<CustomRegion>(`${API_BASE}/custom-regions`, { id: customRegionId(label), name: label, members: [...picked].sort() })
      .then(async (created) => {
        status.textContent = t('data.saved', { name: created.name, id: created.id });
        status.dataset.saved = created.id;
        await refresh();
      })
      .catch((error: unknown) => {
        status.textContent = isMissingRoute(error) ? t('unavailable', { what: t('data.saveRegion') }) : writeErrorText(error);
      })
      .finally(() => {
        save.disabled = picked.size === 0;
      });
  });
  await refresh();
}

/** The US states as toggle buttons (Albers USA, as the cluster map): click, Enter or Space adds or removes one. */
function drawStatePicker(
  container: HTMLElement,
  topology: Topology,
  states: readonly { id: string; name: string }[],
  picked: ReadonlySet<string>,
  context: ViewContext,
  onToggle: (region: string) => void,
): void {
  const objects = topology.objects as Record<string, Parameters<typeof feature>[1]>;
  const object = objects.states ?? Object.values(objects)[0];
  if (!object) throw new Error('the us-states TopoJSON has no states object');
  const all = feature(topology, object) as unknown as FeatureCollection<Geometry, { name?: string } | null>;
  const features = all.features.filter((f) => isStateFips(String(f.id ?? '')));
  const width = 960;
  const height = 600;
  const projection = geoAlbersUsa().fitExtent([[8, 8], [width - 8, height - 8]], { type: 'FeatureCollection', features });
  const path = geoPath(projection);
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, class: 'us-map pick-map-svg', role: 'group', 'aria-label': t('data.pickLabel'), 'data-testid': 'data-pick-map' });
  for (const f of features) {
    const region = `US-${String(f.id)}`;
    const info = states.find((s) => s.id === region);
    if (!info) continue;
    const name = regionName(region, info.name);
    const el = svgElement('path', { d: path(f) ?? '', class: 'state', tabindex: 0, role: 'button', stroke: '#ffffff', 'stroke-width': 1, 'data-region': region, 'aria-pressed': String(picked.has(region)), 'aria-label': name }, svg);
    const tip = (): { title: string; lines: string[] } => ({ title: name, lines: [picked.has(region) ? t('data.picked') : t('data.notPicked')] });
    el.addEventListener('click', () => onToggle(region));
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onToggle(region);
      }
    });
    el.addEventListener('pointermove', (event) => context.tooltip.showAt(tip(), event.clientX, event.clientY));
    el.addEventListener('pointerleave', () => context.tooltip.hide());
  }
  container.replaceChildren(svg);
}
