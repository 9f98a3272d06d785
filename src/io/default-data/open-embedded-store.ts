import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbStore } from '../duckdb/duckdb-store.js';
import type { Store } from '../store/store.js';
import { DEFAULT_DATA_VERSION, ensureDefaultData } from './ensure-default-data.js';

export interface OpenStoreOptions {
  /** Folder of the embedded database (see resolveDataDirectory). */
  dataDir: string;
  /** Messages for the user (stderr in the CLI). */
  log?: (message: string) => void;
  onProgress?: (lines: number, bytesRead: number, bytesTotal: number) => void;
}

/** File name of the embedded database inside the data directory. */
export const DATABASE_FILE = 'clusterlens.duckdb';

/**
 * Opens the embedded DuckDB database of a data directory, creating it and loading the default data on
 * first use. The returned store is read-only, so a CLI and a server can read the same directory at once;
 * the load itself runs in a short read-write session (transactional: a failed load leaves no half-written data).
 */
export async function openEmbeddedStore(options: OpenStoreOptions): Promise<Store> {
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, DATABASE_FILE);
  if (existsSync(path)) {
    const reader = await DuckDbStore.open(path, { readOnly: true });
    if ((await reader.getMeta('default-data-version').catch(() => null)) === DEFAULT_DATA_VERSION) return reader;
    await reader.close();
  }
  const writer = await DuckDbStore.open(path);
  try {
    await ensureDefaultData(writer, { log: options.log, onProgress: options.onProgress });
  } finally {
    await writer.close();
  }
  return DuckDbStore.open(path, { readOnly: true });
}
