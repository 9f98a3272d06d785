import { readFile } from 'node:fs/promises';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';
import { checkYear } from './read-region-industry-values.js';

/** An external reference area (`--reference`, `--reference-end`): industry totals, per year for a panel. */
export interface IndustryTable {
  readonly file: string;
  /** In order of first appearance. */
  readonly industries: readonly string[];
  /** The years, ascending, when the file has a `year` column; null otherwise. */
  readonly years: readonly number[] | null;
  /** One vector over `industries` per year (or exactly one); an industry absent from a year is 0. */
  readonly values: readonly Float64Array[];
}

/** Parses `industry,value[,year]` text; see {@link readIndustryValues}. */
export function parseIndustryValues(text: string, file: string): IndustryTable {
  const table = parseAnalysisCsv(text, file, { keys: ['industry'], numbers: ['value'], optionalNumbers: ['year'] });
  const panel = table.optionalPresent.has('year');
  const keys = new KeyRegister(table, panel ? ['industry', 'year'] : ['industry']);
  const industries = new LabelIndex();
  const yearSet = new Set<number>();
  for (const row of table.rows) {
    keys.add(row);
    industries.of(row.keys.industry!);
    if (panel) yearSet.add(checkYear(row.numbers.year!, file, row.line, table.position.year!));
  }
  const years = panel ? [...yearSet].sort((a, b) => a - b) : null;
  const yearIndex = new Map((years ?? []).map((y, k) => [y, k]));
  const values = (years ?? [0]).map(() => new Float64Array(industries.labels.length));
  for (const row of table.rows) {
    values[panel ? yearIndex.get(row.numbers.year!)! : 0]![industries.of(row.keys.industry!)] = row.numbers.value!;
  }
  return { file, industries: industries.labels, years, values };
}

/**
 * Reads an `industry,value[,year]` CSV file. Throws AnalysisCsvError naming file, line and column for a
 * repeated industry (per year), a non-numeric or a negative value.
 */
export async function readIndustryValues(file: string): Promise<IndustryTable> {
  return parseIndustryValues(await readFile(file, 'utf8'), file);
}
