import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { listAudit } from '../../src/io/registry/audit-log.js';
import type { AuditEntry } from '../../src/io/registry/audit-log.js';
import { openRegistry } from '../../src/io/registry/open-registry.js';
import { runCli } from '../helpers/run-cli.js';

// The CLI's writes to the statistics store go to the registry's audit log as the HTTP API's do (actor cli:<user>).
describe('clusterlens writes (import, regions add|delete, schemes delete) are recorded in the audit log', () => {
  let dataDir: string;
  const schemeCsv = join(process.cwd(), 'test/golden/cluster-schemes/naics-3digit-states-2011/scheme.csv');
  let user: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-cli-audit-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
    try {
      user = `cli:${userInfo().username}`;
    } catch {
      user = 'cli:unknown';
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The audit log of the data directory's registry, oldest first. */
  async function auditLog(): Promise<AuditEntry[]> {
    const client = await openRegistry({ dataDir });
    try {
      return await listAudit(client, { limit: 1000 });
    } finally {
      await client.close();
    }
  }
  const json = (text: unknown): Record<string, unknown> | null => (text === null ? null : (JSON.parse(String(text)) as Record<string, unknown>));

  test('import clusters, regions add (twice), regions delete, schemes delete and import csv each leave one entry with before and after', async () => {
    const cli = async (args: string[]): Promise<void> => {
      const r = await runCli([...args, '--data-dir', dataDir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('not recorded in the audit log');
    };
    await cli(['import', 'clusters', schemeCsv, '--scheme', 'audited', '--classification', 'NAICS2007']);
    await cli(['regions', 'add', 'Cascadia', '--members', 'WA,OR']);
    await cli(['regions', 'add', 'Cascadia', '--members', 'WA,OR,ID', '--replace']);
    await cli(['regions', 'delete', 'custom-cascadia']);
    await cli(['schemes', 'delete', 'audited']);
    const csv = join(dataDir, 'jobs.csv');
    writeFileSync(csv, 'state,naics,year,jobs\nUS-53,336411,1999,5\nUS-41,336411,1999,7\n');
    await cli(['import', 'csv', csv, '--dataset', 'audited-jobs', '--map', 'region=state,industry=naics,year=year,value=jobs', '--classification', 'NAICS2007']);
    // a dry run writes nothing and records nothing
    await cli(['import', 'csv', csv, '--dataset', 'audited-dry', '--map', 'region=state,industry=naics,year=year,value=jobs', '--classification', 'NAICS2007', '--dry-run']);

    const log = await auditLog();
    expect(log.map((e) => [e.userName, e.userId, e.action, e.entity, e.entityId])).toEqual([
      [user, null, 'create', 'cluster-scheme', 'audited'],
      [user, null, 'create', 'custom-region', 'custom-cascadia'],
      [user, null, 'update', 'custom-region', 'custom-cascadia'],
      [user, null, 'delete', 'custom-region', 'custom-cascadia'],
      [user, null, 'delete', 'cluster-scheme', 'audited'],
      [user, null, 'import', 'dataset', 'audited-jobs'],
    ]);
    const [scheme, created, updated, deleted, schemeDeleted, imported] = log;
    expect(json(scheme!.before)).toBeNull();
    expect(json(scheme!.after)).toMatchObject({ name: 'audited', classification: 'NAICS2007' });
    expect(json(created!.after)).toMatchObject({ id: 'custom-cascadia', members: ['US-41', 'US-53'] });
    expect(json(updated!.before)).toMatchObject({ members: ['US-41', 'US-53'] });
    expect(json(updated!.after)).toMatchObject({ members: ['US-16', 'US-41', 'US-53'] });
    expect(json(deleted!.before)).toMatchObject({ id: 'custom-cascadia', members: ['US-16', 'US-41', 'US-53'] });
    expect(json(deleted!.after)).toBeNull();
    expect(json(schemeDeleted!.before)).toMatchObject({ name: 'audited' });
    expect(json(imported!.before)).toBeNull();
    expect(json(imported!.after)).toMatchObject({
      id: 'audited-jobs', rowCount: 2, via: 'cli', kind: 'csv', file: csv, bytes: readFileSync(csv).length,
      sha256: createHash('sha256').update(readFileSync(csv)).digest('hex'), replaced: false,
    });
  });

  test('a registry held by another process: the change is made, stderr says it went unrecorded, the exit status is 0', async () => {
    const holder = await openRegistry({ dataDir });
    try {
      const r = await runCli(['regions', 'add', 'Held', '--members', 'WA', '--data-dir', dataDir]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('custom region custom-held');
      expect(r.stderr).toContain('warning: done, but not recorded in the audit log (create custom-region custom-held)');
    } finally {
      await holder.close();
    }
    const listed = await runCli(['regions', 'custom', '--format', 'json', '--data-dir', dataDir]);
    expect((JSON.parse(listed.stdout) as { regions: { id: string }[] }).regions.map((r) => r.id)).toContain('custom-held');
    expect((await auditLog()).some((e) => e.entityId === 'custom-held')).toBe(false);
  });
});
