import { parseArgs } from 'node:util';
import { RELATEDNESS_MEASURES, relatedClusters } from '../../service/related-clusters/index.js';
import type { RelatedCluster, RelatednessMeasure } from '../../service/related-clusters/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat, parseYear } from './options.js';

const columns: Column<RelatedCluster>[] = [
  { header: 'code', value: (c) => c.code },
  { header: 'name', value: (c) => c.name },
  { header: 'type', value: (c) => c.type },
  { header: 'cmp', value: (c) => c.cmp, align: 'right' },
  { header: 'cmpPercentile', value: (c) => c.cmpPercentile, align: 'right' },
  { header: 'cmpRelated', value: (c) => c.cmpRelated },
  { header: 'cmpInputOutput', value: (c) => c.cmpInputOutput, align: 'right' },
  { header: 'cmpOccupation', value: (c) => c.cmpOccupation, align: 'right' },
  { header: 'cmpColocation', value: (c) => c.cmpColocation, align: 'right' },
  { header: 'inputOutput', value: (c) => c.inputOutput, align: 'right' },
  { header: 'colocation', value: (c) => c.colocation, align: 'right' },
  { header: 'proximity', value: (c) => c.proximity, align: 'right' },
];
const tableColumns = new Set(['name', 'cmp', 'cmpPercentile', 'cmpRelated', 'inputOutput', 'colocation', 'proximity']);

/** `clusterlens related`: clusters related to one cluster, CMP and data-driven measures side by side. */
export async function relatedCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cluster: { type: 'string' },
      year: { type: 'string' },
      sort: { type: 'string' },
      count: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.cluster) throw new UsageError('--cluster is required');
  const format: OutputFormat = parseFormat(values.format);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const sort = values.sort as RelatednessMeasure | undefined;
  if (sort !== undefined && !RELATEDNESS_MEASURES.includes(sort)) throw new UsageError(`--sort must be one of ${RELATEDNESS_MEASURES.join(', ')}, not "${sort}"`);
  const count = parseCount(values.count, '--count', 1);
  const { service, store } = await openService(values['data-dir']);
  try {
    const { year: y } = await service.resolveYears(year);
    const result = await relatedClusters(service, values.cluster, { year: y, ...(sort === undefined ? {} : { sort }), ...(count === undefined ? {} : { count }) });
    if (format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of result.related) out.write(JSON.stringify({ cluster: result.cluster.code, year: result.year, ...c }) + '\n');
    else if (format === 'csv') out.write(formatCsv(result.related, columns) + '\n');
    else {
      out.write(`Clusters related to ${result.cluster.name} (${result.cluster.type}), ${result.year}, sorted by ${result.sort}\n\n`);
      out.write(formatTable(result.related, columns.filter((c) => tableColumns.has(c.header))) + '\n');
      out.write(`\n${result.notes.join('\n')}\n`);
    }
  } finally {
    await store.close();
  }
}
