import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { normaliseNaicsCode } from '../../classifications/naics-code.js';
import { usStateByFips } from '../../classifications/us-states.js';
import { NumericKeyMap } from '../../store/numeric-key-map.js';
import { IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';

/** Layouts the CBP reader understands. */
export type CbpLayout = 'tidy-state' | 'census-state' | 'census-county';

/** One validated CBP row. */
export interface CbpRow {
  line: number;
  year: number;
  stateFips: string;
  /** 3-digit county FIPS for county files, else null. */
  countyFips: string | null;
  /** Normalised NAICS code ("TOTAL", "31-33", "3364", "336411") and its level. */
  code: string;
  level: number;
  establishments: number;
  /** Published employment (0 when suppressed: see employmentFlag). */
  employment: number;
  /** Size-class flag A–M when employment is suppressed, else null. */
  employmentFlag: string | null;
  employmentNoise: string | null;
  /** Annual payroll in $1,000. */
  payroll: number;
  payrollNoise: string | null;
}

export interface ReadCbpOptions {
  /** Year of a Census file (default: from a name like cbp11st.txt → 2011). Ignored for the tidy layout. */
  year?: number;
  /** Normalised NAICS codes accepted; any other code is an UNKNOWN_CODE error. */
  knownCodes: ReadonlySet<string>;
  /** Called every 25,000 lines with the number of lines read and the file size read so far. */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ReadCbpResult {
  layout: CbpLayout;
  rows: CbpRow[];
  report: ValidationReport;
}

/** The CBP employment size-class flags, in order (their ranges: cbpEmploymentFlagRange). */
export const CBP_EMPLOYMENT_FLAGS: readonly string[] = Object.freeze(['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M']);
const EMPLOYMENT_FLAGS: ReadonlySet<string> = new Set(CBP_EMPLOYMENT_FLAGS);

/** Whether `flag` (upper case) is a CBP employment size-class flag A–M. */
export function isCbpEmploymentFlag(flag: string): boolean {
  return EMPLOYMENT_FLAGS.has(flag);
}

/** Column positions of the fields a CBP reader uses. */
export interface CbpColumns {
  year?: number;
  state: number;
  county?: number;
  naics: number;
  est: number;
  emp: number;
  empflag: number;
  empNf?: number;
  ap: number;
  apNf?: number;
}

/**
 * Reads and validates a County Business Patterns file into memory: the tidy state layout of
 * data/us-cbp-state-naics (year,state_fips,naics,naics_digits,est,emp,empflag,emp_nf,ap,ap_nf) or the
 * Census `cbpYYst.txt` (FIPSTATE,NAICS,EMPFLAG,EMP_NF,EMP,…,AP_NF,AP,EST,…) and `cbpYYco.txt`
 * (FIPSTATE,FIPSCTY,NAICS,…) layouts, header names in any case. Every problem is reported with file,
 * line and field; nothing is coerced (a suppressed cell stays flagged, never a zero). For files too large
 * to hold, streamCbp hands the rows over one at a time.
 */
export async function readCbp(path: string, options: ReadCbpOptions): Promise<ReadCbpResult> {
  const rows: CbpRow[] = [];
  const { layout, report } = await streamCbp(path, options, (row) => {
    rows.push(row);
  });
  return { layout, rows, report };
}

/**
 * Streams a CBP file (any layout readCbp reads) with the same validation, calling onRow with each valid
 * row, in file order, and awaiting it when it returns a promise. Memory holds one line, a compact map of the
 * row keys seen (about 12 bytes a row, for the DUPLICATE check with the first line) and one entry per
 * region-year (for MISSING_TOTAL). A row is handed over only once the next line is read, so the last row of
 * a file cut in the middle is never passed on. `report` is the live report (onRow may look at errorCount).
 * Rows are passed on even after errors: the caller decides whether to go on (an import stops writing).
 */
export async function streamCbp(
  path: string,
  options: ReadCbpOptions,
  onRow: (row: CbpRow, report: ValidationReport) => void | Promise<void>,
): Promise<{ layout: CbpLayout; report: ValidationReport }> {
  const file = basename(path);
  const bytesTotal = statSync(path).size;
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let issues = new IssueCollector(path, 'unknown');
  let layout: CbpLayout = 'tidy-state';
  let columns: CbpColumns | undefined;
  let width = 0;
  /** Column names as the file spells them, for messages. */
  let names: string[] = [];
  let fileYear = options.year;
  const keys = new RowKeys(options.knownCodes);
  const groups = new Map<number, { hasTotal: boolean; line: number; region: string; year: number }>();
  let pending = null as CbpRow | null;
  let lineNo = 0;
  let lastLine = '';
  let bytesRead = 0;
  const caches: ParseCaches = { naics: new Map(), state: new Map() };
  const fields = new LineFields();
  let stop = false;
  /** Handles one line; returns the promise of onRow when it gave one. */
  const handle = (raw: string): void | Promise<void> => {
      lineNo++;
      bytesRead += raw.length + 1;
      lastLine = raw;
      if (lineNo % 25_000 === 0) options.onProgress?.(lineNo, bytesRead, bytesTotal);
      if (lineNo === 1) {
        names = (splitCsvLine(raw.replace(/^\uFEFF/, '')) ?? []).map((h) => h.trim());
        const header = names.map((h) => h.toLowerCase());
        const detected = detectCbpLayout(header);
        if (!detected) {
          issues = new IssueCollector(path, 'unknown');
          issues.error({ line: 1, field: '(header)', code: 'MISSING_COLUMN', message: `not a CBP header: ${raw.slice(0, 120)}` });
          stop = true;
          return;
        }
        layout = detected.layout;
        columns = detected.columns;
        width = header.length;
        issues = new IssueCollector(path, layout);
        if (layout !== 'tidy-state' && fileYear === undefined) {
          const m = /cbp(\d\d)(st|co)/i.exec(file);
          if (m) fileYear = 2000 + Number(m[1]);
          else {
            issues.error({ line: 1, field: 'year', code: 'BAD_YEAR', message: `cannot tell the year of ${file}: name it cbpYYst.txt / cbpYYco.txt or pass --year` });
            stop = true;
          return;
          }
        }
        return;
      }
      if (raw.trim() === '') return;
      issues.report.rowsRead++;
      if (raw.includes('\uFFFD')) {
        const at = (splitCsvLine(raw) ?? []).findIndex((f) => f.includes('\uFFFD'));
        issues.error({ line: lineNo, field: names[at] ?? '(line)', code: 'ENCODING', message: 'invalid UTF-8 bytes (CBP files are ASCII)' });
        return;
      }
      const read = fields.read(raw);
      if (!read || fields.count !== width) {
        issues.error({
          line: lineNo,
          // the first column missing (a short or cut line), else the whole line
          field: read && fields.count < width ? (names[fields.count] ?? '(line)') : '(line)',
          code: 'FIELD_COUNT',
          message: `expected ${width} fields, found ${read ? fields.count : 'an unclosed quote'}`,
        });
        return;
      }
      const c = columns!;
      const row = parseRow(lineNo, c, fields, names, fileYear ?? 0, options.knownCodes, caches, issues);
      if (!row) return;
      const first = keys.firstLine(row);
      if (first !== -1) {
        issues.error({
          line: lineNo,
          field: names[c.naics] ?? 'naics',
          code: 'DUPLICATE',
          message: `duplicate row for year ${row.year}, region ${row.stateFips}${row.countyFips ?? ''}, NAICS ${row.code} (first on line ${first})`,
        });
        return;
      }
      const groupKey = keys.groupKey(row);
      const group = groups.get(groupKey);
      if (!group) groups.set(groupKey, { hasTotal: row.code === 'TOTAL', line: row.line, region: `${row.stateFips}${row.countyFips ?? ''}`, year: row.year });
      else if (row.code === 'TOTAL') group.hasTotal = true;
      const ready = pending;
      pending = row;
      if (ready !== null) return onRow(ready, issues.report);
  };
  // Lines are cut from the decoded chunks here: String#split on readline's lines costs several times more.
  let rest = '';
  try {
    for await (const chunk of input) {
      const text = rest + (chunk as string);
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        const raw = text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
        start = end + 1;
        const wait = handle(raw);
        if (wait !== undefined) await wait;
        if (stop) break;
      }
      if (stop) break;
      rest = text.slice(start);
    }
    if (!stop && rest !== '') {
      const wait = handle(rest.endsWith('\r') ? rest.slice(0, -1) : rest);
      if (wait !== undefined) await wait;
    }
  } finally {
    input.destroy();
  }
  // A file cut in the middle of its last line. CBP files end with a line break, so a last row without one
  // is refused even when its fields happen to parse (a cut after a comma or inside the last number).
  const endsWithNewline = bytesTotal > 0 && endsWithLf(path, bytesTotal);
  if (!endsWithNewline && lineNo > 1 && columns !== undefined && lastLine.trim() !== '') {
    const message = `file ends in the middle of a row (no line break after the last line): truncated? last line: ${lastLine.slice(0, 80)}`;
    // the column the file ends in (CBP fields hold no commas, so a cut quoted field still counts)
    const field = names[Math.max(0, Math.min(lastLine.split(',').length, width) - 1)] ?? '(line)';
    const last = issues.report.errors.find((e) => e.line === lineNo && e.code === 'FIELD_COUNT');
    if (last) {
      Object.assign(last, { code: 'TRUNCATED', field, message: `${message} (${last.message})` });
    } else {
      if (pending !== null && pending.line === lineNo) pending = null;
      issues.error({ line: lineNo, field, code: 'TRUNCATED', message });
    }
  }
  if (pending !== null) {
    const wait = onRow(pending, issues.report);
    if (wait !== undefined) await wait;
  }
  if (issues.report.rowsRead === 0 && issues.report.errorCount === 0) {
    issues.error({ line: Math.max(1, lineNo), field: '(file)', code: 'NO_DATA', message: 'no data rows' });
  }
  // Every region-year needs its all-industries total.
  if (issues.report.errorCount === 0) {
    const field = names[columns?.naics ?? -1] ?? 'naics';
    for (const g of groups.values()) {
      if (!g.hasTotal) issues.error({ line: g.line, field, code: 'MISSING_TOTAL', message: `region ${g.region}, ${g.year}: no all-industries total row ("------")` });
    }
  }
  options.onProgress?.(lineNo, bytesTotal, bytesTotal);
  return { layout, report: issues.report };
}

/**
 * Row keys (year, state, county, NAICS code) packed into whole numbers: a NumericKeyMap from key to the
 * line it was first seen on, and region-year group keys.
 */
class RowKeys {
  private readonly codeIndex: Map<string, number>;
  private readonly years: Map<number, number>;
  private readonly lines: NumericKeyMap;

  constructor(knownCodes: ReadonlySet<string>) {
    this.codeIndex = new Map();
    for (const code of knownCodes) this.codeIndex.set(code, this.codeIndex.size);
    this.years = new Map();
    this.lines = new NumericKeyMap(1 << 19);
  }

  /** year index × 100 states × 1,001 counties (1,000 = none) */
  groupKey(row: CbpRow): number {
    let year = this.years.get(row.year);
    if (year === undefined) {
      year = this.years.size;
      this.years.set(row.year, year);
    }
    return (year * 100 + Number(row.stateFips)) * 1001 + (row.countyFips === null ? 1000 : Number(row.countyFips));
  }

  /** The line the row's key was first seen on, or -1 (and the key is recorded with this row's line). */
  firstLine(row: CbpRow): number {
    const key = this.groupKey(row) * this.codeIndex.size + (this.codeIndex.get(row.code) ?? 0);
    return this.lines.getOrSet(key, row.line);
  }
}

/**
 * The fields of one line without a string per field: one pass over the characters records where each
 * field starts and ends (quotes excluded when a field is quoted whole, as every CBP text field is), and
 * fields are cut or parsed on demand. A line with any other quoting (a quoted comma, a doubled or unclosed
 * quote) goes through splitCsvLine instead, so the result is always that of RFC 4180.
 */
class LineFields {
  line: string;
  count: number;
  /** The fields from splitCsvLine, or null when the positions are used. */
  private split: string[] | null;
  private starts: Int32Array;
  private ends: Int32Array;

  constructor() {
    this.line = '';
    this.count = 0;
    this.split = null;
    this.starts = new Int32Array(64);
    this.ends = new Int32Array(64);
  }

  /** Reads `line`; false when a quote is not closed on it (as splitCsvLine returning null). */
  read(line: string): boolean {
    this.line = line;
    this.split = null;
    const n = line.length;
    let count = 0;
    let start = 0;
    for (;;) {
      if (count === this.starts.length) this.growTo(count * 2);
      let end: number;
      if (line.charCodeAt(start) === 34) {
        const close = line.indexOf('"', start + 1);
        end = close + 1;
        // a whole-field quote: closed, followed by a comma or the end, nothing quoted inside
        if (close === -1 || (end < n && line.charCodeAt(end) !== 44)) return this.readSlowly(line);
        this.starts[count] = start + 1;
        this.ends[count] = close;
      } else {
        end = line.indexOf(',', start);
        if (end === -1) end = n;
        const quote = line.indexOf('"', start);
        if (quote !== -1 && quote < end) return this.readSlowly(line);
        this.starts[count] = start;
        this.ends[count] = end;
      }
      count++;
      if (end >= n) break;
      start = end + 1;
    }
    this.count = count;
    return true;
  }

  /** Field k, trimmed ('' when there is no such field). */
  text(k: number | undefined): string {
    if (k === undefined || k >= this.count) return '';
    if (this.split !== null) return (this.split[k] ?? '').trim();
    return this.line.slice(this.starts[k], this.ends[k]).trim();
  }

  /** Field k as a whole number (optional minus, digits only, surrounding blanks ignored), else NaN. */
  wholeNumber(k: number): number {
    if (this.split === null && k < this.count) {
      const line = this.line;
      const end = this.ends[k]!;
      let value = 0;
      let at = this.starts[k]!;
      if (at < end) {
        for (; at < end; at++) {
          const ch = line.charCodeAt(at) - 48;
          if (ch < 0 || ch > 9) break;
          value = value * 10 + ch;
        }
        if (at === end && value <= Number.MAX_SAFE_INTEGER) return value;
      }
    }
    return wholeNumber(this.text(k));
  }

  private readSlowly(line: string): boolean {
    const fields = splitCsvLine(line);
    if (!fields) return false;
    this.split = fields;
    this.count = fields.length;
    return true;
  }

  private growTo(size: number): void {
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/** The layout and columns of a CBP header (names in lower case), or null when it is not one. */
export function detectCbpLayout(header: string[]): { layout: CbpLayout; columns: CbpColumns } | null {
  const at = (name: string): number | undefined => {
    const k = header.indexOf(name);
    return k < 0 ? undefined : k;
  };
  const need = (...names: string[]): boolean => names.every((n) => at(n) !== undefined);
  if (need('year', 'state_fips', 'naics', 'est', 'emp', 'empflag', 'ap')) {
    return {
      layout: 'tidy-state',
      columns: { year: at('year'), state: at('state_fips')!, naics: at('naics')!, est: at('est')!, emp: at('emp')!, empflag: at('empflag')!, empNf: at('emp_nf'), ap: at('ap')!, apNf: at('ap_nf') },
    };
  }
  if (need('fipstate', 'naics', 'empflag', 'emp', 'ap', 'est')) {
    const county = at('fipscty');
    return {
      layout: county === undefined ? 'census-state' : 'census-county',
      columns: { state: at('fipstate')!, county, naics: at('naics')!, est: at('est')!, emp: at('emp')!, empflag: at('empflag')!, empNf: at('emp_nf'), ap: at('ap')!, apNf: at('ap_nf') },
    };
  }
  return null;
}

interface ParseCaches {
  /** Raw NAICS field → normalised known code, or null (unknown). */
  naics: Map<string, { code: string; level: number } | null>;
  /** Raw state field → 2-digit FIPS of a known state, or null. */
  state: Map<string, string | null>;
}

/** A whole number as CBP writes it (optional minus, digits only), else NaN. */
function wholeNumber(s: string): number {
  const n = s.length;
  let k = s.charCodeAt(0) === 45 ? 1 : 0;
  if (k >= n) return NaN;
  for (; k < n; k++) {
    const ch = s.charCodeAt(k);
    if (ch < 48 || ch > 57) return NaN;
  }
  return Number(s);
}

/** The 2-digit FIPS code of a known state from a CBP state field (trimmed: "53", "6"), else null. */
export function cbpStateFips(field: string): string | null {
  const padded = field.padStart(2, '0');
  return /^\d{1,2}$/.test(field) && usStateByFips(padded) ? padded : null;
}

/** The 3-digit county FIPS code of a CBP county field (trimmed: "033", "33"), else null. */
export function cbpCountyFips(field: string): string | null {
  if (field.length === 3 && !Number.isNaN(wholeNumber(field)) && field.charCodeAt(0) !== 45) return field;
  return /^\d{1,3}$/.test(field) ? field.padStart(3, '0') : null;
}

/** The normalised code and level of a CBP NAICS field (trimmed) when it is one of knownCodes, else null. */
export function cbpNaics(field: string, knownCodes: ReadonlySet<string>): { code: string; level: number } | null {
  const normalised = normaliseNaicsCode(field);
  return normalised && knownCodes.has(normalised.code) ? normalised : null;
}

function parseRow(
  line: number,
  c: CbpColumns,
  fields: LineFields,
  names: readonly string[],
  fileYear: number,
  knownCodes: ReadonlySet<string>,
  caches: ParseCaches,
  issues: IssueCollector,
): CbpRow | null {
  const get = (k: number | undefined): string => fields.text(k);
  const nameOf = (k: number): string => names[k] ?? String(k);
  let ok = true;
  const count = (k: number): number => {
    const v = fields.wholeNumber(k);
    if (Number.isNaN(v)) {
      const s = get(k);
      issues.error({ line, field: nameOf(k), code: 'NOT_A_NUMBER', message: `"${s}" is not a whole number`, value: s });
      ok = false;
      return NaN;
    }
    if (v < 0) {
      issues.error({ line, field: nameOf(k), code: 'NEGATIVE', message: `negative count ${v}`, value: get(k) });
      ok = false;
    }
    return v;
  };
  let year = fileYear;
  if (c.year !== undefined) {
    const s = get(c.year);
    year = Number(s);
    if (!/^\d{4}$/.test(s) || year < 1986 || year > 2100) {
      issues.error({ line, field: nameOf(c.year), code: 'BAD_YEAR', message: `"${s}" is not a CBP year`, value: s });
      ok = false;
    }
  }
  const stateRaw = get(c.state);
  let stateFips = caches.state.get(stateRaw);
  if (stateFips === undefined) {
    stateFips = cbpStateFips(stateRaw);
    caches.state.set(stateRaw, stateFips);
  }
  if (stateFips === null) {
    issues.error({ line, field: nameOf(c.state), code: 'UNKNOWN_REGION', message: `unknown state FIPS code "${stateRaw}"`, value: stateRaw });
    ok = false;
  }
  let countyFips: string | null = null;
  if (c.county !== undefined) {
    const s = get(c.county);
    countyFips = cbpCountyFips(s);
    if (countyFips === null) {
      issues.error({ line, field: nameOf(c.county), code: 'UNKNOWN_REGION', message: `county FIPS "${s}" is not a 3-digit code`, value: s });
      ok = false;
    }
  }
  const naicsRaw = get(c.naics);
  let naics = caches.naics.get(naicsRaw);
  if (naics === undefined) {
    naics = cbpNaics(naicsRaw, knownCodes);
    caches.naics.set(naicsRaw, naics);
  }
  if (!naics) {
    issues.error({ line, field: nameOf(c.naics), code: 'UNKNOWN_CODE', message: `unknown NAICS code "${naicsRaw}"`, value: naicsRaw });
    ok = false;
  }
  const establishments = count(c.est);
  const employment = count(c.emp);
  const payroll = count(c.ap);
  const flagRaw = get(c.empflag).toUpperCase();
  let employmentFlag: string | null = null;
  if (flagRaw !== '') {
    if (!EMPLOYMENT_FLAGS.has(flagRaw)) {
      issues.error({ line, field: nameOf(c.empflag), code: 'BAD_FLAG', message: `"${flagRaw}" is not a CBP employment size-class flag (A–M)`, value: flagRaw });
      ok = false;
    } else if (employment !== 0) {
      issues.error({ line, field: nameOf(c.emp), code: 'INCONSISTENT', message: `employment ${employment} published together with suppression flag ${flagRaw}`, value: String(employment) });
      ok = false;
    } else employmentFlag = flagRaw;
  }
  if (!ok || !naics || stateFips === null) return null;
  return {
    line,
    year,
    stateFips,
    countyFips,
    code: naics.code,
    level: naics.level,
    establishments,
    employment,
    employmentFlag,
    employmentNoise: get(c.empNf) || null,
    payroll,
    payrollNoise: get(c.apNf) || null,
  };
}

function endsWithLf(path: string, size: number): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1);
    readSync(fd, buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
