import { basename } from 'node:path';
import { recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import type { SqlClient, SqlValue } from '../registry/sql-client.js';
import { ImportValidationError, IssueCollector } from '../importers/validation-report.js';
import { bulkInsert } from './bulk-insert.js';
import { ORGANISATION_BULK_COLUMNS } from './import-h2020.js';
import { readCsvRecords } from './read-csv-records.js';

/** The initiative id of a U.S. Cluster Mapping cluster: `us-cmp:` + the cluster name in kebab case. */
export function cmpClusterInitiativeId(clusterName: string): string {
  return `us-cmp:${clusterName.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/**
 * Imports the U.S. Cluster Mapping organisation ↔ cluster links (data/us-cmp-clusters/cmp_organizations_clusters.csv:
 * `org_id, org_title, cluster_name`): one organisation per org_id (`cmp:<org_id>`, type cluster-organisation,
 * country US, no region in the source) and one initiative membership per link (`us-cmp:<cluster>`). Checks
 * every row first (all or nothing); rows already in the registry are skipped. One audit entry.
 */
export async function importCmpOrganisations(
  registry: { client: SqlClient },
  path: string,
  options: { actor: AuditActor },
): Promise<{ organisations: number; memberships: number }> {
  const issues = new IssueCollector(basename(path), 'us-cmp-organisations');
  const organisations = new Map<string, { name: string; line: number }>();
  const memberships = new Map<string, number>();
  let columns: Record<string, number> = {};
  for await (const item of readCsvRecords(path, { onProblem: (p) => issues.error({ line: p.line, field: '*', code: p.code, message: p.message }) })) {
    if ('header' in item) {
      columns = Object.fromEntries(item.header.map((h, k) => [h.toLowerCase(), k]));
      for (const c of ['org_id', 'org_title', 'cluster_name']) {
        if (columns[c] === undefined) {
          issues.error({ line: 1, field: c, code: 'MISSING_COLUMN', message: `missing column ${c}` });
          throw new ImportValidationError(issues.report);
        }
      }
      continue;
    }
    issues.report.rowsRead++;
    const orgId = item.fields[columns.org_id!]!.trim();
    const title = item.fields[columns.org_title!]!.trim();
    const cluster = item.fields[columns.cluster_name!]!.trim();
    if (!/^\d+$/.test(orgId)) issues.error({ line: item.line, field: 'org_id', code: 'NOT_A_NUMBER', message: `org_id must be digits, got "${orgId}"` });
    if (title === '') issues.error({ line: item.line, field: 'org_title', code: 'MISSING_COLUMN', message: 'org_title is empty' });
    if (cluster === '') issues.error({ line: item.line, field: 'cluster_name', code: 'MISSING_COLUMN', message: 'cluster_name is empty' });
    const id = `cmp:${orgId}`;
    const known = organisations.get(id);
    if (known !== undefined && known.name !== title) {
      issues.error({ line: item.line, field: 'org_title', code: 'INCONSISTENT', message: `org ${orgId} is "${title}" here and "${known.name}" on line ${known.line}` });
    }
    if (known === undefined) organisations.set(id, { name: title, line: item.line });
    const key = `${id}|${cmpClusterInitiativeId(cluster)}`;
    if (memberships.has(key)) issues.warning({ line: item.line, field: 'cluster_name', code: 'DUPLICATE', message: `repeats line ${memberships.get(key)}` });
    else memberships.set(key, item.line);
  }
  if (issues.report.errorCount > 0) throw new ImportValidationError(issues.report);
  const now = new Date().toISOString();
  return registry.client.transaction(async (tx) => {
    // servers sharing one PostgreSQL that load the default data at once: one after the other (the later one then adds nothing)
    if (tx.dialect === 'postgres') await tx.all('select pg_advisory_xact_lock(hashtext($1))', ['clusterlens-actors-import']);
    const orgRows: SqlValue[][] = [...organisations].map(([id, o]) => [id, o.name, 'cluster-organisation', null, null, null, '[]', '[]', null, 'US', null, null, 'us-cmp', 1, now, now, null]);
    const memberRows: SqlValue[][] = [...memberships.keys()].map((k) => {
      const [org, initiative] = k.split('|') as [string, string];
      return [org, initiative, 'us-cmp', now, null];
    });
    const o = await bulkInsert(tx, 'organisations', ORGANISATION_BULK_COLUMNS, orgRows, { skipExistingBy: ['id'] });
    const m = await bulkInsert(
      tx,
      'organisation_initiatives',
      [{ name: 'organisation_id', type: 'text' }, { name: 'initiative_id', type: 'text' }, { name: 'source', type: 'text' }, { name: 'created_at', type: 'text' }, { name: 'deleted_at', type: 'text' }],
      memberRows,
      { skipExistingBy: ['organisation_id', 'initiative_id'] },
    );
    await recordAudit(tx, { actor: options.actor, action: 'import', entity: 'dataset', entityId: 'us-cmp', after: { files: [basename(path)], organisations: o, memberships: m }, at: now });
    return { organisations: o, memberships: m };
  });
}
