/**
 * The narrow database boundary. Every store (embedded DuckDB by default, PostgreSQL for shared
 * deployments) implements this interface; the service layer sees nothing else.
 * Writes are all-or-nothing: importDataset (and a streaming import from beginImport to commit) runs in one
 * transaction and leaves the store as it was on failure.
 */

export type ObservationMeasure = 'employment' | 'establishments' | 'payroll';

/**
 * Status of one value:
 * - reported: published as is;
 * - estimated: not published (suppressed) but estimated by ClusterLens inside the published range (see `method`);
 * - suppressed: not published and not estimated (value null, range in lower/upper);
 * - not-available: no value at all.
 */
export type ObservationStatus = 'reported' | 'estimated' | 'suppressed' | 'not-available';

export interface DatasetRecord {
  /** Stable id, e.g. "us-cbp-state-2011". */
  id: string;
  title: string;
  source: string;
  licence: string;
  /** Industry classification of the observations, e.g. "NAICS2007". */
  classification: string;
  /** ISO 8601 timestamp of the import. */
  importedAt: string;
  /** Number of observation rows written. */
  rowCount: number;
  /** Where the rows came from (file path or URL), for traceability. */
  origin: string;
}

/** ea: BEA Economic Area, msa: metropolitan or micropolitan statistical area (CBSA); both are built from counties (docs/data/economic-areas.md). */
export type RegionType = 'country' | 'state' | 'county' | 'ea' | 'msa' | 'nuts0' | 'nuts1' | 'nuts2' | 'nuts3' | 'prefecture' | 'custom';

export interface RegionRecord {
  /** Unique across countries: "US-53", "US-53033", "DE21", "JP-01". */
  id: string;
  name: string;
  type: RegionType;
  /** ISO country code: "US", "JP", … */
  country: string;
  parentId: string | null;
  /** Unambiguous short forms accepted on input, e.g. ["53", "WA", "US-WA"]. */
  aliases: string[];
}

export interface IndustryRecord {
  classification: string;
  /** Normalised code: "31-33" for a sector, "3364", "336411"; "TOTAL" for all industries. */
  code: string;
  name: string;
  /** Number of digits (0 for TOTAL, 2 for sectors). */
  level: number;
  parentCode: string | null;
}

export interface ObservationRecord {
  datasetId: string;
  regionId: string;
  classification: string;
  industryCode: string;
  /** Same as IndustryRecord.level, denormalised for fast filtering. */
  level: number;
  year: number;
  measure: ObservationMeasure;
  /** The value (reported or estimated); null when suppressed and not estimated or not available. */
  value: number | null;
  status: ObservationStatus;
  /** Published range for suppressed or estimated values (null when reported). upper null = unbounded. */
  lower: number | null;
  upper: number | null;
  /** Source flag as published (CBP employment size-class letter, noise flag, Eurostat flag). */
  flag: string | null;
  /** How an estimate was made, e.g. "range-constrained-hierarchical". */
  method: string | null;
}

export interface ClusterDefinitionRecord {
  /** Definition scheme, e.g. "us-benchmark-2016". */
  scheme: string;
  classification: string;
  industryCode: string;
  clusterCode: string;
  clusterName: string;
  clusterType: 'traded' | 'local';
  subclusterCode: string | null;
  subclusterName: string | null;
}

/**
 * A user-defined region built from existing regions ("Cascadia" = US-53 + US-41): stored as a region of type
 * "custom" with an id starting "custom-", plus its members. Its observations are not stored: a query naming
 * it gets the sums of its members' observations (see combineCustomRegions, docs/data/custom-regions.md).
 */
export interface CustomRegionRecord extends RegionRecord {
  /** Member region ids, sorted. */
  members: string[];
}

/** What createCustomRegion needs: members are region ids already in the store (not custom regions). */
export interface CustomRegionInput {
  id: string;
  name: string;
  members: readonly string[];
}

