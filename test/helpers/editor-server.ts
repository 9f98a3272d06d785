import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DATABASE_FILE } from '../../src/io/default-data/open-embedded-store.js';
import { shippedDataDir } from '../../src/io/default-data/shipped-data-dir.js';
import { DuckDbStore } from '../../src/io/duckdb/duckdb-store.js';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { buildServer } from '../../src/server/build-server.js';
import { AuthService } from '../../src/service/auth/auth-service.js';
import { ClusterService } from '../../src/service/cluster-service.js';
import { createTestToken } from './auth.js';

/** A writable in-process server over a copy of the default database, with an editor (edna) and a viewer (vic) token. */
export interface EditorServer {
  readonly app: FastifyInstance;
  readonly editorToken: string;
  readonly viewerToken: string;
  /** The registry beside it (accounts, audit log). */
  readonly registry: DuckDbSqlClient;
  close(): Promise<void>;
}

/**
 * Copies the default test database (`defaultDataDir`, from vitest's inject) into a temporary directory, opens it
 * read-write with an embedded registry beside it, and builds the server with accounts; `close()` removes it all.
 */
export async function startEditorServer(defaultDataDir: string, prefix: string): Promise<EditorServer> {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(join(defaultDataDir, DATABASE_FILE), join(directory, DATABASE_FILE));
  const store = await DuckDbStore.open(join(directory, DATABASE_FILE));
  const registry = await DuckDbSqlClient.open(join(directory, 'registry.duckdb'));
  const auth = await AuthService.open(registry);
  const app = buildServer({ service: new ClusterService(store), webRoot: join(process.cwd(), 'dist', 'web'), dataDir: shippedDataDir(), auth, registry });
  await app.ready();
  const editorToken = await createTestToken(registry, 'editor', 'edna');
  const viewerToken = await createTestToken(registry, 'viewer', 'vic');
  return {
    app,
    editorToken,
    viewerToken,
    registry,
    close: async () => {
      await app.close();
      await registry.close();
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
