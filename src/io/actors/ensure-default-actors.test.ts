import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { listAudit } from '../registry/audit-log.js';
import { ActorRegistry } from './actor-registry.js';
import { ensureDefaultActors } from './ensure-default-actors.js';
import { readNetworkData } from './read-network-data.js';

describeRegistryBackends('ensureDefaultActors', (open) => {
  it('ensureDefaultActors(registry) loads all of Horizon 2020 and the CMP organisations once, with a version marker', async () => {
    const { client, cleanup } = await open();
    try {
      const registry = await ActorRegistry.open(client);
      expect(await ensureDefaultActors(registry, { env: { CLUSTERLENS_DEFAULT_ACTORS: '0' } })).toBe(false);
      expect((await registry.listOrganisations()).total).toBe(0);
      expect(await ensureDefaultActors(registry, { env: {} })).toBe(true);
      const counts = await client.all<{ o: number; p: number; pa: number; pp: number; m: number }>(
        'select (select count(*) from organisations) as o, (select count(*) from projects) as p, (select count(*) from participations) as pa, (select count(*) from project_programmes) as pp, (select count(*) from organisation_initiatives) as m',
      );
      // SOURCE.md: 35,871 PICs, 31,451 projects, 144,726 participations; 145 CMP organisations with 237 links
      expect(counts[0]).toEqual({ o: 35871 + 145, p: 31451, pa: 144726, pp: 37440, m: 237 });
      expect((await registry.listOrganisations({ type: 'firm', country: 'GR' })).total).toBeGreaterThan(0);
      expect((await registry.listOrganisations({ initiative: 'us-cmp:aerospace-vehicles-and-defense' })).items.map((o) => o.name)).toContain('Space Florida');
      expect(await ensureDefaultActors(registry, { env: {} })).toBe(false);
      expect((await listAudit(client, { entity: 'dataset' })).map((e) => e.entityId)).toEqual(['h2020', 'us-cmp']);
      const network = await readNetworkData(client, { programme: 'ERC' });
      expect(network.participations.organisations.length).toBeGreaterThan(0);
      expect(network.projects.programmes.every((p) => p.includes('ERC'))).toBe(true);
    } finally {
      await cleanup();
    }
  }, 300_000);
});
