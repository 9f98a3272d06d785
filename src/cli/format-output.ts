/** Output formats every command that prints data accepts. */
export type OutputFormat = 'table' | 'json' | 'csv' | 'ndjson';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | boolean | null;
  align?: 'left' | 'right';
}

/** A plain-text table with aligned columns. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => display(c.value(r))));
  const widths = columns.map((c, k) => Math.max(c.header.length, ...cells.map((row) => row[k]!.length)));
  const line = (values: string[]): string =>
    values
      .map((v, k) => (columns[k]!.align === 'right' ? v.padStart(widths[k]!) : v.padEnd(widths[k]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** RFC 4180 CSV with a header row; null is an empty field. */
export function formatCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const quote = (v: string | number | boolean | null): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map((c) => quote(c.header)).join(','), ...rows.map((r) => columns.map((c) => quote(c.value(r))).join(','))].join('\n');
}

function display(v: string | number | boolean | null): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return v;
}
