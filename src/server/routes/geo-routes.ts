import type { FastifyInstance } from 'fastify';
import { GeoLayerUnavailableError, readGeoLayer } from '../../io/geo/geo-layers.js';
import type { GeoLayerId } from '../../io/geo/geo-layers.js';
import { matchGeoLayer } from '../../io/geo/match-geo-layer.js';
import { layerRegions } from '../../service/county-areas.js';
import type { Store } from '../../io/store/store.js';
import { errorSchema, geoLayerResponse, geoMatchingResponse } from '../response-schemas.js';
import { geoLayerParams } from '../schemas.js';

/**
 * Boundaries as TopoJSON: GET /api/v1/geo/{layer} (us-counties, us-economic-areas, us-metro-areas, nuts2,
 * jp-prefectures; us-states is served by staticRoutes) with each shape's ClusterLens region id, and
 * GET /api/v1/geo/{layer}/matching, the code-matching report (the same JSON as `clusterlens geo match`).
 * A layer whose file this distribution does not ship answers 404 GEO_LAYER_NOT_AVAILABLE with the reason.
 */
export function geoRoutes(app: FastifyInstance, options: { store: Store; dataDir: string }): void {
  const unavailable = (error: unknown): { status: number; body: unknown } | null =>
    error instanceof GeoLayerUnavailableError ? { status: 404, body: { error: { code: error.code, message: error.message, details: { layer: error.layer } } } } : null;

  app.get<{ Params: { layer: GeoLayerId } }>(
    '/api/v1/geo/:layer',
    { schema: { params: geoLayerParams, response: { 200: geoLayerResponse, 404: errorSchema } } },
    async (request, reply) => {
      try {
        const layer = readGeoLayer(options.dataDir, request.params.layer);
        return reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=86400').send(layer.json);
      } catch (error) {
        const mapped = unavailable(error);
        if (mapped === null) throw error;
        return reply.status(mapped.status).send(mapped.body);
      }
    },
  );

  app.get<{ Params: { layer: GeoLayerId } }>(
    '/api/v1/geo/:layer/matching',
    { schema: { params: geoLayerParams, response: { 200: geoMatchingResponse, 404: errorSchema } } },
    async (request, reply) => {
      try {
        const layer = readGeoLayer(options.dataDir, request.params.layer);
        return matchGeoLayer(layer, await layerRegions(options.store, request.params.layer, options.dataDir));
      } catch (error) {
        const mapped = unavailable(error);
        if (mapped === null) throw error;
        return reply.status(mapped.status).send(mapped.body);
      }
    },
  );
}
