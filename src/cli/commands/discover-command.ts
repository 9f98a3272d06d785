import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DISCOVERY_SIMILARITIES, discoveryDefinitionCsv, formatDiscoveryMarkdown, formatDiscoverySummary, runClusterDiscovery, saveDiscoveredDefinition } from '../../service/discovery/index.js';
import type { DiscoverySimilarity } from '../../service/discovery/index.js';
import { openService } from '../open-service.js';
import { openWritableStore } from './import-command.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseYear } from './options.js';

/** "20..70" or "20-70" (a range), "30,40,50" (a list) → cluster counts ≥ 2. */
export function parseClusterCounts(value: string): number[] {
  const range = /^(\d+)\s*(?:\.\.|-)\s*(\d+)$/.exec(value.trim());
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from < 2 || to < from || to - from > 500) throw new UsageError(`--clusters range must be from ≥ 2 to ≥ from (at most 500 counts), not "${value}"`);
    return Array.from({ length: to - from + 1 }, (_, q) => from + q);
  }
  if (/^\d+(,\d+)*$/.test(value.trim())) {
    const list = value.split(',').map(Number);
    if (list.some((k) => k < 2)) throw new UsageError(`--clusters counts must be ≥ 2, not "${value}"`);
    return list;
  }
  throw new UsageError(`--clusters must be a range such as 20..70 or a list such as 30,40,50, not "${value}"`);
}

/**
 * `clusterlens discover`: data-driven cluster discovery (Delgado, Porter & Stern 2016) on the stored US state data,
 * with validation scores beside the benchmark definitions'. --output writes the discovered definition as CSV.
 */
export async function discoverCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string' },
      year: { type: 'string' },
      similarity: { type: 'string', default: 'colocation' },
      clusters: { type: 'string' },
      k: { type: 'string' },
      seed: { type: 'string' },
      industries: { type: 'string', default: 'traded' },
      linkage: { type: 'string', default: 'average' },
      format: { type: 'string', default: 'table' },
      output: { type: 'string' },
      'output-layout': { type: 'string', default: 'noco' },
      save: { type: 'string' },
      replace: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const similarity = values.similarity as DiscoverySimilarity;
  if (!DISCOVERY_SIMILARITIES.includes(similarity)) throw new UsageError(`--similarity must be ${DISCOVERY_SIMILARITIES.join(', ')}, not "${values.similarity}"`);
  const format = values.format;
  if (format !== 'table' && format !== 'json' && format !== 'markdown') throw new UsageError(`--format must be table, json or markdown, not "${format}"`);
  if (values.industries !== 'traded' && values.industries !== 'all') throw new UsageError(`--industries must be traded or all, not "${values.industries}"`);
  if (values.linkage !== 'average' && values.linkage !== 'ward') throw new UsageError(`--linkage must be average or ward, not "${values.linkage}"`);
  if (values.clusters !== undefined && values.k !== undefined) throw new UsageError('give --clusters or --k, not both');
  const layout = values['output-layout'];
  if (layout !== 'noco' && layout !== 'import') throw new UsageError(`--output-layout must be noco or import, not "${layout}"`);
  if (values.replace && values.save === undefined) throw new UsageError('--replace goes with --save NAME');
  const k = parseCount(values.k, '--k', 2);
  const clusterCounts = k !== undefined ? [k] : values.clusters !== undefined ? parseClusterCounts(values.clusters) : undefined;
  const seed = parseCount(values.seed, '--seed', 0);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  // saving needs the store read-write (as `clusterlens import`); reading does not
  const store = values.save !== undefined ? await openWritableStore(values['data-dir']) : (await openService(values['data-dir'])).store;
  try {
    process.stderr.write('discovering clusters…\n');
    const report = await runClusterDiscovery(store, {
      similarity,
      industries: values.industries,
      linkage: values.linkage,
      ...(year === undefined ? {} : { year }),
      ...(values.dataset === undefined ? {} : { datasetId: values.dataset }),
      ...(clusterCounts === undefined ? {} : { clusterCounts }),
      ...(seed === undefined ? {} : { seed }),
    });
    if (values.output !== undefined) {
      writeFileSync(values.output, discoveryDefinitionCsv(report, { layout }));
      process.stderr.write(`wrote ${report.definition.rows.length} industries in ${report.clusters.length} clusters to ${values.output} (scheme ${report.definition.scheme})\n`);
    }
    if (values.save !== undefined) {
      const rows = await saveDiscoveredDefinition(store, report, values.save, { replace: values.replace });
      process.stderr.write(`saved ${rows} industries in ${report.clusters.length} clusters as cluster-definition scheme ${values.save}\n`);
    }
    if (format === 'json') out.write(JSON.stringify(report, null, 2) + '\n');
    else if (format === 'markdown') out.write(formatDiscoveryMarkdown(report));
    else out.write(formatDiscoverySummary(report));
  } finally {
    await store.close();
  }
}
