/**
 * Imports over HTTP on a temp copy of the default database, opened as the server opens it (ReopenableStore:
 * read-only, swapped to read-write for the import): the CBP county fixture validated (dry run, nothing
 * written) then committed, after which King County's clusters are answered from the new data; a bad file
 * refused with file:line:field errors and the data unchanged; 401/403; 409 without replace; the audit log.
 * And the same import against a real PostgreSQL (skipped without one outside CI).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { openStore } from '../../src/io/default-data/open-store.js';
import { ReopenableStore } from '../../src/io/default-data/reopenable-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { listAudit, recordAudit } from '../../src/io/registry/audit-log.js';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import type { Store } from '../../src/io/store/store.js';
import { buildServer } from '../../src/server/build-server.js';
import type { OpenApiDocument } from '../../src/server/openapi.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { createTestToken } from '../helpers/auth.js';
import { startPostgres } from '../helpers/postgres-server.js';
import { badCbpFiles, CENSUS_COUNTY_FIXTURE } from '../fixtures/cbp/bad-cbp-files.js';

const county = readFileSync(CENSUS_COUNTY_FIXTURE);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const csv = (token: string) => ({ ...bearer(token), 'content-type': 'text/csv' });

interface Setup {
  app: FastifyInstance;
  registry: DuckDbSqlClient;
  store: Store;
  editor: string;
  viewer: string;
  close: () => Promise<void>;
}

async function setUp(directory: string, store: Store, options: { maxUploadBytes?: number } = {}): Promise<Setup> {
  const registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
  const auth = await AuthService.open(registry);
  const app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir(), auth, registry, ...options });
  await app.ready();
  const editor = await createTestToken(registry, 'editor', 'edna');
  const viewer = await createTestToken(registry, 'viewer', 'vic');
  return {
    app,
    registry,
    store,
    editor,
    viewer,
    close: async () => {
      await app.close();
      await registry.close();
      await store.close();
    },
  };
}

describe('imports over HTTP on the embedded database (ReopenableStore)', () => {
  let directory: string;
  let s: Setup;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-imports-api-'));
    copyFileSync(join(inject('defaultDataDir'), DATABASE_FILE), join(directory, DATABASE_FILE));
    s = await setUp(directory, await ReopenableStore.open(join(directory, DATABASE_FILE)));
  });

  afterAll(async () => {
    await s?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const datasetIds = async (): Promise<string[]> => (await s.store.listDatasets()).map((d) => d.id).sort();

  test('without credentials 401 (before the body is read), as a viewer 403, with JSON 415', async () => {
    for (const url of ['/api/v1/imports/validate?kind=cbp', '/api/v1/imports?kind=cbp']) {
      const anonymous = await s.app.inject({ method: 'POST', url, payload: county, headers: { 'content-type': 'text/csv' } });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', details: { requiredRole: 'editor' } } });
      const viewer = await s.app.inject({ method: 'POST', url, payload: county, headers: csv(s.viewer) });
      expect(viewer.statusCode).toBe(403);
      expect(viewer.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    const json = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp', payload: { a: 1 }, headers: bearer(s.editor) });
    expect(json.statusCode).toBe(415);
    expect((await s.app.inject({ url: '/api/v1/imports' })).statusCode).toBe(401);
    const unknownKind = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=xlsx', payload: county, headers: csv(s.editor) });
    expect(unknownKind.statusCode).toBe(422);
  });

  test('validate: the report of the county file (regions, industries, years, measures, statuses), nothing written', async () => {
    const before = await datasetIds();
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      kind: 'cbp',
      datasetId: 'cbp11co',
      file: 'cbp11co.txt',
      bytes: county.length,
      layout: 'census-county',
      valid: true,
      datasetExists: false,
      rowsRead: 2299,
      errorCount: 0,
      errors: [],
      regions: { count: 2, byType: { county: 2 } },
      industries: { classification: 'NAICS2007' },
      years: [2011],
      measures: ['employment', 'establishments', 'payroll'],
    });
    // every data line gives three values (employment, establishments, payroll)
    expect(report.observations).toBe(3 * 2299);
    expect(report.industries.count).toBeGreaterThan(500);
    expect(Object.values(report.statuses as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(report.observations);
    expect(report.statuses.reported).toBeGreaterThan(0);
    expect(report.statuses.estimated).toBeGreaterThan(0);
    expect(await datasetIds()).toEqual(before);
    const king = await s.app.inject({ url: '/api/v1/regions/US-53033/clusters?year=2011' });
    expect(king.statusCode).not.toBe(200);
  });

  test('a bad file: validate answers valid=false with file:line:field errors, commit 422 with the report, the data unchanged', async () => {
    const bad = badCbpFiles().find((f) => f.title === 'a negative count in a Census county file')!;
    const body = readFileSync(bad.write(directory));
    const before = await datasetIds();
    const checked = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&filename=cbp11co.txt', payload: body, headers: csv(s.editor) });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ valid: false, observations: 0, errors: [{ file: 'cbp11co.txt', line: bad.line, field: bad.field, code: bad.code }] });
    const committed = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt', payload: body, headers: csv(s.editor) });
    expect(committed.statusCode).toBe(422);
    expect(committed.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { report: { valid: false, errors: [{ file: 'cbp11co.txt', line: bad.line, field: bad.field, code: bad.code }] } } },
    });
    expect(committed.json().error.message).toContain(`cbp11co.txt:${bad.line}: field ${bad.field}`);
    expect(await datasetIds()).toEqual(before);
    expect((await s.app.inject({ url: '/api/v1/regions/US-53/clusters?year=2011' })).statusCode).toBe(200);
    expect(await listAudit(s.registry, { entity: 'dataset' })).toEqual([]);
  });

  test('commit: 201 with the dataset, the clusters of King County answer from it, 409 without replace, the audit log has it', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({ replaced: false, dataset: { id: 'cbp11co', classification: 'NAICS2007', rowCount: 3 * 2299, years: [2011], origin: 'HTTP upload cbp11co.txt by edna' } });
    expect(result.report).toMatchObject({ valid: true, observations: 3 * 2299, years: [2011], regions: { count: 2, byType: { county: 2 } } });
    expect(await datasetIds()).toContain('cbp11co');

    const king = await s.app.inject({ url: '/api/v1/regions/US-53033/clusters?year=2011' });
    expect(king.statusCode, king.body).toBe(200);
    const aerospace = (king.json().clusters as { code: string; employment: number }[]).find((c) => c.code === 'aerospace-vehicles-and-defense')!;
    expect(aerospace.employment).toBeGreaterThan(0);
    const counties = await s.app.inject({ url: '/api/v1/clusters/aerospace-vehicles-and-defense/regions?year=2011&regionType=county' });
    expect(counties.statusCode).toBe(200);
    expect((counties.json().regions as { region: string }[]).map((r) => r.region)).toEqual(['US-11001', 'US-53033']);

    const again = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'DATASET_EXISTS', details: { dataset: 'cbp11co' } } });
    const validated = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(validated.json()).toMatchObject({ valid: true, datasetExists: true });
    const replaced = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt&replace=true', payload: county, headers: csv(s.editor) });
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json()).toMatchObject({ replaced: true, dataset: { id: 'cbp11co', rowCount: 3 * 2299 } });

    const audit = await listAudit(s.registry, { entity: 'dataset' });
    expect(audit.map((e) => [e.action, e.entityId, e.userName])).toEqual([
      ['import', 'cbp11co', 'edna'],
      ['import', 'cbp11co', 'edna'],
    ]);
    expect(audit[0]!.before).toBeNull();
    expect(JSON.parse(audit[1]!.before!)).toMatchObject({ id: 'cbp11co' });
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ kind: 'cbp', file: 'cbp11co.txt', bytes: county.length, rowCount: 3 * 2299 });
    // another tool's import under entity "dataset" (the actors loader records its own) is not an API import
    await s.registry.transaction((tx) => recordAudit(tx, { actor: { userId: null, name: 'clusterlens default data' }, action: 'import', entity: 'dataset', entityId: 'h2020', after: { rows: 1 } }));
    const recent = await s.app.inject({ url: '/api/v1/imports', headers: bearer(s.viewer) });
    expect(recent.statusCode).toBe(200);
    expect(recent.json().imports).toHaveLength(2);
    expect(recent.json().imports).toMatchObject([
      { auditId: audit[1]!.id, datasetId: 'cbp11co', userName: 'edna', kind: 'cbp', file: 'cbp11co.txt', replaced: true },
      { auditId: audit[0]!.id, datasetId: 'cbp11co', replaced: false },
    ]);
  });

  test('the OpenAPI document shows the routes with their query, binary body, responses and security', async () => {
    const document = (await s.app.inject({ url: '/api/v1/openapi.json' })).json() as OpenApiDocument;
    const validate = document.paths['/api/v1/imports/validate']!.post as { requestBody: { content: Record<string, unknown> }; security: unknown[]; parameters: { name: string }[]; responses: Record<string, unknown> };
    expect(Object.keys(validate.requestBody.content)).toEqual(['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream']);
    expect(validate.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    expect(validate.parameters.map((p) => p.name)).toContain('kind');
    expect(Object.keys(validate.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '413', '422']));
    const commit = document.paths['/api/v1/imports']!.post as { responses: Record<string, unknown>; parameters: { name: string }[] };
    expect(Object.keys(commit.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
    expect(commit.parameters.map((p) => p.name)).toContain('replace');
    expect(document.paths['/api/v1/imports']!.get).toBeDefined();
  });

  test('validate reads every kind: a Eurostat TSV, an e-Stat CSV in Shift_JIS (charset of the content type), a QCEW CSV', async () => {
    const eurostat = await s.app.inject({
      method: 'POST',
      url: '/api/v1/imports/validate?kind=eurostat&filename=lfst_r_lfe2en2-de-el-uk-be.tsv',
      payload: readFileSync('test/fixtures/eurostat/lfst_r_lfe2en2-de-el-uk-be.tsv'),
      headers: { ...bearer(s.editor), 'content-type': 'text/tab-separated-values' },
    });
    expect(eurostat.json()).toMatchObject({ valid: true, kind: 'eurostat', datasetId: 'lfst_r_lfe2en2-de-el-uk-be', industries: { classification: 'NACE2' }, measures: ['employment'] });
    expect(eurostat.json().regions.count).toBeGreaterThan(0);
    const shiftJis = iconv.encode(readFileSync('test/fixtures/estat-japan/estat-economic-census-2021-01-13-27.csv', 'utf8'), 'Shift_JIS');
    const estat = await s.app.inject({
      method: 'POST',
      url: '/api/v1/imports/validate?kind=estat&filename=census.csv',
      payload: shiftJis,
      headers: { ...bearer(s.editor), 'content-type': 'text/csv; charset=Shift_JIS' },
    });
    expect(estat.json(), estat.body).toMatchObject({ valid: true, kind: 'estat', years: [2021], regions: { count: 3, byType: { prefecture: 3 } } });
    const qcew = await s.app.inject({
      method: 'POST',
      url: '/api/v1/imports/validate?kind=qcew&filename=king-2010.csv',
      payload: readFileSync('test/fixtures/qcew/2010.annual 53033 King County, Washington.csv'),
      headers: { ...bearer(s.editor), 'content-type': 'application/octet-stream' },
    });
    expect(qcew.json(), qcew.body).toMatchObject({ valid: true, kind: 'qcew', years: [2010], regions: { byType: { county: 1 } } });
    const foreign = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&map=region=a', payload: county, headers: csv(s.editor) });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });

  test('a body over the upload limit is 413', async () => {
    const small = mkdtempSync(join(tmpdir(), 'clusterlens-imports-limit-'));
    const limited = await setUp(small, await ReopenableStore.open(join(directory, DATABASE_FILE)), { maxUploadBytes: 1000 });
    try {
      const res = await limited.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(limited.editor) });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ error: { code: 'FST_ERR_CTP_BODY_TOO_LARGE' } });
    } finally {
      await limited.close();
      rmSync(small, { recursive: true, force: true });
    }
  });
});

const postgresBin = inject('postgresBin');
(postgresBin ? describe : describe.skip)('imports over HTTP on PostgreSQL (writes go straight through)', () => {
  let server: Awaited<ReturnType<typeof startPostgres>>;
  let directory: string;
  let s: Setup;

  beforeAll(async () => {
    server = await startPostgres({ binDir: postgresBin });
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-imports-pg-'));
    s = await setUp(directory, ReopenableStore.wrap(await openStore({ dataDir: directory, databaseUrl: server.connectionString })));
  }, 300_000);

  afterAll(async () => {
    await s?.close();
    await server?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  test('validate, a refused file, then commit: King County answers from the imported data', async () => {
    const checked = await s.app.inject({ method: 'POST', url: '/api/v1/imports/validate?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(checked.json()).toMatchObject({ valid: true, observations: 3 * 2299, datasetExists: false });
    const bad = badCbpFiles().find((f) => f.title === 'a bad employment flag')!;
    const refused = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt', payload: readFileSync(bad.write(directory)), headers: csv(s.editor) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { details: { report: { errors: [{ line: bad.line, field: bad.field, code: bad.code }] } } } });
    expect((await s.store.listDatasets()).map((d) => d.id)).not.toContain('cbp11co');
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/imports?kind=cbp&filename=cbp11co.txt', payload: county, headers: csv(s.editor) });
    expect(res.statusCode, res.body).toBe(201);
    const king = await s.app.inject({ url: '/api/v1/regions/US-53033/clusters?year=2011' });
    expect(king.statusCode, king.body).toBe(200);
    expect(await listAudit(s.registry, { entity: 'dataset' })).toMatchObject([{ action: 'import', entityId: 'cbp11co', userName: 'edna' }]);
  });
});
