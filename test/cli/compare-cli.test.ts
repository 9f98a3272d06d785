import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');

describe('clusterlens compare', () => {
  test('compare --region US-53 --region DE21 --region JP-01 --format json prints the comparison with coverage', async () => {
    const r = await runCli(['compare', '--region', 'US-53', '--region', 'DE21', '--region', 'JP-01', '--year', 'US=2011', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { families: unknown[]; regions: { region: string; year: number; coverage: number; families: { code: string; lq: number | null }[] }[]; notes: string[] };
    expect(json.families).toHaveLength(10);
    expect(json.regions.map((x) => [x.region, x.year])).toEqual([['US-53', 2011], ['DE21', 2015], ['JP-01', 2021]]);
    expect(json.regions[2]!.coverage).toBeCloseTo(0.691, 3);
    expect(json.regions[1]!.families.find((f) => f.code === 'B-E')!.lq).toBeCloseTo(0.9615, 4);
    expect(json.notes.length).toBeGreaterThan(3);
  });

  test('compare prints a table (families as rows, share and LQ per region, a coverage line per region) and long CSV', async () => {
    const table = await runCli(['compare', '--region', 'WA', '--region', 'DE21', '--region', 'JP-01', '--data-dir', dataDir]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/family\s+name\s+US-53 share\s+US-53 LQ\s+DE21 share\s+DE21 LQ\s+JP-01 share\s+JP-01 LQ/);
    expect(table.stdout).toMatch(/B-E\s+Industry\s+10\.6%\s+0\.95\s+20\.1%\s+0\.96\s+8\.7%\s+0\.57/);
    expect(table.stdout).toContain('JP-01 Hokkaido (JP, 2021, JSIC13, jp-economic-census-2016-2021): coverage 69.1% of 2,165,390 employed');
    expect(table.stdout).toMatch(/US-53 Washington \(US, 2011, NAICS2007, [^)]+\): coverage 100\.0% of 2,355,123 employed; estimated/);
    const csv = await runCli(['compare', '--region', 'US-53,DE21', '--year', 'EU=2010', '--format', 'csv', '--data-dir', dataDir]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('region,name,country,year,classification,coverage,family,familyName,employment,share,lq,estimatedShare');
    expect(lines).toHaveLength(1 + 2 * 10);
    expect(lines.filter((l) => l.startsWith('DE21,Oberbayern,DE,2010,'))).toHaveLength(10);
  });

  test('usage errors exit 2, runtime errors exit 1 with a message', async () => {
    const one = await runCli(['compare', '--region', 'WA', '--data-dir', dataDir]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('at least two --region');
    const badYear = await runCli(['compare', '--region', 'WA', '--region', 'DE21', '--year', '2011', '--data-dir', dataDir]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toContain('--year must look like US=2011');
    const ambiguous = await runCli(['compare', '--region', '01', '--region', 'DE21', '--data-dir', dataDir]);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('region "01" is ambiguous');
    const unknown = await runCli(['compare', '--region', 'ZZ', '--region', 'DE21', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown region "ZZ"');
  });
});
