import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { DuckDbSqlClient } from './duckdb-sql-client.js';
import { PostgresSqlClient } from './postgres-sql-client.js';
import { migrateComponent } from './migrate-component.js';
import { RegistryError } from './sql-client.js';
import type { SqlClient } from './sql-client.js';

const notes = [
  ['create table notes (id text primary key, body text not null, version integer not null, score double precision, big bigint, flag boolean)'],
  ['alter table notes add column author text'],
];

describeRegistryBackends('SqlClient', (open, dialect) => {
  it('migrateComponent(client, component, migrations) applies each step once and records it', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateComponent(client, 'notes', notes);
      await migrateComponent(client, 'notes', notes);
      const rows = await client.all<{ component: string; version: number }>('select component, version from registry_migrations order by version');
      expect(rows.map((r) => [r.component, r.version])).toEqual([['notes', 1], ['notes', 2]]);
      await client.run('insert into notes (id, body, version, score, big, flag, author) values ($1, $2, $3, $4, $5, $6, $7)', ['a', 'héllo 北海道', 1, 0.25, 9007199254740991, true, null]);
      const [row] = await client.all('select * from notes');
      expect(row).toEqual({ id: 'a', body: 'héllo 北海道', version: 1, score: 0.25, big: 9007199254740991, flag: true, author: null });
    } finally {
      await cleanup();
    }
  });

  it('migrateComponent refuses a database newer than the code', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateComponent(client, 'notes', notes);
      await expect(migrateComponent(client, 'notes', notes.slice(0, 1))).rejects.toMatchObject({ code: 'REGISTRY_FAILED' });
    } finally {
      await cleanup();
    }
  });

  it('transaction(work) commits on success and rolls back everything on error', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateComponent(client, 'notes', notes);
      await client.transaction(async (tx) => {
        await tx.run('insert into notes (id, body, version) values ($1, $2, $3)', ['a', 'one', 1]);
      });
      await expect(
        client.transaction(async (tx) => {
          await tx.run('insert into notes (id, body, version) values ($1, $2, $3)', ['b', 'two', 1]);
          await tx.run('update notes set body = $1 where id = $2', ['changed', 'a']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const rows = await client.all<{ id: string; body: string }>('select id, body from notes order by id');
      expect(rows).toEqual([{ id: 'a', body: 'one' }]);
    } finally {
      await cleanup();
    }
  });

  it('run(sql) reports changed rows and a duplicate key is CONFLICT', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateComponent(client, 'notes', notes);
      await client.run('insert into notes (id, body, version) values ($1, $2, $3), ($4, $5, $6)', ['a', 'x', 1, 'b', 'y', 1]);
      expect(await client.run('update notes set version = version + 1 where version = $1', [1])).toBe(2);
      const error = await client.run('insert into notes (id, body, version) values ($1, $2, $3)', ['a', 'again', 1]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect((error as RegistryError).code).toBe('CONFLICT');
      const invalid = await client.run('insert into notes (id, body, version) values ($1, $2, $3)', ['c', null, 1]).catch((e: unknown) => e);
      expect((invalid as RegistryError).code).toBe('INVALID');
    } finally {
      await cleanup();
    }
  });

  it('concurrent statements and transactions on one client do not interfere', async () => {
    const { client, cleanup } = await open();
    try {
      await migrateComponent(client, 'notes', notes);
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? client.transaction(async (tx) => {
                await tx.run('insert into notes (id, body, version) values ($1, $2, $3)', [`t${i}`, 'tx', 1]);
                await tx.all('select count(*) as n from notes');
              })
            : client.run('insert into notes (id, body, version) values ($1, $2, $3)', [`s${i}`, 'plain', 1]),
        ),
      );
      const [{ n }] = await client.all<{ n: number }>('select count(*) as n from notes');
      expect(n).toBe(20);
    } finally {
      await cleanup();
    }
  });

  if (dialect === 'postgres') {
    it('two clients (two servers) migrating one database at once record each version once', async () => {
      const { client, connectionString, cleanup } = await open();
      const other: SqlClient = await PostgresSqlClient.open(connectionString!);
      try {
        await Promise.all([migrateComponent(client, 'notes', notes), migrateComponent(other, 'notes', notes)]);
        const rows = await client.all<{ n: number }>('select count(*) as n from registry_migrations');
        expect(rows[0]!.n).toBe(2);
      } finally {
        await other.close();
        await cleanup();
      }
    });
  } else {
    it('a second process-level open of the same file is REGISTRY_LOCKED or shares it', async () => {
      const { path, cleanup } = await open();
      try {
        // Within one process DuckDB shares the instance cache; the cross-process lock is covered in the CLI tests.
        const second = await DuckDbSqlClient.open(path!).catch((e: unknown) => e);
        if (second instanceof DuckDbSqlClient) await second.close();
        else expect((second as RegistryError).code).toBe('REGISTRY_LOCKED');
      } finally {
        await cleanup();
      }
    });
  }
});
