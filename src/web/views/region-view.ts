/**
 * Region view (/region?region=&year=&cluster=&scheme=): a region's profile. US states: key figures, the cluster
 * portfolio bubble chart with quadrants, strong clusters and stars, and employment change against the
 * national benchmark. EU NUTS-2 regions and Japanese prefectures (no cluster data): the industry-family
 * profile and its change between the dataset's first year and the chosen year. Peers, opportunities and
 * supply-chain gaps appear when the server offers them.
 */
import {
  getDatasets,
  getPortfolioDetail,
  getRegionPortfolio,
  type PortfolioDetail,
  type RegionPortfolio,
} from '../api-client.js';
import { renderBarChart } from '../bar-chart.js';
import { createPanel, type Panel } from '../chart-panel.js';
import type { CsvTable } from '../chart-export.js';
import {
  formatEmployment,
  formatEmploymentChange,
  formatLocationQuotient,
  formatShare,
  formatSignedNumber,
} from '../format.js';
import { t } from '../i18n/translate.js';
import { renderPortfolioLegend } from '../legend.js';
import { locationQuotientColour } from '../location-quotient-colour.js';
import { createPortfolioChart } from '../portfolio-chart.js';
import { familyName, regionName } from '../region-names.js';
import { htmlElement } from '../svg.js';
import { regionOptions, selectField, yearOptions } from './controls.js';
import { familyProfile, type FamilyProfile } from './family-profile.js';
import { regionAnalysisPanels } from './analysis-panels.js';
import { reportLinks } from './report-links.js';
import { findRegion, loadRegionDirectory, regionKind, type RegionDirectory } from './region-directory.js';
import type { View, ViewContext } from './view.js';
import { loadClusterSchemes, resolveScheme, schemeSelect, type ClusterSchemeInfo } from './scheme-select.js';

/** Colour-blind-safe pair (Okabe–Ito blue and vermillion) for gains and losses; the sign is also printed. */
const GAIN = '#0072b2';
const LOSS = '#d55e00';

/** Creates the region view. */
export function createRegionView(): View {
  return {
    async show(params, context) {
      // A canonical US state id can be fetched while the region lists load (the requests are memoised).
      if (params.region !== undefined && /^US-\d{2}$/.test(params.region)) {
        const m = context.meta;
        const wanted = params.year !== undefined && m.years.includes(Number(params.year)) ? Number(params.year) : m.defaultYear;
        getRegionPortfolio(params.region, wanted, m.baseYear, params.scheme).catch(() => undefined);
        getPortfolioDetail(params.region, wanted, m.baseYear, params.scheme).catch(() => undefined);
      }
      const [directory, schemes] = await Promise.all([loadRegionDirectory(), loadClusterSchemes()]);
      const notices: string[] = [];
      const scheme = resolveScheme(params.scheme, schemes, notices);
      let info = params.region === undefined ? undefined : findRegion(directory, params.region);
      if (params.region !== undefined && !info) notices.push(t('notice.unknownRegion', { region: params.region }));
      info ??= directory.US.find((r) => r.id === 'US-53') ?? directory.US[0];
      if (!info) throw new Error(t('error.noRegions'));
      const kind = regionKind(info.id);
      const requestedYear = params.year !== undefined && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined;
      if (kind === 'US') await showUsRegion(context, directory, info.id, requestedYear, params.cluster, notices, { scheme, schemes });
      else await showFamilyRegion(context, directory, info.id, requestedYear, notices);
    },
  };
}

/** The cluster-definition scheme shown (undefined: the benchmark) and the schemes to choose from (US regions only). */
interface SchemeChoice {
  readonly scheme: string | undefined;
  readonly schemes: readonly ClusterSchemeInfo[];
}

