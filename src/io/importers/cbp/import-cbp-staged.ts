import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { cbpEmploymentFlagRange } from '../../../core/index.js';
import { loadCountyNames } from '../../classifications/county-names.js';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import type { CsvStaging, DatasetRecord, IndustryRecord, StagedImportSession, Store } from '../../store/store.js';
import { IssueCollector } from '../validation-report.js';
import { CBP_ESTIMATION_METHOD, cbpCountyRegion, cbpImportSummary, cbpRegions, estimateCbpGroup } from './build-cbp-import.js';
import type { CbpImportCounts } from './build-cbp-import.js';
import { CBP_EMPLOYMENT_FLAGS, cbpCountyFips, cbpNaics, cbpStateFips, detectCbpLayout, isCbpEmploymentFlag } from './read-cbp.js';
import type { CbpColumns, CbpRow } from './read-cbp.js';

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
}

export interface StagedCbpResult {
  rowCount: number;
  report: IssueCollector['report'];
}

/** Temporary tables of the staged import (dropped at the end, whatever happens). */
const TABLES = ['cbp_stage', 'cbp_estimate', 'cbp_naics'];

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
  if (detected === null || detected.layout === 'tidy-state') return null;
  const match = /cbp(\d\d)(st|co)/i.exec(basename(path));
  const year = options.year ?? (match ? 2000 + Number(match[1]) : undefined);
  if (year === undefined || year < 2007 || year > 2011) return null;
  const parameters: StageParameters = { ...options, year, county: detected.layout === 'census-county', columns: detected.columns, width: names.length, crlf };
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

interface StageParameters extends StagedCbpOptions {
  year: number;
  county: boolean;
  columns: CbpColumns;
  /** Fields per line (the header's). */
  width: number;
  /** Lines end in CR LF (as the header does), else in LF. */
  crlf: boolean;
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
  const field = (k: number | undefined): string => (k === undefined ? `''` : `coalesce(c${k}, '')`);
  // a whole number as the streaming reader takes it without trimming (digits only, below 2^53), else null
  const count = (k: number): string => `case when length(c${k}) between 1 and 15 and ltrim(c${k}, '0123456789') = '' then cast(c${k} as bigint) end`;
  const spec = Array.from({ length: p.width }, (_, k) => `'c${k}': 'VARCHAR'`).join(', ');
  // DuckDB parses on its threads while this thread checks the file's shape. (No new_line option: DuckDB 1.5
  // takes LF and CR LF by itself, and new_line = '\r\n' with strict_mode reads no rows at all.)
  const staging = db.run(
    `create or replace temporary table cbp_stage as
     select ${field(c.state)} as state, ${field(c.county)} as county, ${field(c.naics)} as naics, ${field(c.empflag)} as empflag,
            ${field(c.empNf)} as emp_nf, ${field(c.apNf)} as ap_nf, ${count(c.emp)} as emp, ${count(c.ap)} as ap, ${count(c.est)} as est
     from read_csv(${sqlText(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
                   strict_mode = true, null_padding = false, columns = {${spec}})`,
  );
  let plain: PlainCsv | null;
  try {
    plain = scanPlainCsv(path, p.width, p.crlf, p.onProgress);
  } finally {
    await staging;
  }
  if (plain === null) return null;
  const n = plain.lines - 1;
  const staged = await db.rows('select count(*)::double as n from cbp_stage');
  if (Number(staged[0]?.n) !== n || n === 0) return null;
  p.onProgress?.(plain.lines, plain.bytes, plain.bytes);

