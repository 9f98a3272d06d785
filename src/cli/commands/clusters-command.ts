import { parseArgs } from 'node:util';
import type { PortfolioCluster, RegionPortfolio } from '../../service/cluster-service.js';
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

/** Columns of a family portfolio (EU NUTS regions, Japanese prefectures): the stars beside the strong flags. */
const familyColumns: Column<PortfolioCluster>[] = [
  { header: 'family', value: (c) => c.code },
  { header: 'name', value: (c) => c.shortName ?? c.name },
  { header: 'employment', value: (c) => c.employment, align: 'right' },
  { header: 'establishments', value: (c) => c.establishments, align: 'right' },
  { header: 'lq', value: (c) => c.lq, align: 'right' },
  { header: 'strong', value: (c) => c.strong },
  { header: 'strong10', value: (c) => c.strong10 },
  { header: 'stars', value: (c) => c.stars ?? null, align: 'right' },
  { header: 'sizeStar', value: (c) => c.sizeStar ?? null },
  { header: 'specialisationStar', value: (c) => c.specialisationStar ?? null },
  { header: 'focusStar', value: (c) => c.focusStar ?? null },
  { header: 'lowReliability', value: (c) => c.lowReliability ?? null },
  { header: 'estimatedShare', value: (c) => c.estimatedShare, align: 'right' },
  { header: 'baseEmployment', value: (c) => c.baseEmployment, align: 'right' },
  { header: 'employmentChange', value: (c) => c.employmentChange, align: 'right' },
];

/** The coverage fields of an Economic Area or CBSA (member counties, those with data); none for other regions. */
const areaCoverageOf = ({ memberCounties, countiesWithData }: RegionPortfolio): Pick<RegionPortfolio, 'memberCounties' | 'countiesWithData'> =>
  memberCounties === undefined ? {} : { memberCounties, countiesWithData };

/** `; counties 3/12` of the header line of an Economic Area or CBSA (member counties with data / members); '' for other regions. */
function countyCoverage(p: RegionPortfolio): string {
  return p.memberCounties === undefined ? '' : `; counties ${p.countiesWithData}/${p.memberCounties}`;
}

/** The footnote of a partly loaded Economic Area or CBSA: its numbers are the sums of the counties loaded; '' otherwise. */
function partialAreaNote(p: RegionPortfolio): string {
  if (p.memberCounties === undefined || p.countiesWithData === undefined || p.countiesWithData >= p.memberCounties) return '';
  return `partial area: ${p.countiesWithData} of its ${p.memberCounties} counties are in the database; its numbers are their sums (docs/data/economic-areas.md).\n`;
}

/** `clusterlens clusters`: prints a region's cluster portfolio. */
export async function clustersCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
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
    const { year: y, baseYear } = await service.resolvePortfolioYears(values.region, year, baseYearFlag);
    const portfolio = await service.regionPortfolio(values.region, y, baseYear, { families: true, scheme: values.scheme });
    if (portfolio.level === 'family' && format !== 'json' && format !== 'ndjson') {
      const withoutEstablishments = portfolio.establishmentsPublished === false ? familyColumns.filter((c) => c.header !== 'establishments') : familyColumns;
      if (format === 'csv') out.write(formatCsv(portfolio.clusters, withoutEstablishments) + '\n');
      else {
        const strength = portfolio.clusterStrength === null ? '–' : `${(portfolio.clusterStrength * 100).toFixed(1)}%`;
        const coverage = portfolio.coverage === null || portfolio.coverage === undefined ? '–' : `${(portfolio.coverage * 100).toFixed(1)}%`;
        out.write(
          `${portfolio.regionName} (${portfolio.region}), ${portfolio.year}${portfolio.baseYear ? `, change since ${portfolio.baseYear}` : ''}; industry families (${portfolio.source} ${portfolio.regionType}); employment in strong families: ${strength}; coverage ${coverage}\n\n`,
        );
        out.write(formatTable(portfolio.clusters, withoutEstablishments) + '\n');
        const missing = portfolio.missing ?? [];
        if (missing.length > 0) out.write(`\nno value: ${missing.map((m) => `${m.code} (${m.state === 'missing' ? 'suppressed or not available' : 'not published by the source'})`).join(', ')}\n`);
        out.write(
          `\nIndustry families (NACE A*10 groups), rated among all ${portfolio.regionType} regions of the source (docs/methods/family-level-clusters.md).\nlq: family share of the region's total employment / the same share over all those regions. strong: U.S. Cluster Mapping rule${portfolio.rule === 'strong-employment-only' ? ' without the establishment condition (no establishment counts)' : ''}; every family is rated.\nstars: European Cluster Observatory size, specialisation (LQ ≥ 2) and focus stars; no productivity star (no wages).\n`,
        );
      }
    } else if (format === 'json') out.write(JSON.stringify(portfolio, null, 2) + '\n');
    else if (format === 'ndjson') for (const c of portfolio.clusters) out.write(JSON.stringify({ region: portfolio.region, year: portfolio.year, ...areaCoverageOf(portfolio), ...c }) + '\n');
    else if (format === 'csv') out.write(formatCsv(portfolio.clusters, columns) + '\n');
    else {
      const strength = portfolio.clusterStrength === null ? '–' : `${(portfolio.clusterStrength * 100).toFixed(1)}%`;
      out.write(`${portfolio.regionName} (${portfolio.region}), ${portfolio.year}${portfolio.baseYear ? `, change since ${portfolio.baseYear}` : ''}${portfolio.scheme === undefined ? '' : `; cluster scheme ${portfolio.scheme}`}; traded employment in strong clusters: ${strength}${countyCoverage(portfolio)}\n\n`);
      out.write(formatTable(portfolio.clusters, columns.filter((c) => c.header !== 'code')) + '\n');
      out.write('\nlq: cluster location quotient (traded clusters against traded employment, local against local). strong: U.S. Cluster Mapping rule.\nestimatedShare: share of employment estimated from suppressed County Business Patterns cells (docs/methods/suppressed-cells.md).\n' + partialAreaNote(portfolio));
    }
  } finally {
    await store.close();
  }
}
