import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDirectory } from '../../io/default-data/data-directory.js';
import { DATABASE_FILE, openEmbeddedStore } from '../../io/default-data/open-embedded-store.js';
import { openStore } from '../../io/default-data/open-store.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { formatValidationReport } from '../../io/importers/validation-report.js';
import type { ValidationReport } from '../../io/importers/validation-report.js';
import type { DatasetRecord, Store } from '../../io/store/store.js';
import { getClusterScheme } from '../../service/cluster-schemes/cluster-schemes.js';
import { recordCliChanges } from '../cli-audit.js';
import type { CliChange } from '../cli-audit.js';
import { stderrProgress } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseYear } from './options.js';

interface ImportResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

interface ImportOptions {
  datasetId?: string;
  year?: number;
  /** Character encoding of e-Stat files (default: detected, UTF-8 or Shift_JIS). */
  encoding?: string;
  replace: boolean;
  dryRun: boolean;
  /** Generic CSV: --map, --mapping, --classification, --country, --measure, --delimiter. */
  csv: CsvFlags;
  /** QCEW: --ownership, --levels. */
  qcew: { ownership?: string; levels?: number[] };
  /** Cluster definitions: --scheme. */
  scheme?: string;
  onProgress: (lines: number, bytesRead: number, bytesTotal: number) => void;
  /** Steps after the read (the CBP bulk path), one line each on stderr. */
  onPhase: (message: string) => void;
}

interface CsvFlags {
  map?: string;
  mapping?: string;
  classification?: string;
  country?: string;
  measure?: string;
  delimiter?: string;
}

/** Refuses generic-CSV flags given to another kind of import. */
function refuseCsvFlags(kind: string, flags: CsvFlags): void {
  const given = Object.entries(flags).filter(([, v]) => v !== undefined).map(([k]) => `--${k}`);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} apply to \`import csv\` only, not to ${kind}`);
}

/** The generic long CSV import: the mapping from --mapping FILE, then --map and the other flags over it. */
async function importCsv(store: Store, file: string, o: ImportOptions): Promise<ImportResult> {
  if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (map a year column with --map year=<column>)');
  const { ColumnMappingError, parseColumnMapping, parseMeasure, readMappingFile } = await import('../../io/importers/generic-csv/column-mapping.js');
  const { importGenericCsv } = await import('../../io/importers/generic-csv/import-generic-csv.js');
  const flags = o.csv;
  try {
    const fromFile = flags.mapping === undefined ? undefined : readMappingFile(flags.mapping);
    const columns = flags.map === undefined ? fromFile?.columns : parseColumnMapping(flags.map);
    if (columns === undefined) throw new UsageError('import csv needs --map region=<column>,industry=<column>,year=<column>,value=<column> or --mapping FILE');
    const classification = flags.classification ?? fromFile?.classification;
    if (classification === undefined) throw new UsageError('import csv needs --classification (NAICS2007, NACE2, JSIC13, JSIC14, …)');
    const country = flags.country ?? fromFile?.country;
    if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) throw new UsageError(`--country must be a two-letter code such as US, EU members' codes or JP, not "${country}"`);
    const measure = flags.measure === undefined ? fromFile?.measure : parseMeasure(flags.measure, '--measure');
    if (flags.delimiter !== undefined && !/^(.|\\t|tab)$/.test(flags.delimiter)) throw new UsageError('--delimiter must be one character (or tab)');
    const delimiter = flags.delimiter === undefined ? undefined : flags.delimiter === 'tab' || flags.delimiter === '\\t' ? '\t' : flags.delimiter;
    return await importGenericCsv(store, file, {
      columns,
      classification,
      country: country?.toUpperCase(),
      measure,
      delimiter,
      datasetId: o.datasetId ?? fromFile?.datasetId,
      title: fromFile?.title,
      source: fromFile?.source,
      licence: fromFile?.licence,
      encoding: o.encoding,
      replace: o.replace,
      dryRun: o.dryRun,
      onProgress: o.onProgress,
    });
  } catch (error) {
    if (error instanceof ColumnMappingError) throw new UsageError(error.message);
    throw error;
  }
}

