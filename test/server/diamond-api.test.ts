/**
 * GET /api/v1/regions/{region}/diamond: the JSON of `clusterlens diamond`; the peer statistics and z-scores of
 * the region × cluster diamond recomputed here from GET /api/v1/clusters/{cluster}/regions (every state's
 * cluster employment and establishments, as the cluster map shows them); the buyer presence recomputed from
 * the BEA cluster flows and the state's LQs of GET /api/v1/regions/{region}/clusters.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { clusterRelatednessMatrices } from '../../src/service/related-clusters/cluster-relatedness-matrices.js';
import { runCli } from '../helpers/run-cli.js';

const code = 'aerospace-vehicles-and-defense';
let store: DuckDbStore;
let service: ClusterService;
let app: FastifyInstance;
beforeAll(async () => {
  store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
  service = new ClusterService(store);
  app = buildServer({ service, webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

interface Indicator { id: string; value: number; peerCount: number; peerMean: number; peerSd: number; peerMin: number; peerMax: number; score: number }
interface Diamond { corners: { corner: string; score: number; indicators: Indicator[] }[]; peers: string[] }
const indicator = (d: Diamond, id: string): Indicator => d.corners.flatMap((c) => c.indicators).find((i) => i.id === id)!;

describe('GET /api/v1/regions/{region}/diamond', () => {
  test(`GET /api/v1/regions/WA/diamond?cluster=${code}&year=2011 answers the JSON of \`clusterlens diamond\``, async () => {
    const res = await app.inject({ url: `/api/v1/regions/WA/diamond?cluster=${code}&year=2011` });
    expect(res.statusCode, res.body).toBe(200);
    const cli = await runCli(['diamond', '--region', 'WA', '--cluster', code, '--year', '2011', '--format', 'json', '--data-dir', inject('defaultDataDir')]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(res.json()).toEqual(JSON.parse(cli.stdout));
  });

  test('the peer mean, sd, min, max and z of cluster employment and establishments equal those of the 51 states on the cluster map', async () => {
    const d = (await app.inject({ url: `/api/v1/regions/WA/diamond?cluster=${code}&year=2011` })).json() as Diamond;
    const map = (await app.inject({ url: `/api/v1/clusters/${code}/regions?year=2011` })).json() as { regions: { region: string; employment: number; establishments: number }[] };
    expect(map.regions).toHaveLength(51);
    for (const [id, field] of [['cluster-employment', 'employment'], ['cluster-establishments', 'establishments']] as const) {
      const xs = map.regions.map((r) => r[field]);
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
      const wa = map.regions.find((r) => r.region === 'US-53')![field];
      const got = indicator(d, id);
      // the cluster map rounds employment to 0.1: compare to 1 decimal (z to 4 decimals, sd ≈ 16,000)
      expect(got.peerCount).toBe(51);
      expect(got.peerMin).toBeCloseTo(Math.min(...xs), 1);
      expect(got.peerMax).toBeCloseTo(Math.max(...xs), 1);
      expect(got.peerMean).toBeCloseTo(mean, 1);
      expect(got.peerSd).toBeCloseTo(sd, 1);
      expect(got.value).toBeCloseTo(wa, 1);
      expect(got.score).toBeCloseTo((wa - mean) / sd, 4);
    }
    const factor = d.corners.find((c) => c.corner === 'factor-conditions')!;
    expect(factor.score).toBeCloseTo((indicator(d, 'cluster-employment').score + indicator(d, 'cluster-lq').score) / 2, 12);
  });

  test('the buyer presence is the share of the cluster\'s intermediate sales to clusters in which WA has LQ ≥ 1', async () => {
    const d = (await app.inject({ url: `/api/v1/regions/WA/diamond?cluster=${code}&year=2011` })).json() as Diamond;
    const portfolio = (await app.inject({ url: '/api/v1/regions/WA/clusters?year=2011' })).json() as { clusters: { code: string; lq: number | null }[] };
    const r = await clusterRelatednessMatrices(service, 2011);
    const k = r.clusters.length;
    const c = r.clusters.findIndex((x) => x.code === code);
    let sales = 0;
    let specialised = 0;
    r.clusters.forEach((buyer, b) => {
      if (b === c) return;
      const flow = r.flows[c * k + b]!;
      sales += flow;
      const lq = portfolio.clusters.find((x) => x.code === buyer.code)!.lq;
      if (lq !== null && lq >= 1) specialised += flow;
    });
    expect(sales).toBeGreaterThan(0);
    expect(indicator(d, 'buyer-presence').value).toBeCloseTo(specialised / sales, 3); // LQs of the route are rounded to 4 digits
  });

  test('expert ratings: corner z = (1 − w)·indicators + w·(mean rating − 3); a corner with only ratings leaves missingCorners', async () => {
    const plain = (await app.inject({ url: `/api/v1/regions/WA/diamond?cluster=${code}&year=2011` })).json() as Diamond & { expertWeight: number };
    expect(plain.expertWeight).toBe(0);
    const url = `/api/v1/regions/WA/diamond?cluster=${code}&year=2011&ratings=factor-conditions:4,demand-conditions:2,demand-conditions:3&expertWeight=0.25`;
    const rated = (await app.inject({ url })).json() as { expertWeight: number; corners: { corner: string; score: number; indicatorScore: number; expertRating: number | null; expertScore: number | null; basis: string }[] };
    expect(rated.expertWeight).toBe(0.25);
    const corner = (d: typeof rated | Diamond, c: string) => (d.corners as { corner: string; score: number }[]).find((x) => x.corner === c)!;
    const factor = rated.corners.find((c) => c.corner === 'factor-conditions')!;
    expect(factor).toMatchObject({ expertRating: 4, expertScore: 1, basis: 'indicators-and-expert' });
    expect(factor.indicatorScore).toBeCloseTo(corner(plain, 'factor-conditions').score, 12);
    expect(factor.score).toBeCloseTo(0.75 * factor.indicatorScore + 0.25 * 1, 12);
    const demand = rated.corners.find((c) => c.corner === 'demand-conditions')!;
    expect(demand).toMatchObject({ expertRating: 2.5, expertScore: -0.5 });
    expect(demand.score).toBeCloseTo(0.75 * corner(plain, 'demand-conditions').score + 0.25 * -0.5, 12);
    // the state's own diamond has no demand indicator: rated, the corner is scored from the rating alone
    const own = (await app.inject({ url: '/api/v1/regions/WA/diamond?year=2011&ratings=demand-conditions:4' })).json() as { corners: { corner: string; score: number; basis: string }[]; missingCorners: { corner: string }[]; expertWeight: number };
    expect(own.corners.find((c) => c.corner === 'demand-conditions')).toMatchObject({ score: 1, basis: 'expert' });
    expect(own.missingCorners.map((m) => m.corner)).toEqual(['factor-conditions']);
    expect(own.expertWeight).toBe(0.5);
    expect((await app.inject({ url: '/api/v1/regions/WA/diamond?ratings=luck:3' })).statusCode).toBe(422);
    expect((await app.inject({ url: '/api/v1/regions/WA/diamond?ratings=chance:7' })).statusCode).toBe(422);
    expect((await app.inject({ url: '/api/v1/regions/WA/diamond?ratings=chance:3&expertWeight=2' })).statusCode).toBe(422);
  });

  test('GET /api/v1/regions/{region}/diamond answers 404 for an unknown region, cluster or peer and 422 for a bad year', async () => {
    for (const url of ['/api/v1/regions/ZZ/diamond', '/api/v1/regions/WA/diamond?cluster=no-such-cluster', '/api/v1/regions/WA/diamond?peers=OR,ZZ']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    expect((await app.inject({ url: '/api/v1/regions/WA/diamond?year=abc' })).statusCode).toBe(422);
    expect((await app.inject({ url: '/api/v1/regions/WA/diamond?peers=WA' })).statusCode).toBe(422);
  });
});
