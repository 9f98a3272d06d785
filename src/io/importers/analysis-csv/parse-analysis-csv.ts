import { parseCsvText } from '../../csv/parse-csv-text.js';
import { AnalysisCsvError } from './analysis-csv-error.js';

/** Which columns an analysis CSV file has: key columns (text), numeric columns, and optional ones of each. */
export interface AnalysisCsvSpec {
  /** Text key columns, required, non-empty. */
  readonly keys: readonly string[];
  /** Numeric columns, required, finite and ≥ 0. */
  readonly numbers: readonly string[];
  /** Optional key columns (text), used when the header has them. */
  readonly optionalKeys?: readonly string[];
  /** Optional numeric columns, used when the header has them. */
  readonly optionalNumbers?: readonly string[];
}

/** One data row: its line, its key fields and its numbers, by column name. */
export interface AnalysisCsvRow {
  readonly line: number;
  readonly keys: Readonly<Record<string, string>>;
  readonly numbers: Readonly<Record<string, number>>;
}

/** A parsed analysis CSV file: which optional columns it had, and its rows in file order. */
export interface AnalysisCsvTable {
  readonly file: string;
  /** Names of the optional columns present in the header. */
  readonly optionalPresent: ReadonlySet<string>;
  /** 1-based position of each used column (for error messages). */
  readonly position: Readonly<Record<string, number>>;
  readonly rows: readonly AnalysisCsvRow[];
}

/** A decimal number as the analysis CSV files spell it (no thousands separators, no NaN or Infinity). */
export const numberPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses the text of an analysis CSV file (UTF-8, a leading BOM is dropped, header row required, header names
 * matched case-insensitively, extra columns ignored, blank lines skipped). Throws AnalysisCsvError naming the
 * file, line and column for a missing column, an empty key, a non-numeric or a negative value. Repeated keys
 * are checked by the callers, who know which columns form the key.
 */
export function parseAnalysisCsv(text: string, file: string, spec: AnalysisCsvSpec): AnalysisCsvTable {
  const parsed = parseCsvText(text);
  const header = parsed[0];
  if (header === undefined) throw new AnalysisCsvError('EMPTY_FILE', file, 1, 1, '', 'the file is empty: a header row is required');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const position: Record<string, number> = {};
  const optionalPresent = new Set<string>();
  const locate = (name: string, required: boolean): void => {
    const k = names.indexOf(name.toLowerCase());
    if (k >= 0) {
      position[name] = k + 1;
      if (!required) optionalPresent.add(name);
    } else if (required) {
      const expected = [...spec.keys, ...spec.numbers].join(',');
      throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, 1, name, `missing column "${name}" in the header (expected ${expected})`);
    }
  };
  for (const name of spec.keys) locate(name, true);
  for (const name of spec.numbers) locate(name, true);
  for (const name of spec.optionalKeys ?? []) locate(name, false);
  for (const name of spec.optionalNumbers ?? []) locate(name, false);
  const keyColumns = [...spec.keys, ...(spec.optionalKeys ?? []).filter((n) => optionalPresent.has(n))];
  const numberColumns = [...spec.numbers, ...(spec.optionalNumbers ?? []).filter((n) => optionalPresent.has(n))];
  const rows: AnalysisCsvRow[] = [];
  for (let k = 1; k < parsed.length; k++) {
    const row = parsed[k]!;
    if (row.fields.every((f) => f.trim() === '')) continue;
    const keys: Record<string, string> = {};
    const numbers: Record<string, number> = {};
    for (const name of keyColumns) {
      const column = position[name]!;
      const value = (row.fields[column - 1] ?? '').trim();
      if (value === '') throw new AnalysisCsvError('EMPTY_KEY', file, row.line, column, name, `empty ${name}`);
      keys[name] = value;
    }
    for (const name of numberColumns) {
      const column = position[name]!;
      const raw = (row.fields[column - 1] ?? '').trim();
      if (!numberPattern.test(raw)) {
        throw new AnalysisCsvError('NOT_NUMERIC', file, row.line, column, name, `${name} "${raw}" is not a number`);
      }
      const value = Number(raw);
      if (!Number.isFinite(value)) throw new AnalysisCsvError('NOT_NUMERIC', file, row.line, column, name, `${name} "${raw}" is not a finite number`);
      if (value < 0) throw new AnalysisCsvError('NEGATIVE_VALUE', file, row.line, column, name, `${name} ${raw} is negative`);
      numbers[name] = value;
    }
    rows.push({ line: row.line, keys, numbers });
  }
  return { file, optionalPresent, position, rows };
}

/**
 * Remembers the line of each key seen and throws AnalysisCsvError (REPEATED_KEY) at the second occurrence,
 * naming the first key column and the earlier line. Key columns may be text or numeric (a year).
 */
export class KeyRegister {
  private readonly seen = new Map<string, number>();
  private readonly table: AnalysisCsvTable;
  private readonly keyNames: readonly string[];
  constructor(table: AnalysisCsvTable, keyNames: readonly string[]) {
    this.table = table;
    this.keyNames = keyNames;
  }
  add(row: AnalysisCsvRow): void {
    const parts = this.keyNames.map((n) => row.keys[n] ?? String(row.numbers[n] ?? ''));
    const key = JSON.stringify(parts);
    const earlier = this.seen.get(key);
    if (earlier !== undefined) {
      const first = this.keyNames[0]!;
      const described = this.keyNames.map((n, k) => `${n} "${parts[k]}"`).join(', ');
      throw new AnalysisCsvError('REPEATED_KEY', this.table.file, row.line, this.table.position[first] ?? 1, first, `repeated key ${described} (first on line ${earlier})`);
    }
    this.seen.set(key, row.line);
  }
}

/** Interns labels in order of first appearance. */
export class LabelIndex {
  readonly labels: string[] = [];
  private readonly index = new Map<string, number>();
  of(label: string): number {
    let k = this.index.get(label);
    if (k === undefined) {
      k = this.labels.length;
      this.labels.push(label);
      this.index.set(label, k);
    }
    return k;
  }
}
