import { basename, resolve } from 'node:path';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { loadNaics2007Industries } from '../../classifications/naics-titles.js';
import type { DatasetRecord, ImportSession, IndustryRecord, ObservationRecord, RegionRecord, Store } from '../../store/store.js';
import { StoreError } from '../../store/store.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationIssue, ValidationReport } from '../validation-report.js';
import {
  buildCbpGroup,
  buildCbpImport,
  cbpCountyRegion,
  cbpImportSummary,
  cbpRegionId,
  cbpRegions,
  emptyCbpImportCounts,
} from './build-cbp-import.js';
import type { CbpGroupContext } from './build-cbp-import.js';
import { importCbpStaged } from './import-cbp-staged.js';
import { readCbp, streamCbp } from './read-cbp.js';
import type { CbpLayout, CbpRow } from './read-cbp.js';
import { loadCountyNames } from '../../classifications/county-names.js';

export interface ImportCbpOptions {
  /** Dataset id (default: from the file name, e.g. "cbp11st"). */
  datasetId?: string;
  title?: string;
  /** Where the data came from, as the dataset records it (default: the file's absolute path; uploads name the upload). */
  origin?: string;
  /** Year of a Census file whose name does not tell it. */
  year?: number;
  /** Replace an already imported dataset with the same id. */
  replace?: boolean;
  /** Validate and estimate only; write nothing. */
  dryRun?: boolean;
  /** Progress callback (lines read, bytes read, bytes total). */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
  /**
   * Called as the bulk path (below) passes from one step to the next after reading the file (checking codes,
   * estimating withheld employment, writing), with a line such as "writing 2,000,000 rows (6,000,000 values)".
   * The streaming path reports through onProgress only: it checks, estimates and writes while it reads.
   */
  onPhase?: (message: string) => void;
  /**
   * Let a store whose database reads CSV itself (DuckDB) load a Census file in bulk (default true; see
   * importCbpStaged). False: always the streaming import. Results and refusals are the same either way.
   */
  staging?: boolean;
}

export interface ImportCbpResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/** Observations handed to the store per append (a few region-years). */
const APPEND_ROWS = 16_384;

/**
 * Imports a County Business Patterns file (tidy state layout, Census cbpYYst.txt or cbpYYco.txt) into a store,
 * streaming: rows are validated as they are read, and each region-year (CBP files are sorted by year, state
 * and county) is estimated and appended to one store transaction (Store.beginImport) as soon as it is complete,
 * so memory holds one region-year, not the file. Any error refuses the whole file (ImportValidationError with
 * the report, errors in file order as before): the transaction is rolled back, nothing is written. A file whose
 * region-years are not contiguous is legal: the import then starts again holding the file in memory.
 * Only NAICS 2007 files (CBP 2008–2011, and the shipped 2007/2011 file) are supported in this version.
 * On DuckDB, a well-formed Census file goes the bulk way instead (importCbpStaged: read_csv, one INSERT … SELECT),
 * with the same result; anything it does not accept comes back here.
 */
export async function importCbp(store: Store, path: string, options: ImportCbpOptions = {}): Promise<ImportCbpResult> {
  const dataDir = shippedDataDir();
  const industries = loadNaics2007Industries(dataDir);
  const knownCodes = new Set(industries.map((i) => i.code));
  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase();
  const dataset: Omit<DatasetRecord, 'rowCount' | 'importedAt'> = {
    id: datasetId,
    title: options.title ?? `County Business Patterns (${basename(path)})`,
    source: 'U.S. Census Bureau, County Business Patterns',
    licence: 'Public domain (U.S. federal government work, 17 U.S.C. §105)',
    classification: 'NAICS2007',
    origin: options.origin ?? resolve(path),
  };
  if (options.staging !== false && options.dryRun !== true) {
    const staged = await importCbpStaged(store, path, { datasetId, year: options.year, replace: options.replace, onProgress: options.onProgress, onPhase: options.onPhase }, { dataset, industries, knownCodes, dataDir });
    if (staged !== null) return { datasetId, rowCount: staged.rowCount, report: staged.report, written: true };
  }
  const streamed = await importCbpStreaming(store, path, { ...options, datasetId }, { dataset, industries, knownCodes, dataDir });
  if (streamed !== 'out-of-order') return streamed;
  return importCbpInMemory(store, path, { ...options, datasetId }, { dataset, industries, knownCodes, dataDir });
}

