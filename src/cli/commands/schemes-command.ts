import { parseArgs } from 'node:util';
import { deleteClusterScheme, getClusterScheme, listClusterSchemes } from '../../service/cluster-schemes/cluster-schemes.js';
import type { ClusterSchemeCluster, ClusterSchemeDetail, ClusterSchemeSummary } from '../../service/cluster-schemes/cluster-schemes.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { recordCliChanges } from '../cli-audit.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { openWritableStore } from './import-command.js';
import { parseFormat } from './options.js';

const schemeColumns: Column<ClusterSchemeSummary>[] = [
  { header: 'name', value: (s) => s.name },
  { header: 'source', value: (s) => s.source },
  { header: 'classification', value: (s) => s.classification },
  { header: 'clusters', value: (s) => s.clusterCount },
  { header: 'industries', value: (s) => s.industryCount },
  { header: 'createdAt', value: (s) => s.createdAt },
  { header: 'updatedAt', value: (s) => s.updatedAt },
];

const clusterColumns: Column<ClusterSchemeCluster>[] = [
  { header: 'code', value: (c) => c.code },
  { header: 'name', value: (c) => c.name },
  { header: 'type', value: (c) => c.type },
  { header: 'industries', value: (c) => c.industries.join(' ') },
];

const readOptions = { format: { type: 'string' }, 'data-dir': { type: 'string' } } as const;

/**
 * `clusterlens schemes list | show NAME | delete NAME`: the cluster-definition schemes (the benchmark and
 * those stored with `clusterlens import clusters`), one with its clusters, deleting one
 * (docs/data/cluster-schemes.md). The JSON is that of GET /api/v1/cluster-schemes[/{scheme}].
 */
export async function schemesCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listSchemes(rest, out);
  if (sub === 'show') return showScheme(rest, out);
  if (sub === 'delete') return removeScheme(rest, out);
  throw new UsageError(`schemes needs list, show NAME or delete NAME${sub === undefined ? '' : `, not "${sub}"`}`);
}

async function listSchemes(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({ args: argv, options: readOptions, strict: true, allowPositionals: false });
  const format = parseFormat(values.format);
  const { store } = await openService(values['data-dir']);
  try {
    const schemes = await listClusterSchemes(store);
    if (format === 'json') out.write(JSON.stringify({ schemes }, null, 2) + '\n');
    else if (format === 'ndjson') for (const s of schemes) out.write(JSON.stringify(s) + '\n');
    else if (format === 'csv') out.write(formatCsv(schemes, schemeColumns) + '\n');
    else out.write(formatTable(schemes, schemeColumns) + `\n\n${schemes.length} ${schemes.length === 1 ? 'scheme' : 'schemes'}\n`);
  } finally {
    await store.close();
  }
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`schemes ${what} needs one scheme NAME`);
  return positionals[0]!;
}

async function showScheme(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: readOptions, strict: true, allowPositionals: true });
  const format = parseFormat(values.format);
  const name = onePositional(positionals, 'show');
  const { store } = await openService(values['data-dir']);
  try {
    const scheme = await getClusterScheme(store, name);
    if (format === 'json') out.write(JSON.stringify(scheme, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of scheme.clusters) out.write(JSON.stringify(c) + '\n');
    else if (format === 'csv') out.write(formatCsv(scheme.clusters, clusterColumns) + '\n');
    else out.write(`${scheme.name} (${scheme.source}, ${scheme.classification}): ${scheme.clusterCount} clusters, ${scheme.industryCount} industries\n\n${formatTable(scheme.clusters, clusterColumns)}\n`);
  } finally {
    await store.close();
  }
}

async function removeScheme(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' } }, strict: true, allowPositionals: true });
  const name = onePositional(positionals, 'delete');
  const store = await openWritableStore(values['data-dir']);
  let before: ClusterSchemeDetail | null;
  try {
    before = await getClusterScheme(store, name).catch(() => null);
    await deleteClusterScheme(store, name);
    out.write(`deleted cluster scheme ${name}\n`);
  } finally {
    await store.close();
  }
  await recordCliChanges(values['data-dir'], [{ action: 'delete', entity: 'cluster-scheme', entityId: name, before }]);
}
