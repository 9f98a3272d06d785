import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const env = { CLUSTERLENS_DEFAULT_ACTORS: '0', CLUSTERLENS_DATABASE_URL: '' };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clusterlens-actors-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clusterlens actors', () => {
  test('actors import csv FILE --linkages FILE, then list (json, csv, table) and show', async () => {
    const imported = await runCli(['actors', 'import', 'csv', join(fixtures, 'actors.csv'), '--linkages', join(fixtures, 'linkages.csv'), '--data-dir', dir], env);
    expect(imported.stderr).toContain('reading linkages: 100% (8 rows)');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^imported 9 organisations, 5 initiative memberships, 8 linkages/);

    const json = await runCli(['actors', 'list', '--country', 'JP', '--type', 'sme', '--format', 'json', '--data-dir', dir], env);
    expect(json.code).toBe(0);
    const page = JSON.parse(json.stdout) as { total: number; items: { id: string; sme: boolean; smeRule: string }[] };
    expect(page.items.map((o) => [o.id, o.sme, o.smeRule])).toEqual([
      ['dna-a', true, 'jp-sme-basic-act:manufacturing'],
      ['plater', true, 'jp-sme-basic-act:manufacturing'],
    ]);

    const csv = await runCli(['actors', 'list', '--query', 'enzymes', '--format', 'csv', '--data-dir', dir], env);
    expect(csv.stdout.split('\n')[0]).toBe('id,name,type,sme,employees,country,region,keywords,industry_codes,initiatives,source,version');
    expect(csv.stdout).toContain('de-sme,Bio GmbH,sme,true,120,DE,DE21,enzymes; fermentation,nace:C21,,csv:actors.csv,1');

    const table = await runCli(['actors', 'list', '--region', 'JP-27', '--data-dir', dir], env);
    expect(table.stdout).toContain('"Kansai Plating, Ltd."'.slice(1, -1));
    expect(table.stdout).toContain('1 of 1 organisation(s)');

    const show = await runCli(['actors', 'show', 'dna-a', '--data-dir', dir], env);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('DNA Synthesis A (dna-a)');
    expect(show.stdout).toContain('type: sme (SME, jp-sme-basic-act:manufacturing)');
    expect(show.stdout).toContain('linkages (4):');
    expect(show.stdout).toContain('l2: dna-a — dna-b joint-rnd weight 2');

    const missing = await runCli(['actors', 'show', 'nobody', '--data-dir', dir], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no organisation nobody');
  });

  test('a bad actors file is refused as a whole with file:line:field errors (exit 1); usage errors exit 2', async () => {
    const other = mkdtempSync(join(tmpdir(), 'clusterlens-actors-cli-bad-'));
    try {
      const bad = await runCli(['actors', 'import', 'csv', join(fixtures, 'bad-actors.csv'), '--data-dir', other], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('import refused, 5 error(s), nothing written');
      expect(bad.stderr).toContain('bad-actors.csv:3 field id [DUPLICATE]');
      expect(bad.stderr).toContain('bad-actors.csv:5 field employees [NEGATIVE]');
      const list = await runCli(['actors', 'list', '--format', 'json', '--data-dir', other], env);
      expect((JSON.parse(list.stdout) as { total: number }).total).toBe(0);
      const usage = await runCli(['actors', 'import', 'xml', 'f', '--data-dir', other], env);
      expect(usage.code).toBe(2);
      expect((await runCli(['actors', 'list', '--type', 'company', '--data-dir', other], env)).code).toBe(2);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('actors import h2020 FILE PARTS imports the CORDIS layout and reports rows/s', async () => {
    const result = await runCli(['actors', 'import', 'h2020', join(fixtures, 'h2020-sample.csv'), join(fixtures, 'h2020-sample-programmes.csv'), '--data-dir', dir], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^imported Horizon 2020 participations: 40 organisations, 3 projects, 42 participations \(0 already in the registry\) in [\d.]+ s \([\d,]+ rows\/s\)/);
    const list = await runCli(['actors', 'list', '--country', 'GR', '--format', 'json', '--data-dir', dir], env);
    expect((JSON.parse(list.stdout) as { total: number }).total).toBe(4);
  });
});
