import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');
const scratch = mkdtempSync(join(tmpdir(), 'clusterlens-export-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('clusterlens datasets | regions | industries', () => {
  test('datasets --format json lists us-cbp-state-2007-2011 with its licence, years and row count', async () => {
    const r = await runCli(['datasets', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as { datasets: Record<string, unknown>[]; total: number };
    const cbp = page.datasets.find((d) => d.id === 'us-cbp-state-2007-2011')!;
    expect(cbp).toMatchObject({ classification: 'NAICS2007', years: [2007, 2011] });
    expect(cbp.licence).toMatch(/public domain/i);
    expect(cbp.rowCount as number).toBeGreaterThan(400_000);
    expect(page.total).toBe(page.datasets.length);
  });

  test('datasets prints a table with the licences below it', async () => {
    const r = await runCli(['datasets', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/us-cbp-state-2007-2011\s+NAICS2007\s+2007, 2011/);
    expect(r.stdout).toMatch(/licence: Public domain/);
  });

  test('regions --type state gives 51 regions; --format csv has a header and one line per region', async () => {
    const json = await runCli(['regions', '--type', 'state', '--format', 'json', '--data-dir', dataDir]);
    expect(json.code).toBe(0);
    const page = JSON.parse(json.stdout) as { regions: { id: string }[]; total: number };
    expect(page.total).toBe(51);
    expect(page.regions).toHaveLength(51);
    const csv = await runCli(['regions', '--type', 'state', '--country', 'us', '--format', 'csv', '--data-dir', dataDir]);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('id,name,type,country,parentId,aliases');
    expect(lines).toHaveLength(52);
    expect(lines).toContain('US-53,Washington,state,US,US,53 WA US-WA');
    const table = await runCli(['regions', '--type', 'state', '--limit', '5', '--data-dir', dataDir]);
    expect(table.stdout).toContain('5 of 51 regions');
  });

  test('industries --classification NAICS2007 --level 2 gives the 21 sectors', async () => {
    const r = await runCli(['industries', '--classification', 'NAICS2007', '--level', '2', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const page = JSON.parse(r.stdout) as { industries: { code: string; level: number }[]; total: number };
    expect(page.total).toBe(21);
    expect(page.industries.map((i) => i.code)).toEqual(expect.arrayContaining(['11', '31-33', '44-45', '92']));
    expect(page.industries.every((i) => i.level === 2)).toBe(true);
    const table = await runCli(['industries', '--classification', 'NAICS2007', '--parent', '3364', '--data-dir', dataDir]);
    expect(table.stdout).toMatch(/33641\s+Aerospace product and parts manufacturing/i);
  });

  test('usage errors exit 2 and unknown names exit 1 with a message', async () => {
    const noClassification = await runCli(['industries', '--level', '2', '--data-dir', dataDir]);
    expect(noClassification.code).toBe(2);
    expect(noClassification.stderr).toContain('--classification is required');
    expect((await runCli(['regions', '--type', 'planet', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['regions', '--limit', '0', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['datasets', '--format', 'xml', '--data-dir', dataDir])).code).toBe(2);
    const unknown = await runCli(['industries', '--classification', 'NAICS1850', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown classification "NAICS1850"');
  });
});

describe('clusterlens export', () => {
  const washington = ['export', '--dataset', 'us-cbp-state-2007-2011', '--region', 'US-53', '--year', '2011', '--measure', 'employment'];

  test('export … --region US-53 --year 2011 --measure employment writes CSV with 336411 estimated, flag K, 25000–49999', async () => {
    const r = await runCli([...washington, '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('datasetId,regionId,classification,industryCode,level,year,measure,value,status,lower,upper,flag,method');
    const aircraft = lines.find((l) => l.includes(',336411,'))!;
    expect(aircraft).toMatch(/^us-cbp-state-2007-2011,US-53,NAICS2007,336411,6,2011,employment,[\d.]+,estimated,25000,49999,K,range-constrained/);
  });

  test('export --output FILE writes the same bytes as stdout; --format ndjson one object per line', async () => {
    const file = join(scratch, 'wa.csv');
    const stdout = await runCli([...washington, '--data-dir', dataDir]);
    const toFile = await runCli([...washington, '--output', file, '--data-dir', dataDir]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toMatch(/wrote [\d,]+ observations to/);
    expect(readFileSync(file, 'utf8')).toBe(stdout.stdout);
    const ndjson = await runCli([...washington, '--level', '2', '--format', 'ndjson', '--data-dir', dataDir]);
    const rows = ndjson.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { industryCode: string; level: number });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((row) => row.level === 2)).toBe(true);
  });

  test('export of repeated and comma-separated regions and years; short forms accepted', async () => {
    const r = await runCli(['export', '--dataset', 'us-cbp-state-2007-2011', '--region', 'WA,OR', '--region', 'CA', '--year', '2007', '--year', '2011', '--level', '0', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { observations: { regionId: string; year: number }[]; count: number };
    expect(new Set(json.observations.map((o) => o.regionId))).toEqual(new Set(['US-06', 'US-41', 'US-53']));
    expect(new Set(json.observations.map((o) => o.year))).toEqual(new Set([2007, 2011]));
    expect(json.count).toBe(json.observations.length);
  });

  test('export errors: unknown dataset or year exit 1, a malformed year or level exits 2', async () => {
    const dataset = await runCli(['export', '--dataset', 'nope', '--data-dir', dataDir]);
    expect(dataset.code).toBe(1);
    expect(dataset.stderr).toContain('unknown dataset "nope"');
    const year = await runCli(['export', '--dataset', 'us-cbp-state-2007-2011', '--year', '1999', '--data-dir', dataDir]);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('no data for year 1999');
    expect((await runCli(['export', '--year', '11', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['export', '--level', 'x', '--data-dir', dataDir])).code).toBe(2);
    const measure = await runCli(['export', '--measure', 'sales', '--data-dir', dataDir]);
    expect(measure.code).toBe(1);
    expect(measure.stderr).toContain('measure must be one of');
  });
});

describe('clusterlens output into a closed pipe', () => {
  test('industries | head: the reader closes the pipe, the CLI stops with 141 (SIGPIPE status) and no EPIPE trace', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli', 'main.js'), 'industries', '--classification', 'NAICS2007', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // like `head -1`: take the first chunk, then close the read end
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(141);
  });
});
