import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { runCli } from '../helpers/run-cli.js';

// the shared statistics database (read-only) beside a fresh registry of this suite's own
let dir: string;
const env = { CLUSTERLENS_DATABASE_URL: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clusterlens-initiatives-cli-'));
  symlinkSync(join(inject('defaultDataDir'), DATABASE_FILE), join(dir, DATABASE_FILE));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clusterlens initiatives', () => {
  test('list shows the demonstration initiatives; import adds JSON and CSV all or nothing with file:line:field errors', async () => {
    const list = await runCli(['initiatives', 'list', '--format', 'json', '--data-dir', dir], env);
    expect(list.code, list.stderr).toBe(0);
    const items = (JSON.parse(list.stdout) as { items: { id: string; demonstration: boolean }[] }).items;
    expect(items).toHaveLength(7);
    expect(items.every((i) => i.demonstration)).toBe(true);

    const json = join(dir, 'ohio.json');
    writeFileSync(json, JSON.stringify({ initiatives: [{ id: 'ohio-auto', name: 'Ohio automotive', region: 'US-39', sponsor: 'JobsOhio', sponsorLevel: 'regional', targetClusters: ['automotive'], periodStart: 2009, kpis: [{ kpi: 'jobs', year: 2011, value: 800, status: 'published', source: 'report' }] }] }, null, 2));
    const imported = await runCli(['initiatives', 'import', json, '--data-dir', dir], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe('imported 1 initiatives (ohio-auto) and 1 KPI observations\n');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,name,sponsor,sponsorLevel,periodStart,periodEnd\ngood-one,Good,Agency,regional,2005,2010\nbad-one,Bad,Agency,regional,2010,2005\n');
    const failed = await runCli(['initiatives', 'import', bad, '--data-dir', dir], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('clusterlens: bad.csv:3: periodEnd: periodEnd 2005 is before periodStart 2010\n');
    const after = JSON.parse((await runCli(['initiatives', 'list', '--format', 'json', '--data-dir', dir], env)).stdout) as { items: { id: string }[] };
    expect(after.items.map((i) => i.id)).not.toContain('good-one');
    expect(after.items).toHaveLength(8);

    const csv = await runCli(['initiatives', 'list', '--region', 'US-39', '--format', 'csv', '--data-dir', dir], env);
    expect(csv.stdout.split('\n')[1]).toMatch(/^ohio-auto,Ohio automotive,US-39,regional,2009,,automotive,,false,1$/);
  });

  test('show and outcomes print the detail and the DiD with its assumptions; bad usage exits 2', async () => {
    const show = await runCli(['initiatives', 'show', 'ohio-auto', '--data-dir', dir], env);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('targets vs strengths');
    expect(show.stdout).toContain('jobs');
    const outcomes = await runCli(['initiatives', 'outcomes', 'ohio-auto', '--peers', 'MI,IN,IL', '--format', 'json', '--data-dir', dir], env);
    expect(outcomes.code, outcomes.stderr).toBe(0);
    const r = JSON.parse(outcomes.stdout) as { status: string; peers: { region: string }[]; estimate: number; assumptions: string[] };
    expect(r.status).toBe('estimated');
    expect(r.peers.map((p) => p.region)).toEqual(['US-26', 'US-18', 'US-17']);
    const table = await runCli(['initiatives', 'outcomes', 'ohio-auto', '--peers', 'MI,IN,IL', '--data-dir', dir], env);
    expect(table.stdout).toContain('DiD of log employment');
    expect(table.stdout).toContain('Parallel trends');
    const glasgow = await runCli(['initiatives', 'outcomes', 'glasgow-joint-economic-strategy', '--data-dir', dir], env);
    expect(glasgow.stdout).toContain('insufficient data: the initiative names no target cluster codes');
    expect((await runCli(['initiatives', 'outcomes', '--data-dir', dir], env)).code).toBe(2);
    expect((await runCli(['initiatives', 'frobnicate', '--data-dir', dir], env)).code).toBe(2);
    const missing = await runCli(['initiatives', 'show', 'nope', '--data-dir', dir], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no initiative nope');
  });
});
