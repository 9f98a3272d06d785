import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import type { ObservationRecord } from '../../io/store/store.js';
import { CatalogService, EXPORT_FIELDS } from '../../service/catalog-service.js';
import type { ExportFormat, ObservationExport } from '../../service/catalog-service.js';
import { formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat, parseYear } from './options.js';

/** Repeated flags and comma-separated lists both work: `--region WA --region OR` or `--region WA,OR`. */
function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** `clusterlens export`: observations with status, range, flag and method, streamed as CSV (default), JSON, NDJSON or a table. */
export async function exportCommand(argv: string[], stdout: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string', multiple: true },
      region: { type: 'string', multiple: true },
      year: { type: 'string', multiple: true },
      measure: { type: 'string', multiple: true },
      level: { type: 'string', multiple: true },
      format: { type: 'string', default: 'csv' },
      output: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = parseFormat(values.format);
  const years = list(values.year).map((y) => parseYear(y, '--year'));
  const levels = list(values.level).map((l) => {
    if (!/^\d{1,2}$/.test(l)) throw new UsageError(`--level must be an integer such as 2, not "${l}"`);
    return Number(l);
  });
  const { store } = await openService(values['data-dir']);
  try {
    const catalog = new CatalogService(store);
    const plan = await catalog.prepareExport({
      datasets: list(values.dataset),
      regions: list(values.region),
      years,
      measures: list(values.measure),
      levels,
    });
    const file = values.output;
    const fileStream = file === undefined ? null : createWriteStream(file);
    const out = fileStream ?? stdout;
    try {
      const rows = format === 'table' ? await writeTable(catalog, plan, out) : await writeText(catalog, plan, format, out);
      if (file !== undefined) {
        out.end();
        await once(out, 'finish');
        process.stderr.write(`clusterlens: wrote ${rows.toLocaleString('en-US')} observations to ${file}\n`);
      } else if (rows === 0) process.stderr.write('clusterlens: no observations matched\n');
    } catch (error) {
      if (fileStream && file !== undefined) {
        fileStream.destroy();
        await rm(file, { force: true });
      }
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return; // the reader went away (`| head`)
      throw error;
    }
  } finally {
    await store.close();
  }
}

/** Streams the export text, waiting for the writer to drain; progress on a TTY's stderr. Returns the number of rows. */
async function writeText(catalog: CatalogService, plan: ObservationExport, format: ExportFormat, out: NodeJS.WritableStream): Promise<number> {
  let failure: unknown = null;
  const onError = (error: unknown): void => {
    failure = error;
  };
  out.on('error', onError);
  let rows = 0;
  const onRows = (n: number): void => {
    rows = n;
    if (process.stderr.isTTY) process.stderr.write(`\r  exporting: ${n.toLocaleString('en-US')} observations`);
  };
  try {
    for await (const chunk of catalog.exportText(plan, format, { onRows })) {
      if (failure) throw failure;
      if (!out.write(chunk)) await once(out, 'drain'); // rejects on 'error'
      if (failure) throw failure;
    }
  } finally {
    out.off('error', onError);
    if (process.stderr.isTTY && rows > 0) process.stderr.write('\n');
  }
  return rows;
}

/** A table needs every row for its column widths: fine on a screen, use CSV for big exports. */
async function writeTable(catalog: CatalogService, plan: ObservationExport, out: NodeJS.WritableStream): Promise<number> {
  const rows: ObservationRecord[] = [];
  for await (const batch of catalog.exportBatches(plan)) for (const row of batch) rows.push(row);
  const columns: Column<ObservationRecord>[] = EXPORT_FIELDS.map((field) => ({
    header: field,
    value: (row: ObservationRecord) => row[field],
    align: field === 'value' || field === 'lower' || field === 'upper' || field === 'level' ? 'right' : 'left',
  }));
  out.write(formatTable(rows, columns) + '\n');
  return rows.length;
}
