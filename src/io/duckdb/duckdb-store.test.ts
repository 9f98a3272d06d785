import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../../test/helpers/store-contract.js';
import { DuckDbStore } from './duckdb-store.js';

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
