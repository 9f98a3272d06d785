/**
 * A table from rows and column specifications, with the matching CSV (raw values, not the formatted
 * text). Used by the panels whose data are lists: peers, opportunities, supply-chain gaps, related
 * clusters, hot spots.
 */
import type { CsvTable } from '../chart-export.js';
import { htmlElement } from '../svg.js';

/** One column. */
export interface Column<T> {
  readonly header: string;
  /** Column name in the CSV. */
  readonly csv: string;
  /** The raw value (CSV). */
  readonly value: (row: T) => string | number | boolean | null | undefined;
  /** The displayed text; defaults to the raw value. */
  readonly text?: (row: T) => string;
  /** Makes the cell a link (an in-app route). */
  readonly link?: (row: T) => { href: string; route: string } | undefined;
  readonly numeric?: boolean;
}

/** Renders rows as a table into `container` and returns the CSV of the same rows. */
export function renderRowTable<T>(
  container: HTMLElement,
  rows: readonly T[],
  columns: readonly Column<T>[],
  options: { caption: string; testId: string; rowKey?: (row: T) => string },
): CsvTable {
  const table = htmlElement('table', { class: 'data-table', 'data-testid': options.testId });
  htmlElement('caption', {}, options.caption, table);
  const head = htmlElement('tr', {}, undefined, htmlElement('thead', {}, undefined, table));
  for (const c of columns) htmlElement('th', { scope: 'col' }, c.header, head);
  const body = htmlElement('tbody', {}, undefined, table);
  for (const row of rows) {
    const tr = htmlElement('tr', { 'data-key': options.rowKey?.(row) }, undefined, body);
    columns.forEach((c, i) => {
      const raw = c.value(row);
      const text = c.text ? c.text(row) : raw === null || raw === undefined ? '' : String(raw);
      const cell = htmlElement(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : undefined, class: c.numeric ? 'num' : undefined }, undefined, tr);
      const link = c.link?.(row);
      if (link) htmlElement('a', { href: link.href, 'data-route': link.route }, text, cell);
      else cell.textContent = text;
    });
  }
  const scroll = htmlElement('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': options.caption });
  scroll.appendChild(table);
  container.replaceChildren(scroll);
  return { header: columns.map((c) => c.csv), rows: rows.map((r) => columns.map((c) => c.value(r))) };
}
