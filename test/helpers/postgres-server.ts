/**
 * A throwaway PostgreSQL server for tests: a real postmaster on 127.0.0.1, on a free port, with its data
 * directory and Unix socket in a fresh temp directory. Never a mock.
 *
 * initdb refuses to run as root, and tests and CI run as root: then initdb, pg_ctl and the server run as
 * the `postgres` system user (via `runuser`), and the temp directory is chowned to it. As any other user
 * they run as that user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findPostgresBin } from './dependencies.js';

const execFileAsync = promisify(execFile);

/** Superuser created by initdb; trust authentication, so no password. */
export const POSTGRES_TEST_USER = 'clusterlens';

/** Database created by startPostgres and named in its connectionString. */
export const POSTGRES_TEST_DATABASE = 'clusterlens';

export interface PostgresServerOptions {
  /** Directory holding initdb and pg_ctl. Default: findPostgresBin(). */
  binDir?: string;
  /** System user that owns the cluster when the tests run as root. Default "postgres". */
  systemUser?: string;
}

export interface PostgresServer {
  /** postgresql://clusterlens@127.0.0.1:<port>/clusterlens */
  connectionString: string;
  port: number;
  /** The temp directory (data directory, socket, log); removed by stop(). */
  directory: string;
  /** Creates another empty database on this server and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Drops a database created by createDatabase (connections to it must be closed first). */
  dropDatabase(name: string): Promise<void>;
  /** Stops the server (fast shutdown) and removes the temp directory. Idempotent. */
  stop(): Promise<void>;
}

/**
 * startPostgres() runs initdb in a fresh temp directory, starts the server on a free loopback port and
 * creates the database `clusterlens`. Call stop() in afterAll; if the process exits first, an exit hook
 * stops the server (immediate mode) and removes the directory. Throws with the server log on failure,
 * after cleaning up.
 *
 * @example
 * const server = await startPostgres();
 * try { const store = await createPostgresStore(server.connectionString); … } finally { await server.stop(); }
 */
export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBin();
  if (binDir === undefined || binDir === '') {
    throw new Error('startPostgres: PostgreSQL server binaries not found (set CLUSTERLENS_PG_BIN or apt-get install postgresql)');
  }
  const systemUser = options.systemUser ?? 'postgres';
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

  const directory = await mkdtemp(join(tmpdir(), 'clusterlens-pg-'));
  const dataDir = join(directory, 'data');
  const logFile = join(directory, 'server.log');

  /** Argument vector for one server binary, wrapped in runuser when we are root. */
  const command = (binary: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', systemUser, '--', join(binDir, binary), ...args]] : [join(binDir, binary), args];
  const run = async (binary: string, args: string[]): Promise<void> => {
    const [file, argv] = command(binary, args);
    try {
      await execFileAsync(file, argv, { cwd: directory, env: { ...process.env, LC_ALL: 'C' } });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`startPostgres: ${binary} ${args.join(' ')} failed: ${stderr.trim() || String(error)}`, { cause: error });
    }
  };

  let started = false;
  const stopSync = (): void => {
    if (started) {
      try {
        const [file, argv] = command('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
        execFileSync(file, argv, { cwd: directory, stdio: 'ignore' });
      } catch {
        // best effort on process exit
      }
    }
    rmSync(directory, { recursive: true, force: true });
  };
  process.on('exit', stopSync);

  const cleanUp = async (): Promise<void> => {
    process.off('exit', stopSync);
    if (started) {
      started = false;
      try {
        await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      } catch {
        // already stopped (or crashed): nothing left to stop
      }
    }
    await rm(directory, { recursive: true, force: true });
  };

  try {
    if (asRoot) {
      const uid = Number((await execFileAsync('id', ['-u', systemUser])).stdout.trim());
      const gid = Number((await execFileAsync('id', ['-g', systemUser])).stdout.trim());
      await chown(directory, uid, gid);
    }
    await run('initdb', ['-D', dataDir, '-A', 'trust', '-U', POSTGRES_TEST_USER, '--no-locale', '-E', 'UTF8', '--no-sync']);

    let port = 0;
    started = true; // from here on, cleanUp also tries pg_ctl stop (harmless when nothing runs)
    for (let attempt = 1; ; attempt++) {
      port = await findFreePort();
      // fsync off: a test cluster is thrown away, durability buys nothing here.
      const serverOptions = `-p ${port} -k '${directory}' -c listen_addresses=127.0.0.1 -c fsync=off`;
      try {
        await run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOptions]);
        break;
      } catch (error) {
        // Another process may have taken the port between findFreePort and bind: retry with a new one.
        const log = await readLog(logFile);
        if (attempt >= 3 || !/could not bind|already in use/i.test(log)) throw error;
      }
    }

    const urlFor = (database: string): string => `postgresql://${POSTGRES_TEST_USER}@127.0.0.1:${port}/${database}`;
    const admin = async (sql: string): Promise<void> => {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    const createDatabase = async (name: string): Promise<string> => {
      await admin(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return urlFor(name);
    };
    await createDatabase(POSTGRES_TEST_DATABASE);

    let stopping: Promise<void> | undefined;
    return {
      connectionString: urlFor(POSTGRES_TEST_DATABASE),
      port,
      directory,
      createDatabase,
      dropDatabase: async (name) => admin(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`),
      stop: () => (stopping ??= cleanUp()),
    };
  } catch (error) {
    const log = await readLog(logFile);
    await cleanUp();
    if (log === '') throw error;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${log}`, { cause: error });
  }
}

/** A TCP port that was free on 127.0.0.1 a moment ago (bind to port 0, read it, close). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('findFreePort: no TCP address'));
        return;
      }
      const port = address.port;
      server.close(() => resolve(port));
    });
  });
}

/** Database names used by tests are plain identifiers; anything else is refused rather than escaped. */
function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`startPostgres: invalid database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

async function readLog(logFile: string): Promise<string> {
  try {
    return (await readFile(logFile, 'utf8')).trim();
  } catch {
    return '';
  }
}