export interface DatasetImport {
  dataset: DatasetRecord;
  regions: readonly RegionRecord[];
  industries: readonly IndustryRecord[];
  observations: readonly ObservationRecord[];
}

/** What beginImport needs before the first observation: the dataset and the regions and industries known so far. */
export interface ImportStart {
  /** rowCount is ignored: commit() records the number of observations appended. */
  dataset: DatasetRecord;
  regions: readonly RegionRecord[];
  industries: readonly IndustryRecord[];
}

/**
 * A streaming import, open from beginImport until commit() or abort(): everything it writes is in one
 * transaction, invisible to other connections until commit() and gone after abort() or any error.
 * Calls are made one at a time (await each). After an error the session is finished: the transaction is
 * rolled back, later append/commit calls reject with STORE_FAILED and abort() resolves.
 */
export interface ImportSession {
  /** Upserts more regions (e.g. counties met while reading a file); a region id given twice is refused. */
  addRegions(regions: readonly RegionRecord[]): Promise<void>;
  /** Upserts more industries (e.g. codes met while reading a file); a code given twice in one call is refused. */
  addIndustries(industries: readonly IndustryRecord[]): Promise<void>;
  /**
   * Writes observations of the dataset. A row of another dataset, a non-finite number, a key
   * (region, classification, industry, year, measure) already appended, or a row the schema refuses makes
   * this call or a later one (rows may be buffered until commit) reject with STORE_FAILED.
   */
  append(observations: readonly ObservationRecord[]): Promise<void>;
  /** Writes what is buffered, records the dataset's rowCount and commits. */
  commit(): Promise<void>;
  /** Rolls everything back; idempotent, and a no-op after commit() or an error. */
  abort(): Promise<void>;
}

/**
 * What a store whose database reads CSV files itself (DuckDB's read_csv) lends a bulk importer, alone on its
 * connection (Store.stageImport; docs/adr/0005-staged-cbp-import.md). Temporary tables made here are the
 * caller's to drop. SQL is the back end's dialect: only importers that know the store's kind use it.
 */
