/**
 * PostgreSQL implementation of the Store boundary, for shared deployments. Uses a `pg` connection pool;
 * every statement is parameterised (values never enter SQL text). Bulk rows travel as one JSON parameter
 * per batch, expanded server-side by json_to_recordset, and the next batch is encoded while the server
 * inserts the previous one: 140,000 observations import in one transaction in a few seconds.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';
import { StoreError } from '../store/store.js';
import { addRegionIds, checkImportRecords, checkObservation, importThroughSession } from '../store/import-checks.js';
import { combineCustomRegions, planCustomRegion, storedQuery } from '../store/custom-regions.js';
import type {
  ClusterDefinitionRecord,
  CustomRegionInput,
  CustomRegionRecord,
  DatasetImport,
  DatasetRecord,
  ImportSession,
  ImportStart,
  IndustryRecord,
  ObservationMeasure,
  ObservationQuery,
  ObservationRecord,
  ObservationStatus,
  RegionRecord,
  RegionType,
  Store,
} from '../store/store.js';

/** Rows per INSERT … SELECT FROM json_to_recordset($n) statement when writing observations. */
export const POSTGRES_OBSERVATION_BATCH_SIZE = 20_000;

/**
 * Schema migrations, applied in order and recorded in `schema_version`. Append only: never edit a
 * migration that has shipped, add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE datasets (
    id              text PRIMARY KEY,
    title           text NOT NULL,
    source          text NOT NULL,
    licence         text NOT NULL,
    classification  text NOT NULL,
    imported_at     timestamptz NOT NULL,
    row_count       integer NOT NULL CHECK (row_count >= 0),
    origin          text NOT NULL
  );
  CREATE TABLE regions (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    type       text NOT NULL CHECK (type IN ('country', 'state', 'county', 'nuts0', 'nuts1', 'nuts2', 'nuts3', 'prefecture', 'custom')),
    country    text NOT NULL,
    parent_id  text NULL,
    aliases    text[] NOT NULL DEFAULT '{}'
  );
  CREATE TABLE industries (
    classification  text NOT NULL,
    code            text NOT NULL,
    name            text NOT NULL,
    level           integer NOT NULL CHECK (level >= 0),
    parent_code     text NULL,
    PRIMARY KEY (classification, code)
  );
  CREATE TABLE observations (
    -- No foreign keys: a per-row FK trigger doubles bulk-import time, and importDataset is the only
    -- writer (it checks datasetId and deletes a replaced dataset's observations itself).
    dataset_id      text NOT NULL,
    region_id       text NOT NULL,
    classification  text NOT NULL,
    industry_code   text NOT NULL,
    level           integer NOT NULL CHECK (level >= 0),
    year            integer NOT NULL,
    measure         text NOT NULL CHECK (measure IN ('employment', 'establishments', 'payroll')),
    value           double precision NULL CHECK (value >= 0 AND value < 'Infinity'),
    status          text NOT NULL CHECK (status IN ('reported', 'estimated', 'suppressed', 'not-available')),
    lower           double precision NULL CHECK (lower >= 0 AND lower < 'Infinity'),
    upper           double precision NULL CHECK (upper >= 0 AND upper < 'Infinity'),
    flag            text NULL,
    method          text NULL,
    PRIMARY KEY (dataset_id, region_id, classification, industry_code, year, measure),
    CHECK (lower IS NULL OR upper IS NULL OR lower <= upper)
  );
  CREATE INDEX observations_classification_year_level ON observations (classification, year, level);
  CREATE TABLE cluster_definitions (
    scheme           text NOT NULL,
    classification   text NOT NULL,
    industry_code    text NOT NULL,
    cluster_code     text NOT NULL,
    cluster_name     text NOT NULL,
    cluster_type     text NOT NULL CHECK (cluster_type IN ('traded', 'local')),
    subcluster_code  text NULL,
    subcluster_name  text NULL,
    PRIMARY KEY (scheme, classification, industry_code, cluster_code)
  );
  CREATE TABLE meta (
    key    text PRIMARY KEY,
    value  text NOT NULL
  );
  `,
  // 2: custom regions. The region itself is a row of regions (type 'custom'); its members are here.
  // Small and read with every custom-region query: a reference table under Citus.
  `
  CREATE TABLE custom_region_members (
    region_id  text NOT NULL,
    member_id  text NOT NULL,
    PRIMARY KEY (region_id, member_id)
  );
  `,
];

/** Advisory-lock key serialising concurrent migrate() calls (any stable 64-bit number). */
const MIGRATION_LOCK_KEY = '7236401157316329472';

