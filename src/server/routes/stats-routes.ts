import type { FastifyInstance } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';

const MiB = 1024 * 1024;

const statsResponse = {
  description: 'server statistics: mapping-cache hit rate, memory, uptime',
  type: 'object',
  properties: {
    cache: {
      type: 'object',
      properties: {
        entries: { type: 'integer', description: 'cluster mappings held (one per year and region type)' },
        hits: { type: 'integer' },
        misses: { type: 'integer' },
        invalidations: { type: 'integer', description: 'times an import cleared the cache' },
        hitRate: { type: ['number', 'null'], description: 'hits / (hits + misses); null before the first request' },
      },
      required: ['entries', 'hits', 'misses', 'invalidations', 'hitRate'],
      additionalProperties: true,
    },
    memory: {
      type: 'object',
      properties: { rssMiB: { type: 'number' }, heapUsedMiB: { type: 'number' }, externalMiB: { type: 'number' } },
      required: ['rssMiB', 'heapUsedMiB', 'externalMiB'],
      additionalProperties: true,
    },
    uptimeSeconds: { type: 'number' },
  },
  required: ['cache', 'memory', 'uptimeSeconds'],
  additionalProperties: true,
} as const;

/** GET /api/v1/stats: what an operator watches (cache hit rate, memory). */
export function statsRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get('/api/v1/stats', { schema: { response: { 200: statsResponse } } }, async () => {
    const memory = process.memoryUsage();
    return {
      cache: service.cacheStatistics(),
      memory: { rssMiB: round(memory.rss / MiB), heapUsedMiB: round(memory.heapUsed / MiB), externalMiB: round(memory.external / MiB) },
      uptimeSeconds: round(process.uptime()),
    };
  });
}

const round = (v: number): number => Math.round(v * 10) / 10;
