import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbSqlClient } from './duckdb-sql-client.js';
import { PostgresSqlClient } from './postgres-sql-client.js';
import type { SqlClient } from './sql-client.js';

/** File name of the embedded registry database inside the data directory. */
export const REGISTRY_FILE = 'registry.duckdb';

export interface OpenRegistryOptions {
  /** Data directory of the embedded databases (see resolveDataDirectory). */
  dataDir: string;
  /** PostgreSQL connection string (CLUSTERLENS_DATABASE_URL): the registry then lives in that database. */
  databaseUrl?: string;
}

/**
 * Opens the registry's SQL client: the shared PostgreSQL database when a connection string is given,
 * else `registry.duckdb` in the data directory (created on first use). The statistics database stays
 * read-only while the server runs; the registry is the one read-write file, held by one process.
 * Components run their own migrations (migrateComponent) before use.
 */
export async function openRegistry(options: OpenRegistryOptions): Promise<SqlClient> {
  if (options.databaseUrl) return PostgresSqlClient.open(options.databaseUrl);
  mkdirSync(options.dataDir, { recursive: true });
  return DuckDbSqlClient.open(join(options.dataDir, REGISTRY_FILE));
}
