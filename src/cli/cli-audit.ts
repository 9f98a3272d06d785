import { userInfo } from 'node:os';
import type { AuditAction, AuditActor } from '../io/registry/audit-log.js';
import type { SqlClient } from '../io/registry/sql-client.js';
import { AuditTrail } from '../service/audit/audit-trail.js';
import { openRegistryClient } from './open-registry-client.js';

/** The person running the CLI, as recorded in the audit log (`cli:<login name>`). */
export function cliActor(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (containers)
  }
  return { userId: null, name: `cli:${name}` };
}

/** One change made from the CLI, as the audit log records it (the actor is the CLI user). */
export interface CliChange {
  action: AuditAction;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Records changes the CLI has made to the statistics store (imports, cluster schemes, custom regions) in the
 * registry's audit log, as the HTTP API records its own: the registry of the same data directory, or
 * PostgreSQL when CLUSTERLENS_DATABASE_URL is set. The change has already committed, so a log that cannot be
 * written (a server holding the embedded registry, say) does not undo it: the command says so on stderr,
 * names what went unrecorded, and exits with status 0. Returns whether the entries were written.
 */
export async function recordCliChanges(dataDirFlag: string | undefined, changes: readonly CliChange[], stderr: NodeJS.WritableStream = process.stderr): Promise<boolean> {
  if (changes.length === 0) return true;
  const actor = cliActor();
  let client: SqlClient | undefined;
  try {
    ({ client } = await openRegistryClient(dataDirFlag));
    const trail = new AuditTrail(client);
    for (const change of changes) await trail.record({ actor, ...change });
    return true;
  } catch (error) {
    const what = changes.map((c) => `${c.action} ${c.entity} ${c.entityId}`).join(', ');
    stderr.write(`warning: done, but not recorded in the audit log (${what}): ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  } finally {
    await client?.close().catch(() => undefined);
  }
}
