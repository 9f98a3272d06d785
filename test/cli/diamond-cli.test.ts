/**
 * `clusterlens diamond` on the built CLI and the default data: every indicator of the region × cluster diamond
 * equals the number the existing commands print for the same state, cluster and year — employment,
 * establishments and LQ of `clusterlens clusters` (2011 and 2007 for the growth), the supplier gap as the sum of
 * the gap scores of `clusterlens opportunities --view gaps`, the relatedness density of `clusterlens
 * opportunities` — and the region's diamond is the one of the region report.
 */
import { describe, expect, inject, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');

interface Indicator { id: string; value: number | null; peerCount: number; peerMean: number | null; peerSd: number | null; score: number | null; source: string; method: string }
interface Diamond {
  region: string;
  cluster: { code: string; name: string } | null;
  year: number;
  baseYear: number | null;
  peers: string[];
  corners: { corner: string; score: number | null; indicators: Indicator[] }[];
  missingCorners: { corner: string }[];
}
interface ClusterRow { code: string; employment: number; establishments: number; lq: number | null }

async function json<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '--format', 'json', '--data-dir', dataDir]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}
const indicator = (d: Diamond, id: string): Indicator => d.corners.flatMap((c) => c.indicators).find((i) => i.id === id)!;

describe('clusterlens diamond', () => {
  test('diamond --region WA --cluster aerospace-vehicles-and-defense --year 2011: each indicator equals `clusters` and `opportunities --view gaps`', async () => {
    const code = 'aerospace-vehicles-and-defense';
    const d = await json<Diamond>(['diamond', '--region', 'WA', '--cluster', code, '--year', '2011']);
    expect([d.region, d.cluster?.code, d.year, d.baseYear, d.peers.length]).toEqual(['US-53', code, 2011, 2007, 50]);
    expect(d.corners.map((c) => c.corner)).toEqual(['factor-conditions', 'demand-conditions', 'related-and-supporting-industries', 'firm-strategy-structure-and-rivalry']);
    expect(d.missingCorners).toEqual([]);
    for (const c of d.corners) for (const i of c.indicators) {
      expect(i.source, i.id).not.toBe('');
      expect(i.method, i.id).not.toBe('');
      expect(i.peerCount, i.id).toBeGreaterThanOrEqual(50);
    }
    const now = (await json<{ clusters: ClusterRow[] }>(['clusters', '--region', 'WA', '--year', '2011'])).clusters.find((c) => c.code === code)!;
    const then = (await json<{ clusters: ClusterRow[] }>(['clusters', '--region', 'WA', '--year', '2007'])).clusters.find((c) => c.code === code)!;
    expect(indicator(d, 'cluster-employment').value).toBeCloseTo(now.employment, 1);
    expect(indicator(d, 'cluster-lq').value).toBeCloseTo(now.lq!, 4);
    expect(indicator(d, 'cluster-establishments').value).toBe(now.establishments);
    expect(indicator(d, 'cluster-establishment-size').value).toBeCloseTo(now.employment / now.establishments, 3);
    expect(indicator(d, 'cluster-establishment-growth').value).toBeCloseTo(now.establishments / then.establishments - 1, 12);
    const gaps = await json<{ clusters: { gaps: { gapScore: number }[] }[] }>(['opportunities', '--region', 'WA', '--year', '2011', '--view', 'gaps', '--cluster', code, '--count', '1000']);
    const gapSum = gaps.clusters[0]!.gaps.reduce((s, g) => s + g.gapScore, 0);
    expect(gapSum).toBeGreaterThan(0);
    expect(indicator(d, 'supplier-gap').value).toBeCloseTo(gapSum, 4);
    const buyer = indicator(d, 'buyer-presence').value!;
    expect(buyer).toBeGreaterThanOrEqual(0);
    expect(buyer).toBeLessThanOrEqual(1);
  });

  test('diamond for a cluster in which WA has LQ < 1: the relatedness density equals `clusterlens opportunities`', async () => {
    const opportunities = await json<{ opportunities: { code: string; lq: number; density: number }[] }>(['opportunities', '--region', 'WA', '--year', '2011']);
    const candidate = opportunities.opportunities[0]!;
    expect(candidate.lq).toBeLessThan(1);
    const d = await json<Diamond>(['diamond', '--region', 'WA', '--cluster', candidate.code, '--year', '2011']);
    expect(indicator(d, 'relatedness-density').value).toBeCloseTo(candidate.density, 6);
    expect(indicator(d, 'cluster-lq').value).toBeCloseTo(candidate.lq, 4);
  });

  test('diamond --peers OR,ID,CA: statistics over the region and the three peers only; the region diamond without --cluster', async () => {
    const d = await json<Diamond>(['diamond', '--region', 'WA', '--cluster', 'aerospace-vehicles-and-defense', '--year', '2011', '--peers', 'OR,ID,CA']);
    expect(d.peers).toEqual(['US-41', 'US-16', 'US-06']);
    const employment = indicator(d, 'cluster-employment');
    expect(employment.peerCount).toBe(4);
    const rows = await Promise.all(['WA', 'OR', 'ID', 'CA'].map(async (r) => (await json<{ clusters: ClusterRow[] }>(['clusters', '--region', r, '--year', '2011'])).clusters.find((c) => c.code === 'aerospace-vehicles-and-defense')!.employment));
    const mean = rows.reduce((s, v) => s + v, 0) / 4;
    const sd = Math.sqrt(rows.reduce((s, v) => s + (v - mean) ** 2, 0) / 4);
    expect(employment.peerMean).toBeCloseTo(mean, 1);
    expect(employment.peerSd).toBeCloseTo(sd, 1);
    expect(employment.score).toBeCloseTo((rows[0]! - mean) / sd, 4);

    const region = await json<Diamond>(['diamond', '--region', 'WA', '--year', '2011']);
    expect(region.cluster).toBeNull();
    expect(region.corners.map((c) => c.corner)).toEqual(['related-and-supporting-industries', 'firm-strategy-structure-and-rivalry']);
    expect(region.missingCorners.map((c) => c.corner)).toEqual(['factor-conditions', 'demand-conditions']);
    expect(indicator(region, 'cluster-strength').value).toBeCloseTo((await json<{ clusterStrength: number }>(['clusters', '--region', 'WA', '--year', '2011'])).clusterStrength, 4);
  });

  test('diamond with an unknown cluster or region exits 1; without --region or with a bad format exits 2', async () => {
    let r = await runCli(['diamond', '--region', 'WA', '--cluster', 'no-such-cluster', '--data-dir', dataDir]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('unknown cluster "no-such-cluster"')]);
    r = await runCli(['diamond', '--region', 'ZZ', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    r = await runCli(['diamond', '--region', 'WA', '--peers', 'WA', '--data-dir', dataDir]);
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('at least one peer')]);
    expect((await runCli(['diamond', '--cluster', 'aerospace-vehicles-and-defense', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['diamond', '--region', 'WA', '--format', 'xml', '--data-dir', dataDir])).code).toBe(2);
  });
});
