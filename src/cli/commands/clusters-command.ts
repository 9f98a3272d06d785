import { parseArgs } from 'node:util';
import type { PortfolioCluster } from '../../service/cluster-service.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat, parseYear } from './options.js';


const columns: Column<PortfolioCluster>[] = [
  { header: 'code', value: (c) => c.code },
  { header: 'name', value: (c) => c.name },
  { header: 'type', value: (c) => c.type },
  { header: 'employment', value: (c) => c.employment, align: 'right' },
  { header: 'establishments', value: (c) => c.establishments, align: 'right' },
  { header: 'lq', value: (c) => c.lq, align: 'right' },
  { header: 'strong', value: (c) => c.strong },
  { header: 'strong10', value: (c) => c.strong10 },
  { header: 'estimatedShare', value: (c) => c.estimatedShare, align: 'right' },
  { header: 'baseEmployment', value: (c) => c.baseEmployment, align: 'right' },
  { header: 'employmentChange', value: (c) => c.employmentChange, align: 'right' },
];

/** `clusterlens clusters`: prints a region's cluster portfolio. */
export async function clustersCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      'base-year': { type: 'string' },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.region) throw new UsageError('--region is required');
  const format: OutputFormat = parseFormat(values.format);
  const year = values.year === undefined ? undefined : parseYear(values.year, '--year');
  const baseYearFlag = values['base-year'] === undefined ? undefined : parseYear(values['base-year'], '--base-year');
  const { service, store } = await openService(values['data-dir']);
  try {
    const { year: y, baseYear } = await service.resolveYears(year, baseYearFlag);
    const portfolio = await service.regionPortfolio(values.region, y, baseYear);
    if (format === 'json') out.write(JSON.stringify(portfolio, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of portfolio.clusters) out.write(JSON.stringify({ region: portfolio.region, year: portfolio.year, ...c }) + '\n');
    else if (format === 'csv') out.write(formatCsv(portfolio.clusters, columns) + '\n');
    else {
      const strength = portfolio.clusterStrength === null ? '–' : `${(portfolio.clusterStrength * 100).toFixed(1)}%`;
      out.write(`${portfolio.regionName} (${portfolio.region}), ${portfolio.year}${portfolio.baseYear ? `, change since ${portfolio.baseYear}` : ''}; traded employment in strong clusters: ${strength}\n\n`);
      out.write(formatTable(portfolio.clusters, columns.filter((c) => c.header !== 'code')) + '\n');
      out.write('\nlq: cluster location quotient (traded clusters against traded employment, local against local). strong: U.S. Cluster Mapping rule.\nestimatedShare: share of employment estimated from suppressed County Business Patterns cells (docs/methods/suppressed-cells.md).\n');
    }
  } finally {
    await store.close();
  }
}
