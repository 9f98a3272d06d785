import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbStore } from '../duckdb/duckdb-store.js';
import { StoreError } from '../store/store.js';
import type { DatasetImport, ObservationRecord } from '../store/store.js';
import { ReopenableStore } from './reopenable-store.js';

/** The DuckDB driver as a file URL, for child scripts written to a temp folder. */
const DUCKDB_URL = JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve('@duckdb/node-api')).href);

describe('ReopenableStore on a DuckDB file', () => {
  let directory: string;
  let path: string;
  let store: ReopenableStore;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'clusterlens-reopenable-'));
    path = join(directory, 'store.duckdb');
    const seed = await DuckDbStore.open(path);
    await seed.importDataset(synthetic('first', 5, 6));
    await seed.close();
    store = await ReopenableStore.open(path);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill();
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const ids = async (): Promise<string[]> => (await store.listDatasets()).map((d) => d.id);

  it('reads issued before a write see the old data, reads issued after it wait and see the new data', async () => {
    const before = [ids(), store.queryObservations({ classification: 'SYNTH' }), ids()];
    let writerWasReadWrite = false;
    const write = store.write(async (writer) => {
      writerWasReadWrite = writer instanceof DuckDbStore && !writer.readOnly;
      await writer.importDataset(synthetic('second', 4, 3));
      return 'written';
    });
    const after = [ids(), store.queryObservations({ classification: 'SYNTH' }), ids()];
    expect(await write).toBe('written');
    expect(writerWasReadWrite).toBe(true);
    const [b0, b1, b2] = await Promise.all(before);
    const [a0, a1, a2] = await Promise.all(after);
    expect([b0, b2]).toEqual([['first'], ['first']]);
    expect(b1).toHaveLength(5 * 6 * 2);
    expect([a0, a2]).toEqual([['first', 'second'], ['first', 'second']]);
    expect(a1).toHaveLength(5 * 6 * 2 + 4 * 3 * 2);
    // the file is read-only again: another process can read it
    expect(await childReads(path)).toBe(2);
  });

  it('a write that fails leaves the data unchanged and the store readable', async () => {
    const before = await store.queryObservations({ classification: 'SYNTH' });
    const error = await store
      .write(async (writer) => {
        const session = await writer.beginImport({ dataset: synthetic('half', 1, 1).dataset, regions: [], industries: [] });
        try {
          await session.append(synthetic('half', 2, 2).observations);
          throw new Error('the importer found a bad line');
        } catch (e) {
          await session.abort();
          throw e;
        }
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ message: 'the importer found a bad line' });
    expect(await ids()).toEqual(['first']);
    expect(await store.queryObservations({ classification: 'SYNTH' })).toEqual(before);
    // a refused import (the store's own check) is also rolled back
    const refused = await store.importDataset(synthetic('first', 1, 1)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'DATASET_EXISTS' });
    expect(await store.queryObservations({ classification: 'SYNTH' })).toEqual(before);
  });

  it('another process holding the file makes a write fail with STORE_LOCKED; reads go on, and the write succeeds once it is gone', async () => {
    const child = await holdReadOnly(path);
    const error = await store.write(async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_LOCKED' });
    expect((error as Error).message).toMatch(/another process .* has the database open/);
    expect(await ids()).toEqual(['first']);
    child.kill();
    await new Promise((r) => child.once('exit', r));
    await store.importDataset(synthetic('second', 1, 1));
    expect(await ids()).toEqual(['first', 'second']);
  });

  it('beginImport through the wrapper holds the write lock until commit; reads after it see the dataset', async () => {
    const session = await store.beginImport({ dataset: synthetic('streamed', 1, 1).dataset, regions: synthetic('streamed', 2, 2).regions, industries: synthetic('streamed', 2, 2).industries });
    const waiting = ids();
    await session.append(synthetic('streamed', 2, 2).observations);
    await session.commit();
    expect(await waiting).toEqual(['first', 'streamed']);
    expect((await store.listDatasets()).find((d) => d.id === 'streamed')?.rowCount).toBe(8);
  });

  it('close() closes the file: a read-write open succeeds afterwards and later calls are refused', async () => {
    await store.close();
    await expect(store.listDatasets()).rejects.toMatchObject({ code: 'STORE_FAILED' });
    const writer = await DuckDbStore.open(path);
    expect((await writer.listDatasets()).map((d) => d.id)).toEqual(['first']);
    await writer.close();
  });

  /** Starts a process that opens the file read-only and keeps it open until killed. */
  async function holdReadOnly(file: string): Promise<ChildProcess> {
    const script = join(directory, 'hold.mjs');
    writeFileSync(script, `import { DuckDBInstance } from ${DUCKDB_URL};
const instance = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
await instance.connect();
console.log('ready');
setInterval(() => {}, 1000);
`);
    const child = spawn(process.execPath, [script, file], { cwd: resolve('.'), stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((ready, fail) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('ready')) ready();
      });
      child.once('exit', (code) => fail(new Error(`holder exited with ${code}`)));
    });
    return child;
  }

  /** Opens the file read-only in another process and returns its dataset count. */
  async function childReads(file: string): Promise<number> {
    const script = join(directory, 'read.mjs');
    writeFileSync(script, `import { DuckDBInstance } from ${DUCKDB_URL};
const instance = await DuckDBInstance.create(process.argv[2], { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
const reader = await connection.runAndReadAll('select count(*)::integer as n from datasets');
console.log(reader.getRowObjectsJS()[0].n);
`);
    const child = spawn(process.execPath, [script, file], { cwd: resolve('.'), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(0);
    return Number(out.trim());
  }
});

/** regionCount × industryCount × 2 years of reported employment. */
function synthetic(datasetId: string, regionCount: number, industryCount: number): DatasetImport & { observations: ObservationRecord[] } {
  const regions = Array.from({ length: regionCount }, (_, r) => ({ id: `R${r}`, name: `Region ${r}`, type: 'custom' as const, country: 'XX', parentId: null, aliases: [] }));
  const industries = Array.from({ length: industryCount }, (_, i) => ({ classification: 'SYNTH', code: String(100 + i), name: `Industry ${i}`, level: 3, parentCode: null }));
  const observations: ObservationRecord[] = [];
  for (const region of regions) {
    for (const industry of industries) {
      for (const year of [2010, 2011]) {
        observations.push({
          datasetId, regionId: region.id, classification: 'SYNTH', industryCode: industry.code, level: 3, year, measure: 'employment',
          value: 10, status: 'reported', lower: null, upper: null, flag: null, method: null,
        });
      }
    }
  }
  return {
    dataset: { id: datasetId, title: datasetId, source: 'test', licence: 'test', classification: 'SYNTH', importedAt: '2026-01-01T00:00:00.000Z', rowCount: 0, origin: 'test' },
    regions,
    industries,
    observations,
  };
}
