/**
 * The Policy view's "Porter's diamond" panel: a US state × benchmark cluster diamond
 * (GET /api/v1/regions/{region}/diamond?cluster=&peers=), drawn as a diamond whose four corners show each
 * indicator's z-score against the peers as a dot on a short axis, with the table of every indicator (value,
 * peer mean and sd, z, source) below. The choice lives in the URL: `diamondRegion`, `diamondCluster`, `peers`.
 */
import { API_BASE, ApiError, getClusters, getJson, isMissingRoute, type ClusterSummary } from '../api-client.js';
import type { CsvTable } from '../chart-export.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import { formatEmployment } from '../format.js';
import type { MessageKey } from '../i18n/en.js';
import { t } from '../i18n/translate.js';
import { regionName } from '../region-names.js';
import { htmlElement, svgElement } from '../svg.js';
import { regionOptions, selectField } from './controls.js';
import { findRegion, loadRegionDirectory } from './region-directory.js';
import { renderRowTable } from './row-table.js';
import type { ViewContext } from './view.js';

/** The defaults of the panel: Washington's aerospace cluster against every other state. */
export const DIAMOND_DEFAULTS = Object.freeze({ region: 'WA', cluster: 'aerospace-vehicles-and-defense' });

/** The corners the panel draws, in the order top, right, bottom, left. */
const CORNERS = ['firm-strategy-structure-and-rivalry', 'demand-conditions', 'related-and-supporting-industries', 'factor-conditions'] as const;

/** One indicator of a corner, as GET …/diamond gives it. */
interface DiamondIndicator {
  readonly id: string;
  readonly name: string;
  readonly direction: 'positive' | 'negative';
  readonly value: number | null;
  readonly peerCount: number;
  readonly peerMean: number | null;
  readonly peerSd: number | null;
  readonly peerMin: number | null;
  readonly peerMax: number | null;
  readonly score: number | null;
  readonly source: string;
  readonly method: string;
}

/** The parts of GET /api/v1/regions/{region}/diamond the panel reads. */
export interface RegionDiamond {
  readonly region: string;
  readonly regionName: string;
  readonly cluster: { readonly code: string; readonly name: string; readonly type: string } | null;
  readonly year: number;
  readonly baseYear: number | null;
  readonly peers: readonly string[];
  readonly expertWeight?: number;
  readonly corners: readonly {
    readonly corner: string;
    readonly score: number | null;
    readonly basis: string;
    readonly indicatorScore?: number | null;
    readonly expertRating?: number | null;
    readonly indicators: readonly DiamondIndicator[];
  }[];
  readonly missingCorners: readonly { readonly corner: string; readonly reason: string }[];
  readonly diagnostics: readonly string[];
}

/** What the URL asks the panel to show. */
export interface DiamondChoice {
  readonly diamondRegion: string | undefined;
  readonly diamondCluster: string | undefined;
  readonly peers: string | undefined;
  /** Expert ratings `corner:rating,…` (1–5, 3 = on a par with the peers), combined with the indicators by the API. */
  readonly ratings?: string | undefined;
}

/** Okabe–Ito blue (above the peers) and vermillion (below), each with a sign in the printed value. */
const ABOVE = '#0072b2';
const BELOW = '#d55e00';
/** The z axis of each corner: ±3 sd, values beyond drawn at the edge with their printed value. */
const Z_LIMIT = 3;

/** A z-score with its sign: 1.234 → "+1.23", −0.5 → "−0.50". */
export function formatZ(z: number | null): string {
  if (z === null || !Number.isFinite(z)) return t('value.na');
  const text = Math.abs(z).toFixed(2);
  return z > 0 && text !== '0.00' ? `+${text}` : z < 0 && text !== '0.00' ? `−${text}` : text;
}

/** An indicator value: large numbers as whole numbers, small ones with three decimals. */
export function formatIndicatorValue(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return t('value.na');
  return Math.abs(value) >= 100 ? formatEmployment(value) : value.toFixed(3);
}

function cornerName(corner: string): string {
  const key = `diamond.corner.${corner}`;
  return (CORNERS as readonly string[]).includes(corner) ? t(key as MessageKey) : corner;
}

/**
 * Renders the panel into `grid`: the form (state, cluster, peers), then, once the diamond has loaded, the chart
 * and the table. Resolves when the panel is drawn (the section's aria-busy says so too).
 */
