import { API_BASE } from '../api-client.js';
import { t } from '../i18n/translate.js';
import { htmlElement } from '../svg.js';

/**
 * The "Report (HTML)" and "Report (PDF)" links of a view (issue 8): the report the CLI writes with
 * `clusterlens report region|cluster|compare`, served by the API at `path` (below /api/v1) with `format=`.
 * Returns an `update(path)` that points both links at another report (null hides them).
 */
export function reportLinks(parent: HTMLElement, testIdPrefix: string, path: string | null): (path: string | null) => void {
  const links = (['html', 'pdf'] as const).map((format) => {
    const label = t(format === 'pdf' ? 'region.reportPdf' : 'region.reportHtml');
    const link = htmlElement('a', { target: '_blank', rel: 'noopener', class: 'button-link', 'data-testid': `${testIdPrefix}-${format}` }, label, parent);
    link.setAttribute('aria-label', label);
    return { format, link };
  });
  const update = (next: string | null): void => {
    for (const { format, link } of links) {
      link.style.display = next === null ? 'none' : ''; // not `hidden`: .button-link sets display
      if (next !== null) link.setAttribute('href', `${API_BASE}${next}${next.includes('?') ? '&' : '?'}format=${format}`);
    }
  };
  update(path);
  return update;
}
