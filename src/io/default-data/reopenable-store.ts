import { DuckDbStore } from '../duckdb/duckdb-store.js';
import { StoreError } from '../store/store.js';
import type {
  ClusterDefinitionRecord,
  CustomRegionInput,
  CustomRegionRecord,
  DatasetImport,
  DatasetRecord,
  ImportSession,
  ImportStart,
  IndustryRecord,
  ObservationColumns,
  ObservationQuery,
  ObservationRecord,
  RegionRecord,
  RegionType,
  Store,
} from '../store/store.js';

/** Options of {@link ReopenableStore}. */
export interface ReopenableStoreOptions {
  /** Attempts to reopen the read-only store after a write before giving up until the next read (default 5, 100 ms apart). */
  reopenAttempts?: number;
  /** Opens a DuckDB store (tests count or fail opens); default DuckDbStore.open. */
  open?: (path: string, options: { readOnly: boolean }) => Promise<DuckDbStore>;
}

/**
 * A Store the server can write through without giving up read-only sharing of the embedded database.
 *
 * Embedded DuckDB: reads go to a read-only DuckDbStore (so a CLI can read the same file at the same time).
 * `write(fn)` takes a readers–writer lock exclusively (it waits for the reads in flight; reads arriving
 * after it wait for it), closes the read-only store, opens the file read-write, runs `fn` on that store
 * (an importer's transaction), closes it and reopens read-only — also when `fn` throws. When another
 * process has the file open (a CLI command, another server), the read-write open fails with StoreError
 * STORE_LOCKED and the read-only store is reopened: the server keeps serving. Should the reopen itself
 * fail (a CLI writer took the file in between), the next read tries again.
 *
 * PostgreSQL (or any store that is not a read-only DuckDbStore): nothing to swap; `write(fn)` runs `fn` on
 * the store directly (transactions isolate readers) and reads are not locked.
 *
 * The write methods of the Store interface (importDataset, beginImport … commit, createCustomRegion, …) go
 * through `write` as well, so the wrapper is a complete Store.
 */
export class ReopenableStore implements Store {
  readonly kind: 'duckdb' | 'postgres';
  /** The DuckDB file, or null when the wrapped store is written directly (PostgreSQL). */
  readonly path: string | null;
  private current: Store | null;
  private opening: Promise<Store> | null = null;
  private readonly lock = new ReadersWriterLock();
  private readonly reopenAttempts: number;
  private readonly openDuckDb: (path: string, options: { readOnly: boolean }) => Promise<DuckDbStore>;
  private closed = false;

  private constructor(store: Store, path: string | null, options: ReopenableStoreOptions) {
    this.kind = store.kind;
    this.current = store;
    this.path = path;
    this.reopenAttempts = Math.max(1, options.reopenAttempts ?? 5);
    this.openDuckDb = options.open ?? ((p, o) => DuckDbStore.open(p, o));
  }

  /**
   * Wraps an open store: a read-only DuckDbStore becomes swappable (see the class), any other store is
   * written through directly. The wrapper owns the store (close() closes it).
   */
  static wrap(store: Store, options: ReopenableStoreOptions = {}): ReopenableStore {
    const swappable = store instanceof DuckDbStore && store.readOnly && store.path !== ':memory:';
    return new ReopenableStore(store, swappable ? (store as DuckDbStore).path : null, options);
  }

  /** Opens the DuckDB file at `path` read-only and wraps it. */
  static async open(path: string, options: ReopenableStoreOptions = {}): Promise<ReopenableStore> {
    const open = options.open ?? ((p, o) => DuckDbStore.open(p, o));
    return ReopenableStore.wrap(await open(path, { readOnly: true }), { ...options, open });
  }

