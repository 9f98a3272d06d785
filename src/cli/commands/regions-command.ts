import { parseArgs } from 'node:util';
import { CatalogService, REGION_TYPES } from '../../service/catalog-service.js';
import type { RegionPage } from '../../service/catalog-service.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { recordCliChanges } from '../cli-audit.js';
import type { CliChange } from '../cli-audit.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { CUSTOM_REGION_ID, customRegionId } from '../../io/store/custom-regions.js';
import { RegionResolver } from '../../io/store/reference-catalog.js';
import { StoreError } from '../../io/store/store.js';
import type { CustomRegionRecord } from '../../io/store/store.js';
import { openWritableStore } from './import-command.js';
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
/** Economic Areas and CBSAs: also how many of their counties the database holds. */
const areaColumns: Column<Region>[] = [
  ...columns,
  { header: 'counties', value: (r) => r.memberCounties ?? null },
  { header: 'with data', value: (r) => r.countiesWithData ?? null },
];

const customColumns: Column<CustomRegionRecord>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'country', value: (r) => r.country },
  { header: 'members', value: (r) => r.members.join(' ') },
];

/**
 * `clusterlens regions`: regions filtered by type, country and parent; `regions add NAME --members …`,
 * `regions custom` and `regions delete ID` manage custom regions (docs/data/custom-regions.md).
 */
export async function regionsCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'add') return addCustomRegion(rest, out);
  if (sub === 'custom') return listCustomRegions(rest, out);
  if (sub === 'delete') return deleteCustomRegion(rest, out);
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
    else if (format === 'csv') out.write(formatCsv(page.regions, type === 'ea' || type === 'msa' ? areaColumns : columns) + '\n');
    else {
      out.write(formatTable(page.regions, type === 'ea' || type === 'msa' ? areaColumns : columns) + '\n');
      const shown = page.regions.length;
      out.write(`\n${shown === page.total ? `${page.total} ${page.total === 1 ? 'region' : 'regions'}` : `${shown} of ${page.total} ${page.total === 1 ? 'region' : 'regions'} (from ${page.offset + 1})`}\n`);
    }
  } finally {
    await store.close();
  }
}

/** `clusterlens regions add NAME --members US-WA,US-OR [--id custom-…] [--replace]`. */
async function addCustomRegion(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      members: { type: 'string' },
      id: { type: 'string' },
      country: { type: 'string' },
      replace: { type: 'boolean', default: false },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  const format = parseFormat(values.format);
  if (positionals.length !== 1 || positionals[0]!.trim() === '') throw new UsageError('regions add needs one NAME (quote a name with spaces)');
  const name = positionals[0]!;
  if (values.members === undefined) throw new UsageError('regions add needs --members <region>,<region>,… (ids or short forms such as WA, DE21, JP-01)');
  const inputs = values.members.split(',').map((m) => m.trim()).filter((m) => m !== '');
  if (inputs.length === 0) throw new UsageError('--members lists no region');
  const id = values.id ?? customRegionId(name);
  if (!CUSTOM_REGION_ID.test(id)) throw new UsageError(`--id must be "custom-" followed by lower-case letters, digits and dashes, not "${id}"`);
  const store = await openWritableStore(values['data-dir']);
  let change: CliChange;
  try {
    const resolver = new RegionResolver(await store.listRegions());
    const members = inputs.map((input) => {
      const found = resolver.resolve(input, values.country);
      if ('reason' in found) {
        throw new StoreError(
          'INVALID_INPUT',
          found.reason === 'ambiguous'
            ? `member "${input}" is ambiguous (${found.candidates.join(', ')}): use an id or --country`
            : `member "${input}" is not a region of the database (see clusterlens regions)`,
        );
      }
      return found.id;
    });
    const before = (await store.listCustomRegions()).find((r) => r.id === id) ?? null;
    const created = await store.createCustomRegion({ id, name, members }, { replace: values.replace });
    change = { action: before === null ? 'create' : 'update', entity: 'custom-region', entityId: created.id, before, after: created };
    if (format === 'json') out.write(JSON.stringify(created, null, 2) + '\n');
    else out.write(`custom region ${created.id} (${created.name}): ${created.members.join(' + ')}\n`);
  } finally {
    await store.close();
  }
  await recordCliChanges(values['data-dir'], [change]);
}

/** `clusterlens regions custom`: the custom regions with their members. */
async function listCustomRegions(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { format: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true, allowPositionals: false });
  const format = parseFormat(values.format);
  const { store } = await openService(values['data-dir']);
  try {
    const regions = await store.listCustomRegions();
    if (format === 'json') out.write(JSON.stringify({ regions }, null, 2) + '\n');
    else if (format === 'ndjson') for (const r of regions) out.write(JSON.stringify(r) + '\n');
    else if (format === 'csv') out.write(formatCsv(regions, customColumns) + '\n');
    else out.write(formatTable(regions, customColumns) + `\n\n${regions.length} custom ${regions.length === 1 ? 'region' : 'regions'}\n`);
  } finally {
    await store.close();
  }
}

/** `clusterlens regions delete ID`. */
async function deleteCustomRegion(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('regions delete needs one custom region id');
  const id = positionals[0]!;
  const store = await openWritableStore(values['data-dir']);
  let before: CustomRegionRecord | null;
  try {
    before = (await store.listCustomRegions()).find((r) => r.id === id) ?? null;
    if (!(await store.deleteCustomRegion(id))) throw new StoreError('INVALID_INPUT', `no custom region ${id} (see clusterlens regions custom)`);
    out.write(`deleted custom region ${id}\n`);
  } finally {
    await store.close();
  }
  await recordCliChanges(values['data-dir'], [{ action: 'delete', entity: 'custom-region', entityId: id, before }]);
}
