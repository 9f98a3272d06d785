import { parseArgs } from 'node:util';
import { resolveDataDirectory } from '../../io/default-data/data-directory.js';
import { openEmbeddedStore } from '../../io/default-data/open-embedded-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { importCbp } from '../../io/importers/cbp/import-cbp.js';
import { formatValidationReport } from '../../io/importers/validation-report.js';
import { join } from 'node:path';
import { stderrProgress } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseYear } from './options.js';


/** `clusterlens import cbp <file>`: validation report on stderr (or JSON on stdout), all-or-nothing import. */
export async function importCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      'dataset-id': { type: 'string' },
      replace: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [kind, file] = positionals;
  if (kind !== 'cbp') throw new UsageError(`unknown import kind "${kind ?? ''}" (supported: cbp)`);
  if (!file) throw new UsageError('the file to import is missing');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError('--format must be text or json');
  const dataDir = resolveDataDirectory(values['data-dir']);
  // make sure the database exists with its default data, then write in a read-write session
  const reader = await openEmbeddedStore({ dataDir, log: (m) => process.stderr.write(m + '\n'), onProgress: stderrProgress('  reading County Business Patterns') });
  await reader.close();
  const store = await DuckDbStore.open(join(dataDir, DATABASE_FILE));
  try {
    const result = await importCbp(store, file, {
      year: values.year === undefined ? undefined : parseYear(values.year, '--year'),
      datasetId: values['dataset-id'],
      replace: values.replace,
      dryRun: values['dry-run'],
      onProgress: stderrProgress(`reading ${file}`),
    });
    if (values.format === 'json') out.write(JSON.stringify({ datasetId: result.datasetId, rows: result.rowCount, written: result.written, report: result.report }, null, 2) + '\n');
    else {
      process.stderr.write(formatValidationReport(result.report) + '\n');
      out.write(`${result.written ? 'imported' : 'validated (dry run, nothing written)'}: dataset ${result.datasetId}, ${result.rowCount} values\n`);
    }
  } finally {
    await store.close();
  }
}