function toolbar(context: ViewContext, directory: RegionDirectory, region: string, years: readonly number[], year: number, choice?: SchemeChoice): HTMLElement {
  const root = context.root;
  root.replaceChildren();
  const heading = htmlElement('h1', { class: 'view-title', 'data-testid': 'region-heading' }, undefined, root);
  const form = htmlElement('form', { class: 'toolbar', 'aria-label': t('controls.view') }, undefined, root);
  form.addEventListener('submit', (e) => e.preventDefault());
  const regionSelect = selectField(form, t('controls.region'), 'region-view-select');
  regionOptions(regionSelect, directory, region);
  const yearSelect = selectField(form, t('controls.year'), 'region-year-select');
  yearOptions(yearSelect, years, year);
  const scheme = choice?.scheme;
  regionSelect.addEventListener('change', () => context.navigate('region', { region: regionSelect.value, scheme }, 'push'));
  yearSelect.addEventListener('change', () => context.navigate('region', { region, year: yearSelect.value, scheme }, 'push'));
  if (choice) schemeSelect(form, choice.schemes, scheme, 'region-scheme-select', (next) => context.navigate('region', { region, year: String(year), scheme: next }, 'push'));
  const compare = htmlElement('a', { href: context.href('compare', { regions: region }), 'data-route': 'compare', class: 'button-link', 'data-testid': 'region-compare-link' }, t('region.compareLink'), form);
  compare.setAttribute('aria-label', t('region.compareLink'));
  if (regionKind(region) === 'US' && choice?.scheme === undefined) {
    // the region report (issue 8): the same document as `clusterlens report region`, as HTML or PDF (benchmark only)
    reportLinks(form, 'region-report', `/regions/${encodeURIComponent(region)}/report?year=${year}`);
  }
  return heading;
}

function keyFigures(panel: Panel, figures: readonly [string, string][]): void {
  const dl = htmlElement('dl', { class: 'figures', 'data-testid': 'key-figures' });
  for (const [term, value] of figures) {
    const div = htmlElement('div', {}, undefined, dl);
    htmlElement('dt', {}, term, div);
    htmlElement('dd', {}, value, div);
  }
  panel.body.replaceChildren(dl);
}

