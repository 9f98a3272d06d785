import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { listAudit, migrateAuditLog, recordAudit } from './audit-log.js';

describeRegistryBackends('audit log', (open) => {
  it('recordAudit(tx, entry) commits with its transaction and listAudit filters by entity', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateAuditLog(client);
      const actor = { userId: 'u1', name: 'ana' };
      await client.transaction(async (tx) => {
        await recordAudit(tx, { actor, action: 'create', entity: 'organisation', entityId: 'o1', after: { name: 'Acme' } });
        await recordAudit(tx, { actor, action: 'update', entity: 'organisation', entityId: 'o1', before: { name: 'Acme' }, after: { name: 'Acme KK' } });
      });
      await client
        .transaction(async (tx) => {
          await recordAudit(tx, { actor, action: 'delete', entity: 'organisation', entityId: 'o1', before: { name: 'Acme KK' } });
          throw new Error('rolled back');
        })
        .catch(() => {});
      await Promise.all(Array.from({ length: 10 }, (_, i) => client.transaction((tx) => recordAudit(tx, { actor, action: 'create', entity: 'linkage', entityId: `l${i}` }))));
      const entries = await listAudit(client, { entity: 'organisation' });
      expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
        ['create', null, '{"name":"Acme"}'],
        ['update', '{"name":"Acme"}', '{"name":"Acme KK"}'],
      ]);
      expect(entries[0]!.id).toBeLessThan(entries[1]!.id);
      expect((await listAudit(client, { entity: 'linkage', limit: 1000 })).length).toBe(10);
    } finally {
      await cleanup();
    }
  });
});
