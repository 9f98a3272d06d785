/**
 * The narrow SQL boundary of the registry (organisations, linkages, users, sessions, tokens, initiatives,
 * audit log): the read-write, multi-user side of ClusterLens. Two implementations, one contract:
 * embedded DuckDB (a `registry.duckdb` file beside the statistics database) and PostgreSQL (the same
 * database as the statistics store in a shared deployment).
 *
 * Portable SQL only: `$1`-style parameters, types `text`, `integer`, `bigint`, `double precision`,
 * `boolean`; timestamps are ISO-8601 UTC strings in `text` columns, JSON documents are `text`. Values come
 * back as plain JS: integers and bigints as `number` (throws beyond 2^53), doubles as `number`, text as
 * `string`, booleans as `boolean`, NULL as `null`.
 */
export type SqlValue = string | number | boolean | null;

export type SqlRow = Record<string, SqlValue>;

export type SqlDialect = 'duckdb' | 'postgres';

export interface SqlClient {
  readonly dialect: SqlDialect;
  /** Runs one statement and returns its rows. */
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws (the error is rethrown). A write–write conflict with a concurrent transaction is a
   * RegistryError CONFLICT. Nested calls on the transaction's client join the same transaction.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type RegistryErrorCode =
  | 'REGISTRY_LOCKED'
  | 'REGISTRY_FAILED'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'CSRF_FAILED';

/** Errors of the registry layer, with a stable code the CLI and HTTP edges map (409 for CONFLICT …). */
export class RegistryError extends Error {
  readonly code: RegistryErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: RegistryErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RegistryError';
    this.code = code;
    this.details = options.details ?? {};
  }
}
