import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import { adjustedRandIndex, validationScores, colocationSimilarity, denseMatrix } from '../../core/index.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { DiscoveryService } from './discovery-service.js';
import { saveDiscoveredDefinition } from './save-discovered-definition.js';
import { discoveryDefinitionCsv, formatDiscoveryMarkdown } from './format-discovery-report.js';
import { runClusterDiscovery } from './run-cluster-discovery.js';
import type { ClusterDiscoveryReport } from './run-cluster-discovery.js';
import { parseCsvText } from '../../io/csv/parse-csv-text.js';

let store: DuckDbStore;
let report: ClusterDiscoveryReport;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  report = await runClusterDiscovery(store, { year: 2011, clusterCounts: [30, 45], similarity: 'colocation' });
});
afterAll(async () => {
  await store.close();
});

describe('runClusterDiscovery', () => {
  test('runClusterDiscovery(store, { year: 2011, clusterCounts: [30, 45] }) scores discovered, benchmark and random clusters on the same industries', () => {
    expect(report.regions).toBe(51);
    expect(report.industries.used).toBeGreaterThan(400);
    expect(report.candidates.map((c) => c.k)).toEqual([30, 45]);
    expect([30, 45]).toContain(report.discovered.k);
    expect(report.scoredWith).toEqual(['colocation', 'coagglomeration']);
    expect(report.benchmark?.scheme).toBe('us-benchmark-2016');
    expect(report.benchmark!.industries).toBe(report.industries.used);
    for (const s of [report.discovered, report.benchmark!, report.randomBaseline]) {
      for (const v of [...Object.values(s.vsCluster), ...Object.values(s.vsIndustry)]) expect(v! >= 0 && v! <= 1).toBe(true);
    }
    // clusters found from the data should beat random clusters of the same sizes, on the matrix they were built from
    expect(report.discovered.vsIndustry.colocation!).toBeGreaterThan(report.randomBaseline.vsIndustry.colocation!);
    expect(report.discovered.score!).toBeGreaterThan(report.randomBaseline.score!);
    const sizes = report.clusters.map((c) => c.size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(report.industries.used);
    expect(report.clusters).toHaveLength(report.discovered.k);
    expect(new Set(report.clusters.map((c) => c.name)).size).toBe(report.clusters.length);
    expect(report.definition.rows).toHaveLength(report.industries.used);
    expect(report.definition.scheme).toBe(`discovered-colocation-2011-k${report.discovered.k}`);
  });

  test('runClusterDiscovery(...) VS-Industry of the discovered set matches validationScores recomputed from the rows', async () => {
    const codes = report.definition.rows.map((r) => r.industryCode);
    const cluster = new Map(report.definition.rows.map((r) => [r.industryCode, r.clusterCode]));
    const order = [...codes].sort();
    const regions = (await store.listRegions({ type: 'state', country: 'US' })).map((r) => r.id).sort();
    const obs = await store.queryObservations({ classification: 'NAICS2007', years: [2011], measures: ['employment'], levels: [6], regionIds: regions });
    const values = new Float64Array(regions.length * order.length);
    const col = new Map(order.map((c, i) => [c, i]));
    const row = new Map(regions.map((r, k) => [r, k]));
    for (const o of obs) {
      const i = col.get(o.industryCode);
      if (i !== undefined && o.value !== null) values[row.get(o.regionId)! * order.length + i] = o.value;
    }
    const s = colocationSimilarity(denseMatrix(regions, order, values));
    const labelOf = new Map([...new Set(order.map((c) => cluster.get(c)!))].map((c, k) => [c, k]));
    const v = validationScores(s, order.map((c) => labelOf.get(cluster.get(c)!)!));
    expect(v.vsIndustry).toBeCloseTo(report.discovered.vsIndustry.colocation!, 4);
    expect(v.vsCluster).toBeCloseTo(report.discovered.vsCluster.colocation!, 4);
  });

  test('runClusterDiscovery(...) agreement: ARI and best-match share against the benchmark rows', async () => {
    const benchmark = new Map((await store.clusterDefinitions('us-benchmark-2016')).filter((d) => d.classification === 'NAICS2007').map((d) => [d.industryCode, d.clusterCode]));
    const rows = report.definition.rows;
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    const la = rows.map((r) => a.get(r.clusterCode) ?? (a.set(r.clusterCode, a.size), a.size - 1));
    const lb = rows.map((r) => b.get(benchmark.get(r.industryCode)!) ?? (b.set(benchmark.get(r.industryCode)!, b.size), b.size - 1));
    expect(report.agreement!.adjustedRandIndex).toBeCloseTo(adjustedRandIndex(la, lb), 4);
    expect(report.agreement!.bestMatchShare).toBeGreaterThan(0);
    expect(report.agreement!.bestMatchShare).toBeLessThanOrEqual(1);
  });

  test('formatDiscoveryMarkdown(report) and discoveryDefinitionCsv(report) say how the sets compare and give the NoCo layout', () => {
    const md = formatDiscoveryMarkdown(report);
    expect(md).toContain('# Cluster discovery — colocation similarity, US states, 2011');
    expect(md).toContain('| Benchmark (DPS 2016) |');
    expect(md).toContain('Random baseline');
    expect(md).toMatch(/adjusted Rand index/i);
    const csv = parseCsvText(discoveryDefinitionCsv(report));
    expect(csv[0]!.fields).toEqual(['naics', 'traded_local', 'cluster', 'subcluster', 'emsi_specific_naics', 'naics_description']);
    expect(csv).toHaveLength(report.industries.used + 1);
    expect(csv.slice(1).every((r) => /^\d{6}$/.test(r.fields[0]!) && r.fields[1] === 'Traded')).toBe(true);
  });

  test('runClusterDiscovery(store, options) rejects an unknown year, dataset or similarity', async () => {
    await expect(runClusterDiscovery(store, { year: 1999 })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { year: 1999 } });
    await expect(runClusterDiscovery(store, { datasetId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runClusterDiscovery(store, { similarity: 'magic' as 'io' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(runClusterDiscovery(store, { clusterCounts: [5000] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test("runClusterDiscovery(store, { similarity: 'combined', k }) adds BEA input–output links and scores with three matrices", async () => {
    const combined = await runClusterDiscovery(store, { year: 2011, clusterCounts: [40], similarity: 'combined' });
    expect(combined.scoredWith).toEqual(['colocation', 'coagglomeration', 'io']);
    expect(combined.benchmark!.vsCluster.io).not.toBeNull();
    expect(combined.notes.join(' ')).toContain('BEA');
  });

  test('saveDiscoveredDefinition(store, report, scheme) writes the rows under the scheme; refuses bad, benchmark and existing names', async () => {
    const target = await DuckDbStore.open(':memory:');
    try {
      await target.migrate();
      expect(await saveDiscoveredDefinition(target, report, 'my-clusters')).toBe(report.definition.rows.length);
      const rows = await target.clusterDefinitions('my-clusters');
      expect(rows).toHaveLength(report.definition.rows.length);
      expect(rows.every((r) => r.scheme === 'my-clusters' && r.classification === 'NAICS2007')).toBe(true);
      await expect(saveDiscoveredDefinition(target, report, 'my-clusters')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(saveDiscoveredDefinition(target, report, 'my-clusters', { replace: true })).resolves.toBe(rows.length);
      await expect(saveDiscoveredDefinition(target, report, 'us-benchmark-2016')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(saveDiscoveredDefinition(target, report, 'Bad Name')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await target.close();
    }
  });

  test('DiscoveryService.discover(options) computes each parameter set once', async () => {
    const service = new DiscoveryService(store);
    const first = service.discover({ year: 2011, clusterCounts: [30] });
    expect(service.discover({ year: 2011, clusterCounts: [30] })).toBe(first);
    expect(service.discover({ year: 2011, clusterCounts: [31] })).not.toBe(first);
    await Promise.all([first, service.discover({ year: 2011, clusterCounts: [31] })]);
  });
});
