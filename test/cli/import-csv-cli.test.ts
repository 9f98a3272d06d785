import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { runCli } from '../helpers/run-cli.js';

// Runs the built CLI on a copy of the shared default database.
describe('clusterlens import csv', () => {
  let dataDir: string;
  let filesDir: string;
  const datasets = async (): Promise<string> => (await runCli(['datasets', '--format', 'json', '--data-dir', dataDir])).stdout;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-import-csv-cli-'));
    filesDir = mkdtempSync(join(tmpdir(), 'clusterlens-import-csv-files-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  const file = (name: string, text: string): string => {
    const path = join(filesDir, name);
    writeFileSync(path, text);
    return path;
  };
  const MAP = 'region=prefecture,industry=jsic,year=year,value=workers';

  test('import csv FILE --dataset --map --classification --country imports and export gives the rows back', async () => {
    const path = file('jp-workers.csv', 'prefecture,jsic,year,workers\n01,E,2021,180000\n27,E,2021,450000\n27,G,2021,\n');
    const refused = await runCli(['import', 'csv', path, '--dataset', 'jp-workers', '--map', MAP, '--classification', 'JSIC13', '--country', 'JP', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${path}:4: field workers:`);
    expect(refused.stderr).toContain('[BAD_FLAG]');
    const fixed = file('jp-workers-2.csv', 'prefecture,jsic,year,workers\n01,E,2021,180000\n27,E,2021,450000\n');
    const r = await runCli(['import', 'csv', fixed, '--dataset', 'jp-workers', '--map', MAP, '--classification', 'JSIC13', '--country', 'JP', '--data-dir', dataDir]);
    expect(r.stderr).toContain('(generic-csv): 2 rows read, 0 error(s)');
    expect(r.stdout).toBe('imported: dataset jp-workers, 2 values\n');
    expect(r.code).toBe(0);
    const exported = await runCli(['export', '--dataset', 'jp-workers', '--format', 'csv', '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('jp-workers,JP-01,JSIC13,E,1,2021,employment,180000,reported');
    expect(exported.stdout).toContain('jp-workers,JP-27,JSIC13,E,1,2021,employment,450000,reported');
  });

  test('import csv FILE --mapping FILE reads the mapping from JSON, and --dry-run writes nothing', async () => {
    const mapping = file('mapping.json', JSON.stringify({ columns: { region: 'geo', industry: 'nace', year: 'time', value: 'emp' }, classification: 'NACE2', measure: 'employment', datasetId: 'eu-own' }));
    const path = file('eu.csv', 'geo\tnace\ttime\temp\nDE21\tF\t2015\t1234\n');
    const before = await datasets();
    const dry = await runCli(['import', 'csv', path, '--mapping', mapping, '--dry-run', '--format', 'json', '--data-dir', dataDir]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ datasetId: 'eu-own', rows: 1, written: false, report: { errorCount: 0 } });
    expect(await datasets()).toBe(before);
  });

  test('import qcew FILE imports private 6-digit rows and keeps N as suppressed; --ownership on another kind exits 2', async () => {
    const path = join('test', 'fixtures', 'qcew', '2010.annual 53033 King County, Washington.csv');
    const r = await runCli(['import', 'qcew', path, '--dataset', 'qcew-king-2010', '--data-dir', dataDir]);
    expect(r.stdout).toBe('imported: dataset qcew-king-2010, 21 values\n');
    expect(r.code).toBe(0);
    const exported = await runCli(['export', '--dataset', 'qcew-king-2010', '--format', 'csv', '--data-dir', dataDir]);
    expect(exported.stdout).toContain('qcew-king-2010,US-53033,NAICS2007,336411,6,2010,employment,,suppressed,,,N,');
    expect(exported.stdout).toContain('qcew-king-2010,US-53033,NAICS2007,336412,6,2010,payroll,14022.871,reported');
    expect((await runCli(['import', 'cbp', path, '--ownership', '5', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['import', 'qcew', path, '--levels', '7', '--data-dir', dataDir])).code).toBe(2);
  });

  test('import csv usage errors exit 2: no mapping, no classification, a bad role, csv flags on another kind', async () => {
    const path = file('x.csv', 'a,b,c,d\n');
    const cases: string[][] = [
      ['import', 'csv', path, '--classification', 'NAICS2007'],
      ['import', 'csv', path, '--map', 'region=a,industry=b,year=c,value=d'],
      ['import', 'csv', path, '--map', 'region=a,industry=b,year=c,value=d,colour=e', '--classification', 'NAICS2007'],
      ['import', 'csv', path, '--map', 'region=a,industry=b,year=c,value=d', '--classification', 'NAICS2007', '--measure', 'jobs'],
      ['import', 'cbp', path, '--map', 'region=a,industry=b,year=c,value=d'],
    ];
    for (const args of cases) {
      const r = await runCli([...args, '--data-dir', dataDir]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
