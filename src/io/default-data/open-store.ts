import pg from 'pg';
import { createPostgresStore } from '../postgres/postgres-store.js';
import type { Store } from '../store/store.js';
import { ensureDefaultData } from './ensure-default-data.js';
import { openEmbeddedStore } from './open-embedded-store.js';
import type { OpenStoreOptions } from './open-embedded-store.js';

/**
 * Opens the store ClusterLens runs on: a shared PostgreSQL database when a connection string is given
 * (CLUSTERLENS_DATABASE_URL, for multi-user deployments), else the embedded DuckDB database of the data
 * directory. Either is created and loaded with the default data on first use.
 */
export async function openStore(options: OpenStoreOptions & { databaseUrl?: string }): Promise<Store> {
  if (options.databaseUrl) {
    const store = await createPostgresStore(options.databaseUrl);
    // servers starting together on an empty database: one loads the default data, the others wait for it
    const lock = new pg.Client({ connectionString: options.databaseUrl });
    try {
      await lock.connect();
      await lock.query('select pg_advisory_lock(hashtext($1))', ['clusterlens-default-data']);
      await ensureDefaultData(store, { log: options.log, onProgress: options.onProgress });
    } catch (error) {
      await store.close();
      throw error;
    } finally {
      await lock.end().catch(() => {}); // ending the session releases the lock
    }
    return store;
  }
  return openEmbeddedStore(options);
}
