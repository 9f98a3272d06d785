import { parseArgs } from 'node:util';
import { CatalogService, REGION_TYPES } from '../../service/catalog-service.js';
import type { RegionPage } from '../../service/catalog-service.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat, parseCount } from './options.js';

type Region = RegionPage['regions'][number];

const columns: Column<Region>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'type', value: (r) => r.type },
  { header: 'country', value: (r) => r.country },
  { header: 'parentId', value: (r) => r.parentId },
  { header: 'aliases', value: (r) => r.aliases.join(' ') },
];

/** `clusterlens regions`: regions filtered by type, country and parent. */
export async function regionsCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      type: { type: 'string' },
      country: { type: 'string' },
      parent: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const format = parseFormat(values.format);
  const type = values.type === undefined ? undefined : REGION_TYPES.find((t) => t === values.type);
  if (values.type !== undefined && type === undefined) throw new UsageError(`--type must be one of ${REGION_TYPES.join(', ')}, not "${values.type}"`);
  if (values.country !== undefined && !/^[A-Za-z]{2}$/.test(values.country)) throw new UsageError(`--country must be a two-letter ISO code such as US, not "${values.country}"`);
  const limit = parseCount(values.limit, '--limit', 1);
  const offset = parseCount(values.offset, '--offset', 0);
  const { store } = await openService(values['data-dir']);
  try {
    const page = await new CatalogService(store).listRegions(
      { type, country: values.country, parent: values.parent },
      { limit, offset },
    );
    if (format === 'json') out.write(JSON.stringify(page, null, 2) + '\n');
    else if (format === 'ndjson') for (const r of page.regions) out.write(JSON.stringify(r) + '\n');
    else if (format === 'csv') out.write(formatCsv(page.regions, columns) + '\n');
    else {
      out.write(formatTable(page.regions, columns) + '\n');
      const shown = page.regions.length;
      out.write(`\n${shown === page.total ? `${page.total} ${page.total === 1 ? 'region' : 'regions'}` : `${shown} of ${page.total} ${page.total === 1 ? 'region' : 'regions'} (from ${page.offset + 1})`}\n`);
    }
  } finally {
    await store.close();
  }
}
