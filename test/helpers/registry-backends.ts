/**
 * Runs a registry test suite against both back ends: an embedded DuckDB file in a temp directory and a
 * real PostgreSQL server (one per suite, a fresh database per `open()`). Outside CI, without the
 * PostgreSQL binaries, the PostgreSQL half is skipped (the global setup says so loudly).
 *
 * @example
 * describeRegistryBackends('actors registry', (open) => {
 *   it('creates an organisation', async () => {
 *     const { client, cleanup } = await open();
 *     try { … } finally { await cleanup(); }
 *   });
 * });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { DuckDbSqlClient } from '../../src/io/registry/duckdb-sql-client.js';
import { PostgresSqlClient } from '../../src/io/registry/postgres-sql-client.js';
import type { SqlClient } from '../../src/io/registry/sql-client.js';
import { startPostgres } from './postgres-server.js';
import type { PostgresServer } from './postgres-server.js';

export interface OpenedRegistry {
  client: SqlClient;
  /** For a second client on the same database (two servers sharing one registry): PostgreSQL only. */
  connectionString?: string;
  /** Path of the DuckDB file (DuckDB only). */
  path?: string;
  cleanup(): Promise<void>;
}

export type OpenRegistry = () => Promise<OpenedRegistry>;

let databaseCounter = 0;

export function describeRegistryBackends(name: string, suite: (open: OpenRegistry, dialect: 'duckdb' | 'postgres') => void): void {
  describe(`${name} (DuckDB)`, () => {
    suite(async () => {
      const directory = mkdtempSync(join(tmpdir(), 'clusterlens-registry-'));
      const path = join(directory, 'registry.duckdb');
      const client = await DuckDbSqlClient.open(path);
      return {
        client,
        path,
        cleanup: async () => {
          await client.close();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    }, 'duckdb');
  });

  const postgresBin = inject('postgresBin');
  const describePostgres = postgresBin === '' ? describe.skip : describe;
  describePostgres(`${name} (PostgreSQL)`, () => {
    let server: PostgresServer | undefined;
    beforeAll(async () => {
      server = await startPostgres({ binDir: postgresBin });
    });
    afterAll(async () => {
      await server?.stop();
    });
    suite(async () => {
      if (server === undefined) throw new Error('PostgreSQL server not started');
      const running = server;
      const database = `registry_${process.pid}_${++databaseCounter}`;
      const connectionString = await running.createDatabase(database);
      const client = await PostgresSqlClient.open(connectionString);
      return {
        client,
        connectionString,
        cleanup: async () => {
          await client.close();
          await running.dropDatabase(database);
        },
      };
    }, 'postgres');
  });
}
