/**
 * County-scale data behind a real server, shared by the HTTP load and workbench timing benchmarks:
 * prepareCountyData generates a Census-layout CBP county file per year (generate-cbp-county.ts; the seed is
 * 20111231 + year − 2011, so 2011 is the default file) and imports it with `clusterlens import cbp` into the
 * data directory (the file is deleted afterwards); startServeProcess runs `clusterlens serve` on it as a child
 * process on a free port. Both run on the embedded database with an empty actors registry, so no background
 * load disturbs what is timed.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cbpCountyDefaults, generateCbpCounty } from './generate-cbp-county.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const env = (): NodeJS.ProcessEnv => ({ ...process.env, CLUSTERLENS_DATABASE_URL: '', CLUSTERLENS_DEFAULT_ACTORS: '0' });

export interface CountyDataOptions {
  dataDir: string;
  years: readonly number[];
  rows: number;
  /** Limit to the first N counties (smoke runs). */
  counties?: number;
}

/** Generates and imports one county file per year; returns the number of rows generated in all. */
export function prepareCountyData(options: CountyDataOptions): number {
  let rows = 0;
  for (const year of options.years) {
    const file = join(options.dataDir, `cbp${String(year).slice(2)}co.txt`);
    const generated = generateCbpCounty(file, {
      rows: options.rows,
      seed: cbpCountyDefaults.seed + year - 2011,
      ...(options.counties === undefined ? {} : { counties: options.counties }),
    });
    rows += generated.rows;
    const imported = spawnSync(process.execPath, [cli, 'import', 'cbp', file, '--data-dir', options.dataDir], { env: env(), encoding: 'utf8' });
    rmSync(file, { force: true });
    if (imported.status !== 0) throw new Error(`import of ${file} failed: ${imported.stderr}`);
  }
  return rows;
}

export interface ServeProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly base: string;
  stop(): Promise<void>;
}

/** Starts `clusterlens serve` on the data directory and resolves once it prints its URL. */
export function startServeProcess(dataDir: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      const match = /http:\/\/[^\s/]+:\d+/.exec(out);
      if (match) resolve({ child, base: match[0], stop });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.once('close', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
  });
}
