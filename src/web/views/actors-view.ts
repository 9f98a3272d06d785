/**
 * Actors view (/actors?query=&type=&country=&page=&organisation=<id>&need=): organisation search
 * (GET /api/v1/organisations), an organisation's page with its linkages and projects
 * (GET /api/v1/organisations/{id}), partner search for an organisation or a need (GET /api/v1/match)
 * with the explanation of each suggestion per proximity (cognitive, geographical, organisational,
 * institutional, social), complementarity and the structural-hole flag, and a drawing of the partner
 * network (the organisation, its suggested partners and the partners they share) with zoom and a
 * type/country filter. A server without the actors registry shows "not available" panels.
 */
import { API_BASE, ApiError, getJson, getOptionalJson, isMissingRoute } from '../api-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { t } from '../i18n/translate.js';
import { htmlElement } from '../svg.js';
import { selectField } from './controls.js';
import { ORGANISATION_TYPES, typeName, type Organisation, type Suggestion } from './actor-types.js';
import { renderNetworkMapPanel } from './network-map.js';
import { drawPartnerNetwork, partnerNetwork } from './partner-network.js';
import { renderRowTable } from './row-table.js';
import type { View, ViewContext } from './view.js';


/** Organisations per page of the search. */
const PAGE_SIZE = 20;


interface OrganisationPage {
  readonly total: number;
  readonly items: readonly Organisation[];
}

interface OrganisationDetail {
  readonly organisation: Organisation;
  readonly linkages: readonly { readonly id: string; readonly sourceId: string; readonly targetId: string; readonly type: string }[];
  readonly projects: readonly { readonly id: string; readonly acronym: string | null; readonly title: string | null; readonly programmes: readonly string[]; readonly startDate: string | null; readonly endDate: string | null; readonly role: string; readonly organisationContribution: number | null }[];
  readonly projectCount?: number;
}


/** GET /api/v1/match. */
export interface MatchResult {
  readonly candidateCount?: number;
  readonly unknownNeeds?: readonly string[];
  readonly suggestions: readonly Suggestion[];
}

const fixed = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2));

/** The five proximities, in the order the explanation gives them. */
export const PROXIMITIES = ['cognitive', 'geographical', 'organisational', 'institutional', 'social'] as const;

/** One line per proximity, then complementarity and the structural hole: why this partner was suggested. */
export function explainSuggestion(s: Suggestion): string[] {
  const p = s.proximities;
  const lines: string[] = [];
  const c = p.cognitive;
  if (c) {
    const shared = [...(c.sharedKeywords ?? []), ...(c.sharedIndustries ?? [])];
    lines.push(t('actors.why.cognitive', { score: fixed(c.score), shared: c.known === false ? t('actors.why.unknown') : shared.length === 0 ? t('actors.why.nothingShared') : shared.slice(0, 8).join(', ') }));
  }
  const g = p.geographical;
  if (g) {
    const where = g.known === false ? t('actors.why.unknown') : g.sameRegion ? t('actors.why.sameRegion') : g.sameCountry ? t('actors.why.sameCountry') : t('actors.why.otherCountry');
    lines.push(t('actors.why.geographical', { score: fixed(g.score), where: g.distanceKm != null ? `${where}, ${Math.round(g.distanceKm)} km` : where }));
  }
  const o = p.organisational;
  if (o) lines.push(t('actors.why.organisational', { score: fixed(o.score), groups: o.known === false ? t('actors.why.unknown') : (o.sharedGroups ?? []).join(', ') || t('actors.why.nothingShared') }));
  const i = p.institutional;
  if (i) lines.push(t('actors.why.institutional', { score: fixed(i.score), sphere: i.sameSphere ? t('actors.why.sameSphere') : t('actors.why.otherSphere'), type: typeName(i.partnerType ?? '') }));
  const so = p.social;
  if (so) lines.push(t('actors.why.social', { score: fixed(so.score), partners: so.commonPartners ?? 0, past: so.pastCollaboration ? t('actors.why.pastYes') : t('actors.why.pastNo') }));
  const comp = s.complementarity;
  if (comp) lines.push(t('actors.why.complementarity', { score: fixed(comp.score), offers: (comp.coversNeeds ?? comp.offers ?? []).join(', ') || t('actors.why.nothingShared') }));
  lines.push(s.structuralHole?.bridges ? t('actors.why.bridges') : t('actors.why.noBridge'));
  return lines;
}


