import pg from 'pg';
import type { SqlClient, SqlRow, SqlValue } from './sql-client.js';
import { RegistryError } from './sql-client.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * SqlClient on a PostgreSQL pool: several ClusterLens servers may share one database. int8 and numeric
 * columns are returned as numbers (int8 beyond 2^53 throws), so both dialects give the same values.
 * Serialisation failures and unique violations caused by a concurrent writer surface as RegistryError
 * CONFLICT; other constraint violations as INVALID.
 */
export class PostgresSqlClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private closed = false;

  private constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  static async open(connectionString: string): Promise<PostgresSqlClient> {
    const types = {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === INT8_OID) return (text: string) => safeInteger(text);
        if (oid === NUMERIC_OID) return (text: string) => Number(text);
        return pg.types.getTypeParser(oid, format);
      },
    };
    const pool = new pg.Pool({ connectionString, types: types as pg.CustomTypesConfig });
    pool.on('error', () => {}); // an idle client dying is reported on its next use
    const client = new PostgresSqlClient(pool);
    try {
      await client.all('select 1 as ok');
    } catch (error) {
      await pool.end().catch(() => {});
      throw new RegistryError('REGISTRY_FAILED', `cannot connect to PostgreSQL for the registry: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return client;
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return query<T>(this.pool, sql, params).then((result) => result.rows);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return query(this.pool, sql, params).then((result) => result.rowCount ?? 0);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new RegistryError('REGISTRY_FAILED', 'registry connection pool is closed');
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await query(client, 'begin', []);
      try {
        const result = await work(new PostgresTransaction(client));
        await query(client, 'commit', []);
        return result;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

class PostgresTransaction implements SqlClient {
  readonly dialect = 'postgres' as const;
  private readonly client: pg.PoolClient;
  constructor(client: pg.PoolClient) {
    this.client = client;
  }
  async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return query<T>(this.client, sql, params).then((result) => result.rows);
  }
  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return query(this.client, sql, params).then((result) => result.rowCount ?? 0);
  }
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async close(): Promise<void> {}
}

async function query<T extends SqlRow = SqlRow>(target: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult<T>> {
  try {
    const result = await target.query<T>(sql, params as unknown[]);
    for (const row of result.rows) {
      for (const key of Object.keys(row)) {
        const value = row[key] as unknown;
        if (value instanceof Date) (row as Record<string, unknown>)[key] = value.toISOString();
      }
    }
    return result;
  } catch (error) {
    throw driverError(error, sql);
  }
}

function safeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RegistryError('REGISTRY_FAILED', `integer ${text} is beyond 2^53`);
  return value;
}

function driverError(error: unknown, sql: string): RegistryError {
  if (error instanceof RegistryError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const statement = sql.trim().split('\n')[0]!.slice(0, 120);
  if (code === '40001' || code === '40P01') return new RegistryError('CONFLICT', `a concurrent change conflicted with this one: ${message}`, { cause: error });
  if (code === '23505') return new RegistryError('CONFLICT', message, { cause: error, details: { constraint: (error as { constraint?: string }).constraint ?? null } });
  if (code.startsWith('23')) return new RegistryError('INVALID', message, { cause: error, details: { statement } });
  return new RegistryError('REGISTRY_FAILED', `${message} (in: ${statement})`, { cause: error });
}
