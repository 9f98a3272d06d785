/**
 * GET /api/v1/network/graph over HTTP (Fastify inject) on a real DuckDB registry holding the sample Horizon 2020
 * participations and the CSV fixture actors: status, the documented schema (from /api/v1/openapi.json, Ajv),
 * filters and their counts, determinism and the cache (invalidated by a write), 404 for an unknown focus and 422
 * for bad parameters.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestToken } from '../helpers/auth.js';
import { ActorRegistry, importActorsCsv, importH2020 } from '../../src/io/actors/index.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { buildServer } from '../../src/server/build-server.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { ActorService } from '../../src/service/actors/index.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { dereference as dereferenceIn } from '../helpers/openapi-document.js';

const directory = mkdtempSync(join(tmpdir(), 'clusterlens-network-graph-'));
const store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
const client = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
const registry = await ActorRegistry.open(client);
const fixtures = join(process.cwd(), 'test', 'fixtures', 'actors');
const actor = { userId: null, name: 'test' };
await importH2020(registry, { participations: join(fixtures, 'h2020-sample.csv'), programmeParts: join(fixtures, 'h2020-sample-programmes.csv'), actor });
await importActorsCsv(registry, { actors: join(fixtures, 'actors.csv'), linkages: join(fixtures, 'linkages.csv'), actor });
const app = buildServer({
  service: new ClusterService(store),
  webRoot: join(process.cwd(), 'dist', 'web'),
  dataDir: shippedDataDir(),
  auth: await AuthService.open(client),
  registry: client,
  actors: new ActorService(registry),
});
await app.ready();
const document = (await app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;

afterAll(async () => {
  await app.close();
  await client.close();
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

const dereference = (value: unknown): unknown => dereferenceIn(value, document);

const ajv = new Ajv({ strict: false, allErrors: true });
const operation = document.paths['/api/v1/network/graph']?.get;
const schemaOf = (status: number): object => dereference(operation?.responses[String(status)]?.content?.['application/json']?.schema) as object;

interface Graph {
  nodes: { ids: string[]; types: string[]; countries: (string | null)[]; degree: number[]; x: number[]; y: number[]; community: number[] };
  edges: { sources: number[]; targets: number[]; weights: number[] };
  totals: { nodes: number; edges: number; nodesFiltered: number; edgesFiltered: number; nodesShown: number; edgesShown: number };
  cached: boolean;
  registryToken: number;
}

const get = async (query: string): Promise<{ status: number; body: unknown }> => {
  const res = await app.inject({ url: `/api/v1/network/graph${query}` });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/v1/network/graph', () => {
  it('is documented with its query parameters and answers 200 with the documented columnar body', async () => {
    expect(operation, 'documented in /api/v1/openapi.json').toBeDefined();
    expect(operation!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['type', 'country', 'minDegree', 'minWeight', 'limit', 'maxEdges', 'focus', 'depth', 'seed']));
    const { status, body } = await get('');
    expect(status).toBe(200);
    const validate = ajv.compile(schemaOf(200));
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    const graph = body as Graph;
    const n = graph.nodes.ids.length;
    expect(n).toBe(graph.totals.nodesShown);
    for (const column of [graph.nodes.types, graph.nodes.degree, graph.nodes.x, graph.nodes.y, graph.nodes.community]) expect(column).toHaveLength(n);
    expect(graph.edges.sources).toHaveLength(graph.totals.edgesShown);
    for (const [k, s] of graph.edges.sources.entries()) expect(s < graph.edges.targets[k]! && graph.edges.targets[k]! < n).toBe(true);
    expect(graph.totals.nodesFiltered).toBeLessThanOrEqual(graph.totals.nodes);
  });

  it('filters: type and country shrink the network, minDegree and limit the drawing; the same request is cached', async () => {
    const all = (await get('?minDegree=0')).body as Graph;
    const firms = (await get('?type=firm&minDegree=0')).body as Graph;
    expect(firms.totals.nodes).toBeLessThan(all.totals.nodes);
    expect(new Set(firms.nodes.types)).toEqual(new Set(['firm']));
    const japanese = (await get('?country=JP')).body as Graph;
    expect(new Set(japanese.nodes.countries)).toEqual(new Set(['JP']));
    const connected = (await get('?minDegree=3')).body as Graph;
    expect(Math.min(...connected.nodes.degree)).toBeGreaterThanOrEqual(3);
    expect(connected.totals.nodesFiltered).toBeLessThan(all.totals.nodesFiltered);
    const limited = (await get('?limit=5&maxEdges=4')).body as Graph;
    expect(limited.totals).toMatchObject({ nodesShown: 5 });
    expect(limited.totals.edgesShown).toBeLessThanOrEqual(4);
    const again = (await get('?minDegree=0')).body as Graph;
    expect(again.cached).toBe(true);
    expect(again.nodes.x).toEqual(all.nodes.x);
  });

  it('focus draws a neighbourhood; a registry write makes a new drawing; 404 for an unknown organisation', async () => {
    const focused = (await get('?focus=dna-a')).body as Graph;
    expect(focused.nodes.ids).toContain('dna-a');
    expect(focused.nodes.ids.sort()).toEqual(['dna-a', 'dna-b', 'hb-core', 'hb-uni', 'retail-x']);
    const before = (await get('?focus=dna-a&depth=2')).body as Graph;
    const token = await createTestToken(client, 'editor');
    const created = await app.inject({ method: 'POST', url: '/api/v1/linkages', headers: { authorization: `Bearer ${token}` }, payload: { sourceId: 'dna-b', targetId: 'de-sme', type: 'supplier' } });
    expect(created.statusCode, created.body).toBe(201);
    const after = (await get('?focus=dna-a&depth=2')).body as Graph;
    expect(after.cached).toBe(false);
    expect(after.registryToken).not.toBe(before.registryToken);
    const missing = await get('?focus=nobody');
    expect(missing.status).toBe(404);
    expect(ajv.compile(schemaOf(404))(missing.body)).toBe(true);
  });

  it.each(['?type=planet', '?limit=0', '?limit=100000', '?minWeight=0', '?depth=9', '?seed=-1', '?colour=red'])('answers 422 with the error body for %s', async (query) => {
    const { status, body } = await get(query);
    expect(status).toBe(422);
    expect(ajv.compile(schemaOf(422))(body)).toBe(true);
  });
});
