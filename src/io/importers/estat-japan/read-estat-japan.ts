import { statSync } from 'node:fs';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { jsicDivision } from '../../classifications/jsic.js';
import { japanArea } from '../../classifications/japan-prefectures.js';
import type { JapanAreaMatch } from '../../classifications/japan-prefectures.js';
import type { ObservationStatus } from '../../store/store.js';
import { IssueCollector } from '../validation-report.js';
import type { ValidationIssueCode, ValidationReport } from '../validation-report.js';
import { UNDECODABLE, decodeLine, detectJapanTextEncoding, japanTextEncoding, readByteLines } from './read-lines.js';
import type { JapanTextEncoding } from './read-lines.js';

/**
 * Layouts the reader understands (header names in any case, in Japanese or English):
 * - long: one row per year × prefecture × industry with one column per measure
 *   (the shipped `jp_pref_industry_long.csv`: year,jis_code,pref_name_ja,jsic_division,industry,establishments,employees;
 *   also e-Stat row-oriented tables with 事業所数 / 従業者数 columns);
 * - wide: one row per year × prefecture, columns `<industry>_est` / `<industry>_emp` and est_total / emp_total
 *   (the shipped `jp_pref_industry_est_emp_2016_2021.csv`);
 * - estat: e-Stat column-oriented download / API CSV, one value per row: 表章項目 (tab), 産業分類 (cat01),
 *   地域 (area), 時間軸 (time) as code and/or label columns, 値 / value, optional 単位 / 注釈記号;
 *   metadata lines before the header are skipped.
 */
export type EstatJapanLayout = 'long' | 'wide' | 'estat';

export type EstatJapanMeasure = 'establishments' | 'employment';

/** One validated value of a file. */
export interface EstatJapanCell {
  line: number;
  /** Column the value came from, for messages. */
  field: string;
  year: number;
  /** 2-digit JIS prefecture code. */
  prefectureCode: string;
  /** JSIC division letter or "TOTAL". */
  industryCode: string;
  measure: EstatJapanMeasure;
  /** The count; 0 for "-" (none); null when suppressed or not available. */
  value: number | null;
  status: ObservationStatus;
  /** The mark as published ("X", "-", "…", "***") or the e-Stat annotation of a reported value, else null. */
  flag: string | null;
}

