import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import type { RegionOpportunities, SupplyChainGapsResult } from '../../src/service/opportunities/index.js';
import { runCli } from '../helpers/run-cli.js';

const dataDir = inject('defaultDataDir');
let store: DuckDbStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await DuckDbStore.open(join(dataDir, DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('clusterlens opportunities', () => {
  test('clusterlens opportunities --region WA --year 2011 --format json prints what GET /api/v1/regions/WA/opportunities returns', async () => {
    const cli = await runCli(['opportunities', '--region', 'WA', '--year', '2011', '--format', 'json', '--data-dir', dataDir]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout) as RegionOpportunities;
    const res = await app.inject({ url: '/api/v1/regions/WA/opportunities?year=2011' });
    expect(res.statusCode).toBe(200);
    expect(fromCli).toEqual(res.json());
    expect(fromCli.region).toBe('US-53');
    expect(fromCli.opportunities.length).toBeGreaterThan(10);
    expect(fromCli.opportunities.every((o) => o.lq !== null && o.lq < 1)).toBe(true);
    expect(fromCli.opportunities[0]!.quadrant).toBe('best-bet');
  });

  test('clusterlens opportunities --view gaps --cluster … --format csv lists supplier gaps with gapScore = inputShare × (1 − lq)', async () => {
    const cli = await runCli(['opportunities', '--region', 'WA', '--view', 'gaps', '--cluster', 'aerospace-vehicles-and-defense', '--format', 'csv', '--data-dir', dataDir]);
    expect(cli.code).toBe(0);
    const [header, ...lines] = cli.stdout.trim().split('\n');
    expect(header).toBe('cluster,supplier,name,type,inputShare,lq,gapScore');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const f = line.split(',');
      const [share, lq, score] = f.slice(-3).map(Number) as [number, number, number];
      expect(f[0]).toBe('aerospace-vehicles-and-defense');
      expect(score).toBeCloseTo(share * (1 - lq), 4);
    }
    const res = await app.inject({ url: '/api/v1/regions/WA/supply-chain-gaps?cluster=aerospace-vehicles-and-defense' });
    const body = res.json() as SupplyChainGapsResult;
    expect(body.clusters[0]!.gaps.map((g) => g.code)).toEqual(lines.map((l) => l.split(',')[1]));
  });

  test('clusterlens opportunities with a bad --view or --relatedness exits 2; an unknown region exits 1', async () => {
    expect((await runCli(['opportunities', '--region', 'WA', '--view', 'nope', '--data-dir', dataDir])).code).toBe(2);
    expect((await runCli(['opportunities', '--region', 'WA', '--relatedness', 'magic', '--data-dir', dataDir])).code).toBe(2);
    const unknown = await runCli(['opportunities', '--region', 'ZZ', '--data-dir', dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown region');
  });
});
