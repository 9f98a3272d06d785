import { basename, resolve } from 'node:path';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { loadNaics2007Industries } from '../../classifications/naics-titles.js';
import type { Store } from '../../store/store.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';
import { buildCbpImport } from './build-cbp-import.js';
import { readCbp } from './read-cbp.js';
import { loadCountyNames } from '../../classifications/county-names.js';

export interface ImportCbpOptions {
  /** Dataset id (default: from the file name, e.g. "cbp11st"). */
  datasetId?: string;
  title?: string;
  /** Year of a Census file whose name does not tell it. */
  year?: number;
  /** Replace an already imported dataset with the same id. */
  replace?: boolean;
  /** Validate and estimate only; write nothing. */
  dryRun?: boolean;
  /** Progress callback (lines read, bytes read, bytes total). */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportCbpResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/**
 * Imports a County Business Patterns file (tidy state layout, Census cbpYYst.txt or cbpYYco.txt) into a store:
 * read and validate everything, estimate suppressed employment, then write in one transaction.
 * Any error refuses the whole file (ImportValidationError with the report); nothing is written.
 * Only NAICS 2007 files (CBP 2008–2011, and the shipped 2007/2011 file) are supported in this version.
 */
export async function importCbp(store: Store, path: string, options: ImportCbpOptions = {}): Promise<ImportCbpResult> {
  const dataDir = shippedDataDir();
  const industries = loadNaics2007Industries(dataDir);
  const knownCodes = new Set(industries.map((i) => i.code));
  const read = await readCbp(path, { year: options.year, knownCodes, onProgress: options.onProgress });
  if (read.report.errorCount > 0) throw new ImportValidationError(read.report);
  const issues = new IssueCollector(path, read.layout);
  Object.assign(issues.report, { rowsRead: read.report.rowsRead });
  issues.report.warnings.push(...read.report.warnings);
  issues.report.warningCount = read.report.warningCount;
  for (const r of read.rows) {
    if (r.year < 2007 || r.year > 2011) {
      issues.error({ line: r.line, field: 'year', code: 'BAD_YEAR', message: `CBP ${r.year} is coded in a NAICS vintage other than 2007; this version imports CBP 2007–2011 (NAICS 2007)` });
      break;
    }
  }
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase();
  const data = buildCbpImport(
    read.rows,
    {
      dataset: {
        id: datasetId,
        title: options.title ?? `County Business Patterns (${basename(path)})`,
        source: 'U.S. Census Bureau, County Business Patterns',
        licence: 'Public domain (U.S. federal government work, 17 U.S.C. §105)',
        classification: 'NAICS2007',
        origin: resolve(path),
      },
      industries,
      countyNames: read.layout === 'census-county' ? loadCountyNames(dataDir) : undefined,
    },
    issues,
  );
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  if (!options.dryRun) await store.importDataset(data, { replace: options.replace });
  return { datasetId, rowCount: data.observations.length, report: issues.report, written: !options.dryRun };
}
