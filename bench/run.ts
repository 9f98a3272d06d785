/**
 * `npm run bench`: times every core kernel on county-scale data (3,200 regions × 1,000 industries, about 35%
 * non-zero, generated deterministically) against baselines measured in the same run, prints a table and writes
 * bench/results/latest.json as an array of { operation, size, medianMs, p95Ms, peakMemoryMiB, baseline,
 * baselineMedianMs, ratio }.
 *
 * Each operation runs in its own child process (warm-up, then N repetitions) so that its peak memory is that
 * process's peak resident set (Node, the data and the kernel). Baselines: LQ in C (bench/baselines/lq.c, gcc -O3)
 * and in DuckDB SQL, specialisation in DuckDB SQL; where no reference tool can run here, the figures measured on
 * this machine and quoted in issue 3 are used as named constants and the baseline field says so.
 *
 * The CBP county import row (issue 4) loads a generated county-scale cbp11co.txt into a new DuckDB file with
 * importCbp, against DuckDB's own read_csv of the same file into a table, alternating in fresh child processes.
 *
 *   node --expose-gc dist/bench/run.js [--smoke] [--repetitions N] [--out FILE] [--only-cbp] [--no-cbp] [--only lq,eci,…]
 *     [--no-http] [--only-http] [--seconds N] [--connections N] (HTTP load rows: bench/http-load.ts)
 *     [--no-workbench] [--only-workbench] (county choropleth in Chromium: bench/workbench-timing.ts)
 *     [--no-e2e] [--only-e2e] (CLI end to end vs a DuckDB SQL script: bench/cli-end-to-end.ts)
 *
 * --only: the listed operations alone (ids: lq, shift-share, specialization, eci, complexity-pipeline, moran,
 * whole-set, cluster-mapping, discovery), without the CBP row; writes bench/results/partial.json unless --out.
 *
 * --smoke: 200 × 80 data, one repetition, no warm-up, no C or DuckDB baselines, all in this process (peak memory
 * is then the whole run's); writes bench/results/smoke.json.
 */
import { execFileSync, fork } from 'node:child_process';
import { httpLoadRows } from './http-load.js';
import { argument } from './argument.js';
import { median, nearestRank } from './sample-statistics.js';
import { cliEndToEndRows } from './cli-end-to-end.js';
import { workbenchTimingRows } from './workbench-timing.js';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { binaryMatrix, generateCountyScale, writeCountyScaleCsv } from './generate-county-scale.js';
import type { CountyScaleData, CountyScaleOptions } from './generate-county-scale.js';
import { generateCbpCounty } from './generate-cbp-county.js';
import {
  prepareMoran,
  runCbpImport,
  runDuckDbReadCsv,
  runComplexity,
  runComplexityPipeline,
  runLocationQuotient,
  runShiftShare,
  runSpecialization,
  wholeSet,
} from './operations.js';
import type { OperationId, PreparedOperation } from './operations.js';
import { prepareClusterMapping, prepareDiscovery } from './cluster-mapping-operations.js';

export interface BenchmarkRow {
  readonly operation: string;
  readonly size: string;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly peakMemoryMiB: number;
  readonly baseline: string;
  readonly baselineMedianMs: number | null;
  /** medianMs / baselineMedianMs: below 1 is faster than the baseline. */
  readonly ratio: number | null;
  /** Import rows only (CBP county import): input rows per second at the median, ours and the baseline's. */
  readonly rowsPerSecond?: number;
  readonly baselineRowsPerSecond?: number | null;
  /** Peak resident memory of the baseline's own process (MiB). */
  readonly baselinePeakMemoryMiB?: number | null;
  /** Import rows only: median CPU time (user + system, all threads) of ours and of the baseline, and every run. */
  readonly cpuMs?: number | null;
  readonly baselineCpuMs?: number | null;
  readonly runs?: readonly { ms: number; cpuMs: number | null; baselineMs: number | null; baselineCpuMs: number | null }[];
}

