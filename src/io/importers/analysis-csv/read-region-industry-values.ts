import { readFile } from 'node:fs/promises';
import { AnalysisCsvError } from './analysis-csv-error.js';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';
import { parseRegionIndustryFast } from './parse-region-industry-fast.js';

/**
 * A region × industry table (`--input`, `--end`): one row-major matrix per year over shared labels.
 * Labels are in order of first appearance; a (region, industry) pair absent from a year is 0.
 */
export interface RegionIndustryTable {
  readonly file: string;
  readonly regions: readonly string[];
  readonly industries: readonly string[];
  /** The years, ascending, when the file has a `year` column (a panel); null otherwise. */
  readonly years: readonly number[] | null;
  /** One regions × industries matrix per year (years order), or exactly one when years is null. */
  readonly values: readonly Float64Array[];
}

/** Parses `region,industry,value[,year]` text; see {@link readRegionIndustryValues}. */
export function parseRegionIndustryValues(text: string, file: string): RegionIndustryTable {
  const fast = parseRegionIndustryFast(text, file);
  if (fast !== null) return fast;
  const table = parseAnalysisCsv(text, file, { keys: ['region', 'industry'], numbers: ['value'], optionalNumbers: ['year'] });
  const panel = table.optionalPresent.has('year');
  const keys = new KeyRegister(table, panel ? ['region', 'industry', 'year'] : ['region', 'industry']);
  const regions = new LabelIndex();
  const industries = new LabelIndex();
  const yearSet = new Set<number>();
  for (const row of table.rows) {
    keys.add(row);
    regions.of(row.keys.region!);
    industries.of(row.keys.industry!);
    if (panel) yearSet.add(checkYear(row.numbers.year!, table.file, row.line, table.position.year!));
  }
  const years = panel ? [...yearSet].sort((a, b) => a - b) : null;
  const R = regions.labels.length;
  const I = industries.labels.length;
  const values = (years ?? [0]).map(() => new Float64Array(R * I));
  const yearIndex = new Map((years ?? []).map((y, k) => [y, k]));
  for (const row of table.rows) {
    const t = panel ? yearIndex.get(row.numbers.year!)! : 0;
    values[t]![regions.of(row.keys.region!) * I + industries.of(row.keys.industry!)] = row.numbers.value!;
  }
  return { file, regions: regions.labels, industries: industries.labels, years, values };
}

/**
 * Reads a `region,industry,value` CSV file (optional `year` column: a panel). Header required, extra columns
 * ignored, UTF-8 with or without BOM. Throws AnalysisCsvError naming file, line and column for a repeated
 * (region, industry[, year]), a non-numeric or a negative value.
 */
export async function readRegionIndustryValues(file: string): Promise<RegionIndustryTable> {
  return parseRegionIndustryValues(await readFile(file, 'utf8'), file);
}

/** Checks that a year is a whole number; returns it. */
export function checkYear(year: number, file: string, line: number, column: number): number {
  if (!Number.isInteger(year)) throw new AnalysisCsvError('NOT_NUMERIC', file, line, column, 'year', `year ${year} is not a whole number`);
  return year;
}
