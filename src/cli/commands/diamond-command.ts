import { parseArgs } from 'node:util';
import { regionDiamond } from '../../service/diamond/region-diamond.js';
import { parseExpertRatings } from '../../service/diamond/parse-expert-ratings.js';
import type { DiamondIndicatorRow, RegionDiamond } from '../../service/diamond/region-diamond.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseYear } from './options.js';

type Row = DiamondIndicatorRow & { corner: string; cornerScore: number | null };

const round = (v: number | null, digits: number): number | null => (v === null ? null : Number(v.toFixed(digits)));

/** `clusterlens diamond --region R [--cluster C]`: Porter's diamond of a state, or of a state × benchmark cluster, against peers. */
export async function diamondCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      cluster: { type: 'string' },
      year: { type: 'string' },
      'base-year': { type: 'string' },
      peers: { type: 'string', multiple: true },
      ratings: { type: 'string' },
      'expert-weight': { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.region) throw new UsageError('--region is required, e.g. diamond --region WA --cluster aerospace-vehicles-and-defense');
  const format = values.format;
  if (format !== 'table' && format !== 'json' && format !== 'csv') throw new UsageError(`--format must be table, json or csv, not "${format}"`);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const baseYear = values['base-year'] === undefined ? undefined : parseYear(values['base-year'], '--base-year');
  const peers = values.peers?.flatMap((p) => p.split(',')).map((p) => p.trim()).filter((p) => p !== '');
  if (values.peers !== undefined && peers!.length === 0) throw new UsageError('--peers needs region codes, e.g. --peers OR,CA,TX');
  const expertWeight = values['expert-weight'] === undefined ? undefined : Number(values['expert-weight']);
  if (expertWeight !== undefined && !(expertWeight >= 0 && expertWeight <= 1)) throw new UsageError(`--expert-weight must be a number in [0, 1], not "${values['expert-weight']}"`);
  if (expertWeight !== undefined && values.ratings === undefined) throw new UsageError('--expert-weight needs --ratings, e.g. --ratings factor-conditions:4,demand-conditions:2');
  let expertRatings: ReturnType<typeof parseExpertRatings> | undefined;
  try {
    expertRatings = values.ratings === undefined ? undefined : parseExpertRatings(values.ratings);
  } catch (error) {
    throw new UsageError(`--ratings: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { service, store } = await openService(values['data-dir']);
  let diamond: RegionDiamond;
  try {
    diamond = await regionDiamond(service, values.region, {
      ...(year === undefined ? {} : { year }),
      ...(baseYear === undefined ? {} : { baseYear }),
      ...(values.cluster === undefined ? {} : { cluster: values.cluster }),
      ...(peers === undefined ? {} : { peers }),
      ...(expertRatings === undefined ? {} : { expertRatings }),
      ...(expertWeight === undefined ? {} : { expertWeight }),
    });
  } finally {
    await store.close();
  }
  if (format === 'json') {
    out.write(JSON.stringify(diamond, null, 2) + '\n');
    return;
  }
  const rows: Row[] = diamond.corners.flatMap((c) => c.indicators.map((i) => ({ ...i, corner: c.corner, cornerScore: c.score })));
  const full = format === 'csv';
  const columns: Column<Row>[] = [
    { header: 'corner', value: (r) => r.corner },
    { header: full ? 'cornerScore' : 'corner z', value: (r) => (full ? r.cornerScore : round(r.cornerScore, 2)), align: 'right' },
    { header: 'indicator', value: (r) => r.id },
    { header: 'value', value: (r) => (full ? r.value : round(r.value, 4)), align: 'right' },
    { header: 'peerMean', value: (r) => (full ? r.peerMean : round(r.peerMean, 4)), align: 'right' },
    { header: 'peerSd', value: (r) => (full ? r.peerSd : round(r.peerSd, 4)), align: 'right' },
    { header: 'peers', value: (r) => r.peerCount, align: 'right' },
    { header: 'z', value: (r) => (full ? r.score : round(r.score, 2)), align: 'right' },
    ...(full ? [{ header: 'direction', value: (r: Row) => r.direction }, { header: 'name', value: (r: Row) => r.name }, { header: 'source', value: (r: Row) => r.source }, { header: 'method', value: (r: Row) => r.method }] : []),
  ];
  if (full) {
    out.write(formatCsv(rows, columns) + '\n');
    return;
  }
  const subject = diamond.cluster === null ? `${diamond.regionName} (${diamond.region})` : `${diamond.regionName} (${diamond.region}) × ${diamond.cluster.name}`;
  const parts = [
    `Porter's diamond of ${subject}, ${diamond.year}${diamond.baseYear === null ? '' : ` (growth from ${diamond.baseYear})`}: z-scores against ${diamond.peers.length} peer state(s)`,
    '',
    formatTable(rows, columns),
    '',
    'indicators',
    ...rows.map((r) => `  ${r.id}: ${r.name} (${r.direction}) — ${r.method}; source: ${r.source}`),
  ];
  for (const c of diamond.corners) {
    if (c.expertRating !== null) {
      parts.push(
        `expert rating ${c.corner}: ${round(c.expertRating, 2)} (z-scale ${round(c.expertScore, 2)}); corner z = ` +
          (c.indicatorScore === null
            ? `the rating alone (no indicator) = ${round(c.score, 2)}`
            : `${diamond.expertWeight}·expert + ${round(1 - diamond.expertWeight, 2)}·indicators (${round(c.indicatorScore, 2)}) = ${round(c.score, 2)}`),
      );
    }
  }
  for (const c of diamond.missingCorners) parts.push(`missing corner ${c.corner}: ${c.reason}`);
  for (const d of diamond.diagnostics) parts.push(`note: ${d}`);
  parts.push(`method: ${diamond.method}`);
  out.write(parts.join('\n') + '\n');
}
