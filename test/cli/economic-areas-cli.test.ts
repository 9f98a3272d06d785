import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { runCli } from '../helpers/run-cli.js';

// Runs the built CLI on a copy of the default database plus the CBP county fixture; the sums are checked in
// test/server/economic-areas.test.ts.
describe('clusterlens clusters --region US-EA-…|US-MSA-… (areas summed from the counties)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-ea-cli-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test('without county data an EA is refused with what to import; after import cbp cbp11co.txt it has a portfolio', async () => {
    const before = await runCli(['clusters', '--region', 'US-EA-57152', '--year', '2011', '--data-dir', dataDir]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('Economic Areas are sums of counties (import a County Business Patterns county file)');
    const imported = await runCli(['import', 'cbp', join(process.cwd(), 'test/fixtures/cbp/cbp11co.txt'), '--data-dir', dataDir]);
    expect(imported.code, imported.stderr).toBe(0);
    const ea = await runCli(['clusters', '--region', 'US-EA-57152', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    expect(ea.code, ea.stderr).toBe(0);
    const county = await runCli(['clusters', '--region', 'US-53033', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    const employment = (out: string): number[] => (JSON.parse(out) as { clusters: { code: string; employment: number }[] }).clusters.sort((a, b) => (a.code < b.code ? -1 : 1)).map((c) => c.employment);
    // King County is the only county of the Seattle EA in the fixture: the EA is King County
    expect(employment(ea.stdout)).toEqual(employment(county.stdout));
    const msa = await runCli(['clusters', '--region', 'MSA-47900', '--year', '2011', '--data-dir', dataDir]);
    expect(msa.code, msa.stderr).toBe(0);
    expect(msa.stdout).toContain('Washington-Arlington-Alexandria, DC-VA-MD-WV (Metropolitan Statistical Area) (US-MSA-47900), 2011');
    // DC is the only county of its CBSA in the fixture: the area is partly loaded, and the table says so
    expect(msa.stdout).toMatch(/; counties 1\/\d+\n/);
    expect(msa.stdout).toContain('partial area: 1 of its ');
  });
});
