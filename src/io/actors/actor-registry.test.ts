import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { listAudit } from '../registry/audit-log.js';
import { RegistryError } from '../registry/sql-client.js';
import { ActorRegistry } from './actor-registry.js';

const ana = { userId: 'u-ana', name: 'ana' };
const ben = { userId: 'u-ben', name: 'ben' };

describeRegistryBackends('ActorRegistry', (open) => {
  it('createOrganisation(input, actor) derives the SME flag, stores the record and its audit entry in one transaction', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      const firm = await registry.createOrganisation({ id: 'acme', name: 'Acme KK', type: 'firm', employees: 120, country: 'jp', industryCodes: ['jsic:I56'], keywords: ['retail', 'retail', ' robots '], initiatives: ['kobe-energy'] }, ana);
      expect(firm).toMatchObject({ id: 'acme', type: 'large-firm', sme: false, smeRule: 'jp-sme-basic-act:retail', country: 'JP', keywords: ['retail', 'robots'], initiatives: ['kobe-energy'], version: 1, deletedAt: null });
      const maker = await registry.createOrganisation({ name: 'Maker', type: 'firm', employees: 120, country: 'JP', industryCodes: ['jsic:E'] }, ana);
      expect(maker).toMatchObject({ type: 'sme', sme: true, smeRule: 'jp-sme-basic-act:manufacturing', source: 'api' });
      expect(maker.id).toMatch(/^org-/);
      const uni = await registry.createOrganisation({ id: 'uni', name: 'Kobe University', type: 'university', employees: 3000, country: 'JP' }, ana);
      expect(uni).toMatchObject({ type: 'university', sme: null });
      const entries = await listAudit(client, { entity: 'organisation', entityId: 'acme' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', userId: 'u-ana', userName: 'ana', before: null });
      expect(JSON.parse(entries[0]!.after!)).toMatchObject({ id: 'acme', type: 'large-firm' });
      await expect(registry.createOrganisation({ id: 'acme', name: 'again', type: 'other' }, ana)).rejects.toMatchObject({ code: 'CONFLICT' });
      const invalid = await registry.createOrganisation({ name: 'X', type: 'sme', employees: 900, country: 'DE' }, ana).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(RegistryError);
      expect((invalid as RegistryError).code).toBe('INVALID');
      expect((invalid as RegistryError).details.problems).toEqual([expect.objectContaining({ field: 'type' })]);
      await expect(registry.createOrganisation({ name: '', type: 'bogus' as never }, ana)).rejects.toMatchObject({ code: 'INVALID' });
    } finally {
      await cleanup();
    }
  });

  it('listOrganisations(query) filters by type, country (EL = GR), region prefix, text and initiative, with paging', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'a', name: 'Athens Lab', type: 'research-institute', country: 'EL', region: 'EL30', keywords: ['photonics'] }, ana);
      await registry.createOrganisation({ id: 'b', name: 'Berlin Optics', type: 'firm', employees: 40, country: 'DE', region: 'DE30', keywords: ['photonics', 'lasers'], initiatives: ['optec'] }, ana);
      await registry.createOrganisation({ id: 'c', name: 'Munich 100%', type: 'firm', employees: 4000, country: 'DE', region: 'DE21' }, ana);
      const ids = async (q: Parameters<ActorRegistry['listOrganisations']>[0]): Promise<string[]> => (await registry.listOrganisations(q)).items.map((o) => o.id);
      expect(await ids({ country: 'GR' })).toEqual(['a']);
      expect(await ids({ country: 'de', type: 'sme' })).toEqual(['b']);
      expect(await ids({ region: 'de2' })).toEqual(['c']);
      expect(await ids({ query: 'PHOTONICS' })).toEqual(['a', 'b']);
      expect(await ids({ query: '100%' })).toEqual(['c']);
      expect(await ids({ query: '1_0' })).toEqual([]);
      expect(await ids({ initiative: 'optec' })).toEqual(['b']);
      const page = await registry.listOrganisations({ limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(page.items.map((o) => o.id)).toEqual(['b', 'c']);
    } finally {
      await cleanup();
    }
  });

  it('updateOrganisation(id, version, patch) bumps the version, audits before/after, and refuses a stale version with CONFLICT', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'o', name: 'Old name', type: 'firm', employees: 20, country: 'DE' }, ana);
      const updated = await registry.updateOrganisation('o', 1, { name: 'New name', employees: 800 }, ben);
      expect(updated).toMatchObject({ name: 'New name', employees: 800, type: 'large-firm', sme: false, version: 2 });
      const stale = await registry.updateOrganisation('o', 1, { name: 'Lost update' }, ana).catch((e: unknown) => e);
      expect((stale as RegistryError).code).toBe('CONFLICT');
      expect((stale as RegistryError).details).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
      expect((await registry.getOrganisation('o'))!.name).toBe('New name');
      await expect(registry.updateOrganisation('nope', 1, { name: 'x' }, ana)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const entries = await listAudit(client, { entity: 'organisation', entityId: 'o' });
      expect(entries.map((e) => [e.action, e.userName])).toEqual([['create', 'ana'], ['update', 'ben']]);
      expect(JSON.parse(entries[1]!.before!)).toMatchObject({ name: 'Old name', version: 1 });
      expect(JSON.parse(entries[1]!.after!)).toMatchObject({ name: 'New name', version: 2 });
    } finally {
      await cleanup();
    }
  });

  it('two concurrent updates of the same version: exactly one wins, the other is CONFLICT (no lost update)', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'o', name: 'Start', type: 'other' }, ana);
      const results = await Promise.allSettled([
        registry.updateOrganisation('o', 1, { name: 'by ana' }, ana),
        registry.updateOrganisation('o', 1, { name: 'by ben' }, ben),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0]!.reason as RegistryError).code).toBe('CONFLICT');
      const final = (await registry.getOrganisation('o'))!;
      expect(final.version).toBe(2);
      expect(final.name).toBe((fulfilled[0] as PromiseFulfilledResult<{ name: string }>).value.name);
      expect((await listAudit(client, { entity: 'organisation', entityId: 'o' })).map((e) => e.action)).toEqual(['create', 'update']);
    } finally {
      await cleanup();
    }
  });

  it('deleteOrganisation soft-deletes: gone from lists and gets, kept with includeDeleted and in the audit log', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'o', name: 'Gone soon', type: 'other', initiatives: ['x'] }, ana);
      await expect(registry.deleteOrganisation('o', 7, ana)).rejects.toMatchObject({ code: 'CONFLICT' });
      const deleted = await registry.deleteOrganisation('o', 1, ana);
      expect(deleted.deletedAt).not.toBeNull();
      expect(deleted.version).toBe(2);
      expect(await registry.getOrganisation('o')).toBeNull();
      expect((await registry.listOrganisations()).total).toBe(0);
      expect((await registry.listOrganisations({ includeDeleted: true })).items.map((o) => o.id)).toEqual(['o']);
      await expect(registry.deleteOrganisation('o', undefined, ana)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const [{ n }] = (await client.all<{ n: number }>('select count(*) as n from organisations')) as [{ n: number }];
      expect(n).toBe(1);
      expect((await listAudit(client, { entity: 'organisation' })).map((e) => e.action)).toEqual(['create', 'delete']);
    } finally {
      await cleanup();
    }
  });

  it('linkages: create checks both ends, update is versioned, delete is soft, each change audited', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'a', name: 'A', type: 'other' }, ana);
      await registry.createOrganisation({ id: 'b', name: 'B', type: 'other' }, ana);
      const link = await registry.createLinkage({ id: 'l1', sourceId: 'a', targetId: 'b', type: 'supplier', startDate: '2020-01-01' }, ana);
      expect(link).toMatchObject({ directed: true, weight: 1, version: 1, source: 'api' });
      const joint = await registry.createLinkage({ sourceId: 'a', targetId: 'b', type: 'joint-rnd', weight: 2.5 }, ana);
      expect(joint.directed).toBe(false);
      const bad = await registry.createLinkage({ sourceId: 'a', targetId: 'zz', type: 'friend' as never, weight: -1, startDate: '2020-02-30' }, ana).catch((e: unknown) => e);
      expect((bad as RegistryError).code).toBe('INVALID');
      expect(((bad as RegistryError).details.problems as { field: string }[]).map((p) => p.field).sort()).toEqual(['startDate', 'targetId', 'type', 'weight']);
      const updated = await registry.updateLinkage('l1', 1, { weight: 3, endDate: '2022-12-31' }, ben);
      expect(updated).toMatchObject({ weight: 3, endDate: '2022-12-31', version: 2 });
      await expect(registry.updateLinkage('l1', 1, { weight: 4 }, ana)).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(registry.updateLinkage('l1', 2, { endDate: '2019-01-01' }, ana)).rejects.toMatchObject({ code: 'INVALID' });
      await registry.deleteLinkage('l1', 2, ben);
      expect((await registry.listLinkages({ organisationId: 'b' })).items.map((l) => l.type)).toEqual(['joint-rnd']);
      expect((await listAudit(client, { entity: 'linkage', entityId: 'l1' })).map((e) => `${e.action}:${e.userName}`)).toEqual(['create:ana', 'update:ben', 'delete:ben']);
    } finally {
      await cleanup();
    }
  });
});
