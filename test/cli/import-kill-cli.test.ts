import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { loadNaics2007Industries } from '../../src/io/classifications/naics-titles.js';
import { US_STATES } from '../../src/io/classifications/us-states.js';
import { DEFAULT_DATA_VERSION } from '../../src/io/default-data/ensure-default-data.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { importGenericCsv } from '../../src/io/importers/generic-csv/import-generic-csv.js';
import { createPostgresStore } from '../../src/io/postgres/postgres-store.js';
import type { Store } from '../../src/io/store/store.js';
import { startPostgres } from '../helpers/postgres-server.js';
import type { PostgresServer } from '../helpers/postgres-server.js';
import { runCli } from '../helpers/run-cli.js';

// A large import killed with SIGKILL in the middle (after several hundred thousand rows went to the store
// inside its transaction) must leave the store as it was and usable: DuckDB file and PostgreSQL.
const directory = mkdtempSync(join(tmpdir(), 'clusterlens-kill-'));
const BIG = join(directory, 'big.csv');
const SMALL = join(directory, 'small.csv');
const MAP = 'region=state,industry=naics,year=year,value=jobs';

beforeAll(() => {
  const codes = loadNaics2007Industries(shippedDataDir()).filter((i) => i.level === 6).map((i) => i.code);
  const lines = ['state,naics,year,jobs'];
  for (let year = 1990; year <= 2000; year++) for (const s of US_STATES) for (const code of codes) lines.push(`US-${s.fips},${code},${year},${(year * 31 + Number(code)) % 997}`);
  writeFileSync(BIG, lines.join('\n') + '\n');
  expect(lines.length).toBeGreaterThan(500_000);
  writeFileSync(SMALL, 'state,naics,year,jobs\nUS-53,336411,1999,5\n');
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Starts `clusterlens import csv BIG` and kills it with SIGKILL once it reports 75 % read. */
function importAndKill(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'cli', 'main.js'), 'import', 'csv', BIG, '--dataset', 'big', '--map', MAP, '--classification', 'NAICS2007', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(': 75%')) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, stderr, stdout }));
  });
}

/** What must not change: datasets, regions and the NAICS 2007 observations. */
async function fingerprint(store: Store): Promise<unknown> {
  const columns = await store.queryObservationColumns?.({ classification: 'NAICS2007' });
  const rows = columns ? columns.value.length : (await store.queryObservations({ classification: 'NAICS2007' })).length;
  return { datasets: (await store.listDatasets()).map((d) => [d.id, d.rowCount, d.importedAt]), regions: (await store.listRegions()).length, rows };
}

describe('an import killed with SIGKILL leaves the store unchanged and usable', () => {
  test('DuckDB file: clusterlens import csv killed at 75 % → same datasets and rows, the file opens and takes the next import', async () => {
    const dataDir = mkdtempSync(join(directory, 'duckdb-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dataDir, DATABASE_FILE));
    const path = join(dataDir, DATABASE_FILE);
    const reader = await DuckDbStore.open(path, { readOnly: true });
    const before = await fingerprint(reader);
    await reader.close();
    const killed = await importAndKill(['--data-dir', dataDir]);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toContain(': 75%');
    expect(killed.stdout).toBe('');
    const store = await DuckDbStore.open(path);
    try {
      expect(await fingerprint(store)).toEqual(before);
      expect((await store.listDatasets()).some((d) => d.id === 'big')).toBe(false);
    } finally {
      await store.close();
    }
    const next = await runCli(['import', 'csv', SMALL, '--dataset', 'small', '--map', MAP, '--classification', 'NAICS2007', '--data-dir', dataDir]);
    expect(next.stdout).toBe('imported: dataset small, 1 values\n');
  }, 300_000);

  const postgresBin = inject('postgresBin');
  describe.skipIf(postgresBin === '')('PostgreSQL', () => {
    let server: PostgresServer | undefined;
    beforeAll(async () => {
      server = await startPostgres({ binDir: postgresBin });
    });
    afterAll(async () => {
      await server?.stop();
    });

    test('PostgreSQL: clusterlens import csv killed at 75 % → same datasets and rows, no transaction left open, the next import works', async () => {
      const url = await server!.createDatabase('kill_test');
      const store = await createPostgresStore(url);
      try {
        // a database that counts as loaded (the default data are not needed here) with one dataset in it
        await store.setMeta('default-data-version', DEFAULT_DATA_VERSION);
        await importGenericCsv(store, SMALL, { columns: { region: 'state', industry: 'naics', year: 'year', value: 'jobs' }, classification: 'NAICS2007', datasetId: 'baseline' });
        const before = await fingerprint(store);
        const killed = await importAndKill([], { CLUSTERLENS_DATABASE_URL: url });
        expect(killed.signal).toBe('SIGKILL');
        expect(killed.stderr).toContain(': 75%');
        expect(await fingerprint(store)).toEqual(before);
        // the server ends the killed client's backend (and rolls its transaction back) once it notices the socket is gone
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          let others = -1;
          for (let attempt = 0; attempt < 100 && others !== 0; attempt++) {
            const r = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state is not null and state <> $1', ['idle']);
            others = r.rows[0]!.n;
            if (others !== 0) await new Promise((done) => setTimeout(done, 100));
          }
          expect(others).toBe(0);
          const rows = await client.query<{ n: number }>('select count(*)::int as n from observations where dataset_id = $1', ['big']);
          expect(rows.rows[0]!.n).toBe(0);
        } finally {
          await client.end();
        }
        const next = await runCli(['import', 'csv', SMALL, '--dataset', 'small', '--map', MAP, '--classification', 'NAICS2007'], { CLUSTERLENS_DATABASE_URL: url });
        expect(next.stdout).toBe('imported: dataset small, 1 values\n');
      } finally {
        await store.close();
      }
    }, 300_000);
  });
});
