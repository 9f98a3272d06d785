import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { ImportValidationError } from '../../io/importers/validation-report.js';
import type { ValidationIssue, ValidationReport } from '../../io/importers/validation-report.js';
import { listAudit } from '../../io/registry/audit-log.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { AuditActor } from '../../io/registry/audit-log.js';
import type { SqlClient } from '../../io/registry/sql-client.js';
import { StoreError } from '../../io/store/store.js';
import type { DatasetRecord, ObservationColumns, ObservationRecord, Store } from '../../io/store/store.js';
import { CatalogService } from '../catalog-service.js';
import type { DatasetSummary } from '../catalog-service.js';
import { ServiceError } from '../service-error.js';
import { ImportRefusedError } from './import-refused-error.js';
import { runImporter } from './run-importer.js';
import type { ImportKind, ImportOptions } from './run-importer.js';

/** A store that can also run a write (an importer's transaction): ReopenableStore. */
export interface WritableStore extends Store {
  write<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}

/** Default largest upload: 200 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** An uploaded file: its bytes and the name it had on the client (CBP Census files take the year from it). */
export interface UploadedFile {
  body: Buffer;
  /** File name without folders, e.g. "cbp11co.txt" (default "upload.csv"). */
  name?: string;
}

/** The validation report of an upload: what an import would write, or why it is refused. */
export interface ImportReport {
  kind: ImportKind;
  datasetId: string;
  /** The uploaded file's name (issues name it too). */
  file: string;
  bytes: number;
  layout: string;
  /** true when the file would be imported; false with errors. */
  valid: boolean;
  /** A dataset with this id is already in the store (commit then needs replace=true). */
  datasetExists: boolean;
  rowsRead: number;
  /** Observations (region × industry × year × measure values) the import writes. */
  observations: number;
  regions: { count: number; byType: Record<string, number> };
  industries: { classification: string | null; count: number };
  years: number[];
  measures: string[];
  /** Observations by status: reported, estimated, suppressed, not-available. */
  statuses: Record<string, number>;
  errorCount: number;
  warningCount: number;
  /** The first errors (file, line, field, code, message), in file order. */
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** The importer's own counts (e.g. estimated cells). */
  summary: Record<string, number>;
}

/** What a committed import answers. */
export interface ImportCommitResult {
  dataset: DatasetSummary;
  /** An existing dataset of the same id was replaced. */
  replaced: boolean;
  /** Id of the audit-log entry recording the import. */
  auditId: number;
  report: ImportReport;
}

/** One import made through the API, from the audit log. */
export interface ImportLogEntry {
  auditId: number;
  at: string;
  userId: string | null;
  userName: string;
  datasetId: string;
  kind: string | null;
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  rowCount: number | null;
  replaced: boolean;
}

/** Options of the ImportService: the upload limit and what to do after an import. */
export interface ImportServiceOptions {
  /** Largest upload in bytes (default DEFAULT_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  /** Called after every committed import: forget cached mappings (ClusterService.invalidate(), …). */
  onImported?: () => void;
}

/**
 * Imports over the HTTP API: `validate` is a dry run into a fresh in-memory DuckDB store (the real store is
 * only read, for the regions and industries it knows and whether the dataset exists) and returns the
 * validation report; `commit` runs the same importer on the real store through `write` (all-or-nothing),
 * then invalidates the caches and records the import in the registry's audit log (action `import`, entity
 * `dataset`). Uploads are written to a temp file, deleted afterwards. See docs/data/api-imports.md.
 */
export class ImportService {
  readonly store: WritableStore;
  readonly registry: SqlClient;
  readonly maxUploadBytes: number;
  private readonly onImported: () => void;
  /** The audit log (its table is created before an import, so that the import's entry can be written). */
  private readonly audit: AuditTrail;

  constructor(store: WritableStore, registry: SqlClient, options: ImportServiceOptions = {}) {
    this.store = store;
    this.registry = registry;
    this.audit = new AuditTrail(registry);
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.onImported = options.onImported ?? (() => {});
  }

  /** The dry run: the report of what importing `file` would do; `valid: false` with the errors when refused. */
  async validate(kind: ImportKind, file: UploadedFile, options: ImportOptions = {}): Promise<ImportReport> {
    return this.withTempFile(file, async (path, name) => {
      const memory = await DuckDbStore.open(':memory:');
      try {
        const existing = await this.store.listDatasets();
        const shadow = shadowStore(memory, this.store);
        let result;
        try {
          result = await runImporter(kind, shadow, path, { ...options, replace: false });
        } catch (error) {
          if (error instanceof ImportValidationError) return refusedReport(kind, file, name, path, options, error.report, existing);
          if (error instanceof StoreError && error.code !== 'STORE_LOCKED') return storeRefusal(kind, file, name, path, options, error, existing);
          throw error;
        }
        const counts = await countImport(memory, shadow, result.datasetId);
        return {
          ...baseReport(kind, file, name, path, result.report, existing, result.datasetId),
          valid: true,
          ...counts,
        };
      } finally {
        await memory.close();
      }
    });
  }

