import { parseArgs } from 'node:util';
import { clusterHotSpots } from '../../service/hot-spots/index.js';
import type { HotSpotRegion } from '../../service/hot-spots/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat, parseYear } from './options.js';

const columns: Column<HotSpotRegion>[] = [
  { header: 'region', value: (r) => r.region },
  { header: 'name', value: (r) => r.name },
  { header: 'lq', value: (r) => r.lq, align: 'right' },
  { header: 'localI', value: (r) => r.localI, align: 'right' },
  { header: 'quadrant', value: (r) => r.quadrant },
  { header: 'pValue', value: (r) => r.pValue, align: 'right' },
  { header: 'qValue', value: (r) => r.qValue, align: 'right' },
  { header: 'significant', value: (r) => r.significant },
  { header: 'classification', value: (r) => r.classification },
  { header: 'neighbours', value: (r) => r.neighbours, align: 'right' },
];

/** `clusterlens hotspots`: LISA hot and cold spots of a cluster's LQ across the US states. */
export async function hotspotsCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cluster: { type: 'string' },
      year: { type: 'string' },
      scheme: { type: 'string' },
      permutations: { type: 'string' },
      seed: { type: 'string' },
      alpha: { type: 'string' },
      fdr: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.cluster) throw new UsageError('--cluster is required');
  const format: OutputFormat = parseFormat(values.format);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const permutations = parseCount(values.permutations, '--permutations', 99);
  const seed = parseCount(values.seed, '--seed', 0);
  const alpha = values.alpha === undefined ? undefined : Number(values.alpha);
  if (alpha !== undefined && !(alpha > 0 && alpha < 1)) throw new UsageError(`--alpha must be a number in (0, 1), not "${values.alpha}"`);
  const { service, store } = await openService(values['data-dir']);
  try {
    const { year: y } = await service.resolveYears(year);
    const result = await clusterHotSpots(service, values.cluster, {
      year: y,
      fdr: values.fdr,
      scheme: values.scheme,
      ...(permutations === undefined ? {} : { permutations }),
      ...(seed === undefined ? {} : { seed }),
      ...(alpha === undefined ? {} : { alpha }),
    });
    if (format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'ndjson') for (const r of result.regions) out.write(JSON.stringify({ cluster: result.cluster.code, year: result.year, ...r }) + '\n');
    else if (format === 'csv') out.write(formatCsv(result.regions, columns) + '\n');
    else {
      const shown = values.all ? result.regions : result.regions.filter((r) => r.significant);
      out.write(`${result.cluster.name}, ${result.year}: LISA of the cluster LQ across the states (${result.permutations} permutations, seed ${result.seed}, ${result.significance === 'fdr' ? 'FDR q' : 'pseudo p'} ≤ ${result.alpha})\n\n`);
      out.write((shown.length === 0 ? 'no significant region' : formatTable(shown, columns)) + '\n');
      out.write(`\n${values.all ? '' : 'Significant regions only (--all lists every state).\n'}${result.notes.join('\n')}\n`);
    }
  } finally {
    await store.close();
  }
}
