import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDirectory } from '../../io/default-data/data-directory.js';
import { DATABASE_FILE, openEmbeddedStore } from '../../io/default-data/open-embedded-store.js';
import { openStore } from '../../io/default-data/open-store.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { formatValidationReport } from '../../io/importers/validation-report.js';
import type { ValidationReport } from '../../io/importers/validation-report.js';
import type { Store } from '../../io/store/store.js';
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
  onProgress: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

/** The importers by kind; each validates the whole file first and writes all or nothing. */
const IMPORTERS: Record<string, (store: Store, file: string, options: ImportOptions) => Promise<ImportResult>> = {
  cbp: async (store, file, o) => (await import('../../io/importers/cbp/import-cbp.js')).importCbp(store, file, o),
  eurostat: async (store, file, o) => {
    if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (Eurostat files carry their periods)');
    return (await import('../../io/importers/eurostat/import-eurostat.js')).importEurostat(store, file, o);
  },
  estat: async (store, file, o) => {
    if (o.year !== undefined) throw new UsageError('--year applies to CBP files only (e-Stat files carry their years)');
    return (await import('../../io/importers/estat-japan/import-estat-japan.js')).importEstatJapan(store, file, o);
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
  const store = await openWritableStore(values['data-dir']);
  try {
    const results: ImportResult[] = [];
    for (const file of files) {
      const result = await importer(store, file, {
        year,
        encoding: values.encoding,
        datasetId,
        replace: values.replace,
        dryRun: values['dry-run'],
        onProgress: stderrProgress(`reading ${file}`),
      });
      results.push(result);
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
  }
}

/** PostgreSQL when CLUSTERLENS_DATABASE_URL is set; else the embedded database (created and loaded first), read-write. */
async function openWritableStore(dataDirFlag: string | undefined): Promise<Store> {
  const log = (m: string): void => void process.stderr.write(m + '\n');
  const databaseUrl = process.env.CLUSTERLENS_DATABASE_URL;
  if (databaseUrl) return openStore({ dataDir: '', databaseUrl, log });
  const dataDir = resolveDataDirectory(dataDirFlag);
  const reader = await openEmbeddedStore({ dataDir, log, onProgress: stderrProgress('  reading County Business Patterns') });
  await reader.close();
  return DuckDbStore.open(join(dataDir, DATABASE_FILE));
}
