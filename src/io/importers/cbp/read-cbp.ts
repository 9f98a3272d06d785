import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { normaliseNaicsCode } from '../../classifications/naics-code.js';
import { usStateByFips } from '../../classifications/us-states.js';
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

const EMPLOYMENT_FLAGS = new Set(['A', 'B', 'C', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M']);

interface Columns {
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
 * Streams and validates a County Business Patterns file: the tidy state layout of
 * data/us-cbp-state-naics (year,state_fips,naics,naics_digits,est,emp,empflag,emp_nf,ap,ap_nf) or the
 * Census `cbpYYst.txt` (FIPSTATE,NAICS,EMPFLAG,EMP_NF,EMP,…,AP_NF,AP,EST,…) and `cbpYYco.txt`
 * (FIPSTATE,FIPSCTY,NAICS,…) layouts, header names in any case. Every problem is reported with file,
 * line and field; nothing is coerced (a suppressed cell stays flagged, never a zero).
 */
export async function readCbp(path: string, options: ReadCbpOptions): Promise<ReadCbpResult> {
  const file = basename(path);
  const bytesTotal = statSync(path).size;
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let issues = new IssueCollector(path, 'unknown');
  let layout: CbpLayout = 'tidy-state';
  let columns: Columns | undefined;
  let width = 0;
  /** Column names as the file spells them, for messages. */
  let names: string[] = [];
  let fileYear = options.year;
  const rows: CbpRow[] = [];
  const seen = new Map<string, number>();
  let lineNo = 0;
  let lastLine = '';
  let bytesRead = 0;
  for await (const raw of lines) {
    lineNo++;
    bytesRead += Buffer.byteLength(raw) + 1;
    lastLine = raw;
    if (lineNo % 25_000 === 0) options.onProgress?.(lineNo, bytesRead, bytesTotal);
    if (lineNo === 1) {
      names = (splitCsvLine(raw.replace(/^\uFEFF/, '')) ?? []).map((h) => h.trim());
      const header = names.map((h) => h.toLowerCase());
      const detected = detectLayout(header);
      if (!detected) {
        issues = new IssueCollector(path, 'unknown');
        issues.error({ line: 1, field: '(header)', code: 'MISSING_COLUMN', message: `not a CBP header: ${raw.slice(0, 120)}` });
        break;
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
          break;
        }
      }
      continue;
    }
    if (raw.trim() === '') continue;
    issues.report.rowsRead++;
    if (raw.includes('\uFFFD')) {
      const at = (splitCsvLine(raw) ?? []).findIndex((f) => f.includes('\uFFFD'));
      issues.error({ line: lineNo, field: names[at] ?? '(line)', code: 'ENCODING', message: 'invalid UTF-8 bytes (CBP files are ASCII)' });
      continue;
    }
    const fields = splitCsvLine(raw);
    if (!fields || fields.length !== width) {
      issues.error({
        line: lineNo,
        // the first column missing (a short or cut line), else the whole line
        field: fields && fields.length < width ? (names[fields.length] ?? '(line)') : '(line)',
        code: 'FIELD_COUNT',
        message: `expected ${width} fields, found ${fields ? fields.length : 'an unclosed quote'}`,
      });
      continue;
    }
    const c = columns!;
    const get = (k: number | undefined): string => (k === undefined ? '' : (fields[k] ?? '').trim());
    const row = parseRow(lineNo, c, get, (k) => names[k] ?? String(k), fileYear ?? 0, options.knownCodes, issues);
    if (!row) continue;
    const key = `${row.year}|${row.stateFips}|${row.countyFips ?? ''}|${row.code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.error({
        line: lineNo,
        field: names[c.naics] ?? 'naics',
        code: 'DUPLICATE',
        message: `duplicate row for year ${row.year}, region ${row.stateFips}${row.countyFips ?? ''}, NAICS ${row.code} (first on line ${first})`,
      });
      continue;
    }
    seen.set(key, lineNo);
    rows.push(row);
  }
  input.destroy();
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
      if (rows.length > 0 && rows[rows.length - 1]!.line === lineNo) rows.pop();
      issues.error({ line: lineNo, field, code: 'TRUNCATED', message });
    }
  }
  if (issues.report.rowsRead === 0 && issues.report.errorCount === 0) {
    issues.error({ line: Math.max(1, lineNo), field: '(file)', code: 'NO_DATA', message: 'no data rows' });
  }
  if (issues.report.errorCount === 0) checkTotals(rows, names[columns?.naics ?? -1] ?? 'naics', issues);
  options.onProgress?.(lineNo, bytesTotal, bytesTotal);
  return { layout, rows, report: issues.report };
}

function detectLayout(header: string[]): { layout: CbpLayout; columns: Columns } | null {
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

function parseRow(
  line: number,
  c: Columns,
  get: (k: number | undefined) => string,
  nameOf: (k: number) => string,
  fileYear: number,
  knownCodes: ReadonlySet<string>,
  issues: IssueCollector,
): CbpRow | null {
  let ok = true;
  const count = (k: number): number => {
    const field = nameOf(k);
    const s = get(k);
    if (!/^-?\d+$/.test(s)) {
      issues.error({ line, field, code: 'NOT_A_NUMBER', message: `"${s}" is not a whole number`, value: s });
      ok = false;
      return NaN;
    }
    const v = Number(s);
    if (v < 0) {
      issues.error({ line, field, code: 'NEGATIVE', message: `negative count ${v}`, value: s });
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
  const stateFips = stateRaw.padStart(2, '0');
  if (!/^\d{1,2}$/.test(stateRaw) || !usStateByFips(stateFips)) {
    issues.error({ line, field: nameOf(c.state), code: 'UNKNOWN_REGION', message: `unknown state FIPS code "${stateRaw}"`, value: stateRaw });
    ok = false;
  }
  let countyFips: string | null = null;
  if (c.county !== undefined) {
    const s = get(c.county);
    if (!/^\d{1,3}$/.test(s)) {
      issues.error({ line, field: nameOf(c.county), code: 'UNKNOWN_REGION', message: `county FIPS "${s}" is not a 3-digit code`, value: s });
      ok = false;
    } else countyFips = s.padStart(3, '0');
  }
  const naicsRaw = get(c.naics);
  const naics = normaliseNaicsCode(naicsRaw);
  if (!naics || !knownCodes.has(naics.code)) {
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
  if (!ok || !naics) return null;
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

/** Every region-year needs its all-industries total. */
function checkTotals(rows: readonly CbpRow[], field: string, issues: IssueCollector): void {
  const groups = new Map<string, { hasTotal: boolean; line: number }>();
  for (const r of rows) {
    const key = `${r.year}|${r.stateFips}${r.countyFips ?? ''}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { hasTotal: r.code === 'TOTAL', line: r.line });
    else if (r.code === 'TOTAL') g.hasTotal = true;
  }
  for (const [key, g] of groups) {
    if (!g.hasTotal) {
      const [year, region] = key.split('|');
      issues.error({ line: g.line, field, code: 'MISSING_TOTAL', message: `region ${region}, ${year}: no all-industries total row ("------")` });
    }
  }
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
