import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { TIDY_FIXTURE, badCbpFiles } from '../fixtures/cbp/bad-cbp-files.js';
import { runCli } from '../helpers/run-cli.js';

// Runs the built CLI (npm test builds first). Imports write, so they run on a copy of the shared default
// database in a directory of this suite's own.
describe('clusterlens import cbp', () => {
  let dataDir: string;
  let filesDir: string;
  let portfolio: string;

  const clusters = (): ReturnType<typeof runCli> => runCli(['clusters', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'clusterlens-import-cli-'));
    filesDir = mkdtempSync(join(tmpdir(), 'clusterlens-import-cli-files-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
    const before = await clusters();
    expect(before.code).toBe(0);
    expect(before.stderr).not.toContain('first run');
    portfolio = before.stdout;
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  const refused = badCbpFiles().filter((b) => ['TRUNCATED', 'UNKNOWN_CODE', 'NEGATIVE', 'DUPLICATE', 'ENCODING', 'BAD_YEAR'].includes(b.code));
  for (const bad of refused) {
    test(`import cbp <file with ${bad.title}> exits 1 naming file:line and field, and the portfolio is unchanged`, async () => {
      const path = bad.write(mkdtempSync(join(filesDir, 'case-')));
      const r = await runCli(['import', 'cbp', path, '--data-dir', dataDir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${path}:${bad.line}: field ${bad.field}:`);
      expect(r.stderr).toContain(`[${bad.code}]`);
      expect(r.stderr).toContain('nothing written');
      expect(r.stdout).toBe('');
      const after = await clusters();
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(portfolio);
    });
  }

  test('import cbp <file> --replace of the default dataset with a truncated file keeps the default data', async () => {
    const truncated = refused.find((b) => b.code === 'TRUNCATED');
    if (!truncated) throw new Error('no truncated case');
    const path = truncated.write(mkdtempSync(join(filesDir, 'case-')));
    const r = await runCli(['import', 'cbp', path, '--dataset-id', 'us-cbp-state-2007-2011', '--replace', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${path}:${truncated.line}: field ${truncated.field}:`);
    expect((await clusters()).stdout).toBe(portfolio);
  });

  test('import cbp <file> --dry-run --format json validates a good file and writes nothing', async () => {
    const r = await runCli(['import', 'cbp', TIDY_FIXTURE, '--dry-run', '--format', 'json', '--data-dir', dataDir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ datasetId: 'cbp-state-dc-wa-2011', rows: 3 * 2299, written: false, report: { errorCount: 0 } });
    expect((await clusters()).stdout).toBe(portfolio);
  });

  test('import usage errors exit 2 with the usage text', async () => {
    const cases: string[][] = [
      ['import'],
      ['import', 'cbp'],
      ['import', 'no-such-kind', TIDY_FIXTURE],
      ['import', 'cbp', TIDY_FIXTURE, '--no-such-option'],
      ['import', 'cbp', TIDY_FIXTURE, '--format', 'xml'],
      ['import', 'cbp', TIDY_FIXTURE, '--year', '11'],
    ];
    for (const args of cases) {
      const r = await runCli([...args, '--data-dir', dataDir]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain('Usage:');
    }
    expect((await clusters()).stdout).toBe(portfolio);
  });

  test('import cbp <missing file> exits 1', async () => {
    const r = await runCli(['import', 'cbp', join(filesDir, 'no-such-file.csv'), '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-file.csv');
  });
});
