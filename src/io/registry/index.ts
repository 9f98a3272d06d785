export type { SqlClient, SqlDialect, SqlRow, SqlValue, RegistryErrorCode } from './sql-client.js';
export { RegistryError } from './sql-client.js';
export { migrateComponent } from './migrate-component.js';
export type { RegistryMigration } from './migrate-component.js';
export { DuckDbSqlClient } from './duckdb-sql-client.js';
export { PostgresSqlClient } from './postgres-sql-client.js';
export { openRegistry, REGISTRY_FILE } from './open-registry.js';
export type { OpenRegistryOptions } from './open-registry.js';