/** The importers by kind; each validates the whole file first and writes all or nothing. */
const IMPORTERS: Record<string, (store: Store, file: string, options: ImportOptions) => Promise<ImportResult>> = {
  cbp: async (store, file, o) => {
    refuseCsvFlags('cbp', o.csv);
    return (await import('../../io/importers/cbp/import-cbp.js')).importCbp(store, file, o);
  },
  eurostat: async (store, file, o) => {
    refuseCsvFlags('eurostat', o.csv);
    if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (Eurostat files carry their periods)');
    return (await import('../../io/importers/eurostat/import-eurostat.js')).importEurostat(store, file, o);
  },
  estat: async (store, file, o) => {
    refuseCsvFlags('estat', o.csv);
    if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (e-Stat files carry their years)');
    return (await import('../../io/importers/estat-japan/import-estat-japan.js')).importEstatJapan(store, file, o);
  },
  csv: importCsv,
  clusters: async (store, file, o) => {
    const { classification, ...others } = o.csv;
    refuseCsvFlags('clusters', others);
    if (o.scheme === undefined) throw new UsageError('import clusters needs --scheme NAME (your name for the cluster definition)');
    if (classification === undefined) throw new UsageError('import clusters needs --classification (NAICS2007, NACE2, JSIC13, …)');
    const { importClusterDefinitions } = await import('../../io/importers/generic-csv/import-cluster-definitions.js');
    const r = await importClusterDefinitions(store, file, { scheme: o.scheme, classification, replace: o.replace, dryRun: o.dryRun });
    return { datasetId: `cluster scheme ${r.scheme}`, rowCount: r.rowCount, report: r.report, written: r.written };
  },
  qcew: async (store, file, o) => {
    refuseCsvFlags('qcew', o.csv);
    if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (QCEW files carry their year)');
    return (await import('../../io/importers/qcew/import-qcew.js')).importQcew(store, file, { ...o, ownership: o.qcew.ownership, levels: o.qcew.levels });
  },
};

/**
 * `clusterlens import <kind> <file…>`: validation report on stderr (or JSON on stdout), one all-or-nothing
 * import per file. Writes go to CLUSTERLENS_DATABASE_URL when set, else to the embedded database.
 */
export async function importCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      encoding: { type: 'string' },
      dataset: { type: 'string' },
      'dataset-id': { type: 'string' },
      replace: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'data-dir': { type: 'string' },
      map: { type: 'string' },
      mapping: { type: 'string' },
      classification: { type: 'string' },
      country: { type: 'string' },
      measure: { type: 'string' },
      delimiter: { type: 'string' },
      ownership: { type: 'string' },
      scheme: { type: 'string' },
      levels: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind, ...files] = positionals;
  const importer = kind === undefined ? undefined : IMPORTERS[kind];
  if (!importer) throw new UsageError(`unknown import kind "${kind ?? ''}" (supported: ${Object.keys(IMPORTERS).join(', ')})`);
  if (files.length === 0) throw new UsageError('the file to import is missing');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  const datasetId = values.dataset ?? values['dataset-id'];
  if (datasetId !== undefined && files.length > 1) throw new UsageError('--dataset names one dataset: give one file, or leave it out to name each dataset after its file');
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  if ((values.ownership !== undefined || values.levels !== undefined) && kind !== 'qcew') throw new UsageError('--ownership and --levels apply to `import qcew` only');
  if (values.scheme !== undefined && kind !== 'clusters') throw new UsageError('--scheme applies to `import clusters` only');
  const ownership = values.ownership;
  if (ownership !== undefined && !/^[0-9]$/.test(ownership)) throw new UsageError(`--ownership must be a QCEW own_code digit (5 private, 0 total covered, 1 federal, 2 state, 3 local government), not "${ownership}"`);
  const levels = values.levels === undefined ? undefined : values.levels.split(',').map((x) => x.trim());
  if (levels !== undefined && levels.some((x) => !/^[023456]$/.test(x))) throw new UsageError(`--levels must list NAICS levels among 0 (total), 2, 3, 4, 5, 6, not "${values.levels}"`);
  const store = await openWritableStore(values['data-dir']);
  const changes: CliChange[] = [];
  try {
    const results: ImportResult[] = [];
    for (const file of files) {
      const before = values['dry-run'] ? null : await importedState(store, kind!, values.scheme);
      const result = await importer(store, file, {
        year,
        encoding: values.encoding,
        datasetId,
        replace: values.replace,
        dryRun: values['dry-run'],
        csv: {
          map: values.map,
          mapping: values.mapping,
          classification: values.classification,
          country: values.country,
          measure: values.measure,
          delimiter: values.delimiter,
        },
        qcew: { ownership, levels: levels?.map(Number) },
        scheme: values.scheme,
        onProgress: stderrProgress(`reading ${file}`),
        onPhase: (message) => process.stderr.write(`${file}: ${message}\n`),
      });
      results.push(result);
      if (result.written && before !== null) changes.push(await importChange(store, kind!, file, result, before, values.scheme));
      if (values.format === 'text') {
        process.stderr.write(formatValidationReport(result.report) + '\n');
        out.write(`${result.written ? 'imported' : 'validated (dry run, nothing written)'}: dataset ${result.datasetId}, ${result.rowCount} values\n`);
      }
    }
    if (values.format === 'json') {
      const json = results.map((r) => ({ datasetId: r.datasetId, rows: r.rowCount, written: r.written, report: r.report }));
      out.write(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    }
  } finally {
    await store.close();
    // what committed is recorded, also when a later file of the same command was refused
    await recordCliChanges(values['data-dir'], changes);
  }
}