export async function renderDiamondPanel(grid: HTMLElement, choice: DiamondChoice, context: ViewContext, choose: (next: DiamondChoice) => void): Promise<void> {
  const out: { csv?: CsvTable } = {};
  const panel = createPanel(grid, {
    id: 'policy-diamond',
    title: t('diamond.title'),
    howTo: t('howTo.policyDiamond'),
    svg: () => panel.body.querySelector<SVGSVGElement>('svg[data-testid="policy-diamond-chart"]'),
    csv: () => out.csv,
    wide: true,
  });
  panel.section.setAttribute('aria-busy', 'true');
  panel.summary.textContent = t('loading');
  const form = htmlElement('form', { class: 'go-form', 'aria-label': t('diamond.formLabel') });
  panel.body.before(form);
  const regionSelect = selectField(form, t('controls.state'), 'policy-diamond-region');
  const clusterSelect = selectField(form, t('controls.cluster'), 'policy-diamond-cluster');
  const peersLabel = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, t('diamond.peers'), peersLabel);
  const peersInput = htmlElement('input', { type: 'text', id: 'policy-diamond-peers', 'data-testid': 'policy-diamond-peers', placeholder: t('diamond.peersPlaceholder'), size: 24 }, undefined, peersLabel);
  peersInput.value = choice.peers ?? '';
  const ratingsLabel = htmlElement('label', {}, undefined, form);
  htmlElement('span', { class: 'label-text' }, t('diamond.ratings'), ratingsLabel);
  const ratingsInput = htmlElement('input', { type: 'text', id: 'policy-diamond-ratings', 'data-testid': 'policy-diamond-ratings', placeholder: t('diamond.ratingsPlaceholder'), size: 32 }, undefined, ratingsLabel);
  ratingsInput.value = choice.ratings ?? '';
  htmlElement('button', { type: 'submit', 'data-testid': 'policy-diamond-show' }, t('diamond.show'), form);

  let directory: Awaited<ReturnType<typeof loadRegionDirectory>>;
  let clusters: readonly ClusterSummary[];
  try {
    [directory, { clusters }] = await Promise.all([loadRegionDirectory(), getClusters(context.meta.defaultYear)]);
  } catch (error) {
    panel.section.setAttribute('aria-busy', 'false');
    showFailure(panel.body, panel.summary, error);
    return;
  }
  if (!context.isCurrent()) return;
  const region = findRegion(directory, choice.diamondRegion ?? DIAMOND_DEFAULTS.region) ?? findRegion(directory, DIAMOND_DEFAULTS.region);
  regionOptions(regionSelect, directory, region?.id, ['US']);
  const traded = htmlElement('optgroup', { label: t('controls.tradedClusters') }, undefined, clusterSelect);
  const local = htmlElement('optgroup', { label: t('controls.localClusters') }, undefined, clusterSelect);
  for (const c of [...clusters].sort((a, b) => a.name.localeCompare(b.name))) htmlElement('option', { value: c.code }, c.name, c.type === 'traded' ? traded : local);
  const wanted = (choice.diamondCluster ?? DIAMOND_DEFAULTS.cluster).toLowerCase();
  clusterSelect.value = clusters.some((c) => c.code === wanted) ? wanted : DIAMOND_DEFAULTS.cluster;
  const submit = (): void =>
    choose({
      diamondRegion: regionSelect.value,
      diamondCluster: clusterSelect.value,
      peers: peersInput.value.replace(/\s+/g, '') || undefined,
      ratings: ratingsInput.value.replace(/\s+/g, '') || undefined,
    });
  regionSelect.addEventListener('change', submit);
  clusterSelect.addEventListener('change', submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  const peers = choice.peers?.replace(/\s+/g, '');
  const query = new URLSearchParams({ cluster: clusterSelect.value });
  if (peers) query.set('peers', peers);
  const ratings = choice.ratings?.replace(/\s+/g, '');
  if (ratings) query.set('ratings', ratings);
  let diamond: RegionDiamond;
  try {
    diamond = await getJson<RegionDiamond>(`${API_BASE}/regions/${encodeURIComponent(regionSelect.value)}/diamond?${query.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':')}`);
  } catch (error) {
    if (!context.isCurrent()) return;
    panel.section.setAttribute('aria-busy', 'false');
    if (isMissingRoute(error)) {
      panel.summary.textContent = '';
      renderUnavailable(panel.body, t('diamond.title'));
    } else showFailure(panel.body, panel.summary, error);
    return;
  }
  if (!context.isCurrent()) return;
  const name = regionName(diamond.region, diamond.regionName);
  const clusterName = diamond.cluster?.name ?? '';
  panel.setTitle(t('diamond.heading', { region: name, cluster: clusterName }));
  panel.summary.textContent = t('diamond.summary', { region: name, cluster: clusterName, year: diamond.year, peers: diamond.peers.length });
  renderDiamondChart(panel.body, diamond, name, clusterName);
  renderLegend(panel.legend);
  const rows = diamond.corners.flatMap((c) => c.indicators.map((i) => ({ corner: c.corner, ...i })));
  const table = htmlElement('div', {}, undefined, panel.body);
  out.csv = renderRowTable(table, rows, [
    { header: t('diamond.col.corner'), csv: 'corner', value: (r) => r.corner, text: (r) => cornerName(r.corner) },
    { header: t('diamond.col.indicator'), csv: 'indicator', value: (r) => r.id, text: (r) => r.name },
    { header: t('diamond.col.value'), csv: 'value', value: (r) => r.value, text: (r) => formatIndicatorValue(r.value), numeric: true },
    { header: t('diamond.col.peerMean'), csv: 'peerMean', value: (r) => r.peerMean, text: (r) => formatIndicatorValue(r.peerMean), numeric: true },
    { header: t('diamond.col.peerSd'), csv: 'peerSd', value: (r) => r.peerSd, text: (r) => formatIndicatorValue(r.peerSd), numeric: true },
    { header: t('diamond.col.peerCount'), csv: 'peerCount', value: (r) => r.peerCount, numeric: true },
    { header: t('diamond.col.z'), csv: 'z', value: (r) => r.score, text: (r) => formatZ(r.score), numeric: true },
    { header: t('diamond.col.direction'), csv: 'direction', value: (r) => r.direction, text: (r) => t(r.direction === 'negative' ? 'diamond.direction.negative' : 'diamond.direction.positive') },
    { header: t('diamond.col.source'), csv: 'source', value: (r) => r.source },
  ], { caption: t('diamond.caption', { region: name, cluster: clusterName }), testId: 'policy-diamond-table', rowKey: (r) => r.id });
  // Indicator names, sources and the server's notes are English (they come with the data).
  for (const row of table.querySelectorAll('tbody tr')) {
    row.children[1]?.setAttribute('lang', 'en');
    row.lastElementChild?.setAttribute('lang', 'en');
  }
  for (const c of diamond.corners) {
    if (c.expertRating === null || c.expertRating === undefined) continue;
    htmlElement('p', { class: 'chart-note', 'data-testid': 'policy-diamond-expert' }, t('diamond.expertNote', {
      corner: cornerName(c.corner),
      rating: c.expertRating,
      indicators: formatZ(c.indicatorScore ?? null),
      weight: diamond.expertWeight ?? 0.5,
      score: formatZ(c.score),
    }), panel.body);
  }
  for (const note of [...diamond.missingCorners.map((m) => `${cornerName(m.corner)}: ${m.reason}`), ...diamond.diagnostics]) {
    htmlElement('p', { class: 'chart-note', lang: 'en' }, note, panel.body);
  }
  panel.section.setAttribute('aria-busy', 'false');
}

