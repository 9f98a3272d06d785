/**
 * The Store contract: one Vitest suite that every Store implementation (DuckDB, PostgreSQL, …) must pass.
 * It uses only the Store interface, so the same assertions hold for every backend.
 *
 * Order is not part of the interface except for listYears (ascending), so list results are compared
 * after sorting by key.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { createPostgresStore } from '../../src/io/postgres/postgres-store.js';
import { startPostgres } from './postgres-server.js';
import type { PostgresServer } from './postgres-server.js';
import type {
  ClusterDefinitionRecord,
  DatasetImport,
  DatasetRecord,
  IndustryRecord,
  ObservationRecord,
  ObservationStatus,
  RegionRecord,
  Store,
} from '../../src/io/store/store.js';

/** What a contract test needs from a backend: a fresh, migrated, empty store and a way to dispose of it. */
export type MakeStore = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/**
 * describeStoreContract(name, makeStore) declares the shared Store suite. makeStore is called once per
 * test and must return a migrated, empty store; cleanup closes it and removes whatever it created.
 *
 * @example
 * describeStoreContract('DuckDbStore (memory)', async () => {
 *   const store = await createDuckDbStore(':memory:');
 *   return { store, cleanup: () => store.close() };
 * });
 */
export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} (Store contract)`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      const made = await makeStore();
      store = made.store;
      cleanup = made.cleanup;
    });

    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('migrate() is idempotent and a fresh store is empty', async () => {
      await store.migrate();
      await store.migrate();
      expect(await store.listDatasets()).toEqual([]);
      expect(await store.listRegions()).toEqual([]);
      expect(await store.listIndustries(NAICS)).toEqual([]);
      expect(await store.listYears(NAICS)).toEqual([]);
      expect(await store.queryObservations({ classification: NAICS })).toEqual([]);
      expect(await store.clusterDefinitions('us-benchmark-2016')).toEqual([]);
      expect(await store.getMeta('default-data-version')).toBeNull();
    });

    it('migrate() after an import keeps the data', async () => {
      await store.importDataset(usImport());
      await store.migrate();
      expect(await snapshot(store)).toEqual(expectedSnapshot([usImport()]));
    });

    it('importDataset() round-trips dataset, regions with aliases, industries and observations exactly', async () => {
      const data = usImport();
      await store.importDataset(data);
      expect(await store.listDatasets()).toEqual([data.dataset]);
      expect(sortRegions(await store.listRegions())).toEqual(sortRegions(data.regions));
      expect(sortIndustries(await store.listIndustries(NAICS))).toEqual(sortIndustries(data.industries));
      const observations = await store.queryObservations({ classification: NAICS });
      expect(sortObservations(observations)).toEqual(sortObservations(data.observations));
      // Every status, null value and null upper came back as written.
      const statuses = new Set(observations.map((o) => o.status));
      expect([...statuses].sort()).toEqual(['estimated', 'not-available', 'reported', 'suppressed']);
      expect(observations.some((o) => o.value === null)).toBe(true);
      expect(observations.some((o) => o.status === 'estimated' && o.upper === null)).toBe(true);
    });

    it('importDataset() keeps datasets of different classifications apart', async () => {
      await store.importDataset(usImport());
      await store.importDataset(euImport());
      expect(await snapshot(store)).toEqual(expectedSnapshot([usImport(), euImport()]));
      expect(sortIndustries(await store.listIndustries(NACE))).toEqual(sortIndustries(euImport().industries));
      expect(await store.listIndustries('UNKNOWN')).toEqual([]);
    });

    it('importDataset() upserts regions and industries that already exist', async () => {
      await store.importDataset(usImport());
      const second = usImport({ id: 'us-cbp-county-2021' });
      second.regions = [{ ...region('US-53'), name: 'Washington State', aliases: ['53', 'WA'] }];
      second.industries = [{ ...industry('3364'), name: 'Aerospace products' }];
      second.observations = [];
      second.dataset.rowCount = 0;
      await store.importDataset(second);
      const regions = await store.listRegions();
      expect(regions).toHaveLength(usImport().regions.length);
      expect(regions.find((r) => r.id === 'US-53')).toEqual(second.regions[0]);
      const industries = await store.listIndustries(NAICS);
      expect(industries).toHaveLength(usImport().industries.length);
      expect(industries.find((i) => i.code === '3364')).toEqual(second.industries[0]);
      expect(sortDatasets(await store.listDatasets())).toEqual(sortDatasets([usImport().dataset, second.dataset]));
    });

    it('listYears(classification) returns the distinct years ascending, per classification', async () => {
      expect(await store.listYears(NAICS)).toEqual([]);
      await store.importDataset(usImport());
      await store.importDataset(usSecondDataset());
      await store.importDataset(euImport());
      expect(await store.listYears(NAICS)).toEqual([2019, 2020, 2021]);
      expect(await store.listYears(NACE)).toEqual([2018]);
      expect(await store.listYears('UNKNOWN')).toEqual([]);
    });

    it('listRegions(filter) filters by type, by country and by both', async () => {
      await store.importDataset(usImport());
      await store.importDataset(euImport());
      const all = [...usImport().regions, ...euImport().regions];
      expect(sortRegions(await store.listRegions())).toEqual(sortRegions(all));
      expect(sortRegions(await store.listRegions({}))).toEqual(sortRegions(all));
      expect(sortRegions(await store.listRegions({ type: 'state' }))).toEqual(sortRegions(all.filter((r) => r.type === 'state')));
      expect(sortRegions(await store.listRegions({ country: 'DE' }))).toEqual(sortRegions(all.filter((r) => r.country === 'DE')));
      expect(sortRegions(await store.listRegions({ type: 'county', country: 'US' }))).toEqual(
        sortRegions(all.filter((r) => r.type === 'county' && r.country === 'US')),
      );
      expect(await store.listRegions({ type: 'prefecture' })).toEqual([]);
      expect(await store.listRegions({ type: 'county', country: 'DE' })).toEqual([]);
    });

    it('queryObservations(query) applies each filter only when given', async () => {
      const us = usImport();
      const second = usSecondDataset();
      await store.importDataset(us);
      await store.importDataset(second);
      await store.importDataset(euImport());
      const all = [...us.observations, ...second.observations];
      const check = async (query: Parameters<Store['queryObservations']>[0], keep: (o: ObservationRecord) => boolean): Promise<void> => {
        const expected = all.filter(keep);
        expect(expected.length).toBeGreaterThan(0);
        expect(sortObservations(await store.queryObservations(query))).toEqual(sortObservations(expected));
      };
      await check({ classification: NAICS }, () => true);
      await check({ classification: NAICS, years: [2019, 2021] }, (o) => o.year === 2019 || o.year === 2021);
      await check({ classification: NAICS, measures: ['payroll'] }, (o) => o.measure === 'payroll');
      await check({ classification: NAICS, measures: ['employment', 'establishments'] }, (o) => o.measure !== 'payroll');
      await check({ classification: NAICS, regionIds: ['US-53033', 'US-06'] }, (o) => o.regionId === 'US-53033' || o.regionId === 'US-06');
      await check({ classification: NAICS, levels: [0, 6] }, (o) => o.level === 0 || o.level === 6);
      await check({ classification: NAICS, datasetIds: [second.dataset.id] }, (o) => o.datasetId === second.dataset.id);
      await check(
        { classification: NAICS, years: [2020], measures: ['employment'], regionIds: ['US-53'], levels: [4], datasetIds: [us.dataset.id] },
        (o) => o.year === 2020 && o.measure === 'employment' && o.regionId === 'US-53' && o.level === 4 && o.datasetId === us.dataset.id,
      );
      expect(sortObservations(await store.queryObservations({ classification: NACE }))).toEqual(sortObservations(euImport().observations));
      expect(await store.queryObservations({ classification: 'UNKNOWN' })).toEqual([]);
      expect(await store.queryObservations({ classification: NAICS, years: [1990] })).toEqual([]);
      expect(await store.queryObservations({ classification: NAICS, datasetIds: [euImport().dataset.id] })).toEqual([]);
    });

    it('importDataset() refuses an existing dataset id with DATASET_EXISTS and writes nothing', async () => {
      await store.importDataset(usImport());
      const before = await snapshot(store);
      const again = usImport({ title: 'Changed title' });
      again.regions = [...again.regions, region('US-41')];
      again.industries = [...again.industries, industry('5415')];
      await expect(store.importDataset(again)).rejects.toMatchObject({ code: 'DATASET_EXISTS' });
      await expect(store.importDataset(again, { replace: false })).rejects.toMatchObject({ code: 'DATASET_EXISTS' });
      expect(await snapshot(store)).toEqual(before);
    });

    it('importDataset(data, { replace: true }) replaces the dataset and its observations only', async () => {
      await store.importDataset(usImport());
      await store.importDataset(usSecondDataset());
      const replacement = usImport({ title: 'Revised', importedAt: '2025-01-02T03:04:05.006Z' });
      replacement.observations = replacement.observations
        .filter((o) => o.year === 2020)
        .map((o) => (o.value === null ? o : { ...o, value: o.value + 1.25 }));
      replacement.dataset.rowCount = replacement.observations.length;
      await store.importDataset(replacement, { replace: true });
      expect(sortDatasets(await store.listDatasets())).toEqual(sortDatasets([replacement.dataset, usSecondDataset().dataset]));
      expect(sortObservations(await store.queryObservations({ classification: NAICS, datasetIds: [replacement.dataset.id] }))).toEqual(
        sortObservations(replacement.observations),
      );
      expect(sortObservations(await store.queryObservations({ classification: NAICS, datasetIds: [usSecondDataset().dataset.id] }))).toEqual(
        sortObservations(usSecondDataset().observations),
      );
      expect(await store.listYears(NAICS)).toEqual([2020, 2021]);
    });

    it('importDataset(data, { replace: true }) of a new dataset id imports it', async () => {
      await store.importDataset(usImport(), { replace: true });
      expect(await snapshot(store)).toEqual(expectedSnapshot([usImport()]));
    });

    const invalidRows: { title: string; spoil: (rows: ObservationRecord[]) => ObservationRecord[] }[] = [
      { title: 'a negative value', spoil: (rows) => [...rows, { ...lastOf(rows), year: 2030, value: -1 }] },
      { title: 'a duplicate primary key', spoil: (rows) => [...rows, { ...lastOf(rows), value: 7 }] },
      { title: 'an unknown status', spoil: (rows) => [...rows, { ...lastOf(rows), year: 2030, status: 'made-up' as ObservationStatus }] },
    ];
    for (const { title, spoil } of invalidRows) {
      it(`importDataset() with ${title} in the last observation throws and leaves the store as it was`, async () => {
        await store.importDataset(euImport());
        const before = await snapshot(store);
        const bad = usImport();
        bad.observations = spoil(bad.observations);
        bad.dataset.rowCount = bad.observations.length;
        await expect(store.importDataset(bad)).rejects.toThrow();
        expect(await snapshot(store)).toEqual(before);
        // The store is still usable, and the valid import goes through afterwards.
        await store.importDataset(usImport());
        expect(await snapshot(store)).toEqual(expectedSnapshot([euImport(), usImport()]));
      });

      it(`importDataset(data, { replace: true }) with ${title} keeps the previous version`, async () => {
        await store.importDataset(usImport());
        const before = await snapshot(store);
        const bad = usImport({ title: 'Broken revision' });
        bad.regions = [...bad.regions, region('US-41')];
        bad.observations = spoil(bad.observations.slice(0, 5));
        bad.dataset.rowCount = bad.observations.length;
        await expect(store.importDataset(bad, { replace: true })).rejects.toThrow();
        expect(await snapshot(store)).toEqual(before);
      });
    }

    it('beginImport(start) → addRegions, append in chunks, commit() writes everything with rowCount = rows appended', async () => {
      const data = usImport();
      const [first, ...laterRegions] = data.regions;
      const session = await store.beginImport({ dataset: { ...data.dataset, rowCount: 999 }, regions: [first!], industries: data.industries });
      await session.append(data.observations.slice(0, 5));
      await session.addRegions(laterRegions);
      await session.append([]);
      await session.append(data.observations.slice(5, 11));
      await session.append(data.observations.slice(11));
      await session.commit();
      await session.abort(); // a no-op after commit
      expect(await snapshot(store)).toEqual(expectedSnapshot([data]));
      await expect(session.append(data.observations.slice(0, 1))).rejects.toMatchObject({ code: 'STORE_FAILED' });
    });

    it('beginImport(start) → addIndustries(industries) upserts industries in the transaction; abort() drops them', async () => {
      const data = usImport();
      const [first, ...later] = data.industries;
      const aborted = await store.beginImport({ ...data, industries: [first!] });
      await aborted.addIndustries(later);
      await aborted.abort();
      expect(await store.listIndustries(NAICS)).toEqual([]);
      const session = await store.beginImport({ ...data, industries: [first!] });
      await session.append(data.observations);
      await session.addIndustries(later);
      await expect(session.commit()).resolves.toBeUndefined();
      expect(await snapshot(store)).toEqual(expectedSnapshot([data]));
      const twice = await store.beginImport({ ...euImport(), industries: [] });
      await expect(twice.addIndustries([industry('C', NACE), industry('C', NACE)])).rejects.toMatchObject({ code: 'STORE_FAILED' });
      expect(await store.listIndustries(NACE)).toEqual([]);
    });

    it('beginImport(start) then abort() leaves the store as it was, also over an existing dataset with replace', async () => {
      await store.importDataset(euImport());
      await store.importDataset(usImport());
      const before = await snapshot(store);
      const data = usImport({ title: 'Aborted revision' });
      const session = await store.beginImport({ ...data, regions: [...data.regions, region('US-41')] }, { replace: true });
      await session.append(data.observations.slice(0, 8));
      await session.addRegions([{ ...region('DE11'), name: 'Renamed' }]);
      await session.abort();
      await session.abort();
      expect(await snapshot(store)).toEqual(before);
      // the store is usable afterwards
      await store.importDataset(usSecondDataset());
      expect(await snapshot(store)).toEqual(expectedSnapshot([euImport(), usImport(), usSecondDataset()]));
    });

    const badChunks: { title: string; spoil: (rows: ObservationRecord[]) => ObservationRecord[] }[] = [
      { title: 'a key appended in an earlier chunk', spoil: (rows) => [{ ...rows[0]!, value: 7 }] },
      { title: 'a negative value', spoil: (rows) => [{ ...lastOf(rows), year: 2030, value: -1 }] },
      { title: 'an observation of another dataset', spoil: (rows) => [{ ...lastOf(rows), year: 2030, datasetId: 'other' }] },
      { title: 'a non-finite value', spoil: (rows) => [{ ...lastOf(rows), year: 2030, value: Number.POSITIVE_INFINITY }] },
    ];
    for (const { title, spoil } of badChunks) {
      it(`beginImport(start) with ${title} in a middle chunk is refused and leaves the store as it was`, async () => {
        await store.importDataset(usImport());
        const before = await snapshot(store);
        const data = usImport({ title: 'Broken revision' });
        const session = await store.beginImport(data, { replace: true });
        const run = async (): Promise<void> => {
          await session.append(data.observations.slice(0, 8));
          await session.append(spoil(data.observations.slice(0, 8)));
          await session.append(data.observations.slice(8));
          await session.commit();
        };
        await expect(run()).rejects.toMatchObject({ name: 'StoreError', code: 'STORE_FAILED' });
        await session.abort();
        await expect(session.commit()).rejects.toMatchObject({ code: 'STORE_FAILED' });
        expect(await snapshot(store)).toEqual(before);
      });
    }

    it('beginImport(start) of an existing dataset id is refused with DATASET_EXISTS and leaves nothing open', async () => {
      await store.importDataset(usImport());
      const before = await snapshot(store);
      const again = usImport({ title: 'Second import' });
      await expect(store.beginImport({ ...again, regions: [...again.regions, region('US-41')] })).rejects.toMatchObject({ code: 'DATASET_EXISTS' });
      expect(await snapshot(store)).toEqual(before);
      await store.importDataset(euImport());
      expect(await snapshot(store)).toEqual(expectedSnapshot([usImport(), euImport()]));
    });

    it('importClusterDefinitions(scheme, rows) replaces that scheme only', async () => {
      const first = clusterRows('us-benchmark-2016', 3);
      const other = clusterRows('eu-2020', 2);
      await store.importClusterDefinitions('us-benchmark-2016', first);
      await store.importClusterDefinitions('eu-2020', other);
      expect(sortClusters(await store.clusterDefinitions('us-benchmark-2016'))).toEqual(sortClusters(first));
      const replacement = clusterRows('us-benchmark-2016', 2).map((r) => ({ ...r, clusterName: `${r.clusterName} (revised)` }));
      await store.importClusterDefinitions('us-benchmark-2016', replacement);
      expect(sortClusters(await store.clusterDefinitions('us-benchmark-2016'))).toEqual(sortClusters(replacement));
      expect(sortClusters(await store.clusterDefinitions('eu-2020'))).toEqual(sortClusters(other));
      await store.importClusterDefinitions('eu-2020', []);
      expect(await store.clusterDefinitions('eu-2020')).toEqual([]);
      expect(await store.clusterDefinitions('unknown')).toEqual([]);
    });

    it('createCustomRegion(input) stores a region of type custom with its members; listCustomRegions and listRegions show it', async () => {
      await store.importDataset(usImport());
      const created = await store.createCustomRegion({ id: 'custom-west', name: ' West coast ', members: ['US-53', 'US-06'] });
      const expected = { id: 'custom-west', name: 'West coast', type: 'custom', country: 'US', parentId: null, aliases: [], members: ['US-06', 'US-53'] };
      expect(created).toEqual(expected);
      expect(await store.listCustomRegions()).toEqual([expected]);
      const { members: _, ...region } = expected;
      expect((await store.listRegions({ type: 'custom' }))).toEqual([region]);
      const mixed = await store.createCustomRegion({ id: 'custom-mixed', name: 'Mixed', members: ['US-53033', 'DE11'] }).catch((e: unknown) => e);
      expect(mixed).toMatchObject({ code: 'INVALID_INPUT' });
      await store.importDataset(euImport());
      expect(await store.createCustomRegion({ id: 'custom-mixed', name: 'Mixed', members: ['US-53033', 'DE11'] })).toMatchObject({ country: 'XX', members: ['DE11', 'US-53033'] });
    });

    it('createCustomRegion(input) refuses bad ids, no or repeated members, unknown, custom and nested members, and a taken id', async () => {
      await store.importDataset(usImport());
      await store.createCustomRegion({ id: 'custom-west', name: 'West', members: ['US-53', 'US-06'] });
      const before = await snapshot(store);
      const refused: [Parameters<Store['createCustomRegion']>[0], string][] = [
        [{ id: 'west', name: 'West', members: ['US-53'] }, 'INVALID_INPUT'],
        [{ id: 'custom-West', name: 'West', members: ['US-53'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: ' ', members: ['US-53'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: [] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: ['US-53', 'US-53'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: ['US-53', 'US-99'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: ['US-06', 'custom-west'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: ['US-53', 'US-53033'] }, 'INVALID_INPUT'],
        [{ id: 'custom-x', name: 'X', members: ['US', 'US-06037'] }, 'INVALID_INPUT'],
        [{ id: 'custom-west', name: 'West again', members: ['US-53'] }, 'REGION_EXISTS'],
      ];
      for (const [input, code] of refused) {
        await expect(store.createCustomRegion(input), JSON.stringify(input)).rejects.toMatchObject({ name: 'StoreError', code });
      }
      expect(await snapshot(store)).toEqual(before);
      expect(await store.listCustomRegions()).toMatchObject([{ id: 'custom-west', members: ['US-06', 'US-53'] }]);
      expect(await store.createCustomRegion({ id: 'custom-west', name: 'West again', members: ['US-53'] }, { replace: true })).toMatchObject({ name: 'West again', members: ['US-53'] });
      expect(await store.listCustomRegions()).toMatchObject([{ id: 'custom-west', name: 'West again', members: ['US-53'] }]);
    });

    it('queryObservations({ regionIds: [custom] }) sums the members row by row, combining statuses and ranges', async () => {
      await store.importDataset(usImport());
      await store.importDataset(usSecondDataset());
      await store.createCustomRegion({ id: 'custom-west', name: 'West', members: ['US-53', 'US-06'] });
      await store.createCustomRegion({ id: 'custom-counties', name: 'Counties', members: ['US-53033', 'US-06037'] });
      await store.createCustomRegion({ id: 'custom-mixed', name: 'Mixed', members: ['US-53033', 'US-06'] });
      const all = await store.queryObservations({ classification: NAICS });
      expect(all.some((o) => o.regionId.startsWith('custom-'))).toBe(false);
      const pick = (rows: ObservationRecord[], region: string, code: string, year: number, measure: string, dataset = 'us-cbp-county-2020'): unknown => {
        const o = rows.find((r) => r.regionId === region && r.industryCode === code && r.year === year && r.measure === measure && r.datasetId === dataset);
        return o && { value: o.value, status: o.status, lower: o.lower, upper: o.upper, flag: o.flag, level: o.level };
      };
      const west = await store.queryObservations({ classification: NAICS, regionIds: ['custom-west'] });
      expect(pick(west, 'custom-west', '3364', 2020, 'employment')).toEqual({ value: 145_000, status: 'reported', lower: null, upper: null, flag: null, level: 4 });
      expect(pick(west, 'custom-west', '3364', 2021, 'employment', 'us-cbp-county-2021')).toEqual({ value: 145_000, status: 'reported', lower: null, upper: null, flag: null, level: 4 });
      expect(pick(west, 'custom-west', '3364', 2019, 'employment')).toEqual({ value: 90_000, status: 'estimated', lower: 50_000, upper: null, flag: null, level: 4 });
      expect(west.every((o) => o.regionId === 'custom-west')).toBe(true);
      const counties = await store.queryObservations({ classification: NAICS, regionIds: ['custom-counties'], years: [2020] });
      expect(pick(counties, 'custom-counties', '3364', 2020, 'employment')).toMatchObject({ value: 1234.5, status: 'estimated', lower: 1000, upper: 2499 });
      expect(pick(counties, 'custom-counties', '336411', 2020, 'employment')).toEqual({ value: null, status: 'suppressed', lower: 1000, upper: 2499, flag: null, level: 6 });
      expect(pick(counties, 'custom-counties', '336411', 2020, 'payroll')).toMatchObject({ value: null, status: 'not-available' });
      expect(counties.filter((o) => o.year !== 2020)).toEqual([]);
      const mixed = await store.queryObservations({ classification: NAICS, regionIds: ['custom-mixed', 'US-53'], measures: ['employment'] });
      expect(pick(mixed, 'custom-mixed', '336411', 2019, 'employment')).toEqual({ value: null, status: 'suppressed', lower: 100_000 + (0.1 + 0.2), upper: null, flag: null, level: 6 });
      expect(sortObservations(mixed.filter((o) => o.regionId === 'US-53'))).toEqual(sortObservations(all.filter((o) => o.regionId === 'US-53' && o.measure === 'employment')));
      if (store.queryObservationColumns) {
        const columns = await store.queryObservationColumns({ classification: NAICS, regionIds: ['custom-west'] });
        expect([...columns.value].map((v) => (Number.isNaN(v) ? null : v))).toEqual(west.map((o) => o.value));
        expect(columns.status).toEqual(west.map((o) => o.status));
      }
    });

    it('deleteCustomRegion(id) removes the region and its membership, and is false for an unknown or a stored region', async () => {
      await store.importDataset(usImport());
      const before = await snapshot(store);
      await store.createCustomRegion({ id: 'custom-west', name: 'West', members: ['US-53', 'US-06'] });
      expect(await store.deleteCustomRegion('US-53')).toBe(false);
      expect(await store.deleteCustomRegion('custom-west')).toBe(true);
      expect(await store.deleteCustomRegion('custom-west')).toBe(false);
      expect(await store.listCustomRegions()).toEqual([]);
      expect(await snapshot(store)).toEqual(before);
      expect(await store.queryObservations({ classification: NAICS, regionIds: ['custom-west'] })).toEqual([]);
    });

    it('getMeta(key) / setMeta(key, value) store, overwrite and miss', async () => {
      expect(await store.getMeta('default-data-version')).toBeNull();
      await store.setMeta('default-data-version', '2024.1');
      await store.setMeta('other', 'Zürich — "quoted", {braces}');
      expect(await store.getMeta('default-data-version')).toBe('2024.1');
      await store.setMeta('default-data-version', '2025.2');
      expect(await store.getMeta('default-data-version')).toBe('2025.2');
      expect(await store.getMeta('other')).toBe('Zürich — "quoted", {braces}');
      await store.setMeta('empty', '');
      expect(await store.getMeta('empty')).toBe('');
      expect(await store.getMeta('missing')).toBeNull();
    });
  });
}

const NAICS = 'NAICS2017';
const NACE = 'NACE2';

interface Snapshot {
  datasets: DatasetRecord[];
  regions: RegionRecord[];
  industries: IndustryRecord[];
  observations: ObservationRecord[];
}

/** Everything the fixtures can write, read back through the interface and sorted. */
async function snapshot(store: Store): Promise<Snapshot> {
  const industries = [...(await store.listIndustries(NAICS)), ...(await store.listIndustries(NACE))];
  const observations = [
    ...(await store.queryObservations({ classification: NAICS })),
    ...(await store.queryObservations({ classification: NACE })),
  ];
  return {
    datasets: sortDatasets(await store.listDatasets()),
    regions: sortRegions(await store.listRegions()),
    industries: sortIndustries(industries),
    observations: sortObservations(observations),
  };
}

/** The snapshot expected after importing these datasets, in order, into an empty store. */
function expectedSnapshot(imports: DatasetImport[]): Snapshot {
  const regions = new Map<string, RegionRecord>();
  const industries = new Map<string, IndustryRecord>();
  for (const data of imports) {
    for (const r of data.regions) regions.set(r.id, r);
    for (const i of data.industries) industries.set(`${i.classification}\u0000${i.code}`, i);
  }
  return {
    datasets: sortDatasets(imports.map((d) => d.dataset)),
    regions: sortRegions([...regions.values()]),
    industries: sortIndustries([...industries.values()]),
    observations: sortObservations(imports.flatMap((d) => d.observations)),
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortDatasets = (rows: readonly DatasetRecord[]): DatasetRecord[] => [...rows].sort((a, b) => compareText(a.id, b.id));
const sortRegions = (rows: readonly RegionRecord[]): RegionRecord[] => [...rows].sort((a, b) => compareText(a.id, b.id));
const sortIndustries = (rows: readonly IndustryRecord[]): IndustryRecord[] =>
  [...rows].sort((a, b) => compareText(a.classification, b.classification) || compareText(a.code, b.code));
const sortClusters = (rows: readonly ClusterDefinitionRecord[]): ClusterDefinitionRecord[] =>
  [...rows].sort((a, b) => compareText(a.industryCode, b.industryCode) || compareText(a.clusterCode, b.clusterCode));
const sortObservations = (rows: readonly ObservationRecord[]): ObservationRecord[] =>
  [...rows].sort(
    (a, b) =>
      compareText(a.datasetId, b.datasetId) ||
      compareText(a.regionId, b.regionId) ||
      compareText(a.classification, b.classification) ||
      compareText(a.industryCode, b.industryCode) ||
      a.year - b.year ||
      compareText(a.measure, b.measure),
  );

function lastOf<T>(rows: readonly T[]): T {
  const last = rows[rows.length - 1];
  if (last === undefined) throw new Error('store contract fixture: no rows');
  return last;
}

const REGIONS: readonly RegionRecord[] = [
  { id: 'US', name: 'United States', type: 'country', country: 'US', parentId: null, aliases: ['USA', 'United States of America'] },
  { id: 'US-53', name: 'Washington', type: 'state', country: 'US', parentId: 'US', aliases: ['53', 'WA', 'US-WA'] },
  { id: 'US-06', name: 'California', type: 'state', country: 'US', parentId: 'US', aliases: ['06', 'CA', 'US-CA'] },
  // Characters that need escaping in array literals, CSV and JSON.
  { id: 'US-53033', name: 'King County, "WA"', type: 'county', country: 'US', parentId: 'US-53', aliases: ['53033', 'a,b{c}"d\\e', 'NULL', ''] },
  { id: 'US-06037', name: 'Los Angeles County', type: 'county', country: 'US', parentId: 'US-06', aliases: [] },
  { id: 'US-41', name: 'Oregon', type: 'state', country: 'US', parentId: 'US', aliases: ['41', 'OR'] },
  { id: 'DE', name: 'Deutschland', type: 'nuts0', country: 'DE', parentId: null, aliases: ['DEU'] },
  { id: 'DE1', name: 'Baden-Württemberg', type: 'nuts1', country: 'DE', parentId: 'DE', aliases: [] },
  { id: 'DE11', name: 'Stuttgart', type: 'nuts2', country: 'DE', parentId: 'DE1', aliases: [] },
];

function region(id: string): RegionRecord {
  const found = REGIONS.find((r) => r.id === id);
  if (found === undefined) throw new Error(`store contract fixture: no region ${id}`);
  return { ...found, aliases: [...found.aliases] };
}

const INDUSTRIES: readonly IndustryRecord[] = [
  { classification: NAICS, code: 'TOTAL', name: 'Total for all sectors', level: 0, parentCode: null },
  { classification: NAICS, code: '31-33', name: 'Manufacturing', level: 2, parentCode: 'TOTAL' },
  { classification: NAICS, code: '3364', name: 'Aerospace product and parts manufacturing', level: 4, parentCode: '31-33' },
  { classification: NAICS, code: '336411', name: 'Aircraft manufacturing', level: 6, parentCode: '3364' },
  { classification: NAICS, code: '5415', name: 'Computer systems design', level: 4, parentCode: null },
  { classification: NACE, code: 'TOTAL', name: 'Total', level: 0, parentCode: null },
  { classification: NACE, code: 'C', name: 'Manufacturing', level: 1, parentCode: 'TOTAL' },
  { classification: NACE, code: 'C29', name: 'Manufacture of motor vehicles', level: 2, parentCode: 'C' },
];

function industry(code: string, classification = NAICS): IndustryRecord {
  const found = INDUSTRIES.find((i) => i.code === code && i.classification === classification);
  if (found === undefined) throw new Error(`store contract fixture: no industry ${classification} ${code}`);
  return { ...found };
}

type ObservationValues = Pick<ObservationRecord, 'value' | 'status' | 'lower' | 'upper' | 'flag' | 'method'>;

const reported = (value: number, flag: string | null = null): ObservationValues =>
  ({ value, status: 'reported', lower: null, upper: null, flag, method: null });
const estimated = (value: number, lower: number, upper: number | null, flag: string): ObservationValues =>
  ({ value, status: 'estimated', lower, upper, flag, method: 'range-constrained-hierarchical' });
const suppressed = (lower: number, upper: number | null, flag: string): ObservationValues =>
  ({ value: null, status: 'suppressed', lower, upper, flag, method: null });
const notAvailable: ObservationValues = { value: null, status: 'not-available', lower: null, upper: null, flag: null, method: null };

/** A mutable import (tests adjust it) of a small US county-business-patterns-like dataset, years 2019–2020. */
function usImport(overrides: Partial<DatasetRecord> = {}): DatasetImport & {
  dataset: DatasetRecord;
  regions: RegionRecord[];
  industries: IndustryRecord[];
  observations: ObservationRecord[];
} {
  const dataset: DatasetRecord = {
    id: 'us-cbp-county-2020',
    title: 'County Business Patterns 2019–2020 (fixture)',
    source: 'U.S. Census Bureau, County Business Patterns',
    licence: 'Public domain (U.S. Government work)',
    classification: NAICS,
    importedAt: '2024-05-01T12:34:56.789Z',
    rowCount: 0,
    origin: 'test/helpers/store-contract.ts',
    ...overrides,
  };
  const cells: [string, string, number, ObservationRecord['measure'], ObservationValues][] = [
    ['US', 'TOTAL', 2019, 'employment', reported(128_347_299)],
    ['US', 'TOTAL', 2019, 'payroll', reported(7_470_000_000_000.5)],
    ['US', 'TOTAL', 2020, 'employment', reported(130_000_000)],
    ['US-53', 'TOTAL', 2020, 'employment', reported(2_900_123)],
    ['US-53', '31-33', 2020, 'employment', reported(280_000.25, 'G')],
    ['US-53', '3364', 2020, 'employment', reported(85_000)],
    ['US-53', '3364', 2020, 'establishments', reported(212)],
    ['US-53', '3364', 2019, 'employment', estimated(90_000, 50_000, null, 'M')],
    ['US-53033', '3364', 2020, 'employment', estimated(1234.5, 1000, 2499, 'D')],
    ['US-53033', '336411', 2020, 'employment', suppressed(1000, 2499, 'D')],
    ['US-53033', '336411', 2019, 'employment', suppressed(100_000, null, 'M')],
    ['US-53033', '336411', 2020, 'payroll', notAvailable],
    ['US-53033', '336411', 2020, 'establishments', reported(0)],
    ['US-06', '3364', 2020, 'employment', reported(60_000, 'H')],
    ['US-06', '336411', 2019, 'employment', reported(0.1 + 0.2)],
    ['US-06037', 'TOTAL', 2020, 'establishments', reported(250_000)],
  ];
  const observations = cells.map(([regionId, industryCode, year, measure, values]): ObservationRecord => ({
    datasetId: dataset.id,
    regionId,
    classification: NAICS,
    industryCode,
    level: industry(industryCode).level,
    year,
    measure,
    ...values,
  }));
  dataset.rowCount = observations.length;
  return {
    dataset,
    regions: ['US', 'US-53', 'US-06', 'US-53033', 'US-06037'].map(region),
    industries: ['TOTAL', '31-33', '3364', '336411'].map((code) => industry(code)),
    observations,
  };
}

/** A second NAICS dataset: the 2020 rows of usImport() as 2021, sharing its regions and industries. */
function usSecondDataset(): DatasetImport & { observations: ObservationRecord[] } {
  const base = usImport({ id: 'us-cbp-county-2021', title: 'County Business Patterns 2021 (fixture)', importedAt: '2024-06-01T00:00:00.000Z' });
  const observations = base.observations.filter((o) => o.year === 2020).map((o) => ({ ...o, datasetId: base.dataset.id, year: 2021 }));
  return { ...base, dataset: { ...base.dataset, rowCount: observations.length }, observations };
}

/** A small Eurostat-like NACE dataset (2018) with its own regions and industries. */
function euImport(): DatasetImport & { observations: ObservationRecord[] } {
  const dataset: DatasetRecord = {
    id: 'eu-sbs-2018',
    title: 'Structural business statistics 2018 (fixture)',
    source: 'Eurostat',
    licence: 'CC BY 4.0',
    classification: NACE,
    importedAt: '2023-11-30T23:59:59.000Z',
    rowCount: 0,
    origin: 'https://ec.europa.eu/eurostat',
  };
  const cells: [string, string, ObservationValues][] = [
    ['DE', 'TOTAL', reported(30_000_000)],
    ['DE1', 'C', reported(1_500_000, 'p')],
    ['DE11', 'C29', suppressed(0, 500, 'c')],
    ['DE11', 'C', notAvailable],
  ];
  const observations = cells.map(([regionId, industryCode, values]): ObservationRecord => ({
    datasetId: dataset.id,
    regionId,
    classification: NACE,
    industryCode,
    level: industry(industryCode, NACE).level,
    year: 2018,
    measure: 'employment',
    ...values,
  }));
  dataset.rowCount = observations.length;
  return {
    dataset,
    regions: ['DE', 'DE1', 'DE11'].map(region),
    industries: ['TOTAL', 'C', 'C29'].map((code) => industry(code, NACE)),
    observations,
  };
}

function clusterRows(scheme: string, count: number): ClusterDefinitionRecord[] {
  const all: ClusterDefinitionRecord[] = [
    { scheme, classification: NAICS, industryCode: '336411', clusterCode: 'aerospace', clusterName: 'Aerospace Vehicles and Defense', clusterType: 'traded', subclusterCode: 'aircraft', subclusterName: 'Aircraft' },
    { scheme, classification: NAICS, industryCode: '5415', clusterCode: 'it', clusterName: 'Information Technology and Analytical Instruments', clusterType: 'traded', subclusterCode: null, subclusterName: null },
    { scheme, classification: NAICS, industryCode: '3364', clusterCode: 'aerospace', clusterName: 'Aerospace Vehicles and Defense', clusterType: 'traded', subclusterCode: null, subclusterName: null },
    { scheme, classification: NAICS, industryCode: 'TOTAL', clusterCode: 'local-commercial', clusterName: 'Local Commercial Services', clusterType: 'local', subclusterCode: null, subclusterName: null },
  ];
  return all.slice(0, count);
}

/**
 * describeOnBothStores(title, body) declares `body` twice: on a fresh in-memory DuckDbStore and on a fresh
 * database of a real PostgreSQL server (skipped when no PostgreSQL binaries are found outside CI). `body`
 * gets a function returning the current test's store.
 */
export function describeOnBothStores(title: string, body: (store: () => Store) => void): void {
  describe(`${title} (DuckDB)`, () => {
    let current: Store | undefined;
    beforeEach(async () => {
      current = await DuckDbStore.open(':memory:');
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    body(() => {
      if (current === undefined) throw new Error('no store');
      return current;
    });
  });
  const postgresBin = inject('postgresBin');
  (postgresBin === '' ? describe.skip : describe)(`${title} (PostgreSQL)`, () => {
    let server: PostgresServer | undefined;
    let current: Store | undefined;
    let name = '';
    let count = 0;
    beforeAll(async () => {
      server = await startPostgres({ binDir: postgresBin });
    });
    afterAll(async () => {
      await server?.stop();
    });
    beforeEach(async () => {
      name = `both_${++count}`;
      current = await createPostgresStore(await server!.createDatabase(name));
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
      await server?.dropDatabase(name);
    });
    body(() => {
      if (current === undefined) throw new Error('no store');
      return current;
    });
  });
}