/** Figures quoted in issue 3, measured on this machine with tools that cannot run here (no Python or R). */
export const referenceFigures = Object.freeze({
  pyEcomplexityMs: 32_000,
  numpyComplexityMs: 800,
  esdaMoranMs: 100,
  reatShiftShareMs: 2_200,
  wholeSetTargetMs: 2_000,
});

interface WorkerReply {
  readonly times?: number[];
  readonly peakMemoryMiB?: number;
  readonly skipped?: string;
  readonly error?: string;
  /** Sum of what the repetitions returned, so that no result is dead code. */
  readonly checksum?: number;
}

interface Plan {
  readonly id: OperationId;
  readonly operation: string;
  readonly warmup: number;
  readonly repetitions: number;
}

const fullPlan: readonly Plan[] = [
  { id: 'lq', operation: 'LQ', warmup: 3, repetitions: 30 },
  { id: 'shift-share', operation: 'shift-share (two years)', warmup: 2, repetitions: 15 },
  { id: 'specialization', operation: 'specialisation (Krugman, Herfindahl, entropy, Hachman)', warmup: 2, repetitions: 15 },
  { id: 'eci', operation: 'ECI/PCI + proximity + density', warmup: 2, repetitions: 9 },
  { id: 'complexity-pipeline', operation: 'complexity pipeline (+ RCA, COI, COG)', warmup: 1, repetitions: 5 },
  { id: 'moran', operation: "Moran's I, 999 permutations, kNN-6", warmup: 1, repetitions: 7 },
  { id: 'whole-set', operation: 'whole set', warmup: 1, repetitions: 5 },
  { id: 'cluster-mapping', operation: 'full cluster mapping (strength, portfolio, relatedness, opportunities)', warmup: 1, repetitions: 5 },
  { id: 'discovery', operation: 'cluster discovery (similarities + discoverClusters)', warmup: 0, repetitions: 3 },
];

