import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { ActorRegistry, importActorsCsv } from '../../io/actors/index.js';
import { PostgresSqlClient } from '../../io/registry/postgres-sql-client.js';
import { ActorService, filterKey } from './actor-service.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const actor = { userId: 'u1', name: 'ana' };

it('filterKey(filter) ignores the order of lists and the case and aliases of codes', () => {
  expect(filterKey({ countries: ['gr', 'DE'], types: ['sme', 'university'] })).toBe(filterKey({ countries: ['DE', 'EL'], types: ['university', 'sme'] }));
  expect(filterKey({ programme: 'SC5' })).toBe(filterKey({ programme: 'sc5' }));
  expect(filterKey({ fromYear: 2015 })).not.toBe(filterKey({ toYear: 2015 }));
});

describeRegistryBackends('ActorService', (open, dialect) => {
  it('network(filter) is cached until the registry changes — also when another client (another server) writes', async () => {
    const { client, connectionString, cleanup } = await open();
    const other = dialect === 'postgres' ? await PostgresSqlClient.open(connectionString!) : client;
    try {
      const registry = await ActorRegistry.open(client);
      await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor });
      const service = new ActorService(registry);
      const first = await service.network({ countries: ['JP'] });
      expect(await service.network({ countries: ['jp'] })).toBe(first);
      expect(first.graph.targets.length / 2).toBe(7);
      // a write that does not go through this service: another server on the same database
      const elsewhere = await ActorRegistry.open(other);
      await elsewhere.createLinkage({ sourceId: 'plater', targetId: 'retail-x', type: 'customer' }, actor);
      const second = await service.network({ countries: ['JP'] });
      expect(second).not.toBe(first);
      expect(second.graph.targets.length / 2).toBe(8);
      await service.deleteOrganisation('plater', undefined, actor);
      expect((await service.network({ countries: ['JP'] })).data.organisations.ids).not.toContain('plater');
    } finally {
      if (other !== client) await other.close();
      await cleanup();
    }
  });

  it('indicators and brokers share one seeded betweenness; the same seed gives the same answer', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor });
      const service = new ActorService(registry);
      const indicators = await service.indicators({}, { betweennessSample: 4, seed: 7 });
      const brokers = await service.brokers({}, { betweennessSample: 4, seed: 7, top: 3 });
      expect(brokers.brokers.map((b) => [b.id, b.betweenness])).toEqual(indicators.top.betweenness.slice(0, 3).map((r) => [r.id, r.value]));
      const again = await new ActorService(registry).brokers({}, { betweennessSample: 4, seed: 7, top: 3 });
      expect(again.brokers).toEqual(brokers.brokers);
      await expect(service.match({})).rejects.toMatchObject({ code: 'INVALID' });
      await expect(service.getOrganisation('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await cleanup();
    }
  });

  it('indicators(filter): firms of unknown size count as industry but leave the SME share unknown, not zero', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      await registry.createOrganisation({ id: 'f1', name: 'F1', type: 'firm', country: 'DE' }, actor);
      await registry.createOrganisation({ id: 'f2', name: 'F2', type: 'firm', country: 'DE' }, actor);
      await registry.createOrganisation({ id: 'u', name: 'U', type: 'university', country: 'DE' }, actor);
      await registry.createLinkage({ sourceId: 'f1', targetId: 'u', type: 'joint-rnd' }, actor);
      await registry.createLinkage({ sourceId: 'f2', targetId: 'u', type: 'joint-rnd' }, actor);
      const result = await new ActorService(registry).indicators();
      expect(result.cluster.firmsOfUnknownSize).toBe(2);
      expect(result.cluster.tripleHelix).toMatchObject({ industry: 2, knowledge: 1 });
      expect(result.cluster.tripleHelix.links.industryKnowledge).toBe(2);
      expect(result.cluster.smeShare).toBeNaN();
      expect(result.cluster.smeShareOfFirms).toBeNaN();
      expect(result.cluster.typeCounts).toMatchObject({ firm: 2, 'large-firm': 0, university: 1 });
      expect(result.cluster.diagnostics.map((d) => d.code)).toContain('FIRM_SIZE_UNKNOWN');
    } finally {
      await cleanup();
    }
  });
});
