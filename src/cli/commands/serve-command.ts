import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot, shippedDataDir } from '../../io/default-data/shipped-data-dir.js';
import { buildServer } from '../../server/build-server.js';
import { openService } from '../open-service.js';
import { parsePort } from './options.js';


/** `clusterlens serve`: opens (and on first use loads) the database, starts the server, prints the URL. */
export async function serveCommand(argv: string[]): Promise<{ close: () => Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const port = parsePort(values.port);
  const { service, store, dataDir } = await openService(values['data-dir']);
  // warm the cache so the first page is fast
  const meta = await service.meta();
  await Promise.all(meta.years.map((y) => service.mapping(y)));
  const app = buildServer({ service, webRoot: join(packageRoot(), 'dist', 'web'), dataDir: shippedDataDir() });
  const host = values.host ?? '127.0.0.1';
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  process.stdout.write(`ClusterLens workbench: http://${shownHost}:${actualPort}/\n`);
  process.stderr.write(`  data directory: ${dataDir}\n  API: http://${shownHost}:${actualPort}/api/v1/meta\n  Ctrl-C stops the server.\n`);
  return {
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
