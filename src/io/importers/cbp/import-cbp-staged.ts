import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { cbpEmploymentFlagRange } from '../../../core/index.js';
import { loadCountyNames } from '../../classifications/county-names.js';
import { naicsAncestors } from '../../classifications/naics-code.js';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import type { CsvStaging, DatasetRecord, IndustryRecord, StagedImportSession, Store } from '../../store/store.js';
import { IssueCollector } from '../validation-report.js';
import { scanPlainCsv } from './scan-plain-csv.js';
import type { PlainCsv } from './scan-plain-csv.js';
import { CBP_ESTIMATION_METHOD, cbpCountyRegion, cbpImportSummary, cbpRegions, estimateCbpHierarchy, setCbpNode } from './build-cbp-import.js';
import type { CbpHierarchy, CbpImportCounts } from './build-cbp-import.js';
import { CBP_EMPLOYMENT_FLAGS, cbpCountyFips, cbpNaics, cbpStateFips, detectCbpLayout, isCbpEmploymentFlag } from './read-cbp.js';
import type { CbpColumns, CbpLayout } from './read-cbp.js';

/** What the staged import needs besides the file (importCbp's setup). */
export interface StagedCbpSetup {
  dataset: Omit<DatasetRecord, 'rowCount' | 'importedAt'>;
  industries: readonly IndustryRecord[];
  knownCodes: ReadonlySet<string>;
  dataDir: string;
}

export interface StagedCbpOptions {
  datasetId: string;
  year?: number;
  replace?: boolean;
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
  /** Each step after the read (ImportCbpOptions.onPhase). */
  onPhase?: (message: string) => void;
}

export interface StagedCbpResult {
  rowCount: number;
  report: IssueCollector['report'];
}

/** Temporary tables of the staged import (dropped at the end, whatever happens). */
const TABLES = ['cbp_stage', 'cbp_estimate', 'cbp_naics'];
/** The employment range of each flag, by flag index − 1 (as CBP_EMPLOYMENT_FLAGS). */
const CBP_FLAG_RANGES = CBP_EMPLOYMENT_FLAGS.map((f) => cbpEmploymentFlagRange(f));

/**
 * The bulk CBP import for a store whose database reads CSV itself (Store.stageImport: DuckDB; see
 * docs/adr/0005-staged-cbp-import.md). A Census file (cbpYYst.txt or cbpYYco.txt layout) that is plainly
 * well formed (ASCII, LF line ends, every line with the header's number of fields, quotes only around whole
 * fields) is loaded by read_csv into a temporary table; codes are checked and normalised once per distinct
 * value with the streaming reader's own functions; employment is estimated per region-year with the same
 * code (estimateCbpGroup) over columns pulled once; observations go in with one INSERT … SELECT in one
 * transaction. Returns null, having written nothing, whenever anything is not as it must be (a bad value,
 * a duplicate, a missing total, an estimation error, the dataset already there, a store error): the caller
 * then runs the streaming import, which reports the problem with file, line and field as before.
 */
export async function importCbpStaged(store: Store, path: string, options: StagedCbpOptions, setup: StagedCbpSetup): Promise<StagedCbpResult | null> {
  if (store.stageImport === undefined) return null;
  const header = readHeaderLine(path);
  if (header === null) return null;
  const crlf = header.endsWith('\r');
  const names = (splitCsvLine(crlf ? header.slice(0, -1) : header) ?? []).map((h) => h.trim());
  const detected = detectCbpLayout(names.map((h) => h.toLowerCase()));
  if (detected === null) return null;
  let year: number | null = null;
  if (detected.layout !== 'tidy-state') {
    const match = /cbp(\d\d)(st|co)/i.exec(basename(path));
    const fileYear = options.year ?? (match ? 2000 + Number(match[1]) : undefined);
    if (fileYear === undefined || !isNaics2007Year(fileYear)) return null;
    year = fileYear;
  }
  const parameters: StageParameters = { ...options, year, layout: detected.layout, county: detected.layout === 'census-county', columns: detected.columns, width: names.length, crlf };
  return store.stageImport(`importCbp(${options.datasetId})`, async (db) => {
    const opened: { session: StagedImportSession | null } = { session: null };
    try {
      return await stageAndImport(db, path, parameters, setup, opened);
    } catch {
      // any refusal of the database (read_csv, a constraint, the dataset already there): the streaming import decides
      return null;
    } finally {
      // roll back first, so that the drops are not rolled back with the import
      await opened.session?.abort();
      for (const table of TABLES) await db.run(`drop table if exists ${table}`).catch(() => undefined);
    }
  });
}

