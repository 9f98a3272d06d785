import { migrateAuditLog, recordAudit } from '../../io/registry/audit-log.js';
import type { AuditAction, AuditActor } from '../../io/registry/audit-log.js';
import type { SqlClient } from '../../io/registry/sql-client.js';

/**
 * The audit log of writes that happen outside the registry's own tables (imports, cluster schemes and custom
 * regions live in the statistics store): after a write has committed there, `record` appends its entry (who,
 * what, before and after) to the registry's audit_log in a transaction of its own. The table is created on
 * first use (`ready`).
 */
export class AuditTrail {
  readonly registry: SqlClient;
  private table: Promise<void> | undefined;

  constructor(registry: SqlClient) {
    this.registry = registry;
  }

  /** The audit_log table, created once (retried after a failure). */
  ready(): Promise<void> {
    this.table ??= migrateAuditLog(this.registry);
    this.table.catch(() => (this.table = undefined));
    return this.table;
  }

  /** Appends one entry; its id. */
  async record(entry: { actor: AuditActor; action: AuditAction; entity: string; entityId: string; before?: unknown; after?: unknown }): Promise<number> {
    await this.ready();
    return this.registry.transaction((tx) => recordAudit(tx, entry));
  }
}
