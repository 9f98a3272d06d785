/**
 * Shared pieces of the HTML reports (region, cluster, compare, initiative): escaping, number formats and the
 * methods appendix and data-source list. "–" marks an undefined value, never 0.
 */

/** Escapes text for HTML element content and double-quoted attribute values. */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A whole number with thousands separators (en-US), or "–". */
export const int = (v: number | null): string => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));

/** A number with `d` decimals (default 2), or "–". */
export const dec = (v: number | null, d = 2): string => (v === null ? '–' : v.toFixed(d));

/** A share (0–1) as a percentage with one decimal, or "–". */
export const pct = (v: number | null): string => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);

/** A method of the appendix: its name, one-line summary and its docs/methods page. */
export interface ReportMethod {
  readonly name: string;
  readonly summary: string;
  readonly page: string;
}

/** A dataset of the sources list. */
export interface ReportDataset {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly licence: string;
}

/** The methods appendix as `<dt>/<dd>` pairs (for a `<dl>`). */
export const methodItems = (methods: readonly ReportMethod[]): string =>
  methods.map((m) => `<dt>${esc(m.name)}</dt><dd>${esc(m.summary)} <span class="ref">(${esc(m.page)})</span></dd>`).join('');

/** One `<li>` per dataset: title, id, source and licence. */
export const sourceItems = (datasets: readonly ReportDataset[]): string[] =>
  datasets.map((d) => `<li><strong>${esc(d.title)}</strong> [${esc(d.id)}]. ${esc(d.source)}. Licence: ${esc(d.licence)}.</li>`);

/** The opening of every report page up to its A4 page rule: doctype, language, charset, title and `<style>`. */
export const reportHead = (title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
`;
