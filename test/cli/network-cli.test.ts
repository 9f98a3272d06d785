import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const env = { CLUSTERLENS_DEFAULT_ACTORS: '0', CLUSTERLENS_DATABASE_URL: '' };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clusterlens-network-cli-'));
  const r = await runCli(['actors', 'import', 'csv', join(fixtures, 'actors.csv'), '--linkages', join(fixtures, 'linkages.csv'), '--data-dir', dir], env);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Expected values computed by hand from test/fixtures/actors (9 organisations, 8 linkages; see the comments).
describe('clusterlens network (fixture cluster)', () => {
  test('network indicators --format json: triple helix, SME shares, local links, core body', async () => {
    const r = await runCli(['network', 'indicators', '--format', 'json', '--data-dir', dir], env);
    expect(r.code).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deep JSON document checked field by field
    const x = JSON.parse(r.stdout) as Record<string, any>;
    expect(x).toMatchObject({ nodeCount: 9, linkCount: 8, explicitLinkageCount: 8, components: { count: 2, largestSize: 8 } });
    const c = x.cluster;
    // industry: 4 SMEs + 2 large firms; knowledge: the university; government: the agency and the council
    expect(c.tripleHelix).toMatchObject({ industry: 6, knowledge: 1, government: 2, pairsLinked: 2, complete: false });
    // industry–knowledge l1 l3 l8; industry–government l4 l5; knowledge–government none
    expect(c.tripleHelix.links).toEqual({ industryKnowledge: 3, industryGovernment: 2, knowledgeGovernment: 0 });
    expect(c.smeShare).toBeCloseTo(4 / 9, 12);
    expect(c.smeShareOfFirms).toBeCloseTo(4 / 6, 12);
    // SME links: l1 l2 l3 l4 l7 l8; to large firms l2 l7; to the university l1 l3 l8
    expect(c.smeLinks.total).toBe(6);
    expect(c.smeLinks.toLargeFirmShare).toBeCloseTo(1 / 3, 12);
    expect(c.smeLinks.toUniversityShare).toBeCloseTo(0.5, 12);
    // same region: all but l3 (JP-01–JP-27) and l8 (DE21–JP-01)
    expect(c.localityLevel).toBe('region');
    expect([c.localLinks, c.nonLocalLinks]).toEqual([6, 2]);
    expect(c.coreBody.nodes).toHaveLength(1);
    expect(c.coreBody.nodes[0].degree).toBe(3);
    expect(x.top.degree[0]).toMatchObject({ id: 'dna-a', value: 4 });
  });

  test('network brokers: exact betweenness on a small network, Gould–Fernandez roles by type', async () => {
    const r = await runCli(['network', 'brokers', '--top', '2', '--format', 'json', '--data-dir', dir], env);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as { betweenness: { exact: boolean }; brokers: { id: string; betweenness: number; roles: { total: number } }[] };
    expect(x.betweenness.exact).toBe(true);
    // dna-a lies on every shortest path of 15 of the 28 pairs of the 8 connected nodes (n = 9: (n−1)(n−2)/2 = 28), hb-uni on 11
    expect(x.brokers.map((b) => b.id)).toEqual(['dna-a', 'hb-uni']);
    expect(x.brokers[0]!.betweenness).toBeCloseTo(15 / 28, 12);
    expect(x.brokers[1]!.betweenness).toBeCloseTo(11 / 28, 12);
    // open two-paths through dna-a: its 4 neighbours are pairwise unlinked except dna-b–hb-core: C(4,2) − 1 = 5 pairs, both directions
    expect(x.brokers[0]!.roles.total).toBe(10);
    const table = await runCli(['network', 'brokers', '--data-dir', dir], env);
    expect(table.stdout).toContain('Gould–Fernandez roles with groups = type');
  });

  test('network communities and filters; bad flags exit 2', async () => {
    const r = await runCli(['network', 'communities', '--format', 'json', '--data-dir', dir], env);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout) as { count: number; nodeCount: number; communities: { size: number }[] };
    expect(x.nodeCount).toBe(9);
    expect(x.communities.reduce((s, c) => s + c.size, 0)).toBe(9);
    const de = await runCli(['network', 'indicators', '--country', 'JP', '--format', 'json', '--data-dir', dir], env);
    expect((JSON.parse(de.stdout) as { nodeCount: number; linkCount: number }).nodeCount).toBe(7);
    expect((await runCli(['network', 'centrality', '--data-dir', dir], env)).code).toBe(2);
    expect((await runCli(['network', 'brokers', '--group-by', 'colour', '--data-dir', dir], env)).code).toBe(2);
  });
});
