/**
 * Contract tests from the OpenAPI document: the document validates, it lists every /api/v1 route the server
 * registered, and every operation in it answers a real request (example parameters from the document, on the
 * default data) with a documented status, content type and a body that matches the documented schema (Ajv,
 * which Fastify already brings). Each documented 404 and 422 is exercised and matches the error schema.
 */
import { afterAll, describe, expect, inject, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { buildServer } from '../../src/server/build-server.js';
import { isDocumented, toOpenApiPath, validateOpenApiDocument } from '../../src/server/openapi.js';
import type { OpenApiDocument, OpenApiOperation } from '../../src/server/openapi.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { dereference as dereferenceIn, printedRoutes } from '../helpers/openapi-document.js';

const store = await DuckDbStore.open(join(inject('defaultDataDir'), DATABASE_FILE), { readOnly: true });
const app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir() });
await app.ready();
const documentResponse = await app.inject({ url: '/api/v1/openapi.json' });
const document = documentResponse.json() as OpenApiDocument;
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
);

afterAll(async () => {
  await app.close();
  await store.close();
});

const ajv = new Ajv({ strict: false, allErrors: true });

/** The schema with every local $ref replaced by what it points to. */
const dereference = (value: unknown): unknown => dereferenceIn(value, document);

/** Problems of a body against the schema documented for a status and content type (empty when it matches). */
function schemaProblems(operation: OpenApiOperation, status: number, contentType: string, body: unknown): string[] {
  const response = operation.responses[String(status)];
  if (!response) return [`status ${status} is not documented`];
  const media = response.content?.[contentType];
  if (!media) return [`content type ${contentType} is not documented for ${status}`];
  const validate = ajv.compile(dereference(media.schema) as object);
  return validate(body) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The request of an operation with the document's example parameters. */
function exampleUrl(path: string, operation: OpenApiOperation): string {
  let url = path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.style === 'form' && parameter.explode) continue; // year.CC: an object of optional parameters
    if (parameter.example === undefined) {
      if (parameter.required) throw new Error(`${path}: required parameter ${parameter.name} has no example`);
      continue;
    }
    if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(parameter.example)));
    else query.append(parameter.name, String(parameter.example));
  }
  return query.size > 0 ? `${url}?${query.toString()}` : url;
}

const mediaType = (header: unknown): string => String(header ?? '').split(';')[0]!.trim();

/** The first example of an operation's JSON request body (open computations such as POST /api/v1/composite document one). */
function exampleBody(operation: OpenApiOperation): unknown {
  const schema = operation.requestBody?.content['application/json']?.schema as { examples?: unknown[] } | undefined;
  return schema?.examples?.[0];
}

