import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBType, DuckDBValue, DuckDBVector } from '@duckdb/node-api';
import { NumericKeyMap } from '../store/numeric-key-map.js';
import { StoreError } from '../store/store.js';
import { addRegionIds, checkImportRecords, checkObservation, importThroughSession } from '../store/import-checks.js';
import { combineCustomRegions, planCustomRegion, storedQuery } from '../store/custom-regions.js';
import { observationColumnsOf } from '../store/read-observation-columns.js';
import type {
  ClusterDefinitionRecord,
  CsvStaging,
  CustomRegionInput,
  CustomRegionRecord,
  DatasetImport,
  DatasetRecord,
  ImportSession,
  ImportStart,
  IndustryRecord,
  ObservationColumns,
  ObservationMeasure,
  ObservationQuery,
  ObservationRecord,
  ObservationStatus,
  RegionRecord,
  RegionType,
  StagedImportSession,
  Store,
} from '../store/store.js';

/** Version of the schema that migrate() creates or upgrades to. */
const SCHEMA_VERSION = 4;

/** The long observations table of schema versions 1–3 (the upgrades from them read and rebuild it). */
const OBSERVATIONS_TABLE = (name: string): string => `create table if not exists ${name} (
     dataset_id varchar not null, region_id varchar not null, classification varchar not null,
     industry_code varchar not null, level integer not null, year integer not null,
     measure varchar not null check (measure in ('employment', 'establishments', 'payroll')),
     value double check (value is null or value >= 0),
     status varchar not null check (status in ('reported', 'estimated', 'suppressed', 'not-available')),
     lower double, upper double, flag varchar, method varchar)`;

/** The measures, in the order of their columns in observation_rows. */
const MEASURES = ['employment', 'establishments', 'payroll'] as const;

/**
 * Observations are stored with the measures as columns (schema 4, docs/adr/0007-observation-rows.md): one row
 * of observation_rows holds, for one dataset, region, industry and year, each measure's value, status, range,
 * flag and method (`employment`, `employment_status`, …); a measure whose status is null is not there. A key
 * may have more than one row (the streaming import writes what each batch holds) but each measure of a key
 * is in one row at most. A county CBP file is 2 million rows here instead of 6 million.
 */
const OBSERVATION_ROWS_TABLE = `create table if not exists observation_rows (
     dataset_id varchar not null, region_id varchar not null, classification varchar not null,
     industry_code varchar not null, level integer not null, year integer not null,
     ${MEASURES.map(
       (m) => `${m} double check (${m} is null or ${m} >= 0),
     ${m}_status varchar check (${m}_status in ('reported', 'estimated', 'suppressed', 'not-available')),
     ${m}_lower double, ${m}_upper double, ${m}_flag varchar, ${m}_method varchar`,
     ).join(',\n     ')})`;

/** The observation columns (dataset_id … method) of one measure of observation_rows. */
function measureColumns(m: (typeof MEASURES)[number]): string {
  return `dataset_id, region_id, classification, industry_code, level, year, '${m}' as measure, ${m} as value,
          ${m}_status as status, ${m}_lower as lower, ${m}_upper as upper, ${m}_flag as flag, ${m}_method as method`;
}

/**
 * Every reader sees observations as before: one row per region, industry, year and measure, with the
 * columns of OBSERVATIONS_TABLE. A filter on measure leaves the other measures' scans out.
 */
const OBSERVATIONS_VIEW = `create or replace view observations as
  ${MEASURES.map((m) => `select ${measureColumns(m)} from observation_rows where ${m}_status is not null`).join('\n  union all ')}`;

/** Members of custom regions (the custom region itself is a row of regions with type 'custom'). */
const CUSTOM_REGION_MEMBERS_TABLE = `create table if not exists custom_region_members (
     region_id varchar not null, member_id varchar not null, primary key (region_id, member_id))`;

/**
 * The schema at SCHEMA_VERSION (the observations view is created after it, by migrate()). observation_rows
 * has no PRIMARY KEY: maintaining DuckDB's ART index on the text key was most of the cost of a bulk import
 * (in a plain INSERT … SELECT of 416,805 rows, about 0.7 s without the key and 3.5–8 s with it). Uniqueness
 * is checked by the import sessions, the only writers, on the rows before they are inserted.
 */
const SCHEMA = [
  `create table if not exists schema_version (version integer not null)`,
  `create table if not exists datasets (
     id varchar primary key, title varchar not null, source varchar not null, licence varchar not null,
     classification varchar not null, imported_at varchar not null, row_count integer not null, origin varchar not null)`,
  `create table if not exists regions (
     id varchar primary key, name varchar not null, type varchar not null, country varchar not null,
     parent_id varchar, aliases varchar not null)`,
  `create table if not exists industries (
     classification varchar not null, code varchar not null, name varchar not null, level integer not null,
     parent_code varchar, primary key (classification, code))`,
  OBSERVATION_ROWS_TABLE,
  `create table if not exists cluster_definitions (
     scheme varchar not null, classification varchar not null, industry_code varchar not null,
     cluster_code varchar not null, cluster_name varchar not null,
     cluster_type varchar not null check (cluster_type in ('traded', 'local')),
     subcluster_code varchar, subcluster_name varchar, primary key (scheme, classification, industry_code))`,
  `create table if not exists meta (key varchar primary key, value varchar not null)`,
  CUSTOM_REGION_MEMBERS_TABLE,
];

/** Upgrades, by the version they upgrade from. Append only. */
const UPGRADES: Readonly<Record<number, readonly string[]>> = {
  // 1 → 2: observations without the PRIMARY KEY (DuckDB cannot drop a constraint: copy the table).
  1: [
    OBSERVATIONS_TABLE('observations_v2'),
    'insert into observations_v2 select * from observations',
    'drop table observations',
    'alter table observations_v2 rename to observations',
  ],
  // 2 → 3: custom regions (their members; the regions themselves are rows of regions).
  2: [CUSTOM_REGION_MEMBERS_TABLE],
  // 3 → 4: measures as columns (observation_rows, created by SCHEMA); the long table becomes a view.
  3: [
    `insert into observation_rows
     select dataset_id, region_id, classification, industry_code, level, year,
            ${MEASURES.map((m) => ['value', 'status', 'lower', 'upper', 'flag', 'method'].map((c) => `max(${c}) filter (where measure = '${m}')`).join(', ')).join(',\n            ')}
     from observations group by dataset_id, region_id, classification, industry_code, level, year`,
    'drop table observations',
  ],
};

/** Rows per DuckDB data chunk (DuckDB's standard vector size). */
const CHUNK_SIZE = 2048;

/**
 * Staging table of the observation bulk path: every text column travels as a 1-based index into one
 * dictionary of distinct strings, so a data chunk holds only numbers (copied into DuckDB vectors in bulk)
 * and the strings cross into DuckDB once each.
 */
