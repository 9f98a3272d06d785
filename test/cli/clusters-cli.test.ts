import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');

describe('clusterlens clusters', () => {
  test('clusters --region WA --year 2011 --format json prints the portfolio object with Aerospace strong, LQ > 3', async () => {
    const r = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { region: string; year: number; clusters: Record<string, unknown>[] };
    expect(json.region).toBe('US-53');
    expect(json.year).toBe(2011);
    for (const c of json.clusters) {
      for (const key of ['code', 'name', 'type', 'employment', 'establishments', 'lq', 'strong', 'estimatedShare']) expect(c).toHaveProperty(key);
    }
    const aero = json.clusters.find((c) => c.name === 'Aerospace Vehicles and Defense')!;
    expect(aero).toMatchObject({ type: 'traded', strong: true });
    expect(aero.lq as number).toBeGreaterThan(3);
  });

  test('clusters prints a table by default and CSV with --format csv', async () => {
    const table = await runCli(['clusters', '--region', '53', '--year', '2011', '--data-dir', dataDir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Washington (US-53), 2011');
    expect(table.stdout).toMatch(/Aerospace Vehicles and Defense\s+traded/);
    const csv = await runCli(['clusters', '--region', 'US-53', '--year', '2011', '--format', 'csv', '--data-dir', dataDir]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('code,name,type,employment,establishments,lq,strong,strong10,estimatedShare,baseEmployment,employmentChange');
    expect(lines).toHaveLength(1 + 67);
  });

  test('CLUSTERLENS_DATA_DIR chooses the data directory like --data-dir', async () => {
    const r = await runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json'], { CLUSTERLENS_DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('first run');
  });

  test('usage errors exit 2, runtime errors exit 1 with a message', async () => {
    const missing = await runCli(['clusters', '--year', '2011', '--data-dir', dataDir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--region is required');
    const badFormat = await runCli(['clusters', '--region', 'WA', '--format', 'xml', '--data-dir', dataDir]);
    expect(badFormat.code).toBe(2);
    const unknown = await runCli(['clusters', '--region', 'ZZ', '--year', '2011', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown region "ZZ"');
    const year = await runCli(['clusters', '--region', 'WA', '--year', '1999', '--data-dir', dataDir]);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('no data for year 1999');
  });
});
