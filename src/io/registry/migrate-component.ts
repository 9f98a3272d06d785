import type { SqlClient, SqlDialect } from './sql-client.js';
import { RegistryError } from './sql-client.js';

/** One schema step of a registry component: statements for both dialects, or per dialect. */
export type RegistryMigration = readonly string[] | { readonly duckdb: readonly string[]; readonly postgres: readonly string[] };

/**
 * Applies the migrations of one registry component ("actors", "auth", "policy" …) that are not yet
 * recorded in `registry_migrations`, in order, each in its own transaction. Append only: never edit a
 * migration that has shipped, add the next one. Components version independently, so separate features
 * can evolve their tables without a global schema number. On PostgreSQL a transaction-level advisory lock
 * serialises servers that start at once against one database.
 *
 * Throws RegistryError REGISTRY_FAILED when the database records a version newer than this code knows.
 */
export async function migrateComponent(client: SqlClient, component: string, migrations: readonly RegistryMigration[]): Promise<void> {
  await client.transaction(async (tx) => {
    // concurrent `create table if not exists` races on PostgreSQL's catalog: take the lock first
    if (tx.dialect === 'postgres') await tx.all('select pg_advisory_xact_lock(hashtext($1))', ['clusterlens-registry']);
    await tx.run(
      'create table if not exists registry_migrations (component text not null, version integer not null, applied_at text not null, primary key (component, version))',
    );
  });
  for (let index = 0; index < migrations.length; index++) {
    const version = index + 1;
    await client.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.all('select pg_advisory_xact_lock(hashtext($1))', [`clusterlens-registry-${component}`]);
      const rows = await tx.all<{ version: number | null }>('select max(version) as version from registry_migrations where component = $1', [component]);
      const current = rows[0]?.version ?? 0;
      if (current > migrations.length) {
        throw new RegistryError('REGISTRY_FAILED', `registry component ${component} is at schema version ${current}, newer than this ClusterLens (${migrations.length})`);
      }
      if (current >= version) return;
      for (const statement of statementsFor(migrations[index]!, tx.dialect)) await tx.run(statement);
      await tx.run('insert into registry_migrations (component, version, applied_at) values ($1, $2, $3)', [component, version, new Date().toISOString()]);
    });
  }
}

function statementsFor(migration: RegistryMigration, dialect: SqlDialect): readonly string[] {
  if (Array.isArray(migration)) return migration as readonly string[];
  const perDialect = migration as { readonly duckdb: readonly string[]; readonly postgres: readonly string[] };
  return perDialect[dialect];
}
