import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { listAudit } from '../registry/audit-log.js';
import { RegistryError } from '../registry/sql-client.js';
import { ensureDemonstrationInitiatives } from './ensure-demonstration-initiatives.js';
import { importInitiativesFiles } from './import-initiatives-file.js';
import { InitiativeRegistry } from './initiative-registry.js';

const ana = { userId: 'u-ana', name: 'ana' };
const ben = { userId: 'u-ben', name: 'ben' };

const kobe = {
  id: 'kobe-medical',
  name: 'Kobe Biomedical Innovation Cluster',
  region: 'JP-28',
  country: 'jp',
  sponsor: 'City of Kobe',
  sponsorLevel: 'local' as const,
  coreBody: 'org-fbri',
  targetClusters: ['biopharmaceuticals', 'medical-devices'],
  targets: ['medical devices', 'regenerative medicine'],
  budget: [{ amount: 1.5e9, currency: 'jpy', year: 2005, source: 'city budget' }],
  periodStart: 1998,
  periodEnd: 2010,
  members: [{ organisationId: 'org-fbri', role: 'core body' }, { organisationId: 'org-kobe-u', role: 'university' }],
};

describeRegistryBackends('InitiativeRegistry', (open) => {
  it('create(input, actor) stores the initiative, its members and budget lines with an audit entry in one transaction', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await InitiativeRegistry.open(client);
      const created = await registry.create(kobe, ana);
      expect(created).toMatchObject({ id: 'kobe-medical', country: 'JP', version: 1, deletedAt: null, demonstration: false, source: 'entered' });
      expect(created.budget).toEqual([{ amount: 1.5e9, currency: 'JPY', year: 2005, source: 'city budget' }]);
      expect(created.members.map((m) => m.organisationId)).toEqual(['org-fbri', 'org-kobe-u']);
      const entries = await listAudit(client, { entity: 'initiative', entityId: 'kobe-medical' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'create', userId: 'u-ana', before: null });
      await expect(registry.create(kobe, ana)).rejects.toMatchObject({ code: 'CONFLICT' });
      const invalid = await registry.create({ name: '', sponsor: 'x', sponsorLevel: 'global' as never, periodStart: 2010, periodEnd: 2000 }, ana).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(RegistryError);
      expect((invalid as RegistryError).details.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' }), expect.objectContaining({ field: 'sponsorLevel' }), expect.objectContaining({ field: 'periodEnd' })]));
      const slugged = await registry.create({ name: 'Kobe Biomedical Innovation Cluster', sponsor: 'x', sponsorLevel: 'local' }, ana);
      expect(slugged.id).toBe('kobe-biomedical-innovation-cluster');
      expect((await registry.list()).map((i) => i.id)).toEqual(['kobe-biomedical-innovation-cluster', 'kobe-medical']);
    } finally {
      await cleanup();
    }
  });

  it('update(id, version, patch, actor) bumps the version, replaces members, audits before/after, and refuses a stale version with CONFLICT', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await InitiativeRegistry.open(client);
      await registry.create(kobe, ana);
      const updated = await registry.update('kobe-medical', 1, { periodEnd: 2015, members: [{ organisationId: 'org-fbri', role: 'core body' }] }, ben);
      expect(updated).toMatchObject({ version: 2, periodEnd: 2015, periodStart: 1998 });
      expect(updated.members).toHaveLength(1);
      const stale = await registry.update('kobe-medical', 1, { name: 'lost update' }, ana).catch((e: unknown) => e);
      expect(stale).toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 1, currentVersion: 2 } });
      expect((await registry.get('kobe-medical')).name).toBe(kobe.name);
      const audit = await listAudit(client, { entity: 'initiative', entityId: 'kobe-medical' });
      expect(audit.map((e) => e.action)).toEqual(['create', 'update']);
      expect(JSON.parse(audit[1]!.before!)).toMatchObject({ version: 1, periodEnd: 2010 });
      expect(JSON.parse(audit[1]!.after!)).toMatchObject({ version: 2, periodEnd: 2015 });
      await expect(registry.update('nope', 1, {}, ana)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await cleanup();
    }
  });

  it('delete(id, version, actor) is soft and audited; KPIs are added, listed and audited', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await InitiativeRegistry.open(client);
      await registry.create(kobe, ana);
      const kpi = await registry.addKpi('kobe-medical', { kpi: 'jobs', year: 2008, value: 4300, status: 'published', source: 'city report' }, ana);
      expect(kpi).toMatchObject({ kpi: 'jobs', unit: 'jobs', value: 4300, year: 2008 });
      await registry.addKpi('kobe-medical', { kpi: 'smes-involved', value: 120, status: 'expected', source: 'plan' }, ana);
      await expect(registry.addKpi('kobe-medical', { kpi: 'custom', value: 1, status: 'published', source: 's' }, ana)).rejects.toMatchObject({ code: 'INVALID' });
      await expect(registry.addKpi('kobe-medical', { kpi: 'sales', value: 1, status: 'published', source: 's' }, ana)).rejects.toMatchObject({ code: 'INVALID' });
      expect((await registry.kpis('kobe-medical')).map((k) => k.kpi)).toEqual(['jobs', 'smes-involved']);
      expect(await listAudit(client, { entity: 'initiative-kpi' })).toHaveLength(2);
      await expect(registry.delete('kobe-medical', 7, ben)).rejects.toMatchObject({ code: 'CONFLICT' });
      const deleted = await registry.delete('kobe-medical', 1, ben);
      expect(deleted.deletedAt).not.toBeNull();
      await expect(registry.get('kobe-medical')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await registry.list()).toEqual([]);
      expect(await registry.list({ includeDeleted: true })).toHaveLength(1);
      await expect(registry.addKpi('kobe-medical', { kpi: 'jobs', value: 1, status: 'published', source: 's' }, ana)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const audit = await listAudit(client, { entity: 'initiative', entityId: 'kobe-medical' });
      expect(audit.map((e) => e.action)).toEqual(['create', 'delete']);
      expect(audit[1]).toMatchObject({ userName: 'ben', after: null });
    } finally {
      await cleanup();
    }
  });

  it('ensureDemonstrationInitiatives(registry) loads the shipped initiatives once, marked demonstration, with their published figures only', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await InitiativeRegistry.open(client);
      const added = await ensureDemonstrationInitiatives(registry, { env: {} });
      expect(added).toBe(7);
      expect(await ensureDemonstrationInitiatives(registry, { env: {} })).toBe(0);
      const list = await registry.list();
      expect(list).toHaveLength(7);
      expect(list.every((i) => i.demonstration)).toBe(true);
      const meti = await registry.get('meti-industrial-cluster-plan');
      expect(meti.budget.map((b) => [b.amount, b.currency, b.year])).toEqual([[29.4e9, 'JPY', 2002], [52.2e9, 'JPY', null]]);
      expect(meti.periodStart).toBe(2002);
      const kpis = await registry.kpis('meti-industrial-cluster-plan');
      expect(kpis.find((k) => k.kpi === 'smes-involved')).toMatchObject({ value: 3000, status: 'expected', year: null });
      expect((await registry.get('glasgow-joint-economic-strategy')).region).toBe('UKM3');
      const audit = await listAudit(client, { entity: 'initiative', limit: 1000 });
      expect(audit).toHaveLength(7);
      expect(audit.every((e) => e.action === 'import' && e.userName === 'clusterlens demonstration data')).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it('importInitiativesFiles(registry, files) imports JSON and CSV all or nothing, naming file, line and field', async () => {
    const { client, cleanup } = await open();
    const directory = mkdtempSync(join(tmpdir(), 'clusterlens-initiatives-'));
    try {
      const registry = await InitiativeRegistry.open(client);
      const json = join(directory, 'initiatives.json');
      writeFileSync(json, JSON.stringify({ initiatives: [{ ...kobe, kpis: [{ kpi: 'spin-outs', year: 2009, value: 12, status: 'published', source: 'report' }] }] }, null, 2));
      const kpiCsv = join(directory, 'kpis.csv');
      writeFileSync(kpiCsv, 'initiative,kpi,label,year,value,unit,status,source\nkobe-medical,jobs,,2010,5000,,published,city report\nkobe-medical,sales,,2010,12,JPY bn,estimated,estimate\n');
      const result = await importInitiativesFiles(registry, [json, kpiCsv], ana);
      expect(result).toMatchObject({ initiatives: 1, kpis: 3, ids: ['kobe-medical'] });
      expect((await registry.kpis('kobe-medical')).map((k) => k.kpi).sort()).toEqual(['jobs', 'sales', 'spin-outs']);
      expect((await listAudit(client, { entity: 'initiative' }))[0]).toMatchObject({ action: 'import' });

      const csv = join(directory, 'more.csv');
      writeFileSync(csv, 'id,name,sponsor,sponsorLevel,targetClusters,periodStart\nok-one,OK one,Agency,regional,automotive;plastics,2005\nbad-two,Bad two,Agency,galactic,,2005\n');
      const error = await importInitiativesFiles(registry, [csv], ana).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as Error).message).toBe('more.csv:3: sponsorLevel: sponsorLevel must be national, regional or local; got "galactic"');
      const badKpi = join(directory, 'bad-kpis.csv');
      writeFileSync(badKpi, 'initiative,kpi,year,value,status,source\nok-one,jobs,2010,5,published,x\nmissing-one,jobs,2010,5,published,x\n');
      const missing = await importInitiativesFiles(registry, [badKpi], ana).catch((e: unknown) => e);
      expect((missing as Error).message).toMatch(/^bad-kpis\.csv:2: initiative: no initiative "ok-one"/);
      await expect(registry.get('ok-one')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const dup = join(directory, 'dup.json');
      writeFileSync(dup, JSON.stringify([{ id: 'new-one', name: 'N', sponsor: 'S', sponsorLevel: 'local' }, { ...kobe }], null, 2));
      const conflict = await importInitiativesFiles(registry, [dup], ana).catch((e: unknown) => e);
      expect((conflict as Error).message).toMatch(/^dup\.json:8: id: initiative kobe-medical already exists/);
      await expect(registry.get('new-one')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      rmSync(directory, { recursive: true, force: true });
      await cleanup();
    }
  });
});