/** Sizes of the issue-5 workloads, which generate their own data (bench/cluster-mapping-operations.ts). */
function ownSize(id: OperationId, smoke: boolean): string | undefined {
  if (id === 'cluster-mapping') return smoke ? '200 regions × 67 clusters × 2 years' : '3,200 regions × 67 clusters × 2 years';
  if (id === 'discovery') return smoke ? '100 industries × 200 regions, k = 5…15' : '1,000 industries × 3,200 regions, k = 20…70';
  return undefined;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function prepare(id: OperationId, data: CountyScaleData): Promise<PreparedOperation> {
  switch (id) {
    case 'cluster-mapping':
    case 'discovery':
      throw new Error(`${id} generates its own data: see prepareOwn`);
    case 'lq':
      return { run: () => runLocationQuotient(data) };
    case 'shift-share':
      return { run: () => runShiftShare(data) };
    case 'specialization':
      return { run: () => runSpecialization(data) };
    case 'eci':
      return { run: () => runComplexity(data) };
    case 'complexity-pipeline':
      return { run: () => runComplexityPipeline(data) };
    case 'moran':
      return prepareMoran(data);
    case 'whole-set': {
      const moran = await prepareMoran(data);
      const all = wholeSet(moran.run);
      return { run: () => all(data) };
    }
  }
}

/** Generates the data and runs one operation: warm-up, then timed repetitions, each after a full GC. */
async function measure(id: OperationId, warmup: number, repetitions: number, options: CountyScaleOptions): Promise<WorkerReply> {
  try {
    // the issue-5 workloads generate their own data; the smoke run (200 regions) shrinks them too
    const smoke = (options.regions ?? 3200) < 3200;
    const op =
      id === 'cluster-mapping'
        ? prepareClusterMapping(smoke ? 200 : 3200)
        : id === 'discovery'
          ? smoke
            ? prepareDiscovery(100, 200, Array.from({ length: 11 }, (_, q) => 5 + q))
            : prepareDiscovery(1000, 3200)
          : await prepare(id, generateCountyScale(options));
    if (op.run === undefined) return { skipped: op.skipped ?? 'not available' };
    let sink = 0;
    for (let k = 0; k < warmup; k++) sink += op.run();
    const times: number[] = [];
    for (let k = 0; k < repetitions; k++) {
      gc();
      const t0 = performance.now();
      sink += op.run();
      times.push(performance.now() - t0);
    }
    return { times, peakMemoryMiB: process.resourceUsage().maxRSS / 1024, checksum: sink };
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Child process: one operation, replied to the parent with its times and the process's peak memory. */
async function worker(args: readonly string[]): Promise<void> {
  if (argument(args, '--worker') === 'cbp') {
    process.send?.(await measureCbp(argument(args, '--kind') as CbpRunKind, argument(args, '--file') ?? '', argument(args, '--database') ?? ''));
    return;
  }
  const id = argument(args, '--worker') as OperationId;
  const options: CountyScaleOptions = { regions: Number(argument(args, '--regions')), industries: Number(argument(args, '--industries')) };
  const reply = await measure(id, Number(argument(args, '--warmup')), Number(argument(args, '--repetitions')), options);
  process.send?.(reply);
}

function runWorker(plan: Plan, regions: number, industries: number): Promise<WorkerReply> {
  return new Promise((resolveReply, reject) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--worker', plan.id, '--warmup', String(plan.warmup), '--repetitions', String(plan.repetitions), '--regions', String(regions), '--industries', String(industries)],
      { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let reply: WorkerReply | undefined;
    child.on('message', (message) => {
      reply = message as WorkerReply;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      resolveReply(reply ?? { error: `worker for ${plan.id} exited with code ${code} and no result` });
    });
  });
}

/**
 * LQ in C over the same matrix: compiled with gcc -O3 into a temporary directory, timing its own loop. `same`: the
 * work locationQuotient does (checks every value, compensated totals); `plain`: the naive loop without checks.
 */
function cLocationQuotient(data: CountyScaleData, dir: string, warmup: number, repetitions: number): { same: number[]; plain: number[] } {
  const source = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/baselines/lq.c');
  const binary = join(dir, 'lq');
  execFileSync('gcc', ['-O3', '-o', binary, source, '-lm'], { stdio: 'inherit' });
  const matrixFile = join(dir, 'matrix.bin');
  writeFileSync(matrixFile, binaryMatrix(data.start));
  const run = (mode: string[]): number[] => {
    const out = execFileSync(binary, [matrixFile, String(warmup), String(repetitions), ...mode], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n').map(Number);
  };
  return { same: run([]), plain: run(['plain']) };
}

async function timeSql(connection: DuckDBConnection, sql: string, warmup: number, repetitions: number): Promise<number[]> {
  for (let k = 0; k < warmup; k++) await connection.run(sql);
  const times: number[] = [];
  for (let k = 0; k < repetitions; k++) {
    const t0 = performance.now();
    await connection.run(sql);
    times.push(performance.now() - t0);
  }
  return times;
}

/** LQ and the four specialisation indices in DuckDB SQL over the same cells (non-zero ones, long format), in memory. */
async function duckdbBaselines(data: CountyScaleData, dir: string, repetitions: number): Promise<{ lq: number[]; specialization: number[] }> {
  const csv = join(dir, 'county-scale.csv');
  await writeCountyScaleCsv(data.start, csv);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE TABLE cells AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}', header = true, columns = {'region': 'VARCHAR', 'industry': 'VARCHAR', 'value': 'DOUBLE'})`,
    );
    const lq = await timeSql(
      connection,
      `CREATE OR REPLACE TABLE lq_out AS
       SELECT region, industry, (value / SUM(value) OVER (PARTITION BY region))
                                / (SUM(value) OVER (PARTITION BY industry) / SUM(value) OVER ()) AS lq
       FROM cells`,
      2,
      repetitions,
    );
    // Krugman over all industries: cells absent from the table contribute |0 − s_i| = s_i, hence 1 − Σ_present s_i
    const specialization = await timeSql(
      connection,
      `CREATE OR REPLACE TABLE specialization_out AS
       WITH shares AS (
         SELECT region, value / SUM(value) OVER (PARTITION BY region) AS s,
                SUM(value) OVER (PARTITION BY industry) / SUM(value) OVER () AS si
         FROM cells)
       SELECT region, SUM(ABS(s - si)) + 1 - SUM(si) AS krugman, SUM(s * s) AS herfindahl,
              -SUM(CASE WHEN s > 0 THEN s * log2(s) ELSE 0 END) AS entropy, 1 / SUM(s * s / si) AS hachman
       FROM shares GROUP BY region`,
      1,
      Math.max(3, Math.ceil(repetitions / 2)),
    );
    return { lq, specialization };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

type CbpRunKind = 'import' | 'read-csv';

interface CbpReply {
  readonly ms?: number;
  /** CPU time of the whole process during the load (all threads: JavaScript and DuckDB's), user + system. */
  readonly cpuMs?: number;
  readonly peakMemoryMiB?: number;
  readonly error?: string;
}

/** One timed load of the CBP file (our import or DuckDB's read_csv) into a new database file. */
async function measureCbp(kind: CbpRunKind, file: string, database: string): Promise<CbpReply> {
  try {
    const before = process.cpuUsage();
    const { ms } = kind === 'import' ? await runCbpImport(file, database) : await runDuckDbReadCsv(file, database);
    const cpu = process.cpuUsage(before);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMemoryMiB: process.resourceUsage().maxRSS / 1024 };
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** measureCbp in a child process of its own, so its peak memory is that load's alone. */
function runCbpWorker(kind: CbpRunKind, file: string, database: string): Promise<CbpReply> {
  return new Promise((resolveReply, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--worker', 'cbp', '--kind', kind, '--file', file, '--database', database], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let reply: CbpReply | undefined;
    child.on('message', (message) => {
      reply = message as CbpReply;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolveReply(reply ?? { error: `CBP ${kind} worker exited with code ${code} and no result` }));
  });
}

/**
 * The CBP county import row: a generated cbp11co.txt (bench/generate-cbp-county.ts; ~2 million rows, or 5,000
 * with --smoke) imported by importCbp into a new DuckDB file, against DuckDB's read_csv of the same file into
 * a table, alternating, each run in a fresh child process (--smoke: in this process, no baseline).
 */
async function cbpImportRow(smoke: boolean, repetitions: number, notes: string[]): Promise<BenchmarkRow | null> {
  const dir = mkdtempSync(join(tmpdir(), 'clusterlens-bench-cbp-'));
  try {
    const file = join(dir, 'cbp11co.txt');
    const generated = generateCbpCounty(file, smoke ? { rows: 5_000, counties: 20 } : {});
    const size = `${generated.rows.toLocaleString('en-US')} rows, ${generated.counties.toLocaleString('en-US')} counties (${(generated.bytes / 2 ** 20).toFixed(generated.bytes < 10 * 2 ** 20 ? 1 : 0)} MiB)`;
    process.stderr.write(`  CBP county import: ${size} …\n`);
    const ours: number[] = [];
    const theirs: number[] = [];
    const ourCpu: number[] = [];
    const theirCpu: number[] = [];
    let peak = 0;
    let baselinePeak = 0;
    for (let k = 0; k < repetitions; k++) {
      const database = join(dir, `import-${k}.duckdb`);
      const reply = smoke ? await measureCbp('import', file, database) : await runCbpWorker('import', file, database);
      rmSync(database, { force: true });
      rmSync(`${database}.wal`, { force: true });
      if (reply.ms === undefined || reply.peakMemoryMiB === undefined) {
        notes.push(`CBP county import: failed: ${reply.error ?? 'unknown error'}`);
        process.exitCode = 1;
        return null;
      }
      ours.push(reply.ms);
      if (reply.cpuMs !== undefined) ourCpu.push(reply.cpuMs);
      peak = Math.max(peak, reply.peakMemoryMiB);
      if (smoke) continue;
      const baselineDatabase = join(dir, `read-csv-${k}.duckdb`);
      const baseline = await runCbpWorker('read-csv', file, baselineDatabase);
      rmSync(baselineDatabase, { force: true });
      rmSync(`${baselineDatabase}.wal`, { force: true });
      if (baseline.ms === undefined || baseline.peakMemoryMiB === undefined) notes.push(`DuckDB read_csv baseline failed: ${baseline.error ?? 'unknown error'}`);
      else {
        theirs.push(baseline.ms);
        if (baseline.cpuMs !== undefined) theirCpu.push(baseline.cpuMs);
        baselinePeak = Math.max(baselinePeak, baseline.peakMemoryMiB);
      }
    }
    const sorted = [...ours].sort((a, b) => a - b);
    const medianMs = median(sorted);
    const baselineMedianMs = theirs.length === 0 ? null : median(theirs);
    return {
      operation: 'CBP county import (DuckDB store)',
      size,
      medianMs,
      p95Ms: nearestRank(sorted, 0.95),
      peakMemoryMiB: peak,
      baseline: smoke ? 'none (smoke run)' : 'DuckDB read_csv into a table, same file (measured)',
      baselineMedianMs,
      ratio: baselineMedianMs === null ? null : medianMs / baselineMedianMs,
      rowsPerSecond: generated.rows / (medianMs / 1000),
      baselineRowsPerSecond: baselineMedianMs === null ? null : generated.rows / (baselineMedianMs / 1000),
      baselinePeakMemoryMiB: theirs.length === 0 ? null : baselinePeak,
      cpuMs: ourCpu.length === 0 ? null : median(ourCpu),
      baselineCpuMs: theirCpu.length === 0 ? null : median(theirCpu),
      runs: ours.map((ms, k) => ({ ms, cpuMs: ourCpu[k] ?? null, baselineMs: theirs[k] ?? null, baselineCpuMs: theirCpu[k] ?? null })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function printTable(rows: readonly BenchmarkRow[]): void {
  const header = ['operation', 'size', 'median ms', 'p95 ms', 'peak MiB', 'baseline', 'baseline ms', 'ratio'];
  const body = rows.map((r) => [
    r.operation,
    r.size,
    formatMs(r.medianMs),
    formatMs(r.p95Ms),
    r.peakMemoryMiB.toFixed(0),
    r.baseline,
    formatMs(r.baselineMedianMs),
    r.ratio === null ? '—' : `${r.ratio >= 10 ? r.ratio.toFixed(1) : r.ratio.toFixed(2)}×`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((line) => line[c].length)));
  const numeric = new Set([2, 3, 4, 6, 7]);
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const cells of body) process.stdout.write(`${line(cells)}\n`);
}

async function main(args: readonly string[]): Promise<void> {
  const smoke = args.includes('--smoke');
  const regions = smoke ? 200 : 3200;
  const industries = smoke ? 80 : 1000;
  const repetitionsOverride = argument(args, '--repetitions');
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const partial = args.includes('--only');
  const outFile =
    argument(args, '--out') ??
    join(root, 'bench', 'results', smoke ? 'smoke.json' : args.includes('--only-cbp') ? 'cbp-import.json' : args.includes('--only-http') ? 'http.json' : args.includes('--only-e2e') ? 'e2e.json' : args.includes('--only-workbench') ? 'workbench.json' : partial ? 'partial.json' : 'latest.json');
  const size = `${regions} × ${industries}`;
  // --only lq,eci,…: those operations alone (no CBP row; baselines only for the operations that have them)
  const only = argument(args, '--only')?.split(',');
  if (only !== undefined) {
    const unknown = only.filter((id) => !fullPlan.some((p) => p.id === id));
    if (unknown.length > 0) throw new Error(`--only: unknown operation(s) ${unknown.join(', ')}; known: ${fullPlan.map((p) => p.id).join(', ')}`);
  }
  const plans = fullPlan.filter((p) => only === undefined || only.includes(p.id)).map((p) =>
    smoke ? { ...p, warmup: 0, repetitions: 1 } : repetitionsOverride === undefined ? p : { ...p, repetitions: Number(repetitionsOverride) },
  );
  process.stderr.write(
    `bench: ${size}${smoke ? ' (smoke)' : ''}, ${cpus().length} CPU(s), load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} at start, Node ${process.version}\n`,
  );

  const measured = new Map<OperationId, { times: number[]; peakMemoryMiB: number }>();
  const notes: string[] = [];
  const onlyCbp = args.includes('--only-cbp') || args.includes('--only-http') || args.includes('--only-e2e') || args.includes('--only-workbench');
  for (const plan of onlyCbp ? [] : plans) {
    process.stderr.write(`  ${plan.operation} …\n`);
    const reply = smoke ? await measure(plan.id, plan.warmup, plan.repetitions, { regions, industries }) : await runWorker(plan, regions, industries);
    if (reply.times !== undefined && reply.peakMemoryMiB !== undefined) measured.set(plan.id, { times: reply.times, peakMemoryMiB: reply.peakMemoryMiB });
    else if (reply.skipped !== undefined) notes.push(`${plan.operation}: ${reply.skipped}`);
    else {
      notes.push(`${plan.operation}: failed: ${reply.error ?? 'unknown error'}`);
      process.exitCode = 1;
    }
  }

  let cTimes: { same: number[]; plain: number[] } | undefined;
  let duck: { lq: number[]; specialization: number[] } | undefined;
  if (!smoke && !onlyCbp && plans.some((p) => p.id === 'lq' || p.id === 'specialization')) {
    process.stderr.write('  baselines: C (gcc -O3), DuckDB SQL …\n');
    const data = generateCountyScale({ regions, industries });
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-bench-'));
    try {
      try {
        cTimes = cLocationQuotient(data, dir, 5, 50);
      } catch (error) {
        notes.push(`C baseline unavailable: ${error instanceof Error ? error.message : String(error)}`);
      }
      duck = await duckdbBaselines(data, dir, 7);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows: BenchmarkRow[] = [];
  const add = (id: OperationId, operation: string, baseline: string, baselineMedianMs: number | null, rowSize = size): void => {
    const m = measured.get(id);
    if (m === undefined) return;
    const sorted = [...m.times].sort((a, b) => a - b);
    const medianMs = median(sorted);
    rows.push({
      operation,
      size: rowSize,
      medianMs,
      p95Ms: nearestRank(sorted, 0.95),
      peakMemoryMiB: m.peakMemoryMiB,
      baseline: smoke ? 'none (smoke run)' : baseline,
      baselineMedianMs: smoke ? null : baselineMedianMs,
      ratio: smoke || baselineMedianMs === null ? null : medianMs / baselineMedianMs,
    });
  };
  const name = (id: OperationId): string => plans.find((p) => p.id === id)?.operation ?? id;
  add('lq', name('lq'), 'C loop, gcc -O3, same work: checks + compensated totals (measured)', cTimes === undefined ? null : median(cTimes.same));
  if (!smoke) add('lq', name('lq'), 'C loop, gcc -O3, plain: naive totals, no checks (measured)', cTimes === undefined ? null : median(cTimes.plain));
  if (!smoke) add('lq', name('lq'), 'DuckDB SQL, window sums (measured)', duck === undefined ? null : median(duck.lq));
  add('shift-share', name('shift-share'), 'REAT shift-share looped over regions (issue 3 reference figure, not measured)', referenceFigures.reatShiftShareMs);
  add('specialization', name('specialization'), 'DuckDB SQL, group aggregates (measured)', duck === undefined ? null : median(duck.specialization));
  add('eci', name('eci'), 'careful numpy (issue 3 reference figure, not measured)', referenceFigures.numpyComplexityMs);
  add('complexity-pipeline', name('complexity-pipeline'), 'py-ecomplexity (issue 3 reference figure, not measured)', referenceFigures.pyEcomplexityMs);
  add('moran', name('moran'), 'PySAL esda (issue 3 reference figure, not measured)', referenceFigures.esdaMoranMs);
  add('whole-set', `${name('whole-set')}${measured.has('moran') ? '' : ' (without Moran)'}`, 'target: under 2 s (issue 9; not a measurement)', referenceFigures.wholeSetTargetMs);
  const issue5 = 'none (issue 5 asks for the figure)';
  for (const id of ['cluster-mapping', 'discovery'] as const) add(id, name(id), issue5, null, ownSize(id, smoke));

  if (!args.includes('--no-cbp') && only === undefined) {
    const cbpRepetitions = smoke ? 1 : repetitionsOverride === undefined ? 3 : Number(repetitionsOverride);
    const cbp = await cbpImportRow(smoke, cbpRepetitions, notes);
    if (cbp !== null) {
      rows.push(cbp);
      const perSecond = (x: number | null | undefined): string => (x == null ? '—' : `${Math.round(x).toLocaleString('en-US')} rows/s`);
      notes.push(
        `CBP county import: ${perSecond(cbp.rowsPerSecond)}, peak ${cbp.peakMemoryMiB.toFixed(0)} MiB; DuckDB read_csv: ${perSecond(cbp.baselineRowsPerSecond)}` +
          `${cbp.baselinePeakMemoryMiB == null ? '' : `, peak ${cbp.baselinePeakMemoryMiB.toFixed(0)} MiB`}`,
      );
      if (cbp.cpuMs != null && cbp.baselineCpuMs != null) {
        notes.push(
          `CBP county import CPU time (user + system, median): ${Math.round(cbp.cpuMs)} ms vs read_csv ${Math.round(cbp.baselineCpuMs)} ms (${(cbp.cpuMs / cbp.baselineCpuMs).toFixed(2)}×); ` +
            `runs (ours / read_csv, wall): ${(cbp.runs ?? []).map((r) => `${Math.round(r.ms)}/${r.baselineMs === null ? '—' : Math.round(r.baselineMs)}`).join(', ')}; load average at end ${loadavg()[0]!.toFixed(2)}`,
        );
      }
    }
  }

  // the CLI end to end against a DuckDB SQL script doing the same work in one process (issue 9)
  if ((!args.includes('--no-e2e') && only === undefined && !onlyCbp) || args.includes('--only-e2e')) {
    try {
      rows.push(...(await cliEndToEndRows(smoke, notes)));
    } catch (error) {
      notes.push(`CLI end to end: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // the county choropleth in headless Chromium: first draw and redraws (issue 9)
  if ((!args.includes('--no-workbench') && only === undefined && !onlyCbp) || args.includes('--only-workbench')) {
    try {
      rows.push(...(await workbenchTimingRows(smoke ? ['--smoke'] : args, notes)).map((r) => ({ ...r, peakMemoryMiB: r.peakMemoryMiB ?? Number.NaN })));
    } catch (error) {
      notes.push(`workbench timing: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // HTTP at 64 connections on county-scale data against a static file of the same size (issue 9)
  if ((!args.includes('--no-http') && only === undefined && !onlyCbp) || args.includes('--only-http')) {
    try {
      rows.push(...(await httpLoadRows(smoke ? ['--smoke'] : args, notes)));
    } catch (error) {
      notes.push(`HTTP load: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  printTable(rows);
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(rows, null, 2)}\n`);
  process.stdout.write(`wrote ${outFile}\n`);
}

const args = process.argv.slice(2);
if (args.includes('--worker')) await worker(args);
else if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(args);