/** Documented error responses, each with a request that gets it on the default data. */
const ERROR_CASES: { path: string; status: 404 | 422; url: string; method?: 'POST'; payload?: object }[] = [
  { path: '/api/v1/clusters', status: 404, url: '/api/v1/clusters?year=1999' },
  { path: '/api/v1/clusters', status: 422, url: '/api/v1/clusters?year=abc' },
  { path: '/api/v1/clusters/{cluster}/regions', status: 404, url: '/api/v1/clusters/no-such-cluster/regions' },
  { path: '/api/v1/clusters/{cluster}/regions', status: 422, url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=abc' },
  { path: '/api/v1/regions/{region}/clusters', status: 404, url: '/api/v1/regions/ZZ/clusters?year=2011' },
  { path: '/api/v1/regions/{region}/clusters', status: 422, url: '/api/v1/regions/WA/clusters?year=abc' },
  { path: '/api/v1/regions/{region}/portfolio', status: 404, url: '/api/v1/regions/ZZ/portfolio?year=2011' },
  { path: '/api/v1/regions/{region}/portfolio', status: 422, url: '/api/v1/regions/WA/portfolio?year=abc' },
  { path: '/api/v1/compare', status: 404, url: '/api/v1/compare?regions=US-53,ZZ' },
  { path: '/api/v1/regions/{region}/opportunities', status: 404, url: '/api/v1/regions/ZZ/opportunities' },
  { path: '/api/v1/regions/{region}/opportunities', status: 422, url: '/api/v1/regions/WA/opportunities?relatedness=magic' },
  { path: '/api/v1/regions/{region}/supply-chain-gaps', status: 404, url: '/api/v1/regions/WA/supply-chain-gaps?cluster=no-such-cluster' },
  { path: '/api/v1/regions/{region}/supply-chain-gaps', status: 422, url: '/api/v1/regions/WA/supply-chain-gaps?suppliers=some' },
  { path: '/api/v1/regions/{region}/peers', status: 404, url: '/api/v1/regions/ZZ/peers' },
  { path: '/api/v1/regions/{region}/peers', status: 422, url: '/api/v1/regions/WA/peers?sizeFactor=0.5' },
  { path: '/api/v1/clusters/{cluster}/related', status: 404, url: '/api/v1/clusters/no-such-cluster/related' },
  { path: '/api/v1/clusters/{cluster}/related', status: 422, url: '/api/v1/clusters/aerospace-vehicles-and-defense/related?sort=size' },
  { path: '/api/v1/clusters/{cluster}/hot-spots', status: 404, url: '/api/v1/clusters/no-such-cluster/hot-spots' },
  { path: '/api/v1/clusters/{cluster}/hot-spots', status: 422, url: '/api/v1/clusters/aerospace-vehicles-and-defense/hot-spots?permutations=5' },
  { path: '/api/v1/compare', status: 422, url: '/api/v1/compare?regions=US-53' },
  { path: '/api/v1/policy/initiatives/{id}/assessment', status: 404, url: '/api/v1/policy/initiatives/no-such-initiative/assessment' },
  { path: '/api/v1/policy/initiatives/{id}/assessment', status: 422, url: '/api/v1/policy/initiatives/meti-industrial-cluster-plan/assessment?year=abc' },
  { path: '/api/v1/regions/{region}/report', status: 404, url: '/api/v1/regions/ZZ/report?year=2011' },
  { path: '/api/v1/regions/{region}/report', status: 422, url: '/api/v1/regions/WA/report?format=docx' },
  { path: '/api/v1/clusters/{cluster}/report', status: 404, url: '/api/v1/clusters/no-such-cluster/report' },
  { path: '/api/v1/clusters/{cluster}/report', status: 422, url: '/api/v1/clusters/aerospace-vehicles-and-defense/report?format=docx' },
  { path: '/api/v1/compare/report', status: 404, url: '/api/v1/compare/report?regions=UKM3,ZZ' },
  { path: '/api/v1/compare/report', status: 422, url: '/api/v1/compare/report?regions=UKM3' },
  { path: '/api/v1/policy/initiatives/{id}/report', status: 404, url: '/api/v1/policy/initiatives/no-such-initiative/report' },
  { path: '/api/v1/policy/initiatives/{id}/report', status: 422, url: '/api/v1/policy/initiatives/meti-industrial-cluster-plan/report?format=docx' },
  { path: '/api/v1/datasets', status: 422, url: '/api/v1/datasets?limit=0' },
  { path: '/api/v1/geo/{layer}', status: 404, url: '/api/v1/geo/nuts2' },
  { path: '/api/v1/geo/{layer}/matching', status: 404, url: '/api/v1/geo/nuts2/matching' },
  { path: '/api/v1/datasets/{id}', status: 404, url: '/api/v1/datasets/no-such-dataset' },
  { path: '/api/v1/datasets/{id}', status: 422, url: '/api/v1/datasets/bad!id' },
  { path: '/api/v1/regions', status: 404, url: '/api/v1/regions?parent=ZZ9' },
  { path: '/api/v1/regions', status: 422, url: '/api/v1/regions?type=planet' },
  { path: '/api/v1/industries', status: 404, url: '/api/v1/industries?classification=NAICS1850' },
  { path: '/api/v1/industries', status: 422, url: '/api/v1/industries?level=2' },
  { path: '/api/v1/export', status: 404, url: '/api/v1/export?dataset=nope' },
  { path: '/api/v1/export', status: 422, url: '/api/v1/export?measure=sales' },
  { path: '/api/v1/discovery', status: 404, url: '/api/v1/discovery?year=1999' },
  { path: '/api/v1/discovery', status: 422, url: '/api/v1/discovery?similarity=magic' },
  { path: '/api/v1/regions/{region}/diamond', status: 404, url: '/api/v1/regions/WA/diamond?cluster=no-such-cluster' },
  { path: '/api/v1/regions/{region}/diamond', status: 422, url: '/api/v1/regions/WA/diamond?year=abc' },
  { path: '/api/v1/cluster-schemes/{scheme}', status: 404, url: '/api/v1/cluster-schemes/no-such-scheme' },
  { path: '/api/v1/cluster-schemes/{scheme}', status: 422, url: '/api/v1/cluster-schemes/Bad!Name' },
  { path: '/api/v1/composite', status: 422, url: '/api/v1/composite', method: 'POST', payload: { csv: 'region,x\nA,1\nA,2\n' } },
];

/** Every GET /api/v1 route from Fastify's own route tree (printRoutes), independent of the onRoute hook. */
function registeredRoutes(): string[] {
  return printedRoutes(app)
    .filter(({ method, url }) => isDocumented(method, url, undefined))
    .map(({ method, url }) => `${method} ${toOpenApiPath(url)}`)
    .sort();
}

describe('GET /api/v1/openapi.json', () => {
  test('validateOpenApiDocument(document) finds no problem: OpenAPI 3.1, title, version from package.json, servers', () => {
    expect(documentResponse.statusCode).toBe(200);
    expect(documentResponse.headers['content-type']).toContain('application/json');
    expect(validateOpenApiDocument(document)).toEqual([]);
    const version = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version;
    expect(document).toMatchObject({ openapi: '3.1.0', info: { title: 'ClusterLens API', version }, servers: [{ url: '/' }] });
    expect(operations.length).toBeGreaterThanOrEqual(14);
  });

  test('validateOpenApiDocument(d) reports a broken $ref, a missing path parameter and an operation without responses', () => {
    const broken = JSON.parse(JSON.stringify(document)) as OpenApiDocument;
    const portfolio = broken.paths['/api/v1/regions/{region}/clusters']!.get!;
    portfolio.parameters = portfolio.parameters.filter((p) => p.in !== 'path');
    portfolio.responses['404'] = { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nothing' } } } };
    (broken.paths['/api/v1/meta']!.get! as Partial<OpenApiOperation>).responses = {};
    const problems = validateOpenApiDocument(broken).join('\n');
    expect(problems).toContain('#/components/schemas/Nothing does not resolve');
    expect(problems).toContain('GET /api/v1/regions/{region}/clusters: path template parameters [region]');
    expect(problems).toContain('GET /api/v1/meta: responses required');
    expect(validateOpenApiDocument({ openapi: '2.0', paths: {} })).toHaveLength(2);
  });

  test('every /api/v1 route the server registered is in the document, and nothing else', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    const registered = registeredRoutes();
    expect(registered.length).toBeGreaterThan(0);
    expect(documented).toEqual(registered);
  });

  test('GET /api/v1/docs is a self-contained HTML page that embeds the document', async () => {
    const res = await app.inject({ url: '/api/v1/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']?https?:/);
    expect(res.body).toContain('"openapi":"3.1.0"');
  });
});

describe('contract: every operation in the document answers as documented', () => {
  test.each(operations)('$method $path with the example parameters answers 200 matching its schema', async ({ method, path, operation }) => {
    // besides reads, the read-only server has open computations (they write nothing) that document an example body
    const requestBody = method === 'GET' ? undefined : exampleBody(operation);
    expect(method === 'GET' || (method === 'POST' && requestBody !== undefined && operation.security === undefined), `${method} ${path}`).toBe(true);
    const url = exampleUrl(path, operation);
    const res = await app.inject({ method: method as 'GET' | 'POST', url, ...(requestBody === undefined ? {} : { payload: requestBody as object }) });
    expect(res.statusCode, url).toBe(200);
    const type = mediaType(res.headers['content-type']);
    const body: unknown = type.endsWith('json') ? res.json() : res.body;
    expect(schemaProblems(operation, 200, type, body), url).toEqual([]);
    if (operation.responses['304']) {
      const etag = res.headers.etag;
      expect(etag, url).toBeDefined();
      const cached = await app.inject({ url, headers: { 'if-none-match': String(etag) } });
      expect([cached.statusCode, cached.body], url).toEqual([304, '']);
    }
  });

  test('schemaProblems(operation, 200, type, body) reports a body that misses a field or has a wrong type', () => {
    const portfolio = document.paths['/api/v1/regions/{region}/clusters']!.get!;
    expect(schemaProblems(portfolio, 200, 'application/json', { region: 'US-53' })).not.toEqual([]);
    expect(schemaProblems(document.paths['/api/v1/health']!.get!, 200, 'application/json', { status: 1 })).not.toEqual([]);
    expect(schemaProblems(portfolio, 404, 'application/json', { error: { code: 'NOT_FOUND', message: 'x' } })).not.toEqual([]);
  });

  test('every documented 404 and 422 has an error case below', () => {
    const documented = operations.flatMap(({ path, operation }) => ['404', '422'].filter((s) => operation.responses[s]).map((s) => `${path} ${s}`));
    const covered = new Set(ERROR_CASES.map((c) => `${c.path} ${c.status}`));
    expect(documented.filter((d) => !covered.has(d))).toEqual([]);
  });

  test.each(ERROR_CASES)('$url answers the documented $status with { error: { code, message, details } }', async ({ path, status, url, method, payload }) => {
    const operation = method === 'POST' ? document.paths[path]?.post : document.paths[path]?.get;
    expect(operation, `${path} is not in the document`).toBeDefined();
    const res = await app.inject({ url, ...(method === undefined ? {} : { method, payload }) });
    expect(res.statusCode, url).toBe(status);
    expect(schemaProblems(operation!, status, mediaType(res.headers['content-type']), res.json()), url).toEqual([]);
  });
});