async function showUsRegion(
  context: ViewContext,
  directory: RegionDirectory,
  region: string,
  requestedYear: number | undefined,
  cluster: string | undefined,
  notices: string[],
  choice: SchemeChoice,
): Promise<void> {
  const m = context.meta;
  const scheme = choice.scheme;
  const year = requestedYear !== undefined && m.years.includes(requestedYear) ? requestedYear : m.defaultYear;
  if (requestedYear !== undefined && year !== requestedYear) notices.push(t('notice.noYear', { requested: requestedYear, year }));
  const [portfolio, detail, profile] = await Promise.all([
    getRegionPortfolio(region, year, m.baseYear, scheme),
    getPortfolioDetail(region, year, m.baseYear, scheme),
    familyProfile(directory, region).catch(() => undefined),
  ]);
  if (!context.isCurrent()) return;
  const selected = cluster !== undefined && portfolio.clusters.some((c) => c.code === cluster) ? cluster : undefined;
  context.settle({ region, year: String(year), cluster: selected, scheme });
  const name = portfolio.regionName;
  const heading = toolbar(context, directory, region, m.years, year, choice);
  heading.textContent = t('region.heading', { region: name });
  const grid = htmlElement('div', { class: 'panels' }, undefined, context.root);

  // Key figures.
  const traded = portfolio.clusters.filter((c) => c.type === 'traded');
  const strong = traded.filter((c) => c.strong);
  let estimated = 0;
  let total = 0;
  for (const c of portfolio.clusters) {
    estimated += c.employment * c.estimatedShare;
    total += c.employment;
  }
  const profilePanel = createPanel(grid, {
    id: 'profile',
    title: t('region.profileTitle', { region: name, year }),
    howTo: t('howTo.profileUs'),
    csv: () => figuresCsv(figures),
  });
  const figures: [string, string][] = [
    [t('figure.country'), t('kind.US')],
    [t('figure.totalEmployment'), formatEmployment(profile?.region.totalEmployment ?? total)],
    [t('figure.strongClusters'), t('figure.strongOf', { strong: strong.length, traded: traded.length })],
    [t('figure.clusterStrength'), formatShare(detail.clusterStrength)],
    [t('figure.estimatedShare'), formatShare(total > 0 ? estimated / total : null)],
    [t('figure.jobCreation', { baseYear: detail.baseYear, year: detail.year }), formatSignedNumber(detail.tradedCompetitiveEffect)],
  ];
  keyFigures(profilePanel, figures);
  profilePanel.summary.textContent = t('region.profileSummaryUs', { region: name, strong: strong.length });

  // Portfolio bubble chart.
  const chartPanel = createPanel(grid, {
    id: 'region-portfolio',
    title: t('portfolio.title', { region: name, baseYear: portfolio.baseYear, year: portfolio.year }),
    howTo: t('howTo.portfolio', { years: t('portfolio.years', { baseYear: portfolio.baseYear, year: portfolio.year }) }),
    svg: () => chartPanel.body.querySelector('svg.portfolio-chart'),
    csv: () => portfolioCsv(portfolio),
  });
  renderPortfolioLegend(chartPanel.legend);
  chartPanel.summary.textContent = t('region.portfolioSummary');
  const chartBox = htmlElement('div', { class: 'chart' }, undefined, chartPanel.body);
  const chart = createPortfolioChart(chartBox, {
    tooltip: context.tooltip,
    onSelectCluster: (code) => context.navigate('cluster', { cluster: code, region, year: String(year), scheme }, 'push'),
  });
  chart.update(portfolio, selected);

  // Strong clusters and stars.
  const starred = detail.clusters
    .filter((c) => c.type === 'traded' && (c.strong === true || (c.stars ?? 0) > 0))
    .sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || (b.lq ?? 0) - (a.lq ?? 0));
  const starsPanel = createPanel(grid, {
    id: 'stars',
    title: t('region.starsTitle', { region: name, year }),
    howTo: t('howTo.stars'),
    csv: () => starsCsv(detail, starred),
  });
  starsPanel.summary.textContent = t('region.starsSummary', { strong: strong.length, starred: starred.length });
  renderStarsTable(starsPanel, detail, starred, context, year, scheme);

  // Employment change against the national benchmark.
  const changes = detail.clusters
    .filter((c) => c.type === 'traded' && c.employmentChange !== null)
    .sort((a, b) => Math.abs(b.employmentChange ?? 0) - Math.abs(a.employmentChange ?? 0))
    .slice(0, 12);
  const changePanel = createPanel(grid, {
    id: 'change',
    title: t('region.changeTitle', { region: name, baseYear: detail.baseYear, year: detail.year }),
    howTo: t('howTo.change'),
    svg: () => changePanel.body.querySelector('svg'),
    csv: () => ({
      header: ['region', 'cluster', 'name', 'baseYear', 'year', 'baseEmployment', 'employment', 'employmentChange', 'expectedChange', 'competitiveEffect'],
      rows: changes.map((c) => [region, c.code, c.name, detail.baseYear, detail.year, c.baseEmployment, c.employment, c.employmentChange, c.expectedChange, c.competitiveEffect]),
    }),
  });
  changePanel.summary.textContent = t('region.changeSummary', { effect: formatSignedNumber(detail.tradedCompetitiveEffect), baseYear: detail.baseYear, year: detail.year });
  changePanel.legend.replaceChildren(changeLegend());
  renderBarChart(changePanel.body, {
    rows: changes.map((c) => ({
      key: c.code,
      label: c.name,
      value: c.employmentChange,
      colour: (c.employmentChange ?? 0) >= 0 ? GAIN : LOSS,
      marker: c.expectedChange,
      description: t('region.changeBar', {
        change: formatSignedNumber(c.employmentChange),
        expected: formatSignedNumber(c.expectedChange),
        effect: formatSignedNumber(c.competitiveEffect),
      }),
    })),
    scale: 'linear',
    format: formatSignedNumber,
    ariaLabel: t('region.changeLabel', { region: name, baseYear: detail.baseYear, year: detail.year }),
    axisTitle: t('region.changeAxis', { baseYear: detail.baseYear, year: detail.year }),
    testId: 'change-chart',
    tooltip: context.tooltip,
    onSelect: (code) => context.navigate('cluster', { cluster: code, region, year: String(year), scheme }, 'push'),
  });

  // Analyses from other routes load after the view is ready (each panel shows its own progress).
  void regionAnalysisPanels(grid, region, year, context, { clusters: true });
  context.title(`${name} · ${year}`);
  context.notice(notices.join(' '));
}