interface CbpImportSetup {
  dataset: Omit<DatasetRecord, 'rowCount' | 'importedAt'>;
  industries: IndustryRecord[];
  knownCodes: Set<string>;
  dataDir: string;
}

/** The first CBP year of another NAICS vintage than 2007, as an error. */
function vintageError(r: CbpRow): Omit<ValidationIssue, 'file'> | null {
  if (r.year >= 2007 && r.year <= 2011) return null;
  return { line: r.line, field: 'year', code: 'BAD_YEAR', message: `CBP ${r.year} is coded in a NAICS vintage other than 2007; this version imports CBP 2007–2011 (NAICS 2007)` };
}

/**
 * The streaming import. Precedence of refusals as in the in-memory import: read errors, then a year of
 * another vintage, then estimation errors, then the store's (DATASET_EXISTS is kept until the file is read).
 * Returns 'out-of-order' (after rolling back) when a region-year comes back after another one.
 */
async function importCbpStreaming(
  store: Store,
  path: string,
  options: ImportCbpOptions & { datasetId: string },
  setup: CbpImportSetup,
): Promise<ImportCbpResult | 'out-of-order'> {
  const issues = new IssueCollector(path, 'unknown');
  const counts = emptyCbpImportCounts();
  const context: CbpGroupContext = { datasetId: options.datasetId, classification: setup.dataset.classification, leafCodes: null };
  let countyNames: Map<string, string> | undefined;
  const counties: RegionRecord[] = [];
  let session = null as ImportSession | null;
  let storeError = null as unknown;
  let vintage: Omit<ValidationIssue, 'file'> | null = null;
  let outOfOrder = false;
  let group: CbpRow[] = [];
  let groupKey = '';
  /** Region-years already read (a second visit means the file is not sorted). */
  const done = new Set<string>();
  const countyIds = new Set<string>();
  let buffer: ObservationRecord[] = [];
  /** Read errors, a vintage error or an estimation error: stop estimating and writing, keep validating. */
  const refused = (readErrors: number): boolean => readErrors > 0 || vintage !== null || issues.report.errorCount > 0;

  const write = async (force: boolean): Promise<void> => {
    if ((!force && buffer.length < APPEND_ROWS) || buffer.length === 0) return;
    const chunk = buffer;
    buffer = [];
    if (options.dryRun || storeError !== null) return;
    if (session === null) {
      try {
        session = await store.beginImport(
          { dataset: { ...setup.dataset, importedAt: new Date().toISOString(), rowCount: 0 }, regions: cbpRegions([]), industries: setup.industries },
          { replace: options.replace },
        );
      } catch (error) {
        storeError = error;
        return;
      }
    }
    try {
      await session.append(chunk);
    } catch (error) {
      storeError = error;
    }
  };

  const closeGroup = async (readErrors: number): Promise<void> => {
    const rows = group;
    group = [];
    if (rows.length === 0 || refused(readErrors)) return;
    const regionId = cbpRegionId(rows[0]!);
    if (regionId.length === 8 && !countyIds.has(regionId)) {
      countyIds.add(regionId);
      countyNames ??= loadCountyNames(setup.dataDir);
      counties.push(cbpCountyRegion(regionId, countyNames));
    }
    for (const o of buildCbpGroup(rows, context, issues, counts)) buffer.push(o);
    if (!refused(readErrors)) await write(false);
  };

  let layout: CbpLayout;
  let read: ValidationReport;
  try {
    ({ layout, report: read } = await streamCbp(path, { year: options.year, knownCodes: setup.knownCodes, onProgress: options.onProgress }, (row, report) => {
      if (outOfOrder) return;
      vintage ??= vintageError(row);
      const key = `${row.year}|${row.stateFips}|${row.countyFips ?? ''}`;
      if (key === groupKey) {
        group.push(row);
        return;
      }
      done.add(groupKey);
      groupKey = key;
      if (done.has(key)) {
        outOfOrder = true;
        return;
      }
      const closing = closeGroup(report.errorCount);
      group.push(row);
      return closing;
    }));
    if (!outOfOrder) {
      await closeGroup(read.errorCount);
      if (!refused(read.errorCount)) await write(true);
    }
  } catch (error) {
    await session?.abort();
    throw error;
  }
  const open = session;
  if (outOfOrder) {
    await open?.abort();
    return 'out-of-order';
  }
  if (refused(read.errorCount)) {
    await open?.abort();
    if (read.errorCount > 0) throw new ImportValidationError(read);
    const report = importReport(path, layout, read);
    if (vintage !== null) {
      report.error(vintage);
      throw new ImportValidationError(report.report);
    }
    mergeIssues(report, issues);
    throw new ImportValidationError(report.report);
  }
  if (storeError !== null) {
    await open?.abort();
    throw storeError instanceof StoreError ? storeError : new StoreError('STORE_FAILED', `importCbp(${path}): ${String(storeError)}`, { cause: storeError });
  }
  const report = importReport(path, layout, read);
  mergeIssues(report, issues);
  Object.assign(report.report.summary, cbpImportSummary(counts));
  if (!options.dryRun) {
    let active = open;
    try {
      if (active === null) {
        // a file of no rows cannot get here (NO_DATA); keep the session logic total anyway
        active = await store.beginImport(
          { dataset: { ...setup.dataset, importedAt: new Date().toISOString(), rowCount: 0 }, regions: cbpRegions([]), industries: setup.industries },
          { replace: options.replace },
        );
      }
      if (counties.length > 0) await active.addRegions(counties);
      await active.commit();
    } catch (error) {
      await active?.abort();
      throw error;
    }
  }
  return { datasetId: options.datasetId, rowCount: 3 * counts.rows, report: report.report, written: !options.dryRun };
}

