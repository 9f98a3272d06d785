import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startPostgres } from '../../../test/helpers/postgres-server.js';
import type { PostgresServer } from '../../../test/helpers/postgres-server.js';
import { describeStoreContract } from '../../../test/helpers/store-contract.js';
import type { DatasetImport, ObservationMeasure, ObservationRecord, RegionRecord, IndustryRecord } from '../store/store.js';
import { StoreError } from '../store/store.js';
import { createPostgresStore } from './postgres-store.js';
import type { PostgresStore } from './postgres-store.js';

const postgresBin = inject('postgresBin');
// The global setup fails the run under CI=true when PostgreSQL is missing; locally the suite is skipped.
const describeWithPostgres = postgresBin === '' ? describe.skip : describe;

describeWithPostgres('PostgresStore on a real PostgreSQL server', () => {
  let server: PostgresServer | undefined;
  let databaseCount = 0;

  beforeAll(async () => {
    server = await startPostgres({ binDir: postgresBin });
  });

  afterAll(async () => {
    const directory = server?.directory;
    await server?.stop();
    if (directory !== undefined) expect(existsSync(directory)).toBe(false);
  });

  /** A migrated store on a database of its own, dropped again by cleanup. */
  async function freshStore(): Promise<{ store: PostgresStore; connectionString: string; cleanup(): Promise<void> }> {
    if (server === undefined) throw new Error('PostgreSQL server not started');
    const running = server;
    const name = `store_${++databaseCount}`;
    const connectionString = await running.createDatabase(name);
    const store = await createPostgresStore(connectionString);
    return {
      store,
      connectionString,
      cleanup: async () => {
        await store.close();
        await running.dropDatabase(name);
      },
    };
  }

  describeStoreContract('PostgresStore', freshStore);

  describe('PostgreSQL specifics', () => {
    it('createPostgresStore(connectionString) records each schema version once, also when migrate() runs concurrently', async () => {
      const { store, connectionString, cleanup } = await freshStore();
      try {
        const other = await createPostgresStore(connectionString);
        await Promise.all([store.migrate(), other.migrate(), store.migrate()]);
        await other.close();
        expect(await store.schemaVersion()).toBe(2);
        const client = new pg.Client({ connectionString });
        await client.connect();
        try {
          const rows = await client.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
          expect(rows.rows).toEqual([{ version: 1 }, { version: 2 }]);
        } finally {
          await client.end();
        }
      } finally {
        await cleanup();
      }
    });

    it('createPostgresStore(connectionString) rejects with STORE_FAILED when no server listens', async () => {
      if (server === undefined) throw new Error('PostgreSQL server not started');
      // Our own port with a database that does not exist: refused quickly and deterministically.
      const url = server.connectionString.replace(/\/[^/]+$/, '/no_such_database');
      await expect(createPostgresStore(url)).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
    });

    it('importDataset() refuses a NaN value with StoreError STORE_FAILED and writes nothing', async () => {
      const { store, cleanup } = await freshStore();
      try {
        const data = syntheticImport(10, 10, 2, ['employment']);
        const bad = { ...data, observations: data.observations.map((o, i) => (i === 3 ? { ...o, value: Number.NaN } : o)) };
        const error: unknown = await store.importDataset(bad).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'STORE_FAILED' });
        expect(await store.listDatasets()).toEqual([]);
      } finally {
        await cleanup();
      }
    });

    it('importDataset() lets exactly one of two concurrent imports of a new dataset id succeed', async () => {
      const { store, connectionString, cleanup } = await freshStore();
      const other = await createPostgresStore(connectionString);
      try {
        const data = syntheticImport(20, 50, 2, ['employment']);
        const results = await Promise.allSettled([store.importDataset(data), other.importDataset(data)]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((r) => r.status === 'rejected');
        expect(rejected?.status === 'rejected' ? rejected.reason : undefined).toMatchObject({ code: 'DATASET_EXISTS' });
        expect(await store.queryObservations({ classification: 'SYNTH' })).toHaveLength(data.observations.length);
      } finally {
        await other.close();
        await cleanup();
      }
    });

    it('importDataset() writes 140,000 observations in one transaction within seconds', async () => {
      const { store, connectionString, cleanup } = await freshStore();
      try {
        const data = syntheticImport(100, 350, 2, ['employment', 'establishments']);
        expect(data.observations).toHaveLength(140_000);
        const started = performance.now();
        await store.importDataset(data);
        const seconds = (performance.now() - started) / 1000;
        console.info(`PostgresStore.importDataset: 140,000 observations in ${seconds.toFixed(2)} s`);
        expect(seconds).toBeLessThan(20);
        expect(await countObservations(connectionString)).toBe(140_000);
        const back = await store.queryObservations({ classification: 'SYNTH', years: [2020], regionIds: ['R007'] });
        expect(back).toEqual(data.observations.filter((o) => o.year === 2020 && o.regionId === 'R007'));
        expect(await store.listDatasets()).toMatchObject([{ id: data.dataset.id, rowCount: 140_000 }]);
      } finally {
        await cleanup();
      }
    });

    it('importDataset() of 140,000 observations failing at the last row leaves zero rows', async () => {
      const { store, connectionString, cleanup } = await freshStore();
      try {
        const data = syntheticImport(100, 350, 2, ['employment', 'establishments']);
        const last = data.observations.length - 1;
        const observations = data.observations.map((o, i) => (i === last ? { ...o, value: -1 } : o));
        await expect(store.importDataset({ ...data, observations })).rejects.toMatchObject({ code: 'STORE_FAILED' });
        expect(await countObservations(connectionString)).toBe(0);
        expect(await store.listDatasets()).toEqual([]);
        expect(await store.listRegions()).toEqual([]);
        expect(await store.listIndustries('SYNTH')).toEqual([]);
      } finally {
        await cleanup();
      }
    });
  });
});