const OBSERVATION_COLUMNS =
  'dataset_id, region_id, classification, industry_code, level, year, measure, value, status, lower, upper, flag, method';

/**
 * PostgresStore: the Store boundary on PostgreSQL (kind "postgres").
 * Build one with createPostgresStore(connectionString), which also migrates the schema.
 *
 * Semantics beyond the interface: importedAt is returned in Date#toISOString form (millisecond precision);
 * dataset rowCount is the number of observation rows actually written; an empty array in an
 * ObservationQuery filter matches nothing; list methods return rows in primary-key order.
 * Database errors are rethrown as StoreError: DATASET_EXISTS, STORE_LOCKED (lock not available) or
 * STORE_FAILED (constraint violation, bad input, connection failure), with the driver error as cause.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  private closing: Promise<void> | undefined;

  /** Takes ownership of the pool (close() ends it). Prefer createPostgresStore. */
  constructor(pool: pg.Pool) {
    this.pool = pool;
    this.closing = undefined;
    // An idle client whose connection dies emits 'error' on the pool; without a listener that would
    // crash the process. The pool discards that client and the next query reports the failure.
    this.pool.on('error', () => {});
  }

  /** Creates the schema when missing; idempotent and safe to run concurrently from several processes. */
  async migrate(): Promise<void> {
    await this.transaction('migrate', async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
      const current = result.rows[0]?.version ?? 0;
      for (let version = current + 1; version <= MIGRATIONS.length; version++) {
        await client.query(MIGRATIONS[version - 1] ?? '');
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
      }
    });
  }

  /** Schema version recorded by migrate() (0 before the first migration). */
  async schemaVersion(): Promise<number> {
    const result = await this.query<{ version: number | null }>(
      'schemaVersion',
      `SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE (SELECT max(version) FROM schema_version) END AS version`,
    );
    return result.rows[0]?.version ?? 0;
  }

  async importDataset(data: DatasetImport, options: { replace?: boolean } = {}): Promise<void> {
    await importThroughSession((start, o) => this.beginImport(start, o), data, options);
  }

  /**
   * The streaming import (see Store.beginImport): one pooled client holds BEGIN … COMMIT; appended rows are
   * buffered up to POSTGRES_OBSERVATION_BATCH_SIZE and sent as one json_to_recordset INSERT per batch, the
   * next batch encoded while the server inserts the previous one. The primary key refuses duplicate keys.
   */
  async beginImport(start: ImportStart, options: { replace?: boolean } = {}): Promise<ImportSession> {
    const { dataset, regions, industries } = start;
    const operation = `importDataset(${dataset.id})`;
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toStoreError(operation, error);
    }
    try {
      await client.query('BEGIN');
      const existing = await client.query('SELECT 1 FROM datasets WHERE id = $1 FOR UPDATE', [dataset.id]);
      if (existing.rowCount !== null && existing.rowCount > 0) {
        if (options.replace !== true) {
          throw new StoreError('DATASET_EXISTS', `Dataset ${dataset.id} already exists (import with replace to overwrite it)`);
        }
        await client.query('DELETE FROM observations WHERE dataset_id = $1', [dataset.id]);
        await client.query('DELETE FROM datasets WHERE id = $1', [dataset.id]);
      }
      await client.query(
        `INSERT INTO datasets (id, title, source, licence, classification, imported_at, row_count, origin)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [dataset.id, dataset.title, dataset.source, dataset.licence, dataset.classification, dataset.importedAt, 0, dataset.origin],
      );
      if (regions.length > 0) await upsertRegions(client, regions);
      if (industries.length > 0) await upsertIndustries(client, industries);
    } catch (error) {
      client.release(await rollback(client));
      throw toStoreError(operation, error);
    }
    return new PostgresImportSession(client, operation, dataset.id);
  }

  async importClusterDefinitions(scheme: string, rows: readonly ClusterDefinitionRecord[]): Promise<void> {
    rows.forEach((row, i) => {
      if (row.scheme !== scheme) {
        throw new StoreError('STORE_FAILED', `importClusterDefinitions(${scheme}): row ${i} has scheme ${JSON.stringify(row.scheme)}`);
      }
    });
    await this.transaction(`importClusterDefinitions(${scheme})`, async (client) => {
      await client.query('DELETE FROM cluster_definitions WHERE scheme = $1', [scheme]);
      if (rows.length === 0) return;
      await client.query(
        `INSERT INTO cluster_definitions
           (scheme, classification, industry_code, cluster_code, cluster_name, cluster_type, subcluster_code, subcluster_name)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
        [
          scheme,
          rows.map((r) => r.classification),
          rows.map((r) => r.industryCode),
          rows.map((r) => r.clusterCode),
          rows.map((r) => r.clusterName),
          rows.map((r) => r.clusterType),
          rows.map((r) => r.subclusterCode),
          rows.map((r) => r.subclusterName),
        ],
      );
    });
  }

  async createCustomRegion(input: CustomRegionInput, options: { replace?: boolean } = {}): Promise<CustomRegionRecord> {
    let record: CustomRegionRecord | undefined;
    await this.transaction(`createCustomRegion(${input.id})`, async (client) => {
      // one definition at a time: concurrent servers must not both pass the checks
      await client.query('LOCK TABLE custom_region_members IN EXCLUSIVE MODE');
      const regions = (await client.query<RegionRow>('SELECT id, name, type, country, parent_id, aliases FROM regions')).rows.map(regionOf);
      const customIds = new Set((await client.query<{ region_id: string }>('SELECT DISTINCT region_id FROM custom_region_members')).rows.map((r) => r.region_id));
      if (regions.some((r) => r.id === input.id)) {
        if (!customIds.has(input.id) || options.replace !== true) {
          throw new StoreError('REGION_EXISTS', `region ${input.id} already exists${customIds.has(input.id) ? ' (replace to redefine it)' : ''}`);
        }
        customIds.delete(input.id);
      }
      record = planCustomRegion(input, regions.filter((r) => r.id !== input.id), customIds);
      await client.query('DELETE FROM custom_region_members WHERE region_id = $1', [input.id]);
      await upsertRegions(client, [record]);
      await client.query('INSERT INTO custom_region_members (region_id, member_id) SELECT $1, unnest($2::text[])', [record.id, record.members]);
    });
    return record!;
  }

  async listCustomRegions(): Promise<CustomRegionRecord[]> {
    const result = await this.query<RegionRow & { members: string[] }>(
      'listCustomRegions',
      `SELECT r.id, r.name, r.type, r.country, r.parent_id, r.aliases, array_agg(m.member_id ORDER BY m.member_id) AS members
       FROM regions r JOIN custom_region_members m ON m.region_id = r.id
       GROUP BY r.id, r.name, r.type, r.country, r.parent_id, r.aliases ORDER BY r.id`,
    );
    return result.rows.map((r) => ({ ...regionOf(r), members: r.members }));
  }

  async deleteCustomRegion(id: string): Promise<boolean> {
    let deleted = false;
    await this.transaction(`deleteCustomRegion(${id})`, async (client) => {
      const result = await client.query('DELETE FROM custom_region_members WHERE region_id = $1', [id]);
      if ((result.rowCount ?? 0) === 0) return;
      await client.query('DELETE FROM regions WHERE id = $1', [id]);
      deleted = true;
    });
    return deleted;
  }

  /** Members of the custom regions among `ids` (none when ids is undefined: a query over all regions). */
  private async membership(ids: readonly string[] | undefined): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids === undefined || !ids.some((id) => id.startsWith('custom-'))) return out;
    const result = await this.query<{ region_id: string; member_id: string }>(
      'queryObservations',
      'SELECT region_id, member_id FROM custom_region_members WHERE region_id = ANY($1::text[]) ORDER BY region_id, member_id',
      [ids.filter((id) => id.startsWith('custom-'))],
    );
    for (const r of result.rows) {
      const list = out.get(r.region_id);
      if (list === undefined) out.set(r.region_id, [r.member_id]);
      else list.push(r.member_id);
    }
    return out;
  }

  async listDatasets(): Promise<DatasetRecord[]> {
    const result = await this.query<DatasetRow>(
      'listDatasets',
      'SELECT id, title, source, licence, classification, imported_at, row_count, origin FROM datasets ORDER BY id',
    );
    return result.rows.map((r) => ({
      id: r.id,
      title: r.title,
      source: r.source,
      licence: r.licence,
      classification: r.classification,
      importedAt: r.imported_at.toISOString(),
      rowCount: r.row_count,
      origin: r.origin,
    }));
  }

  async listRegions(filter: { type?: RegionType; country?: string } = {}): Promise<RegionRecord[]> {
    const where = new Conditions();
    if (filter.type !== undefined) where.add('type = $?', filter.type);
    if (filter.country !== undefined) where.add('country = $?', filter.country);
    const result = await this.query<RegionRow>(
      'listRegions',
      `SELECT id, name, type, country, parent_id, aliases FROM regions${where.sql()} ORDER BY id`,
      where.values,
    );
    return result.rows.map(regionOf);
  }

  async listIndustries(classification: string): Promise<IndustryRecord[]> {
    const result = await this.query<IndustryRow>(
      'listIndustries',
      'SELECT classification, code, name, level, parent_code FROM industries WHERE classification = $1 ORDER BY code',
      [classification],
    );
    return result.rows.map((r) => ({
      classification: r.classification,
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
    }));
  }

  async listYears(classification: string): Promise<number[]> {
    const result = await this.query<{ year: number }>(
      'listYears',
      'SELECT DISTINCT year FROM observations WHERE classification = $1 ORDER BY year',
      [classification],
    );
    return result.rows.map((r) => r.year);
  }

  async queryObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    const membership = await this.membership(query.regionIds);
    if (membership.size === 0) return this.queryStoredObservations(query);
    return combineCustomRegions(await this.queryStoredObservations(storedQuery(query, membership)), query.regionIds!, membership);
  }

  private async queryStoredObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    const where = new Conditions();
    where.add('classification = $?', query.classification);
    if (query.years !== undefined) where.add('year = ANY($?::integer[])', [...query.years]);
    if (query.measures !== undefined) where.add('measure = ANY($?::text[])', [...query.measures]);
    if (query.regionIds !== undefined) where.add('region_id = ANY($?::text[])', [...query.regionIds]);
    if (query.levels !== undefined) where.add('level = ANY($?::integer[])', [...query.levels]);
    if (query.datasetIds !== undefined) where.add('dataset_id = ANY($?::text[])', [...query.datasetIds]);
    const result = await this.query<ObservationRow>(
      'queryObservations',
      `SELECT ${OBSERVATION_COLUMNS} FROM observations${where.sql()}
       ORDER BY dataset_id, region_id, industry_code, year, measure`,
      where.values,
    );
    return result.rows.map((r) => ({
      datasetId: r.dataset_id,
      regionId: r.region_id,
      classification: r.classification,
      industryCode: r.industry_code,
      level: r.level,
      year: r.year,
      measure: r.measure,
      value: r.value,
      status: r.status,
      lower: r.lower,
      upper: r.upper,
      flag: r.flag,
      method: r.method,
    }));
  }

  async clusterDefinitions(scheme: string): Promise<ClusterDefinitionRecord[]> {
    const result = await this.query<ClusterDefinitionRow>(
      'clusterDefinitions',
      `SELECT scheme, classification, industry_code, cluster_code, cluster_name, cluster_type, subcluster_code, subcluster_name
       FROM cluster_definitions WHERE scheme = $1 ORDER BY classification, industry_code, cluster_code`,
      [scheme],
    );
    return result.rows.map((r) => ({
      scheme: r.scheme,
      classification: r.classification,
      industryCode: r.industry_code,
      clusterCode: r.cluster_code,
      clusterName: r.cluster_name,
      clusterType: r.cluster_type,
      subclusterCode: r.subcluster_code,
      subclusterName: r.subcluster_name,
    }));
  }

  async getMeta(key: string): Promise<string | null> {
    const result = await this.query<{ value: string }>('getMeta', 'SELECT value FROM meta WHERE key = $1', [key]);
    return result.rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.query(
      'setMeta',
      'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value',
      [key, value],
    );
  }

  /** Ends the pool; idempotent. */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }

  /** One statement outside a transaction, errors translated to StoreError. */
  private async query<R extends pg.QueryResultRow>(operation: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, values);
    } catch (error) {
      throw toStoreError(operation, error);
    }
  }

  /** Runs work between BEGIN and COMMIT on one pooled client; ROLLBACK and rethrow (as StoreError) on any error. */
  private async transaction(operation: string, work: (client: PoolClient) => Promise<void>): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw toStoreError(operation, error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // The connection is unusable: destroy it instead of returning it to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw toStoreError(operation, error);
    } finally {
      client.release(broken);
    }
  }
}

