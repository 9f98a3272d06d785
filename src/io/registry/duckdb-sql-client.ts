import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { SqlClient, SqlRow, SqlValue } from './sql-client.js';
import { RegistryError } from './sql-client.js';

/**
 * SqlClient on an embedded DuckDB file (or ':memory:'). Every statement outside a transaction and every
 * transaction gets a connection of its own from a small pool, so concurrent HTTP requests never share a
 * connection mid-statement; DuckDB's optimistic concurrency control reports conflicting writes, which
 * surface as RegistryError CONFLICT. One process holds the file read-write: a second process gets
 * REGISTRY_LOCKED.
 */
export class DuckDbSqlClient implements SqlClient {
  readonly dialect = 'duckdb' as const;
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;

  private constructor(path: string, instance: DuckDBInstance) {
    this.path = path;
    this.instance = instance;
  }

  static async open(path: string): Promise<DuckDbSqlClient> {
    try {
      return new DuckDbSqlClient(path, await DuckDBInstance.create(path));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/lock/i.test(message)) {
        throw new RegistryError('REGISTRY_LOCKED', `registry ${path} is in use by another process (is a ClusterLens server running on it? use its HTTP API, or stop it): ${message}`, { cause: error });
      }
      throw new RegistryError('REGISTRY_FAILED', `cannot open registry ${path}: ${message}`, { cause: error });
    }
  }

  async all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.withConnection((connection) => readRows<T>(connection, sql, params));
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.withConnection((connection) => runStatement(connection, sql, params));
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.withConnection(async (connection) => {
      await runStatement(connection, 'begin transaction', []);
      let result: T;
      try {
        result = await work(new DuckDbTransaction(connection));
        await runStatement(connection, 'commit', []);
      } catch (error) {
        await connection.run('rollback').catch(() => {});
        throw error;
      }
      return result;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.instance.closeSync();
  }

  private async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) throw new RegistryError('REGISTRY_FAILED', `registry ${this.path} is closed`);
    const connection = this.idle.pop() ?? (await this.instance.connect());
    try {
      return await work(connection);
    } finally {
      if (this.closed || this.idle.length >= 8) connection.closeSync();
      else this.idle.push(connection);
    }
  }
}

/** The client handed to a transaction's work: statements on the transaction's connection. */
class DuckDbTransaction implements SqlClient {
  readonly dialect = 'duckdb' as const;
  private readonly connection: DuckDBConnection;
  constructor(connection: DuckDBConnection) {
    this.connection = connection;
  }
  all<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return readRows<T>(this.connection, sql, params);
  }
  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return runStatement(this.connection, sql, params);
  }
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }
  async close(): Promise<void> {}
}

async function readRows<T extends SqlRow>(connection: DuckDBConnection, sql: string, params: readonly SqlValue[]): Promise<T[]> {
  try {
    const reader = await connection.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS().map((row) => plainRow(row) as T);
  } catch (error) {
    throw driverError(error, sql);
  }
}

async function runStatement(connection: DuckDBConnection, sql: string, params: readonly SqlValue[]): Promise<number> {
  try {
    const result = await connection.run(sql, params as DuckDBValue[]);
    return result.rowsChanged;
  } catch (error) {
    throw driverError(error, sql);
  }
}

function plainRow(row: Record<string, unknown>): SqlRow {
  const out: SqlRow = {};
  for (const key of Object.keys(row)) out[key] = plainValue(row[key], key);
  return out;
}

function plainValue(value: unknown, column: string): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RegistryError('REGISTRY_FAILED', `column ${column}: integer ${value} is beyond 2^53`);
    }
    return Number(value);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function driverError(error: unknown, sql: string): RegistryError {
  if (error instanceof RegistryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/conflict/i.test(message)) return new RegistryError('CONFLICT', `a concurrent change conflicted with this one: ${message}`, { cause: error });
  if (/duplicate key/i.test(message)) return new RegistryError('CONFLICT', message, { cause: error, details: { statement: firstLine(sql) } });
  if (/constraint/i.test(message)) return new RegistryError('INVALID', message, { cause: error, details: { statement: firstLine(sql) } });
  return new RegistryError('REGISTRY_FAILED', `${message} (in: ${firstLine(sql)})`, { cause: error });
}

function firstLine(sql: string): string {
  return sql.trim().split('\n')[0]!.slice(0, 120);
}
