import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../io/default-data/open-embedded-store.js';
import { DuckDbSqlClient } from '../../io/registry/duckdb-sql-client.js';
import { ClusterService } from '../cluster-service.js';
import { InitiativeService } from './initiative-service.js';

const ana = { userId: 'u-ana', name: 'ana' };
let directory: string;
let store: DuckDbStore;
let registry: DuckDbSqlClient;
let service: InitiativeService;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'clusterlens-initiative-service-'));
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
  service = await InitiativeService.open(registry, new ClusterService(store), { env: {} });
});

afterAll(async () => {
  await registry.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

/** The DiD recomputed from the series the result returns: Δ log treated − mean Δ log over the peers used. */
function recompute(r: Awaited<ReturnType<InitiativeService['outcomes']>>): number {
  const change = (e: Record<string, number | null>): number => {
    const mean = (ys: number[]) => ys.reduce((s, y) => s + Math.log(e[String(y)]!), 0) / ys.length;
    return mean(r.postYears) - mean(r.preYears);
  };
  const used = r.peers.filter((p) => !r.excludedPeers.includes(p.region));
  return change(r.treated!.employment) - used.reduce((s, p) => s + change(p.employment), 0) / used.length;
}

describe('InitiativeService', () => {
  test('outcomes(id) of a US state initiative: DiD on benchmark-cluster employment 2007 → 2011 against the other states', async () => {
    await service.create({ id: 'michigan-auto', name: 'Michigan automotive', region: 'US-26', country: 'US', sponsor: 'MEDC', sponsorLevel: 'regional', targetClusters: ['automotive'], periodStart: 2009 }, ana);
    const r = await service.outcomes('michigan-auto');
    expect(r.status).toBe('estimated');
    expect(r.outcome.level).toBe('benchmark-clusters');
    expect(r.preYears).toEqual([2007]);
    expect(r.postYears).toEqual([2011]);
    expect(r.peers).toHaveLength(50);
    expect(r.standardErrorMethod).toBe('single-treated');
    expect(r.preTrend).toBeNull();
    expect(r.outcome.notes.join(' ')).toContain('cannot be checked');
    expect(r.estimate!).toBeCloseTo(recompute(r), 5);
    expect(r.standardError!).toBeGreaterThan(0);
    expect(r.assumptions[0]).toContain('Parallel trends');
    const chosen = await service.outcomes('michigan-auto', { peers: ['OH', 'Indiana', 'US-17'] });
    expect(chosen.peers.map((p) => p.region)).toEqual(['US-39', 'US-18', 'US-17']);
    expect(chosen.estimate!).toBeCloseTo(recompute(chosen), 5);
    await expect(service.outcomes('michigan-auto', { peers: ['US-26'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.outcomes('michigan-auto', { peers: ['UKG3'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  test('outcomes(id) of a NUTS-2 initiative uses industry-family employment 2008–2015 with a pre-trend check', async () => {
    await service.create({ id: 'west-midlands-manufacturing', name: 'West Midlands manufacturing', region: 'UKG3', sponsor: 'AWM', sponsorLevel: 'regional', targetClusters: ['automotive', 'B-E'], periodStart: 2011 }, ana);
    const r = await service.outcomes('west-midlands-manufacturing');
    expect(r.status).toBe('estimated');
    expect(r.outcome).toMatchObject({ level: 'industry-families', codes: ['B-E'], classification: 'NACE2' });
    expect(r.outcome.notes.join(' ')).toContain('automotive → B-E');
    expect(r.preYears).toEqual([2008, 2009, 2010]);
    expect(r.peers.length).toBeGreaterThan(100);
    expect(r.preTrend).not.toBeNull();
    expect(r.preTrend!.years).toEqual([2008, 2009, 2010]);
    expect(r.estimate!).toBeCloseTo(recompute(r), 5);
  });

  test('outcomes(id) says insufficient-data with the reason for the demonstration initiatives', async () => {
    const glasgow = await service.outcomes('glasgow-joint-economic-strategy');
    expect(glasgow.status).toBe('insufficient-data');
    expect(glasgow.reason).toContain('no target cluster codes');
    const meti = await service.outcomes('meti-industrial-cluster-plan');
    expect(meti.reason).toContain('no single region');
    await service.create({ id: 'early', name: 'Early', region: 'UKM3', sponsor: 'S', sponsorLevel: 'regional', targetClusters: ['J'], periodStart: 1999 }, ana);
    const early = await service.outcomes('early');
    expect(early.status).toBe('insufficient-data');
    expect(early.reason).toContain('no year before the treatment year 1999');
    expect(early.estimate).toBeNull();
  });

  test('detail(id) sets targets against strengths: strong clusters for a US state, specialised families elsewhere', async () => {
    const michigan = await service.detail('michigan-auto');
    expect(michigan.targetsVsStrengths).toMatchObject({ available: true, level: 'benchmark-clusters', region: 'US-26' });
    expect(michigan.targetsVsStrengths.strengths.length).toBeGreaterThan(0);
    const automotiveStrong = michigan.targetsVsStrengths.strengths.some((s) => s.code === 'automotive');
    expect(michigan.targetsVsStrengths.targetedStrengths).toEqual(automotiveStrong ? ['automotive'] : []);
    const wm = await service.detail('west-midlands-manufacturing');
    expect(wm.targetsVsStrengths).toMatchObject({ available: true, level: 'industry-families' });
    for (const s of wm.targetsVsStrengths.strengths) expect(s.lq!).toBeGreaterThan(1);
    const hokkaido = await service.detail('hokkaido-super-cluster-plan');
    expect(hokkaido.targetsVsStrengths.available).toBe(false);
    expect((await service.detail('meti-industrial-cluster-plan')).kpis.map((k) => k.kpi)).toEqual(['custom', 'smes-involved']);
  });
});
