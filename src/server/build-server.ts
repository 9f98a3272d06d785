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
import { opportunitiesRoutes } from './routes/opportunities-routes.js';
import { peersRoutes } from './routes/peers-routes.js';
import { relatedRoutes } from './routes/related-routes.js';
import { hotSpotsRoutes } from './routes/hot-spots-routes.js';
import { policyRoutes } from './routes/policy-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { compositeRoutes } from './routes/composite-routes.js';
import { diamondRoutes } from './routes/diamond-routes.js';
import { discoveryRoutes } from './routes/discovery-routes.js';
import { DiscoveryService } from '../service/discovery/discovery-service.js';
import type { AuthService } from '../service/auth/auth-service.js';
import type { SqlClient } from '../io/registry/sql-client.js';
import { authRoutes } from './auth/auth-routes.js';
import { registerAuth } from './auth/register-auth.js';
import { statsRoutes } from './routes/stats-routes.js';
import { customRegionRoutes, customRegionWriteRoutes } from './routes/custom-region-routes.js';
import { clusterSchemeRoutes, clusterSchemeWriteRoutes } from './routes/cluster-scheme-routes.js';
import { AuditTrail } from '../service/audit/audit-trail.js';
import { geoRoutes } from './routes/geo-routes.js';
import { actorRoutes } from './routes/actor-routes.js';
import { initiativeRoutes } from './routes/initiative-routes.js';
import type { ActorService } from '../service/actors/actor-service.js';
import { importRoutes } from './routes/import-routes.js';
import { ImportService } from '../service/imports/import-service.js';
import { asWritableStore } from '../service/imports/as-writable-store.js';

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
  /** Organisations, linkages, networks and matching (routes registered only when given). */
  actors?: ActorService;
  /** `open` (default) or `authenticated`: whether API reads need a signed-in viewer ($CLUSTERLENS_READ_ACCESS). */
  readAccess?: 'open' | 'authenticated';
  /** Mark the session cookie Secure (behind HTTPS; $CLUSTERLENS_SECURE_COOKIES=1). */
  secureCookies?: boolean;
  /** Largest file POST /api/v1/imports accepts, in bytes (default 200 MiB; $CLUSTERLENS_MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
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
  registerAuth(app, options.auth, { readAccess: options.readAccess }); // first: its onRoute hook documents guarded routes
  registerOpenApi(app); // before any route: it collects them as they are registered
  if (options.auth) authRoutes(app, options.auth, { secureCookies: options.secureCookies });
  app.get('/api/v1/health', { schema: { response: { 200: healthResponse } } }, async () => ({ status: 'ok' }));
  clusterRoutes(app, options.service);
  statsRoutes(app, options.service);
  portfolioRoutes(app, options.service);
  opportunitiesRoutes(app, options.service);
  peersRoutes(app, options.service);
  relatedRoutes(app, options.service);
  hotSpotsRoutes(app, options.service);
  policyRoutes(app, options.service);
  reportRoutes(app, options.service);
  compositeRoutes(app);
  diamondRoutes(app, options.service);
  const discovery = new DiscoveryService(options.service.store, { dataDir: options.dataDir });
  discoveryRoutes(app, discovery);
  compareRoutes(app, options.service.store);
  catalogRoutes(app, new CatalogService(options.service.store, options.service));
  customRegionRoutes(app, options.service.store);
  const audit = options.registry === undefined ? undefined : new AuditTrail(options.registry);
  if (options.auth) customRegionWriteRoutes(app, options.service.store, () => options.service.invalidate(), audit);
  clusterSchemeRoutes(app, options.service.store);
  if (options.auth) clusterSchemeWriteRoutes(app, options.service.store, () => options.service.invalidate(), audit);
  geoRoutes(app, { store: options.service.store, dataDir: options.dataDir });
  if (options.actors) actorRoutes(app, options.actors);
  if (options.registry) initiativeRoutes(app, options.service, options.registry);
  if (options.auth && options.registry) {
    // imports write through the store (a ReopenableStore swaps the embedded file to read-write for the import)
    const onImported = (): void => {
      options.service.invalidate();
      discovery.invalidate();
    };
    importRoutes(app, new ImportService(asWritableStore(options.service.store), options.registry, { maxUploadBytes: options.maxUploadBytes, onImported }));
  }
  staticRoutes(app, { webRoot: options.webRoot, dataDir: options.dataDir });
  return app;
}