interface StageParameters extends Omit<StagedCbpOptions, 'year'> {
  /** The year of a Census file; null for the tidy layout, whose rows each name their year. */
  year: number | null;
  layout: CbpLayout;
  county: boolean;
  columns: CbpColumns;
  /** Fields per line (the header's). */
  width: number;
  /** Lines end in CR LF (as the header does), else in LF. */
  crlf: boolean;
}

/** CBP years coded in NAICS 2007 (what this version imports; the streaming import refuses the others). */
function isNaics2007Year(year: number): boolean {
  return year >= 2007 && year <= 2011;
}

/**
 * Region-year keys of the staged rows: (year − 2000) · 100000 + state · 1000 + county (999 for a state), with
 * year 2000 standing for the one year of a Census file.
 */
const KEY_YEAR = 100_000;

/** The region id and year of a region-year key. */
function regionYear(key: number, p: { year: number | null; county: boolean }): { regionId: string; year: number } {
  const place = key % KEY_YEAR;
  const state = String(Math.floor(place / 1000)).padStart(2, '0');
  return { regionId: `US-${state}${p.county ? String(place % 1000).padStart(3, '0') : ''}`, year: p.year ?? 2000 + (key - place) / KEY_YEAR };
}

function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function stageAndImport(
  db: CsvStaging,
  path: string,
  p: StageParameters,
  setup: StagedCbpSetup,
  opened: { session: StagedImportSession | null },
): Promise<StagedCbpResult | null> {
  const c = p.columns;
  // text fields as read_csv gives them: null for an empty field, quoted or not (allow_quoted_nulls); the check of
  // distinct values below hands a file with any other empty text to the streaming import
  const text = (k: number | undefined): string => (k === undefined ? `null::varchar` : `c${k}`);
  // the counts are read as BIGINT: the byte pass below makes sure that each is digits only (at most 15)
  const counts = new Set([c.emp, c.ap, c.est]);
  const spec = Array.from({ length: p.width }, (_, k) => `'c${k}': '${counts.has(k) ? 'BIGINT' : 'VARCHAR'}'`).join(', ');
  // DuckDB parses on its threads while this thread checks the file's shape. (No new_line option: DuckDB 1.5
  // takes LF and CR LF by itself, and new_line = '\r\n' with strict_mode reads no rows at all.)
  const staging = db.run(
    `create or replace temporary table cbp_stage as
     select ${text(c.year)} as year, ${text(c.state)} as state, ${text(c.county)} as county, ${text(c.naics)} as naics, ${text(c.empflag)} as empflag,
            ${text(c.empNf)} as emp_nf, ${text(c.apNf)} as ap_nf, c${c.emp} as emp, c${c.ap} as ap, c${c.est} as est
     from read_csv(${sqlText(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                   strict_mode = true, null_padding = false, allow_quoted_nulls = true, columns = {${spec}})`,
  );
  let plain: PlainCsv | null;
  try {
    plain = scanPlainCsv(path, p.width, p.crlf, [...counts], p.onProgress);
  } finally {
    await staging;
  }
  if (plain === null) return null;
  const n = plain.lines - 1;
  const staged = await db.rows('select count(*)::double as n from cbp_stage');
  if (Number(staged[0]?.n) !== n || n === 0) return null;
  p.onProgress?.(plain.lines, plain.bytes, plain.bytes);
  p.onPhase?.(`checking ${n.toLocaleString('en-US')} rows: codes, flags, duplicates, totals`);

  // Codes, flags and notes: checked once per distinct value with the streaming reader's own functions. States,
  // counties, flags and notes must already be in their normal form (what Census files hold), so that SQL can use
  // them as they are; NAICS codes are normalised through a small table.
  const distinct = await db.rows(
    `select 'y' as k, year as v from cbp_stage group by year union all select 's', state from cbp_stage group by state union all select 'c', county from cbp_stage group by county
     union all select 'n', naics from cbp_stage group by naics union all select 'f', empflag from cbp_stage group by empflag
     union all select 't', emp_nf from cbp_stage group by emp_nf union all select 't', ap_nf from cbp_stage group by ap_nf`,
  );
  const naics: string[][] = [];
  const codeIndex = new Map<string, number>();
  const codes: { code: string; level: number }[] = [];
  for (const row of distinct) {
    if (row.v === '') return null;
    const raw = row.v == null ? '' : String(row.v);
    const trimmed = raw.trim();
    if (row.k === 'y' && (p.year === null ? !/^\d{4}$/.test(raw) || !isNaics2007Year(Number(raw)) : raw !== '')) return null;
    if (row.k === 's' && cbpStateFips(trimmed) !== raw) return null;
    if (row.k === 'c' && (p.county ? cbpCountyFips(trimmed) !== raw : raw !== '')) return null;
    if (row.k === 'f' && raw !== '' && !isCbpEmploymentFlag(raw)) return null;
    if (row.k === 't' && raw !== trimmed) return null;
    if (row.k !== 'n') continue;
    const code = cbpNaics(trimmed, setup.knownCodes);
    if (code === null) return null;
    let index = codeIndex.get(code.code);
    if (index === undefined) {
      index = codes.length;
      codeIndex.set(code.code, index);
      codes.push(code);
    }
    naics.push([raw, code.code, String(code.level), String(index)]);
  }
  await db.createTextTable('cbp_naics', ['raw', 'code', 'level', 'idx'], naics);
  const flagCase = (value: (flag: string, k: number) => string): string =>
    `case s.empflag ${CBP_EMPLOYMENT_FLAGS.map((f, k) => `when '${f}' then ${value(f, k)}`).join(' ')} else null end`;
  const yearKey = p.year === null ? `(s.year::integer - 2000) * ${KEY_YEAR} + ` : '';
  const regionKey = `${yearKey}s.state::integer * 1000 + ${p.county ? 's.county::integer' : '999'}`;
  const payrollSuppressed = `coalesce(s.ap_nf = 'D' or (s.empflag is not null and s.ap = 0), false)`;
  // file order by rowid (read_csv into a new table keeps it), without sorting; region, code, flag index, bad
  // number and suppressed payroll packed into one column, so that three columns travel (no null in any: a
  // DOUBLE column without nulls is copied in blocks)
  const [rowid, packed, employment] = await db.numberColumns(
    `select s.rowid::double,
            ((${regionKey})::bigint * ${PACK_CODE} + n.idx::integer) * ${PACK_FLAGS}::double + coalesce(${flagCase((_, k) => String(k + 1))}, 0)
              + 16 * (s.emp is null or s.ap is null or s.est is null)::integer + 32 * ${payrollSuppressed}::integer,
            coalesce(s.emp::double, -1)
     from cbp_stage s join cbp_naics n on n.raw = s.naics`,
    n,
  );
  if (rowid === undefined || packed === undefined || employment === undefined || codes.length >= PACK_CODE) return null;
  const rows = inFileOrder(rowid, packed, employment);
  if (rows === null) return null;
  const plan = planGroups(rows, codes, codeIndex.get('TOTAL'), p);
  if (plan === null) return null;
  const issues = new IssueCollector(path, p.layout);
  issues.report.rowsRead = n;
  p.onPhase?.(`estimating withheld employment: ${plan.counts.employmentEstimated.toLocaleString('en-US')} cells in ${plan.keys.length.toLocaleString('en-US')} region-years`);
  const estimate = estimateGroups(plan, rows, codes, p, issues);
  if (estimate === null) return null;
  // the rows whose employment is not the published figure (the withheld ones) travel back with their ranges
  let changed = 0;
  for (let k = 0; k < n; k++) if (estimate[k] !== rows.employment[k] || rows.flag[k] !== 0) changed++;
  const changedRows = new Int32Array(changed);
  const changedValues = new Float64Array(changed);
  const lower = new Float64Array(changed).fill(NaN);
  const upper = new Float64Array(changed).fill(NaN);
  for (let k = 0, j = 0; k < n; k++) {
    const f = rows.flag[k]!;
    if (estimate[k] === rows.employment[k] && f === 0) continue;
    changedRows[j] = k;
    changedValues[j] = estimate[k]!;
    if (f !== 0) {
      const range = CBP_FLAG_RANGES[f - 1]!;
      lower[j] = range.lower;
      if (Number.isFinite(range.upper)) upper[j] = range.upper;
    }
    j++;
  }
  await db.createNumberTable('cbp_estimate', [
    { name: 'r', values: changedRows },
    { name: 'v', values: changedValues },
    { name: 'lower', values: lower },
    { name: 'upper', values: upper },
  ]);

  p.onPhase?.(`writing ${n.toLocaleString('en-US')} rows (${(3 * n).toLocaleString('en-US')} values) in one transaction`);
  // One row of observation_rows per CBP row: employment, establishments and payroll side by side.
  const session = await db.beginImport(
    { dataset: { ...setup.dataset, importedAt: new Date().toISOString(), rowCount: 0 }, regions: cbpRegions([]), industries: setup.industries },
    { replace: p.replace },
  );
  opened.session = session;
  const method = sqlText(CBP_ESTIMATION_METHOD);
  await session.insertSelect(
    `select 'US-' || s.state ${p.county ? '|| s.county' : ''}, ${sqlText(setup.dataset.classification)}, n.code, n.level::integer, ${p.year ?? 's.year::integer'},
            coalesce(e.v, s.emp::double), case when s.empflag is null then 'reported' else 'estimated' end,
            e.lower, e.upper,
            coalesce(s.empflag, s.emp_nf), case when s.empflag is null then null else ${method} end,
            s.est::double, 'reported', null, null, null, null,
            case when ${payrollSuppressed} then null else s.ap::double end, case when ${payrollSuppressed} then 'suppressed' else 'reported' end,
            null, null, s.ap_nf, null
     from cbp_stage s join cbp_naics n on n.raw = s.naics left join cbp_estimate e on e.r = s.rowid`,
    n,
    3 * n,
  );
  if (plan.countyIds.length > 0) {
    const countyNames = loadCountyNames(setup.dataDir);
    await session.addRegions(plan.countyIds.map((id) => cbpCountyRegion(id, countyNames)));
  }
  await session.commit();
  Object.assign(issues.report.summary, cbpImportSummary(plan.counts));
  return { rowCount: 3 * n, report: issues.report };
}

