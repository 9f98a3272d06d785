/**
 * CLI end to end (issue 9): `clusterlens compute specialization --input county-scale.csv` — start Node, read
 * the 1.1-million-line CSV, compute, print — against a DuckDB SQL script doing the same work in one process
 * (duckdb-specialization.ts: read_csv, the indicators in SQL, CSV out). Both are timed from process start to
 * exit, alternating, after one warm-up each (the file is in the page cache for both); the two outputs are
 * compared region by region (Krugman, Herfindahl, entropy to 1e-9 relative) so the work is the same.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCountyScale, writeCountyScaleCsv } from './generate-county-scale.js';
import { median, nearestRank } from './sample-statistics.js';

export interface EndToEndRow {
  operation: string;
  size: string;
  medianMs: number;
  p95Ms: number;
  peakMemoryMiB: number;
  baseline: string;
  baselineMedianMs: number | null;
  ratio: number | null;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function timeProcess(args: string[], stdoutFile: string): { ms: number; peakMiB: number } {
  const fd = openSync(stdoutFile, 'w');
  try {
    // /usr/bin/time is not assumed: peak memory comes from the child's resource usage via process.resourceUsage in a wrapper
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--max-old-space-size=4096', join(root, 'dist', 'bench', 'measure-child.js'), ...args], { stdio: ['ignore', fd, 'pipe'] });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(result.stderr)}`);
    const peak = /peakMiB=(\d+(\.\d+)?)/.exec(String(result.stderr));
    return { ms, peakMiB: peak ? Number(peak[1]) : NaN };
  } finally {
    closeSync(fd);
  }
}

function readCsv(path: string): Map<string, number[]> {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const columns = ['krugman', 'herfindahl', 'entropy', 'hachman'].map((c) => header.indexOf(c));
  const out = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    out.set(cells[0]!, columns.map((k) => Number(cells[k])));
  }
  return out;
}

const p95 = (v: readonly number[]): number => nearestRank([...v].sort((a, b) => a - b), 0.95);

export async function cliEndToEndRows(smoke: boolean, notes: string[]): Promise<EndToEndRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-e2e-'));
  try {
    const regions = smoke ? 200 : 3200;
    const industries = smoke ? 80 : 1000;
    const data = generateCountyScale({ regions, industries });
    const input = join(dir, 'county-scale.csv');
    const lines = await writeCountyScaleCsv(data.start, input);
    const ours = join(dir, 'ours.csv');
    const theirs = join(dir, 'duckdb.csv');
    const cli = ['--child', join(root, 'dist', 'cli', 'main.js'), 'compute', 'specialization', '--input', input, '--format', 'csv', '--rows', 'regions'];
    const sql = ['--child', join(root, 'dist', 'bench', 'duckdb-specialization.js'), input, theirs];
    const repetitions = smoke ? 1 : 5;
    const oursMs: number[] = [];
    const theirsMs: number[] = [];
    let oursPeak = 0;
    for (let i = -1; i < repetitions; i++) {
      const a = timeProcess(cli, ours);
      const b = timeProcess(sql, join(dir, 'duckdb.stdout'));
      if (i < 0) continue; // warm-up
      oursMs.push(a.ms);
      theirsMs.push(b.ms);
      oursPeak = Math.max(oursPeak, a.peakMiB);
    }
    const mine = readCsv(ours);
    const reference = readCsv(theirs);
    let worst = 0;
    for (const [region, values] of reference) {
      const other = mine.get(region);
      if (other === undefined) throw new Error(`CLI output lacks region ${region}`);
      values.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - other[k]!) / Math.max(Math.abs(v), 1e-300))));
    }
    if (mine.size !== reference.size || worst > 1e-9) throw new Error(`CLI and DuckDB outputs differ (regions ${mine.size} vs ${reference.size}, worst relative difference ${worst})`);
    notes.push(`CLI end to end: ${lines.toLocaleString('en-US')} input lines; outputs agree to ${worst.toExponential(1)} relative (Krugman, Herfindahl, entropy, Hachman)`);
    const baselineMedian = median(theirsMs);
    return [
      {
        operation: 'CLI end to end: compute specialization (read, compute, print)',
        size: `${regions} × ${industries}, ${lines.toLocaleString('en-US')} lines`,
        medianMs: median(oursMs),
        p95Ms: p95(oursMs),
        peakMemoryMiB: oursPeak,
        baseline: 'DuckDB SQL script in one process: read_csv, indicators, CSV out (measured)',
        baselineMedianMs: smoke ? null : baselineMedian,
        ratio: smoke ? null : median(oursMs) / baselineMedian,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