  /**
   * The real import, all-or-nothing: ImportRefusedError (with the report) when the file is refused,
   * StoreError DATASET_EXISTS when the dataset exists and `options.replace` is not set, STORE_LOCKED when
   * another process holds the embedded database. Then the caches are invalidated and the audit entry written
   * (the registry is another database: should that write fail, the import stays and the error is rethrown).
   */
  async commit(kind: ImportKind, file: UploadedFile, options: ImportOptions, actor: AuditActor): Promise<ImportCommitResult> {
    await this.audit.ready();
    return this.withTempFile(file, async (path, name) => {
      const before = await this.store.listDatasets();
      const sha256 = createHash('sha256').update(file.body).digest('hex');
      const origin = `HTTP upload ${name} by ${actor.name.replace(/[/\\]/g, '_')}`;
      let result;
      try {
        result = await this.store.write((writer) => runImporter(kind, writer, path, options, origin));
      } catch (error) {
        if (error instanceof ImportValidationError) throw new ImportRefusedError(refusedReport(kind, file, name, path, options, error.report, before));
        throw error;
      }
      this.onImported();
      const previous = before.find((d) => d.id === result.datasetId) ?? null;
      const dataset = await new CatalogService(this.store).dataset(result.datasetId);
      const report: ImportReport = {
        ...baseReport(kind, file, name, path, result.report, before, result.datasetId),
        valid: true,
        ...(await countImport(this.store, this.store, result.datasetId)),
      };
      const auditId = await this.audit.record({
        actor,
        action: 'import',
        entity: 'dataset',
        entityId: result.datasetId,
        before: previous,
        after: { ...dataset, via: 'api', kind, file: name, bytes: file.body.length, sha256, replaced: previous !== null },
      });
      return { dataset, replaced: previous !== null, auditId, report };
    });
  }

  /** Imports made through the API, from the audit log, newest first (at most `limit`, default 50). */
  async recent(limit = 50): Promise<ImportLogEntry[]> {
    await this.audit.ready();
    const entries = [];
    let afterId: number | undefined;
    for (;;) {
      const page = await listAudit(this.registry, { entity: 'dataset', limit: 1000, afterId });
      // imports through this API only (other tools record theirs under entity "dataset" too)
      entries.push(...page.filter((e) => e.action === 'import' && parseJson(e.after).via === 'api'));
      if (page.length < 1000) break;
      afterId = page[page.length - 1]!.id;
    }
    return entries
      .reverse()
      .slice(0, Math.max(1, limit))
      .map((e) => {
        const after = parseJson(e.after);
        const text = (key: string): string | null => (typeof after[key] === 'string' ? (after[key] as string) : null);
        const count = (key: string): number | null => (typeof after[key] === 'number' ? (after[key] as number) : null);
        return {
          auditId: e.id,
          at: e.at,
          userId: e.userId,
          userName: e.userName,
          datasetId: e.entityId,
          kind: text('kind'),
          file: text('file'),
          bytes: count('bytes'),
          sha256: text('sha256'),
          rowCount: count('rowCount'),
          replaced: after.replaced === true || e.before !== null,
        };
      });
  }

