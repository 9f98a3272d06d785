import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { StoreError } from '../store/store.js';
import type {
  ClusterDefinitionRecord,
  DatasetImport,
  DatasetRecord,
  IndustryRecord,
  ObservationColumns,
  ObservationMeasure,
  ObservationQuery,
  ObservationRecord,
  ObservationStatus,
  RegionRecord,
  RegionType,
  Store,
} from '../store/store.js';

const SCHEMA_VERSION = 1;

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
  `create table if not exists observations (
     dataset_id varchar not null, region_id varchar not null, classification varchar not null,
     industry_code varchar not null, level integer not null, year integer not null,
     measure varchar not null check (measure in ('employment', 'establishments', 'payroll')),
     value double check (value is null or value >= 0),
     status varchar not null check (status in ('reported', 'estimated', 'suppressed', 'not-available')),
     lower double, upper double, flag varchar, method varchar,
     primary key (dataset_id, region_id, classification, industry_code, year, measure))`,
  `create table if not exists cluster_definitions (
     scheme varchar not null, classification varchar not null, industry_code varchar not null,
     cluster_code varchar not null, cluster_name varchar not null,
     cluster_type varchar not null check (cluster_type in ('traded', 'local')),
     subcluster_code varchar, subcluster_name varchar, primary key (scheme, classification, industry_code))`,
  `create table if not exists meta (key varchar primary key, value varchar not null)`,
];

/** Options for opening an embedded DuckDB store. */
export interface DuckDbStoreOptions {
  /** Open without write access; several processes may then read the same file. */
  readOnly?: boolean;
}

/**
 * The embedded default store: one DuckDB file (or ':memory:'). All writes go through one connection
 * inside explicit transactions, so an import that fails leaves the file as it was.
 */