export interface CsvStaging {
  /** Runs one statement. */
  run(sql: string, params?: readonly (string | number | null)[]): Promise<void>;
  /** A small result as rows of plain JavaScript values. */
  rows(sql: string, params?: readonly (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /**
   * A result of numeric columns as one Float64Array each (NaN for null), read chunk by chunk into arrays of
   * `rowCount` rows; rejects when the result has another number of rows.
   */
  numberColumns(sql: string, rowCount: number): Promise<Float64Array[]>;
  /**
   * Creates temporary table `table` with one column per entry (INTEGER for an Int32Array, DOUBLE for a
   * Float64Array, NaN stored as null), row k holding values[k] of each; the arrays must have one length.
   */
  createNumberTable(table: string, columns: readonly { name: string; values: Int32Array | Float64Array }[]): Promise<void>;
  /** Creates temporary table `table` of VARCHAR columns holding `rows`. */
  createTextTable(table: string, columns: readonly string[], rows: readonly (readonly (string | null)[])[]): Promise<void>;
  /** Opens the import transaction as Store.beginImport does (same checks, DATASET_EXISTS), on this connection. */
  beginImport(start: ImportStart, options?: { replace?: boolean }): Promise<StagedImportSession>;
}

/** An import session opened from CsvStaging: observations arrive by INSERT … SELECT instead of append. */
export interface StagedImportSession extends ImportSession {
  /**
   * Inserts the rows of `select` into DuckDB's observation_rows (measures as columns; docs/adr/0007): its
   * columns are those of a row after dataset_id (region_id, classification, industry_code, level, year, then
   * value, status, lower, upper, flag and method of employment, establishments and payroll, in that order; a
   * measure that is not there has a null status and null values); the store adds the dataset id. `rows` rows
   * are expected (a mismatch rolls back); `observations` (the measures present) count toward the dataset's
   * rowCount. The caller guarantees that keys are unique (the store does not check them on this path).
   */
  insertSelect(select: string, rows: number, observations: number): Promise<void>;
}

export interface ObservationQuery {
  classification: string;
  years?: readonly number[];
  measures?: readonly ObservationMeasure[];
  regionIds?: readonly string[];
  levels?: readonly number[];
  datasetIds?: readonly string[];
}

/** Observations as columns: index k of every array describes one row. */
export interface ObservationColumns {
  regionId: string[];
  industryCode: string[];
  year: Int32Array;
  measure: ObservationMeasure[];
  /** NaN where the value is null. */
  value: Float64Array;
  status: ObservationStatus[];
}

export interface Store {
  readonly kind: 'duckdb' | 'postgres';
  /** Creates the schema when missing (idempotent). */
  migrate(): Promise<void>;
  /**
   * Writes a dataset with its regions, industries and observations in one transaction.
   * Regions and industries are upserted; a dataset id that already exists is refused with a
   * StoreError code DATASET_EXISTS unless options.replace is true (then its observations are replaced).
   * On any failure nothing is written.
   */
  importDataset(data: DatasetImport, options?: { replace?: boolean }): Promise<void>;
  /**
   * Opens a streaming import (one transaction) with the same rules as importDataset: the dataset row,
   * regions and industries are written at once, DATASET_EXISTS is thrown here (nothing left open) unless
   * options.replace. Memory stays bounded by the chunks appended, not by the dataset.
   * The session holds the store's write connection: on DuckDB every other operation of this store waits
   * until commit() or abort(), so do not await another call of the same store in between.
   */
  beginImport(start: ImportStart, options?: { replace?: boolean }): Promise<ImportSession>;
  /** Replaces all rows of one cluster-definition scheme, in one transaction. */
  importClusterDefinitions(scheme: string, rows: readonly ClusterDefinitionRecord[]): Promise<void>;
  /**
   * Stores a custom region (one transaction). Refused with StoreError INVALID_INPUT (bad id, no members, an
   * unknown or custom member, a member inside another member) or REGION_EXISTS (the id is taken; a custom
   * region is redefined with options.replace).
   */
  createCustomRegion(input: CustomRegionInput, options?: { replace?: boolean }): Promise<CustomRegionRecord>;
  /** Custom regions with their members, by id. */
  listCustomRegions(): Promise<CustomRegionRecord[]>;
  /** Deletes a custom region and its membership; false when there was none with this id. */
  deleteCustomRegion(id: string): Promise<boolean>;
  listDatasets(): Promise<DatasetRecord[]>;
  listRegions(filter?: { type?: RegionType; country?: string }): Promise<RegionRecord[]>;
  listIndustries(classification: string): Promise<IndustryRecord[]>;
  /** Distinct years with observations for a classification, ascending. */
  listYears(classification: string): Promise<number[]>;
  /**
   * Observations matching the query. A custom region named in regionIds gets one row per dataset, industry,
   * year and measure that any member has: the sum of the members' rows (combineCustomRegions). Custom regions
   * are expanded only when named, so a query over all regions never counts a value twice.
   */
  queryObservations(query: ObservationQuery): Promise<ObservationRecord[]>;
  clusterDefinitions(scheme: string): Promise<ClusterDefinitionRecord[]>;
  /**
   * Optional fast path: the same rows as queryObservations, as columns (no per-row objects).
   * Callers fall back to queryObservations when a store does not offer it (see readObservationColumns).
   */
  queryObservationColumns?(query: ObservationQuery): Promise<ObservationColumns>;
  /**
   * Optional bulk path (DuckDB): runs `work` alone on the store's connection with the CSV staging operations.
   * Callers fall back to beginImport when a store does not offer it.
   */
  stageImport?<T>(operation: string, work: (staging: CsvStaging) => Promise<T>): Promise<T>;
  /** Key/value metadata (e.g. the default-data version loaded). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

export type StoreErrorCode = 'DATASET_EXISTS' | 'STORE_LOCKED' | 'STORE_FAILED' | 'REGION_EXISTS' | 'INVALID_INPUT';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
