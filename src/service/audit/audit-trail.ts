import { migrateAuditLog, recordAudit } from '../../io/registry/audit-log.js';
import type { AuditAction, AuditActor } from '../../io/registry/audit-log.js';
import type { SqlClient } from '../../io/registry/sql-client.js';

/**
 * The audit log of writes that happen outside the registry's own tables (cluster schemes and custom regions
 * live in the statistics store): after a write has committed there, `record` appends its entry (who, what,
 * before and after) to the registry's audit_log in a transaction of its own, creating the table on first use.
 * Without a registry (a server run without one) nothing is recorded and `record` answers null.
 */
export class AuditTrail {
  private readonly registry: SqlClient | undefined;
  private ready: Promise<void> | undefined;

  constructor(registry: SqlClient | undefined) {
    this.registry = registry;
  }

  /** Appends one entry; its id, or null without a registry. */
  async record(entry: { actor: AuditActor; action: AuditAction; entity: string; entityId: string; before?: unknown; after?: unknown }): Promise<number | null> {
    const registry = this.registry;
    if (registry === undefined) return null;
    this.ready ??= migrateAuditLog(registry);
    this.ready.catch(() => (this.ready = undefined));
    await this.ready;
    return registry.transaction((tx) => recordAudit(tx, entry));
  }
}
