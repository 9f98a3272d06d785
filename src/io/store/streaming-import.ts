import { StoreError } from './store.js';
import type { DatasetRecord, ImportSession, ImportStart, IndustryRecord, ObservationRecord, RegionRecord, Store } from './store.js';

/** Observations handed to the store per append. */
const APPEND_ROWS = 16_384;

/**
 * The writing half of a streaming importer: observations pushed while a file is read go to one store
 * transaction (Store.beginImport of the dataset `dataset()` describes, stamped with the time it opens, at the
 * first full chunk), until `refuse()` is called (a validation
 * error: nothing more is written and finish() rolls back). finish() adds the regions and industries met and
 * commits, or rolls back and throws the store's error. Nothing is written with `dryRun`.
 */
export class StreamingImport {
  private readonly store: Store;
  private readonly dataset: () => Omit<DatasetRecord, 'importedAt' | 'rowCount'>;
  private readonly options: { replace?: boolean; dryRun?: boolean };
  private session: ImportSession | null;
  private buffer: ObservationRecord[];
  private storeError: unknown;
  private refused: boolean;
  /** Observations pushed (written or, in a dry run, that would be). */
  count: number;

  constructor(store: Store, dataset: () => Omit<DatasetRecord, 'importedAt' | 'rowCount'>, options: { replace?: boolean; dryRun?: boolean }) {
    this.store = store;
    this.dataset = dataset;
    this.options = options;
    this.session = null;
    this.buffer = [];
    this.storeError = null;
    this.refused = false;
    this.count = 0;
  }

  /** Queues one observation; appends a chunk when one is full. */
  async push(observation: ObservationRecord): Promise<void> {
    this.count++;
    if (this.refused || this.options.dryRun === true) return;
    this.buffer.push(observation);
    if (this.buffer.length >= APPEND_ROWS) await this.flush();
  }

  /** Stops writing (the file is refused); finish() or abort() then rolls back. */
  refuse(): void {
    this.refused = true;
    this.buffer = [];
  }

  /** Rolls back whatever was written. */
  async abort(): Promise<void> {
    this.refuse();
    await this.session?.abort();
  }

  /** Commits with the regions and industries given, unless refused (then rolls back and returns false). */
  async finish(regions: readonly RegionRecord[], industries: readonly IndustryRecord[]): Promise<boolean> {
    if (this.refused) {
      await this.session?.abort();
      return false;
    }
    if (this.options.dryRun === true) return true;
    await this.flush();
    if (this.storeError === null && this.session === null) {
      try {
        this.session = await this.store.beginImport(this.start(), { replace: this.options.replace });
      } catch (error) {
        this.storeError = error;
      }
    }
    const session = this.session;
    if (this.storeError !== null || session === null) {
      await session?.abort();
      const error = this.storeError;
      throw error instanceof StoreError ? error : new StoreError('STORE_FAILED', `import: ${String(error)}`, { cause: error });
    }
    try {
      if (regions.length > 0) await session.addRegions(regions);
      if (industries.length > 0) await session.addIndustries(industries);
      await session.commit();
    } catch (error) {
      await session.abort();
      throw error;
    }
    return true;
  }

  /** The transaction's start: the dataset, imported now; regions and industries come at finish(). */
  private start(): ImportStart {
    return { dataset: { ...this.dataset(), importedAt: new Date().toISOString(), rowCount: 0 }, regions: [], industries: [] };
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0 || this.storeError !== null) return;
    const chunk = this.buffer;
    this.buffer = [];
    try {
      this.session ??= await this.store.beginImport(this.start(), { replace: this.options.replace });
      await this.session.append(chunk);
    } catch (error) {
      // kept until finish(): reading goes on so that the report is complete
      this.storeError = error;
    }
  }
}