  // Codes, flags and notes: checked once per distinct value with the streaming reader's own functions. States,
  // counties, flags and notes must already be in their normal form (what Census files hold), so that SQL can use
  // them as they are; NAICS codes are normalised through a small table.
  const distinct = await db.rows(
    `select 's' as k, state as v from cbp_stage group by state union all select 'c', county from cbp_stage group by county
     union all select 'n', naics from cbp_stage group by naics union all select 'f', empflag from cbp_stage group by empflag
     union all select 't', emp_nf from cbp_stage group by emp_nf union all select 't', ap_nf from cbp_stage group by ap_nf`,
  );
  const naics: string[][] = [];
  const codeIndex = new Map<string, number>();
  const codes: { code: string; level: number }[] = [];
  for (const row of distinct) {
    const raw = String(row.v);
    const text = raw.trim();
    if (row.k === 's' && cbpStateFips(text) !== raw) return null;
    if (row.k === 'c' && (p.county ? cbpCountyFips(text) !== raw : raw !== '')) return null;
    if (row.k === 'f' && raw !== '' && !isCbpEmploymentFlag(raw)) return null;
    if (row.k === 't' && raw !== text) return null;
    if (row.k !== 'n') continue;
    const code = cbpNaics(text, setup.knownCodes);
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
  const regionKey = p.county ? `s.state::integer * 1000 + s.county::integer` : `s.state::integer * 1000 + 999`;
  const payrollSuppressed = `(s.ap_nf = 'D' or (s.empflag <> '' and s.ap = 0))`;
  // file order by rowid (read_csv into a new table keeps it), without sorting; flag index, bad number and
  // suppressed payroll packed into one column (flag + 16 · bad + 32 · suppressed) to hold fewer arrays
  const [rowid, region, code, employment, packed] = await db.numberColumns(
    `select s.rowid::double, (${regionKey})::double, n.idx::double, s.emp::double,
            (coalesce(${flagCase((_, k) => String(k + 1))}, 0) + 16 * (s.emp is null or s.ap is null or s.est is null)::integer
             + 32 * ${payrollSuppressed}::integer)::double
     from cbp_stage s join cbp_naics n on n.raw = s.naics`,
    n,
  );
  if (rowid === undefined || region === undefined || code === undefined || employment === undefined || packed === undefined) return null;
  const rows = inFileOrder(rowid, region, code, employment, packed);
  if (rows === null) return null;
  const plan = planGroups(rows, codes, codeIndex.get('TOTAL'), p.county);
  if (plan === null) return null;

  // Establishments and payroll go in while employment is estimated here.
  const session = await db.beginImport(
    { dataset: { ...setup.dataset, importedAt: new Date().toISOString(), rowCount: 0 }, regions: cbpRegions([]), industries: setup.industries },
    { replace: p.replace },
  );
  opened.session = session;
  const classification = sqlText(setup.dataset.classification);
  const common = `'US-' || s.state ${p.county ? '|| s.county' : ''}, ${classification}, n.code, n.level::integer, ${p.year}`;
  const from = `from cbp_stage s join cbp_naics n on n.raw = s.naics`;
  const writing = session.insertSelect(
    `select ${common}, 'establishments', s.est::double, 'reported', null, null, null, null ${from}
     union all
     select ${common}, 'payroll', case when ${payrollSuppressed} then null else s.ap::double end,
            case when ${payrollSuppressed} then 'suppressed' else 'reported' end, null, null, nullif(s.ap_nf, ''), null ${from}`,
    2 * n,
  );
  const issues = new IssueCollector(path, p.county ? 'census-county' : 'census-state');
  issues.report.rowsRead = n;
  let estimate: Float64Array | null;
  try {
    estimate = estimateGroups(plan, rows, codes, p, issues);
  } finally {
    await writing;
  }
  if (estimate === null) return null;
  await db.createDoubleTable('cbp_estimate', estimate);
  const upper = flagCase((f) => {
    const range = cbpEmploymentFlagRange(f).upper;
    return Number.isFinite(range) ? String(range) : 'null';
  });
  await session.insertSelect(
    `select ${common}, 'employment', e.v, case when s.empflag = '' then 'reported' else 'estimated' end,
            (${flagCase((f) => String(cbpEmploymentFlagRange(f).lower))})::double, (${upper})::double,
            coalesce(nullif(s.empflag, ''), nullif(s.emp_nf, '')), case when s.empflag = '' then null else ${sqlText(CBP_ESTIMATION_METHOD)} end
     from cbp_stage s positional join cbp_estimate e join cbp_naics n on n.raw = s.naics`,
    n,
  );
  if (plan.countyIds.length > 0) {
    const countyNames = loadCountyNames(setup.dataDir);
    await session.addRegions(plan.countyIds.map((id) => cbpCountyRegion(id, countyNames)));
  }
  await session.commit();
  Object.assign(issues.report.summary, cbpImportSummary(plan.counts));
  return { rowCount: 3 * n, report: issues.report };
}

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

/** Puts each value at its row number (`rowid`); null when the row numbers are not 0 … n − 1. */
function inFileOrder(rowid: Float64Array, region: Float64Array, code: Float64Array, employment: Float64Array, packed: Float64Array): StagedRows | null {
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
    if (!(k >= 0 && k < n) || placed[k] === 1) return null;
    placed[k] = 1;
    const bits = packed[i]!;
    rows.region[k] = region[i]!;
    rows.code[k] = code[i]!;
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
function planGroups(rows: StagedRows, codes: readonly { code: string }[], total: number | undefined, county: boolean): GroupPlan | null {
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
  const countyIds = county ? keys.map((key) => `US-${String(key).padStart(5, '0')}`) : [];
  return { keys, start, order, countyIds, counts };
}

/** Employment of every row (file order), estimated per region-year by estimateCbpGroup; null on an estimation error. */
function estimateGroups(
  plan: GroupPlan,
  rows: StagedRows,
  codes: readonly { code: string; level: number }[],
  p: { year: number; county: boolean },
  issues: IssueCollector,
): Float64Array | null {
  const estimate = new Float64Array(rows.region.length);
  const { keys, start, order } = plan;
  for (let g = 0; g < keys.length; g++) {
    const key = keys[g]!;
    const stateFips = String(Math.floor(key / 1000)).padStart(2, '0');
    const countyFips = p.county ? String(key % 1000).padStart(3, '0') : null;
    const group: CbpRow[] = [];
    for (let at = start[g]!; at < start[g + 1]!; at++) {
      const k = order[at]!;
      const c = codes[rows.code[k]!]!;
      const f = rows.flag[k]!;
      // what estimateCbpGroup reads; the other fields stay at neutral values
      group.push({
        line: k + 2,
        year: p.year,
        stateFips,
        countyFips,
        code: c.code,
        level: c.level,
        establishments: 0,
        employment: rows.employment[k]!,
        employmentFlag: f === 0 ? null : CBP_EMPLOYMENT_FLAGS[f - 1]!,
        employmentNoise: null,
        payroll: 0,
        payrollNoise: null,
      });
    }
    const fit = estimateCbpGroup(group, null, issues);
    if (issues.report.errorCount > 0) return null;
    for (let at = start[g]!, i = 0; at < start[g + 1]!; at++, i++) {
      const value = fit[i]!;
      if (!Number.isFinite(value)) return null;
      estimate[order[at]!] = value;
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

/** What scanPlainCsv found: the number of line breaks and the file size. */
interface PlainCsv {
  lines: number;
  bytes: number;
}

/**
 * Reads the file once, byte by byte, and returns its shape when it is plainly well formed: ASCII only, every
 * line ending in LF (or every one in CR LF when `crlf`), a line break at the end, every line with `width`
 * fields, quotes only around whole fields holding no comma. Then read_csv and the streaming reader cannot
 * see different fields. Null otherwise. Reports progress after each MiB.
 */
function scanPlainCsv(path: string, width: number, crlf: boolean, onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void): PlainCsv | null {
  const bytes = statSync(path).size;
  if (bytes === 0) return null;
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let commas = 0;
    let fieldStart = true;
    let inQuote = false;
    let afterQuote = false;
    /** A CR was just read (it must come right before LF). */
    let cr = false;
    let last = 0;
    for (let position = 0; position < bytes; ) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read <= 0) return null;
      const chunk = buffer.subarray(0, read);
      if (!isAscii(chunk)) return null;
      for (let i = 0; i < read; i++) {
        const b = chunk[i]!;
        if (cr && b !== 10) return null;
        if (inQuote) {
          if (b === 34) {
            inQuote = false;
            afterQuote = true;
          } else if (b === 44 || b === 10 || b === 13) return null;
          continue;
        }
        if (b === 44) {
          commas++;
          fieldStart = true;
          afterQuote = false;
        } else if (b === 10) {
          if (commas !== width - 1 || cr !== crlf) return null;
          cr = false;
          lines++;
          commas = 0;
          fieldStart = true;
          afterQuote = false;
        } else if (b === 13) cr = true;
        else if (afterQuote) return null;
        else if (b === 34) {
          if (!fieldStart) return null;
          inQuote = true;
          fieldStart = false;
        } else fieldStart = false;
      }
      last = chunk[read - 1]!;
      position += read;
      onProgress?.(lines, position, bytes);
    }
    if (last !== 10 || lines < 2) return null;
    return { lines, bytes };
  } finally {
    closeSync(fd);
  }
}
