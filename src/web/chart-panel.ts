/**
 * A panel holding one chart or table: heading, one-line summary, the chart, its legend, a "how to read
 * this" note and export buttons (PNG and SVG for charts, CSV for the data behind both).
 */
import { exportPng, exportSvg, csvBlob, downloadBlob, fileNameFor, type CsvTable } from './chart-export.js';
import { t } from './i18n/translate.js';
import { htmlElement } from './svg.js';

/** Options of {@link createPanel}. */
export interface PanelOptions {
  /** Test-id prefix and element id stem, e.g. "region-portfolio". */
  readonly id: string;
  readonly title: string;
  /** The "how to read this" text (plain text; the bold lead-in is added). */
  readonly howTo?: string;
  /** The chart's SVG, for PNG and SVG export; omit for tables. */
  readonly svg?: () => SVGSVGElement | null;
  /** The data behind the chart or table, for CSV export. */
  readonly csv?: () => CsvTable | undefined;
  /** Span both columns of the view grid. */
  readonly wide?: boolean;
}

/** Handle returned by {@link createPanel}. */
export interface Panel {
  readonly section: HTMLElement;
  readonly heading: HTMLHeadingElement;
  readonly summary: HTMLParagraphElement;
  /** Where the chart or table goes. */
  readonly body: HTMLDivElement;
  readonly legend: HTMLDivElement;
  readonly howTo: HTMLParagraphElement;
  /** Changes the heading (also used in export file names and titles). */
  setTitle(title: string): void;
  /** Replaces the "how to read this" text. */
  setHowTo(text: string): void;
}

/** Creates a panel and appends it to `parent`. */
export function createPanel(parent: HTMLElement, options: PanelOptions): Panel {
  const headingId = `${options.id}-title`;
  const section = htmlElement('section', { class: options.wide ? 'panel wide' : 'panel', 'aria-labelledby': headingId, 'data-testid': `${options.id}-panel` }, undefined, parent);
  const top = htmlElement('div', { class: 'panel-top' }, undefined, section);
  const heading = htmlElement('h2', { id: headingId, 'data-testid': `${options.id}-title` }, options.title, top);
  let title = options.title;
  if (options.svg || options.csv) {
    const group = htmlElement('div', { class: 'exports', role: 'group', 'aria-label': t('export.group', { title }) }, undefined, top);
    const button = (format: 'png' | 'svg' | 'csv', run: () => void | Promise<void>): void => {
      const b = htmlElement('button', { type: 'button', class: 'export', 'data-testid': `${options.id}-export-${format}` }, format.toUpperCase(), group);
      const label = (): string => t(`export.${format}`, { title });
      b.setAttribute('aria-label', label());
      b.title = label();
      b.addEventListener('click', () => {
        b.setAttribute('aria-label', label());
        b.disabled = true;
        Promise.resolve()
          .then(run)
          .catch((error: unknown) => {
            b.title = `${label()}: ${error instanceof Error ? error.message : String(error)}`;
          })
          .finally(() => {
            b.disabled = false;
          });
      });
    };
    const svgOf = (): SVGSVGElement => {
      const svg = options.svg?.();
      if (!svg) throw new Error(t('export.nothing'));
      return svg;
    };
    if (options.svg) {
      button('png', () => exportPng(svgOf(), title, fileNameFor(title, 'png')));
      button('svg', () => exportSvg(svgOf(), title, fileNameFor(title, 'svg')));
    }
    if (options.csv) {
      button('csv', () => {
        const table = options.csv?.();
        if (!table) throw new Error(t('export.nothing'));
        downloadBlob(csvBlob(table), fileNameFor(title, 'csv'));
      });
    }
  }
  const summary = htmlElement('p', { class: 'summary', 'data-testid': `${options.id}-summary`, 'aria-live': 'polite' }, undefined, section);
  const body = htmlElement('div', { class: 'panel-body', 'data-testid': `${options.id}-body` }, undefined, section);
  const legend = htmlElement('div', { class: 'legend' }, undefined, section);
  const howTo = htmlElement('p', { class: 'how-to', 'data-testid': `${options.id}-how-to` }, undefined, section);
  const setHowTo = (text: string): void => {
    howTo.replaceChildren();
    htmlElement('strong', {}, `${t('howTo.lead')} `, howTo);
    howTo.append(text);
    howTo.hidden = text === '';
  };
  setHowTo(options.howTo ?? '');
  return {
    section,
    heading,
    summary,
    body,
    legend,
    howTo,
    setTitle(next) {
      title = next;
      heading.textContent = next;
      const group = section.querySelector('.exports');
      group?.setAttribute('aria-label', t('export.group', { title }));
      for (const b of section.querySelectorAll<HTMLButtonElement>('button.export')) {
        const format = b.dataset.testid?.split('-export-')[1];
        if (format === 'png' || format === 'svg' || format === 'csv') {
          b.setAttribute('aria-label', t(`export.${format}`, { title }));
          b.title = t(`export.${format}`, { title });
        }
      }
    },
    setHowTo,
  };
}

/** A "not available yet" note in a panel body, for API routes this server does not offer (yet). */
export function renderUnavailable(body: HTMLElement, what: string): void {
  body.replaceChildren();
  // Nothing to export from a panel without data.
  const exports = body.closest('section')?.querySelector<HTMLElement>('.exports');
  if (exports) exports.hidden = true;
  htmlElement('p', { class: 'unavailable', 'data-testid': 'unavailable' }, t('unavailable', { what }), body);
}
