import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { ClusterService } from '../cluster-service.js';
import { clusterRelatednessMatrices } from '../related-clusters/index.js';
import { regionOpportunities, regionSupplyChainGaps } from './index.js';

let store: DuckDbStore;
let service: ClusterService;
beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => store.close());

describe('regionOpportunities', () => {
  it("regionOpportunities(service, 'WA') lists exactly the traded clusters with LQ < 1, each density recomputed from φ and M", async () => {
    const o = await regionOpportunities(service, 'WA', { year: 2011 });
    const portfolio = await service.regionPortfolio('WA', 2011);
    const below = portfolio.clusters.filter((c) => c.type === 'traded' && c.lq !== null && c.lq < 1).map((c) => c.code).sort();
    expect(o.opportunities.map((c) => c.code).sort()).toEqual(below);
    expect(o.specialisations).toBe(portfolio.clusters.filter((c) => c.type === 'traded' && c.lq !== null && c.lq >= 1).length);
    const r = await clusterRelatednessMatrices(service, 2011);
    const k = r.clusters.length;
    const row = r.clusters.length * 0 + (await service.mapping(2011)).regions.findIndex((x) => x.id === 'US-53');
    const traded = r.clusters.flatMap((c, i) => (c.type === 'traded' ? [i] : []));
    for (const opp of o.opportunities.slice(0, 5)) {
      const i = r.clusters.findIndex((c) => c.code === opp.code);
      let num = 0;
      let den = 0;
      for (const j of traded) {
        const phi = i === j ? 1 : r.proximity[i * k + j]!;
        num += phi * r.presence[row * k + j]!;
        den += phi;
      }
      expect(opp.density).toBeCloseTo(num / den, 6);
    }
  });

  it('regionOpportunities(service, r, thresholds) puts each candidate in the quadrant its density and complexity give', async () => {
    const o = await regionOpportunities(service, 'TX', { year: 2011, relatedness: 'cmp', densityThreshold: 0.3, complexityThreshold: 0 });
    expect(o.thresholds).toMatchObject({ density: 0.3, complexity: 0, densityRule: 'given', complexityRule: 'given' });
    for (const c of o.opportunities) {
      if (c.density === null || c.complexity === null) continue;
      const expected = c.complexity >= 0 ? (c.density >= 0.3 ? 'best-bet' : 'high-risk-high-gain') : c.density >= 0.3 ? 'low-risk-low-gain' : 'least-attractive';
      expect(c.quadrant, c.code).toBe(expected);
      expect(c.density).toBeGreaterThanOrEqual(0);
      expect(c.density).toBeLessThanOrEqual(1);
    }
    await expect(regionOpportunities(service, 'TX', { year: 2011, relatedness: 'magic' as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(regionOpportunities(service, 'DE21', { year: 2011 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('regionSupplyChainGaps', () => {
  it("regionSupplyChainGaps(service, 'WA') covers the strong traded clusters; every gap has LQ < 1 and score = share × (1 − LQ)", async () => {
    const g = await regionSupplyChainGaps(service, 'WA', { year: 2011, count: 100 });
    const portfolio = await service.regionPortfolio('WA', 2011);
    expect(g.clusters.map((c) => c.code).sort()).toEqual(portfolio.clusters.filter((c) => c.type === 'traded' && c.strong).map((c) => c.code).sort());
    for (const c of g.clusters) {
      expect(c.strong).toBe(true);
      const scores = c.gaps.map((x) => x.gapScore);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const gap of c.gaps) {
        expect(gap.type).toBe('traded');
        expect(gap.lq!).toBeLessThan(1);
        expect(gap.gapScore).toBeCloseTo(gap.inputShare * (1 - gap.lq!), 4);
        expect(gap.code).not.toBe(c.code);
      }
    }
  });

  it("regionSupplyChainGaps(service, 'WA', { cluster, suppliers: 'all' }) takes any cluster and local suppliers", async () => {
    const g = await regionSupplyChainGaps(service, 'WA', { year: 2011, cluster: 'Automotive', suppliers: 'all', count: 50 });
    expect(g.clusters).toHaveLength(1);
    expect(g.clusters[0]!.code).toBe('automotive');
    expect(g.clusters[0]!.gaps.some((x) => x.type === 'local')).toBe(true);
    await expect(regionSupplyChainGaps(service, 'WA', { year: 2011, cluster: 'nothing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
