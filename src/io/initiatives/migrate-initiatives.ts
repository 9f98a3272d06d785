import { migrateAuditLog } from '../registry/audit-log.js';
import { migrateComponent } from '../registry/migrate-component.js';
import type { RegistryMigration } from '../registry/migrate-component.js';
import type { SqlClient } from '../registry/sql-client.js';

/**
 * Schema of the registry component "initiatives" (append-only: add a migration, never edit a shipped one).
 * Lists (target clusters, targets, budget lines) are JSON text; timestamps ISO-8601 UTC text; soft deletes via
 * `deleted_at`; `version` counts committed changes of a row (optimistic concurrency).
 */
export const INITIATIVES_MIGRATIONS: readonly RegistryMigration[] = [
  [
    `create table initiatives (
      id text primary key, name text not null, region text, region_name text, country text, sponsor text not null,
      sponsor_level text not null, core_body text, core_body_name text, target_clusters text not null, targets text not null,
      budget text not null, period_start integer, period_end integer, demonstration boolean not null, source text not null,
      version integer not null, created_at text not null, updated_at text not null, deleted_at text)`,
    'create index initiatives_region on initiatives (region)',
    `create table initiative_members (
      initiative_id text not null, organisation_id text not null, role text not null, primary key (initiative_id, organisation_id))`,
    `create table initiative_kpis (
      id text primary key, initiative_id text not null, kpi text not null, label text, year integer, value double precision not null,
      unit text not null, status text not null, source text not null, version integer not null, created_at text not null,
      updated_at text not null, deleted_at text)`,
    'create index initiative_kpis_initiative on initiative_kpis (initiative_id)',
    'create table initiatives_meta (key text primary key, value text not null)',
  ],
];

/** Creates or upgrades the initiatives tables (and the audit log they write to). */
export async function migrateInitiatives(client: SqlClient): Promise<void> {
  await migrateAuditLog(client);
  await migrateComponent(client, 'initiatives', INITIATIVES_MIGRATIONS);
}
