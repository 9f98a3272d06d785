import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { ClusterService } from '../cluster-service.js';
import { regionPortfolio } from '../portfolio/region-portfolio.js';
import { regionStanding } from './region-standing.js';

let store: DuckDbStore;
let service: ClusterService;

beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => {
  await store.close();
});

describe('regionStanding on the default data', () => {
  test('regionStanding(service, "US-53", 2011, 2007) computes its indicators as the portfolio does and ranks WA among 51 states', async () => {
    const s = await regionStanding(service, 'US-53', 2011, 2007);
    const p = await regionPortfolio(service, 'US-53', 2011, 2007);
    const traded = p.clusters.filter((c) => c.type === 'traded');
    const value = (id: string) => s.indicators.find((i) => i.id === id)!.value!;
    expect(value('cluster-strength')).toBeCloseTo(p.clusterStrength!, 12);
    expect(value('strong-clusters')).toBe(traded.filter((c) => c.strong === true).length);
    const e1 = traded.reduce((a, c) => a + c.employment, 0);
    const e0 = traded.reduce((a, c) => a + c.baseEmployment!, 0);
    expect(value('traded-employment-growth')).toBeCloseTo(e1 / e0 - 1, 10);
    for (const i of s.indicators) expect(i.source).toContain('us-cbp-state-2007-2011');
    const c = s.composite;
    expect(c.regions).toBe(51);
    expect(c.rank).toBeGreaterThanOrEqual(1);
    expect(c.rank).toBeLessThanOrEqual(51);
    expect(c.rankP05!).toBeLessThanOrEqual(c.medianRank!);
    expect(c.medianRank!).toBeLessThanOrEqual(c.rankP95!);
    expect(['leader', 'strong', 'moderate', 'emerging']).toContain(c.group);
    const related = s.diamond.corners.find((k) => k.corner === 'related-and-supporting-industries')!;
    expect(related.indicators.map((i) => i.peerCount)).toEqual([51, 51]);
    expect(related.indicators[0]!.value).toBeCloseTo(p.clusterStrength!, 12);
    expect(s.missingCorners).toEqual(['factor-conditions', 'demand-conditions']);
  });
});
