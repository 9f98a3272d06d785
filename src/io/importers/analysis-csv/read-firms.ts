import { readFile } from 'node:fs/promises';
import { KeyRegister, LabelIndex, parseAnalysisCsv } from './parse-analysis-csv.js';

/** Plant-level data (`--firms`), columnar: one entry per (industry, region, firm). */
export interface FirmTable {
  readonly file: string;
  /** In order of first appearance. */
  readonly regions: readonly string[];
  readonly industries: readonly string[];
  readonly firms: readonly string[];
  /** Index into regions / industries of each firm row. */
  readonly firmRegion: Uint32Array;
  readonly firmIndustry: Uint32Array;
  readonly firmEmployment: Float64Array;
}

/** Parses `industry,region,firm,employment` text; see {@link readFirms}. */
export function parseFirms(text: string, file: string): FirmTable {
  const table = parseAnalysisCsv(text, file, { keys: ['industry', 'region', 'firm'], numbers: ['employment'] });
  const keys = new KeyRegister(table, ['industry', 'region', 'firm']);
  const regions = new LabelIndex();
  const industries = new LabelIndex();
  const n = table.rows.length;
  const firms: string[] = [];
  const firmRegion = new Uint32Array(n);
  const firmIndustry = new Uint32Array(n);
  const firmEmployment = new Float64Array(n);
  table.rows.forEach((row, k) => {
    keys.add(row);
    firms.push(row.keys.firm!);
    firmIndustry[k] = industries.of(row.keys.industry!);
    firmRegion[k] = regions.of(row.keys.region!);
    firmEmployment[k] = row.numbers.employment!;
  });
  return { file, regions: regions.labels, industries: industries.labels, firms, firmRegion, firmIndustry, firmEmployment };
}

/**
 * Reads an `industry,region,firm,employment` CSV file (plants for Ellison–Glaeser and Maurel–Sédillot).
 * Throws AnalysisCsvError naming file, line and column for a repeated (industry, region, firm), a non-numeric
 * or a negative employment.
 */
export async function readFirms(file: string): Promise<FirmTable> {
  return parseFirms(await readFile(file, 'utf8'), file);
}