export interface ReadEstatJapanOptions {
  /** Encoding of the file ("utf-8" or "shift_jis"/"cp932"); detected when omitted. */
  encoding?: string;
  /** Called every 25,000 lines and at the end with lines read, bytes read and file size. */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ReadEstatJapanResult {
  layout: EstatJapanLayout;
  encoding: JapanTextEncoding;
  cells: EstatJapanCell[];
  report: ValidationReport;
}

/** How many lines before the header may hold e-Stat metadata. */
const MAX_PREAMBLE_LINES = 30;

type Concept = 'year' | 'region' | 'industry' | 'measure' | 'value' | 'annotation' | 'ignored';

interface Header {
  layout: EstatJapanLayout;
  names: string[];
  /** Columns per concept, code columns first. */
  year: number[];
  region: number[];
  industry: number[];
  measure: number[];
  value: number;
  annotation: number;
  /** long and wide: the columns holding values, with their measure and (wide) industry. */
  valueColumns: { column: number; measure: EstatJapanMeasure; industryCode: string | null }[];
}

/** The measure a column name or an e-Stat 表章項目 label stands for. */
export function estatMeasure(text: string): EstatJapanMeasure | undefined {
  const s = text.normalize('NFKC').trim().toLowerCase().replace(/^\d+[_\s]+/, '');
  if (/^(事業所数|establishments?\b|number of establishments)/u.test(s)) return 'establishments';
  if (/^(従業者数|employees\b|employment\b|persons[_\s]employed|number of (persons employed|employees))/u.test(s)) return 'employment';
  return undefined;
}

function conceptOf(name: string): Concept {
  const s = name.normalize('NFKC').trim().toLowerCase();
  if (s === '値' || s === 'value' || s === '数値') return 'value';
  if (/注釈|annotation/u.test(s)) return 'annotation';
  if (s === '単位' || s === 'unit') return 'ignored';
  if (/^(year|年|年次|調査年)$|時間軸|^time|時点/u.test(s)) return 'year';
  if (/表章項目|^tab/u.test(s)) return 'measure';
  if (/jis_code|^pref|^area|地域|都道府県/u.test(s)) return 'region';
  if (/jsic|industry|産業|^cat\d/u.test(s)) return 'industry';
  return 'ignored';
}

const isCodeColumn = (name: string): boolean => /code|コード|division/iu.test(name.normalize('NFKC'));

type HeaderResult = { header: Header } | { missing: string; field: string } | null;

/** Recognises a header line; null when the line is not a header at all (e-Stat metadata before it). */
function detectHeader(names: string[]): HeaderResult {
  const columns: Record<Concept, number[]> = { year: [], region: [], industry: [], measure: [], value: [], annotation: [], ignored: [] };
  const valueColumns: Header['valueColumns'] = [];
  let wide = false;
  const unknownWide: string[] = [];
  names.forEach((name, k) => {
    const lc = name.normalize('NFKC').trim().toLowerCase();
    const wideMatch = /^(est|emp)_(total)$/.exec(lc) ?? /^(.+)_(est|emp)$/.exec(lc);
    if (wideMatch) {
      const [slug, kind] = wideMatch[2] === 'total' ? [wideMatch[2], wideMatch[1]] : [wideMatch[1]!, wideMatch[2]];
      const division = jsicDivision(slug);
      if (slug === 'total') wide = true;
      if (division) valueColumns.push({ column: k, measure: kind === 'est' ? 'establishments' : 'employment', industryCode: division.code });
      else unknownWide.push(name);
      return;
    }
    const measure = conceptOf(name) === 'ignored' ? estatMeasure(name) : undefined;
    if (measure) {
      valueColumns.push({ column: k, measure, industryCode: null });
      return;
    }
    columns[conceptOf(name)].push(k);
  });
  for (const concept of ['region', 'industry', 'year', 'measure'] as const) {
    columns[concept].sort((a, b) => Number(isCodeColumn(names[b]!)) - Number(isCodeColumn(names[a]!)) || a - b);
  }
  const hasValues = columns.value.length > 0 || valueColumns.length > 0;
  if (columns.region.length === 0 || !hasValues) return null;
  const layout: EstatJapanLayout = wide ? 'wide' : columns.value.length > 0 ? 'estat' : 'long';
  if (wide && unknownWide.length > 0) return { missing: `unknown industry column "${unknownWide[0]}"`, field: unknownWide[0]! };
  const need: [Concept, string][] = [['year', 'year (year / 時間軸)']];
  if (layout !== 'wide') need.push(['industry', 'industry (jsic_division / 産業分類)']);
  if (layout === 'estat') need.push(['measure', 'measure (表章項目 / tab)']);
  for (const [concept, what] of need) if (columns[concept].length === 0) return { missing: `no ${what} column`, field: '(header)' };
  return {
    header: {
      layout,
      names,
      year: columns.year,
      region: columns.region,
      industry: columns.industry,
      measure: columns.measure,
      value: layout === 'estat' ? columns.value[0]! : -1,
      annotation: columns.annotation[0] ?? -1,
      valueColumns: layout === 'estat' ? [] : valueColumns,
    },
  };
}

/** Year from a code ("2021000000", "2021") or label ("2021年", "令和3年", "平成28年"). */
function parseYear(text: string): number | undefined {
  const s = text.normalize('NFKC').trim();
  const western = /^(\d{4})/.exec(s);
  if (western) return Number(western[1]);
  const era = /(令和|平成)\s*(\d+|元)\s*年/u.exec(s);
  if (era) return (era[1] === '令和' ? 2018 : 1988) + (era[2] === '元' ? 1 : Number(era[2]));
  return undefined;
}

const DASH = /^[-－―‐−—ー]$/u;
const SECRET = /^(?:[XxＸｘχΧ]|\*{1,3}|＊{1,3})$/u;
const NOT_AVAILABLE = /^(?:…|\.{2,3}|・{2,3}|･{2,3}|‥)$/u;

type ParsedValue = { value: number | null; status: ObservationStatus; flag: string | null } | { code: ValidationIssueCode; message: string };

/**
 * A published cell: a whole count (thousands separators and full-width digits allowed), or a mark:
 * "-" (該当数値なし, none) → 0 reported with flag "-"; "X"/"χ"/"***" (秘匿, secret) → suppressed;
 * "…"/"..." (不詳, unknown) → not-available. Negative counts ("-5", "△5") and anything else are errors.
 */
export function parseEstatValue(raw: string): ParsedValue {
  const s = raw.trim();
  if (s === '') return { code: 'NOT_A_NUMBER', message: 'empty cell (no value and no mark)' };
  if (DASH.test(s)) return { value: 0, status: 'reported', flag: '-' };
  if (SECRET.test(s)) return { value: null, status: 'suppressed', flag: s };
  if (NOT_AVAILABLE.test(s)) return { value: null, status: 'not-available', flag: s };
  const n = s.normalize('NFKC').replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (/^(-|△|▲)\s*\d+$/u.test(n)) return { code: 'NEGATIVE', message: `negative count "${s}"` };
  if (!/^\d+$/.test(n)) return { code: 'NOT_A_NUMBER', message: `"${s}" is not a whole count or an e-Stat mark (-, X, χ, ***, …)` };
  return { value: Number(n), status: 'reported', flag: null };
}

/**
 * Streams and validates a Japanese Economic Census / e-Stat CSV (layouts: see EstatJapanLayout) in UTF-8
 * (BOM optional) or Shift_JIS (CP932), detected by trying strict UTF-8 first unless `options.encoding` says.
 * Prefectures by JIS code, e-Stat area code, Japanese or English name; industries by JSIC division letter or
 * name. Every problem is reported with file, line and field; marks are kept as statuses, never read as zero
 * except "-" (none), which keeps its flag. National rows (全国, 00000) are checked against the prefectures'
 * sum when complete and not returned.
 */
export async function readEstatJapan(path: string, options: ReadEstatJapanOptions = {}): Promise<ReadEstatJapanResult> {
  const bytesTotal = statSync(path).size;
  const forced = options.encoding === undefined ? undefined : japanTextEncoding(options.encoding);
  const detection = forced ? { encoding: forced, firstNonUtf8Line: null, invalidInBoth: false, utf16: false } : await detectJapanTextEncoding(path);
  const encoding = detection.encoding;
  let issues = new IssueCollector(path, 'unknown');
  const cells: EstatJapanCell[] = [];
  if (detection.utf16) {
    issues.error({ line: 1, field: '(file)', code: 'ENCODING', message: 'the file is UTF-16 (byte-order mark); save it as UTF-8 or Shift_JIS' });
    return { layout: 'long', encoding, cells, report: issues.report };
  }
  const encodingNote = forced
    ? `read as ${encoding} (--encoding)`
    : detection.invalidInBoth
      ? 'lines valid in neither UTF-8 nor Shift_JIS'
      : detection.firstNonUtf8Line !== null
        ? `read as Shift_JIS because line ${detection.firstNonUtf8Line} is not valid UTF-8; pass --encoding if that is wrong`
        : 'read as UTF-8';
  let header: Header | undefined;
  let width = 0;
  const seen = new Map<string, number>();
  const national = new Map<string, { line: number; field: string; value: number | null }>();
  let lineNo = 0;
  let lastText = '';
  let lastTerminated = true;
  let headerError = false;
  for await (const { line, bytes, terminated, bytesRead } of readByteLines(path)) {
    lineNo = line;
    lastTerminated = terminated;
    if (line % 25_000 === 0) options.onProgress?.(line, bytesRead, bytesTotal);
    let text = decodeLine(bytes, encoding, terminated);
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    lastText = text;
    if (UNDECODABLE.test(text)) {
      const fields = splitCsvLine(text) ?? [text];
      const at = fields.findIndex((f) => UNDECODABLE.test(f));
      issues.error({ line, field: header?.names[at] ?? (header ? '(line)' : '(header)'), code: 'ENCODING', message: forced ? `bytes not valid in ${forced === 'utf-8' ? 'UTF-8' : 'Shift_JIS (CP932)'} (--encoding ${options.encoding})` : 'bytes valid in neither UTF-8 nor Shift_JIS (CP932): wrong encoding or a damaged file' });
      if (!header) break;
      continue;
    }
    if (text.trim() === '') continue;
    if (!header) {
      const names = (splitCsvLine(text) ?? []).map((h) => h.trim());
      const found = detectHeader(names);
      if (found && 'header' in found) {
        header = found.header;
        width = names.length;
        issues = new IssueCollector(path, header.layout);
        issues.report.summary[`encoding.${encoding}`] = 1;
        continue;
      }
      if (found) {
        issues.error({ line, field: found.field, code: 'MISSING_COLUMN', message: `${found.missing} in the header: ${text.slice(0, 120)}` });
        headerError = true;
        break;
      }
      if (line >= MAX_PREAMBLE_LINES) break;
      continue;
    }
    issues.report.rowsRead++;
    const fields = splitCsvLine(text);
    if (!fields || fields.length !== width) {
      // a cut line names the column it ends in; a short complete line the first column missing
      const at = fields ? (terminated ? fields.length : fields.length - 1) : -1;
      issues.error({
        line,
        field: fields && fields.length < width ? (header.names[at] ?? '(line)') : '(line)',
        code: terminated ? 'FIELD_COUNT' : 'TRUNCATED',
        message: `${terminated ? '' : 'file ends in the middle of a row (no line break after the last line): truncated? '}expected ${width} fields, found ${fields ? fields.length : 'an unclosed quote'}`,
      });
      continue;
    }
    if (!terminated) {
      issues.error({
        line,
        field: header.names[width - 1] ?? '(line)',
        code: 'TRUNCATED',
        message: `file ends in the middle of a row (no line break after the last line): truncated? last line: ${text.slice(0, 80)}`,
      });
      continue;
    }
    parseLine(line, fields, header, issues, encodingNote, cells, seen, national);
  }
  if (!header && !headerError && issues.report.errorCount === 0) {
    issues.error({ line: 1, field: '(header)', code: 'MISSING_COLUMN', message: `no e-Stat / Economic Census header (prefecture, industry, year and value columns) in the first ${MAX_PREAMBLE_LINES} lines (${encodingNote}): ${lastText.slice(0, 80)}` });
  }
  if (header && !lastTerminated && issues.report.rowsRead === 0) {
    issues.error({ line: lineNo, field: '(header)', code: 'TRUNCATED', message: 'file ends in the header line' });
  }
  if (header && issues.report.rowsRead === 0 && issues.report.errorCount === 0) {
    issues.error({ line: Math.max(1, lineNo), field: '(file)', code: 'NO_DATA', message: 'no data rows' });
  }
  if (issues.report.errorCount === 0) {
    checkDivisionsWithinTotal(cells, issues);
    checkNationalTotals(cells, national, issues);
  }
  for (const c of cells) {
    const key = `${c.measure}.${c.status}`;
    issues.report.summary[key] = (issues.report.summary[key] ?? 0) + 1;
    if (c.flag !== null && (c.status !== 'reported' || c.flag === '-')) issues.report.summary[`mark.${c.flag}`] = (issues.report.summary[`mark.${c.flag}`] ?? 0) + 1;
  }
  options.onProgress?.(lineNo, bytesTotal, bytesTotal);
  return { layout: header?.layout ?? 'long', encoding, cells, report: issues.report };
}

/** Resolves a key from its columns (code columns first); any other column that resolves must agree. */
function resolveKey<T>(
  line: number,
  fields: string[],
  columns: readonly number[],
  names: readonly string[],
  resolve: (text: string) => T | undefined,
  same: (a: T, b: T) => boolean,
  issues: IssueCollector,
  unknown: { code: ValidationIssueCode; what: string },
): T | undefined {
  let found: { value: T; column: number } | undefined;
  for (const k of columns) {
    const text = (fields[k] ?? '').trim();
    const value = resolve(text);
    if (value === undefined) continue;
    if (!found) found = { value, column: k };
    else if (!same(found.value, value)) {
      issues.error({ line, field: names[k] ?? String(k), code: 'INCONSISTENT', message: `"${text}" contradicts ${names[found.column]} "${(fields[found.column] ?? '').trim()}"`, value: text });
      return undefined;
    }
  }
  if (!found) {
    const k = columns[0]!;
    const text = (fields[k] ?? '').trim();
    issues.error({ line, field: names[k] ?? String(k), code: unknown.code, message: `unknown ${unknown.what} "${text}"`, value: text });
  }
  return found?.value;
}

function parseLine(
  line: number,
  fields: string[],
  h: Header,
  issues: IssueCollector,
  encodingNote: string,
  cells: EstatJapanCell[],
  seen: Map<string, number>,
  national: Map<string, { line: number; field: string; value: number | null }>,
): void {
  const errorsBefore = issues.report.errorCount;
  const shiftJisNote = encodingNote.includes('Shift_JIS because') ? `; ${encodingNote}` : '';
  const year = resolveKey(line, fields, h.year, h.names, parseYear, (a, b) => a === b, issues, { code: 'BAD_YEAR', what: 'year' });
  if (year !== undefined && (year < 1950 || year > 2100)) {
    issues.error({ line, field: h.names[h.year[0]!]!, code: 'BAD_YEAR', message: `${year} is not a census year`, value: String(year) });
  }
  const area = resolveKey<JapanAreaMatch>(
    line, fields, h.region, h.names, japanArea,
    (a, b) => a.kind === b.kind && (a.kind === 'national' || (b.kind === 'prefecture' && a.prefecture === b.prefecture)),
    issues, { code: 'UNKNOWN_REGION', what: `prefecture (JIS code, e-Stat area code, Japanese or English name)${shiftJisNote}` },
  );
  const values: { column: number; measure: EstatJapanMeasure; industryCode: string | null }[] = [];
  let industryCode: string | null = null;
  if (h.layout !== 'wide') {
    const division = resolveKey(line, fields, h.industry, h.names, jsicDivision, (a, b) => a === b, issues, {
      code: 'UNKNOWN_CODE',
      what: `JSIC division (A–T, AR/AS for all industries, or a division name; only divisions are imported)${shiftJisNote}`,
    });
    industryCode = division?.code ?? null;
  }
  if (h.layout === 'estat') {
    const measure = resolveKey(line, fields, h.measure, h.names, estatMeasure, (a, b) => a === b, issues, { code: 'UNKNOWN_CODE', what: `measure (事業所数 / 従業者数)${shiftJisNote}` });
    if (measure) values.push({ column: h.value, measure, industryCode });
  } else {
    for (const v of h.valueColumns) values.push({ ...v, industryCode: v.industryCode ?? industryCode });
  }
  const parsed: { column: number; measure: EstatJapanMeasure; industryCode: string | null; value: number | null; status: ObservationStatus; flag: string | null }[] = [];
  for (const v of values) {
    const raw = fields[v.column] ?? '';
    const p = parseEstatValue(raw);
    if ('code' in p) {
      issues.error({ line, field: h.names[v.column]!, code: p.code, message: p.message, value: raw.trim() });
      continue;
    }
    const annotation = h.annotation >= 0 ? (fields[h.annotation] ?? '').trim() : '';
    parsed.push({ ...v, ...p, flag: p.flag ?? (annotation === '' ? null : annotation) });
  }
  if (issues.report.errorCount > errorsBefore || year === undefined || area === undefined) return;
  for (const v of parsed) {
    if (v.industryCode === null) continue;
    const field = h.names[v.column]!;
    if (area.kind === 'national') {
      national.set(`${year}|${v.industryCode}|${v.measure}`, { line, field, value: v.value });
      continue;
    }
    const prefectureCode = area.prefecture.code;
    const key = `${year}|${prefectureCode}|${v.industryCode}|${v.measure}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const keyField = h.names[(h.layout === 'wide' ? h.region[0] : h.industry[0])!]!;
      issues.error({ line, field: keyField, code: 'DUPLICATE', message: `duplicate ${v.measure} for ${year}, JP-${prefectureCode}, JSIC ${v.industryCode} (first on line ${first})` });
      return;
    }
    seen.set(key, line);
    cells.push({ line, field, year, prefectureCode, industryCode: v.industryCode, measure: v.measure, value: v.value, status: v.status, flag: v.flag });
  }
}

/** The divisions of a prefecture-year cannot add up to more than its all-industries total. */
function checkDivisionsWithinTotal(cells: readonly EstatJapanCell[], issues: IssueCollector): void {
  const groups = new Map<string, { total?: EstatJapanCell; sum: number }>();
  for (const c of cells) {
    const key = `${c.year}|${c.prefectureCode}|${c.measure}`;
    const g = groups.get(key) ?? { sum: 0 };
    groups.set(key, g);
    if (c.industryCode === 'TOTAL') g.total = c;
    else if (c.value !== null && c.industryCode !== 'S') g.sum += c.value;
  }
  for (const g of groups.values()) {
    const t = g.total;
    if (t && t.value !== null && g.sum > t.value) {
      issues.error({ line: t.line, field: t.field, code: 'INCONSISTENT', message: `JP-${t.prefectureCode} ${t.year} ${t.measure}: the divisions add up to ${g.sum}, more than the all-industries total ${t.value}`, value: String(t.value) });
    }
  }
}

/** A national row (全国) must equal the sum over the 47 prefectures when all of them are published. */
function checkNationalTotals(cells: readonly EstatJapanCell[], national: ReadonlyMap<string, { line: number; field: string; value: number | null }>, issues: IssueCollector): void {
  if (national.size === 0) return;
  const sums = new Map<string, { sum: number; count: number; complete: boolean }>();
  for (const c of cells) {
    const key = `${c.year}|${c.industryCode}|${c.measure}`;
    const s = sums.get(key) ?? { sum: 0, count: 0, complete: true };
    sums.set(key, s);
    s.count++;
    if (c.value === null) s.complete = false;
    else s.sum += c.value;
  }
  for (const [key, n] of national) {
    issues.report.summary['national.rows'] = (issues.report.summary['national.rows'] ?? 0) + 1;
    const s = sums.get(key);
    if (!s || s.count !== 47 || !s.complete || n.value === null) continue;
    if (s.sum !== n.value) {
      issues.warning({ line: n.line, field: n.field, code: 'INCONSISTENT', message: `national value ${n.value} differs from the sum over the 47 prefectures ${s.sum} (${key.replaceAll('|', ', ')})`, value: String(n.value) });
    } else issues.report.summary['national.matched'] = (issues.report.summary['national.matched'] ?? 0) + 1;
  }
}
