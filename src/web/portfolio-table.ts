/**
 * The portfolio as a table: every cluster (traded and local) of the chosen state with LQ, employment,
 * change, strength and the share estimated from suppressed cells. The accessible twin of the bubble chart.
 */
import type { RegionPortfolio } from './api-client.js';
import {
  describeEstimatedShare,
  formatEmployment,
  formatEmploymentChange,
  formatEstimatedShare,
  formatLocationQuotient,
} from './format.js';
import { t } from './i18n/translate.js';
import { htmlElement } from './svg.js';

/** Renders the table into `container`; a cluster name is a button that maps that cluster. */
export function renderPortfolioTable(
  container: HTMLElement,
  portfolio: RegionPortfolio,
  selectedCluster: string | undefined,
  onSelectCluster: (cluster: string) => void,
): void {
  const table = htmlElement('table', { class: 'portfolio-table', 'data-testid': 'portfolio-table' });
  htmlElement('caption', {}, t('table.portfolioCaption', { region: portfolio.regionName, year: portfolio.year }), table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  const headers = [
    t('col.cluster'),
    t('col.type'),
    t('col.lq'),
    t('col.employmentYear', { year: portfolio.year }),
    t('col.changeSince', { baseYear: portfolio.baseYear }),
    t('col.strong'),
    t('col.estimated'),
  ];
  for (const h of headers) htmlElement('th', { scope: 'col' }, h, head);
  const body = htmlElement('tbody', {}, undefined, table);
  const rows = [...portfolio.clusters].sort((a, b) => (b.lq ?? -1) - (a.lq ?? -1) || a.name.localeCompare(b.name));
  for (const row of rows) {
    const tr = htmlElement('tr', { 'data-code': row.code, class: row.code === selectedCluster ? 'selected' : undefined }, undefined, body);
    const nameCell = htmlElement('th', { scope: 'row' }, undefined, tr);
    const button = htmlElement('button', { type: 'button', class: 'link', 'aria-pressed': String(row.code === selectedCluster) }, row.name, nameCell);
    button.addEventListener('click', () => onSelectCluster(row.code));
    htmlElement('td', {}, row.type === 'traded' ? t('type.traded') : t('type.local'), tr);
    htmlElement('td', { class: 'num' }, formatLocationQuotient(row.lq), tr);
    htmlElement('td', { class: 'num' }, formatEmployment(row.employment), tr);
    htmlElement('td', { class: 'num' }, formatEmploymentChange(row.employmentChange), tr);
    htmlElement('td', {}, row.strong10 ? t('strong.cell10') : row.strong ? t('strong.cell') : '', tr);
    htmlElement('td', {
      class: 'num',
      title: row.estimatedShare > 0 ? describeEstimatedShare(row.estimatedShare) : undefined,
    }, formatEstimatedShare(row.estimatedShare), tr);
  }
  container.replaceChildren(table);
}