/** What an import may replace, read before it: the datasets (by id), or for `import clusters` the scheme. */
async function importedState(store: Store, kind: string, scheme: string | undefined): Promise<{ datasets: DatasetRecord[]; scheme: unknown }> {
  if (kind === 'clusters') return { datasets: [], scheme: scheme === undefined ? null : await getClusterScheme(store, scheme).catch(() => null) };
  return { datasets: await store.listDatasets(), scheme: null };
}

/**
 * The audit-log entry of a committed import, as the API writes its own (ImportService): action `import` on
 * entity `dataset` with the dataset before (when replaced) and after, marked `via: 'cli'` with the file's
 * path, size and SHA-256; for `import clusters`, create or update of the `cluster-scheme`.
 */
async function importChange(
  store: Store,
  kind: string,
  file: string,
  result: ImportResult,
  before: { datasets: DatasetRecord[]; scheme: unknown },
  scheme: string | undefined,
): Promise<CliChange> {
  if (kind === 'clusters' && scheme !== undefined) {
    return { action: before.scheme === null ? 'create' : 'update', entity: 'cluster-scheme', entityId: scheme, before: before.scheme, after: await getClusterScheme(store, scheme) };
  }
  const previous = before.datasets.find((d) => d.id === result.datasetId) ?? null;
  const dataset = (await store.listDatasets()).find((d) => d.id === result.datasetId) ?? null;
  const path = resolve(file);
  return {
    action: 'import',
    entity: 'dataset',
    entityId: result.datasetId,
    before: previous,
    after: { ...dataset, via: 'cli', kind, file: path, bytes: statSync(path).size, sha256: await fileSha256(path), replaced: previous !== null },
  };
}

/** SHA-256 of a file, hex, read as a stream. */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** PostgreSQL when CLUSTERLENS_DATABASE_URL is set; else the embedded database (created and loaded first), read-write. */
export async function openWritableStore(dataDirFlag: string | undefined): Promise<Store> {
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const databaseUrl = process.env.CLUSTERLENS_DATABASE_URL;
  if (databaseUrl) return openStore({ dataDir: '', databaseUrl, log });
  const dataDir = resolveDataDirectory(dataDirFlag);
  const reader = await openEmbeddedStore({ dataDir, log, onProgress: stderrProgress('  reading County Business Patterns') });
  await reader.close();
  return DuckDbStore.open(join(dataDir, DATABASE_FILE));
}