/** Packing of the pulled column: ((region key · PACK_CODE + code index) · PACK_FLAGS + flags). */
const PACK_CODE = 1 << 14;
const PACK_FLAGS = 64;

/** The pulled columns of every row in file order. */
interface StagedRows {
  region: Int32Array;
  code: Int32Array;
  employment: Float64Array;
  /** Employment flag index (0: none, k: CBP_EMPLOYMENT_FLAGS[k − 1]). */
  flag: Uint8Array;
  /** 1 where a count is not a whole number. */
  bad: Uint8Array;
  payrollSuppressed: Uint8Array;
}

/** Puts each value at its row number (`rowid`), unpacking the packed column; null when the row numbers are not 0 … n − 1. */
function inFileOrder(rowid: Float64Array, packed: Float64Array, employment: Float64Array): StagedRows | null {
  const n = rowid.length;
  const rows: StagedRows = {
    region: new Int32Array(n),
    code: new Int32Array(n),
    employment: new Float64Array(n),
    flag: new Uint8Array(n),
    bad: new Uint8Array(n),
    payrollSuppressed: new Uint8Array(n),
  };
  const placed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = rowid[i]!;
    const word = packed[i]!;
    if (!(k >= 0 && k < n) || placed[k] === 1 || !Number.isFinite(word)) return null;
    placed[k] = 1;
    const bits = word % PACK_FLAGS;
    const key = (word - bits) / PACK_FLAGS;
    const code = key % PACK_CODE;
    rows.region[k] = (key - code) / PACK_CODE;
    rows.code[k] = code;
    rows.employment[k] = employment[i]!;
    rows.flag[k] = bits & 15;
    rows.bad[k] = (bits >> 4) & 1;
    rows.payrollSuppressed[k] = (bits >> 5) & 1;
  }
  return rows;
}

