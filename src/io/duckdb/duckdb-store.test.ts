import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStoreContract } from '../../../test/helpers/store-contract.js';
import { StoreError } from '../store/store.js';
import type { DatasetImport, ObservationRecord, Store } from '../store/store.js';
import { DuckDbStore } from './duckdb-store.js';

const execFileAsync = promisify(execFile);

describeStoreContract('DuckDbStore (memory)', async () => {
  const store = await DuckDbStore.open(':memory:');
  return { store, cleanup: () => store.close() };
});

describeStoreContract('DuckDbStore (file)', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'clusterlens-duckdb-'));
  const store = await DuckDbStore.open(join(directory, 'store.duckdb'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('DuckDbStore on a file', () => {
  let directory: string;
  let path: string;
  const open: DuckDbStore[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-duckdb-'));
    path = join(directory, 'store.duckdb');
  });

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  async function openStore(readOnly = false): Promise<DuckDbStore> {
    const store = await DuckDbStore.open(path, { readOnly });
    open.push(store);
    return store;
  }

  async function closeStore(store: DuckDbStore): Promise<void> {
    await store.close();
    open.splice(open.indexOf(store), 1);
  }

  const refusals: { title: string; spoil: (data: DatasetImport) => DatasetImport; code: string }[] = [
    { title: 'a duplicate observation key in the last row', code: 'STORE_FAILED', spoil: (d) => ({ ...d, observations: [...d.observations, { ...last(d.observations), value: 7 }] }) },
    { title: 'a negative value in the last row', code: 'STORE_FAILED', spoil: (d) => ({ ...d, observations: [...d.observations, { ...last(d.observations), year: 2030, value: -1 }] }) },
    { title: 'a NaN value', code: 'STORE_FAILED', spoil: (d) => ({ ...d, observations: d.observations.map((o, i) => (i === 5 ? { ...o, value: Number.NaN } : o)) }) },
    { title: 'an infinite upper bound', code: 'STORE_FAILED', spoil: (d) => ({ ...d, observations: d.observations.map((o, i) => (i === 5 ? { ...o, upper: Infinity } : o)) }) },
    { title: 'a region id twice', code: 'STORE_FAILED', spoil: (d) => ({ ...d, regions: [...d.regions, { ...d.regions[0]!, name: 'Other' }] }) },
    { title: 'an observation of another dataset', code: 'STORE_FAILED', spoil: (d) => ({ ...d, observations: d.observations.map((o, i) => (i === 5 ? { ...o, datasetId: 'other' } : o)) }) },
    { title: 'an existing dataset id', code: 'DATASET_EXISTS', spoil: (d) => ({ ...d, dataset: { ...d.dataset, id: 'first' }, observations: d.observations.map((o) => ({ ...o, datasetId: 'first' })) }) },
  ];
  for (const { title, spoil, code } of refusals) {
    it(`importDataset() refusing ${title} leaves the file queryable exactly as before`, async () => {
      const store = await openStore();
      await store.importDataset(syntheticImport('first', 20, 30));
      await store.importClusterDefinitions('scheme', [
        { scheme: 'scheme', classification: 'SYNTH', industryCode: '100001', clusterCode: 'c', clusterName: 'C', clusterType: 'traded', subclusterCode: null, subclusterName: null },
      ]);
      await store.setMeta('default-data-version', '1');
      const before = await dump(store);
      const bad = spoil(syntheticImport('second', 30, 40));
      const error: unknown = await store.importDataset(bad, { replace: false }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code });
      expect(await dump(store)).toBe(before);
      await closeStore(store);
      const reopened = await openStore(true);
      expect(await dump(reopened)).toBe(before);
    });
  }

  it('importDataset() records rowCount as the number of observations written, whatever the record says', async () => {
    const store = await openStore();
    const data = syntheticImport('first', 3, 4);
    await store.importDataset({ ...data, dataset: { ...data.dataset, rowCount: 999 } });
    expect(await store.listDatasets()).toMatchObject([{ id: 'first', rowCount: data.observations.length }]);
  });

  it('importDataset() runs concurrent calls one after the other on the one connection', async () => {
    const store = await openStore();
    const imports = ['a', 'b', 'c'].map((id) => syntheticImport(id, 10, 20));
    await Promise.all([...imports.map((d) => store.importDataset(d)), store.setMeta('k', 'v'), store.listDatasets()]);
    expect((await store.listDatasets()).map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(await store.queryObservations({ classification: 'SYNTH' })).toHaveLength(3 * 10 * 20 * 2);
  });

  it('DuckDbStore.open(path, { readOnly: true }) reads what was written and refuses writes with STORE_FAILED', async () => {
    const writer = await openStore();
    const data = syntheticImport('first', 5, 6);
    await writer.importDataset(data);
    await writer.setMeta('default-data-version', '1');
    await closeStore(writer);
    const reader = await openStore(true);
    expect(reader.readOnly).toBe(true);
    expect(await reader.getMeta('default-data-version')).toBe('1');
    expect(await reader.queryObservations({ classification: 'SYNTH' })).toHaveLength(data.observations.length);
    expect(await reader.listYears('SYNTH')).toEqual([2020, 2021]);
    await expect(reader.importDataset(syntheticImport('second', 2, 2))).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
    await expect(reader.setMeta('k', 'v')).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
    await expect(reader.migrate()).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
    expect(await reader.listDatasets()).toMatchObject([{ id: 'first' }]);
  });

  it('DuckDbStore.open(path, { readOnly: true }) works in a second process while this one holds the file read-only', async () => {
    const writer = await openStore();
    await writer.importDataset(syntheticImport('first', 4, 5));
    await closeStore(writer);
    const reader = await openStore(true);
    expect(await reader.queryObservations({ classification: 'SYNTH' })).toHaveLength(40);
    const read = await runInChildProcess(directory, `
      const store = await DuckDbStore.open(${JSON.stringify(path)}, { readOnly: true });
      const rows = await store.queryObservations({ classification: 'SYNTH' });
      await store.close();
      console.log(JSON.stringify({ rows: rows.length }));`);
    expect(JSON.parse(read)).toEqual({ rows: 40 });
    // A writer in another process is refused with STORE_LOCKED while the file is held.
    const write = await runInChildProcess(directory, `
      const error = await DuckDbStore.open(${JSON.stringify(path)}).then(() => undefined, (e) => e);
      console.log(JSON.stringify({ name: error?.name, code: error?.code }));`);
    expect(JSON.parse(write)).toEqual({ name: 'StoreError', code: 'STORE_LOCKED' });
    expect(await reader.queryObservations({ classification: 'SYNTH' })).toHaveLength(40);
  });

  it('queryObservationColumns() on a read-only store gives the rows sorted by region, industry, year and measure, and leaves no temporary table', async () => {
    const writer = await openStore();
    const data = syntheticImport('cols', 4, 5);
    await writer.importDataset(data);
    await closeStore(writer);
    const reader = await openStore(true);
    const columns = await reader.queryObservationColumns({ classification: 'SYNTH', years: [2021], regionIds: ['R003', 'R001'] });
    const expected = data.observations.filter((o) => o.year === 2021 && (o.regionId === 'R001' || o.regionId === 'R003'));
    expect(columns.value.length).toBe(expected.length);
    const keys = columns.regionId.map((r, k) => `${r}|${columns.industryCode[k]}`);
    expect(keys).toEqual([...keys].sort());
    expected.forEach((o) => {
      const k = keys.indexOf(`${o.regionId}|${o.industryCode}`);
      expect([columns.status[k], Number.isNaN(columns.value[k]!) ? null : columns.value[k]]).toEqual([o.status, o.value]);
    });
    const tables = await reader.stageImport('tables', (db) => db.rows(`select table_name from duckdb_tables() where temporary`));
    expect(tables).toEqual([]);
  });

  it('a small import committed by a process killed before close() is there when the file is opened again (its write-ahead log, not checkpointed, is replayed)', async () => {
    const data = syntheticImport('small', 3, 4);
    const input = join(directory, 'small.json');
    writeFileSync(input, JSON.stringify(data));
    const reference = await DuckDbStore.open(':memory:');
    await reference.importDataset(data);
    const expected = await dump(reference);
    await reference.close();
    const killed = await runInChildProcess(directory, `
      const { readFileSync } = await import('node:fs');
      const store = await DuckDbStore.open(${JSON.stringify(path)});
      await store.importDataset(JSON.parse(readFileSync(${JSON.stringify(input)}, 'utf8')));
      process.kill(process.pid, 'SIGKILL');`).then(
      () => null,
      (e: { signal?: string }) => e.signal,
    );
    expect(killed).toBe('SIGKILL');
    expect(statSync(`${path}.wal`).size).toBeGreaterThan(0);
    const store = await openStore();
    expect(await dump(store)).toBe(expected);
  });

  it.each([2, 3])('DuckDbStore.open(path) upgrades a schema version %i file (long observations table) to 4 and keeps its rows', async (from) => {
    const first = await openStore();
    const data = syntheticImport('old', 2, 2);
    const payroll = data.observations.map((o, k) => ({ ...o, measure: 'payroll' as const, value: k, status: 'reported' as const, lower: null, upper: null, flag: 'G', method: null }));
    await first.importDataset({ ...data, observations: [...data.observations, ...payroll] });
    const before = await first.queryObservations({ classification: 'SYNTH' });
    await first.close();
    // make it a file of that version: observations a long table (as versions 1–3 had it), no observation_rows,
    // and for version 2 no custom regions
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const sql of [
      'create table observations_long as select * from observations',
      'drop view observations',
      'drop table observation_rows',
      'alter table observations_long rename to observations',
      ...(from === 2 ? ['drop table custom_region_members'] : []),
      'delete from schema_version',
      `insert into schema_version values (${from})`,
    ]) await connection.run(sql);
    connection.closeSync();
    instance.closeSync();
    const store = await openStore();
    expect(await store.queryObservations({ classification: 'SYNTH' })).toEqual(before);
    expect(before).toHaveLength(16);
    await store.createCustomRegion({ id: 'custom-both', name: 'Both', members: ['R000', 'R001'] });
    const sums = await store.queryObservations({ classification: 'SYNTH', regionIds: ['custom-both'] });
    expect(sums).toHaveLength(8);
    await store.close();
    const check = await DuckDBInstance.create(path);
    const reader = await check.connect();
    const version = (await reader.runAndReadAll('select version from schema_version')).getRowObjectsJS();
    // the measures of one key went into one row
    const rows = (await reader.runAndReadAll('select count(*)::integer as n from observation_rows')).getRowObjectsJS();
    reader.closeSync();
    check.closeSync();
    expect(version).toEqual([{ version: 4 }]);
    expect(rows).toEqual([{ n: new Set(before.map((o) => `${o.regionId} ${o.industryCode} ${o.year}`)).size }]);
  });

  it('DuckDbStore.open(path) upgrades a schema version 1 file (observations with a primary key) and keeps its rows', async () => {
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    for (const sql of [
      'create table schema_version (version integer not null)',
      'insert into schema_version values (1)',
      `create table observations (
         dataset_id varchar not null, region_id varchar not null, classification varchar not null,
         industry_code varchar not null, level integer not null, year integer not null,
         measure varchar not null check (measure in ('employment', 'establishments', 'payroll')),
         value double check (value is null or value >= 0),
         status varchar not null check (status in ('reported', 'estimated', 'suppressed', 'not-available')),
         lower double, upper double, flag varchar, method varchar,
         primary key (dataset_id, region_id, classification, industry_code, year, measure))`,
      `insert into observations values ('old', 'R1', 'SYNTH', '100000', 6, 2020, 'employment', 5, 'reported', null, null, null, null)`,
    ]) await connection.run(sql);
    connection.closeSync();
    instance.closeSync();
    const store = await openStore();
    await store.migrate();
    expect(await store.queryObservations({ classification: 'SYNTH' })).toMatchObject([{ datasetId: 'old', value: 5 }]);
    const data = syntheticImport('first', 2, 2);
    await store.importDataset(data);
    expect(await store.queryObservations({ classification: 'SYNTH' })).toHaveLength(1 + data.observations.length);
    await expect(store.importDataset({ ...syntheticImport('dup', 2, 2), observations: [...syntheticImport('dup', 2, 2).observations, syntheticImport('dup', 2, 2).observations[0]!] })).rejects.toMatchObject({ code: 'STORE_FAILED' });
  });

  it('importDataset() writes 400,000 observations in one transaction, and refusing the last row leaves none', async () => {
    const store = await openStore();
    const data = syntheticImport('big', 200, 1000);
    expect(data.observations).toHaveLength(400_000);
    const bad = { ...data, observations: [...data.observations.slice(0, -1), { ...last(data.observations), value: -1 }] };
    await expect(store.importDataset(bad)).rejects.toMatchObject({ code: 'STORE_FAILED' });
    expect(await store.listDatasets()).toEqual([]);
    expect(await store.queryObservations({ classification: 'SYNTH' })).toEqual([]);
    const started = performance.now();
    await store.importDataset(data);
    console.info(`DuckDbStore.importDataset: 400,000 observations in ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const back = await store.queryObservations({ classification: 'SYNTH', regionIds: ['R007'], years: [2021] });
    expect(back).toEqual(data.observations.filter((o) => o.regionId === 'R007' && o.year === 2021));
    const columns = await store.queryObservationColumns({ classification: 'SYNTH' });
    expect(columns.value).toHaveLength(400_000);
  });
});

function last<T>(rows: readonly T[]): T {
  const row = rows[rows.length - 1];
  if (row === undefined) throw new Error('no rows');
  return row;
}

/** Everything a store holds for the synthetic data, as one JSON text (compared byte for byte). */
async function dump(store: Store): Promise<string> {
  return JSON.stringify({
    datasets: await store.listDatasets(),
    regions: await store.listRegions(),
    industries: await store.listIndustries('SYNTH'),
    years: await store.listYears('SYNTH'),
    observations: await store.queryObservations({ classification: 'SYNTH' }),
    columns: await store.queryObservationColumns?.({ classification: 'SYNTH' }),
    clusters: await store.clusterDefinitions('scheme'),
    meta: await store.getMeta('default-data-version'),
  });
}

/** Runs an ES module body in a fresh Node process (via tsx) with DuckDbStore imported; returns its stdout. */
async function runInChildProcess(directory: string, body: string): Promise<string> {
  const script = join(directory, `child-${Math.random().toString(36).slice(2)}.mts`);
  const storeUrl = pathToFileURL(resolve('src/io/duckdb/duckdb-store.ts')).href;
  writeFileSync(script, `import { DuckDbStore } from ${JSON.stringify(storeUrl)};\n${body}\n`);
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', script], { cwd: resolve('.'), timeout: 60_000 });
  return stdout.trim();
}

/** regionCount × industryCount × 2 years of employment observations with every status. */
function syntheticImport(datasetId: string, regionCount: number, industryCount: number): DatasetImport & { observations: ObservationRecord[] } {
  const regions = Array.from({ length: regionCount }, (_, r) => ({
    id: `R${String(r).padStart(3, '0')}`, name: `Region ${r}`, type: 'custom' as const, country: 'XX', parentId: null, aliases: [String(r)],
  }));
  const industries = Array.from({ length: industryCount }, (_, i) => ({
    classification: 'SYNTH', code: String(100_000 + i), name: `Industry ${i}`, level: 6, parentCode: null,
  }));
  const observations: ObservationRecord[] = [];
  let k = 0;
  for (const region of regions) {
    for (const industry of industries) {
      for (const year of [2020, 2021]) {
        const kind = k++ % 4;
        observations.push({
          datasetId, regionId: region.id, classification: 'SYNTH', industryCode: industry.code, level: 6, year, measure: 'employment',
          value: kind === 0 ? null : kind === 1 ? 0.1 + 0.2 : (k * 7919) % 100_003,
          status: kind === 0 ? 'suppressed' : kind === 1 ? 'estimated' : kind === 2 ? 'reported' : 'not-available',
          lower: kind <= 1 ? 0 : null, upper: kind === 0 ? null : kind === 1 ? 19 : null,
          flag: kind <= 1 ? 'A' : null, method: kind === 1 ? 'synthetic' : null,
        });
        if (kind === 3) last(observations).value = null;
      }
    }
  }
  return {
    dataset: { id: datasetId, title: `Synthetic ${datasetId}`, source: 'generated', licence: 'CC0', classification: 'SYNTH', importedAt: '2024-01-01T00:00:00Z', rowCount: observations.length, origin: 'duckdb-store.test.ts' },
    regions, industries, observations,
  };
}

describe('DuckDbStore lifecycle', () => {
  it('close() lets queued operations finish, then refuses new ones with STORE_FAILED', async () => {
    const store = await DuckDbStore.open(':memory:');
    const pending = store.setMeta('k', 'v');
    const read = store.getMeta('k');
    await store.close();
    await expect(pending).resolves.toBeUndefined();
    await expect(read).resolves.toBe('v');
    await expect(store.listDatasets()).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
    await store.close();
  });
});
