import { readFile } from 'node:fs/promises';
import { parseCsvText } from '../../csv/parse-csv-text.js';
import { AnalysisCsvError } from './analysis-csv-error.js';
import { LabelIndex, numberPattern } from './parse-analysis-csv.js';

/** Regions × indicators of a composite index, as read from a user's file; NaN marks a missing value. */
export interface IndicatorTable {
  readonly file: string;
  /** 'long' (`region,indicator,value`) or 'wide' (`region,<indicator>,<indicator>,…`). */
  readonly layout: 'long' | 'wide';
  /** In order of first appearance. */
  readonly regions: readonly string[];
  /** In order of first appearance (long) or of the header (wide). */
  readonly indicators: readonly string[];
  /** Row-major regions × indicators; NaN where the file has no value (never imputed). */
  readonly values: Float64Array;
}

/** A value field: empty is missing (NaN); otherwise a finite decimal number (negative allowed: growth rates, balances). */
function valueOf(raw: string, file: string, line: number, column: number, field: string): number {
  const text = raw.trim();
  if (text === '') return NaN;
  if (!numberPattern.test(text)) throw new AnalysisCsvError('NOT_NUMERIC', file, line, column, field, `${field} "${text}" is not a number (leave the field empty for a missing value)`);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new AnalysisCsvError('NOT_NUMERIC', file, line, column, field, `${field} "${text}" is not a finite number`);
  return value;
}

/**
 * Parses an indicator file for a composite index; see {@link readIndicatorTable}. The layout is told by the
 * header: exactly `region,indicator,value` (any order, any case) is long; a first column `region` followed by
 * indicator names is wide.
 */
export function parseIndicatorTable(text: string, file: string): IndicatorTable {
  const parsed = parseCsvText(text);
  const header = parsed[0];
  if (header === undefined) throw new AnalysisCsvError('EMPTY_FILE', file, 1, 1, '', 'the file is empty: a header row is required (region,indicator,value or region,<indicator>,…)');
  const names = header.fields.map((f) => f.trim());
  const lower = names.map((n) => n.toLowerCase());
  for (let k = 0; k < names.length; k++) {
    if (names[k] === '') throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, k + 1, '', `column ${k + 1} of the header has no name`);
    const first = lower.indexOf(lower[k]!);
    if (first < k) throw new AnalysisCsvError('REPEATED_COLUMN', file, header.line, k + 1, names[k]!, `column "${names[k]}" appears twice in the header (columns ${first + 1} and ${k + 1})`);
  }
  const long = lower.includes('indicator') && lower.includes('value');
  const regionColumn = lower.indexOf('region');
  if (regionColumn < 0) throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, 1, 'region', 'missing column "region" in the header (expected region,indicator,value or region,<indicator>,…)');
  if (!long && regionColumn !== 0) throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, 1, 'region', 'a wide file has "region" as its first column, then one column per indicator');
  if (long) {
    const unknown = lower.findIndex((n) => n !== 'region' && n !== 'indicator' && n !== 'value');
    if (unknown >= 0) throw new AnalysisCsvError('UNKNOWN_COLUMN', file, header.line, unknown + 1, names[unknown]!, `unknown column "${names[unknown]}" in a long file (expected region,indicator,value)`);
  } else if (names.length < 2) {
    throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, 2, '', 'no indicator column: expected region,indicator,value or region,<indicator>,…');
  }
  const regions = new LabelIndex();
  const cells = new Map<string, { value: number; line: number }>();
  const indicatorColumn = lower.indexOf('indicator');
  const valueColumn = lower.indexOf('value');
  const indicators = new LabelIndex();
  if (!long) for (const name of names.slice(1)) indicators.of(name);
  const seenRegions = new Map<string, number>();
  for (const row of parsed.slice(1)) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    if (row.fields.length !== names.length) {
      const column = Math.min(row.fields.length, names.length) + 1;
      throw new AnalysisCsvError(row.fields.length > names.length ? 'UNKNOWN_COLUMN' : 'MISSING_COLUMN', file, row.line, column, names[column - 1] ?? '', `the row has ${row.fields.length} fields, the header ${names.length} (leave a missing value empty, with its comma)`);
    }
    const field = (k: number): string => row.fields[k] ?? '';
    const region = field(regionColumn).trim();
    if (region === '') throw new AnalysisCsvError('EMPTY_KEY', file, row.line, regionColumn + 1, 'region', 'empty region');
    if (long) {
      const indicator = field(indicatorColumn).trim();
      if (indicator === '') throw new AnalysisCsvError('EMPTY_KEY', file, row.line, indicatorColumn + 1, 'indicator', 'empty indicator');
      const key = JSON.stringify([region, indicator]);
      const earlier = cells.get(key);
      if (earlier !== undefined) throw new AnalysisCsvError('REPEATED_KEY', file, row.line, regionColumn + 1, 'region', `repeated key region "${region}", indicator "${indicator}" (first on line ${earlier.line})`);
      cells.set(key, { value: valueOf(field(valueColumn), file, row.line, valueColumn + 1, 'value'), line: row.line });
      regions.of(region);
      indicators.of(indicator);
    } else {
      const earlier = seenRegions.get(region);
      if (earlier !== undefined) throw new AnalysisCsvError('REPEATED_KEY', file, row.line, regionColumn + 1, 'region', `repeated region "${region}" (first on line ${earlier})`);
      seenRegions.set(region, row.line);
      regions.of(region);
      for (let k = 1; k < names.length; k++) {
        cells.set(JSON.stringify([region, names[k]]), { value: valueOf(field(k), file, row.line, k + 1, names[k]!), line: row.line });
      }
    }
  }
  if (regions.labels.length === 0) throw new AnalysisCsvError('EMPTY_FILE', file, header.line, 1, '', 'the file has a header but no data rows');
  const nr = regions.labels.length;
  const ni = indicators.labels.length;
  const values = new Float64Array(nr * ni).fill(NaN);
  for (let r = 0; r < nr; r++) {
    for (let j = 0; j < ni; j++) {
      const cell = cells.get(JSON.stringify([regions.labels[r], indicators.labels[j]]));
      if (cell !== undefined) values[r * ni + j] = cell.value;
    }
  }
  return { file, layout: long ? 'long' : 'wide', regions: regions.labels, indicators: indicators.labels, values };
}

