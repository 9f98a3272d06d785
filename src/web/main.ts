/**
 * Entry point of the ClusterLens workbench: a small client-side router over four views (Home, Region,
 * Cluster, Compare; see router.ts for the URL scheme). Every user choice pushes a history entry that
 * carries the view's whole state; Back and Forward restore it. The language (lang=en|ja) is part of the
 * URL and remembered for the next visit.
 */
import { ApiError, getDatasets, getMeta, type DatasetInfo, type Meta } from './api-client.js';
import { formatDate } from './format.js';
import { LANGUAGES, initialLanguage, isLanguage, language, setLanguage, type Language } from './i18n/language.js';
import { t } from './i18n/translate.js';
import { parseLocation, routeHref, VIEW_PATHS, type Route, type ViewName } from './router.js';
import { htmlElement, requireElement } from './svg.js';
import { createTooltip, type Tooltip } from './tooltip.js';
import { createClusterView } from './views/cluster-view.js';
import { createCompareView } from './views/compare-view.js';
import { createActorsView } from './views/actors-view.js';
import { createDataView } from './views/data-view.js';
import { createDiscoverView } from './views/discover-view.js';
import { createPolicyView } from './views/policy-view.js';
import { mountSignIn, type SignInBox } from './views/sign-in.js';
import { createHomeView } from './views/home-view.js';
import { loadRegionDirectory } from './views/region-directory.js';
import { createRegionView } from './views/region-view.js';
import type { HistoryMode, View, ViewContext } from './views/view.js';

const ui = {
  root: requireElement('workbench', HTMLElement),
  nav: requireElement('nav', HTMLElement),
  language: requireElement('language', HTMLDivElement),
  tagline: requireElement('tagline', HTMLParagraphElement),
  skip: requireElement('skip-link', HTMLAnchorElement),
  error: requireElement('error', HTMLDivElement),
  notice: requireElement('notice', HTMLDivElement),
  sources: requireElement('sources', HTMLElement),
};

const FACTORIES: Readonly<Record<ViewName, () => View>> = {
  home: createHomeView,
  region: createRegionView,
  cluster: createClusterView,
  compare: createCompareView,
  actors: createActorsView,
  data: createDataView,
  discover: createDiscoverView,
  policy: createPolicyView,
};
const NAV: readonly ViewName[] = ['home', 'region', 'cluster', 'compare', 'discover', 'actors', 'policy', 'data'];

let meta: Meta | undefined;
let datasets: readonly DatasetInfo[] = [];
let tooltip: Tooltip | undefined;
/** The sign-in box in the header (mounted once the shell starts). */
let signInBox: SignInBox | undefined;
let current: { name: ViewName; view: View } | undefined;
let params: Record<string, string> = {};
let generation = 0;
/** The last region and cluster seen, so that the Region and Cluster links keep them. */
const memory: { region?: string; cluster?: string } = {};

function languageParam(): string | undefined {
  return language() === 'en' ? undefined : language();
}

function href(view: ViewName, p: Readonly<Record<string, string | undefined>>): string {
  return routeHref({ view, params: { ...p, lang: languageParam() } });
}

function showError(error: unknown): void {
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  ui.error.textContent = t('error.prefix', { message });
  ui.error.hidden = false;
}

function showNotice(text: string): void {
  ui.notice.textContent = text;
  ui.notice.hidden = text === '';
}

function setBusy(busy: boolean): void {
  ui.root.setAttribute('aria-busy', String(busy));
  ui.root.classList.toggle('loading', busy);
  ui.root.dataset.ready = String(!busy);
}

function remember(p: Readonly<Record<string, string | undefined>>): void {
  if (p.region) memory.region = p.region;
  else if (p.regions) memory.region = p.regions.split(',')[0];
  if (p.cluster) memory.cluster = p.cluster;
}

function renderNav(): void {
  ui.nav.replaceChildren();
  const list = htmlElement('ul', {}, undefined, ui.nav);
  for (const name of NAV) {
    const p: Record<string, string | undefined> =
      name === 'region' ? { region: memory.region } : name === 'cluster' ? { cluster: memory.cluster, region: memory.region?.startsWith('US-') ? memory.region : undefined } : {};
    const a = htmlElement('a', { href: href(name, p), 'data-route': name, 'data-testid': `nav-${name}` }, t(`nav.${name}`), htmlElement('li', {}, undefined, list));
    if (current?.name === name) a.setAttribute('aria-current', 'page');
  }
}

function renderLanguageSwitch(): void {
  ui.language.replaceChildren();
  ui.language.setAttribute('aria-label', t('language.label'));
  const names: Record<Language, string> = { en: 'English', ja: '日本語' };
  for (const l of LANGUAGES) {
    const b = htmlElement('button', { type: 'button', lang: l, 'aria-pressed': String(language() === l), 'data-testid': `lang-${l}` }, names[l], ui.language);
    b.addEventListener('click', () => {
      if (language() === l) return;
      setLanguage(l, { persist: true });
      applyLanguage();
      if (current) {
        current.view.destroy?.();
        current = undefined;
      }
      const name = parseLocation(location.pathname, location.search).route.view;
      navigate(name, params, 'replace');
    });
  }
}

