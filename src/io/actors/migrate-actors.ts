import { migrateAuditLog } from '../registry/audit-log.js';
import { migrateComponent } from '../registry/migrate-component.js';
import type { RegistryMigration } from '../registry/migrate-component.js';
import type { SqlClient } from '../registry/sql-client.js';

/**
 * Schema of the registry component "actors" (append-only: add a migration, never edit a shipped one).
 * Lists (industry codes, keywords, programmes) are JSON text; timestamps ISO-8601 UTC text; soft deletes via
 * `deleted_at`; `version` counts committed changes of a row (optimistic concurrency).
 */
export const ACTORS_MIGRATIONS: readonly RegistryMigration[] = [
  [
    `create table organisations (
      id text primary key, name text not null, type text not null, employees integer, sme boolean, sme_rule text,
      industry_codes text not null, keywords text not null, region text, country text,
      latitude double precision, longitude double precision, source text not null,
      version integer not null, created_at text not null, updated_at text not null, deleted_at text)`,
    'create index organisations_country on organisations (country)',
    `create table linkages (
      id text primary key, source_id text not null, target_id text not null, type text not null, directed boolean not null,
      weight double precision not null, start_date text, end_date text, source text not null, project_id text,
      version integer not null, created_at text not null, updated_at text not null, deleted_at text)`,
    'create index linkages_source on linkages (source_id)',
    'create index linkages_target on linkages (target_id)',
    `create table projects (
      id text primary key, acronym text, title text, programme text, start_date text, end_date text, start_year integer,
      total_cost double precision, eu_contribution double precision, source text not null,
      version integer not null, created_at text not null, updated_at text not null, deleted_at text)`,
    'create table project_programmes (project_id text not null, programme text not null, primary key (project_id, programme))',
    `create table participations (
      project_id text not null, organisation_id text not null, role text not null, eu_contribution double precision,
      source text not null, primary key (project_id, organisation_id))`,
    'create index participations_organisation on participations (organisation_id)',
    `create table organisation_initiatives (
      organisation_id text not null, initiative_id text not null, source text not null, created_at text not null,
      deleted_at text, primary key (organisation_id, initiative_id))`,
    'create table actors_meta (key text primary key, value text not null)',
  ],
];

/** Creates or upgrades the actors tables and the audit log they write to. */
export async function migrateActors(client: SqlClient): Promise<void> {
  await migrateAuditLog(client);
  await migrateComponent(client, 'actors', ACTORS_MIGRATIONS);
}
