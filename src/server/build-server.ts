import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { CatalogService } from '../service/catalog-service.js';
import type { ClusterService } from '../service/cluster-service.js';
import { errorHandler } from './error-mapping.js';
import { registerOpenApi } from './openapi.js';
import { healthResponse } from './response-schemas.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { clusterRoutes } from './routes/cluster-routes.js';
import { portfolioRoutes } from './routes/portfolio-routes.js';
import { compareRoutes } from './routes/compare-routes.js';
import { staticRoutes } from './routes/static-routes.js';
import type { AuthService } from '../service/auth/auth-service.js';
import type { SqlClient } from '../io/registry/sql-client.js';
import { authRoutes } from './auth/auth-routes.js';
import { registerAuth } from './auth/register-auth.js';

export interface BuildServerOptions {
  service: ClusterService;
  /** Folder of the built workbench (dist/web). */
  webRoot: string;
  /** Shipped data folder (boundaries). */
  dataDir: string;
  logger?: boolean;
  /** Users, sessions and API tokens; without it every write route answers 401. */
  auth?: AuthService;
  /** The read-write registry database (actors, initiatives, audit log). */
  registry?: SqlClient;
  /** `open` (default) or `authenticated`: whether API reads need a signed-in viewer ($CLUSTERLENS_READ_ACCESS). */
  readAccess?: 'open' | 'authenticated';
  /** Mark the session cookie Secure (behind HTTPS; $CLUSTERLENS_SECURE_COOKIES=1). */
  secureCookies?: boolean;
}

/** The HTTP application: the versioned JSON API under /api/v1 and the workbench. */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
  });
  // response schemas document and test the contract (openapi.ts); bodies are serialised as they are, never reshaped
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url}`, details: {} } });
  });
  registerOpenApi(app); // before any route: it collects them as they are registered
  registerAuth(app, options.auth, { readAccess: options.readAccess });
  if (options.auth) authRoutes(app, options.auth, { secureCookies: options.secureCookies });
  app.get('/api/v1/health', { schema: { response: { 200: healthResponse } } }, async () => ({ status: 'ok' }));
  clusterRoutes(app, options.service);
  portfolioRoutes(app, options.service);
  compareRoutes(app, options.service.store);
  catalogRoutes(app, new CatalogService(options.service.store));
  staticRoutes(app, { webRoot: options.webRoot, dataDir: options.dataDir });
  return app;
}
