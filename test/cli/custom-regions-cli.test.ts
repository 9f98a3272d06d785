import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { runCli } from '../helpers/run-cli.js';

// Runs the built CLI on a copy of the shared default database.
describe('clusterlens regions add|custom|delete, clusters --region custom-…, import clusters', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-custom-cli-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('regions add Cascadia --members US-WA,OR then clusters --region custom-cascadia shows the summed portfolio', async () => {
    const added = await runCli(['regions', 'add', 'Cascadia', '--members', 'US-WA,OR', '--data-dir', dataDir]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('custom region custom-cascadia (Cascadia): US-41 + US-53\n');
    expect(added.code).toBe(0);
    const listed = await runCli(['regions', 'custom', '--format', 'json', '--data-dir', dataDir]);
    expect(JSON.parse(listed.stdout)).toEqual({ regions: [{ id: 'custom-cascadia', name: 'Cascadia', type: 'custom', country: 'US', parentId: null, aliases: [], members: ['US-41', 'US-53'] }] });
    const portfolio = async (region: string): Promise<{ region: string; clusters: { code: string; employment: number; strong: boolean | null }[] }> => {
      const r = await runCli(['clusters', '--region', region, '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    // the sums themselves are checked in src/service/custom-region-clusters.test.ts
    const cascadia = await portfolio('custom-cascadia');
    expect(cascadia.region).toBe('custom-cascadia');
    expect(cascadia.clusters.find((c) => c.code === 'aerospace-vehicles-and-defense')).toMatchObject({ strong: true });

    const taken = await runCli(['regions', 'add', 'Cascadia', '--members', 'WA', '--data-dir', dataDir]);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('custom-cascadia already exists');
    const nested = await runCli(['regions', 'add', 'Puget', '--members', 'US,US-53', '--data-dir', dataDir]);
    expect(nested.code).toBe(1);
    const unknown = await runCli(['regions', 'add', 'Nowhere', '--members', 'WA,ZZ9', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('member "ZZ9" is not a region of the database');
    expect(nested.stderr).toContain('counted twice');

    const deleted = await runCli(['regions', 'delete', 'custom-cascadia', '--data-dir', dataDir]);
    expect(deleted.stdout).toBe('deleted custom region custom-cascadia\n');
    expect((await runCli(['clusters', '--region', 'custom-cascadia', '--data-dir', dataDir])).code).toBe(1);
    expect((await runCli(['regions', 'delete', 'custom-cascadia', '--data-dir', dataDir])).code).toBe(1);
  }, 240_000);

  test('regions add usage errors exit 2', async () => {
    for (const args of [['regions', 'add', '--members', 'WA'], ['regions', 'add', 'X'], ['regions', 'add', 'X', '--members', 'WA', '--id', 'cascadia'], ['regions', 'delete']]) {
      expect((await runCli([...args, '--data-dir', dataDir])).code, args.join(' ')).toBe(2);
    }
  });

  test('import clusters FILE --scheme --classification stores a user cluster definition; bad lines are refused with file:line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clusterlens-custom-clusters-files-'));
    try {
      const good = join(directory, 'aero.csv');
      writeFileSync(good, 'industry_code,cluster_code,cluster_name,cluster_type\n336411,aero,Aerospace,traded\n336412,aero,Aerospace,traded\n5415,it,IT services,traded\n');
      const r = await runCli(['import', 'clusters', good, '--scheme', 'my-clusters', '--classification', 'NAICS2007', '--data-dir', dataDir]);
      expect(r.stdout).toBe('imported: dataset cluster scheme my-clusters, 3 values\n');
      expect(r.code).toBe(0);
      const again = await runCli(['import', 'clusters', good, '--scheme', 'my-clusters', '--classification', 'NAICS2007', '--data-dir', dataDir]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already exists');
      const bad = join(directory, 'bad.csv');
      writeFileSync(bad, 'industry_code,cluster_code,cluster_name\n336411,aero,Aerospace\n999999,aero,Aerospace\n336411,other,Other\n');
      const refused = await runCli(['import', 'clusters', bad, '--scheme', 'bad', '--classification', 'NAICS2007', '--data-dir', dataDir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`${bad}:3 field industry_code [UNKNOWN_CODE]`);
      expect(refused.stderr).toContain(`${bad}:4 field industry_code [DUPLICATE]`);
      expect((await runCli(['import', 'clusters', good, '--scheme', 'us-benchmark-2016', '--classification', 'NAICS2007', '--replace', '--data-dir', dataDir])).code).toBe(1);
      expect((await runCli(['import', 'clusters', good, '--classification', 'NAICS2007', '--data-dir', dataDir])).code).toBe(2);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);
});