/**
 * Reads the indicators of a composite index from a CSV file, long (`region,indicator,value`) or wide
 * (`region,<indicator1>,<indicator2>,…`). UTF-8 with or without BOM; header names of the long layout matched
 * case-insensitively. A missing cell (an empty field, or a pair absent from a long file) is missing — NaN,
 * never imputed. Values may be negative. Throws AnalysisCsvError naming file, line and column for a
 * repeated region (wide) or (region, indicator) pair (long), a non-numeric value, an unknown column of a long
 * file, a row longer than the header, a repeated or unnamed header column, or an empty region or indicator.
 */
export async function readIndicatorTable(file: string): Promise<IndicatorTable> {
  return parseIndicatorTable(await readFile(file, 'utf8'), file);
}

/** Weights and directions of a composite index's indicators, as read from a user's file. */
export interface IndicatorWeightTable {
  readonly file: string;
  /** One row per indicator, in file order. */
  readonly rows: readonly { indicator: string; weight: number; direction: 'positive' | 'negative' | null; line: number }[];
}

/**
 * Parses `indicator,weight[,direction]` text; see {@link readIndicatorWeights}.
 */
export function parseIndicatorWeights(text: string, file: string): IndicatorWeightTable {
  const parsed = parseCsvText(text);
  const header = parsed[0];
  if (header === undefined) throw new AnalysisCsvError('EMPTY_FILE', file, 1, 1, '', 'the file is empty: a header row indicator,weight[,direction] is required');
  const lower = header.fields.map((f) => f.trim().toLowerCase());
  const known = ['indicator', 'weight', 'direction'];
  const unknown = lower.findIndex((n) => !known.includes(n));
  if (unknown >= 0) throw new AnalysisCsvError('UNKNOWN_COLUMN', file, header.line, unknown + 1, header.fields[unknown]!.trim(), `unknown column "${header.fields[unknown]!.trim()}" (expected indicator,weight[,direction])`);
  for (const name of ['indicator', 'weight']) {
    if (!lower.includes(name)) throw new AnalysisCsvError('MISSING_COLUMN', file, header.line, 1, name, `missing column "${name}" in the header (expected indicator,weight[,direction])`);
  }
  const at = (name: string): number => lower.indexOf(name);
  const rows: { indicator: string; weight: number; direction: 'positive' | 'negative' | null; line: number }[] = [];
  const seen = new Map<string, number>();
  for (const row of parsed.slice(1)) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    const indicator = (row.fields[at('indicator')] ?? '').trim();
    if (indicator === '') throw new AnalysisCsvError('EMPTY_KEY', file, row.line, at('indicator') + 1, 'indicator', 'empty indicator');
    const earlier = seen.get(indicator);
    if (earlier !== undefined) throw new AnalysisCsvError('REPEATED_KEY', file, row.line, at('indicator') + 1, 'indicator', `repeated indicator "${indicator}" (first on line ${earlier})`);
    seen.set(indicator, row.line);
    const raw = (row.fields[at('weight')] ?? '').trim();
    const weight = valueOf(raw, file, row.line, at('weight') + 1, 'weight');
    if (Number.isNaN(weight)) throw new AnalysisCsvError('NOT_NUMERIC', file, row.line, at('weight') + 1, 'weight', 'empty weight');
    if (weight < 0) throw new AnalysisCsvError('NEGATIVE_VALUE', file, row.line, at('weight') + 1, 'weight', `weight ${raw} is negative`);
    let direction: 'positive' | 'negative' | null = null;
    if (at('direction') >= 0) {
      const d = (row.fields[at('direction')] ?? '').trim();
      if (d !== '') {
        const parsedDirection = parseDirection(d);
        if (parsedDirection === undefined) throw new AnalysisCsvError('INVALID_VALUE', file, row.line, at('direction') + 1, 'direction', `direction "${d}" is not positive, negative, 1 or -1`);
        direction = parsedDirection;
      }
    }
    rows.push({ indicator, weight, direction, line: row.line });
  }
  return { file, rows };
}

/** `positive`/`1`/`+1` or `negative`/`-1` (any case); undefined for anything else. */
export function parseDirection(text: string): 'positive' | 'negative' | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'positive' || t === '1' || t === '+1') return 'positive';
  if (t === 'negative' || t === '-1') return 'negative';
  return undefined;
}

/**
 * Reads the weights (and optionally directions) of a composite index's indicators: a CSV file
 * `indicator,weight[,direction]`, direction positive/negative/1/-1 (empty: as given elsewhere, default
 * positive). Throws AnalysisCsvError naming file, line and column for an unknown column, a repeated indicator,
 * a non-numeric, empty or negative weight or an invalid direction. Indicators absent from the data are checked
 * by the caller, who knows the data.
 */
export async function readIndicatorWeights(file: string): Promise<IndicatorWeightTable> {
  return parseIndicatorWeights(await readFile(file, 'utf8'), file);
}
