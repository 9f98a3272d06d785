import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { runCli } from '../helpers/run-cli.js';

// Runs the built CLI on a copy of the shared default database; the numbers are checked in test/golden/cluster-schemes.
describe('clusterlens clusters|portfolio|hotspots --scheme NAME (a user cluster-definition scheme)', () => {
  let dataDir: string;
  const schemeCsv = join(process.cwd(), 'test/golden/cluster-schemes/naics-3digit-states-2011/scheme.csv');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-scheme-cli-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
    const imported = await runCli(['import', 'clusters', schemeCsv, '--scheme', 'naics-3digit', '--classification', 'NAICS2007', '--data-dir', dataDir]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('clusters --region WA --scheme naics-3digit lists the scheme\'s five clusters; portfolio and hotspots take it too', async () => {
    const r = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--scheme', 'naics-3digit', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { scheme: string; clusters: { code: string; employment: number }[] };
    expect(body.scheme).toBe('naics-3digit');
    expect(body.clusters.map((c) => c.code).sort()).toEqual(['construction', 'food-manufacturing', 'hospitality', 'media-and-telecom', 'wholesale']);
    expect(body.clusters.find((c) => c.code === 'media-and-telecom')!.employment).toBe(91541);
    const table = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--scheme', 'naics-3digit', '--data-dir', dataDir]);
    expect(table.stdout).toContain('cluster scheme naics-3digit');
    const portfolio = await runCli(['portfolio', '--region', 'WA', '--year', '2011', '--base-year', '2007', '--scheme', 'naics-3digit', '--format', 'json', '--data-dir', dataDir]);
    expect(portfolio.code, portfolio.stderr).toBe(0);
    expect(JSON.parse(portfolio.stdout)).toMatchObject({ scheme: 'naics-3digit', baseYear: 2007 });
    const hot = await runCli(['hotspots', '--cluster', 'wholesale', '--year', '2011', '--scheme', 'naics-3digit', '--permutations', '99', '--format', 'json', '--data-dir', dataDir]);
    expect(hot.code, hot.stderr).toBe(0);
    expect(JSON.parse(hot.stdout)).toMatchObject({ scheme: 'naics-3digit', cluster: { code: 'wholesale' } });
  });

  test('an unknown scheme exits 1 naming it; without --scheme the benchmark answers as before', async () => {
    const unknown = await runCli(['clusters', '--region', 'WA', '--scheme', 'no-such-scheme', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown cluster scheme "no-such-scheme"');
    const plain = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    const body = JSON.parse(plain.stdout) as { scheme?: string; clusters: unknown[] };
    expect(body.scheme).toBeUndefined();
    expect(body.clusters).toHaveLength(67);
  });

  test('schemes list shows the benchmark and the imported scheme; show lists its clusters; delete removes it', async () => {
    const list = await runCli(['schemes', 'list', '--format', 'json', '--data-dir', dataDir]);
    expect(list.code, list.stderr).toBe(0);
    const schemes = (JSON.parse(list.stdout) as { schemes: { name: string; source: string; clusterCount: number; industryCount: number }[] }).schemes;
    expect(schemes.map((s) => [s.name, s.source])).toEqual([['us-benchmark-2016', 'benchmark'], ['naics-3digit', 'user']]);
    expect(schemes[1]).toMatchObject({ clusterCount: 5, industryCount: 12 });
    const show = await runCli(['schemes', 'show', 'naics-3digit', '--data-dir', dataDir]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('naics-3digit (user, NAICS2007): 5 clusters, 12 industries');
    expect(show.stdout).toMatch(/media-and-telecom\s+Publishing broadcasting and telecommunications\s+traded\s+511 515 517/);
    const benchmark = await runCli(['schemes', 'delete', 'us-benchmark-2016', '--data-dir', dataDir]);
    expect(benchmark.code).toBe(1);
    const deleted = await runCli(['schemes', 'delete', 'naics-3digit', '--data-dir', dataDir]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const gone = await runCli(['schemes', 'show', 'naics-3digit', '--data-dir', dataDir]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('unknown cluster scheme "naics-3digit"');
    expect((await runCli(['schemes', '--data-dir', dataDir])).code).toBe(2);
  });
});
