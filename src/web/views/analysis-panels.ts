/**
 * Panels for the analyses other parts of the API offer: a region's peers, opportunities and supply-chain
 * gaps; a cluster's related clusters and LISA hot spots. Each is optional: when the route is missing
 * (404) the panel says "not available yet"; when it refuses the region (e.g. cluster analyses of a
 * non-US region) the panel shows the server's reason.
 */
import { API_BASE, getJson, isMissingRoute, schemeQuery } from '../api-client.js';
import { createPanel, renderUnavailable } from '../chart-panel.js';
import type { CsvTable } from '../chart-export.js';
import { formatEmployment, formatLocationQuotient, formatShare } from '../format.js';
import type { MessageKey } from '../i18n/en.js';
import { t } from '../i18n/translate.js';
import { regionName } from '../region-names.js';
import { htmlElement } from '../svg.js';
import { renderRowTable, type Column } from './row-table.js';
import type { ViewContext } from './view.js';

const decimal = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? t('value.na') : v.toFixed(digits);

interface Peers {
  readonly profile?: string;
  readonly candidates?: number;
  readonly peers: readonly {
    rank: number;
    region: string;
    name: string;
    score: number;
    profileSimilarity: number | null;
    sharedJaccard: number | null;
    shared: readonly string[];
    totalEmployment: number | null;
  }[];
}

interface Opportunities {
  readonly thresholds?: { densityRule?: string; complexityRule?: string };
  readonly opportunities: readonly {
    code: string;
    name: string;
    employment: number;
    lq: number | null;
    density: number | null;
    complexity: number | null;
    quadrant: string | null;
    relatedSpecialisations?: readonly { code: string; name: string; relatedness: number }[];
  }[];
}

interface SupplyChainGaps {
  readonly clusters: readonly {
    code: string;
    name: string;
    lq: number | null;
    gaps: readonly { code: string; name: string; inputShare: number; lq: number | null; gapScore: number }[];
  }[];
}

interface Related {
  readonly related: readonly {
    code: string;
    name: string;
    cmp: number | null;
    cmpPercentile: number | null;
    cmpRelated: boolean | null;
    proximity: number | null;
    colocation: number | null;
    inputOutput: number | null;
  }[];
}

interface HotSpots {
  readonly permutations?: number;
  readonly alpha?: number;
  readonly regions: readonly {
    region: string;
    name: string;
    lq: number | null;
    localI: number | null;
    quadrant: string | null;
    pValue: number | null;
    qValue?: number | null;
    significant: boolean;
    classification: string;
  }[];
}

/** What an optional panel needs to know. */
interface OptionalPanel<T> {
  readonly id: string;
  readonly title: string;
  readonly howTo: string;
  readonly url: string;
  /** Renders the data; returns the CSV and a one-line summary. */
  readonly render: (body: HTMLElement, data: T) => { csv: CsvTable; summary: string };
}

async function optionalPanel<T>(grid: HTMLElement, spec: OptionalPanel<T>): Promise<void> {
  let csv: CsvTable | undefined;
  const panel = createPanel(grid, { id: spec.id, title: spec.title, howTo: spec.howTo, csv: () => csv });
  panel.section.setAttribute('aria-busy', 'true');
  panel.summary.textContent = t('loading');
  let data: T;
  try {
    data = await getJson<T>(spec.url);
  } catch (error) {
    panel.section.setAttribute('aria-busy', 'false');
    panel.summary.textContent = '';
    if (isMissingRoute(error)) {
      renderUnavailable(panel.body, spec.title);
    } else {
      panel.body.replaceChildren();
      const reason = error instanceof Error ? error.message : String(error);
      htmlElement('p', { class: 'unavailable', 'data-testid': 'not-applicable', lang: 'en' }, t('analysis.notApplicable', { reason }), panel.body);
    }
    return;
  }
  panel.section.setAttribute('aria-busy', 'false');
  try {
    const result = spec.render(panel.body, data);
    csv = result.csv;
    panel.summary.textContent = result.summary;
  } catch {
    renderUnavailable(panel.body, spec.title);
  }
}