/** The import's report: the read's rows and warnings, then the estimation's issues. */
function importReport(path: string, layout: CbpLayout, read: ValidationReport): IssueCollector {
  const report = new IssueCollector(path, layout);
  report.report.rowsRead = read.rowsRead;
  report.report.warnings.push(...read.warnings);
  report.report.warningCount = read.warningCount;
  return report;
}

function mergeIssues(into: IssueCollector, from: IssueCollector): void {
  for (const e of from.report.errors) into.error(e);
  for (const w of from.report.warnings) into.warning(w);
  into.report.errorCount += from.report.errorCount - from.report.errors.length;
  into.report.warningCount += from.report.warningCount - from.report.warnings.length;
}

/**
 * The in-memory import, for files whose region-years are not contiguous: read and validate everything,
 * estimate suppressed employment, then write in one transaction. Memory grows with the file.
 */
async function importCbpInMemory(store: Store, path: string, options: ImportCbpOptions & { datasetId: string }, setup: CbpImportSetup): Promise<ImportCbpResult> {
  const read = await readCbp(path, { year: options.year, knownCodes: setup.knownCodes, onProgress: options.onProgress });
  if (read.report.errorCount > 0) throw new ImportValidationError(read.report);
  const issues = importReport(path, read.layout, read.report);
  for (const r of read.rows) {
    const error = vintageError(r);
    if (error) {
      issues.error(error);
      break;
    }
  }
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  const data = buildCbpImport(
    read.rows,
    {
      dataset: setup.dataset,
      industries: setup.industries,
      countyNames: read.layout === 'census-county' ? loadCountyNames(setup.dataDir) : undefined,
    },
    issues,
  );
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  if (!options.dryRun) await store.importDataset(data, { replace: options.replace });
  return { datasetId: options.datasetId, rowCount: data.observations.length, report: issues.report, written: !options.dryRun };
}
