import { basename, resolve } from 'node:path';
import type { JsicRevision } from '../../classifications/jsic.js';
import type { Store } from '../../store/store.js';
import { ImportValidationError } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';
import { buildEstatJapanImport } from './build-estat-japan-import.js';
import { readEstatJapan } from './read-estat-japan.js';

export interface ImportEstatJapanOptions {
  /** Dataset id (default: from the file name, e.g. "jp_pref_industry_long"). */
  datasetId?: string;
  title?: string;
  /** Where the data came from, as the dataset records it (default: the file's absolute path; uploads name the upload). */
  origin?: string;
  /** Replace an already imported dataset with the same id. */
  replace?: boolean;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** "utf-8" or "shift_jis" ("cp932", "sjis"); detected when omitted (strict UTF-8 first, else Shift_JIS). */
  encoding?: string;
  /**
   * JSIC revision the file is coded in. Default: "JSIC13" for data up to 2023 (Economic Census 2012–2021),
   * "JSIC14" when every year is 2024 or later; a file spanning both needs this option.
   */
  classification?: JsicRevision;
  /** Credit line stored with the dataset (default: e-Stat / Economic Census for Business Activity). */
  source?: string;
  licence?: string;
  /** Progress callback (lines read, bytes read, bytes total). */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportEstatJapanResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/** Defaults of importEstatJapan's credit lines. */
export const ESTAT_JAPAN_DEFAULTS = Object.freeze({
  source: 'Economic Census for Business Activity (MIC / METI), via e-Stat (www.e-stat.go.jp)',
  licence: 'Government of Japan Standard Terms of Use 2.0 (compatible with CC BY 4.0); credit the source',
});

/** First year coded in JSIC Rev. 14 (in force from April 2024). */
const FIRST_JSIC14_YEAR = 2024;

/**
 * Imports a Japanese Economic Census / e-Stat CSV (shipped long or wide layout, e-Stat download) into a
 * store: read and validate everything (encoding detected, prefectures and JSIC divisions resolved, marks
 * kept as statuses), then write in one transaction. Any error refuses the whole file with an
 * ImportValidationError naming file, line and field; nothing is written. See docs/data/estat-japan.md.
 */
export async function importEstatJapan(store: Store, path: string, options: ImportEstatJapanOptions = {}): Promise<ImportEstatJapanResult> {
  const read = await readEstatJapan(path, { encoding: options.encoding, onProgress: options.onProgress });
  const report = read.report;
  if (report.errorCount > 0) throw new ImportValidationError(report);
  let classification = options.classification;
  if (classification === undefined) {
    const late = read.cells.find((c) => c.year >= FIRST_JSIC14_YEAR);
    const early = read.cells.find((c) => c.year < FIRST_JSIC14_YEAR);
    if (late && early) {
      report.errorCount++;
      report.errors.push({
        file: path,
        line: late.line,
        field: 'year',
        code: 'BAD_YEAR',
        message: `the file mixes years before ${FIRST_JSIC14_YEAR} (JSIC Rev. 13, line ${early.line}) and from ${FIRST_JSIC14_YEAR} (JSIC Rev. 14): say which revision codes it (classification option)`,
        value: String(late.year),
      });
      throw new ImportValidationError(report);
    }
    classification = late ? 'JSIC14' : 'JSIC13';
  }
  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase();
  const data = buildEstatJapanImport(read.cells, {
    classification,
    dataset: {
      id: datasetId,
      title: options.title ?? `Economic Census for Business Activity, Japan (${basename(path)})`,
      source: options.source ?? ESTAT_JAPAN_DEFAULTS.source,
      licence: options.licence ?? ESTAT_JAPAN_DEFAULTS.licence,
      origin: options.origin ?? resolve(path),
    },
  });
  if (!options.dryRun) await store.importDataset(data, { replace: options.replace });
  return { datasetId, rowCount: data.observations.length, report, written: !options.dryRun };
}
