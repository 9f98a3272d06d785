import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { ClusterService } from '../cluster-service.js';
import { peerRegions } from './index.js';
import type { PeerRegion, PeerWeights } from './index.js';

let store: DuckDbStore;
let service: ClusterService;
beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
});
afterAll(async () => store.close());

/** The score from the components shown, as docs/methods/peer-regions.md defines it. */
function scoreOf(p: PeerRegion, w: PeerWeights): number {
  const parts: [number, number | null][] = [
    [w.profile, p.profileSimilarity],
    [w.shared, p.sharedJaccard],
    [w.size, p.sizeCloseness],
    [w.neighbour, p.neighbour === null ? null : p.neighbour ? 1 : 0],
  ];
  let num = 0;
  let den = 0;
  for (const [weight, v] of parts) {
    if (weight === 0 || v === null) continue;
    num += weight * v;
    den += weight;
  }
  return num / den;
}

describe('peerRegions', () => {
  it("peerRegions(service, 'WA') ranks 50 states by the documented score; Oregon and Idaho are the neighbours", async () => {
    const p = await peerRegions(service, 'WA', { year: 2011, count: 50, weights: { neighbour: 0.1 } });
    expect(p.candidates).toBe(50);
    expect(p.peers).toHaveLength(50);
    expect(p.peers.filter((x) => x.neighbour).map((x) => x.region).sort()).toEqual(['US-16', 'US-41']);
    for (const x of p.peers) expect(x.score).toBeCloseTo(scoreOf(x, p.weights), 4); // components rounded to 6 digits
    const scores = p.peers.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(p.peers.map((x) => x.rank)).toEqual(p.peers.map((_, k) => k + 1));
    for (const x of p.peers) expect(x.withinSizeBand).toBe(x.sizeRatio! <= 2 && x.sizeRatio! >= 0.5);
  });

  it("peerRegions(service, 'WA', { sizeBandOnly }) keeps only states within the factor", async () => {
    const p = await peerRegions(service, 'WA', { year: 2011, count: 50, sizeFactor: 1.5, sizeBandOnly: true });
    expect(p.peers.length).toBeGreaterThan(0);
    expect(p.peers.length).toBeLessThan(50);
    expect(p.peers.every((x) => x.withinSizeBand && x.sizeRatio! <= 1.5 && x.sizeRatio! >= 1 / 1.5)).toBe(true);
  });

  it('peerRegions works for a Japanese prefecture (neighbours from the shipped boundaries) and a NUTS 2 region (no boundaries)', async () => {
    const tokyo = await peerRegions(service, 'JP-13', { count: 46, weights: { neighbour: 0.2 } });
    expect(tokyo.regionType).toBe('prefecture');
    expect(tokyo.peers.filter((x) => x.neighbour).map((x) => x.region).sort()).toEqual(['JP-11', 'JP-12', 'JP-14', 'JP-19']);
    const bavaria = await peerRegions(service, 'DE21', { count: 5 });
    expect(bavaria.regionType).toBe('nuts2');
    expect(bavaria.peers.every((x) => x.neighbour === null)).toBe(true);
    expect(bavaria.peers.every((x) => x.region !== 'DE21')).toBe(true);
    expect(bavaria.notes.some((n) => n.startsWith('Left out of the profile: L '))).toBe(true); // real estate withheld in a third of NUTS 2 regions
  });

  it('peerRegions rejects bad options and a region type without peers', async () => {
    await expect(peerRegions(service, 'WA', { count: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(peerRegions(service, 'WA', { sizeFactor: 0.5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(peerRegions(service, 'WA', { weights: { profile: 0, shared: 0, size: 0 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(peerRegions(service, 'JP-B-KANTO')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(peerRegions(service, 'ZZ')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