  /** Writes the upload to a fresh temp folder under its (checked) name, runs `work`, deletes the folder. */
  private async withTempFile<T>(file: UploadedFile, work: (path: string, name: string) => Promise<T>): Promise<T> {
    if (file.body.length > this.maxUploadBytes) {
      throw new ServiceError('INVALID_ARGUMENT', `the upload is ${file.body.length} bytes, more than the limit of ${this.maxUploadBytes}`, { bytes: file.body.length, limit: this.maxUploadBytes });
    }
    if (file.body.length === 0) throw new ServiceError('INVALID_ARGUMENT', 'the upload is empty: send the file as the request body', {});
    const name = file.name ?? 'upload.csv';
    if (!/^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/.test(name)) {
      throw new ServiceError('INVALID_ARGUMENT', `file name must be a plain name (letters, digits, . _ - and spaces), not "${name}"`, { filename: name });
    }
    const directory = await mkdtemp(join(tmpdir(), 'clusterlens-upload-'));
    try {
      const path = join(directory, name);
      await writeFile(path, file.body);
      return await work(path, name);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}

function parseJson(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The issues of a report with the temp path replaced by the uploaded name. */
function renamed(issues: readonly ValidationIssue[], path: string, name: string): ValidationIssue[] {
  return issues.map((i) => ({ ...i, file: i.file === path ? name : i.file }));
}

const EMPTY_COUNTS = {
  observations: 0,
  regions: { count: 0, byType: {} },
  industries: { classification: null, count: 0 },
  years: [],
  measures: [],
  statuses: {},
};

function defaultDatasetId(name: string): string {
  return name.replace(/\.[^.]+$/, '').toLowerCase();
}

function baseReport(
  kind: ImportKind,
  file: UploadedFile,
  name: string,
  path: string,
  report: ValidationReport,
  existing: readonly DatasetRecord[],
  datasetId: string,
): Omit<ImportReport, 'valid'> {
  return {
    kind,
    datasetId,
    file: name,
    bytes: file.body.length,
    layout: report.layout,
    datasetExists: existing.some((d) => d.id === datasetId),
    rowsRead: report.rowsRead,
    ...EMPTY_COUNTS,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    errors: renamed(report.errors, path, name),
    warnings: renamed(report.warnings, path, name),
    summary: { ...report.summary },
  };
}

function refusedReport(
  kind: ImportKind,
  file: UploadedFile,
  name: string,
  path: string,
  options: ImportOptions,
  report: ValidationReport,
  existing: readonly DatasetRecord[],
): ImportReport {
  return { ...baseReport(kind, file, name, path, report, existing, options.datasetId ?? defaultDatasetId(name)), valid: false };
}

/** A refusal by the store itself (a key twice, a non-finite value the importer let through) as a report error. */
function storeRefusal(kind: ImportKind, file: UploadedFile, name: string, path: string, options: ImportOptions, error: StoreError, existing: readonly DatasetRecord[]): ImportReport {
  const report: ValidationReport = {
    file: path,
    layout: 'unknown',
    rowsRead: 0,
    errorCount: 1,
    warningCount: 0,
    errors: [{ file: path, line: 0, field: '(store)', code: 'INCONSISTENT', message: error.message }],
    warnings: [],
    summary: {},
  };
  return refusedReport(kind, file, name, path, options, report, existing);
}

/** Regions, industries, years, measures and statuses of a dataset's observations, read one year at a time. */
async function countImport(store: Store, shadow: Store, datasetId: string): Promise<Pick<ImportReport, 'observations' | 'regions' | 'industries' | 'years' | 'measures' | 'statuses'>> {
  const dataset = (await store.listDatasets()).find((d) => d.id === datasetId);
  if (dataset === undefined) return { ...EMPTY_COUNTS, industries: { classification: null, count: 0 } };
  const classification = dataset.classification;
  const years = await store.listYears(classification);
  const regions = new Set<string>();
  const industries = new Set<string>();
  const measures = new Set<string>();
  const statuses: Record<string, number> = {};
  let observations = 0;
  const yearsWithRows: number[] = [];
  for (const year of years) {
    const query = { classification, years: [year], datasetIds: [datasetId] };
    const columns = store.queryObservationColumns ? await store.queryObservationColumns(query) : toColumns(await store.queryObservations(query));
    observations += columns.regionId.length;
    if (columns.regionId.length > 0) yearsWithRows.push(year);
    for (let k = 0; k < columns.regionId.length; k++) {
      regions.add(columns.regionId[k]!);
      industries.add(columns.industryCode[k]!);
      measures.add(columns.measure[k]!);
      const status = columns.status[k]!;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  const typeOf = new Map((await shadow.listRegions()).map((r) => [r.id, r.type]));
  const byType: Record<string, number> = {};
  for (const id of regions) {
    const type = typeOf.get(id) ?? 'unknown';
    byType[type] = (byType[type] ?? 0) + 1;
  }
  return {
    observations,
    regions: { count: regions.size, byType },
    industries: { classification, count: industries.size },
    years: yearsWithRows,
    measures: [...measures].sort(),
    statuses,
  };
}

/** Rows as the three columns countImport reads. */
function toColumns(rows: readonly ObservationRecord[]): Pick<ObservationColumns, 'regionId' | 'industryCode' | 'measure' | 'status'> {
  return { regionId: rows.map((r) => r.regionId), industryCode: rows.map((r) => r.industryCode), measure: rows.map((r) => r.measure), status: rows.map((r) => r.status) };
}

/**
 * The in-memory store of a dry run, seeing the real store's regions, industries and custom regions (so a
 * user file naming regions imported earlier validates as it would import); everything else is the memory store.
 */
function shadowStore(memory: Store, real: Store): Store {
  const merge = async <T>(a: Promise<T[]>, b: Promise<T[]>, key: (t: T) => string): Promise<T[]> => {
    const byKey = new Map<string, T>();
    for (const item of await a) byKey.set(key(item), item);
    for (const item of await b) byKey.set(key(item), item);
    return [...byKey.values()];
  };
  const overrides: Partial<Store> = {
    listRegions: (filter) => merge(real.listRegions(filter), memory.listRegions(filter), (r) => r.id),
    listIndustries: (classification) => merge(real.listIndustries(classification), memory.listIndustries(classification), (i) => i.code),
    listCustomRegions: () => real.listCustomRegions(),
  };
  return delegate(memory, overrides);
}

/** A Store whose methods are `overrides` where given, else the target's (bound to it). */
function delegate(target: Store, overrides: Partial<Store>): Store {
  return new Proxy(target, {
    get(object, property) {
      if (Object.prototype.hasOwnProperty.call(overrides, property)) return overrides[property as keyof Store];
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
