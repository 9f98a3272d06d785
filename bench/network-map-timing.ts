/**
 * Network map timing (issues 6 and 7): GET /api/v1/network/graph on the full Horizon 2020 registry of the default
 * data (5,000 organisations drawn) and the Actors view's canvas map in headless Chromium. Not a gate.
 *
 * Steps: `clusterlens serve` on a data directory (a fresh one gets the embedded default data; not timed), then
 *   - graph, cold: the first request after the server start (read the network, select, Louvain, ForceAtlas2);
 *     once per run, since the server caches the drawing until the registry changes;
 *   - graph, cached: the same request again (reps times);
 *   - first draw: the `network-map:first-draw` measure of /actors?network=map (reps fresh pages);
 *   - redraw: the `network-map:redraw` measure after a type filter change (reps times).
 *
 *   node dist/bench/network-map-timing.js [--reps N] [--keep DIR]
 *
 * Rows go to bench/results/network-map.json in the workbench rows' shape (WorkbenchBenchmarkRow), with the
 * server's own timings and the load average in `notes`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { argument } from './argument.js';
import { startServeProcess } from './county-scale-server.js';
import type { ServeProcess } from './county-scale-server.js';
import { median, nearestRank } from './sample-statistics.js';
import type { WorkbenchBenchmarkRow } from './workbench-timing.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const GRAPH = '/api/v1/network/graph?limit=5000';

function row(operation: string, size: string, samples: readonly number[]): WorkbenchBenchmarkRow {
  return { operation, size, medianMs: median(samples), p95Ms: nearestRank([...samples].sort((a, b) => a - b), 0.95), peakMemoryMiB: null, baseline: 'none (not a gate)', baselineMedianMs: null, ratio: null, samples: samples.length };
}

async function timedFetch(url: string): Promise<{ ms: number; body: { totals: { nodesShown: number; edgesShown: number; nodes: number; edges: number }; timings: Record<string, number> } }> {
  const t0 = performance.now();
  const response = await fetch(url);
  const body = (await response.json()) as Awaited<ReturnType<typeof timedFetch>>['body'];
  return { ms: performance.now() - t0, body };
}

/** The network map rows (see the file comment). */
export async function networkMapTimingRows(args: readonly string[], notes: string[]): Promise<WorkbenchBenchmarkRow[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the network map benchmark needs Chromium`);
  const reps = Number(argument(args, '--reps') ?? 5);
  const keep = argument(args, '--keep');
  const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'clusterlens-network-bench-'));
  mkdirSync(dataDir, { recursive: true });
  let server: ServeProcess | undefined;
  let browser: Browser | undefined;
  try {
    server = await startServeProcess(dataDir);
    const cold = await timedFetch(`${server.base}${GRAPH}`);
    const totals = cold.body.totals;
    const size = `${totals.nodesShown.toLocaleString('en-US')} of ${totals.nodes.toLocaleString('en-US')} organisations, ${totals.edgesShown.toLocaleString('en-US')} of ${totals.edges.toLocaleString('en-US')} links`;
    notes.push(`Network map: cold graph request ${Math.round(cold.ms)} ms; server timings ${JSON.stringify(Object.fromEntries(Object.entries(cold.body.timings).map(([k, v]) => [k, Math.round(v)])))}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const cached: number[] = [];
    for (let k = 0; k < reps; k++) cached.push((await timedFetch(`${server.base}${GRAPH}`)).ms);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    const firstDraws: number[] = [];
    const redraws: number[] = [];
    for (let k = 0; k < reps; k++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.base}/actors?network=map`);
      await page.waitForSelector('[data-testid="network-map-canvas"][data-ready="true"]', { timeout: 180_000 });
      // Page-side code as strings: the bench compiles without the DOM library.
      firstDraws.push((await page.evaluate(`performance.getEntriesByName('network-map:first-draw')[0].duration`)) as number);
      await page.getByTestId('network-map-type').selectOption('university');
      await page.waitForFunction(`performance.getEntriesByName('network-map:redraw').length > 0`);
      redraws.push((await page.evaluate(`performance.getEntriesByName('network-map:redraw')[0].duration`)) as number);
      await context.close();
    }
    return [
      row('network graph: first request (layout)', size, [cold.ms]),
      row('network graph: cached request', size, cached),
      row('network map: first draw (canvas)', size, firstDraws),
      row('network map: redraw after a type filter', size, redraws),
    ];
  } finally {
    await browser?.close();
    await server?.stop();
    if (keep === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const notes: string[] = [];
  const rows = await networkMapTimingRows(process.argv.slice(2), notes);
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'network-map.json'), `${JSON.stringify({ rows, notes }, null, 2)}\n`);
  for (const r of rows) process.stdout.write(`${r.operation}: median ${r.medianMs.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms (${r.samples} samples; ${r.size})\n`);
  for (const note of notes) process.stdout.write(`${note}\n`);
}