const STAGE_TABLE = 'observation_stage';
const WORDS_TABLE = 'observation_words';
const STAGE_COLUMNS: readonly [string, DuckDBType][] = [
  ['region_id', INTEGER], ['classification', INTEGER], ['industry_code', INTEGER], ['level', INTEGER],
  ['year', INTEGER], ['measure', INTEGER], ['value', DOUBLE], ['status', INTEGER], ['lower', DOUBLE],
  ['upper', DOUBLE], ['flag', INTEGER], ['method', INTEGER],
];

/** Options for opening an embedded DuckDB store. */
export interface DuckDbStoreOptions {
  /** Open without write access; several processes may then read the same file. */
  readOnly?: boolean;
}

/**
 * The embedded default store: one DuckDB file (or ':memory:'). All statements go through one connection,
 * one operation at a time, and writes run inside explicit transactions, so an import that fails leaves the
 * file as it was.
 *
 * Semantics beyond the interface (the same as PostgresStore): importedAt round-trips as given; dataset
 * rowCount is the number of observation rows actually written; an empty array in an ObservationQuery
 * filter matches nothing; duplicate region ids (or industry codes) within one import, an observation of
 * another dataset and a non-finite value, lower or upper refuse the whole import. Driver errors are
 * rethrown as StoreError STORE_FAILED (STORE_LOCKED when another process holds the file), with the driver
 * error as cause.
 */
export class DuckDbStore implements Store {
  readonly kind = 'duckdb' as const;
  readonly path: string;
  readonly readOnly: boolean;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  /** Tail of the queue that runs operations on the one connection one at a time. */
  private queue: Promise<unknown>;
  private closed: boolean;
  private customRegionTable: boolean;

  private constructor(path: string, readOnly: boolean, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.readOnly = readOnly;
    this.instance = instance;
    this.connection = connection;
    this.queue = Promise.resolve();
    this.closed = false;
    this.customRegionTable = false;
  }