  /**
   * Runs `fn` with a writable store: exclusively (after the reads in flight, before later ones) on DuckDB,
   * directly on PostgreSQL. The result of `fn` is returned, its error rethrown after the read-only store is
   * back. StoreError STORE_LOCKED when another process holds the DuckDB file.
   */
  async write<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    this.checkOpen('write');
    if (this.path === null) return fn(this.current!);
    const path = this.path;
    const release = await this.lock.acquireWrite();
    try {
      await this.closeCurrent();
      let writer: DuckDbStore;
      try {
        writer = await this.openDuckDb(path, { readOnly: false });
      } catch (error) {
        if (error instanceof StoreError && error.code === 'STORE_LOCKED') {
          throw new StoreError(
            'STORE_LOCKED',
            `cannot write to the embedded database: another process (a clusterlens command or another server) has the database open; retry when it has finished, or use PostgreSQL (CLUSTERLENS_DATABASE_URL) for shared deployments`,
            { cause: error },
          );
        }
        throw error;
      }
      try {
        return await fn(writer);
      } finally {
        await writer.close();
      }
    } finally {
      try {
        await this.reopen(path);
      } finally {
        release();
      }
    }
  }

  /** Reopens read-only, a few times when a lock is in the way; on failure the next read tries again. */
  private async reopen(path: string): Promise<void> {
    if (this.closed) return;
    for (let attempt = 1; ; attempt++) {
      try {
        this.current = await this.openDuckDb(path, { readOnly: true });
        return;
      } catch {
        if (attempt >= this.reopenAttempts) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private async closeCurrent(): Promise<void> {
    const store = this.current;
    this.current = null;
    await store?.close();
  }

  private checkOpen(operation: string): void {
    if (this.closed) throw new StoreError('STORE_FAILED', `${operation}: the store is closed`);
  }

  /** The read-only store, opened again if a reopen after a write failed. Called under the read lock. */
  private async reader(): Promise<Store> {
    if (this.current !== null) return this.current;
    this.opening ??= this.openDuckDb(this.path!, { readOnly: true }).then(
      (store) => {
        this.opening = null;
        this.current = store;
        return store;
      },
      (error: unknown) => {
        this.opening = null;
        throw error;
      },
    );
    return this.opening;
  }

  /** Runs a read on the current store under the shared lock. */
  private async read<T>(operation: string, work: (store: Store) => Promise<T>): Promise<T> {
    this.checkOpen(operation);
    if (this.path === null) return work(this.current!);
    const release = await this.lock.acquireRead();
    try {
      return await work(await this.reader());
    } finally {
      release();
    }
  }

  migrate(): Promise<void> {
    return this.write((s) => s.migrate());
  }

  importDataset(data: DatasetImport, options?: { replace?: boolean }): Promise<void> {
    return this.write((s) => s.importDataset(data, options));
  }

  /**
   * A streaming import through the wrapper: on DuckDB the write lock is held (reads wait) from here until
   * commit() or abort(), which close the read-write store and reopen the read-only one.
   */
  async beginImport(start: ImportStart, options?: { replace?: boolean }): Promise<ImportSession> {
    if (this.path === null) {
      this.checkOpen('beginImport');
      return this.current!.beginImport(start, options);
    }
    let opened!: (session: ImportSession) => void;
    let finish!: () => void;
    const sessionReady = new Promise<ImportSession>((resolve) => (opened = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const done = this.write(async (writer) => {
      const session = await writer.beginImport(start, options);
      opened(session);
      await finished;
    });
    const session = await Promise.race([sessionReady, done.then(() => null)]);
    if (session === null) throw new StoreError('STORE_FAILED', 'beginImport: the import session ended before it started');
    const end = async (work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } finally {
        finish();
        await done;
      }
    };
    // after an error the session is finished (rolled back): give the file back at once
    const step = async (work: () => Promise<void>): Promise<void> => {
      try {
        await work();
      } catch (error) {
        finish();
        await done.catch(() => undefined);
        throw error;
      }
    };
    return {
      addRegions: (regions) => step(() => session.addRegions(regions)),
      addIndustries: (industries) => step(() => session.addIndustries(industries)),
      append: (observations) => step(() => session.append(observations)),
      commit: () => end(() => session.commit()),
      abort: () => end(() => session.abort()),
    };
  }

  importClusterDefinitions(scheme: string, rows: readonly ClusterDefinitionRecord[]): Promise<void> {
    return this.write((s) => s.importClusterDefinitions(scheme, rows));
  }

  createCustomRegion(input: CustomRegionInput, options?: { replace?: boolean }): Promise<CustomRegionRecord> {
    return this.write((s) => s.createCustomRegion(input, options));
  }

  deleteCustomRegion(id: string): Promise<boolean> {
    return this.write((s) => s.deleteCustomRegion(id));
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.write((s) => s.setMeta(key, value));
  }

  listCustomRegions(): Promise<CustomRegionRecord[]> {
    return this.read('listCustomRegions', (s) => s.listCustomRegions());
  }

  listDatasets(): Promise<DatasetRecord[]> {
    return this.read('listDatasets', (s) => s.listDatasets());
  }

  listRegions(filter?: { type?: RegionType; country?: string }): Promise<RegionRecord[]> {
    return this.read('listRegions', (s) => s.listRegions(filter));
  }

  listIndustries(classification: string): Promise<IndustryRecord[]> {
    return this.read('listIndustries', (s) => s.listIndustries(classification));
  }

  listYears(classification: string): Promise<number[]> {
    return this.read('listYears', (s) => s.listYears(classification));
  }

  queryObservations(query: ObservationQuery): Promise<ObservationRecord[]> {
    return this.read('queryObservations', (s) => s.queryObservations(query));
  }

  /** The columnar fast path when the underlying store has one, else the same rows from queryObservations. */
  queryObservationColumns(query: ObservationQuery): Promise<ObservationColumns> {
    return this.read('queryObservationColumns', async (s) => {
      if (s.queryObservationColumns) return s.queryObservationColumns(query);
      const rows = await s.queryObservations(query);
      return {
        regionId: rows.map((r) => r.regionId),
        industryCode: rows.map((r) => r.industryCode),
        year: Int32Array.from(rows, (r) => r.year),
        measure: rows.map((r) => r.measure),
        value: Float64Array.from(rows, (r) => r.value ?? Number.NaN),
        status: rows.map((r) => r.status),
      };
    });
  }

  clusterDefinitions(scheme: string): Promise<ClusterDefinitionRecord[]> {
    return this.read('clusterDefinitions', (s) => s.clusterDefinitions(scheme));
  }

  getMeta(key: string): Promise<string | null> {
    return this.read('getMeta', (s) => s.getMeta(key));
  }

  /** Closes the store after the operations in flight; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.path === null) {
      await this.current?.close();
      return;
    }
    const release = await this.lock.acquireWrite();
    try {
      await this.opening?.catch(() => undefined);
      await this.closeCurrent();
    } finally {
      release();
    }
  }
}

/**
 * Readers share, a writer is alone. Requests are served in arrival order: a writer waits for the readers
 * before it, and readers arriving after a waiting writer wait for it (no writer starvation).
 */
class ReadersWriterLock {
  private readers = 0;
  private writing = false;
  private readonly waiting: { write: boolean; grant: () => void }[] = [];

  acquireRead(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.readers++;
        resolve(() => {
          this.readers--;
          this.next();
        });
      };
      if (!this.writing && this.waiting.length === 0) grant();
      else this.waiting.push({ write: false, grant });
    });
  }

  acquireWrite(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.writing = true;
        resolve(() => {
          this.writing = false;
          this.next();
        });
      };
      if (!this.writing && this.readers === 0 && this.waiting.length === 0) grant();
      else this.waiting.push({ write: true, grant });
    });
  }

  private next(): void {
    while (this.waiting.length > 0 && !this.writing) {
      const head = this.waiting[0]!;
      if (head.write) {
        if (this.readers > 0) return;
        this.waiting.shift();
        head.grant();
        return;
      }
      this.waiting.shift();
      head.grant();
    }
  }
}