/**
 * createPostgresStore(connectionString) connects a pool to PostgreSQL and runs migrate().
 * Throws StoreError STORE_FAILED (pool closed) when the server cannot be reached or migration fails.
 *
 * @example
 * const store = await createPostgresStore('postgresql://clusterlens@127.0.0.1:5432/clusterlens');
 */
export async function createPostgresStore(connectionString: string): Promise<PostgresStore> {
  const store = new PostgresStore(new pg.Pool({ connectionString }));
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

interface DatasetRow {
  id: string;
  title: string;
  source: string;
  licence: string;
  classification: string;
  imported_at: Date;
  row_count: number;
  origin: string;
}

interface RegionRow {
  id: string;
  name: string;
  type: RegionType;
  country: string;
  parent_id: string | null;
  aliases: string[];
}

function regionOf(r: RegionRow): RegionRecord {
  return { id: r.id, name: r.name, type: r.type, country: r.country, parentId: r.parent_id, aliases: r.aliases };
}

interface IndustryRow {
  classification: string;
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

interface ObservationRow {
  dataset_id: string;
  region_id: string;
  classification: string;
  industry_code: string;
  level: number;
  year: number;
  measure: ObservationMeasure;
  value: number | null;
  status: ObservationStatus;
  lower: number | null;
  upper: number | null;
  flag: string | null;
  method: string | null;
}

interface ClusterDefinitionRow {
  scheme: string;
  classification: string;
  industry_code: string;
  cluster_code: string;
  cluster_name: string;
  cluster_type: 'traded' | 'local';
  subcluster_code: string | null;
  subcluster_name: string | null;
}

/** WHERE clause builder: each `$?` becomes the next numbered parameter. */
class Conditions {
  readonly values: unknown[];
  private readonly parts: string[];

  constructor() {
    this.values = [];
    this.parts = [];
  }

  add(condition: string, value: unknown): void {
    this.values.push(value);
    const placeholder = `$${this.values.length}`;
    this.parts.push(condition.replace('$?', () => placeholder));
  }

  sql(): string {
    return this.parts.length === 0 ? '' : ` WHERE ${this.parts.join(' AND ')}`;
  }
}

async function upsertRegions(client: PoolClient, regions: readonly RegionRecord[]): Promise<void> {
  // aliases is an array per row; a two-dimensional text[] cannot be ragged, so the rows travel as one JSON
  // parameter and are expanded with jsonb_to_recordset.
  const rows = regions.map((r) => ({ id: r.id, name: r.name, type: r.type, country: r.country, parent_id: r.parentId, aliases: r.aliases }));
  await client.query(
    `INSERT INTO regions (id, name, type, country, parent_id, aliases)
     SELECT r.id, r.name, r.type, r.country, r.parent_id,
            ARRAY(SELECT a.alias FROM jsonb_array_elements_text(r.aliases) WITH ORDINALITY AS a(alias, position) ORDER BY a.position)
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, type text, country text, parent_id text, aliases jsonb)
     ON CONFLICT (id) DO UPDATE SET
       name = EXCLUDED.name, type = EXCLUDED.type, country = EXCLUDED.country,
       parent_id = EXCLUDED.parent_id, aliases = EXCLUDED.aliases`,
    [JSON.stringify(rows)],
  );
}

async function upsertIndustries(client: PoolClient, industries: readonly IndustryRecord[]): Promise<void> {
  await client.query(
    `INSERT INTO industries (classification, code, name, level, parent_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::text[])
     ON CONFLICT (classification, code) DO UPDATE SET
       name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
    [
      industries.map((i) => i.classification),
      industries.map((i) => i.code),
      industries.map((i) => i.name),
      industries.map((i) => i.level),
      industries.map((i) => i.parentCode),
    ],
  );
}

/** ROLLBACK; returns the error to release the client with when the connection is unusable. */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** One open streaming import on a client of its own (see PostgresStore.beginImport). */
class PostgresImportSession implements ImportSession {
  private readonly client: PoolClient;
  private readonly operation: string;
  private readonly datasetId: string;
  private state: 'open' | 'committed' | 'failed';
  private busy: boolean;
  /** Rows appended but not yet sent. */
  private buffer: ObservationRecord[];
  /** The INSERT of the previous batch, still running on the server. */
  private pending: Promise<unknown> | undefined;
  private sent: number;

  constructor(client: PoolClient, operation: string, datasetId: string) {
    this.client = client;
    this.operation = operation;
    this.datasetId = datasetId;
    this.state = 'open';
    this.busy = false;
    this.buffer = [];
    this.pending = undefined;
    this.sent = 0;
  }

  addRegions(regions: readonly RegionRecord[]): Promise<void> {
    return this.step(async () => {
      addRegionIds(this.operation, new Set<string>(), regions);
      if (regions.length > 0) await upsertRegions(this.client, regions);
    });
  }

  addIndustries(industries: readonly IndustryRecord[]): Promise<void> {
    return this.step(async () => {
      checkImportRecords(this.operation, [], industries);
      if (industries.length > 0) await upsertIndustries(this.client, industries);
    });
  }

  append(observations: readonly ObservationRecord[]): Promise<void> {
    return this.step(async () => {
      const first = this.sent + this.buffer.length;
      for (let i = 0; i < observations.length; i++) {
        const o = observations[i];
        checkObservation(this.operation, this.datasetId, o, first + i);
        this.buffer.push(o);
        if (this.buffer.length >= POSTGRES_OBSERVATION_BATCH_SIZE) await this.send();
      }
    });
  }

  commit(): Promise<void> {
    return this.step(async () => {
      if (this.buffer.length > 0) await this.send();
      if (this.pending !== undefined) await this.pending;
      this.pending = undefined;
      await this.client.query('UPDATE datasets SET row_count = $2 WHERE id = $1', [this.datasetId, this.sent]);
      await this.client.query('COMMIT');
      this.state = 'committed';
      this.client.release();
    });
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    await this.fail();
  }

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
      throw toStoreError(this.operation, error);
    } finally {
      this.busy = false;
    }
  }

  private async fail(): Promise<void> {
    this.state = 'failed';
    this.buffer = [];
    // pg runs a client's queries in order: the ROLLBACK waits for a pending INSERT (whose failure, if any,
    // is not the one to report here).
    this.pending?.catch(() => {});
    this.pending = undefined;
    this.client.release(await rollback(this.client));
  }

  /** Sends the buffer as one batch; the batch before it must have finished first (its error surfaces here). */
  private async send(): Promise<void> {
    const batch = encodeObservations(this.buffer, 0, this.buffer.length, this.sent);
    const count = this.buffer.length;
    this.buffer = [];
    if (this.pending !== undefined) await this.pending;
    this.pending = this.client.query(
      `INSERT INTO observations (${OBSERVATION_COLUMNS})
       SELECT $1, o.r, o.c, o.i, o.l, o.y, o.m, o.v, o.s, o.lo, o.u, o.f, o.me
       FROM json_to_recordset($2::json) AS o(r text, c text, i text, l integer, y integer, m text, v double precision,
                                             s text, lo double precision, u double precision, f text, me text)`,
      [this.datasetId, batch],
    );
    // Keeps a rejection from being reported as unhandled before it is awaited.
    this.pending.catch(() => {});
    this.sent += count;
  }
}

/** JSON text for observations[start, end); append() has refused non-finite numbers (JSON has none). */
function encodeObservations(observations: readonly ObservationRecord[], start: number, end: number, offset: number): string {
  const rows = new Array<object>(end - start);
  for (let i = start; i < end; i++) {
    const o = observations[i];
    if (o === undefined) throw new StoreError('STORE_FAILED', `importDataset: observation ${offset + i} is missing`);
    rows[i - start] = {
      r: o.regionId, c: o.classification, i: o.industryCode, l: o.level, y: o.year, m: o.measure,
      v: o.value, s: o.status, lo: o.lower, u: o.upper, f: o.flag, me: o.method,
    };
  }
  return JSON.stringify(rows);
}


/** Maps a driver error to StoreError, keeping StoreErrors as they are. */
function toStoreError(operation: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const constraint = (error as { constraint?: unknown } | null)?.constraint;
  const message = error instanceof Error ? error.message : String(error);
  // A concurrent import of the same new dataset id loses the race on the primary key.
  if (code === '23505' && constraint === 'datasets_pkey') {
    return new StoreError('DATASET_EXISTS', `${operation}: dataset already exists`, { cause: error });
  }
  if (code === '55P03') return new StoreError('STORE_LOCKED', `${operation}: ${message}`, { cause: error });
  const detail = (error as { detail?: unknown } | null)?.detail;
  const suffix = typeof detail === 'string' && detail !== '' ? ` (${detail})` : '';
  return new StoreError('STORE_FAILED', `${operation}: ${message}${suffix}`, { cause: error });
}
