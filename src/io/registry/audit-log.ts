import { migrateComponent } from './migrate-component.js';
import type { SqlClient, SqlValue } from './sql-client.js';

/** Who did something: a user (by id and name) or the system (imports run from the CLI by a local user). */
export interface AuditActor {
  userId: string | null;
  name: string;
}

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'import' | 'login' | 'logout' | 'token-create' | 'token-revoke';

export interface AuditEntry {
  id: number;
  at: string;
  userId: string | null;
  userName: string;
  action: AuditAction;
  entity: string;
  entityId: string;
  /** JSON of the record before the change (null for create). */
  before: string | null;
  /** JSON of the record after the change (null for delete). */
  after: string | null;
}

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  userId?: string;
  limit?: number;
  /** Entries with id greater than this (paging forward). */
  afterId?: number;
}

const MIGRATIONS = [
  [
    'create sequence audit_log_id',
    'create table audit_log (id bigint primary key default nextval(\'audit_log_id\'), changed_at text not null, user_id text, user_name text not null, action text not null, entity text not null, entity_id text not null, before_json text, after_json text)',
    'create index audit_log_entity on audit_log (entity, entity_id)',
  ],
];

/** Creates or upgrades the audit_log table (component "audit"). */
export async function migrateAuditLog(client: SqlClient): Promise<void> {
  await migrateComponent(client, 'audit', MIGRATIONS);
}

/**
 * Appends one audit entry. Call it with the transaction client of the change it records, so the change and
 * its trace commit together or not at all. Ids increase monotonically (a sequence; ids of rolled-back
 * changes are skipped, never reused). `before`/`after` are serialised as JSON.
 */
export async function recordAudit(
  tx: SqlClient,
  entry: { actor: AuditActor; action: AuditAction; entity: string; entityId: string; before?: unknown; after?: unknown; at?: string },
): Promise<number> {
  const params: SqlValue[] = [
    entry.at ?? new Date().toISOString(),
    entry.actor.userId,
    entry.actor.name,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
    entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
  ];
  const [row] = await tx.all<{ id: number }>(
    'insert into audit_log (changed_at, user_id, user_name, action, entity, entity_id, before_json, after_json) values ($1, $2, $3, $4, $5, $6, $7, $8) returning id',
    params,
  );
  return row!.id;
}

/** Reads audit entries, oldest first, filtered by entity, entity id and user; at most `limit` (default 100, max 1000). */
export async function listAudit(client: SqlClient, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.entity !== undefined) where.push(`entity = $${params.push(query.entity)}`);
  if (query.entityId !== undefined) where.push(`entity_id = $${params.push(query.entityId)}`);
  if (query.userId !== undefined) where.push(`user_id = $${params.push(query.userId)}`);
  if (query.afterId !== undefined) where.push(`id > $${params.push(query.afterId)}`);
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  const rows = await client.all<{
    id: number; changed_at: string; user_id: string | null; user_name: string; action: string; entity: string; entity_id: string; before_json: string | null; after_json: string | null;
  }>(`select * from audit_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by id limit ${limit}`, params);
  return rows.map((r) => ({
    id: r.id,
    at: r.changed_at,
    userId: r.user_id,
    userName: r.user_name,
    action: r.action as AuditAction,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json,
    after: r.after_json,
  }));
}