async function countObservations(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM observations');
    return result.rows[0]?.n ?? -1;
  } finally {
    await client.end();
  }
}

/** regionCount × industryCount × years × measures observations with varied statuses, values and flags. */
function syntheticImport(regionCount: number, industryCount: number, yearCount: number, measures: ObservationMeasure[]): DatasetImport {
  const datasetId = 'synthetic';
  const regions: RegionRecord[] = [];
  for (let r = 0; r < regionCount; r++) {
    const id = `R${String(r).padStart(3, '0')}`;
    regions.push({ id, name: `Region ${r}`, type: 'custom', country: 'XX', parentId: null, aliases: [String(r)] });
  }
  const industries: IndustryRecord[] = [];
  for (let i = 0; i < industryCount; i++) {
    industries.push({ classification: 'SYNTH', code: String(100_000 + i), name: `Industry ${i}`, level: 6, parentCode: null });
  }
  const observations: ObservationRecord[] = [];
  let k = 0;
  for (const region of regions) {
    for (const industry of industries) {
      for (let y = 0; y < yearCount; y++) {
        for (const measure of measures) {
          k++;
          const kind = k % 10;
          observations.push({
            datasetId,
            regionId: region.id,
            classification: 'SYNTH',
            industryCode: industry.code,
            level: 6,
            year: 2020 + y,
            measure,
            value: kind === 0 ? null : (k * 7919) % 100_003 + (kind === 1 ? 0.5 : 0),
            status: kind === 0 ? 'suppressed' : kind === 1 ? 'estimated' : 'reported',
            lower: kind <= 1 ? 0 : null,
            upper: kind === 0 ? null : kind === 1 ? 200_000 : null,
            flag: kind <= 1 ? 'D' : null,
            method: kind === 1 ? 'synthetic' : null,
          });
        }
      }
    }
  }
  return {
    dataset: {
      id: datasetId,
      title: 'Synthetic',
      source: 'generated',
      licence: 'CC0',
      classification: 'SYNTH',
      importedAt: '2024-01-01T00:00:00.000Z',
      rowCount: observations.length,
      origin: 'src/io/postgres/postgres-store.test.ts',
    },
    regions,
    industries,
    observations,
  };
}
