import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { naicsAncestors, normaliseNaicsCode } from '../../classifications/naics-code.js';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { IndustryResolver, RegionResolver } from '../../store/reference-catalog.js';
import { StreamingImport } from '../../store/streaming-import.js';
import type { IndustryRecord, RegionRecord, Store } from '../../store/store.js';
import { decodeLine, readByteLines, UNDECODABLE } from '../estat-japan/read-lines.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';

export interface ImportQcewOptions {
  /** Dataset id (default: the file name without extension, lower case, other characters than a-z 0-9 . _ as dashes). */
  datasetId?: string;
  title?: string;
  /** Where the data came from, as the dataset records it (default: the file's absolute path; uploads name the upload). */
  origin?: string;
  /** QCEW ownership code to keep (default "5", private; "0" total covered, "1" federal, "2" state, "3" local government). */
  ownership?: string;
  /** NAICS levels to keep: 6 (default) for 6-digit industries, 2–5 for sectors to 5-digit, 0 for the all-industries total ("10"). */
  levels?: readonly number[];
  replace?: boolean;
  dryRun?: boolean;
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

export interface ImportQcewResult {
  datasetId: string;
  rowCount: number;
  report: ValidationReport;
  written: boolean;
}

/** Method recorded on nothing (QCEW values are never estimated here); the flag of a non-disclosed value. */
export const QCEW_NOT_DISCLOSED = 'N';

/** NAICS vintage QCEW uses for a year (BLS codes each year in the NAICS in force). */
export function qcewClassification(year: number): string | null {
  if (year < 2007) return null;
  if (year <= 2010) return 'NAICS2007';
  if (year <= 2016) return 'NAICS2012';
  if (year <= 2021) return 'NAICS2017';
  return 'NAICS2022';
}

const REQUIRED = ['area_fips', 'own_code', 'industry_code', 'agglvl_code', 'size_code', 'year', 'qtr', 'disclosure_code', 'annual_avg_emplvl', 'total_annual_wages'] as const;
const WHOLE = /^\d+$/;
const PROGRESS_LINES = 8192;

/**
 * Imports a BLS Quarterly Census of Employment and Wages (QCEW) annual-averages CSV — the "by area" files
 * (with the five title columns), the "singlefile" (without them) or an annual CSV data slice — into a store,
 * streaming and all-or-nothing (see docs/data/qcew.md). Columns are found by their header names. Kept: rows of
 * one ownership (default own_code 5, private), size_code 0, the NAICS levels asked for (default 6-digit),
 * for the nation (US000 → US), states (SS000 → US-SS) and counties (SSCCC → US-SSCCC). Skipped and counted:
 * MSAs and CSAs (C…, CS…), unknown-county codes (SS999), territories (Puerto Rico, Virgin Islands),
 * QCEW's own aggregates (domains and supersectors, codes 101…, 1011…). Each kept row gives employment
 * (annual_avg_emplvl), establishments (annual_avg_estabs) and payroll (total_annual_wages, stored in
 * $1,000 as CBP publishes payroll, shifted exactly). disclosure_code N: employment and payroll are stored as
 * suppressed (null, flag N), never as the zeros the file carries; establishment counts are published.
 * The classification follows the year (NAICS 2007 for 2007–2010, 2012 for 2011–2016, 2017 for 2017–2021,
 * 2022 after); one file, one vintage. Errors (file:line, field): unknown area, unknown NAICS 2007 code,
 * duplicate, negative or non-numeric value, unknown disclosure code, quarterly rows, cut lines.
 */
export async function importQcew(store: Store, path: string, options: ImportQcewOptions = {}): Promise<ImportQcewResult> {
  const ownership = options.ownership ?? '5';
  const levels = new Set(options.levels ?? [6]);
  const dataDir = shippedDataDir();
  const regions = await RegionResolver.forStore(store, dataDir);
  const naics2007 = await IndustryResolver.forStore(store, 'NAICS2007', dataDir);
  const datasetId = options.datasetId ?? basename(path).replace(/\.[^.]+$/, '').toLowerCase().replace(/[^a-z0-9._]+/g, '-').replace(/^-|-$/g, '');
  const issues = new IssueCollector(path, 'qcew-annual-csv');
  const report = issues.report;
  const bytesTotal = statSync(path).size;
  let classification: string | null = null;
  let firstVintageLine = 0;
  const newRegions = new Map<string, RegionRecord>();
  const industries = new Map<string, IndustryRecord>();
  const seen = new Map<string, number>();
  const summary: Record<string, number> = {};
  const count = (key: string): void => void (summary[key] = (summary[key] ?? 0) + 1);
  const writer = new StreamingImport(
    store,
    () => ({
      id: datasetId,
      title: options.title ?? `Quarterly Census of Employment and Wages, annual averages, ${OWNERSHIP[ownership] ?? `ownership ${ownership}`} (${basename(path)})`,
      source: 'U.S. Bureau of Labor Statistics, Quarterly Census of Employment and Wages',
      licence: 'Public domain (U.S. federal government work, 17 U.S.C. §105); credit BLS QCEW',
      classification: classification ?? 'NAICS2007',
      origin: options.origin ?? resolve(path),
    }),
    { replace: options.replace, dryRun: options.dryRun },
  );

  let header: string[] | null = null;
  const at: Record<string, number> = {};
  let lastLine = 0;
  let lastBytes = 0;
  try {
    for await (const { line, bytes, terminated, bytesRead } of readByteLines(path)) {
      lastLine = line;
      lastBytes = bytesRead;
      if (line % PROGRESS_LINES === 0) options.onProgress?.(line, bytesRead, bytesTotal);
      let text = decodeLine(bytes, 'utf-8', terminated);
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (UNDECODABLE.test(text)) {
        issues.error({ line, field: '(line)', code: 'ENCODING', message: 'line is not valid UTF-8 text' });
        continue;
      }
      if (text.trim() === '') continue;
      if (header === null) {
        header = (splitCsvLine(text) ?? text.split(',')).map((h) => h.trim().toLowerCase());
        header.forEach((h, k) => (at[h] ??= k));
        at.annual_avg_estabs ??= at.annual_avg_estabs_count ?? -1;
        for (const name of [...REQUIRED, 'annual_avg_estabs']) {
          if ((at[name] ?? -1) < 0) issues.error({ line: 1, field: name, code: 'MISSING_COLUMN', message: `no ${name} column: not a QCEW annual-averages CSV (quarterly files are not read)` });
        }
        if (report.errorCount > 0) break;
        continue;
      }
      const fields = splitCsvLine(text);
      if (fields === null || fields.length !== header.length) {
        issues.error({
          line,
          field: '(line)',
          code: terminated ? 'FIELD_COUNT' : 'TRUNCATED',
          message: terminated ? `${fields?.length ?? 'unbalanced quotes:'} fields where the header has ${header.length}` : 'the last line is incomplete: the file was cut',
        });
        continue;
      }
      report.rowsRead++;
      const get = (name: string): string => fields[at[name]!]!.trim();
      if (get('own_code') !== ownership) {
        count('rows.skipped-ownership');
        continue;
      }
      if (get('size_code') !== '0') {
        count('rows.skipped-size-class');
        continue;
      }
      const before = report.errorCount;
      if (get('qtr') !== 'A') issues.error({ line, field: 'qtr', code: 'INCONSISTENT', message: `quarter "${get('qtr')}": this importer reads annual averages (qtr A)`, value: get('qtr') });
      const yearText = get('year');
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
      const vintage = Number.isNaN(year) ? null : qcewClassification(year);
      if (vintage === null) {
        issues.error({ line, field: 'year', code: 'BAD_YEAR', message: Number.isNaN(year) ? `year "${yearText}" is not four digits` : `QCEW ${year} is coded in NAICS 2002 or SIC; this importer reads 2007 and later`, value: yearText });
      } else if (classification === null) {
        classification = vintage;
        firstVintageLine = line;
      } else if (vintage !== classification) {
        issues.error({ line, field: 'year', code: 'INCONSISTENT', message: `${year} is coded in ${vintage}, line ${firstVintageLine} in ${classification}: import one NAICS vintage per file`, value: yearText });
      }

      // industry: NAICS codes; QCEW's own aggregates (10 total, 101… domains, 1011… supersectors) apart
      const codeText = get('industry_code');
      let industry: IndustryRecord | undefined;
      if (codeText === '10') {
        if (!levels.has(0)) {
          count('rows.skipped-level');
          continue;
        }
        industry = { classification: classification ?? 'NAICS2007', code: 'TOTAL', name: 'Total, all industries', level: 0, parentCode: null };
      } else if (codeText.startsWith('10')) {
        count('rows.skipped-qcew-aggregate');
        continue;
      } else {
        const normalised = normaliseNaicsCode(codeText);
        if (normalised === null) {
          issues.error({ line, field: 'industry_code', code: 'UNKNOWN_CODE', message: `"${codeText}" is not a NAICS code`, value: codeText });
        } else {
          if (!levels.has(normalised.level)) {
            count('rows.skipped-level');
            continue;
          }
          if (classification === 'NAICS2007') {
            industry = naics2007.resolve(normalised.code);
            if (industry === undefined) issues.error({ line, field: 'industry_code', code: 'UNKNOWN_CODE', message: `unknown NAICS 2007 code "${codeText}"`, value: codeText });
          } else {
            const title = at.industry_title === undefined ? '' : get('industry_title').replace(/^NAICS\s+\S+\s+/, '');
            industry = { classification: classification ?? 'NAICS2007', code: normalised.code, name: title || `NAICS ${normalised.code}`, level: normalised.level, parentCode: null };
          }
        }
      }

      const area = get('area_fips');
      const region = qcewArea(area);
      if (region === 'skip-msa' || region === 'skip-unknown-county' || region === 'skip-territory') {
        if (report.errorCount === before) {
          count(`rows.${region}`);
          continue;
        }
      }
      let regionRecord: RegionRecord | undefined;
      if (typeof region === 'string' && !region.startsWith('skip-')) {
        regionRecord = regions.get(region);
        if (regionRecord === undefined) issues.error({ line, field: 'area_fips', code: 'UNKNOWN_REGION', message: `unknown county FIPS code "${area}"`, value: area });
      } else if (region === null) {
        issues.error({ line, field: 'area_fips', code: 'UNKNOWN_REGION', message: `"${area}" is not a QCEW area code (US000, state SS000, county SSCCC, MSA C…)`, value: area });
      }

      const disclosure = get('disclosure_code');
      if (disclosure !== '' && disclosure !== QCEW_NOT_DISCLOSED) {
        issues.error({ line, field: 'disclosure_code', code: 'BAD_FLAG', message: `disclosure code "${disclosure}" (blank or N expected)`, value: disclosure });
      }
      const number = (name: string): number => {
        const t = get(name);
        if (WHOLE.test(t)) return Number(t);
        issues.error({ line, field: name, code: t.startsWith('-') && WHOLE.test(t.slice(1)) ? 'NEGATIVE' : 'NOT_A_NUMBER', message: `"${t}" is not a whole number ≥ 0`, value: t });
        return NaN;
      };
      const establishments = number('annual_avg_estabs');
      const employment = number('annual_avg_emplvl');
      const wagesText = get('total_annual_wages');
      number('total_annual_wages');
      if (report.errorCount > before || industry === undefined || regionRecord === undefined || classification === null) {
        writer.refuse();
        continue;
      }
      const key = `${regionRecord.id}|${industry.code}|${year}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.error({ line, field: 'industry_code', code: 'DUPLICATE', message: `a second row for ${regionRecord.id} ${industry.code} ${year} (first on line ${first})` });
        writer.refuse();
        continue;
      }
      seen.set(key, line);
      for (const r of regions.lineage(regionRecord)) if (!regions.isStored(r.id)) newRegions.set(r.id, r);
      if (!industries.has(industry.code)) {
        if (classification === 'NAICS2007') for (const i of naics2007.lineage(industry)) if (!naics2007.isStored(i.code)) industries.set(i.code, i);
        industries.set(industry.code, industry);
      }
      const suppressed = disclosure === QCEW_NOT_DISCLOSED;
      const base = { datasetId, regionId: regionRecord.id, classification, industryCode: industry.code, level: industry.level, year, lower: null, upper: null, method: null };
      await writer.push({ ...base, measure: 'employment', value: suppressed ? null : employment, status: suppressed ? 'suppressed' : 'reported', flag: suppressed ? QCEW_NOT_DISCLOSED : null });
      await writer.push({ ...base, measure: 'establishments', value: establishments, status: 'reported', flag: null });
      await writer.push({ ...base, measure: 'payroll', value: suppressed ? null : thousands(wagesText), status: suppressed ? 'suppressed' : 'reported', flag: suppressed ? QCEW_NOT_DISCLOSED : null });
      count(suppressed ? 'rows.not-disclosed' : 'rows.disclosed');
    }
    options.onProgress?.(lastLine, lastBytes, bytesTotal);
    if (header === null) issues.error({ line: 1, field: '(file)', code: 'NO_DATA', message: 'the file is empty' });
    else if (report.errorCount === 0 && writer.count === 0) {
      issues.error({ line: lastLine, field: 'own_code', code: 'NO_DATA', message: `no rows of ownership ${ownership}, size class 0 and NAICS level ${[...levels].join('/')} in a US area` });
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  if (report.errorCount > 0) {
    await writer.abort();
    throw new ImportValidationError(report);
  }
  Object.assign(report.summary, summary);
  const industryList = [...industries.values()];
  if (classification !== 'NAICS2007') {
    // parents of a later vintage: the nearest ancestor code among those imported
    for (const i of industryList) i.parentCode = naicsAncestors(i.code).find((a) => industries.has(a)) ?? null;
  }
  await writer.finish([...newRegions.values()].sort((a, b) => (a.id < b.id ? -1 : 1)), industryList.sort((a, b) => (a.code < b.code ? -1 : 1)));
  return { datasetId, rowCount: writer.count, report, written: !options.dryRun };
}

const OWNERSHIP: Readonly<Record<string, string>> = { '0': 'total covered', '1': 'federal government', '2': 'state government', '3': 'local government', '5': 'private' };

/** The region id of a QCEW area code, a skip reason, or null for a code that is none of them. */
function qcewArea(area: string): string | 'skip-msa' | 'skip-unknown-county' | 'skip-territory' | null {
  if (area === 'US000') return 'US';
  if (/^(C\d{4}|CS\d{3}|US(CMS|MSA|NMS))$/.test(area)) return 'skip-msa';
  if (!/^\d{5}$/.test(area)) return null;
  const state = area.slice(0, 2);
  if (state === '72' || state === '78') return 'skip-territory';
  if (area.endsWith('999')) return 'skip-unknown-county';
  if (area.endsWith('000')) return `US-${state}`;
  return `US-${area}`;
}

/** A whole number of dollars as thousands, exactly ("123456789" → 123456.789). */
function thousands(digits: string): number {
  const d = digits.replace(/^0+(?=\d)/, '');
  if (d.length <= 3) return Number(`0.${d.padStart(3, '0')}`);
  return Number(`${d.slice(0, -3)}.${d.slice(-3)}`);
}