/** Creates the actors view. */
export function createActorsView(): View {
  return {
    async show(params, context) {
      const page = Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1);
      const type = (ORGANISATION_TYPES as readonly string[]).includes(params.type ?? '') ? params.type : undefined;
      const country = /^[A-Za-z]{2}$/.test(params.country ?? '') ? params.country?.toUpperCase() : undefined;
      const map = params.network === 'map' ? { network: 'map', networkType: params.networkType, networkCountry: params.networkCountry, minDegree: params.minDegree, zoom: params.zoom, focus: params.focus } : {};
      const state = { query: params.query, type, country, page: page > 1 ? String(page) : undefined, organisation: params.organisation, need: params.need, ...map };
      const search = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String((page - 1) * PAGE_SIZE) });
      if (params.query) search.set('query', params.query);
      if (type) search.set('type', type);
      if (country) search.set('country', country);
      const results = await getOptionalJson<OrganisationPage>(`${API_BASE}/organisations?${search.toString()}`);
      if (!context.isCurrent()) return;
      context.settle(state);
      const root = context.root;
      root.replaceChildren();
      htmlElement('h1', { class: 'view-title' }, t('actors.heading'), root);
      context.title(t('actors.heading'));
      renderSearchForm(root, context, state);
      const grid = htmlElement('div', { class: 'panels' }, undefined, root);
      if (state.network === 'map') await renderNetworkMapPanel(grid, context, state);
      renderResults(grid, context, state, results, page);
      if (!results) return;
      if (params.organisation) await renderOrganisation(grid, context, state, params.organisation);
      else if (params.need) await renderMatches(grid, context, state, undefined);
    },
  };
}

type State = Readonly<Record<string, string | undefined>>;

function renderSearchForm(root: HTMLElement, context: ViewContext, state: State): void {
  const form = htmlElement('form', { class: 'toolbar', role: 'search', 'aria-label': t('actors.searchLabel') }, undefined, root);
  const label = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, t('actors.query'), label);
  const query = htmlElement('input', { type: 'search', value: state.query ?? '', 'data-testid': 'actors-query' }, undefined, label);
  const type = selectField(form, t('actors.typeFilter'), 'actors-type');
  htmlElement('option', { value: '' }, t('actors.anyType'), type);
  for (const ty of ORGANISATION_TYPES) htmlElement('option', { value: ty }, typeName(ty), type);
  type.value = state.type ?? '';
  const cLabel = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, t('col.country'), cLabel);
  const country = htmlElement('input', { type: 'text', value: state.country ?? '', maxlength: 2, size: 3, pattern: '[A-Za-z]{2}', 'data-testid': 'actors-country' }, undefined, cLabel);
  htmlElement('button', { type: 'submit', 'data-testid': 'actors-search' }, t('actors.search'), form);
  const mapShown = state.network === 'map';
  htmlElement('a', { href: context.href('actors', mapShown ? { ...state, network: undefined, networkType: undefined, networkCountry: undefined, minDegree: undefined, zoom: undefined } : { ...state, network: 'map' }), 'data-route': 'actors', 'data-testid': 'network-map-toggle' }, mapShown ? t('actors.mapClose') : t('actors.mapOpen'), form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.navigate('actors', { query: query.value.trim() || undefined, type: type.value || undefined, country: country.value.trim() || undefined }, 'push');
  });
  const needForm = htmlElement('form', { class: 'toolbar', 'aria-label': t('actors.needLabel') }, undefined, root);
  const nLabel = htmlElement('label', {}, undefined, needForm);
  htmlElement('span', { class: 'label-text' }, t('actors.need'), nLabel);
  const need = htmlElement('input', { type: 'text', value: state.need ?? '', placeholder: 'e.g. sc2, msca', 'data-testid': 'actors-need' }, undefined, nLabel);
  htmlElement('button', { type: 'submit', 'data-testid': 'actors-need-search' }, t('actors.findPartners'), needForm);
  needForm.addEventListener('submit', (event) => {
    event.preventDefault();
    context.navigate('actors', { ...state, page: undefined, organisation: undefined, need: need.value.trim() || undefined }, 'push');
  });
}

