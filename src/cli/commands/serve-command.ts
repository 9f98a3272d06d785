import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot, shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { buildServer } from '../../server/build-server.js';
import { openService } from '../open-service.js';
import { parsePort } from './options.js';
import { openRegistryClient } from '../open-registry-client.js';
import { AuthService } from '../../service/auth/auth-service.js';
import { UsageError } from '../usage-error.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import { ActorRegistry, ensureDefaultActors } from '../../io/actors/index.js';
import { ActorService } from '../../service/actors/index.js';
import { importProgress } from './actors-command.js';
import { ReopenableStore } from '../../io/default-data/reopenable-store.js';
import { ClusterService } from '../../service/cluster-service.js';


/** `clusterlens serve`: opens (and on first use loads) the database, starts the server, prints the URL. */
export async function serveCommand(argv: string[]): Promise<{ close: () => Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = parsePort(values.port);
  const opened = await openService(values['data-dir']);
  const { dataDir } = opened;
  // the embedded database stays read-only (shared with CLI commands) except during an import over the API
  const store = ReopenableStore.wrap(opened.store);
  const service = new ClusterService(store);
  // warm the cache so the first page is fast
  const meta = await service.meta();
  // a year may have only county or non-US data (no state mapping): warming skips it, requests still answer
  await Promise.all(meta.years.map((y) => service.mapping(y).catch(() => undefined)));
  const { client: registry } = await openRegistryClient(values['data-dir']);
  const auth = await AuthService.open(registry);
  await bootstrapAdmin(auth);
  const actorRegistry = await ActorRegistry.open(registry);
  const actors = new ActorService(actorRegistry);
  const readAccess = process.env.CLUSTERLENS_READ_ACCESS ?? 'open';
  if (readAccess !== 'open' && readAccess !== 'authenticated') throw new UsageError(`CLUSTERLENS_READ_ACCESS must be open or authenticated, not ${readAccess}`);
  const app = buildServer({
    service,
    webRoot: join(packageRoot(), 'dist', 'web'),
    dataDir: shippedDataDir(),
    auth,
    registry,
    actors,
    readAccess,
    secureCookies: process.env.CLUSTERLENS_SECURE_COOKIES === '1',
    maxUploadBytes: maxUploadBytes(process.env.CLUSTERLENS_MAX_UPLOAD_BYTES),
  });
  const host = values.host ?? '127.0.0.1';
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  process.stdout.write(`ClusterLens workbench: http://${shownHost}:${actualPort}/\n`);
  process.stderr.write(`  data directory: ${dataDir}\n  API: http://${shownHost}:${actualPort}/api/v1/meta\n  Ctrl-C stops the server.\n`);
  // the shipped actors (Horizon 2020) load after the server is up: one transaction, so reads see all or none of it
  const loadingActors = ensureDefaultActors(actorRegistry, { log: (m) => process.stderr.write(m + '\n'), onProgress: importProgress() }).catch((error: unknown) => {
    process.stderr.write(`  could not load the default actors: ${error instanceof Error ? error.message : String(error)}\n`);
  });
  return {
    close: async () => {
      await app.close();
      await loadingActors;
      await registry.close();
      await store.close();
    },
  };
}

/**
 * A fresh deployment has no users: with CLUSTERLENS_ADMIN_PASSWORD set, the first start creates the user
 * `admin` (or CLUSTERLENS_ADMIN_USER) with the admin role. Otherwise `clusterlens users add` does it.
 */
async function bootstrapAdmin(auth: AuthService): Promise<void> {
  const password = process.env.CLUSTERLENS_ADMIN_PASSWORD;
  if (password === undefined || password === '' || (await auth.store.countUsers()) > 0) return;
  const name = process.env.CLUSTERLENS_ADMIN_USER ?? 'admin';
  try {
    await auth.createUser({ name, password, role: 'admin' });
  } catch (error) {
    // another server sharing the database created it first
    if (error instanceof RegistryError && error.code === 'CONFLICT') return;
    throw error;
  }
  process.stderr.write(`  created the first user ${name} (admin) from CLUSTERLENS_ADMIN_PASSWORD\n`);
}

/** $CLUSTERLENS_MAX_UPLOAD_BYTES: the largest file POST /api/v1/imports accepts (default 200 MiB). */
function maxUploadBytes(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`CLUSTERLENS_MAX_UPLOAD_BYTES must be a positive number of bytes, not ${value}`);
  return Number(value);
}
