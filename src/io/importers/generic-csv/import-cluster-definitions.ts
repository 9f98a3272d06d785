import { readFileSync } from 'node:fs';
import { US_BENCHMARK_SCHEME } from '../../classifications/benchmark-clusters.js';
import { splitCsvLine } from '../../csv/split-csv-line.js';
import { shippedDataDir } from '../../default-data/shipped-data-dir.js';
import { IndustryResolver } from '../../store/reference-catalog.js';
import type { ClusterDefinitionRecord, Store } from '../../store/store.js';
import { StoreError } from '../../store/store.js';
import { ImportValidationError, IssueCollector } from '../validation-report.js';
import type { ValidationReport } from '../validation-report.js';
import { recordClusterScheme } from '../../classifications/cluster-scheme-catalog.js';

export interface ImportClusterDefinitionsOptions {
  /** Name of the user's scheme, e.g. "my-clusters" (lower-case letters, digits, ".", "_", "-"). */
  scheme: string;
  /** Classification of the industry codes, e.g. "NAICS2007". */
  classification: string;
  /** Replace a scheme that already exists. */
  replace?: boolean;
  dryRun?: boolean;
}

export interface ImportClusterDefinitionsResult {
  scheme: string;
  rowCount: number;
  clusterCount: number;
  report: ValidationReport;
  written: boolean;
}

/** Scheme names a user may choose. */
export const SCHEME_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

const REQUIRED = ['industry_code', 'cluster_code', 'cluster_name'] as const;

/**
 * Imports a user-defined cluster definition — which industry codes of a classification make up which
 * cluster — from a CSV with the columns industry_code, cluster_code, cluster_name and optionally
 * cluster_type (traded, the default, or local), subcluster_code and subcluster_name. Every line is checked
 * (unknown industry code, an industry in two clusters, a cluster code with two names or types, a bad type;
 * file:line, field) before the scheme is written in one transaction (Store.importClusterDefinitions).
 * The shipped benchmark scheme cannot be overwritten; an existing scheme needs `replace`.
 * See docs/data/custom-regions.md.
 */
export async function importClusterDefinitions(store: Store, path: string, options: ImportClusterDefinitionsOptions): Promise<ImportClusterDefinitionsResult> {
  return importClusterDefinitionsText(store, readFileSync(path, 'utf8'), { ...options, file: path });
}

/**
 * The same import from CSV text already in memory (an HTTP upload, a form): the same checks and issues,
 * located by `file` (a name for the report, e.g. "upload.csv") and line. See {@link importClusterDefinitions}.
 */
export async function importClusterDefinitionsText(
  store: Store,
  text: string,
  options: ImportClusterDefinitionsOptions & { file: string },
): Promise<ImportClusterDefinitionsResult> {
  const { scheme, classification, file: path } = options;
  if (!SCHEME_NAME.test(scheme)) throw new StoreError('INVALID_INPUT', `scheme "${scheme}": use lower-case letters, digits, ".", "_" and "-"`);
  if (scheme === US_BENCHMARK_SCHEME) throw new StoreError('INVALID_INPUT', `scheme ${US_BENCHMARK_SCHEME} is the shipped benchmark definition; choose another name`);
  const industries = await IndustryResolver.forStore(store, classification, shippedDataDir());
  if (industries.size === 0) throw new StoreError('INVALID_INPUT', `classification ${classification} is unknown (shipped: NAICS2007, NACE2, JSIC13, JSIC14, or one in the database)`);
  const issues = new IssueCollector(path, 'cluster-definitions-csv');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (splitCsvLine(lines[0] ?? '') ?? []).map((h) => h.trim().toLowerCase());
  const at = (name: string): number => header.indexOf(name);
  for (const name of REQUIRED) if (at(name) < 0) issues.error({ line: 1, field: name, code: 'MISSING_COLUMN', message: `no ${name} column (columns: industry_code, cluster_code, cluster_name[, cluster_type, subcluster_code, subcluster_name])` });
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  const rows: ClusterDefinitionRecord[] = [];
  const industryLine = new Map<string, number>();
  const clusterSeen = new Map<string, { name: string; type: string; line: number }>();
  for (let k = 1; k < lines.length; k++) {
    const text = lines[k]!;
    const line = k + 1;
    if (text.trim() === '') continue;
    const fields = splitCsvLine(text);
    if (fields === null || fields.length !== header.length) {
      issues.error({ line, field: '(line)', code: 'FIELD_COUNT', message: `${fields?.length ?? 'unbalanced quotes:'} fields where the header has ${header.length}` });
      continue;
    }
    issues.report.rowsRead++;
    const get = (name: string): string => (at(name) < 0 ? '' : fields[at(name)]!.trim());
    const before = issues.report.errorCount;
    const industry = industries.resolve(get('industry_code'));
    if (industry === undefined) issues.error({ line, field: 'industry_code', code: 'UNKNOWN_CODE', message: `unknown ${classification} industry code "${get('industry_code')}"`, value: get('industry_code') });
    const clusterCode = get('cluster_code');
    const clusterName = get('cluster_name');
    if (clusterCode === '') issues.error({ line, field: 'cluster_code', code: 'INCONSISTENT', message: 'empty cluster code' });
    if (clusterName === '') issues.error({ line, field: 'cluster_name', code: 'INCONSISTENT', message: 'empty cluster name' });
    const type = get('cluster_type').toLowerCase() || 'traded';
    if (type !== 'traded' && type !== 'local') issues.error({ line, field: 'cluster_type', code: 'BAD_FLAG', message: `cluster type must be traded or local, not "${get('cluster_type')}"`, value: get('cluster_type') });
    const previous = clusterSeen.get(clusterCode);
    if (previous !== undefined && (previous.name !== clusterName || previous.type !== type)) {
      issues.error({ line, field: previous.name !== clusterName ? 'cluster_name' : 'cluster_type', code: 'INCONSISTENT', message: `cluster ${clusterCode} is "${previous.name}" (${previous.type}) on line ${previous.line}` });
    }
    if (industry !== undefined) {
      const first = industryLine.get(industry.code);
      if (first !== undefined) issues.error({ line, field: 'industry_code', code: 'DUPLICATE', message: `industry ${industry.code} is already assigned on line ${first} (one cluster per industry)` });
    }
    if (issues.report.errorCount > before || industry === undefined) continue;
    industryLine.set(industry.code, line);
    if (previous === undefined) clusterSeen.set(clusterCode, { name: clusterName, type, line });
    rows.push({
      scheme,
      classification,
      industryCode: industry.code,
      clusterCode,
      clusterName,
      clusterType: type as 'traded' | 'local',
      subclusterCode: get('subcluster_code') || null,
      subclusterName: get('subcluster_name') || null,
    });
  }
  if (issues.report.errorCount === 0 && rows.length === 0) issues.error({ line: lines.length, field: '(file)', code: 'NO_DATA', message: 'no definition lines after the header' });
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  if ((await store.clusterDefinitions(scheme)).length > 0 && options.replace !== true) {
    throw new StoreError('DATASET_EXISTS', `cluster scheme ${scheme} already exists (use replace to redefine it)`);
  }
  issues.report.summary = { industries: rows.length, clusters: clusterSeen.size };
  if (!options.dryRun) {
    await store.importClusterDefinitions(scheme, rows);
    await recordClusterScheme(store, scheme, classification);
  }
  return { scheme, rowCount: rows.length, clusterCount: clusterSeen.size, report: issues.report, written: !options.dryRun };
}
