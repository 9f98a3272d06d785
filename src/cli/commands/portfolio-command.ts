import { parseArgs } from 'node:util';
import { regionPortfolio } from '../../service/portfolio/region-portfolio.js';
import type { PortfolioEntry } from '../../service/portfolio/region-portfolio.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat, parseYear } from './options.js';

const columns: Column<PortfolioEntry>[] = [
  { header: 'code', value: (c) => c.code },
  { header: 'name', value: (c) => c.name },
  { header: 'type', value: (c) => c.type },
  { header: 'employment', value: (c) => c.employment, align: 'right' },
  { header: 'baseEmployment', value: (c) => c.baseEmployment, align: 'right' },
  { header: 'lq', value: (c) => c.lq, align: 'right' },
  { header: 'strong', value: (c) => c.strong },
  { header: 'strong10', value: (c) => c.strong10 },
  { header: 'sizeStar', value: (c) => c.sizeStar },
  { header: 'specialisationStar', value: (c) => c.specialisationStar },
  { header: 'focusStar', value: (c) => c.focusStar },
  { header: 'stars', value: (c) => c.stars, align: 'right' },
  { header: 'growth', value: (c) => c.growth, align: 'right' },
  { header: 'nationalGrowth', value: (c) => c.nationalGrowth, align: 'right' },
  { header: 'relativeGrowth', value: (c) => c.relativeGrowth, align: 'right' },
  { header: 'cagr', value: (c) => c.cagr, align: 'right' },
  { header: 'nationalCagr', value: (c) => c.nationalCagr, align: 'right' },
  { header: 'quadrant', value: (c) => c.quadrant },
  { header: 'employmentChange', value: (c) => c.employmentChange, align: 'right' },
  { header: 'expectedChange', value: (c) => c.expectedChange, align: 'right' },
  { header: 'competitiveEffect', value: (c) => c.competitiveEffect, align: 'right' },
];

const tableColumns = new Set(['name', 'employment', 'lq', 'strong', 'stars', 'growth', 'nationalGrowth', 'cagr', 'quadrant', 'competitiveEffect']);
const round = (v: number | null, digits: number): number | null => (v === null ? null : Number(v.toFixed(digits)));

/** `clusterlens portfolio`: a region's cluster portfolio with quadrants, stars and job creation vs. the nation. */
export async function portfolioCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string' },
      year: { type: 'string' },
      'base-year': { type: 'string' },
      scheme: { type: 'string' },
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
    const portfolio = await regionPortfolio(service, values.region, y, baseYear, { scheme: values.scheme });
    if (format === 'json') out.write(JSON.stringify(portfolio, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of portfolio.clusters) out.write(JSON.stringify({ region: portfolio.region, year: portfolio.year, baseYear: portfolio.baseYear, ...c }) + '\n');
    else if (format === 'csv') out.write(formatCsv(portfolio.clusters, columns) + '\n');
    else {
      const rows = portfolio.clusters
        .filter((c) => c.type === 'traded')
        .sort((a, b) => b.employment - a.employment)
        .map((c) => ({ ...c, lq: round(c.lq, 3), growth: round(c.growth, 4), nationalGrowth: round(c.nationalGrowth, 4), cagr: round(c.cagr, 4), competitiveEffect: round(c.competitiveEffect, 0) }));
      const period = portfolio.baseYear === null ? '' : `, ${portfolio.baseYear}–${portfolio.year}`;
      out.write(`${portfolio.regionName} (${portfolio.region})${period}: traded cluster portfolio${portfolio.scheme === undefined ? '' : ` (cluster scheme ${portfolio.scheme})`}\n\n`);
      out.write(formatTable(rows, columns.filter((c) => tableColumns.has(c.header))) + '\n');
      out.write(
        '\nquadrant: LQ ≥ 1 or < 1 × growth at or above / below the national growth of the cluster (docs/methods/cluster-portfolio.md).\n' +
          'competitiveEffect: employment change − base employment × national cluster growth (job creation vs. national benchmark).\n',
      );
    }
  } finally {
    await store.close();
  }
}
