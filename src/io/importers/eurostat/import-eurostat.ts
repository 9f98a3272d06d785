import { basename, resolve } from 'node:path';
import { NACE2, NACE2_A10_INDUSTRIES, naceIndustry } from '../../classifications/nace.js';
import { loadNutsRegions } from '../../classifications/nuts-regions.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import type { DatasetImport, ObservationRecord, RegionRecord, Store } from '../../store/store.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';
import { readEurostatTsv } from './read-eurostat-tsv.js';

/**
 * Default selection of the dimensions other than geo and nace_r2: thousands of persons, both sexes, age 15
 * or over (the LFS "total"; lfst_r_lfe2en2 has no sex dimension and no Y15-74 group). Entries for
 * dimensions a file does not have are ignored.
 */
export const EUROSTAT_DEFAULT_SELECTION: Readonly<Record<string, string>> = Object.freeze({ unit: 'THS', sex: 'T', age: 'Y_GE15' });

/** The industry dimension of the Eurostat tables this importer reads. */
export const EUROSTAT_INDUSTRY_DIMENSION = 'nace_r2';

/** Power of ten that turns each supported Eurostat unit into persons. */
const UNIT_SCALE: Readonly<Record<string, number>> = Object.freeze({ THS: 3, THS_PER: 3, NR: 0, PER: 0 });

/** Method recorded on values Eurostat flags as estimates (e, s). */
export const EUROSTAT_ESTIMATE_METHOD = 'published estimate (Eurostat flag e or s)';