function renderResults(grid: HTMLElement, context: ViewContext, state: State, results: OrganisationPage | undefined, page: number): void {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, { id: 'actors-results', title: t('actors.resultsTitle'), howTo: t('howTo.actorsResults'), csv: () => out.csv });
  if (!results) {
    renderUnavailable(panel.body, t('actors.resultsTitle'));
    return;
  }
  const pages = Math.max(1, Math.ceil(results.total / PAGE_SIZE));
  panel.summary.textContent = t('actors.resultsSummary', { total: results.total, page, pages });
  out.csv = renderRowTable(panel.body, results.items, [
    { header: t('actors.col.name'), csv: 'name', value: (o) => o.name, link: (o) => ({ href: context.href('actors', { ...state, organisation: o.id, need: undefined }), route: 'actors' }) },
    { header: t('actors.col.type'), csv: 'type', value: (o) => o.type, text: (o) => typeName(o.type) },
    { header: t('col.country'), csv: 'country', value: (o) => o.country },
    { header: t('col.region'), csv: 'region', value: (o) => o.region },
  ], { caption: t('actors.resultsCaption'), testId: 'actors-results-table', rowKey: (o) => o.id });
  const nav = htmlElement('nav', { class: 'pager', 'aria-label': t('actors.pages') }, undefined, panel.body);
  if (page > 1) htmlElement('a', { href: context.href('actors', { ...state, page: page > 2 ? String(page - 1) : undefined }), 'data-route': 'actors', 'data-testid': 'actors-prev' }, t('actors.prev'), nav);
  if (page < pages) htmlElement('a', { href: context.href('actors', { ...state, page: String(page + 1) }), 'data-route': 'actors', 'data-testid': 'actors-next' }, t('actors.next'), nav);
}

async function renderOrganisation(grid: HTMLElement, context: ViewContext, state: State, id: string): Promise<void> {
  const panel = createPanel(grid, { id: 'actors-organisation', title: t('actors.organisationTitle'), howTo: t('howTo.actorsOrganisation'), csv: () => projects.csv });
  const projects: { csv?: CsvTable } = {};
  let detail: OrganisationDetail;
  try {
    detail = await getJson<OrganisationDetail>(`${API_BASE}/organisations/${encodeURIComponent(id)}`);
  } catch (error) {
    if (isMissingRoute(error)) renderUnavailable(panel.body, t('actors.organisationTitle'));
    else if (error instanceof ApiError && error.status === 404) panel.summary.textContent = t('actors.noOrganisation', { id });
    else throw error;
    return;
  }
  if (!context.isCurrent()) return;
  const o = detail.organisation;
  panel.setTitle(o.name);
  panel.summary.textContent = t('actors.organisationSummary', { type: typeName(o.type), country: o.country ?? '–', projects: detail.projectCount ?? detail.projects.length, linkages: detail.linkages.length });
  const dl = htmlElement('dl', { class: 'figures', 'data-testid': 'actors-organisation-figures' }, undefined, panel.body);
  const item = (label: string, value: string): void => {
    const pair = htmlElement('div', {}, undefined, dl);
    htmlElement('dt', {}, label, pair);
    htmlElement('dd', {}, value, pair);
  };
  item(t('actors.col.id'), o.id);
  item(t('actors.col.type'), typeName(o.type));
  item(t('col.country'), o.country ?? '–');
  item(t('col.region'), o.region ?? '–');
  item(t('actors.col.sme'), o.sme === true ? t('data.report.yes') : o.sme === false ? t('data.report.no') : '–');
  item(t('actors.col.source'), o.source ?? '–');
  htmlElement('a', { href: context.href('actors', { network: 'map', focus: o.id }), 'data-route': 'actors', 'data-testid': 'network-map-around' }, t('actors.mapAround'), panel.body);
  const box = htmlElement('div', {}, undefined, panel.body);
  projects.csv = renderRowTable(box, detail.projects.slice(0, 100), [
    { header: t('actors.col.project'), csv: 'id', value: (p) => p.id, text: (p) => p.acronym ?? p.title ?? p.id },
    { header: t('actors.col.programmes'), csv: 'programmes', value: (p) => p.programmes.join(' ') },
    { header: t('actors.col.period'), csv: 'period', value: (p) => `${p.startDate ?? ''}–${p.endDate ?? ''}` },
    { header: t('actors.col.role'), csv: 'role', value: (p) => p.role },
  ], { caption: t('actors.projectsCaption', { shown: Math.min(100, detail.projects.length), total: detail.projectCount ?? detail.projects.length }), testId: 'actors-projects-table', rowKey: (p) => p.id });
  if (detail.linkages.length > 0) {
    const links = htmlElement('div', {}, undefined, panel.body);
    renderRowTable(links, detail.linkages, [
      { header: t('actors.col.linkage'), csv: 'type', value: (l) => l.type },
      { header: t('actors.col.partner'), csv: 'partner', value: (l) => (l.sourceId === o.id ? l.targetId : l.sourceId), link: (l) => ({ href: context.href('actors', { ...state, organisation: l.sourceId === o.id ? l.targetId : l.sourceId }), route: 'actors' }) },
    ], { caption: t('actors.linkagesCaption'), testId: 'actors-linkages-table', rowKey: (l) => l.id });
  }
  await renderMatches(grid, context, state, o);
}

