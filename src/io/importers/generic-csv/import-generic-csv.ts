import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { IndustryResolver, RegionResolver } from '../../store/reference-catalog.js';
import type { IndustryRecord, ObservationMeasure, ObservationRecord, ObservationStatus, RegionRecord, Store } from '../../store/store.js';
import { StreamingImport } from '../../store/streaming-import.js';
import { decodeLine, japanTextEncoding, readByteLines, UNDECODABLE } from '../estat-japan/read-lines.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';
import { ColumnMappingError, parseMeasure } from './column-mapping.js';
import type { ColumnMapping, ColumnRole } from './column-mapping.js';

export interface ImportGenericCsvOptions {
  /** Which column holds what (region, industry, year, value required; measure, status, flag, lower, upper optional). */
  columns: ColumnMapping;
  /** Industry classification of the codes, e.g. "NAICS2007", "NACE2", "JSIC13" (shipped or already in the store). */
  classification: string;
  /** Measure of every row when no measure column is mapped (default employment). */
  measure?: ObservationMeasure;
  /** ISO country code that narrows short region codes ("WA", "53", "01"). */
  country?: string;
  /** Dataset id (default: the file name without extension, lower case). */
  datasetId?: string;
  title?: string;
  /** Where the data came from, as the dataset records it (default: the file's absolute path; uploads name the upload). */
  origin?: string;
  source?: string;
  licence?: string;
  /** "utf-8" (default) or "shift_jis". */
  encoding?: string;
  /** Field delimiter (default: detected from the header among , ; and tab). */
  delimiter?: string;
  replace?: boolean;
  dryRun?: boolean;
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportGenericCsvResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/** Values that mean "not published" (a suppression or missing-data marker), compared case-sensitively after trimming. */
export const SUPPRESSION_MARKERS: ReadonlySet<string> = new Set(['', '(D)', 'D', '(S)', 'S', '(X)', 'X', 'x', 'c', 'C', ':', '..', '...', '-', '–', '—', '*', '**', '***', 'NA', 'N/A', 'n/a', '(NA)', 'N', 'null', 'NULL', 'NaN']);

const STATUSES: readonly ObservationStatus[] = ['reported', 'estimated', 'suppressed', 'not-available'];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Lines between progress calls. */
const PROGRESS_LINES = 8192;

/**
 * Imports a user's long CSV (one value per line: region, industry, year, value, optionally measure, status,
 * flag and range) through a column mapping, streaming and all-or-nothing: lines are validated as they are
 * read and appended to one store transaction; the first error stops the writing (the transaction is rolled
 * back at the end, nothing is written) while reading goes on so that the report lists every error with its
 * file, line and field. Refused: unknown region or industry codes (regions resolve by id or unambiguous short
 * form, narrowed by `country`), a custom region (its values are the sums of its members), duplicate keys
 * (region, industry, year, measure), negative or non-numeric values, suppression markers without a status
 * column that says suppressed or not-available, years that are not four digits, a line cut short.
 * Regions and industries met that the store does not hold yet (from the shipped reference) are added with
 * their ancestors. See docs/data/generic-csv.md.
 *
 * @example await importGenericCsv(store, 'jobs.csv', { columns: { region: 'geo', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS2007', country: 'US' })
 */
export async function importGenericCsv(store: Store, path: string, options: ImportGenericCsvOptions): Promise<ImportGenericCsvResult> {
  const encoding = japanTextEncoding(options.encoding ?? 'utf-8');
  const dataDir = shippedDataDir();
  const regionResolver = await RegionResolver.forStore(store, dataDir);
  const customIds = new Set((await store.listCustomRegions()).map((r) => r.id));
  const industryResolver = await IndustryResolver.forStore(store, options.classification, dataDir);
  if (industryResolver.size === 0) {
    throw new ColumnMappingError(`classification ${options.classification} is unknown: use one ClusterLens ships (NAICS2007, NACE2, JSIC13, JSIC14) or one already in the store`);
  }
  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase();
  const issues = new IssueCollector(path, 'generic-csv');
  const report = issues.report;
  const bytesTotal = statSync(path).size;
  const fixedMeasure = options.measure ?? 'employment';

  let rowCount = 0;
  const newRegions = new Map<string, RegionRecord>();
  const newIndustries = new Map<string, IndustryRecord>();
  const seen = new Map<string, number>();
  const summary: Record<string, number> = {};
  const writer = new StreamingImport(
    store,
    () => ({
      id: datasetId,
      title: options.title ?? `${basename(path)} (generic CSV, ${options.classification})`,
      source: options.source ?? `user file ${basename(path)}`,
      licence: options.licence ?? 'as stated by the data provider',
      classification: options.classification,
      origin: options.origin ?? resolve(path),
    }),
    { replace: options.replace, dryRun: options.dryRun },
  );

  let header: string[] | null = null;
  let index: Partial<Record<ColumnRole, number>> = {};
  let delimiter = options.delimiter ?? ',';
  let lastLine = 0;
  let lastBytes = 0;
  try {
    for await (const { line, bytes, terminated, bytesRead } of readByteLines(path)) {
      lastLine = line;
      lastBytes = bytesRead;
      if (line % PROGRESS_LINES === 0) options.onProgress?.(line, bytesRead, bytesTotal);
      // after the first error nothing more is written (the file is refused); reading goes on for the report
      if (report.errorCount > 0) writer.refuse();
      let text = decodeLine(bytes, encoding, terminated);
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (UNDECODABLE.test(text)) {
        issues.error({ line, field: '(line)', code: 'ENCODING', message: `line is not valid ${encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS'} text (pass --encoding)` });
        continue;
      }
      if (text.trim() === '') continue;
      if (header === null) {
        if (options.delimiter === undefined) delimiter = detectDelimiter(text);
        header = (splitCsvLine(text, delimiter) ?? text.split(delimiter)).map((h) => h.trim());
        index = headerIndex(header, options.columns, issues);
        if (options.measure !== undefined && options.columns.measure !== undefined) {
          issues.error({ line: 1, field: options.columns.measure, code: 'INCONSISTENT', message: 'give either a measure column or a fixed measure, not both' });
        }
        if (report.errorCount > 0) break;
        continue;
      }
      const fields = splitCsvLine(text, delimiter);
      if (fields === null || fields.length !== header.length) {
        const cut = !terminated;
        issues.error({
          line,
          field: '(line)',
          code: cut ? 'TRUNCATED' : 'FIELD_COUNT',
          message: cut
            ? 'the last line ends without a line break and is incomplete: the file was cut'
            : fields === null
              ? 'a quoted field is not closed on this line'
              : `${fields.length} fields where the header has ${header.length}`,
        });
        continue;
      }
      report.rowsRead++;
      const observation = parseRow(fields, line, index, options, fixedMeasure, issues, regionResolver, customIds, industryResolver, datasetId);
      if (observation === null) continue;
      const key = `${observation.regionId}\u0000${observation.industryCode}\u0000${observation.year}\u0000${observation.measure}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.error({
          line,
          field: options.columns.region,
          code: 'DUPLICATE',
          message: `a second value for ${observation.regionId} ${observation.industryCode} ${observation.year} ${observation.measure} (first on line ${first})`,
        });
        continue;
      }
      seen.set(key, line);
      summary[`${observation.measure}.${observation.status}`] = (summary[`${observation.measure}.${observation.status}`] ?? 0) + 1;
      rowCount++;
      for (const r of regionResolver.lineage(regionResolver.get(observation.regionId)!)) if (!regionResolver.isStored(r.id)) newRegions.set(r.id, r);
      for (const i of industryResolver.lineage(industryResolver.resolve(observation.industryCode)!)) if (!industryResolver.isStored(i.code)) newIndustries.set(i.code, i);
      await writer.push(observation);
    }
    options.onProgress?.(lastLine, lastBytes, bytesTotal);
    if (header === null) issues.error({ line: 1, field: '(file)', code: 'NO_DATA', message: 'the file is empty (a header line naming the columns is required)' });
    else if (report.errorCount === 0 && rowCount === 0) issues.error({ line: lastLine, field: '(file)', code: 'NO_DATA', message: 'no data lines after the header' });
  } catch (error) {
    await writer.abort();
    throw error;
  }
  if (report.errorCount > 0) {
    await writer.abort();
    throw new ImportValidationError(report);
  }
  Object.assign(report.summary, summary);
  await writer.finish(
    [...newRegions.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    [...newIndustries.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
  );
  return { datasetId, rowCount, report, written: !options.dryRun };
}

/** The delimiter of a header line: tab or semicolon when the line has one and no comma, else comma. */
function detectDelimiter(header: string): string {
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

/** Field index of each mapped column (header names matched case-insensitively); MISSING_COLUMN for the others. */
function headerIndex(header: readonly string[], columns: ColumnMapping, issues: IssueCollector): Partial<Record<ColumnRole, number>> {
  const index: Partial<Record<ColumnRole, number>> = {};
  const lower = header.map((h) => h.toLowerCase());
  for (const [role, column] of Object.entries(columns) as [ColumnRole, string | undefined][]) {
    if (column === undefined) continue;
    const k = lower.indexOf(column.toLowerCase());
    if (k < 0) {
      issues.error({ line: 1, field: column, code: 'MISSING_COLUMN', message: `no column "${column}" (mapped as ${role}); the header has ${header.map((h) => JSON.stringify(h)).join(', ')}`, value: column });
    } else index[role] = k;
  }
  return index;
}

/** A number field: null when empty or a suppression marker, NaN when not a number. */
function parseNumber(text: string): number | null {
  const t = text.trim();
  if (SUPPRESSION_MARKERS.has(t)) return null;
  return NUMBER.test(t) ? Number(t) : NaN;
}

/** One data line as an observation, or null after reporting its errors. */
function parseRow(
  fields: readonly string[],
  line: number,
  index: Partial<Record<ColumnRole, number>>,
  options: ImportGenericCsvOptions,
  fixedMeasure: ObservationMeasure,
  issues: IssueCollector,
  regions: RegionResolver,
  customIds: ReadonlySet<string>,
  industries: IndustryResolver,
  datasetId: string,
): ObservationRecord | null {
  const columns = options.columns;
  const field = (role: ColumnRole): string | undefined => (index[role] === undefined ? undefined : fields[index[role]]!.trim());
  const before = issues.report.errorCount;

  const regionText = field('region')!;
  const region = regions.resolve(regionText, options.country);
  let regionId = '';
  if ('reason' in region) {
    issues.error({
      line,
      field: columns.region,
      code: 'UNKNOWN_REGION',
      message:
        region.reason === 'ambiguous'
          ? `region "${regionText}" is ambiguous (${region.candidates.join(', ')}): use an id${options.country === undefined ? ' or pass --country' : ''}`
          : `unknown region "${regionText}"${options.country === undefined ? ' (use an id such as US-53, DE21, JP-01, or pass --country for short codes)' : ` in ${options.country}`}`,
      value: regionText,
    });
  } else if (customIds.has(region.id)) {
    issues.error({ line, field: columns.region, code: 'UNKNOWN_REGION', message: `${region.id} is a custom region: its values are the sums of its members, import the members`, value: regionText });
  } else regionId = region.id;

  const industryText = field('industry')!;
  const industry = industries.resolve(industryText);
  if (industry === undefined) {
    issues.error({ line, field: columns.industry, code: 'UNKNOWN_CODE', message: `unknown ${industries.classification} industry code "${industryText}"`, value: industryText });
  }

  const yearText = field('year')!;
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (Number.isNaN(year)) issues.error({ line, field: columns.year, code: 'BAD_YEAR', message: `year must have four digits, not "${yearText}"`, value: yearText });

  let measure: ObservationMeasure = fixedMeasure;
  const measureText = field('measure');
  if (measureText !== undefined) {
    try {
      measure = parseMeasure(measureText);
    } catch (error) {
      issues.error({ line, field: columns.measure!, code: 'UNKNOWN_CODE', message: (error as Error).message, value: measureText });
    }
  }

  let status: ObservationStatus = 'reported';
  const statusText = field('status');
  if (statusText !== undefined && statusText !== '') {
    const s = STATUSES.find((x) => x === statusText.toLowerCase());
    if (s === undefined) issues.error({ line, field: columns.status!, code: 'BAD_FLAG', message: `status must be one of ${STATUSES.join(', ')} (or empty for reported), not "${statusText}"`, value: statusText });
    else status = s;
  }

  const valueText = field('value')!;
  const value = parseNumber(valueText);
  const unpublished = status === 'suppressed' || status === 'not-available';
  if (value === null) {
    if (!unpublished) {
      issues.error({
        line,
        field: columns.value,
        code: 'BAD_FLAG',
        message: `${valueText === '' ? 'empty value' : `suppression marker "${valueText}"`} in a ${status} row: map a status column (status=<column>) that says suppressed or not-available, or remove the line`,
        value: valueText,
      });
    }
  } else if (Number.isNaN(value) || !Number.isFinite(value)) {
    issues.error({ line, field: columns.value, code: 'NOT_A_NUMBER', message: `"${valueText}" is not a number (digits with an optional decimal point, no thousands separators)`, value: valueText });
  } else if (value < 0) {
    issues.error({ line, field: columns.value, code: 'NEGATIVE', message: `negative value ${valueText}`, value: valueText });
  } else if (unpublished) {
    issues.error({ line, field: columns.value, code: 'INCONSISTENT', message: `a value (${valueText}) in a ${status} row (leave it empty)`, value: valueText });
  }

  const bound = (role: 'lower' | 'upper'): number | null => {
    const text = field(role);
    if (text === undefined) return null;
    const v = parseNumber(text);
    if (v === null) return null;
    if (Number.isNaN(v) || !Number.isFinite(v) || v < 0) {
      issues.error({ line, field: columns[role]!, code: v < 0 ? 'NEGATIVE' : 'NOT_A_NUMBER', message: `${role} bound "${text}" is not a number ≥ 0`, value: text });
      return null;
    }
    return v;
  };
  const lower = bound('lower');
  const upper = bound('upper');
  if (lower !== null && upper !== null && lower > upper) {
    issues.error({ line, field: columns.upper!, code: 'INCONSISTENT', message: `lower bound ${lower} is above upper bound ${upper}` });
  }
  const flagText = field('flag');

  if (issues.report.errorCount > before || industry === undefined) return null;
  return {
    datasetId,
    regionId,
    classification: industries.classification,
    industryCode: industry.code,
    level: industry.level,
    year,
    measure,
    value,
    status,
    lower,
    upper,
    flag: flagText === undefined || flagText === '' ? null : flagText,
    method: status === 'estimated' ? 'estimated by the data provider' : null,
  };
}
