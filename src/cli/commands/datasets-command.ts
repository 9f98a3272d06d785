import { parseArgs } from 'node:util';
import type { DatasetSummary } from '../../service/catalog-service.js';
import { CatalogService } from '../../service/catalog-service.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { parseFormat } from './options.js';

/** "2007, 2011" or "2008–2015" for a run of consecutive years. */
function yearSpan(years: readonly number[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return '';
  return years.length > 2 && last - first === years.length - 1 ? `${first}–${last}` : years.join(', ');
}

const columns: Column<DatasetSummary>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'title', value: (d) => d.title },
  { header: 'source', value: (d) => d.source },
  { header: 'licence', value: (d) => d.licence },
  { header: 'classification', value: (d) => d.classification },
  { header: 'years', value: (d) => d.years.join(' ') },
  { header: 'rowCount', value: (d) => d.rowCount, align: 'right' },
  { header: 'importedAt', value: (d) => d.importedAt },
  { header: 'origin', value: (d) => d.origin },
];

const tableColumns: Column<DatasetSummary>[] = [
  { header: 'id', value: (d) => d.id },
  { header: 'classification', value: (d) => d.classification },
  { header: 'years', value: (d) => yearSpan(d.years) },
  { header: 'rows', value: (d) => d.rowCount, align: 'right' },
  { header: 'source', value: (d) => d.source },
];

/** `clusterlens datasets`: the datasets in the database with their years, row counts, sources and licences. */
export async function datasetsCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const format = parseFormat(values.format);
  const { store } = await openService(values['data-dir']);
  try {
    const page = await new CatalogService(store).listDatasets();
    if (format === 'json') out.write(JSON.stringify(page, null, 2) + '\n');
    else if (format === 'ndjson') for (const d of page.datasets) out.write(JSON.stringify(d) + '\n');
    else if (format === 'csv') out.write(formatCsv(page.datasets, columns) + '\n');
    else {
      out.write(formatTable(page.datasets, tableColumns) + '\n\n');
      for (const d of page.datasets) out.write(`${d.id}: ${d.title}\n  licence: ${d.licence}\n  imported ${d.importedAt} from ${d.origin}\n`);
    }
  } finally {
    await store.close();
  }
}