async function renderMatches(grid: HTMLElement, context: ViewContext, state: State, seeker: Organisation | undefined): Promise<void> {
  const panel = createPanel(grid, { id: 'actors-partners', title: seeker ? t('actors.partnersFor', { name: seeker.name }) : t('actors.partnersNeed', { need: state.need ?? '' }), howTo: t('howTo.actorsPartners'), csv: () => out.csv, wide: true });
  const out: { csv?: CsvTable } = {};
  const query = new URLSearchParams({ top: '10' });
  if (seeker) query.set('organisation', seeker.id);
  else {
    query.set('need', state.need ?? '');
    if (state.country) query.set('country', state.country);
    if (state.type) query.set('type', state.type);
  }
  let match: MatchResult | undefined;
  try {
    match = await getOptionalJson<MatchResult>(`${API_BASE}/match?${query.toString()}`);
  } catch (error) {
    panel.summary.textContent = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
    return;
  }
  if (!context.isCurrent()) return;
  if (!match) {
    renderUnavailable(panel.body, t('actors.partnersTitle'));
    return;
  }
  const m = match;
  panel.summary.textContent = t('actors.partnersSummary', { count: m.suggestions.length, candidates: m.candidateCount ?? '–' }) + (m.unknownNeeds && m.unknownNeeds.length > 0 ? ` ${t('actors.unknownNeeds', { needs: m.unknownNeeds.join(', ') })}` : '');
  out.csv = renderRowTable(panel.body, m.suggestions, [
    { header: t('actors.col.rank'), csv: 'rank', value: (s) => s.rank, numeric: true },
    { header: t('actors.col.name'), csv: 'name', value: (s) => s.organisation.name, link: (s) => ({ href: context.href('actors', { ...state, organisation: s.organisation.id, need: undefined }), route: 'actors' }) },
    { header: t('actors.col.type'), csv: 'type', value: (s) => s.organisation.type, text: (s) => typeName(s.organisation.type) },
    { header: t('col.country'), csv: 'country', value: (s) => s.organisation.country },
    { header: t('actors.col.score'), csv: 'score', value: (s) => s.score, text: (s) => fixed(s.score), numeric: true },
    ...PROXIMITIES.map((p) => ({ header: t(`actors.prox.${p}`), csv: p, value: (s: Suggestion) => s.proximities[p]?.score ?? null, text: (s: Suggestion) => fixed(s.proximities[p]?.score), numeric: true })),
    { header: t('actors.prox.complementarity'), csv: 'complementarity', value: (s) => s.complementarity?.score ?? null, text: (s) => fixed(s.complementarity?.score), numeric: true },
    { header: t('actors.col.hole'), csv: 'structuralHole', value: (s) => s.structuralHole?.bridges ?? null, text: (s) => (s.structuralHole?.bridges ? t('data.report.yes') : t('data.report.no')) },
    { header: t('actors.col.why'), csv: 'explanation', value: (s) => explainSuggestion(s).join(' | ') },
  ], { caption: t('actors.partnersCaption'), testId: 'actors-partners-table', rowKey: (s) => s.organisation.id });
  // Each explanation as a list, one line per proximity (the table cell holds the same text, joined).
  for (const row of panel.body.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
    const s = m.suggestions.find((x) => x.organisation.id === row.dataset.key);
    const cell = row.lastElementChild;
    if (!s || !cell) continue;
    cell.replaceChildren();
    const ul = htmlElement('ul', { class: 'explanation', 'data-testid': 'actors-explanation' }, undefined, cell);
    for (const line of explainSuggestion(s)) htmlElement('li', {}, line, ul);
  }
  const network = createPanel(grid, { id: 'actors-network', title: t('actors.networkTitle'), howTo: t('howTo.actorsNetwork'), svg: () => network.body.querySelector('svg'), csv: () => graphCsv, wide: true });
  const graph = partnerNetwork(seeker, m.suggestions);
  const graphCsv: CsvTable = { header: ['source', 'target', 'kind'], rows: graph.edges.map((e) => [e.source, e.target, e.kind]) };
  network.summary.textContent = t('actors.networkSummary', { nodes: graph.nodes.length, edges: graph.edges.length });
  drawPartnerNetwork(network.body, graph, { onOpen: (id) => context.navigate('actors', { ...state, organisation: id, need: undefined }, 'push') });
}
