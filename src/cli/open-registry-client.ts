import { resolveDataDirectory } from '../io/default-data/data-directory.js';
import { openRegistry } from '../io/registry/open-registry.js';
import type { SqlClient } from '../io/registry/sql-client.js';

/**
 * Opens the registry (organisations, users, initiatives, audit log) for a CLI command: PostgreSQL when
 * CLUSTERLENS_DATABASE_URL is set, else `registry.duckdb` in the data directory. While a server holds the
 * embedded file, this fails with REGISTRY_LOCKED (use the server's HTTP API then).
 */
export async function openRegistryClient(dataDirFlag: string | undefined): Promise<{ client: SqlClient; dataDir: string }> {
  const dataDir = resolveDataDirectory(dataDirFlag);
  const client = await openRegistry({ dataDir, databaseUrl: process.env.CLUSTERLENS_DATABASE_URL });
  return { client, dataDir };
}
