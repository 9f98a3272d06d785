import type { FastifyInstance } from 'fastify';
import type { Store } from '../../io/store/store.js';
import { customRegionsResponse } from '../response-schemas.js';

/**
 * Custom regions, read only: GET /api/v1/custom-regions (the same JSON as `clusterlens regions custom
 * --format json`). Creating and deleting them over HTTP needs an authenticated role (not here yet; use the CLI).
 */
export function customRegionRoutes(app: FastifyInstance, store: Store): void {
  app.get('/api/v1/custom-regions', { schema: { response: { 200: customRegionsResponse } } }, async () => ({ regions: await store.listCustomRegions() }));
}
