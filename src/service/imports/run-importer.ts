import type { ValidationReport } from '../../io/importers/validation-report.js';
import type { ObservationMeasure, Store } from '../../io/store/store.js';
import { ServiceError } from '../service-error.js';

/** Kinds of file the HTTP API imports (the CLI's `clusterlens import <kind>` minus cluster definitions). */
export const IMPORT_KINDS = Object.freeze(['cbp', 'eurostat', 'estat', 'csv', 'qcew'] as const);
/** One of IMPORT_KINDS. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Options of one import, as the CLI flags of `clusterlens import` name them. */
export interface ImportOptions {
  /** Dataset id (default: the file name without extension, lower case). */
  datasetId?: string;
  title?: string;
  /** CBP: year of a file whose name does not tell it. */
  year?: number;
  /** estat, csv: "utf-8" or "shift_jis" (estat detects it when omitted). */
  encoding?: string;
  /** Replace a dataset of the same id (else DATASET_EXISTS). */
  replace?: boolean;
  /** Generic CSV: the column mapping ("region=geo,industry=naics,year=year,value=jobs"), classification, … */
  csv?: { map?: string; classification?: string; country?: string; measure?: string; delimiter?: string };
  /** QCEW: ownership code and NAICS levels kept. */
  qcew?: { ownership?: string; levels?: number[] };
}

/** What every importer returns. */
export interface ImporterResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

const invalid = (message: string, details: Record<string, unknown> = {}): ServiceError => new ServiceError('INVALID_ARGUMENT', message, details);

/** Refuses options that belong to another kind (as the CLI does). */
function refuseForeign(kind: ImportKind, options: ImportOptions): void {
  const csv = Object.entries(options.csv ?? {}).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (kind !== 'csv' && csv.length > 0) throw invalid(`${csv.join(', ')} apply to kind csv only, not to ${kind}`, { kind, options: csv });
  const qcew = Object.entries(options.qcew ?? {}).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (kind !== 'qcew' && qcew.length > 0) throw invalid(`${qcew.join(', ')} apply to kind qcew only, not to ${kind}`, { kind, options: qcew });
  if (kind !== 'cbp' && options.year !== undefined) throw invalid(`year applies to kind cbp only (${kind} files carry their years)`, { kind });
  if ((kind === 'cbp' || kind === 'eurostat' || kind === 'qcew') && options.encoding !== undefined && !/^utf-?8$/i.test(options.encoding)) {
    throw invalid(`${kind} files are read as UTF-8; encoding applies to kinds estat and csv`, { kind, encoding: options.encoding });
  }
}

/**
 * Runs the importer of `kind` on a file into `store` (all-or-nothing; ImportValidationError with the report
 * when the file is refused). Bad options are ServiceError INVALID_ARGUMENT. Importers are loaded on demand.
 * `origin` is what the dataset records as its origin (default: the file's path; an upload names itself).
 */
export async function runImporter(kind: ImportKind, store: Store, path: string, options: ImportOptions, origin?: string): Promise<ImporterResult> {
  refuseForeign(kind, options);
  const common = { datasetId: options.datasetId, title: options.title, replace: options.replace === true, dryRun: false, origin };
  switch (kind) {
    case 'cbp':
      return (await import('../../io/importers/cbp/import-cbp.js')).importCbp(store, path, { ...common, year: options.year });
    case 'eurostat':
      return (await import('../../io/importers/eurostat/import-eurostat.js')).importEurostat(store, path, common);
    case 'estat':
      return (await import('../../io/importers/estat-japan/import-estat-japan.js')).importEstatJapan(store, path, { ...common, encoding: options.encoding });
    case 'qcew':
      return (await import('../../io/importers/qcew/import-qcew.js')).importQcew(store, path, { ...common, ownership: options.qcew?.ownership, levels: options.qcew?.levels });
    case 'csv':
      return importCsv(store, path, options, common);
  }
}

async function importCsv(store: Store, path: string, options: ImportOptions, common: { datasetId?: string; title?: string; replace: boolean; dryRun: boolean; origin?: string }): Promise<ImporterResult> {
  const { ColumnMappingError, parseColumnMapping, parseMeasure } = await import('../../io/importers/generic-csv/column-mapping.js');
  const { importGenericCsv } = await import('../../io/importers/generic-csv/import-generic-csv.js');
  const flags = options.csv ?? {};
  try {
    if (flags.map === undefined) throw invalid('kind csv needs map=region=<column>,industry=<column>,year=<column>,value=<column>');
    if (flags.classification === undefined) throw invalid('kind csv needs classification (NAICS2007, NACE2, JSIC13, JSIC14, …)');
    const country = flags.country;
    if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) throw invalid(`country must be a two-letter code such as US or JP, not "${country}"`);
    const measure: ObservationMeasure | undefined = flags.measure === undefined ? undefined : parseMeasure(flags.measure, 'measure');
    if (flags.delimiter !== undefined && !/^(.|\\t|tab)$/.test(flags.delimiter)) throw invalid('delimiter must be one character (or tab)');
    const delimiter = flags.delimiter === undefined ? undefined : flags.delimiter === 'tab' || flags.delimiter === '\\t' ? '\t' : flags.delimiter;
    return await importGenericCsv(store, path, {
      ...common,
      columns: parseColumnMapping(flags.map),
      classification: flags.classification,
      country: country?.toUpperCase(),
      measure,
      delimiter,
      encoding: options.encoding,
    });
  } catch (error) {
    if (error instanceof ColumnMappingError) throw invalid(error.message);
    throw error;
  }
}