/** Peers, opportunities and supply-chain gaps of a region. */
export async function regionAnalysisPanels(grid: HTMLElement, region: string, year: number, context: ViewContext, options: { clusters: boolean }): Promise<void> {
  const base = `${API_BASE}/regions/${encodeURIComponent(region)}`;
  const tasks: Promise<void>[] = [
    optionalPanel<Peers>(grid, {
      id: 'peers',
      title: t('region.peersTitle'),
      howTo: t('howTo.peers'),
      url: `${base}/peers?year=${year}`,
      render: (body, data) => {
        const columns: Column<Peers['peers'][number]>[] = [
          { header: t('col.region'), csv: 'region', value: (r) => r.region, text: (r) => `${regionName(r.region, r.name)} (${r.region})`, link: (r) => ({ href: context.href('region', { region: r.region }), route: 'region' }) },
          { header: t('col.rank'), csv: 'rank', value: (r) => r.rank, numeric: true },
          { header: t('col.score'), csv: 'score', value: (r) => r.score, text: (r) => decimal(r.score), numeric: true },
          { header: t('col.profileSimilarity'), csv: 'profileSimilarity', value: (r) => r.profileSimilarity, text: (r) => decimal(r.profileSimilarity), numeric: true },
          { header: t('col.shared'), csv: 'shared', value: (r) => r.shared.join(' '), text: (r) => String(r.shared.length), numeric: true },
          { header: t('col.totalEmployment'), csv: 'totalEmployment', value: (r) => r.totalEmployment, text: (r) => formatEmployment(r.totalEmployment), numeric: true },
        ];
        const rows = data.peers.slice(0, 10);
        const csv = renderRowTable(body, rows, columns, { caption: t('region.peersCaption'), testId: 'peers-table', rowKey: (r) => r.region });
        return { csv, summary: t('region.peersSummary', { count: rows.length, candidates: data.candidates ?? data.peers.length }) };
      },
    }),
  ];
  if (options.clusters) {
    tasks.push(
      optionalPanel<Opportunities>(grid, {
        id: 'opportunities',
        title: t('region.opportunitiesTitle'),
        howTo: t('howTo.opportunities'),
        url: `${base}/opportunities?year=${year}`,
        render: (body, data) => {
          const columns: Column<Opportunities['opportunities'][number]>[] = [
            { header: t('col.cluster'), csv: 'cluster', value: (r) => r.code, text: (r) => r.name, link: (r) => ({ href: context.href('cluster', { cluster: r.code, region, year: String(year) }), route: 'cluster' }) },
            { header: t('col.opportunityType'), csv: 'quadrant', value: (r) => r.quadrant, text: (r) => opportunityLabel(r.quadrant) },
            { header: t('col.density'), csv: 'density', value: (r) => r.density, text: (r) => decimal(r.density), numeric: true },
            { header: t('col.complexity'), csv: 'complexity', value: (r) => r.complexity, text: (r) => decimal(r.complexity), numeric: true },
            { header: t('col.lq'), csv: 'lq', value: (r) => r.lq, text: (r) => formatLocationQuotient(r.lq), numeric: true },
            { header: t('col.relatedStrengths'), csv: 'relatedSpecialisations', value: (r) => (r.relatedSpecialisations ?? []).map((s) => s.code).join(' '), text: (r) => (r.relatedSpecialisations ?? []).slice(0, 2).map((s) => s.name).join(t('list.separator')) },
          ];
          const rows = data.opportunities.slice(0, 12);
          const csv = renderRowTable(body, rows, columns, { caption: t('region.opportunitiesCaption'), testId: 'opportunities-table', rowKey: (r) => r.code });
          return { csv, summary: t('region.opportunitiesSummary', { count: data.opportunities.length }) };
        },
      }),
      optionalPanel<SupplyChainGaps>(grid, {
        id: 'supply-chain-gaps',
        title: t('region.gapsTitle'),
        howTo: t('howTo.gaps'),
        url: `${base}/supply-chain-gaps?year=${year}`,
        render: (body, data) => {
          const rows = data.clusters.flatMap((c) => c.gaps.slice(0, 3).map((g) => ({ cluster: c, gap: g })));
          const columns: Column<(typeof rows)[number]>[] = [
            { header: t('col.strongCluster'), csv: 'cluster', value: (r) => r.cluster.code, text: (r) => r.cluster.name },
            { header: t('col.missingSupplier'), csv: 'supplier', value: (r) => r.gap.code, text: (r) => r.gap.name, link: (r) => ({ href: context.href('cluster', { cluster: r.gap.code, region, year: String(year) }), route: 'cluster' }) },
            { header: t('col.inputShare'), csv: 'inputShare', value: (r) => r.gap.inputShare, text: (r) => formatShare(r.gap.inputShare), numeric: true },
            { header: t('col.supplierLq'), csv: 'supplierLq', value: (r) => r.gap.lq, text: (r) => formatLocationQuotient(r.gap.lq), numeric: true },
            { header: t('col.gapScore'), csv: 'gapScore', value: (r) => r.gap.gapScore, text: (r) => decimal(r.gap.gapScore, 3), numeric: true },
          ];
          const csv = renderRowTable(body, rows, columns, { caption: t('region.gapsCaption'), testId: 'gaps-table' });
          return { csv, summary: t('region.gapsSummary', { count: data.clusters.length }) };
        },
      }),
    );
  }
  await Promise.all(tasks);
}

