import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RegionType } from '../../io/store/store.js';
import type { CatalogService, ExportFormat } from '../../service/catalog-service.js';
import { datasetResponse, datasetsResponse, errorSchema, exportResponse, industriesResponse, notModifiedResponse, regionsResponse } from '../response-schemas.js';
import { datasetParams, datasetsQuery, exportQuery, industriesQuery, regionsQuery } from '../schemas.js';

type Page = { limit?: number; offset?: number };

/** Over HTTP a dataset's origin is its file name only: the server's paths are not the client's business. */
function publicOrigin<T extends { origin: string }>(dataset: T): T {
  return { ...dataset, origin: basename(dataset.origin) };
}

function withPublicOrigins<T extends { datasets: { origin: string }[] }>(page: T): T {
  return { ...page, datasets: page.datasets.map(publicOrigin) };
}
type ListParameter = string | string[] | undefined;

/**
 * The data catalog: datasets, regions, industries and the export of observations. Thin — validate, call the
 * service the CLI also uses, reply. Every answer carries a strong ETag; a matching If-None-Match gets 304.
 */
export function catalogRoutes(app: FastifyInstance, catalog: CatalogService): void {
  app.get<{ Querystring: Page }>('/api/v1/datasets', { schema: { querystring: datasetsQuery, response: { 200: datasetsResponse, 304: notModifiedResponse, 422: errorSchema } } }, async (request, reply) =>
    sendJson(request, reply, withPublicOrigins(await catalog.listDatasets(request.query))),
  );

  app.get<{ Params: { id: string } }>('/api/v1/datasets/:id', { schema: { params: datasetParams, response: { 200: datasetResponse, 304: notModifiedResponse, 404: errorSchema, 422: errorSchema } } }, async (request, reply) =>
    sendJson(request, reply, publicOrigin(await catalog.dataset(request.params.id))),
  );

  app.get<{ Querystring: { type?: RegionType; country?: string; parent?: string } & Page }>(
    '/api/v1/regions',
    { schema: { querystring: regionsQuery, response: { 200: regionsResponse, 304: notModifiedResponse, 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const { limit, offset, ...filter } = request.query;
      return sendJson(request, reply, await catalog.listRegions(filter, { limit, offset }));
    },
  );

  app.get<{ Querystring: { classification: string; level?: number; parent?: string } & Page }>(
    '/api/v1/industries',
    { schema: { querystring: industriesQuery, response: { 200: industriesResponse, 304: notModifiedResponse, 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const { limit, offset, ...filter } = request.query;
      return sendJson(request, reply, await catalog.listIndustries(filter, { limit, offset }));
    },
  );

  app.get<{ Querystring: { dataset?: ListParameter; region?: ListParameter; year?: ListParameter; measure?: ListParameter; level?: ListParameter; format: ExportFormat } }>(
    '/api/v1/export',
    { schema: { querystring: exportQuery, response: { 200: exportResponse, 304: notModifiedResponse, 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const q = request.query;
      const plan = await catalog.prepareExport({
        datasets: list(q.dataset),
        regions: list(q.region),
        years: list(q.year).map(Number),
        measures: list(q.measure),
        levels: list(q.level).map(Number),
      });
      // the fingerprint names the data version and the query: equal fingerprints give equal bytes
      if (notModified(request, reply, `${q.format}\n${plan.fingerprint}`)) return reply.status(304).send();
      const name = plan.datasets.length === 1 ? plan.datasets[0]!.id : 'clusterlens-export';
      return reply
        .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : q.format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.${q.format}"`)
        .send(Readable.from(catalog.exportText(plan, q.format)));
    },
  );
}

/** `?region=WA&region=OR` and `?region=WA,OR` alike. */
function list(value: ListParameter): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** Sends a JSON body with a strong ETag (hash of the bytes), or 304 when the client already has it. */
function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  const text = JSON.stringify(body);
  if (notModified(request, reply, text)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(text);
}

/** Sets ETag and Cache-Control: no-cache; true when If-None-Match names this ETag (or is *). */
function notModified(request: FastifyRequest, reply: FastifyReply, content: string): boolean {
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 32)}"`;
  void reply.header('etag', etag).header('cache-control', 'no-cache');
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  // If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