function changeLegend(): HTMLElement {
  const ul = htmlElement('ul', { class: 'marks' });
  const swatch = (label: string, draw: (svg: SVGSVGElement) => void): void => {
    const li = htmlElement('li', {}, undefined, ul);
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '22');
    svg.setAttribute('height', '16');
    svg.setAttribute('aria-hidden', 'true');
    li.appendChild(svg);
    draw(svg);
    htmlElement('span', {}, label, li);
  };
  const rect = (svg: SVGSVGElement, fill: string): void => {
    const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    for (const [k, v] of Object.entries({ x: '1', y: '3', width: '20', height: '10', fill, stroke: '#333' })) r.setAttribute(k, v);
    svg.appendChild(r);
  };
  swatch(t('legend.gain'), (svg) => rect(svg, GAIN));
  swatch(t('legend.loss'), (svg) => rect(svg, LOSS));
  swatch(t('legend.expected'), (svg) => {
    const l = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    for (const [k, v] of Object.entries({ x1: '11', x2: '11', y1: '1', y2: '15', stroke: '#000', 'stroke-width': '2.5' })) l.setAttribute(k, v);
    svg.appendChild(l);
  });
  return ul;
}

function figuresCsv(figures: readonly [string, string][]): CsvTable {
  return { header: [t('col.figure'), t('col.value')], rows: figures.map(([a, b]) => [a, b]) };
}

function portfolioCsv(portfolio: RegionPortfolio): CsvTable {
  return {
    header: ['region', 'cluster', 'name', 'type', 'year', 'baseYear', 'employment', 'baseEmployment', 'employmentChange', 'lq', 'strong', 'strong10', 'estimatedShare'],
    rows: portfolio.clusters.map((c) => [portfolio.region, c.code, c.name, c.type, portfolio.year, portfolio.baseYear, c.employment, c.baseEmployment, c.employmentChange, c.lq, c.strong, c.strong10, c.estimatedShare]),
  };
}

function starsCsv(detail: PortfolioDetail, rows: PortfolioDetail['clusters']): CsvTable {
  return {
    header: ['region', 'cluster', 'name', 'year', 'lq', 'employment', 'strong', 'strong10', 'stars', 'sizeStar', 'specialisationStar', 'focusStar', 'quadrant', 'growth', 'nationalGrowth'],
    rows: rows.map((c) => [detail.region, c.code, c.name, detail.year, c.lq, c.employment, c.strong, c.strong10, c.stars, c.sizeStar, c.specialisationStar, c.focusStar, c.quadrant, c.growth, c.nationalGrowth]),
  };
}

function quadrantLabel(quadrant: string | null): string {
  switch (quadrant) {
    case 'strong-and-growing':
      return t('quadrant.strongAndGrowing');
    case 'declining-strength':
      return t('quadrant.decliningStrength');
    case 'emerging':
      return t('quadrant.emerging');
    case 'transforming':
      return t('quadrant.transforming');
    default:
      return t('value.na');
  }
}