function renderSources(): void {
  ui.sources.replaceChildren();
  if (!meta) return;
  htmlElement('span', {}, `${t('sources.lead')} `, ui.sources);
  const list = htmlElement('ul', {}, undefined, ui.sources);
  for (const d of meta.datasets) {
    const info = datasets.find((x) => x.id === d.id);
    const imported = info ? ` (${t('sources.imported', { date: formatDate(info.importedAt) })})` : '';
    htmlElement('li', {}, `${d.title} — ${d.source}; ${t('sources.licence')}: ${d.licence}${imported}`, list);
  }
}

/** Re-renders everything outside the view in the current language. */
function applyLanguage(): void {
  document.documentElement.lang = language();
  ui.tagline.textContent = t('app.tagline');
  ui.skip.textContent = t('app.skip');
  ui.nav.setAttribute('aria-label', t('nav.label'));
  renderLanguageSwitch();
  renderNav();
  renderSources();
  signInBox?.render();
}

function contextFor(gen: number): ViewContext {
  if (!meta || !tooltip) throw new Error('the workbench is not initialised');
  return {
    root: ui.root,
    meta,
    tooltip,
    navigate: (view, p, mode) => navigate(view, p, mode),
    settle: (p) => {
      if (gen !== generation || !current) return;
      params = Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
      remember(p);
      const next = href(current.name, p);
      if (next !== `${location.pathname}${location.search}`) history.replaceState(null, '', `${next}${location.hash}`);
      renderNav();
    },
    href,
    notice: (text) => {
      if (gen === generation) showNotice(text);
    },
    title: (text) => {
      if (gen === generation) document.title = `${text} — ClusterLens`;
    },
    isCurrent: () => gen === generation,
  };
}

/** Shows the route: creates the view when it changes, else lets the view update itself. */
async function render(route: Route): Promise<void> {
  const gen = ++generation;
  setBusy(true);
  ui.error.hidden = true;
  showNotice('');
  const { lang, ...rest } = route.params;
  if (isLanguage(lang) && lang !== language()) {
    setLanguage(lang, { persist: true });
    applyLanguage();
    current?.view.destroy?.();
    current = undefined;
  }
  params = { ...rest };
  remember(rest);
  if (!current || current.name !== route.view) {
    current?.view.destroy?.();
    tooltip?.hide();
    ui.root.replaceChildren();
    current = { name: route.view, view: FACTORIES[route.view]() };
  }
  ui.root.dataset.view = route.view;
  renderNav();
  const view = current.view;
  try {
    await view.show(rest, contextFor(gen));
    makeScrollBoxesFocusable();
  } catch (error) {
    if (gen === generation) showError(error);
  } finally {
    if (gen === generation) {
      setBusy(false);
      // The "ready" marker that load-time measurements read (performance.getEntriesByName).
      performance.mark('clusterlens:ready', { detail: { view: route.view } });
    }
  }
}

/** Scrolling table boxes get a tab stop and a name, so keyboard users can scroll them. */
function makeScrollBoxesFocusable(): void {
  for (const box of ui.root.querySelectorAll<HTMLElement>('.table-scroll:not([tabindex])')) {
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', box.querySelector('caption')?.textContent ?? t('table.scrollBox'));
  }
}

function navigate(view: ViewName, p: Readonly<Record<string, string | undefined>>, mode: HistoryMode): void {
  const next = href(view, p);
  if (mode === 'push' && next !== `${location.pathname}${location.search}`) history.pushState(null, '', next);
  else history.replaceState(null, '', next);
  void render(parseLocation(location.pathname, location.search).route);
}

/** Follows in-app links without reloading (plain left clicks only; modified clicks open normally). */
function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const a = (event.target as Element | null)?.closest?.('a[data-route]');
    if (!(a instanceof HTMLAnchorElement) || a.target !== '' || a.origin !== location.origin) return;
    const path = a.pathname.replace(/\/+$/, '') || '/';
    if (!Object.values(VIEW_PATHS).includes(path)) return;
    event.preventDefault();
    const parsed = parseLocation(a.pathname, a.search);
    navigate(parsed.route.view, parsed.route.params, 'push');
    // Like a page load: start at the top, with focus on the content for screen-reader users.
    window.scrollTo(0, 0);
    ui.root.focus({ preventScroll: true });
  });
}

async function start(): Promise<void> {
  setLanguage(initialLanguage(location.search), { persist: new URLSearchParams(location.search).has('lang') });
  applyLanguage();
  const parsed = parseLocation(location.pathname, location.search);
  if (parsed.redirect !== undefined) history.replaceState(null, '', `${parsed.redirect}${location.hash}`);
  setBusy(true);
  try {
    // The region lists are needed by most views: start loading them now (memoised, errors shown by the view).
    void loadRegionDirectory().catch(() => undefined);
    const [m, d] = await Promise.all([getMeta(), getDatasets().catch(() => ({ datasets: [] }))]);
    meta = m;
    datasets = d.datasets;
    tooltip = createTooltip();
  } catch (error) {
    showError(error);
    setBusy(false);
    return;
  }
  signInBox = mountSignIn(ui.nav.parentElement ?? document.body);
  applyLanguage();
  interceptLinks();
  window.addEventListener('popstate', () => void render(parseLocation(location.pathname, location.search).route));
  const route = parseLocation(location.pathname, location.search).route;
  // A saved Japanese preference shows in the URL, so that a copied link opens in the same language.
  if (route.params.lang === undefined && language() !== 'en') history.replaceState(null, '', href(route.view, route.params));
  await render(route);
}

void start();
