import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { topologyResponse } from '../response-schemas.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serves the built workbench (dist/web) and the shipped boundary files; never outside those folders. */
export function staticRoutes(app: FastifyInstance, options: { webRoot: string; dataDir: string }): void {
  const webRoot = resolve(options.webRoot);
  app.get('/api/v1/geo/us-states', { schema: { response: { 200: topologyResponse } } }, async (_request, reply) => {
    const file = join(options.dataDir, 'us-atlas', 'states-10m.json');
    return reply.type(TYPES['.json']!).header('cache-control', 'public, max-age=86400').send(createReadStream(file));
  });
  app.get('/*', async (request, reply) => {
    const url = decodeURIComponent((request.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    const wanted = resolve(webRoot, normalize(url || 'index.html'));
    if (wanted !== webRoot && !wanted.startsWith(webRoot + sep)) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'not found', details: {} } });
    let file = wanted;
    if (!existsSync(file) || statSync(file).isDirectory()) {
      if (url.startsWith('api/') || extname(url) !== '') {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no such resource: /${url}`, details: {} } });
      }
      file = join(webRoot, 'index.html');
      if (!existsSync(file)) {
        return reply.status(503).send({ error: { code: 'WORKBENCH_NOT_BUILT', message: 'the workbench is not built: run npm run build', details: {} } });
      }
    }
    const immutable = url.startsWith('assets/');
    return reply
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(createReadStream(file));
  });
}
