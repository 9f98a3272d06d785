import { parseArgs } from 'node:util';
import type { IndustryPage } from '../../service/catalog-service.js';
import { CatalogService } from '../../service/catalog-service.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat, parseCount } from './options.js';

type Industry = IndustryPage['industries'][number];

const columns: Column<Industry>[] = [
  { header: 'classification', value: (i) => i.classification },
  { header: 'code', value: (i) => i.code },
  { header: 'name', value: (i) => i.name },
  { header: 'level', value: (i) => i.level, align: 'right' },
  { header: 'parentCode', value: (i) => i.parentCode },
];

/** `clusterlens industries`: the industries of a classification, filtered by level and parent. */
export async function industriesCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      classification: { type: 'string' },
      level: { type: 'string' },
      parent: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.classification) throw new UsageError('--classification is required (e.g. NAICS2007, NACE2, JSIC13; `clusterlens datasets` lists them)');
  const format = parseFormat(values.format);
  const level = parseCount(values.level, '--level', 0);
  const limit = parseCount(values.limit, '--limit', 1);
  const offset = parseCount(values.offset, '--offset', 0);
  const { store } = await openService(values['data-dir']);
  try {
    const page = await new CatalogService(store).listIndustries({ classification: values.classification, level, parent: values.parent }, { limit, offset });
    if (format === 'json') out.write(JSON.stringify(page, null, 2) + '\n');
    else if (format === 'ndjson') for (const i of page.industries) out.write(JSON.stringify(i) + '\n');
    else if (format === 'csv') out.write(formatCsv(page.industries, columns) + '\n');
    else {
      out.write(formatTable(page.industries, columns.slice(1)) + '\n');
      const shown = page.industries.length;
      out.write(`\n${page.classification}: ${shown === page.total ? `${page.total} ${page.total === 1 ? 'industry' : 'industries'}` : `${shown} of ${page.total} ${page.total === 1 ? 'industry' : 'industries'} (from ${page.offset + 1})`}\n`);
    }
  } finally {
    await store.close();
  }
}
