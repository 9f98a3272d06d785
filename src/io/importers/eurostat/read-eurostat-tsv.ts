import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EUROSTAT_AGGREGATES } from '../../classifications/nuts-regions.js';
import type { ObservationStatus } from '../../store/store.js';
import { IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';

/** One cell of a Eurostat TSV bulk file, as published. */
export interface EurostatCell {
  /** The year of the cell's column. */
  period: number;
  /** The number as published (in the file's unit), null for `:`. */
  value: number | null;
  /** The number's digits exactly as published ("40210.9"), null for `:`; for exact rescaling. */
  digits: string | null;
  /** The flag letters as published ("b", "bu", "c"), null when none. */
  flag: string | null;
  status: ObservationStatus;
}

/** One validated series (line) of a Eurostat TSV bulk file. */
export interface EurostatTsvRow {
  line: number;
  /** Dimension codes other than geo, by dimension name as in the header ({ unit: 'THS', nace_r2: 'B-E', age: 'Y_GE15' }). */
  dimensions: Readonly<Record<string, string>>;
  geo: string;
  cells: EurostatCell[];
}

export interface ReadEurostatTsvOptions {
  /** Region codes accepted in geo; any other (that is not an aggregate) is an UNKNOWN_REGION error. */
  knownRegions: ReadonlySet<string>;
  /** Codes accepted per dimension ({ nace_r2: … }); any other is an UNKNOWN_CODE error. */
  knownCodes?: Readonly<Record<string, ReadonlySet<string>>>;
  /**
   * Keep only series with these dimension codes ({ unit: 'THS', age: 'Y_GE15' }); entries for dimensions the
   * file does not have are ignored. Series not selected are checked for structure (field count, encoding,
   * duplicates, truncation) only.
   */
  select?: Readonly<Record<string, string>>;
  /** geo codes of country groups to skip (default EUROSTAT_AGGREGATES). */
  skipRegions?: ReadonlySet<string>;
  /** Called every 5,000 lines and at the end with the lines read, the bytes read and the file size. */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ReadEurostatTsvResult {
  /** Dimension names of the first column, geo last (["unit", "nace_r2", "age", "geo"]). */
  dimensions: string[];
  /** The years of the value columns, in file order. */
  periods: number[];
  /** The selected series, in file order. */
  rows: EurostatTsvRow[];
  /** Series skipped: country-group aggregates and series outside the selection. */
  skipped: { aggregate: number; unselected: number };
  report: ValidationReport;
}

/**
 * Eurostat flag letters: b break in time series, c confidential, d definition differs, e estimated,
 * f forecast, i see metadata, n not significant, p provisional, r revised, s Eurostat estimate,
 * u low reliability, z not applicable.
 */
export const EUROSTAT_FLAGS: ReadonlySet<string> = new Set('bcdefinprsuz');

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Streams and validates a Eurostat TSV bulk file (`unit,nace_r2,age,geo\time` then one tab-separated column
 * per year; cells like `123.4`, `123.4 b`, `: `, `: c`, `45.6 bu`). Statuses: a number is "reported", or
 * "estimated" when flagged e or s; `:` is "not-available", or "suppressed" when flagged c (confidential).
 * The flag letters are kept as published. Every problem is reported with file, line and field (the dimension
 * name, or the year of the column): wrong field counts, invalid UTF-8, unknown region or dimension codes,
 * duplicate series, non-numeric or negative values, unknown flags, a file cut in the middle of a line.
 * Nothing is coerced. Only annual files are read.
 *
 * @example const { rows } = await readEurostatTsv('lfst_r_lfe2en2.tsv', { knownRegions, select: { unit: 'THS', age: 'Y_GE15' } });
 */
export async function readEurostatTsv(path: string, options: ReadEurostatTsvOptions): Promise<ReadEurostatTsvResult> {
  const bytesTotal = statSync(path).size;
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const issues = new IssueCollector(path, 'eurostat-tsv');
  const skipRegions = options.skipRegions ?? EUROSTAT_AGGREGATES;
  const result: ReadEurostatTsvResult = { dimensions: [], periods: [], rows: [], skipped: { aggregate: 0, unselected: 0 }, report: issues.report };
  /** Column names as the file spells them (first column, then the years), for messages. */
  let names: string[] = [];
  let width = 0;
  let headerOk = false;
  const selection: [number, string][] = [];
  const checks: [number, string, ReadonlySet<string>][] = [];
  const seen = new Map<string, number>();
  let lineNo = 0;
  let lastLine = '';
  let bytesRead = 0;
  for await (const raw of lines) {
    lineNo++;
    bytesRead += Buffer.byteLength(raw) + 1;
    lastLine = raw;
    if (lineNo % 5_000 === 0) options.onProgress?.(lineNo, bytesRead, bytesTotal);
    if (lineNo === 1) {
      names = raw.replace(/^\uFEFF/, '').split('\t').map((h) => h.trim());
      headerOk = parseHeader(names, result, issues);
      if (!headerOk) break;
      width = names.length;
      const dims = result.dimensions;
      for (const [name, value] of Object.entries(options.select ?? {})) {
        const k = dims.indexOf(name);
        if (k >= 0 && k < dims.length - 1) selection.push([k, value]);
      }
      for (const [name, codes] of Object.entries(options.knownCodes ?? {})) {
        const k = dims.indexOf(name);
        if (k >= 0 && k < dims.length - 1) checks.push([k, name, codes]);
      }
      continue;
    }
    if (raw.trim() === '') continue;
    issues.report.rowsRead++;
    const fields = raw.split('\t');
    const key = fields[0] ?? '';
    const codes = key.split(',').map((c) => c.trim());
    if (raw.includes('\uFFFD')) {
      const at = fields.findIndex((f) => f.includes('\uFFFD'));
      const field = at === 0 ? (result.dimensions[Math.max(0, codes.findIndex((c) => c.includes('\uFFFD')))] ?? names[0]!) : (names[at] ?? '(line)');
      issues.error({ line: lineNo, field, code: 'ENCODING', message: 'invalid UTF-8 bytes (Eurostat TSV files are UTF-8)' });
      continue;
    }
    if (fields.length !== width) {
      issues.error({
        line: lineNo,
        field: fields.length < width ? (names[fields.length] ?? '(line)') : '(line)',
        code: 'FIELD_COUNT',
        message: `expected ${width} tab-separated fields, found ${fields.length}`,
      });
      continue;
    }
    if (codes.length !== result.dimensions.length) {
      issues.error({
        line: lineNo,
        field: names[0]!,
        code: 'FIELD_COUNT',
        message: `expected ${result.dimensions.length} comma-separated codes (${result.dimensions.join(',')}), found ${codes.length}: "${key}"`,
        value: key,
      });
      continue;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      issues.error({ line: lineNo, field: 'geo', code: 'DUPLICATE', message: `duplicate series ${key} (first on line ${first})`, value: key });
      continue;
    }
    seen.set(key, lineNo);
    const geo = codes[codes.length - 1]!;
    if (skipRegions.has(geo)) {
      result.skipped.aggregate++;
      continue;
    }
    if (selection.some(([k, value]) => codes[k] !== value)) {
      result.skipped.unselected++;
      continue;
    }
    const row = parseRow(lineNo, codes, fields, names, result, options.knownRegions, checks, issues);
    if (row) result.rows.push(row);
  }
  input.destroy();
  // A file cut in the middle of its last line: Eurostat files end with a line break, so a last line without
  // one is refused even when its fields happen to parse (a cut inside the last number).
  if (headerOk && lineNo > 1 && lastLine.trim() !== '' && !endsWithLf(path, bytesTotal)) {
    const field = names[Math.max(0, Math.min(lastLine.split('\t').length, width) - 1)] ?? '(line)';
    const message = `file ends in the middle of a line (no line break after the last line): truncated? last line: ${lastLine.slice(0, 80)}`;
    const last = issues.report.errors.find((e) => e.line === lineNo && e.code === 'FIELD_COUNT');
    if (last) Object.assign(last, { code: 'TRUNCATED', field, message: `${message} (${last.message})` });
    else {
      const rows = result.rows;
      if (rows.length > 0 && rows[rows.length - 1]!.line === lineNo) rows.pop();
      issues.error({ line: lineNo, field, code: 'TRUNCATED', message });
    }
  }
  if (headerOk && issues.report.rowsRead === 0 && issues.report.errorCount === 0) {
    issues.error({ line: Math.max(1, lineNo), field: '(file)', code: 'NO_DATA', message: 'no data lines' });
  }
  options.onProgress?.(lineNo, bytesTotal, bytesTotal);
  return result;
}

/** Reads `dim1,dim2,…,geo\time` and the year columns; false (with an error) when the header is not Eurostat's. */
function parseHeader(names: string[], result: ReadEurostatTsvResult, issues: IssueCollector): boolean {
  const first = names[0] ?? '';
  const m = /^((?:[A-Za-z0-9_]+,)*)geo\\time$/.exec(first);
  if (!m || names.length < 2) {
    issues.error({ line: 1, field: '(header)', code: 'MISSING_COLUMN', message: `not a Eurostat TSV header (first column "dim1,…,geo\\time", then one column per year): ${first.slice(0, 80)}` });
    return false;
  }
  result.dimensions = [...(m[1] ?? '').split(',').filter((d) => d !== ''), 'geo'];
  let ok = true;
  for (let k = 1; k < names.length; k++) {
    const name = names[k]!;
    if (!/^\d{4}$/.test(name)) {
      issues.error({ line: 1, field: name, code: 'BAD_YEAR', message: `column "${name}" is not a year (only annual Eurostat files are read)`, value: name });
      ok = false;
    } else if (result.periods.includes(Number(name))) {
      issues.error({ line: 1, field: name, code: 'DUPLICATE', message: `year ${name} appears twice in the header`, value: name });
      ok = false;
    } else result.periods.push(Number(name));
  }
  return ok;
}

function parseRow(
  line: number,
  codes: string[],
  fields: string[],
  names: string[],
  result: ReadEurostatTsvResult,
  knownRegions: ReadonlySet<string>,
  checks: readonly [number, string, ReadonlySet<string>][],
  issues: IssueCollector,
): EurostatTsvRow | null {
  let ok = true;
  const dims = result.dimensions;
  const geo = codes[codes.length - 1]!;
  if (!knownRegions.has(geo)) {
    issues.error({ line, field: 'geo', code: 'UNKNOWN_REGION', message: `unknown NUTS code "${geo}"`, value: geo });
    ok = false;
  }
  for (const [k, name, known] of checks) {
    const code = codes[k]!;
    if (!known.has(code)) {
      issues.error({ line, field: name, code: 'UNKNOWN_CODE', message: `unknown ${name} code "${code}"`, value: code });
      ok = false;
    }
  }
  const cells: EurostatCell[] = [];
  for (let k = 1; k < fields.length; k++) {
    const field = names[k]!;
    const text = fields[k]!;
    const m = /^(\S*)(?: +([A-Za-z]*))? *$/.exec(text);
    const number = m?.[1] ?? '';
    const flag = m?.[2] ?? '';
    if (!m || (number !== ':' && !NUMBER.test(number))) {
      issues.error({ line, field, code: 'NOT_A_NUMBER', message: `"${text}" is neither a number nor ":" (followed by flags)`, value: text });
      ok = false;
      continue;
    }
    const bad = [...flag].find((c) => !EUROSTAT_FLAGS.has(c));
    if (bad !== undefined) {
      issues.error({ line, field, code: 'BAD_FLAG', message: `"${bad}" in "${text}" is not a Eurostat flag (b c d e f i n p r s u z)`, value: text });
      ok = false;
      continue;
    }
    if (number === ':') {
      cells.push({ period: result.periods[k - 1]!, value: null, digits: null, flag: flag || null, status: flag.includes('c') ? 'suppressed' : 'not-available' });
      continue;
    }
    if (number.startsWith('-')) {
      issues.error({ line, field, code: 'NEGATIVE', message: `negative value ${number}`, value: text });
      ok = false;
      continue;
    }
    const estimated = flag.includes('e') || flag.includes('s');
    cells.push({ period: result.periods[k - 1]!, value: Number(number), digits: number, flag: flag || null, status: estimated ? 'estimated' : 'reported' });
  }
  if (!ok) return null;
  const dimensions: Record<string, string> = {};
  for (let k = 0; k < dims.length - 1; k++) dimensions[dims[k]!] = codes[k]!;
  return { line, dimensions, geo, cells };
}

function endsWithLf(path: string, size: number): boolean {
  if (size === 0) return true;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1);
    readSync(fd, buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
