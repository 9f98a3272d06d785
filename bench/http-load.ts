/**
 * HTTP load benchmark (issue 9): the region profile and the cluster map endpoints at 64 concurrent
 * connections on county-scale data, each against a static JSON file of the same size served by the same
 * server — the floor of what the server can do for a body that size.
 *
 * Steps: a fresh data directory gets the embedded default data and a generated County Business Patterns
 * county file in the Census layout (about 2,000,000 rows, 3,142 counties; see generate-cbp-county.ts),
 * imported with `clusterlens import cbp`. `clusterlens serve` then runs in a child process; this process is
 * the load generator (autocannon, loopback only, fixed duration). Per-request latencies are recorded from
 * autocannon's response events, so p95 is the nearest-rank 95th percentile of every request, not an
 * interpolation of a histogram. Afterwards GET /api/v1/stats gives the server's resident memory and its
 * mapping-cache hit rate.
 *
 *   node dist/bench/http-load.js [--smoke] [--seconds N] [--connections N] [--rows N] [--keep DIR]
 *
 * --smoke: 20,000 rows over 100 counties, 2 s per endpoint (a few seconds in all). Rows are appended to
 * bench/results/http.json (and returned to run.ts) as { operation, size, medianMs, p95Ms, peakMemoryMiB,
 * baseline, baselineMedianMs, ratio, requestsPerSecond, baselineP95Ms, errors }; ratio = p95 / static p95.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { argument } from './argument.js';
import { prepareCountyData, startServeProcess } from './county-scale-server.js';
import type { ServeProcess } from './county-scale-server.js';
import { nearestRank } from './sample-statistics.js';

export interface HttpBenchmarkRow {
  operation: string;
  size: string;
  medianMs: number;
  p95Ms: number;
  peakMemoryMiB: number;
  baseline: string;
  baselineMedianMs: number | null;
  ratio: number | null;
  requestsPerSecond: number;
  baselineP95Ms: number | null;
  errors: number;
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LoadResult {
  medianMs: number;
  p95Ms: number;
  requestsPerSecond: number;
  errors: number;
  bytes: number;
}

/** Runs autocannon against one URL and returns per-request latency quantiles. */
async function load(url: string, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, pipelining: 1 }, (error, done) => (error ? reject(error as Error) : resolve(done)));
    instance.on('response', (_client, statusCode, resBytes, responseTime) => {
      if (statusCode !== 200) errors++;
      bytes = resBytes;
      latencies.push(responseTime);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    medianMs: nearestRank(latencies, 0.5),
    p95Ms: nearestRank(latencies, 0.95),
    requestsPerSecond: result.requests.average,
    errors: errors + result.errors + result.timeouts + result.non2xx,
    bytes,
  };
}

async function getJson(url: string): Promise<{ text: string; json: unknown }> {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${text.slice(0, 200)}`);
  return { text, json: JSON.parse(text) as unknown };
}

/** Prepares the county-scale data directory, runs the load, returns the rows. */
export async function httpLoadRows(args: readonly string[], notes: string[]): Promise<HttpBenchmarkRow[]> {
  const smoke = args.includes('--smoke');
  const seconds = Number(argument(args, '--seconds') ?? (smoke ? 2 : 10));
  const connections = Number(argument(args, '--connections') ?? 64);
  const rows = Number(argument(args, '--rows') ?? (smoke ? 20_000 : 2_000_000));
  const keep = argument(args, '--keep');
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'clusterlens-http-bench-'));
  mkdirSync(dataDir, { recursive: true });
  const staticName = `bench-static-${process.pid}.json`;
  const staticPath = join(root, 'dist', 'web', staticName);
  let server: ServeProcess | undefined;
  try {
    const started = Date.now();
    const generated = prepareCountyData({ dataDir, years: [2011], rows, ...(smoke ? { counties: 100 } : {}) });
    notes.push(`HTTP: ${generated.toLocaleString('en-US')} CBP county rows prepared and imported in ${((Date.now() - started) / 1000).toFixed(0)} s (not timed)`);
    server = await startServeProcess(dataDir);
    const base = server.base;
    const mapUrl = `${base}/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=county`;
    const counties = (await getJson(mapUrl)).json as { regions: { region: string; employment: number }[] };
    // King County, WA when the data have it (the full run), else the county with the most aerospace jobs
    const king = counties.regions.find((r) => r.region === 'US-53033');
    const county = king ?? [...counties.regions].sort((a, b) => b.employment - a.employment)[0]!;
    const profileUrl = `${base}/api/v1/regions/${county.region}/clusters?year=2011`;
    const size = `${counties.regions.length.toLocaleString('en-US')} counties`;
    const out: HttpBenchmarkRow[] = [];
    for (const [operation, url] of [
      ['HTTP region profile (county), 64 conn.', profileUrl],
      ['HTTP cluster map (all counties), 64 conn.', mapUrl],
    ] as const) {
      const body = (await getJson(url)).text; // warm: the mapping is computed once and cached
      writeFileSync(staticPath, body);
      const staticUrl = `${base}/${staticName}`;
      const staticBody = await (await fetch(staticUrl)).text();
      if (staticBody.length !== body.length) throw new Error(`static file served ${staticBody.length} bytes, expected ${body.length}`);
      const measured = await load(url, connections, seconds);
      const baseline = await load(staticUrl, connections, seconds);
      const stats = (await getJson(`${base}/api/v1/stats`)).json as { memory: { rssMiB: number }; cache: { hitRate: number | null; hits: number; misses: number } };
      out.push({
        operation: operation.replace('64', String(connections)),
        size: `${size}, ${(body.length / 1024).toFixed(0)} KiB`,
        medianMs: measured.medianMs,
        p95Ms: measured.p95Ms,
        peakMemoryMiB: stats.memory.rssMiB,
        baseline: `static JSON of the same size (${(body.length / 1024).toFixed(0)} KiB), same server, p95 (measured)`,
        baselineMedianMs: baseline.p95Ms,
        ratio: measured.p95Ms / baseline.p95Ms,
        requestsPerSecond: measured.requestsPerSecond,
        baselineP95Ms: baseline.p95Ms,
        errors: measured.errors,
      });
      notes.push(
        `${operation}: p50 ${measured.medianMs} ms, p95 ${measured.p95Ms} ms, ${measured.requestsPerSecond.toFixed(0)} req/s, ${measured.errors} errors; ` +
          `static same size: p50 ${baseline.medianMs} ms, p95 ${baseline.p95Ms} ms, ${baseline.requestsPerSecond.toFixed(0)} req/s; ` +
          `server RSS ${stats.memory.rssMiB} MiB; mapping cache ${stats.cache.hits} hits / ${stats.cache.misses} misses (hit rate ${stats.cache.hitRate === null ? '–' : (100 * stats.cache.hitRate).toFixed(2)} %)`,
      );
    }
    return out;
  } finally {
    rmSync(staticPath, { force: true });
    await server?.stop();
    if (keep === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(args: readonly string[]): Promise<void> {
  const notes: string[] = [];
  const rows = await httpLoadRows(args, notes);
  for (const note of notes) process.stdout.write(`${note}\n`);
  const out = join(root, 'bench', 'results', args.includes('--smoke') ? 'http-smoke.json' : 'http.json');
  writeFileSync(out, JSON.stringify(rows, null, 2) + '\n');
  process.stdout.write(`wrote ${out}\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