/** Region-years in order of first appearance, each with its rows in file order. */
interface GroupPlan {
  keys: number[];
  /** Rows of group g: order[start[g]] … order[start[g + 1] − 1]. */
  start: Int32Array;
  order: Int32Array;
  countyIds: string[];
  counts: CbpImportCounts;
}

/**
 * Groups the rows by region-year (a counting sort, no per-row lists) and checks what the streaming reader
 * checks across rows: bad numbers, employment beside a flag, a duplicate code, a region-year without its
 * total. Null at the first problem.
 */
function planGroups(rows: StagedRows, codes: readonly { code: string }[], total: number | undefined, p: { year: number | null; county: boolean }): GroupPlan | null {
  const n = rows.region.length;
  const groupOf = new Int32Array(n);
  const keys: number[] = [];
  const index = new Map<number, number>();
  const counts: CbpImportCounts = { rows: n, employmentReported: 0, employmentEstimated: 0, payrollSuppressed: 0 };
  let lastKey = -1;
  let last = -1;
  for (let k = 0; k < n; k++) {
    if (rows.bad[k] !== 0) return null;
    if (rows.flag[k] !== 0) {
      if (rows.employment[k] !== 0) return null; // employment published beside a suppression flag
      counts.employmentEstimated++;
    } else counts.employmentReported++;
    if (rows.payrollSuppressed[k] !== 0) counts.payrollSuppressed++;
    const key = rows.region[k]!;
    if (key !== lastKey) {
      let g = index.get(key);
      if (g === undefined) {
        g = keys.length;
        index.set(key, g);
        keys.push(key);
      }
      lastKey = key;
      last = g;
    }
    groupOf[k] = last;
  }
  const groups = keys.length;
  const start = new Int32Array(groups + 1);
  for (let k = 0; k < n; k++) start[groupOf[k]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const order = new Int32Array(n);
  const fill = start.slice(0, groups);
  for (let k = 0; k < n; k++) order[fill[groupOf[k]!]!++] = k;
  const seen = new Int32Array(codes.length).fill(-1);
  for (let g = 0; g < groups; g++) {
    let hasTotal = false;
    for (let at = start[g]!; at < start[g + 1]!; at++) {
      const c = rows.code[order[at]!]!;
      if (seen[c] === g) return null; // a duplicate row
      seen[c] = g;
      if (c === total) hasTotal = true;
    }
    if (!hasTotal) return null;
  }
  const countyIds = p.county ? keys.map((key) => regionYear(key, p).regionId) : [];
  return { keys, start, order, countyIds, counts };
}

/**
 * Employment of every row (file order), estimated per region-year as estimateCbpGroup does it: the same tree
 * (each row under its nearest published NAICS ancestor, found through code indexes instead of a map of
 * strings per region-year) and the same estimation and diagnostics (estimateCbpHierarchy). Null on an
 * estimation error.
 */
function estimateGroups(
  plan: GroupPlan,
  rows: StagedRows,
  codes: readonly { code: string; level: number }[],
  p: { year: number | null; county: boolean },
  issues: IssueCollector,
): Float64Array | null {
  const estimate = new Float64Array(rows.region.length);
  const { keys, start, order } = plan;
  const codeIndex = new Map(codes.map((c, i) => [c.code, i]));
  // the ancestors of each code that the file has, nearest first
  const ancestors = codes.map((c) => naicsAncestors(c.code).flatMap((a) => codeIndex.get(a) ?? []));
  /** Group that last placed each code, and the code's position in it. */
  const stamp = new Int32Array(codes.length).fill(-1);
  const position = new Int32Array(codes.length);
  for (let g = 0; g < keys.length; g++) {
    const first = start[g]!;
    const m = start[g + 1]! - first;
    for (let i = 0; i < m; i++) {
      const c = rows.code[order[first + i]!]!;
      stamp[c] = g;
      position[c] = i;
    }
    const h: CbpHierarchy = { parent: new Int32Array(m).fill(-1), value: new Float64Array(m), lower: new Float64Array(m), upper: new Float64Array(m) };
    for (let i = 0; i < m; i++) {
      const k = order[first + i]!;
      for (const a of ancestors[rows.code[k]!]!) {
        if (stamp[a] === g) {
          h.parent[i] = position[a]!;
          break;
        }
      }
      const f = rows.flag[k]!;
      setCbpNode(h, i, f === 0 ? null : CBP_FLAG_RANGES[f - 1]!, rows.employment[k]!);
    }
    const key = keys[g]!;
    const { regionId, year } = regionYear(key, p);
    const row = (i: number): { line: number; code: string } => {
      const k = order[first + i]!;
      return { line: k + 2, code: codes[rows.code[k]!]!.code };
    };
    const fit = estimateCbpHierarchy(h, m, regionId, year, row, issues);
    if (issues.report.errorCount > 0) return null;
    for (let i = 0; i < m; i++) {
      const v = fit[i]!;
      if (!Number.isFinite(v)) return null;
      estimate[order[first + i]!] = v;
    }
  }
  return estimate;
}

/** The first line of the file (up to 64 KiB, without its LF), or null when there is none. */
function readHeaderLine(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const end = buffer.subarray(0, read).indexOf(10);
    return end === -1 ? null : buffer.toString('latin1', 0, end);
  } finally {
    closeSync(fd);
  }
}