export class DuckDbStore implements Store {
  readonly kind = 'duckdb' as const;
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
  }

  /** Opens (and creates, unless read-only) the database at `path`; ':memory:' for an in-memory store. */
  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, options.readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(message)) {
        throw new StoreError('STORE_LOCKED', `database ${path} is in use by another process (is a ClusterLens server running on it?): ${message}`, { cause: error });
      }
      throw new StoreError('STORE_FAILED', `cannot open database ${path}: ${message}`, { cause: error });
    }
    const connection = await instance.connect();
    const store = new DuckDbStore(path, instance, connection);
    if (!options.readOnly) await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    for (const statement of SCHEMA) await this.connection.run(statement);
    const rows = await this.rows('select max(version) as v from schema_version');
    if (rows[0]?.v == null) await this.connection.run('insert into schema_version values ($1)', [SCHEMA_VERSION]);
  }

  async importDataset(data: DatasetImport, options: { replace?: boolean } = {}): Promise<void> {
    await this.transaction(async () => {
      const existing = await this.rows('select id from datasets where id = $1', [data.dataset.id]);
      if (existing.length > 0) {
        if (!options.replace) throw new StoreError('DATASET_EXISTS', `dataset ${data.dataset.id} is already imported (use replace to re-import it)`);
        await this.connection.run('delete from observations where dataset_id = $1', [data.dataset.id]);
        await this.connection.run('delete from datasets where id = $1', [data.dataset.id]);
      }
      const d = data.dataset;
      await this.connection.run('insert into datasets values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        d.id, d.title, d.source, d.licence, d.classification, d.importedAt, d.rowCount, d.origin,
      ]);
      await this.upsert('regions', 6, data.regions.map((r) => [r.id, r.name, r.type, r.country, r.parentId, JSON.stringify(r.aliases)]));
      await this.upsert('industries', 5, data.industries.map((i) => [i.classification, i.code, i.name, i.level, i.parentCode]));
      await this.appendObservations(data.observations);
    });
  }

  async importClusterDefinitions(scheme: string, rows: readonly ClusterDefinitionRecord[]): Promise<void> {
    await this.transaction(async () => {
      await this.connection.run('delete from cluster_definitions where scheme = $1', [scheme]);
      const appender = await this.connection.createAppender('cluster_definitions');
      let flushed = false;
      try {
        for (const r of rows) {
          if (r.scheme !== scheme) throw new StoreError('STORE_FAILED', `cluster definition row for scheme ${r.scheme} in an import of ${scheme}`);
          appender.appendVarchar(r.scheme);
          appender.appendVarchar(r.classification);
          appender.appendVarchar(r.industryCode);
          appender.appendVarchar(r.clusterCode);
          appender.appendVarchar(r.clusterName);
          appender.appendVarchar(r.clusterType);
          appendNullableVarchar(appender, r.subclusterCode);
          appendNullableVarchar(appender, r.subclusterName);
          appender.endRow();
        }
        appender.flushSync();
        flushed = true;
      } finally {
        closeAppender(appender, flushed);
      }
    });
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    const rows = await this.rows('select * from datasets order by id');
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
    const rows = await this.rows(`select * from regions ${where.length ? 'where ' + where.join(' and ') : ''} order by id`, params);
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      type: String(r.type) as RegionType,
      country: String(r.country),
      parentId: r.parent_id == null ? null : String(r.parent_id),
      aliases: JSON.parse(String(r.aliases)) as string[],
    }));
  }

  async listIndustries(classification: string): Promise<IndustryRecord[]> {
    const rows = await this.rows('select * from industries where classification = $1 order by code', [classification]);
    return rows.map((r) => ({
      classification: String(r.classification),
      code: String(r.code),
      name: String(r.name),
      level: Number(r.level),
      parentCode: r.parent_code == null ? null : String(r.parent_code),
    }));
  }

  async listYears(classification: string): Promise<number[]> {
    const rows = await this.rows('select distinct year from observations where classification = $1 order by year', [classification]);
    return rows.map((r) => Number(r.year));
  }

  async queryObservationColumns(query: ObservationQuery): Promise<ObservationColumns> {
    const { where, params } = observationFilter(query);
    const result = await this.connection.run(
      `select region_id, industry_code, year, measure, value, status from observations where ${where} order by region_id, industry_code, year, measure`,
      params,
    );
    const chunks = await result.fetchAllChunks();
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
      const region = chunk.getColumnVector(0);
      const industry = chunk.getColumnVector(1);
      const year = chunk.getColumnVector(2);
      const measure = chunk.getColumnVector(3);
      const value = chunk.getColumnVector(4);
      const status = chunk.getColumnVector(5);
      for (let i = 0; i < chunk.rowCount; i++, k++) {
        out.regionId[k] = region.getItem(i) as string;
        out.industryCode[k] = industry.getItem(i) as string;
        out.year[k] = year.getItem(i) as number;
        out.measure[k] = measure.getItem(i) as ObservationMeasure;
        const v = value.getItem(i) as number | null;
        out.value[k] = v === null ? NaN : v;
        out.status[k] = status.getItem(i) as ObservationStatus;
      }
    }
    return out;
  }

  async queryObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    const { where: filter, params } = observationFilter(query);
    const rows = await this.rows(
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
    const rows = await this.rows('select * from cluster_definitions where scheme = $1 order by classification, industry_code', [scheme]);
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
    const rows = await this.rows('select value from meta where key = $1', [key]);
    return rows[0] ? String(rows[0].value) : null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.connection.run('insert or replace into meta values ($1, $2)', [key, value]);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async rows(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  private async transaction(work: () => Promise<void>): Promise<void> {
    await this.connection.run('begin transaction');
    try {
      await work();
      await this.connection.run('commit');
    } catch (error) {
      await this.connection.run('rollback');
      if (error instanceof StoreError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new StoreError('STORE_FAILED', `import rolled back: ${message}`, { cause: error });
    }
  }

  /** insert or replace, in parameterised batches of multi-row VALUES. */
  private async upsert(table: 'regions' | 'industries', width: number, rows: readonly DuckDBValue[][]): Promise<void> {
    const batch = 500;
    for (let start = 0; start < rows.length; start += batch) {
      const slice = rows.slice(start, start + batch);
      const params: DuckDBValue[] = [];
      const tuples = slice.map((row) => {
        const marks = row.map((v) => {
          params.push(v);
          return `$${params.length}`;
        });
        return `(${marks.join(', ')})`;
      });
      if (slice.some((row) => row.length !== width)) throw new StoreError('STORE_FAILED', `${table} row with wrong width`);
      await this.connection.run(`insert or replace into ${table} values ${tuples.join(', ')}`, params);
    }
  }

  private async appendObservations(observations: readonly ObservationRecord[]): Promise<void> {
    const appender = await this.connection.createAppender('observations');
    let flushed = false;
    try {
      for (const o of observations) {
        appender.appendVarchar(o.datasetId);
        appender.appendVarchar(o.regionId);
        appender.appendVarchar(o.classification);
        appender.appendVarchar(o.industryCode);
        appender.appendInteger(o.level);
        appender.appendInteger(o.year);
        appender.appendVarchar(o.measure);
        appendNullableDouble(appender, o.value);
        appender.appendVarchar(o.status);
        appendNullableDouble(appender, o.lower);
        appendNullableDouble(appender, o.upper);
        appendNullableVarchar(appender, o.flag);
        appendNullableVarchar(appender, o.method);
        appender.endRow();
      }
      appender.flushSync();
      flushed = true;
    } finally {
      closeAppender(appender, flushed);
    }
  }
}

/** WHERE clause and parameters of an observation query (each filter only when given; all values parameterised). */
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

function appendNullableDouble(appender: Appender, value: number | null): void {
  if (value === null) appender.appendNull();
  else appender.appendDouble(value);
}

function appendNullableVarchar(appender: Appender, value: string | null): void {
  if (value === null) appender.appendNull();
  else appender.appendVarchar(value);
}
