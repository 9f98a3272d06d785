import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsvText } from '../../io/csv/parse-csv-text.js';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { ClusterService } from '../cluster-service.js';
import { clusterRelatednessMatrices, relatedClusters } from './index.js';

let store: DuckDbStore;
let service: ClusterService;
beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => store.close());

describe('clusterRelatednessMatrices', () => {
  it('clusterRelatednessMatrices(service, 2011) places every CMP pair of the file on our cluster codes', async () => {
    const r = await clusterRelatednessMatrices(service, 2011);
    const k = r.clusters.length;
    const at = new Map(r.clusters.map((c, i) => [c.name, i]));
    const rows = parseCsvText(readFileSync(join(shippedDataDir(), 'us-cmp-clusters', 'cmp_cluster_relatedness_51x51.csv'), 'utf8'));
    const h = rows[0]!.fields;
    let checked = 0;
    for (const row of rows.slice(1)) {
      const i = at.get(row.fields[h.indexOf('cluster_name')]!);
      const j = at.get(row.fields[h.indexOf('cluster_name_2')]!);
      expect(i, row.fields[1]).toBeDefined();
      expect(j, row.fields[2]).toBeDefined();
      expect(r.cmp!.all[i! * k + j!]).toBe(Number(row.fields[h.indexOf('cr_all')]));
      checked++;
    }
    expect(checked).toBe(51 * 51);
  });

  it('clusterRelatednessMatrices(service, 2011) gives a symmetric input–output matrix in [0, 1] and φ for traded clusters only', async () => {
    const r = await clusterRelatednessMatrices(service, 2011);
    const k = r.clusters.length;
    let defined = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const v = r.inputOutput[i * k + j]!;
        expect(Object.is(v, r.inputOutput[j * k + i])).toBe(true);
        if (Number.isFinite(v)) {
          defined++;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
        }
        const traded = r.clusters[i]!.type === 'traded' && r.clusters[j]!.type === 'traded';
        expect(Number.isNaN(r.proximity[i * k + j]!)).toBe(!traded);
      }
    }
    expect(defined).toBeGreaterThan(k * k * 0.9);
    // total flows between clusters never exceed total intermediate inputs
    for (let c = 0; c < k; c++) {
      let bought = 0;
      for (let d = 0; d < k; d++) bought += r.flows[d * k + c]!;
      expect(bought).toBeLessThanOrEqual(r.inputs[c]! * (1 + 1e-9));
    }
  });
});

describe('relatedClusters', () => {
  it("relatedClusters(service, 'apparel') reads CMP's Apparel–Printing Services relatedness 1.384733 and its related flag", async () => {
    const r = await relatedClusters(service, 'apparel', { year: 2011, count: 66 });
    expect(r.sort).toBe('cmp');
    expect(r.related).toHaveLength(66);
    const printing = r.related.find((c) => c.code === 'printing-services')!;
    expect(printing.cmp).toBe(1.384733); // SOURCE.md sample row 3_39
    expect(printing.cmpRelated).toBe(true);
    const cmp = r.related.map((c) => c.cmp).filter((v): v is number => v !== null);
    expect(cmp).toEqual([...cmp].sort((a, b) => b - a));
    expect(r.related.filter((c) => c.type === 'local').every((c) => c.cmp === null && c.inputOutput !== null)).toBe(true);
  });

  it("relatedClusters(service, 'local-health-services') sorts a local cluster by input–output and rejects an unknown sort or cluster", async () => {
    const r = await relatedClusters(service, 'Local Health Services', { year: 2011 });
    expect(r.sort).toBe('input-output');
    expect(r.related).toHaveLength(10);
    await expect(relatedClusters(service, 'apparel', { year: 2011, sort: 'size' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(relatedClusters(service, 'nothing', { year: 2011 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('relatedClusters(service, c, { sort: colocation }) equals the Pearson correlation of the two clusters\' LQs across the states', async () => {
    const r = await relatedClusters(service, 'aerospace-vehicles-and-defense', { year: 2011, sort: 'colocation', count: 1 });
    const top = r.related[0]!;
    const a = await service.clusterRegions('aerospace-vehicles-and-defense', 2011);
    const b = await service.clusterRegions(top.code, 2011);
    const x = a.regions.map((q) => q.lq!);
    const y = b.regions.map((q) => q.lq!);
    const mean = (v: number[]): number => v.reduce((s, t) => s + t, 0) / v.length;
    const mx = mean(x);
    const my = mean(y);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((_, i) => {
      sxy += (x[i]! - mx) * (y[i]! - my);
      sxx += (x[i]! - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    });
    expect(top.colocation).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 3); // LQs rounded to 4 decimals in clusterRegions
  });
});