function renderStarsTable(panel: Panel, detail: PortfolioDetail, rows: PortfolioDetail['clusters'], context: ViewContext, year: number, scheme: string | undefined): void {
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'stars-table' });
  htmlElement('caption', {}, t('region.starsCaption'), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [t('col.cluster'), t('col.lq'), t('col.employment'), t('col.strong'), t('col.stars'), t('col.quadrant'), t('col.growthVsNation')]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const c of rows) {
    const tr = htmlElement('tr', { 'data-code': c.code }, undefined, body);
    const th = htmlElement('th', { scope: 'row' }, undefined, tr);
    htmlElement('a', { href: context.href('cluster', { cluster: c.code, region: detail.region, year: String(year), scheme }), 'data-route': 'cluster' }, c.name, th);
    htmlElement('td', { class: 'num' }, formatLocationQuotient(c.lq), tr);
    htmlElement('td', { class: 'num' }, formatEmployment(c.employment), tr);
    htmlElement('td', {}, c.strong10 ? t('strong.cell10') : c.strong ? t('strong.cell') : '', tr);
    const stars = c.stars ?? 0;
    const starCell = htmlElement('td', { 'aria-label': t('stars.aria', { count: stars }) }, undefined, tr);
    htmlElement('span', { 'aria-hidden': 'true', class: 'stars' }, '★'.repeat(stars) + '☆'.repeat(Math.max(0, 3 - stars)), starCell);
    htmlElement('td', {}, quadrantLabel(c.quadrant), tr);
    htmlElement('td', { class: 'num' }, `${formatEmploymentChange(c.growth)} / ${formatEmploymentChange(c.nationalGrowth)}`, tr);
  }
  panel.body.replaceChildren(htmlElement('div', { class: 'table-scroll' }, undefined));
  panel.body.firstElementChild?.appendChild(table);
}

async function showFamilyRegion(
  context: ViewContext,
  directory: RegionDirectory,
  region: string,
  requestedYear: number | undefined,
  notices: string[],
): Promise<void> {
  const latest = await familyProfile(directory, region);
  const { datasets } = await getDatasets();
  const years = datasets.find((d) => d.id === latest.region.dataset)?.years ?? [latest.region.year];
  const year = requestedYear !== undefined && years.includes(requestedYear) ? requestedYear : latest.region.year;
  if (requestedYear !== undefined && year !== requestedYear) notices.push(t('notice.noYear', { requested: requestedYear, year }));
  const first = Math.min(...years);
  const [profile, base] = await Promise.all([
    year === latest.region.year ? latest : familyProfile(directory, region, year),
    first < year ? familyProfile(directory, region, first).catch(() => undefined) : Promise.resolve(undefined),
  ]);
  if (!context.isCurrent()) return;
  context.settle({ region, year: String(year) });
  const r = profile.region;
  const name = regionName(r.region, r.name);
  const heading = toolbar(context, directory, region, years, year);
  heading.textContent = t('region.heading', { region: name });
  notices.push(t('region.noClusterData'));
  const grid = htmlElement('div', { class: 'panels' }, undefined, context.root);

  const profilePanel = createPanel(grid, {
    id: 'profile',
    title: t('region.profileTitle', { region: name, year }),
    howTo: t('howTo.profileFamilies'),
    csv: () => figuresCsv(figures),
  });
  const top = [...r.families].filter((f) => f.lq !== null).sort((a, b) => (b.lq ?? 0) - (a.lq ?? 0))[0];
  const topFamily = top ? profile.families.find((f) => f.code === top.code) : undefined;
  const figures: [string, string][] = [
    [t('figure.country'), `${t(`kind.${regionKind(region)}`)} (${r.country})`],
    [t('figure.dataset'), r.dataset],
    [t('figure.totalEmployment'), formatEmployment(r.totalEmployment)],
    [t('figure.coverage'), formatShare(r.coverage)],
    [t('figure.topFamily'), topFamily && top ? `${familyName(topFamily)} (LQ ${formatLocationQuotient(top.lq)})` : t('value.na')],
    [t('figure.estimatedShare'), t('figure.noSuppression')],
  ];
  keyFigures(profilePanel, figures);
  profilePanel.summary.textContent = t('region.profileSummaryFamilies', { region: name, year });

  const familiesPanel = createPanel(grid, {
    id: 'families',
    title: t('region.familiesTitle', { region: name, year }),
    howTo: t('howTo.families'),
    svg: () => familiesPanel.body.querySelector('svg'),
    csv: () => familyCsv([profile]),
  });
  familiesPanel.summary.textContent = t('region.familiesSummary', { country: r.country });
  renderBarChart(familiesPanel.body, {
    rows: profile.families.map((f) => {
      const v = r.families.find((x) => x.code === f.code);
      const lq = v?.lq ?? null;
      return {
        key: f.code,
        label: familyName(f),
        value: lq,
        colour: locationQuotientColour(lq),
        description: t('region.familyBar', { lq: formatLocationQuotient(lq), share: formatShare(v?.share ?? null), employment: formatEmployment(v?.employment ?? null) }),
      };
    }),
    scale: 'log',
    format: formatLocationQuotient,
    ariaLabel: t('region.familiesLabel', { region: name, year }),
    axisTitle: t('region.familiesAxis', { country: r.country }),
    testId: 'families-chart',
    tooltip: context.tooltip,
  });

  const changePanel = createPanel(grid, {
    id: 'family-change',
    title: base ? t('region.familyChangeTitle', { region: name, first: base.region.year, year }) : t('region.familyChangeTitleNone', { region: name }),
    howTo: t('howTo.familyChange'),
    csv: () => familyCsv(base ? [base, profile] : [profile]),
  });
  if (base) renderFamilyChange(changePanel, profile, base);
  else changePanel.summary.textContent = t('region.familyChangeNone');

  // Analyses from other routes load after the view is ready (each panel shows its own progress).
  void regionAnalysisPanels(grid, region, year, context, { clusters: false });
  context.title(`${name} · ${year}`);
  context.notice(notices.join(' '));
}

