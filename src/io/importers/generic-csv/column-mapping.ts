import { readFileSync } from 'node:fs';
import type { ObservationMeasure } from '../../store/store.js';

/** The roles a column can play in a generic long CSV; region, industry, year and value are required. */
export const COLUMN_ROLES = Object.freeze(['region', 'industry', 'year', 'value', 'measure', 'status', 'flag', 'lower', 'upper'] as const);
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** Column names (as in the header, matched case-insensitively) by role. */
export type ColumnMapping = { region: string; industry: string; year: string; value: string } & Partial<Record<ColumnRole, string>>;

/** Everything a generic CSV import needs besides the file, as a mapping file holds it (see docs/data/generic-csv.md). */
export interface GenericCsvMapping {
  columns: ColumnMapping;
  /** Measure of every row when no measure column is mapped (default employment). */
  measure?: ObservationMeasure;
  classification?: string;
  /** ISO country code that narrows short region codes ("53" → US-53 with US). */
  country?: string;
  datasetId?: string;
  title?: string;
  source?: string;
  licence?: string;
}

/** A mapping that cannot be used; the message names the part at fault. */
export class ColumnMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnMappingError';
  }
}

const MEASURES: readonly ObservationMeasure[] = ['employment', 'establishments', 'payroll'];

/** Parses an ObservationMeasure, refusing anything else with the accepted names. */
export function parseMeasure(text: string, what = 'measure'): ObservationMeasure {
  const m = MEASURES.find((x) => x === text.trim().toLowerCase());
  if (m === undefined) throw new ColumnMappingError(`${what} must be one of ${MEASURES.join(', ')}, not "${text}"`);
  return m;
}

/**
 * Parses `region=geo,industry=naics,year=year,value=emp[,measure=col][,status=col]` into a ColumnMapping.
 * Column names may not contain "," or "="; use a mapping file (readMappingFile) for those.
 */
export function parseColumnMapping(text: string): ColumnMapping {
  const columns: Partial<Record<ColumnRole, string>> = {};
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw new ColumnMappingError(`--map entry "${part}" is not role=column`);
    const role = part.slice(0, eq).trim().toLowerCase();
    const column = part.slice(eq + 1).trim();
    if (!COLUMN_ROLES.includes(role as ColumnRole)) throw new ColumnMappingError(`--map role "${role}" is not one of ${COLUMN_ROLES.join(', ')}`);
    if (column === '') throw new ColumnMappingError(`--map ${role}= names no column`);
    if (columns[role as ColumnRole] !== undefined) throw new ColumnMappingError(`--map gives ${role} twice`);
    columns[role as ColumnRole] = column;
  }
  return checkColumns(columns, '--map');
}

function checkColumns(columns: Partial<Record<ColumnRole, string>>, where: string): ColumnMapping {
  const missing = (['region', 'industry', 'year', 'value'] as const).filter((r) => columns[r] === undefined);
  if (missing.length > 0) throw new ColumnMappingError(`${where} needs ${missing.map((r) => `${r}=<column>`).join(', ')}`);
  return columns as ColumnMapping;
}

/**
 * Reads a mapping file: JSON `{ "columns": { "region": "geo", … }, "measure": "employment",
 * "classification": "NAICS2007", "country": "US", "datasetId": …, "title": …, "source": …, "licence": … }`.
 */
export function readMappingFile(path: string): GenericCsvMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ColumnMappingError(`mapping file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ColumnMappingError(`mapping file ${path}: not a JSON object`);
  const o = json as Record<string, unknown>;
  const known = ['columns', 'measure', 'classification', 'country', 'datasetId', 'title', 'source', 'licence'];
  for (const key of Object.keys(o)) if (!known.includes(key)) throw new ColumnMappingError(`mapping file ${path}: unknown key "${key}" (known: ${known.join(', ')})`);
  const columnsJson = o.columns;
  if (typeof columnsJson !== 'object' || columnsJson === null || Array.isArray(columnsJson)) throw new ColumnMappingError(`mapping file ${path}: "columns" must be an object of role: column`);
  const columns: Partial<Record<ColumnRole, string>> = {};
  for (const [role, column] of Object.entries(columnsJson)) {
    if (!COLUMN_ROLES.includes(role as ColumnRole)) throw new ColumnMappingError(`mapping file ${path}: columns.${role} is not one of ${COLUMN_ROLES.join(', ')}`);
    if (typeof column !== 'string' || column.trim() === '') throw new ColumnMappingError(`mapping file ${path}: columns.${role} must name a column`);
    columns[role as ColumnRole] = column.trim();
  }
  const text = (key: string): string | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '') throw new ColumnMappingError(`mapping file ${path}: "${key}" must be a non-empty string`);
    return v.trim();
  };
  const measure = text('measure');
  return {
    columns: checkColumns(columns, `mapping file ${path}: columns`),
    measure: measure === undefined ? undefined : parseMeasure(measure, `mapping file ${path}: measure`),
    classification: text('classification'),
    country: text('country'),
    datasetId: text('datasetId'),
    title: text('title'),
    source: text('source'),
    licence: text('licence'),
  };
}
