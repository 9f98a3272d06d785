import { parseArgs } from 'node:util';
import { peerRegions } from '../../service/peers/index.js';
import type { PeerRegion, PeerWeights } from '../../service/peers/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat, parseYear } from './options.js';

const columns: Column<PeerRegion>[] = [
  { header: 'rank', value: (p) => p.rank, align: 'right' },
  { header: 'region', value: (p) => p.region },
  { header: 'name', value: (p) => p.name },
  { header: 'score', value: (p) => p.score, align: 'right' },
  { header: 'profileSimilarity', value: (p) => p.profileSimilarity, align: 'right' },
  { header: 'euclideanDistance', value: (p) => p.euclideanDistance, align: 'right' },
  { header: 'krugmanDissimilarity', value: (p) => p.krugmanDissimilarity, align: 'right' },
  { header: 'sharedJaccard', value: (p) => p.sharedJaccard, align: 'right' },
  { header: 'shared', value: (p) => p.shared.join(' ') },
  { header: 'totalEmployment', value: (p) => p.totalEmployment, align: 'right' },
  { header: 'sizeRatio', value: (p) => p.sizeRatio, align: 'right' },
  { header: 'withinSizeBand', value: (p) => p.withinSizeBand },
  { header: 'neighbour', value: (p) => p.neighbour },
];
const tableColumns = new Set(['rank', 'name', 'score', 'profileSimilarity', 'krugmanDissimilarity', 'sharedJaccard', 'sizeRatio', 'withinSizeBand', 'neighbour']);

/** `--weights profile=0.5,shared=0.3,size=0.2,neighbour=0.1` → partial weights. */
function parseWeights(text: string | undefined): Partial<PeerWeights> | undefined {
  if (text === undefined) return undefined;
  const out: Partial<PeerWeights> = {};
  for (const part of text.split(',')) {
    const [key, value] = part.split('=');
    if (key !== 'profile' && key !== 'shared' && key !== 'size' && key !== 'neighbour') throw new UsageError(`--weights: unknown component "${key ?? ''}" (use profile, shared, size, neighbour)`);
    const v = Number(value);
    if (value === undefined || value.trim() === '' || !(v >= 0)) throw new UsageError(`--weights: ${key} must be a number ≥ 0, not "${value ?? ''}"`);
    out[key] = v;
  }
  return out;
}

/** `clusterlens peers`: regions with a similar industrial structure, each component of the score shown. */
export async function peersCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      count: { type: 'string' },
      'size-factor': { type: 'string' },
      'size-band-only': { type: 'boolean', default: false },
      neighbours: { type: 'boolean', default: false },
      weights: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.region) throw new UsageError('--region is required');
  const format: OutputFormat = parseFormat(values.format);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const count = parseCount(values.count, '--count', 1);
  const sizeFactorText = values['size-factor'];
  const sizeFactor = sizeFactorText === undefined ? undefined : Number(sizeFactorText);
  if (sizeFactor !== undefined && !(sizeFactor >= 1)) throw new UsageError(`--size-factor must be a number ≥ 1, not "${sizeFactorText}"`);
  const weights = { ...(values.neighbours ? { neighbour: 0.2 } : {}), ...parseWeights(values.weights) };
  const { service, store } = await openService(values['data-dir']);
  try {
    const result = await peerRegions(service, values.region, {
      ...(year === undefined ? {} : { year }),
      ...(count === undefined ? {} : { count }),
      ...(sizeFactor === undefined ? {} : { sizeFactor }),
      sizeBandOnly: values['size-band-only'],
      weights,
    });
    if (format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
    else if (format === 'ndjson') for (const p of result.peers) out.write(JSON.stringify({ of: result.region, year: result.year, ...p }) + '\n');
    else if (format === 'csv') out.write(formatCsv(result.peers, columns) + '\n');
    else {
      const w = result.weights;
      out.write(`Peers of ${result.regionName} (${result.region}, ${result.regionType}), ${result.year}: ${result.profile}; shared = ${result.sharedBasis}\n`);
      out.write(`score weights: profile ${w.profile}, shared ${w.shared}, size ${w.size}, neighbour ${w.neighbour}; size band: within a factor ${result.sizeFactor}\n\n`);
      out.write(formatTable(result.peers, columns.filter((c) => tableColumns.has(c.header))) + '\n');
      out.write(`\n${result.notes.join('\n')}\n`);
    }
  } finally {
    await store.close();
  }
}
