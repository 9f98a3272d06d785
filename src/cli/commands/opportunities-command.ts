import { parseArgs } from 'node:util';
import { regionOpportunities, regionSupplyChainGaps } from '../../service/opportunities/index.js';
import type { Opportunity, SupplyChainGap } from '../../service/opportunities/index.js';
import { RELATEDNESS_MEASURES } from '../../service/related-clusters/index.js';
import type { RelatednessMeasure } from '../../service/related-clusters/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat, parseYear } from './options.js';

const opportunityColumns: Column<Opportunity>[] = [
  { header: 'code', value: (o) => o.code },
  { header: 'name', value: (o) => o.name },
  { header: 'employment', value: (o) => o.employment, align: 'right' },
  { header: 'lq', value: (o) => o.lq, align: 'right' },
  { header: 'density', value: (o) => o.density, align: 'right' },
  { header: 'complexity', value: (o) => o.complexity, align: 'right' },
  { header: 'quadrant', value: (o) => o.quadrant },
  { header: 'relatedSpecialisations', value: (o) => o.relatedSpecialisations.map((r) => r.code).join(' ') },
];

type GapRow = SupplyChainGap & { cluster: string };
const gapColumns: Column<GapRow>[] = [
  { header: 'cluster', value: (g) => g.cluster },
  { header: 'supplier', value: (g) => g.code },
  { header: 'name', value: (g) => g.name },
  { header: 'type', value: (g) => g.type },
  { header: 'inputShare', value: (g) => g.inputShare, align: 'right' },
  { header: 'lq', value: (g) => g.lq, align: 'right' },
  { header: 'gapScore', value: (g) => g.gapScore, align: 'right' },
];

function parseNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v)) throw new UsageError(`${flag} must be a number, not "${value}"`);
  return v;
}

/**
 * `clusterlens opportunities`: a region's diversification opportunities (relatedness density × complexity,
 * smart-specialisation quadrants) or, with `--view gaps`, the supply-chain gaps of its strong clusters.
 */
export async function opportunitiesCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      view: { type: 'string', default: 'opportunities' },
      relatedness: { type: 'string' },
      'density-threshold': { type: 'string' },
      'complexity-threshold': { type: 'string' },
      cluster: { type: 'string' },
      suppliers: { type: 'string' },
      count: { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.region) throw new UsageError('--region is required');
  const format: OutputFormat = parseFormat(values.format);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const view = values.view;
  if (view !== 'opportunities' && view !== 'gaps') throw new UsageError(`--view must be opportunities or gaps, not "${view}"`);
  const relatedness = values.relatedness as RelatednessMeasure | undefined;
  if (relatedness !== undefined && !RELATEDNESS_MEASURES.includes(relatedness)) throw new UsageError(`--relatedness must be one of ${RELATEDNESS_MEASURES.join(', ')}, not "${relatedness}"`);
  const suppliers = values.suppliers;
  if (suppliers !== undefined && suppliers !== 'traded' && suppliers !== 'all') throw new UsageError(`--suppliers must be traded or all, not "${suppliers}"`);
  const densityThreshold = parseNumber(values['density-threshold'], '--density-threshold');
  const complexityThreshold = parseNumber(values['complexity-threshold'], '--complexity-threshold');
  const count = parseCount(values.count, '--count', 1);
  const { service, store } = await openService(values['data-dir']);
  try {
    const { year: y } = await service.resolveYears(year);
    if (view === 'gaps') {
      const result = await regionSupplyChainGaps(service, values.region, { year: y, ...(values.cluster === undefined ? {} : { cluster: values.cluster }), ...(suppliers === undefined ? {} : { suppliers }), ...(count === undefined ? {} : { count }) });
      const rows: GapRow[] = result.clusters.flatMap((c) => c.gaps.map((g) => ({ ...g, cluster: c.code })));
      if (format === 'json') out.write(JSON.stringify(result, null, 2) + '\n');
      else if (format === 'ndjson') for (const r of rows) out.write(JSON.stringify({ region: result.region, year: result.year, ...r }) + '\n');
      else if (format === 'csv') out.write(formatCsv(rows, gapColumns) + '\n');
      else {
        out.write(`${result.regionName} (${result.region}), ${result.year}: supply-chain gaps\n`);
        for (const c of result.clusters) {
          out.write(`\n${c.name} (LQ ${c.lq ?? '–'}${c.strong ? ', strong' : ''}):\n`);
          out.write((c.gaps.length === 0 ? '  no supplier cluster with LQ < 1' : formatTable(c.gaps.map((g) => ({ ...g, cluster: c.code })), gapColumns.slice(2))) + '\n');
        }
        out.write(`\n${result.notes.join('\n')}\n`);
      }
      return;
    }
    const result = await regionOpportunities(service, values.region, {
      year: y,
      ...(relatedness === undefined ? {} : { relatedness }),
      ...(densityThreshold === undefined ? {} : { densityThreshold }),
      ...(complexityThreshold === undefined ? {} : { complexityThreshold }),
    });
    const listed = count === undefined ? result.opportunities : result.opportunities.slice(0, count);
    if (format === 'json') out.write(JSON.stringify({ ...result, opportunities: listed }, null, 2) + '\n');
    else if (format === 'ndjson') for (const o of listed) out.write(JSON.stringify({ region: result.region, year: result.year, ...o }) + '\n');
    else if (format === 'csv') out.write(formatCsv(listed, opportunityColumns) + '\n');
    else {
      out.write(
        `${result.regionName} (${result.region}), ${result.year}: diversification opportunities (relatedness: ${result.relatedness}; ${result.specialisations} traded clusters with LQ ≥ 1)\n` +
          `thresholds: density ${result.thresholds.density ?? '–'} (${result.thresholds.densityRule}), complexity ${result.thresholds.complexity ?? '–'} (${result.thresholds.complexityRule})\n\n`,
      );
      out.write(formatTable(listed, opportunityColumns.filter((c) => c.header !== 'code')) + '\n');
      out.write(`\n${result.notes.join('\n')}\n`);
    }
  } finally {
    await store.close();
  }
}
