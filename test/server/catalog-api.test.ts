import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { runCli } from '../helpers/run-cli.js';

let store: DuckDbStore;
let app: FastifyInstance;
const dataDir = inject('defaultDataDir');

beforeAll(async () => {
  store = await DuckDbStore.open(join(dataDir, DATABASE_FILE), { readOnly: true });
  app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('HTTP API /api/v1 catalog', () => {
  test('GET /api/v1/datasets lists the datasets with licence and years, as the CLI does', async () => {
    const res = await app.inject({ url: '/api/v1/datasets' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const body = res.json() as { datasets: Record<string, unknown>[]; total: number; limit: number; offset: number };
    expect(body).toMatchObject({ total: body.datasets.length, limit: 1000, offset: 0 });
    expect(body.datasets.find((d) => d.id === 'us-cbp-state-2007-2011')).toMatchObject({ classification: 'NAICS2007', years: [2007, 2011] });
    const cli = JSON.parse((await runCli(['datasets', '--format', 'json', '--data-dir', dataDir])).stdout) as { datasets: { origin: string }[] };
    // the same datasets, except that over HTTP the origin is the file name only (no server paths)
    expect(body.datasets).toEqual(cli.datasets.map((d) => ({ ...d, origin: d.origin.split('/').pop() })));
    for (const d of body.datasets) expect(String(d.origin)).not.toContain('/');
  });

  test('GET /api/v1/datasets/{id} gives one dataset; an unknown id is 404 with the error shape', async () => {
    const res = await app.inject({ url: '/api/v1/datasets/us-cbp-state-2007-2011' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { licence: string }).licence).toMatch(/public domain/i);
    const missing = await app.inject({ url: '/api/v1/datasets/no-such-dataset' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-dataset'), details: { dataset: 'no-such-dataset' } } });
  });

  test('GET /api/v1/regions?type=state gives 51 with total; limit and offset page through them', async () => {
    const all = (await app.inject({ url: '/api/v1/regions?type=state' })).json() as { regions: { id: string }[]; total: number };
    expect(all.total).toBe(51);
    expect(all.regions).toHaveLength(51);
    const page = (await app.inject({ url: '/api/v1/regions?type=state&limit=20&offset=40' })).json() as { regions: { id: string }[]; total: number; limit: number; offset: number };
    expect(page).toMatchObject({ total: 51, limit: 20, offset: 40 });
    expect(page.regions.map((r) => r.id)).toEqual(all.regions.slice(40).map((r) => r.id));
    const children = (await app.inject({ url: '/api/v1/regions?parent=US&type=state' })).json() as { total: number };
    expect(children.total).toBe(51);
    // the default page is 1,000 regions; everything else is reached with offset
    const unfiltered = (await app.inject({ url: '/api/v1/regions' })).json() as { regions: unknown[]; total: number; limit: number };
    expect(unfiltered.limit).toBe(1000);
    expect(unfiltered.regions).toHaveLength(Math.min(1000, unfiltered.total));
    const rest = (await app.inject({ url: '/api/v1/regions?offset=1000&limit=10000' })).json() as { regions: unknown[] };
    expect(unfiltered.regions.length + rest.regions.length).toBe(unfiltered.total);
  });

  test('GET /api/v1/regions?type=ea|msa lists the 179 BEA Economic Areas and 942 CBSAs of the shipped crosswalk', async () => {
    const ea = (await app.inject({ url: '/api/v1/regions?type=ea' })).json() as { regions: { id: string; type: string; country: string; aliases: string[] }[]; total: number };
    expect(ea.total).toBe(179);
    expect(ea.regions.find((r) => r.id === 'US-EA-57152')).toMatchObject({ type: 'ea', country: 'US', aliases: ['EA-57152'] });
    const msa = (await app.inject({ url: '/api/v1/regions?type=msa&country=US' })).json() as { total: number };
    expect(msa.total).toBe(942);
    expect(((await app.inject({ url: '/api/v1/regions?type=ea&country=DE' })).json() as { total: number }).total).toBe(0);
  });

  test('GET /api/v1/industries?classification=NAICS2007&level=2 gives the 21 sectors', async () => {
    const res = await app.inject({ url: '/api/v1/industries?classification=NAICS2007&level=2' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { classification: string; industries: { code: string }[]; total: number };
    expect(body).toMatchObject({ classification: 'NAICS2007', total: 21 });
    expect(body.industries.map((i) => i.code)).toContain('31-33');
    expect((await app.inject({ url: '/api/v1/industries?classification=NAICS1850' })).statusCode).toBe(404);
  });

  test('GET /api/v1/export returns the same CSV as `clusterlens export`, with 336411 estimated, flag K, 25000–49999', async () => {
    const res = await app.inject({ url: '/api/v1/export?dataset=us-cbp-state-2007-2011&region=US-53&year=2011&measure=employment' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('us-cbp-state-2007-2011.csv');
    expect(res.body).toMatch(/\nus-cbp-state-2007-2011,US-53,NAICS2007,336411,6,2011,employment,[\d.]+,estimated,25000,49999,K,range-constrained/);
    const cli = await runCli(['export', '--dataset', 'us-cbp-state-2007-2011', '--region', 'US-53', '--year', '2011', '--measure', 'employment', '--data-dir', dataDir]);
    expect(res.body).toBe(cli.stdout);
  });

  test('GET /api/v1/export?format=json takes repeated and comma-separated lists', async () => {
    const res = await app.inject({ url: '/api/v1/export?dataset=us-cbp-state-2007-2011&region=WA,OR&region=CA&year=2007&year=2011&level=0&format=json' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { observations: { regionId: string; year: number; level: number }[]; count: number };
    expect(body.count).toBe(body.observations.length);
    expect(new Set(body.observations.map((o) => o.regionId))).toEqual(new Set(['US-06', 'US-41', 'US-53']));
    expect(body.observations.every((o) => o.level === 0)).toBe(true);
  });

  test('a strong ETag on each catalog GET; If-None-Match answers 304 without a body', async () => {
    for (const url of [
      '/api/v1/datasets',
      '/api/v1/datasets/us-cbp-state-2007-2011',
      '/api/v1/regions?type=state',
      '/api/v1/industries?classification=NAICS2007&level=2',
      '/api/v1/export?dataset=us-cbp-state-2007-2011&region=US-53&year=2011&measure=employment',
    ]) {
      const first = await app.inject({ url });
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await app.inject({ url });
      expect(again.headers.etag, url).toBe(etag);
      const cached = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(cached.statusCode, url).toBe(304);
      expect(cached.body, url).toBe('');
      expect((await app.inject({ url, headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode, url).toBe(304);
      expect((await app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode, url).toBe(200);
    }
    const a = (await app.inject({ url: '/api/v1/regions?type=state&limit=5' })).headers.etag;
    const b = (await app.inject({ url: '/api/v1/regions?type=state&limit=5&offset=5' })).headers.etag;
    expect(a).not.toBe(b);
    const csv = (await app.inject({ url: '/api/v1/export?dataset=us-cbp-state-2007-2011&region=US-53&level=0' })).headers.etag;
    const json = (await app.inject({ url: '/api/v1/export?dataset=us-cbp-state-2007-2011&region=US-53&level=0&format=json' })).headers.etag;
    expect(csv).not.toBe(json);
  });

  test('bad queries are 422 INVALID_INPUT, unknown names 404, both with { error: { code, message, details } }', async () => {
    for (const url of [
      '/api/v1/industries?level=2',
      '/api/v1/industries?classification=NAICS2007&level=x',
      '/api/v1/regions?type=planet',
      '/api/v1/regions?limit=0',
      '/api/v1/regions?limit=100000',
      '/api/v1/regions?colour=red',
      '/api/v1/export?measure=sales',
      '/api/v1/export?year=11',
      '/api/v1/export?format=xml',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(422);
      expect(res.json(), url).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.any(String), details: expect.any(Object) } });
    }
    for (const url of ['/api/v1/export?dataset=nope', '/api/v1/export?region=ZZ9', '/api/v1/export?dataset=us-cbp-state-2007-2011&year=1999', '/api/v1/regions?parent=ZZ9']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