export interface ImportEurostatOptions {
  /** Dataset id (default: the file name without extension, lower case, e.g. "lfst_r_lfe2en2"). */
  datasetId?: string;
  title?: string;
  /** Where the data came from, as the dataset records it (default: the file's absolute path; uploads name the upload). */
  origin?: string;
  /** Codes to keep for the dimensions other than geo and nace_r2, merged over EUROSTAT_DEFAULT_SELECTION. */
  select?: Readonly<Record<string, string>>;
  /** Replace an already imported dataset with the same id. */
  replace?: boolean;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** Progress callback (lines read, bytes read, bytes total). */
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportEurostatResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/**
 * Imports a Eurostat TSV bulk file of employment by NUTS region × NACE Rev. 2 (A*10) × year, such as
 * lfst_r_lfe2en2 (LFS employment, thousands of persons), into a store: read and validate everything, then
 * write in one transaction. Employment is stored in persons (a published 40210.9 thousand becomes
 * 40,210,900, rescaled on the decimal digits, so exactly). One series is kept per region and industry:
 * the selection (default unit THS, sex T, age Y_GE15) must fix every other dimension. Country groups
 * (EU28, EA19, …) are skipped. Flags are kept as published; `:` is stored with value null as
 * "not-available", or "suppressed" when flagged c. Any error refuses the whole file
 * (ImportValidationError with the report naming file, line and field); nothing is written.
 * See docs/data/eurostat.md.
 *
 * @example await importEurostat(store, 'data/eu-lfs-nuts2-nace/lfst_r_lfe2en2.tsv') // { datasetId: 'lfst_r_lfe2en2', … }
 */
export async function importEurostat(store: Store, path: string, options: ImportEurostatOptions = {}): Promise<ImportEurostatResult> {
  const allRegions = loadNutsRegions(shippedDataDir());
  const regionById = new Map(allRegions.map((r) => [r.id, r]));
  const select = { ...EUROSTAT_DEFAULT_SELECTION, ...options.select };
  const read = await readEurostatTsv(path, {
    knownRegions: new Set(regionById.keys()),
    knownCodes: { [EUROSTAT_INDUSTRY_DIMENSION]: new Set(NACE2_A10_INDUSTRIES.map((i) => i.code)) },
    select,
    onProgress: options.onProgress,
  });
  if (read.report.errorCount > 0) throw new ImportValidationError(read.report);
  const issues = new IssueCollector(path, 'eurostat-tsv');
  Object.assign(issues.report, { rowsRead: read.report.rowsRead });
  const firstColumn = `${read.dimensions.join(',')}\\time`;
  if (!read.dimensions.includes(EUROSTAT_INDUSTRY_DIMENSION)) {
    issues.error({ line: 1, field: firstColumn, code: 'MISSING_COLUMN', message: `no ${EUROSTAT_INDUSTRY_DIMENSION} dimension: this importer reads employment by NACE Rev. 2 activity` });
  }
  for (const dimension of read.dimensions) {
    if (dimension === 'geo' || dimension === EUROSTAT_INDUSTRY_DIMENSION || select[dimension] !== undefined) continue;
    issues.error({ line: 1, field: dimension, code: 'INCONSISTENT', message: `dimension ${dimension} has several codes and none is selected: pass select: { ${dimension}: … }` });
  }
  const unit = read.dimensions.includes('unit') ? select['unit'] : undefined;
  const scale = unit === undefined ? 0 : UNIT_SCALE[unit];
  if (unit !== undefined && scale === undefined) {
    issues.error({ line: 1, field: 'unit', code: 'INCONSISTENT', message: `unit ${unit} is not a count of persons (supported: ${Object.keys(UNIT_SCALE).join(', ')})`, value: unit });
  }
  if (issues.report.errorCount === 0 && read.rows.length === 0) {
    const wanted = read.dimensions.filter((d) => select[d] !== undefined).map((d) => `${d}=${select[d]}`);
    issues.error({ line: 1, field: firstColumn, code: 'NO_DATA', message: `no series with ${wanted.join(', ') || 'a known region'}` });
  }
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);

  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase();
  const table = basename(path).replace(/\.[^.]+$/, '');
  const observations: ObservationRecord[] = [];
  const summary: Record<string, number> = {};
  const used = new Set<string>();
  for (const row of read.rows) {
    const industry = naceIndustry(row.dimensions[EUROSTAT_INDUSTRY_DIMENSION]!)!;
    used.add(row.geo);
    for (const c of row.cells) {
      observations.push({
        datasetId,
        regionId: row.geo,
        classification: NACE2,
        industryCode: industry.code,
        level: industry.level,
        year: c.period,
        measure: 'employment',
        value: c.digits === null ? null : scaleDecimal(c.digits, scale ?? 0),
        status: c.status,
        lower: null,
        upper: null,
        flag: c.flag,
        method: c.status === 'estimated' ? EUROSTAT_ESTIMATE_METHOD : null,
      });
      summary[`employment.${c.status}`] = (summary[`employment.${c.status}`] ?? 0) + 1;
    }
  }
  summary['series.skipped-aggregate'] = read.skipped.aggregate;
  summary['series.skipped-unselected'] = read.skipped.unselected;
  Object.assign(issues.report.summary, summary);
  const regions: RegionRecord[] = [];
  const added = new Set<string>();
  for (const id of used) {
    for (let r = regionById.get(id); r !== undefined && !added.has(r.id); r = r.parentId === null ? undefined : regionById.get(r.parentId)) {
      added.add(r.id);
      regions.push(r);
    }
  }
  regions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const selection = read.dimensions.filter((d) => d !== 'geo' && d !== EUROSTAT_INDUSTRY_DIMENSION).map((d) => `${d}=${select[d]}`);
  const data: DatasetImport = {
    dataset: {
      id: datasetId,
      title:
        options.title ??
        `Employment in persons (Eurostat publishes ${unit === undefined || scale === 0 ? 'persons' : 'thousands'}) by NUTS region and NACE Rev. 2 A*10, Eurostat ${table} (${selection.join(', ')})`,
      source: `Eurostat, ${table}`,
      licence: '© European Union, re-use under Commission Decision 2011/833/EU (CC BY 4.0-compatible), credit Eurostat',
      classification: NACE2,
      importedAt: new Date().toISOString(),
      rowCount: observations.length,
      origin: options.origin ?? resolve(path),
    },
    regions,
    industries: NACE2_A10_INDUSTRIES,
    observations,
  };
  if (!options.dryRun) await store.importDataset(data, { replace: options.replace });
  return { datasetId, rowCount: observations.length, report: issues.report, written: !options.dryRun };
}

/** The decimal number `digits` ("40210.9") times 10^power, exactly (40210900): the point moves in the text. */
export function scaleDecimal(digits: string, power: number): number {
  if (power === 0) return Number(digits);
  const dot = digits.indexOf('.');
  const whole = dot < 0 ? digits : digits.slice(0, dot);
  const fraction = dot < 0 ? '' : digits.slice(dot + 1);
  const padded = fraction.padEnd(power, '0');
  return Number(`${whole}${padded.slice(0, power)}.${padded.slice(power) || '0'}`);
}