function familyCsv(profiles: readonly FamilyProfile[]): CsvTable {
  const rows: (string | number | null)[][] = [];
  for (const p of profiles) {
    for (const f of p.families) {
      const v = p.region.families.find((x) => x.code === f.code);
      rows.push([p.region.region, p.region.name, p.region.country, p.region.year, f.code, f.shortName, v?.employment ?? null, v?.share ?? null, v?.lq ?? null]);
    }
  }
  return { header: ['region', 'name', 'country', 'year', 'family', 'familyName', 'employment', 'share', 'lq'], rows };
}

function renderFamilyChange(panel: Panel, now: FamilyProfile, base: FamilyProfile): void {
  const table = htmlElement('table', { class: 'data-table', 'data-testid': 'family-change-table' });
  htmlElement('caption', {}, t('region.familyChangeCaption', { first: base.region.year, year: now.region.year }), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const h of [
    t('col.family'),
    t('col.lqYear', { year: base.region.year }),
    t('col.lqYear', { year: now.region.year }),
    t('col.employmentYear', { year: base.region.year }),
    t('col.employmentYear', { year: now.region.year }),
    t('col.change'),
  ]) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const f of now.families) {
    const a = base.region.families.find((x) => x.code === f.code);
    const b = now.region.families.find((x) => x.code === f.code);
    const tr = htmlElement('tr', {}, undefined, body);
    htmlElement('th', { scope: 'row' }, familyName(f), tr);
    htmlElement('td', { class: 'num' }, formatLocationQuotient(a?.lq ?? null), tr);
    htmlElement('td', { class: 'num' }, formatLocationQuotient(b?.lq ?? null), tr);
    htmlElement('td', { class: 'num' }, formatEmployment(a?.employment ?? null), tr);
    htmlElement('td', { class: 'num' }, formatEmployment(b?.employment ?? null), tr);
    const change = a?.employment && b?.employment !== undefined && b.employment !== null ? b.employment / a.employment - 1 : null;
    htmlElement('td', { class: 'num' }, formatEmploymentChange(change), tr);
  }
  panel.body.replaceChildren(table);
  const totalA = base.region.totalEmployment;
  const totalB = now.region.totalEmployment;
  panel.summary.textContent = t('region.familyChangeSummary', {
    first: base.region.year,
    year: now.region.year,
    change: formatEmploymentChange(totalA && totalB !== null ? totalB / totalA - 1 : null),
  });
}
