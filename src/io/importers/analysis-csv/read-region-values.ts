import { readFile } from 'node:fs/promises';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';

/** One value per region (`--regions` aggregate employment, `--values` for spatial methods). */
export interface RegionValueTable {
  readonly file: string;
  /** In file order. */
  readonly regions: readonly string[];
  readonly values: Float64Array;
}

/** Parses `region,value` text; see {@link readRegionValues}. */
export function parseRegionValues(text: string, file: string): RegionValueTable {
  const table = parseAnalysisCsv(text, file, { keys: ['region'], numbers: ['value'] });
  const keys = new KeyRegister(table, ['region']);
  const regions = new LabelIndex();
  const values: number[] = [];
  for (const row of table.rows) {
    keys.add(row);
    regions.of(row.keys.region!);
    values.push(row.numbers.value!);
  }
  return { file, regions: regions.labels, values: Float64Array.from(values) };
}

/**
 * Reads a `region,value` CSV file. Throws AnalysisCsvError naming file, line and column for a repeated
 * region, a non-numeric or a negative value.
 */
export async function readRegionValues(file: string): Promise<RegionValueTable> {
  return parseRegionValues(await readFile(file, 'utf8'), file);
}