function opportunityLabel(quadrant: string | null): string {
  const keys: Record<string, MessageKey> = {
    'best-bet': 'opportunity.bestBet',
    'high-risk-high-gain': 'opportunity.highRisk',
    'low-risk-low-gain': 'opportunity.lowRisk',
    'least-attractive': 'opportunity.leastAttractive',
  };
  const key = quadrant === null ? undefined : keys[quadrant];
  return key ? t(key) : (quadrant ?? t('value.na'));
}

function hotSpotLabel(classification: string): string {
  const keys: Record<string, MessageKey> = {
    'hot-spot': 'hotSpot.hot',
    'cold-spot': 'hotSpot.cold',
    'high-outlier': 'hotSpot.highOutlier',
    'low-outlier': 'hotSpot.lowOutlier',
    'not-significant': 'hotSpot.notSignificant',
  };
  const key = keys[classification];
  return key ? t(key) : classification;
}

/**
 * Related clusters and LISA hot spots of a cluster. Of a user `scheme`'s cluster only the hot spots: related
 * clusters rest on the benchmark (docs/data/cluster-schemes.md).
 */
export async function clusterAnalysisPanels(grid: HTMLElement, cluster: string, year: number, region: string, context: ViewContext, scheme?: string): Promise<void> {
  const base = `${API_BASE}/clusters/${encodeURIComponent(cluster)}`;
  const tasks: Promise<void>[] = [
    optionalPanel<HotSpots>(grid, {
      id: 'hot-spots',
      title: t('cluster.hotSpotsTitle'),
      howTo: t('howTo.hotSpots'),
      url: `${base}/hot-spots?year=${year}${schemeQuery(scheme)}`,
      render: (body, data) => {
        const significant = data.regions.filter((r) => r.significant).sort((a, b) => (a.pValue ?? 1) - (b.pValue ?? 1));
        const columns: Column<HotSpots['regions'][number]>[] = [
          { header: t('col.state'), csv: 'region', value: (r) => r.region, text: (r) => r.name, link: (r) => ({ href: context.href('region', { region: r.region, year: String(year) }), route: 'region' }) },
          { header: t('col.hotSpotType'), csv: 'classification', value: (r) => r.classification, text: (r) => hotSpotLabel(r.classification) },
          { header: t('col.lq'), csv: 'lq', value: (r) => r.lq, text: (r) => formatLocationQuotient(r.lq), numeric: true },
          { header: t('col.localI'), csv: 'localI', value: (r) => r.localI, text: (r) => decimal(r.localI, 3), numeric: true },
          { header: t('col.pValue'), csv: 'pValue', value: (r) => r.pValue, text: (r) => decimal(r.pValue, 3), numeric: true },
        ];
        const csv = renderRowTable(body, significant, columns, { caption: t('cluster.hotSpotsCaption'), testId: 'hot-spots-table', rowKey: (r) => r.region });
        const hot = significant.filter((r) => r.classification === 'hot-spot').map((r) => r.name);
        return {
          csv: { header: csv.header, rows: data.regions.map((r) => columns.map((c) => c.value(r))) },
          summary:
            significant.length === 0
              ? t('cluster.hotSpotsNone', { permutations: data.permutations ?? 0 })
              : t('cluster.hotSpotsSummary', { count: significant.length, hot: hot.length > 0 ? hot.join(t('list.separator')) : t('value.na') }),
        };
      },
    }),
  ];
  if (scheme !== undefined) {
    await Promise.all(tasks);
    return;
  }
  tasks.push(
    optionalPanel<Related>(grid, {
      id: 'related',
      title: t('cluster.relatedTitle'),
      howTo: t('howTo.related'),
      url: `${base}/related?year=${year}`,
      render: (body, data) => {
        const columns: Column<Related['related'][number]>[] = [
          { header: t('col.cluster'), csv: 'cluster', value: (r) => r.code, text: (r) => r.name, link: (r) => ({ href: context.href('cluster', { cluster: r.code, region, year: String(year) }), route: 'cluster' }) },
          { header: t('col.relatedness'), csv: 'cmp', value: (r) => r.cmp, text: (r) => decimal(r.cmp, 3), numeric: true },
          { header: t('col.percentile'), csv: 'cmpPercentile', value: (r) => r.cmpPercentile, numeric: true },
          { header: t('col.colocation'), csv: 'colocation', value: (r) => r.colocation, text: (r) => decimal(r.colocation, 3), numeric: true },
          { header: t('col.inputOutput'), csv: 'inputOutput', value: (r) => r.inputOutput, text: (r) => decimal(r.inputOutput, 3), numeric: true },
        ];
        const rows = data.related.slice(0, 10);
        const csv = renderRowTable(body, rows, columns, { caption: t('cluster.relatedCaption'), testId: 'related-table', rowKey: (r) => r.code });
        return { csv, summary: t('cluster.relatedSummary', { count: rows.length }) };
      },
    }),
  );
  await Promise.all(tasks);
}
