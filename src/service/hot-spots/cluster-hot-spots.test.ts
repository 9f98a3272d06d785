import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { ClusterService } from '../cluster-service.js';
import { clusterHotSpots } from './index.js';

let store: DuckDbStore;
let service: ClusterService;
beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => store.close());

describe('clusterHotSpots', () => {
  it("clusterHotSpots(service, 'oil-and-gas…') classifies the 51 states; Alaska and Hawaii are islands and never significant", async () => {
    const h = await clusterHotSpots(service, 'oil-and-gas-production-and-transportation', { year: 2011, permutations: 199 });
    expect(h.regions).toHaveLength(51);
    for (const id of ['US-02', 'US-15']) {
      const r = h.regions.find((x) => x.region === id)!;
      expect(r).toMatchObject({ neighbours: 0, significant: false, classification: 'not-significant', pValue: null });
    }
    expect(h.regions.find((x) => x.region === 'US-04')!.neighbours).toBe(5); // AZ: CA, NV, UT, NM and CO at Four Corners (queen)
    const byQuadrant = { HH: 'hot-spot', LL: 'cold-spot', HL: 'high-outlier', LH: 'low-outlier' } as const;
    for (const r of h.regions) {
      if (r.significant) expect(r.classification).toBe(byQuadrant[r.quadrant!]);
      else expect(r.classification).toBe('not-significant');
      if (r.pValue !== null) expect(r.significant).toBe(r.pValue <= 0.05);
    }
    expect(h.regions.some((r) => r.classification === 'hot-spot')).toBe(true);
  });

  it('clusterHotSpots is reproducible under a seed, and FDR significance is a subset of pseudo-p significance', async () => {
    const a = await clusterHotSpots(service, 'automotive', { year: 2011, permutations: 199, seed: 7 });
    const b = await clusterHotSpots(service, 'automotive', { year: 2011, permutations: 199, seed: 7 });
    expect(b).toEqual(a);
    const f = await clusterHotSpots(service, 'automotive', { year: 2011, permutations: 199, seed: 7, fdr: true });
    expect(f.significance).toBe('fdr');
    for (const [k, r] of f.regions.entries()) if (r.significant) expect(a.regions[k]!.significant).toBe(true);
    await expect(clusterHotSpots(service, 'automotive', { year: 2011, permutations: 5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(clusterHotSpots(service, 'nothing', { year: 2011 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
