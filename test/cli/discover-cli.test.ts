import { describe, expect, inject, test } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClusterCounts } from '../../src/cli/commands/discover-command.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = (): string => inject('defaultDataDir');

describe('clusterlens discover', () => {
  test('clusterlens discover --k 40 --format json prints the report: discovered, benchmark and random scores', async () => {
    const res = await runCli(['discover', '--year', '2011', '--k', '40', '--format', 'json', '--data-dir', dataDir()]);
    expect(res.code, res.stderr).toBe(0);
    const report = JSON.parse(res.stdout) as {
      discovered: { k: number; score: number };
      benchmark: { scheme: string; score: number };
      randomBaseline: { score: number };
      agreement: { adjustedRandIndex: number; bestMatchShare: number };
      clusters: { industries: unknown[] }[];
    };
    expect(report.discovered.k).toBe(40);
    expect(report.clusters).toHaveLength(40);
    expect(report.benchmark.scheme).toBe('us-benchmark-2016');
    expect(report.discovered.score).toBeGreaterThan(report.randomBaseline.score);
    expect(report.agreement.bestMatchShare).toBeGreaterThan(0);
  });

  test('clusterlens discover --clusters 30..32 --format markdown --output FILE writes the definition CSV and a readable report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-discover-'));
    try {
      const file = join(dir, 'discovered.csv');
      const res = await runCli(['discover', '--clusters', '30..32', '--seed', '7', '--format', 'markdown', '--output', file, '--data-dir', dataDir()]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('# Cluster discovery — colocation similarity, US states, 2011');
      expect(res.stdout).toContain('Random baseline seed: 7');
      expect(res.stdout).toMatch(/Tried k = 30…32/);
      const csv = readFileSync(file, 'utf8').trim().split('\n');
      expect(csv[0]).toBe('naics,traded_local,cluster,subcluster,emsi_specific_naics,naics_description');
      expect(csv.length).toBeGreaterThan(400);
      expect(res.stderr).toMatch(/wrote \d+ industries in 3\d clusters to .*discovered\.csv/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('clusterlens discover --save NAME stores the scheme; the --output-layout import CSV imports as the same clusters', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterlens-discover-save-'));
    try {
      copyFileSync(join(dataDir(), DATABASE_FILE), join(dir, DATABASE_FILE));
      const file = join(dir, 'discovered-import.csv');
      const res = await runCli(['discover', '--k', '45', '--save', 'my-discovered', '--output', file, '--output-layout', 'import', '--format', 'json', '--data-dir', dir]);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stderr).toMatch(/saved \d+ industries in 45 clusters as cluster-definition scheme my-discovered/);
      const again = await runCli(['discover', '--k', '45', '--save', 'my-discovered', '--data-dir', dir]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('--replace');
      const imported = await runCli(['import', 'clusters', file, '--scheme', 'imported-discovered', '--classification', 'NAICS2007', '--data-dir', dir]);
      expect(imported.code, imported.stderr).toBe(0);
      const store = await DuckDbStore.open(join(dir, DATABASE_FILE), { readOnly: true });
      try {
        const saved = await store.clusterDefinitions('my-discovered');
        const viaCsv = await store.clusterDefinitions('imported-discovered');
        const report = JSON.parse(res.stdout) as { industries: { used: number } };
        expect(saved).toHaveLength(report.industries.used);
        expect(new Set(saved.map((r) => r.clusterCode)).size).toBe(45);
        const key = (rows: { industryCode: string; clusterCode: string; clusterName: string }[]) => rows.map((r) => `${r.industryCode} ${r.clusterCode} ${r.clusterName}`).sort();
        expect(key(viaCsv)).toEqual(key(saved));
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('clusterlens discover: bad flags exit 2, an unknown year exits 1', async () => {
    for (const args of [['--similarity', 'magic'], ['--k', '5', '--clusters', '5..9'], ['--colour', 'red']]) {
      const res = await runCli(['discover', ...args, '--data-dir', dataDir()]);
      expect([args.join(' '), res.code]).toEqual([args.join(' '), 2]);
    }
    const year = await runCli(['discover', '--year', '1999', '--data-dir', dataDir()]);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('no data for year 1999');
  });

  test('parseClusterCounts("20..70") is a range, "30,40" a list, "x" a usage error', () => {
    expect(parseClusterCounts('20..70')).toHaveLength(51);
    expect(parseClusterCounts('20-22')).toEqual([20, 21, 22]);
    expect(parseClusterCounts('30,40')).toEqual([30, 40]);
    expect(() => parseClusterCounts('x')).toThrow(/--clusters/);
  });
});
