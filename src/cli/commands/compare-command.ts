import { parseArgs } from 'node:util';
import { compareRegions } from '../../service/compare/index.js';
import type { ComparisonRegion, RegionComparison } from '../../service/compare/index.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column, OutputFormat } from '../format-output.js';
import { openService } from '../open-service.js';
import { UsageError } from '../usage-error.js';
import { parseFormat } from './options.js';

/** One CSV / NDJSON row: a region × family. */
interface LongRow {
  region: string;
  name: string;
  country: string;
  year: number;
  classification: string;
  coverage: number | null;
  family: string;
  familyName: string;
  employment: number | null;
  share: number | null;
  lq: number | null;
  estimatedShare: number | null;
}

const longColumns: Column<LongRow>[] = (
  ['region', 'name', 'country', 'year', 'classification', 'coverage', 'family', 'familyName', 'employment', 'share', 'lq', 'estimatedShare'] as const
).map((key) => ({ header: key, value: (row: LongRow) => row[key] }));

/** Parses `--year US=2011` (or `US:2011`) flags into `{ US: 2011 }`. */
export function parseYearFlags(values: readonly string[]): Record<string, number> {
  const years: Record<string, number> = {};
  for (const value of values) {
    const m = /^([A-Za-z]{2})[=:](\d{4})$/.exec(value.trim());
    if (!m) throw new UsageError(`--year must look like US=2011, EU=2015 or JP=2021, not "${value}"`);
    const key = m[1]!.toUpperCase();
    if (key in years) throw new UsageError(`--year ${key} is given twice`);
    years[key] = Number(m[2]);
  }
  return years;
}

const percent = (v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const fixed = (v: number | null): string => (v === null ? '–' : v.toFixed(2));

/** The table: families as rows, each region a column group (share, LQ), then coverage lines and notes. */
function formatComparisonTable(c: RegionComparison): string {
  const rows = c.families.map((f, k) => ({ family: f, k }));
  const columns: Column<(typeof rows)[number]>[] = [
    { header: 'family', value: (r) => r.family.code },
    { header: 'name', value: (r) => r.family.shortName },
  ];
  for (const region of c.regions) {
    columns.push(
      { header: `${region.region} share`, value: (r) => percent(region.families[r.k]?.share ?? null), align: 'right' },
      { header: `${region.region} LQ`, value: (r) => fixed(region.families[r.k]?.lq ?? null), align: 'right' },
    );
  }
  const coverage = (r: ComparisonRegion): string => {
    const estimated = r.families.reduce((sum, f) => sum + (f.estimatedShare !== null && f.employment !== null ? f.estimatedShare * f.employment : 0), 0);
    const estimatedText = r.classification === 'NAICS2007' && r.coveredEmployment > 0 ? `; estimated ${percent(estimated / r.coveredEmployment)}` : '';
    return `  ${r.region} ${r.name} (${r.country}, ${r.year}, ${r.classification}, ${r.dataset}): coverage ${percent(r.coverage)} of ${r.totalEmployment.toLocaleString('en-US')} employed${estimatedText}`;
  };
  return [
    'Industry families (NACE Rev. 2 A*10): share of the region\'s employment and LQ against its own country',
    '',
    formatTable(rows, columns),
    '',
    'Coverage (share of total employment the family mapping covers):',
    ...c.regions.map(coverage),
    '',
    'Notes:',
    ...c.notes.map((n) => `  - ${n}`),
  ].join('\n');
}

/** `clusterlens compare`: regions of the US, the EU and Japan side by side on the industry families. */
export async function compareCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      region: { type: 'string', multiple: true },
      year: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const regions = (values.region ?? []).flatMap((r) => r.split(',')).map((r) => r.trim()).filter((r) => r !== '');
  if (regions.length < 2) throw new UsageError('compare needs at least two --region flags (e.g. --region US-53 --region DE21 --region JP-01)');
  const format: OutputFormat = parseFormat(values.format);
  const years = parseYearFlags(values.year ?? []);
  const { store } = await openService(values['data-dir']);
  try {
    const comparison = await compareRegions(store, { regions, years });
    if (format === 'json') {
      out.write(JSON.stringify(comparison, null, 2) + '\n');
      return;
    }
    if (format === 'table') {
      out.write(formatComparisonTable(comparison) + '\n');
      return;
    }
    const names = new Map(comparison.families.map((f) => [f.code, f.name]));
    const rows: LongRow[] = comparison.regions.flatMap((r) =>
      r.families.map((f) => ({
        region: r.region,
        name: r.name,
        country: r.country,
        year: r.year,
        classification: r.classification,
        coverage: r.coverage,
        family: f.code,
        familyName: names.get(f.code) ?? f.code,
        employment: f.employment,
        share: f.share,
        lq: f.lq,
        estimatedShare: f.estimatedShare,
      })),
    );
    if (format === 'csv') out.write(formatCsv(rows, longColumns) + '\n');
    else for (const row of rows) out.write(JSON.stringify(row) + '\n');
  } finally {
    await store.close();
  }
}