/** The two dot colours, each with its meaning in words. */
function renderLegend(legend: HTMLElement): void {
  legend.replaceChildren();
  const marks = htmlElement('ul', { class: 'marks' }, undefined, legend);
  for (const [colour, key] of [[ABOVE, 'diamond.legend.above'], [BELOW, 'diamond.legend.below']] as const) {
    const item = htmlElement('li', {}, undefined, marks);
    const dot = svgElement('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, item);
    svgElement('circle', { cx: 6, cy: 6, r: 5, fill: colour, stroke: '#222', 'stroke-width': 0.8 }, dot);
    item.append(t(key));
  }
}

/** The server's reason (e.g. an unknown peer) in the panel, as an alert. */
function showFailure(body: HTMLElement, summary: HTMLElement, error: unknown): void {
  summary.textContent = '';
  body.replaceChildren();
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : error instanceof Error ? error.message : String(error);
  htmlElement('p', { class: 'form-error', role: 'alert', 'data-testid': 'policy-diamond-error' }, t('diamond.failed', { message }), body);
}

/**
 * The diamond: four corner boxes at the points of a rhombus (rivalry at the top, demand right, related and
 * supporting industries at the bottom, factor conditions left, as in Porter's figure), each with its corner score
 * and one row per indicator: a dot at its z on a −3…+3 axis (0 = the peers' mean), filled blue above the mean
 * and vermillion below, with the signed value printed beside it so that colour is never the only cue.
 */
function renderDiamondChart(container: HTMLElement, diamond: RegionDiamond, region: string, cluster: string): SVGSVGElement {
  const width = 960;
  const boxWidth = 340;
  const rowHeight = 22;
  const headHeight = 26;
  const byCorner = new Map(diamond.corners.map((c) => [c.corner, c]));
  const rowsOf = (corner: string): number => Math.max(1, byCorner.get(corner)?.indicators.length ?? 0);
  const boxHeight = (corner: string): number => headHeight + rowsOf(corner) * rowHeight + 22;
  const [top, right, bottom, left] = CORNERS;
  // The side boxes sit lower than the top box and higher than the bottom one, leaving the rhombus's middle free.
  const sideHeight = Math.max(boxHeight(left), boxHeight(right)) + 40;
  const height = boxHeight(top) + sideHeight + boxHeight(bottom) + 40;
  const middle = boxHeight(top) + 20 + sideHeight / 2;
  const positions: Record<string, { x: number; y: number }> = {
    [top]: { x: (width - boxWidth) / 2, y: 8 },
    [right]: { x: width - boxWidth - 8, y: middle - boxHeight(right) / 2 },
    [bottom]: { x: (width - boxWidth) / 2, y: height - boxHeight(bottom) - 8 },
    [left]: { x: 8, y: middle - boxHeight(left) / 2 },
  };
  const svg = svgElement('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'diamond-chart',
    role: 'img',
    'aria-label': t('diamond.chartLabel', { region, cluster }),
    'data-testid': 'policy-diamond-chart',
  });
  // The rhombus joining the corners' centres, behind the boxes.
  const centre = (corner: string): string => {
    const p = positions[corner]!;
    return `${p.x + boxWidth / 2},${p.y + boxHeight(corner) / 2}`;
  };
  svgElement('polygon', { points: CORNERS.map(centre).join(' '), class: 'diamond-outline' }, svg);
  svgElement('text', { x: width / 2, y: middle + 4, 'text-anchor': 'middle', class: 'diamond-centre' }, svg).textContent = cluster;
  const labelWidth = 160;
  const axisLeft = labelWidth + 12;
  const axisWidth = boxWidth - axisLeft - 56;
  const xOf = (z: number): number => axisLeft + ((Math.max(-Z_LIMIT, Math.min(Z_LIMIT, z)) + Z_LIMIT) / (2 * Z_LIMIT)) * axisWidth;
  for (const corner of CORNERS) {
    const p = positions[corner]!;
    const entry = byCorner.get(corner);
    const g = svgElement('g', { transform: `translate(${p.x},${p.y})`, class: 'diamond-corner', 'data-corner': corner }, svg);
    svgElement('rect', { x: 0, y: 0, width: boxWidth, height: boxHeight(corner), rx: 6, class: 'diamond-box' }, g);
    svgElement('text', { x: 10, y: 18, class: 'diamond-corner-title' }, g).textContent = `${cornerName(corner)}: ${entry ? formatZ(entry.score) : t('value.na')}`;
    const y0 = headHeight;
    const y1 = y0 + rowsOf(corner) * rowHeight;
    // 0 = the peers' mean; ±1 sd ticks; the axis labels under the rows.
    for (const z of [-Z_LIMIT, -1, 0, 1, Z_LIMIT]) {
      svgElement('line', { x1: xOf(z), x2: xOf(z), y1: y0, y2: y1, class: z === 0 ? 'diamond-zero' : 'diamond-grid' }, g);
      svgElement('text', { x: xOf(z), y: y1 + 13, 'text-anchor': 'middle', class: 'tick' }, g).textContent = z === 0 ? '0' : formatZ(z).replace('.00', '');
    }
    if (!entry || entry.indicators.length === 0) {
      const reason = diamond.missingCorners.find((m) => m.corner === corner);
      svgElement('text', { x: 10, y: y0 + 15, class: 'diamond-missing' }, g).textContent = reason ? t('diamond.noIndicator') : t('value.na');
      continue;
    }
    entry.indicators.forEach((indicator, i) => {
      const y = y0 + i * rowHeight + rowHeight / 2;
      const label = indicator.name.length > 27 ? `${indicator.name.slice(0, 26)}…` : indicator.name;
      const text = svgElement('text', { x: 10, y: y + 4, class: 'row-label', lang: 'en' }, g);
      text.textContent = label;
      svgElement('title', {}, text).textContent = indicator.name;
      const z = indicator.score;
      if (z !== null && Number.isFinite(z)) {
        svgElement('line', { x1: xOf(0), x2: xOf(z), y1: y, y2: y, stroke: z >= 0 ? ABOVE : BELOW, 'stroke-width': 3 }, g);
        svgElement('circle', { cx: xOf(z), cy: y, r: 5, fill: z >= 0 ? ABOVE : BELOW, stroke: '#222', 'stroke-width': 0.8, 'data-indicator': indicator.id }, g);
      }
      svgElement('text', { x: boxWidth - 8, y: y + 4, 'text-anchor': 'end', class: 'bar-value' }, g).textContent = formatZ(z);
    });
  }
  container.replaceChildren(svg);
  return svg;
}
