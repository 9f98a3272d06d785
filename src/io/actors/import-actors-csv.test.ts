import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { ImportValidationError } from '../importers/validation-report.js';
import { listAudit } from '../registry/audit-log.js';
import { ActorRegistry } from './actor-registry.js';
import { importActorsCsv } from './import-actors-csv.js';
import { importH2020 } from './import-h2020.js';
import { readNetworkData } from './read-network-data.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const cli = { userId: null, name: 'cli:test' };

describeRegistryBackends('actors importers', (open) => {
  it('importActorsCsv({ actors, linkages }) writes organisations, memberships and linkages with one audit entry', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      const result = await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor: cli });
      expect(result).toEqual({ organisations: 9, memberships: 5, linkages: 8, warnings: 0 });
      const byId = new Map((await registry.listOrganisations({ limit: 100 })).items.map((o) => [o.id, o]));
      expect([...byId.values()].map((o) => [o.id, o.type, o.sme])).toEqual(
        expect.arrayContaining([
          ['dna-a', 'sme', true],
          ['dna-b', 'large-firm', false],
          ['retail-x', 'large-firm', false],
          ['de-sme', 'sme', true],
          ['us-firm', 'sme', true],
          ['hb-core', 'cluster-organisation', null],
        ]),
      );
      expect(byId.get('plater')).toMatchObject({ name: 'Kansai Plating, Ltd.', keywords: ['metal plating', 'surface treatment', 'dna chips'], region: 'JP-27', source: 'csv:actors.csv' });
      expect(byId.get('hb-uni')).toMatchObject({ latitude: 43.07, longitude: 141.35, initiatives: ['hokkaido-bio'] });
      expect((await registry.getLinkage('l3'))).toMatchObject({ type: 'licence', directed: true, startDate: '2003-01-01', endDate: '2010-12-31' });
      expect((await registry.getLinkage('l2'))).toMatchObject({ directed: false, weight: 2 });
      const audit = await listAudit(client, { entity: 'dataset' });
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.after!)).toMatchObject({ files: ['actors.csv', 'linkages.csv'], organisations: expect.arrayContaining(['dna-a']) });
      // a second import of the same file refuses every id (all or nothing)
      const again = await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), actor: cli }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ImportValidationError);
      expect((again as ImportValidationError).report.errorCount).toBe(9);
    } finally {
      await cleanup();
    }
  });

  it('importActorsCsv refuses a bad file with file:line:field errors and writes nothing', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      const error = (await importActorsCsv(registry, { actors: join(fixtures, 'bad-actors.csv'), actor: cli }).catch((e: unknown) => e)) as ImportValidationError;
      expect(error).toBeInstanceOf(ImportValidationError);
      expect(error.report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [3, 'id', 'DUPLICATE'],
        [4, 'type', 'UNKNOWN_CODE'],
        [5, 'employees', 'NEGATIVE'],
        [6, 'type', 'INCONSISTENT'],
        [7, 'latitude', 'INCONSISTENT'],
      ]);
      expect(error.message).toContain('bad-actors.csv:3: field id');
      expect((await registry.listOrganisations()).total).toBe(0);
      expect(await listAudit(client)).toEqual([]);
      await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), actor: cli });
      const links = (await importActorsCsv(registry, { linkages: join(fixtures, 'bad-linkages.csv'), actor: cli }).catch((e: unknown) => e)) as ImportValidationError;
      expect(links.report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [3, 'type', 'UNKNOWN_CODE'],
        [4, 'weight', 'NEGATIVE'],
        [5, 'start_date', 'BAD_YEAR'],
        [2, 'target_id', 'UNKNOWN_CODE'],
      ]);
      expect((await registry.listLinkages()).total).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('importH2020(sample) maps activity types, builds projects with programmes and participations; a re-run adds nothing', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      const options = { participations: join(fixtures, 'h2020-sample.csv'), programmeParts: join(fixtures, 'h2020-sample-programmes.csv'), actor: cli };
      const first = await importH2020(registry, options);
      expect(first.organisations).toEqual({ read: 40, inserted: 40, skipped: 0 });
      expect(first.projects).toEqual({ read: 3, inserted: 3, skipped: 0 });
      expect(first.participations).toEqual({ read: 42, inserted: 42, skipped: 0 });
      expect(await registry.getOrganisation('pic:998802502')).toMatchObject({ type: 'research-institute', country: 'EL', source: 'h2020', sme: null });
      expect(await registry.getOrganisation('pic:998616262')).toMatchObject({ type: 'firm', country: 'BE' });
      const projects = await registry.projectsOf('pic:998802502');
      expect(projects.map((p) => [p.id, p.programmes, p.role])).toEqual([
        ['h2020:223246', ['SC5'], 'coordinator'],
        ['h2020:221856', ['SC4'], 'participant'],
        ['h2020:207027', ['LEIT'], 'participant'],
      ]);
      expect(projects[1]).toMatchObject({ startDate: '2019-05-01', totalCost: 2928125, euContribution: 2927875, organisationContribution: 225625 });
      const nullContribution = await registry.getProject('h2020:207027');
      expect(nullContribution!.participants.find((p) => p.organisationId === 'pic:923546022')!.euContribution).toBeNull();
      const second = await importH2020(registry, options);
      expect(second.participations).toEqual({ read: 42, inserted: 0, skipped: 42 });
      expect(second.organisations.inserted).toBe(0);
      expect((await listAudit(client, { entity: 'dataset', entityId: 'h2020' })).map((e) => e.action)).toEqual(['import', 'import']);
      const network = await readNetworkData(client, { programme: 'sc5' });
      expect(network.organisations.ids).toHaveLength(19);
      expect(network.participations.organisations).toHaveLength(19);
      expect(network.projects.programmes).toEqual([['SC5']]);
      const greek = await readNetworkData(client, { countries: ['GR'] });
      expect(greek.organisations.ids.sort()).toEqual(['pic:919319247', 'pic:965342449', 'pic:998802502', 'pic:999654356']);
      expect(greek.participations.organisations).toHaveLength(6);
    } finally {
      await cleanup();
    }
  });

  it('importH2020 refuses unknown activity types, negative or non-numeric amounts, bad dates and duplicate rows, writing nothing', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      const error = (await importH2020(registry, { participations: join(fixtures, 'h2020-bad.csv'), actor: cli }).catch((e: unknown) => e)) as ImportValidationError;
      expect(error).toBeInstanceOf(ImportValidationError);
      expect(error.report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [3, 'type', 'UNKNOWN_CODE'],
        [4, 'contribution', 'NEGATIVE'],
        [5, 'pic', 'DUPLICATE'],
        [6, 'contribution', 'NOT_A_NUMBER'],
        [6, 'start_date', 'BAD_YEAR'],
      ]);
      expect((await registry.listOrganisations()).total).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('readNetworkData(filter) joins explicit linkages between the filtered organisations and leaves deleted ones out', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor: cli });
      const all = await readNetworkData(client);
      expect(all.organisations.ids).toHaveLength(9);
      expect(all.linkages.sources).toHaveLength(8);
      const japan = await readNetworkData(client, { countries: ['JP'] });
      expect(japan.organisations.ids).toHaveLength(7);
      expect(japan.linkages.types).toHaveLength(7);
      await registry.deleteLinkage('l2', undefined, cli);
      await registry.deleteOrganisation('retail-x', undefined, cli);
      const after = await readNetworkData(client, { countries: ['JP'] });
      expect(after.organisations.ids).not.toContain('retail-x');
      expect(after.linkages.types).toHaveLength(5);
      const in2008 = await readNetworkData(client, { fromYear: 2011, toYear: 2012 });
      expect(in2008.linkages.types).not.toContain('licence');
    } finally {
      await cleanup();
    }
  });
});