  /** Opens (and creates, unless read-only) the database at `path`; ':memory:' for an in-memory store. */
  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    const readOnly = options.readOnly === true;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      const message = errorMessage(error);
      if (/lock/i.test(message)) {
        throw new StoreError('STORE_LOCKED', `database ${path} is in use by another process (is a ClusterLens server running on it?): ${message}`, { cause: error });
      }
      throw new StoreError('STORE_FAILED', `cannot open database ${path}: ${message}`, { cause: error });
    }
    let store: DuckDbStore;
    try {
      store = new DuckDbStore(path, readOnly, instance, await instance.connect());
    } catch (error) {
      instance.closeSync();
      throw new StoreError('STORE_FAILED', `cannot connect to database ${path}: ${errorMessage(error)}`, { cause: error });
    }
    if (!readOnly) {
      try {
        await store.migrate();
      } catch (error) {
        await store.close();
        throw error;
      }
    }
    return store;
  }

  async migrate(): Promise<void> {
    await this.transaction('migrate', async () => {
      const before = await this.rowsNow(`select count(*) as n from information_schema.tables where table_name = 'schema_version'`);
      const fresh = Number(before[0]?.n ?? 0) === 0;
      for (const statement of SCHEMA) await this.connection.run(statement);
      const rows = await this.rowsNow('select max(version) as v from schema_version');
      let version = rows[0]?.v == null ? (fresh ? SCHEMA_VERSION : 1) : Number(rows[0].v);
      if (version > SCHEMA_VERSION) {
        throw new StoreError('STORE_FAILED', `database ${this.path} has schema version ${version}, newer than this ClusterLens (${SCHEMA_VERSION})`);
      }
      for (; version < SCHEMA_VERSION; version++) {
        for (const statement of UPGRADES[version] ?? []) await this.connection.run(statement);
      }
      await this.connection.run(OBSERVATIONS_VIEW);
      await this.connection.run('delete from schema_version');
      await this.connection.run('insert into schema_version values ($1)', [SCHEMA_VERSION]);
    });
  }

  async importDataset(data: DatasetImport, options: { replace?: boolean } = {}): Promise<void> {
    await importThroughSession((start, o) => this.beginImport(start, o), data, options);
  }

  /**
   * The streaming import (see Store.beginImport). Observations go in data chunks of numbers to a temporary
   * staging table (text as indexes into one dictionary of distinct strings) and move to observations by
   * INSERT … SELECT every STAGE_FLUSH_ROWS rows and at commit, so memory holds one stage, the dictionary and
   * a compact set of the keys appended (about 12 bytes per observation) for the uniqueness check.
   * The session holds the connection: other operations of this store wait until commit() or abort().
   */
  async beginImport(start: ImportStart, options: { replace?: boolean } = {}): Promise<ImportSession> {
    const unlock = await this.acquire(`importDataset(${start.dataset.id})`);
    return this.openImport(start, options, unlock);
  }

  /**
   * The bulk path (Store.stageImport): `work` runs alone on the connection, under the import memory limit,
   * with read_csv and temporary tables at hand; an import it opens (CsvStaging.beginImport) must be
   * committed or aborted before it returns (it is rolled back otherwise).
   */
  async stageImport<T>(operation: string, work: (staging: CsvStaging) => Promise<T>): Promise<T> {
    const unlock = await this.acquire(operation);
    const connection = this.connection;
    let session: DuckDbImportSession | null = null;
    const restoreLimit = await this.lowerMemoryLimit();
    const staging: CsvStaging = {
      run: async (sql, params = []) => {
        await connection.run(sql, [...params]);
      },
      rows: (sql, params = []) => this.rowsNow(sql, [...params]),
      numberColumns: async (sql, rowCount) => {
        const result = await connection.run(sql);
        const columns = Array.from({ length: result.columnCount }, () => new Float64Array(rowCount));
        let at = 0;
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          const rows = chunk.rowCount;
          if (at + rows > rowCount) throw new StoreError('STORE_FAILED', `${operation}: more than ${rowCount} rows from ${sql.slice(0, 80)}`);
          for (let c = 0; c < columns.length; c++) readNumbers(chunk.getColumnVector(c), rows, columns[c]!, at);
          at += rows;
        }
        if (at !== rowCount) throw new StoreError('STORE_FAILED', `${operation}: ${at} rows, ${rowCount} expected, from ${sql.slice(0, 80)}`);
        return columns;
      },
      createNumberTable: async (table, columns) => {
        const rowCount = columns[0]?.values.length ?? 0;
        if (columns.some((c) => c.values.length !== rowCount)) throw new StoreError('STORE_FAILED', `${operation}: columns of ${table} differ in length`);
        await connection.run(`create or replace temporary table ${table} (${columns.map((c) => `${c.name} ${c.values instanceof Int32Array ? 'integer' : 'double'}`).join(', ')})`);
        const types = columns.map((c) => (c.values instanceof Int32Array ? INTEGER : DOUBLE));
        await appendChunks(connection, table, types, rowCount, (chunk, start, end) => {
          columns.forEach((c, j) => {
            const vector = chunk.getColumnVector(j);
            const values = c.values;
            for (let k = start, i = 0; k < end; k++, i++) {
              const value = values[k]!;
              vector.setItem(i, Number.isNaN(value) ? null : value);
            }
            vector.flush();
          });
        });
      },
      createTextTable: async (table, columns, rows) => {
        await connection.run(`create or replace temporary table ${table} (${columns.map((c) => `${c} varchar`).join(', ')})`);
        await appendChunks(connection, table, columns.map(() => VARCHAR), rows.length, (chunk, start, end) => {
          chunk.setRows(rows.slice(start, end).map((r) => [...r]));
        });
      },
      beginImport: async (start, options = {}) => {
        if (session !== null) throw new StoreError('STORE_FAILED', `${operation}: one import per staging`);
        session = await this.openImport(start, options, () => undefined);
        return session;
      },
    };
    try {
      return await work(staging);
    } catch (error) {
      throw toStoreError(operation, error);
    } finally {
      const open = session as DuckDbImportSession | null;
      await open?.abort();
      await restoreLimit();
      unlock();
    }
  }

  /**
   * Lowers DuckDB's memory limit to IMPORT_MEMORY_LIMIT on a database file; returns what restores it.
   */
  private async lowerMemoryLimit(): Promise<() => Promise<void>> {
    if (this.path === ':memory:' || this.readOnly) return async () => undefined;
    const limit = await this.rowsNow(`select current_setting('memory_limit') as v`);
    const previous = String(limit[0]?.v ?? '');
    if (previous === '') return async () => undefined;
    await this.connection.run(`set memory_limit = '${IMPORT_MEMORY_LIMIT}'`);
    return async () => {
      try {
        await this.connection.run(`set memory_limit = '${previous.replaceAll("'", "''")}'`);
      } catch {
        // the import's outcome stands; the store keeps the lower limit
      }
    };
  }

  /** beginImport once the connection is held: `unlock` is called when the session ends (or fails to open). */
  private async openImport(start: ImportStart, options: { replace?: boolean }, unlock: () => void): Promise<DuckDbImportSession> {
    const { dataset, regions, industries } = start;
    const operation = `importDataset(${dataset.id})`;
    let restoreLimit: () => Promise<void> = async () => undefined;
    const release = async (): Promise<void> => {
      try {
        await restoreLimit();
      } finally {
        unlock();
      }
    };
    let regionIds: Set<string>;
    try {
      regionIds = checkImportRecords(operation, regions, industries);
      if (this.readOnly) throw new StoreError('STORE_FAILED', `${operation}: the store ${this.path} is open read-only`);
      restoreLimit = await this.lowerMemoryLimit();
      await this.connection.run('begin transaction');
      try {
        const existing = await this.rowsNow('select id from datasets where id = $1', [dataset.id]);
        if (existing.length > 0) {
          if (options.replace !== true) {
            throw new StoreError('DATASET_EXISTS', `dataset ${dataset.id} is already imported (use replace to re-import it)`);
          }
          await this.connection.run('delete from observation_rows where dataset_id = $1', [dataset.id]);
          await this.connection.run('delete from datasets where id = $1', [dataset.id]);
        }
        await this.connection.run('insert into datasets values ($1, $2, $3, $4, $5, $6, $7, $8)', [
          dataset.id, dataset.title, dataset.source, dataset.licence, dataset.classification, dataset.importedAt, 0, dataset.origin,
        ]);
        await upsertRegions(this.connection, regions);
        await upsertIndustries(this.connection, industries);
        await createStage(this.connection);
      } catch (error) {
        await rollback(this.connection);
        throw error;
      }
    } catch (error) {
      await release();
      throw toStoreError(`${operation} rolled back`, error);
    }
    return new DuckDbImportSession(this.connection, operation, dataset.id, regionIds, release, { checkpoint: this.path !== ':memory:' });
  }

  async importClusterDefinitions(scheme: string, rows: readonly ClusterDefinitionRecord[]): Promise<void> {
    rows.forEach((row, i) => {
      if (row.scheme !== scheme) {
        throw new StoreError('STORE_FAILED', `importClusterDefinitions(${scheme}): row ${i} has scheme ${JSON.stringify(row.scheme)}`);
      }
    });
    await this.transaction(`importClusterDefinitions(${scheme})`, async () => {
      await this.connection.run('delete from cluster_definitions where scheme = $1', [scheme]);
      if (rows.length === 0) return;
      const columns: DuckDBValue[][] = [[], [], [], [], [], [], [], []];
      for (const r of rows) {
        const values = [r.scheme, r.classification, r.industryCode, r.clusterCode, r.clusterName, r.clusterType, r.subclusterCode, r.subclusterName];
        for (let c = 0; c < values.length; c++) columns[c]!.push(values[c] ?? null);
      }
      await appendChunks(this.connection, 'cluster_definitions', new Array<DuckDBType>(8).fill(VARCHAR), rows.length, (chunk, start, end) => {
        chunk.setColumns(columns.map((column) => column.slice(start, end)));
      });
    });
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    const rows = await this.rows('listDatasets', 'select * from datasets order by id');
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      source: String(r.source),
      licence: String(r.licence),
      classification: String(r.classification),
      importedAt: String(r.imported_at),
      rowCount: Number(r.row_count),
      origin: String(r.origin),
    }));
  }

  async listRegions(filter: { type?: RegionType; country?: string } = {}): Promise<RegionRecord[]> {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    if (filter.type !== undefined) {
      params.push(filter.type);
      where.push(`type = $${params.length}`);
    }
    if (filter.country !== undefined) {
      params.push(filter.country);
      where.push(`country = $${params.length}`);
    }
    const rows = await this.rows('listRegions', `select * from regions ${where.length ? 'where ' + where.join(' and ') : ''} order by id`, params);
    return rows.map(regionOf);
  }

  async listIndustries(classification: string): Promise<IndustryRecord[]> {
    const rows = await this.rows('listIndustries', 'select * from industries where classification = $1 order by code', [classification]);
    return rows.map((r) => ({
      classification: String(r.classification),
      code: String(r.code),
      name: String(r.name),
      level: Number(r.level),
      parentCode: r.parent_code == null ? null : String(r.parent_code),
    }));
  }

  async listYears(classification: string): Promise<number[]> {
    const rows = await this.rows('listYears', 'select distinct year from observations where classification = $1 order by year', [classification]);
    return rows.map((r) => Number(r.year));
  }

  async createCustomRegion(input: CustomRegionInput, options: { replace?: boolean } = {}): Promise<CustomRegionRecord> {
    let record: CustomRegionRecord | undefined;
    await this.transaction(`createCustomRegion(${input.id})`, async () => {
      const regions = (await this.rowsNow('select * from regions')).map(regionOf);
      const customIds = new Set((await this.rowsNow('select distinct region_id from custom_region_members')).map((r) => String(r.region_id)));
      if (regions.some((r) => r.id === input.id)) {
        if (!customIds.has(input.id) || options.replace !== true) {
          throw new StoreError('REGION_EXISTS', `region ${input.id} already exists${customIds.has(input.id) ? ' (replace to redefine it)' : ''}`);
        }
        customIds.delete(input.id);
      }
      record = planCustomRegion(input, regions.filter((r) => r.id !== input.id), customIds);
      await this.connection.run('delete from custom_region_members where region_id = $1', [input.id]);
      await upsertRegions(this.connection, [record]);
      for (const member of record.members) await this.connection.run('insert into custom_region_members values ($1, $2)', [record.id, member]);
    });
    return record!;
  }

  async listCustomRegions(): Promise<CustomRegionRecord[]> {
    return this.exclusive('listCustomRegions', async () => {
      if (!(await this.hasCustomRegionTable())) return [];
      const members = await this.rowsNow('select region_id, member_id from custom_region_members order by region_id, member_id');
      const regions = await this.rowsNow('select * from regions where id in (select region_id from custom_region_members) order by id');
      return withMembers(regions.map(regionOf), members);
    });
  }

  async deleteCustomRegion(id: string): Promise<boolean> {
    let deleted = false;
    await this.transaction(`deleteCustomRegion(${id})`, async () => {
      const rows = await this.rowsNow('select count(*) as n from custom_region_members where region_id = $1', [id]);
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await this.connection.run('delete from custom_region_members where region_id = $1', [id]);
      await this.connection.run('delete from regions where id = $1', [id]);
      deleted = true;
    });
    return deleted;
  }

  /**
   * Whether the file has custom regions' table: a schema version 2 file opened read-only is not migrated
   * (and can hold no custom region). Only a positive answer is kept.
   */
  private async hasCustomRegionTable(): Promise<boolean> {
    if (this.customRegionTable) return true;
    const rows = await this.rowsNow(`select count(*) as n from information_schema.tables where table_name = 'custom_region_members'`);
    this.customRegionTable = Number(rows[0]?.n ?? 0) > 0;
    return this.customRegionTable;
  }

  /** Members of the custom regions among `ids` (none when ids is undefined: a query over all regions). */
  private async membership(ids: readonly string[] | undefined): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids === undefined || ids.length === 0 || !ids.some((id) => id.startsWith('custom-'))) return out;
    const wanted = ids.filter((id) => id.startsWith('custom-'));
    if (!(await this.exclusive('queryObservations', () => this.hasCustomRegionTable()))) return out;
    const rows = await this.rows(
      'queryObservations',
      `select region_id, member_id from custom_region_members where region_id in (${wanted.map((_, k) => `$${k + 1}`).join(', ')}) order by region_id, member_id`,
      wanted,
    );
    for (const r of rows) {
      const list = out.get(String(r.region_id));
      if (list === undefined) out.set(String(r.region_id), [String(r.member_id)]);
      else list.push(String(r.member_id));
    }
    return out;
  }

  async queryObservationColumns(query: ObservationQuery): Promise<ObservationColumns> {
    const membership = await this.membership(query.regionIds);
    if (membership.size > 0) {
      const rows = combineCustomRegions(await this.queryStoredObservations(storedQuery(query, membership)), query.regionIds!, membership);
      return observationColumnsOf(rows);
    }
    const { where, params } = observationFilter(query);
    return this.exclusive('queryObservationColumns', async () => {
      // The filtered rows are materialised once; strings travel once per distinct value: rows carry dense
      // integer codes from two sorted dictionaries joined back (decoding 140,000 VARCHARs one by one dominated
      // the cost once; ranking and sorting 4,000,000 rows by their strings, 10 s of 14 s, after that).
      const filtered = `select region_id, industry_code, year, measure, value, status from observations where ${where}`;
      try {
        await this.connection.run(`create or replace temporary table ${QUERY_ROWS} as ${filtered}`, params);
        const dictionary = async (column: 'region_id' | 'industry_code', table: string): Promise<string[]> => {
          await this.connection.run(
            `create or replace temporary table ${table} as
             select v, (row_number() over (order by v) - 1)::integer as k from (select distinct ${column} as v from ${QUERY_ROWS})`,
          );
          const reader = await this.connection.runAndReadAll(`select v from ${table} order by k`);
          return (reader.getColumnsJS()[0] ?? []).map((v) => String(v)); // no rows: no columns
        };
        const regions = await dictionary('region_id', QUERY_REGIONS);
        const industries = await dictionary('industry_code', QUERY_INDUSTRIES);
        const result = await this.connection.run(
          `select dr.k as r, di.k as i, q.year,
                  (case q.measure when 'employment' then 0 when 'establishments' then 1 else 2 end)::integer as m,
                  q.value,
                  (case q.status when 'reported' then 0 when 'estimated' then 1 when 'suppressed' then 2 else 3 end)::integer as s
           from ${QUERY_ROWS} q join ${QUERY_REGIONS} dr on dr.v = q.region_id join ${QUERY_INDUSTRIES} di on di.v = q.industry_code
           order by dr.k, di.k, q.year, m`,
        );
        return readObservationCodes(await result.fetchAllChunks(), regions, industries);
      } finally {
        for (const table of [QUERY_ROWS, QUERY_REGIONS, QUERY_INDUSTRIES]) await this.connection.run(`drop table if exists ${table}`).catch(() => undefined);
      }
    });
  }

  async queryObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    const membership = await this.membership(query.regionIds);
    if (membership.size === 0) return this.queryStoredObservations(query);
    return combineCustomRegions(await this.queryStoredObservations(storedQuery(query, membership)), query.regionIds!, membership);
  }

  private async queryStoredObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    const { where: filter, params } = observationFilter(query);
    const rows = await this.rows(
      'queryObservations',
      `select * from observations where ${filter} order by region_id, industry_code, year, measure, dataset_id`,
      params,
    );
    return rows.map((r) => ({
      datasetId: String(r.dataset_id),
      regionId: String(r.region_id),
      classification: String(r.classification),
      industryCode: String(r.industry_code),
      level: Number(r.level),
      year: Number(r.year),
      measure: String(r.measure) as ObservationRecord['measure'],
      value: r.value == null ? null : Number(r.value),
      status: String(r.status) as ObservationRecord['status'],
      lower: r.lower == null ? null : Number(r.lower),
      upper: r.upper == null ? null : Number(r.upper),
      flag: r.flag == null ? null : String(r.flag),
      method: r.method == null ? null : String(r.method),
    }));
  }

  async clusterDefinitions(scheme: string): Promise<ClusterDefinitionRecord[]> {
    const rows = await this.rows('clusterDefinitions', 'select * from cluster_definitions where scheme = $1 order by classification, industry_code', [scheme]);
    return rows.map((r) => ({
      scheme: String(r.scheme),
      classification: String(r.classification),
      industryCode: String(r.industry_code),
      clusterCode: String(r.cluster_code),
      clusterName: String(r.cluster_name),
      clusterType: String(r.cluster_type) as 'traded' | 'local',
      subclusterCode: r.subcluster_code == null ? null : String(r.subcluster_code),
      subclusterName: r.subcluster_name == null ? null : String(r.subcluster_name),
    }));
  }

  async getMeta(key: string): Promise<string | null> {
    const rows = await this.rows('getMeta', 'select value from meta where key = $1', [key]);
    return rows[0] ? String(rows[0].value) : null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.exclusive('setMeta', () => this.connection.run('insert or replace into meta values ($1, $2)', [key, value]));
  }

  /** Closes the connection and the database after the operations already queued; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** Runs work alone on the connection (after every operation queued before it); driver errors become StoreError. */
  private exclusive<T>(operation: string, work: () => Promise<T>): Promise<T> {
    // Checked when the call is made: operations queued before close() still run, later ones are refused.
    if (this.closed) return Promise.reject(new StoreError('STORE_FAILED', `${operation}: the store is closed`));
    const run = async (): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        throw toStoreError(operation, error);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Waits for every operation queued before it and returns a release function; operations queued after it
   * wait until release() is called (an import session holds the connection this way).
   */
  private acquire(operation: string): Promise<() => void> {
    if (this.closed) return Promise.reject(new StoreError('STORE_FAILED', `${operation}: the store is closed`));
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.queue;
    this.queue = ready.then(() => released);
    return ready.then(() => release);
  }

  private rows(operation: string, sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    return this.exclusive(operation, () => this.rowsNow(sql, params));
  }

  /** A query on the connection, for use inside exclusive(). */
  private async rowsNow(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Runs work between BEGIN and COMMIT, alone on the connection; ROLLBACK and rethrow (as StoreError) on any error. */
  private async transaction(operation: string, work: () => Promise<void>): Promise<void> {
    await this.exclusive(operation, async () => {
      if (this.readOnly) throw new StoreError('STORE_FAILED', `${operation}: the store ${this.path} is open read-only`);
      await this.connection.run('begin transaction');
      try {
        await work();
        await this.connection.run('commit');
      } catch (error) {
        try {
          await this.connection.run('rollback');
        } catch {
          // DuckDB aborts a failed COMMIT itself; the original error is the one to report
        }
        throw toStoreError(`${operation} rolled back`, error);
      }
    });
  }
}


/** WHERE clause and parameters of an observation query (each filter only when given; all values parameterised). */
/** Temporary tables of queryObservationColumns (the filtered rows and their two dictionaries), dropped after each query. */
const QUERY_ROWS = 'clusterlens_query_rows';
const QUERY_REGIONS = 'clusterlens_query_regions';
const QUERY_INDUSTRIES = 'clusterlens_query_industries';

/** ObservationColumns from result chunks of (region code, industry code, year, measure code, value, status code). */
function readObservationCodes(chunks: readonly DuckDBDataChunk[], regions: readonly string[], industries: readonly string[]): ObservationColumns {
  const measures: ObservationMeasure[] = ['employment', 'establishments', 'payroll'];
  const statuses: ObservationStatus[] = ['reported', 'estimated', 'suppressed', 'not-available'];
  let n = 0;
  for (const chunk of chunks) n += chunk.rowCount;
  const out: ObservationColumns = {
    regionId: new Array<string>(n),
    industryCode: new Array<string>(n),
    year: new Int32Array(n),
    measure: new Array<ObservationMeasure>(n),
    value: new Float64Array(n),
    status: new Array<ObservationStatus>(n),
  };
  let k = 0;
  for (const chunk of chunks) {
    const rows = chunk.rowCount;
    const region = chunk.getColumnVector(0);
    const industry = chunk.getColumnVector(1);
    const year = chunk.getColumnVector(2);
    const measure = chunk.getColumnVector(3);
    const value = chunk.getColumnVector(4);
    const status = chunk.getColumnVector(5);
    for (let i = 0; i < rows; i++, k++) {
      out.regionId[k] = regions[region.getItem(i) as number]!;
      out.industryCode[k] = industries[industry.getItem(i) as number]!;
      out.year[k] = year.getItem(i) as number;
      out.measure[k] = measures[measure.getItem(i) as number]!;
      const v = value.getItem(i) as number | null;
      out.value[k] = v === null ? NaN : v;
      out.status[k] = statuses[status.getItem(i) as number]!;
    }
  }
  return out;
}

function observationFilter(query: ObservationQuery): { where: string; params: DuckDBValue[] } {
  const params: DuckDBValue[] = [query.classification];
  const where = ['classification = $1'];
  const addIn = (column: string, values: readonly (string | number)[] | undefined): void => {
    if (values === undefined) return;
    if (values.length === 0) {
      where.push('false');
      return;
    }
    const placeholders = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    where.push(`${column} in (${placeholders.join(', ')})`);
  };
  addIn('year', query.years);
  addIn('measure', query.measures);
  addIn('region_id', query.regionIds);
  addIn('level', query.levels);
  addIn('dataset_id', query.datasetIds);
  return { where: where.join(' and '), params };
}

type Appender = Awaited<ReturnType<DuckDBConnection['createAppender']>>;

function closeAppender(appender: Appender, flushed: boolean): void {
  try {
    appender.closeSync();
  } catch (error) {
    if (flushed) throw error;
    // the flush already failed and that error is on its way up; closing a failed appender may fail again
  }
}

async function rollback(connection: DuckDBConnection): Promise<void> {
  try {
    await connection.run('rollback');
  } catch {
    // DuckDB aborts a failed statement's transaction itself; the original error is the one to report
  }
}

/**
 * Appends `rowCount` rows to `table` in data chunks of CHUNK_SIZE rows; fill(chunk, start, end) writes
 * rows [start, end). The appender is flushed before the transaction commits, and a failed flush aborts it.
 */
/**
 * Copies `rows` numbers of a result vector into `out` from `at` (NaN for null). A DOUBLE vector without a
 * validity mask (no null in the chunk) is copied in one block from its backing Float64Array: the node API
 * keeps that array in a field its typings mark private, so it is looked up defensively, and any other vector
 * is read item by item (about 150 ns an item, 1.5 s for the five columns of a county CBP file).
 */
function readNumbers(vector: DuckDBVector, rows: number, out: Float64Array, at: number): void {
  const raw = vector as unknown as { items?: unknown; validity?: { data?: unknown } };
  if (raw.items instanceof Float64Array && raw.items.length === rows && raw.validity?.data === null) {
    out.set(raw.items, at);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const value = vector.getItem(i) as number | bigint | null;
    out[at + i] = value === null ? NaN : Number(value);
  }
}

async function appendChunks(
  connection: DuckDBConnection,
  table: string,
  types: readonly DuckDBType[],
  rowCount: number,
  fill: (chunk: DuckDBDataChunk, start: number, end: number) => void,
): Promise<void> {
  const appender = await connection.createAppender(table);
  let flushed = false;
  try {
    for (let start = 0; start < rowCount; start += CHUNK_SIZE) {
      const end = Math.min(rowCount, start + CHUNK_SIZE);
      const chunk = DuckDBDataChunk.create(types, end - start);
      fill(chunk, start, end);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    flushed = true;
  } finally {
    closeAppender(appender, flushed);
  }
}

/** insert or replace of whole rows (regions, industries), through a staging table filled in data chunks. */
async function upsert(connection: DuckDBConnection, table: 'regions' | 'industries', types: readonly DuckDBType[], rows: readonly DuckDBValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const stage = `${table}_stage`;
  await connection.run(`create or replace temporary table ${stage} as select * from ${table} limit 0`);
  await appendChunks(connection, stage, types, rows.length, (chunk, start, end) => {
    chunk.setRows(rows.slice(start, end));
  });
  await connection.run(`insert or replace into ${table} select * from ${stage}`);
  await connection.run(`drop table ${stage}`);
}

function upsertRegions(connection: DuckDBConnection, regions: readonly RegionRecord[]): Promise<void> {
  return upsert(connection, 'regions', [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR], regions.map((r) => [r.id, r.name, r.type, r.country, r.parentId, JSON.stringify(r.aliases)]));
}

function upsertIndustries(connection: DuckDBConnection, industries: readonly IndustryRecord[]): Promise<void> {
  return upsert(connection, 'industries', [VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR], industries.map((i) => [i.classification, i.code, i.name, i.level, i.parentCode]));
}

async function createStage(connection: DuckDBConnection): Promise<void> {
  await connection.run(`create or replace temporary table ${STAGE_TABLE} (${STAGE_COLUMNS.map(([name, type]) => `${name} ${type.toString()}`).join(', ')})`);
  await connection.run(`create or replace temporary table ${WORDS_TABLE} (code integer, word varchar)`);
}

/**
 * DuckDB's memory limit while an import session runs on a database file (restored afterwards). Without it the
 * buffer pool (80% of RAM by default) keeps every block the transaction writes: 1.2 GiB resident for the
 * 6 million observations of a county CBP file, against 0.7 GiB with this limit and the same time.
 */
const IMPORT_MEMORY_LIMIT = '256MB';
/**
 * Imports of at least this many values checkpoint at commit (see DuckDbImportSession.commit); smaller ones leave
 * their few megabytes of write-ahead log to DuckDB's own checkpoint (at its WAL threshold, or at close).
 */
export const IMPORT_CHECKPOINT_VALUES = 1_000_000;
/** Observations staged before they move to the observations table (a bound on the stage's memory). */
const STAGE_FLUSH_ROWS = 1 << 18;
/** Bits of each part of an observation key (region, classification + industry, year, measure): 21 + 17 + 10 + 2. */
const KEY_REGION_LIMIT = 1 << 21;
const KEY_INDUSTRY_LIMIT = 1 << 17;
const KEY_YEAR_LIMIT = 1 << 10;
const MEASURE_INDEX: Readonly<Record<string, number>> = { employment: 0, establishments: 1, payroll: 2 };

/**
 * One open streaming import on the store's connection (see DuckDbStore.beginImport). Keys are checked for
 * uniqueness as they arrive: each key packs dictionary indexes of region, classification + industry, year
 * and measure into one number held in a NumericKeyMap; past 2^21 regions, 2^17 industries or 1,024 years
 * the check falls back to one GROUP BY over the dataset's rows at commit.
 */
class DuckDbImportSession implements StagedImportSession {
  private readonly connection: DuckDBConnection;
  private readonly operation: string;
  private readonly datasetId: string;
  private readonly regionIds: Set<string>;
  private readonly release: () => Promise<void>;
  /** Whether commit() checkpoints (a database file under an import memory limit). */
  private readonly checkpoint: boolean;
  private state: 'open' | 'committed' | 'failed';
  private busy: boolean;
  private appender: Appender | null;
  private staged: number;
  private rowCount: number;
  /** Distinct strings of the text columns; code k + 1 stands for dictionary[k], 0 for null. */
  private readonly dictionary: string[];
  private readonly codes: Map<string, number>;
  private wordsWritten: number;
  private readonly keys: NumericKeyMap;
  private readonly keyRegions: Map<string, number>;
  private readonly keyIndustries: Map<string, Map<string, number>>;
  private readonly keyYears: Map<number, number>;
  private industryCount: number;
  private keysOverflow: boolean;
  private lastRegion: string | null;
  private lastRegionIndex: number;
  private lastClassification: string | null;
  private lastIndustries: Map<string, number> | undefined;
  private lastIndustryMap: Map<string, number> | undefined;
  private lastIndustryCode: string | null;
  private lastIndustryIndex: number;
  private lastYear: number;
  private lastYearIndex: number;
  /** Chunks filled while the previous INSERT … SELECT runs (the connection is busy until it ends). */
  private waiting: DuckDBDataChunk[];
  private waitingRows: number;
  /** The INSERT … SELECT (and stage reset) running on DuckDB's threads while JavaScript fills more chunks. */
  private inflight: Promise<void> | null;
  private inflightDone: boolean;
  /** Last text → code per column (rows arrive grouped, so most lookups repeat the previous one). */
  private readonly lastText: (string | null)[];
  /** Dictionary codes of the three measures (0 until first used). */
  private readonly measureCodes: number[];
  private readonly lastCode: number[];

  constructor(
    connection: DuckDBConnection,
    operation: string,
    datasetId: string,
    regionIds: Set<string>,
    release: () => Promise<void>,
    options: { checkpoint: boolean },
  ) {
    this.connection = connection;
    this.checkpoint = options.checkpoint;
    this.operation = operation;
    this.datasetId = datasetId;
    this.regionIds = regionIds;
    this.release = release;
    this.state = 'open';
    this.busy = false;
    this.appender = null;
    this.staged = 0;
    this.rowCount = 0;
    this.dictionary = [];
    this.codes = new Map();
    this.wordsWritten = 0;
    this.keys = new NumericKeyMap(1 << 20);
    this.keyRegions = new Map();
    this.keyIndustries = new Map();
    this.keyYears = new Map();
    this.industryCount = 0;
    this.keysOverflow = false;
    this.lastRegion = null;
    this.lastRegionIndex = 0;
    this.lastClassification = null;
    this.lastIndustries = undefined;
    this.lastIndustryMap = undefined;
    this.lastIndustryCode = null;
    this.lastIndustryIndex = 0;
    this.lastYear = NaN;
    this.lastYearIndex = 0;
    this.waiting = [];
    this.waitingRows = 0;
    this.inflight = null;
    this.inflightDone = true;
    this.lastText = new Array<string | null>(STAGE_COLUMNS.length).fill(null);
    this.measureCodes = [0, 0, 0];
    this.lastCode = new Array<number>(STAGE_COLUMNS.length).fill(0);
  }

  addRegions(regions: readonly RegionRecord[]): Promise<void> {
    return this.step(async () => {
      addRegionIds(this.operation, this.regionIds, regions);
      await upsertRegions(this.connection, regions);
    });
  }

  addIndustries(industries: readonly IndustryRecord[]): Promise<void> {
    return this.step(async () => {
      checkImportRecords(this.operation, [], industries);
      await upsertIndustries(this.connection, industries);
    });
  }

  append(observations: readonly ObservationRecord[]): Promise<void> {
    return this.step(async () => {
      const first = this.rowCount;
      for (let k = 0; k < observations.length; k++) {
        const o = observations[k]!;
        checkObservation(this.operation, this.datasetId, o, first + k);
        this.checkKey(o);
      }
      const types = STAGE_COLUMNS.map(([, type]) => type);
      for (let start = 0; start < observations.length; start += CHUNK_SIZE) {
        const end = Math.min(observations.length, start + CHUNK_SIZE);
        const chunk = DuckDBDataChunk.create(types, end - start);
        this.fill(chunk, observations, start, end);
        this.waiting.push(chunk);
        this.waitingRows += end - start;
      }
      this.rowCount += observations.length;
      if (this.inflightDone) await this.stageWaiting();
      if (this.staged + this.waitingRows >= STAGE_FLUSH_ROWS) await this.flush(false);
    });
  }

  /** StagedImportSession.insertSelect: one INSERT … SELECT into observation_rows (keys are the caller's to keep unique). */
  insertSelect(select: string, rows: number, observations: number): Promise<void> {
    return this.step(async () => {
      const result = await this.connection.run(`insert into observation_rows select $1, staged.* from (${select}) staged`, [this.datasetId]);
      const inserted = result.rowsChanged;
      if (inserted !== rows) throw new StoreError('STORE_FAILED', `${this.operation}: ${inserted} observation rows inserted, ${rows} expected`);
      this.rowCount += observations;
    });
  }

  commit(): Promise<void> {
    return this.step(async () => {
      await this.flush(true);
      if (this.keysOverflow) await this.checkKeysInDatabase();
      await this.connection.run('update datasets set row_count = $2 where id = $1', [this.datasetId, this.rowCount]);
      await this.connection.run(`drop table ${WORDS_TABLE}`);
      await this.connection.run(`drop table ${STAGE_TABLE}`);
      await this.connection.run('commit');
      this.state = 'committed';
      // Fold the write-ahead log into the file while the import's memory limit holds (a checkpoint at close,
      // under the default limit, would take about 1 GiB for a county CBP file). A failure here loses nothing.
      // A small import does not: its checkpoint cost more than its import (the default data's Eurostat file:
      // 0.2–0.6 s of 1.2–1.5 s), and at close it folds in with the others.
      if (this.checkpoint && this.rowCount >= IMPORT_CHECKPOINT_VALUES) await this.connection.run('checkpoint').catch(() => undefined);
      await this.release();
    });
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    await this.fail();
  }

  /** Runs one call of the session; on any error the transaction is rolled back and the session ends. */
  private async step(work: () => Promise<void>): Promise<void> {
    if (this.state !== 'open') {
      throw new StoreError('STORE_FAILED', `${this.operation}: the import is ${this.state === 'committed' ? 'committed' : 'rolled back'}`);
    }
    if (this.busy) throw new StoreError('STORE_FAILED', `${this.operation}: calls to an import session must not overlap (await each)`);
    this.busy = true;
    try {
      await work();
    } catch (error) {
      await this.fail();
      throw toStoreError(`${this.operation} rolled back`, error);
    } finally {
      this.busy = false;
    }
  }

  private async fail(): Promise<void> {
    this.state = 'failed';
    this.waiting = [];
    if (this.inflight !== null) await this.inflight.catch(() => undefined);
    this.inflight = null;
    if (this.appender !== null) {
      closeAppender(this.appender, false);
      this.appender = null;
    }
    await rollback(this.connection);
    await this.release();
  }

  /** Refuses a key already appended in this session. */
  private checkKey(o: ObservationRecord): void {
    // rows arrive grouped by region, so the region and classification are most often the previous row's
    let region = o.regionId === this.lastRegion ? this.lastRegionIndex : this.keyRegions.get(o.regionId);
    if (region === undefined) {
      region = this.keyRegions.size;
      this.keyRegions.set(o.regionId, region);
    }
    this.lastRegion = o.regionId;
    this.lastRegionIndex = region;
    let industries = o.classification === this.lastClassification ? this.lastIndustries : this.keyIndustries.get(o.classification);
    if (industries === undefined) {
      industries = new Map();
      this.keyIndustries.set(o.classification, industries);
    }
    this.lastClassification = o.classification;
    this.lastIndustries = industries;
    // the measures of one cell arrive together (CBP: employment, establishments, payroll): same industry and year
    let industry = industries === this.lastIndustryMap && o.industryCode === this.lastIndustryCode ? this.lastIndustryIndex : industries.get(o.industryCode);
    if (industry === undefined) {
      industry = this.industryCount++;
      industries.set(o.industryCode, industry);
    }
    this.lastIndustryMap = industries;
    this.lastIndustryCode = o.industryCode;
    this.lastIndustryIndex = industry;
    let year = o.year === this.lastYear ? this.lastYearIndex : this.keyYears.get(o.year);
    if (year === undefined) {
      year = this.keyYears.size;
      this.keyYears.set(o.year, year);
    }
    this.lastYear = o.year;
    this.lastYearIndex = year;
    const measure = MEASURE_INDEX[o.measure] ?? 3;
    if (region >= KEY_REGION_LIMIT || industry >= KEY_INDUSTRY_LIMIT || year >= KEY_YEAR_LIMIT) {
      this.keysOverflow = true;
      return;
    }
    const key = ((region * KEY_INDUSTRY_LIMIT + industry) * KEY_YEAR_LIMIT + year) * 4 + measure;
    if (this.keys.getOrSet(key, 0) !== -1) {
      throw new StoreError('STORE_FAILED', `two observations for ${o.regionId} ${o.classification} ${o.industryCode} ${o.year} ${o.measure}`);
    }
  }

  private code(text: string | null): number {
    if (text === null) return 0;
    let k = this.codes.get(text);
    if (k === undefined) {
      this.dictionary.push(text);
      k = this.dictionary.length;
      this.codes.set(text, k);
    }
    return k;
  }

  /** code(measure) through a three-entry cache (measures alternate row by row, so codeAt would miss). */
  private measureCode(measure: string): number {
    const k = MEASURE_INDEX[measure];
    if (k === undefined) return this.code(measure);
    let c = this.measureCodes[k]!;
    if (c === 0) {
      c = this.code(measure);
      this.measureCodes[k] = c;
    }
    return c;
  }

  /** code(text), remembering the last text of one column. */
  private codeAt(column: number, text: string | null): number {
    if (text === this.lastText[column]) return this.lastCode[column]!;
    const k = this.code(text);
    this.lastText[column] = text;
    this.lastCode[column] = k;
    return k;
  }

  // No NULLs in the staging chunks (writing a validity mask costs more than the data): code 0 stands for
  // a null text (it joins no word) and NaN for a null number (non-finite input was refused before).
  private fill(chunk: DuckDBDataChunk, observations: readonly ObservationRecord[], start: number, end: number): void {
    const vectors = STAGE_COLUMNS.map((_, c) => chunk.getColumnVector(c));
    const [region, classification, industry, level, year, measure, value, status, lower, upper, flag, method] = vectors;
    for (let k = start, i = 0; k < end; k++, i++) {
      const o = observations[k]!;
      region!.setItem(i, this.codeAt(0, o.regionId));
      classification!.setItem(i, this.codeAt(1, o.classification));
      industry!.setItem(i, this.codeAt(2, o.industryCode));
      level!.setItem(i, o.level);
      year!.setItem(i, o.year);
      measure!.setItem(i, this.measureCode(o.measure));
      value!.setItem(i, o.value ?? NaN);
      status!.setItem(i, this.codeAt(7, o.status));
      lower!.setItem(i, o.lower ?? NaN);
      upper!.setItem(i, o.upper ?? NaN);
      flag!.setItem(i, this.codeAt(10, o.flag));
      method!.setItem(i, this.codeAt(11, o.method));
    }
    for (const vector of vectors) vector.flush();
  }

  /** Appends the waiting chunks to the stage (the connection must be free). */
  private async stageWaiting(): Promise<void> {
    if (this.waiting.length === 0) return;
    this.appender ??= await this.connection.createAppender(STAGE_TABLE);
    for (const chunk of this.waiting) this.appender.appendDataChunk(chunk);
    this.staged += this.waitingRows;
    this.waiting = [];
    this.waitingRows = 0;
  }

  /**
   * Moves the staged rows to observations: waits for the previous move, stages the waiting chunks, writes
   * the new words, then starts one INSERT … SELECT joining them back, and (unless `wait`) returns while it
   * runs, so the caller can read and fill the next chunks meanwhile.
   */
  private async flush(wait: boolean): Promise<void> {
    if (this.inflight !== null) {
      const running = this.inflight;
      this.inflight = null;
      await running;
    }
    await this.stageWaiting();
    if (this.appender !== null) {
      const appender = this.appender;
      this.appender = null;
      let flushed = false;
      try {
        appender.flushSync();
        flushed = true;
      } finally {
        closeAppender(appender, flushed);
      }
    }
    if (this.staged === 0) return;
    const from = this.wordsWritten;
    await appendChunks(this.connection, WORDS_TABLE, [INTEGER, VARCHAR], this.dictionary.length - from, (chunk, start, end) => {
      const codeVector = chunk.getColumnVector(0);
      const wordVector = chunk.getColumnVector(1);
      for (let k = start, i = 0; k < end; k++, i++) {
        codeVector.setItem(i, from + k + 1);
        wordVector.setItem(i, this.dictionary[from + k] ?? null);
      }
      codeVector.flush();
      wordVector.flush();
    });
    this.wordsWritten = this.dictionary.length;
    const text = ['region_id', 'classification', 'industry_code', 'measure', 'status', 'flag', 'method'];
    const joins = text.map((column, k) => `left join ${WORDS_TABLE} w${k} on w${k}.code = s.${column}`).join(' ');
    const word = (column: string): string => `w${text.indexOf(column)}.word`;
    const number = (column: string): string => `case when isnan(s.${column}) then null else s.${column} end`;
    // Rows of one key are grouped into one row of observation_rows, one measure per column set (keys are unique
    // in the session, so no value is lost); once the keys overflowed the compact check, each observation keeps
    // a row of its own, so that the GROUP BY at commit still sees a duplicate.
    const grouped = !this.keysOverflow;
    const pick = (m: string, expression: string): string => (grouped ? `max(${expression}) filter (where ${word('measure')} = '${m}')` : `case when ${word('measure')} = '${m}' then ${expression} end`);
    const measureValues = MEASURES.map((m) =>
      [number('value'), word('status'), number('lower'), number('upper'), word('flag'), word('method')].map((e) => pick(m, e)).join(', '),
    ).join(',\n                ');
    const key = `${word('region_id')}, ${word('classification')}, ${word('industry_code')}, s.level, s.year`;
    const move = async (): Promise<void> => {
      await this.connection.run(
        `insert into observation_rows
         select $1, ${key},
                ${measureValues}
         from ${STAGE_TABLE} s ${joins}${grouped ? ` group by ${key}` : ''}`,
        [this.datasetId],
      );
      // a new stage rather than DELETE, whose deleted rows would stay in memory until the transaction ends
      await this.connection.run(`drop table ${STAGE_TABLE}`);
      await this.connection.run(`create temporary table ${STAGE_TABLE} (${STAGE_COLUMNS.map(([name, type]) => `${name} ${type.toString()}`).join(', ')})`);
    };
    this.staged = 0;
    this.inflightDone = false;
    const running = move().finally(() => {
      this.inflightDone = true;
    });
    if (wait) {
      await running;
      return;
    }
    // its error surfaces at the next flush (or in fail()); until then it must not count as unhandled
    running.catch(() => undefined);
    this.inflight = running;
  }

  /** The uniqueness check when the keys did not fit the compact set: one GROUP BY over the dataset's rows. */
  private async checkKeysInDatabase(): Promise<void> {
    const reader = await this.connection.runAndReadAll(
      `select region_id, classification, industry_code, year, measure from observations where dataset_id = $1 group by all having count(*) > 1 limit 1`,
      [this.datasetId],
    );
    const duplicate = (reader.getRowObjectsJS() as Record<string, unknown>[])[0];
    if (duplicate !== undefined) {
      throw new StoreError(
        'STORE_FAILED',
        `two observations for ${String(duplicate.region_id)} ${String(duplicate.classification)} ${String(duplicate.industry_code)} ${String(duplicate.year)} ${String(duplicate.measure)}`,
      );
    }
  }
}

function regionOf(r: Record<string, unknown>): RegionRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    type: String(r.type) as RegionType,
    country: String(r.country),
    parentId: r.parent_id == null ? null : String(r.parent_id),
    aliases: JSON.parse(String(r.aliases)) as string[],
  };
}

/** Custom region records from their region rows and (region_id, member_id) rows sorted by member. */
function withMembers(regions: readonly RegionRecord[], members: readonly Record<string, unknown>[]): CustomRegionRecord[] {
  const byRegion = new Map<string, string[]>();
  for (const m of members) {
    const list = byRegion.get(String(m.region_id));
    if (list === undefined) byRegion.set(String(m.region_id), [String(m.member_id)]);
    else list.push(String(m.member_id));
  }
  return regions.map((r) => ({ ...r, members: byRegion.get(r.id) ?? [] }));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a driver error to StoreError STORE_FAILED, keeping StoreErrors as they are. */
function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError('STORE_FAILED', `${operation}: ${errorMessage(error)}`, { cause: error });
}
