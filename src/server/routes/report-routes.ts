import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClusterService } from '../../service/cluster-service.js';
import { clusterReport } from '../../service/report/cluster-report.js';
import { compareReport } from '../../service/report/compare-report.js';
import { renderClusterReportHtml } from '../../service/report/render-cluster-report-html.js';
import { renderCompareReportHtml } from '../../service/report/render-compare-report-html.js';
import { renderPdf } from '../../service/report/render-pdf.js';
import { ServiceError } from '../../service/service-error.js';
import { errorSchema } from '../response-schemas.js';
import { clusterParams } from '../schemas.js';

const formatProperty = { type: 'string', enum: ['html', 'pdf'], default: 'html', description: 'html (default) or pdf (rendered by headless Chromium: $CHROMIUM_PATH or /usr/bin/chromium)' } as const;

/** `?year=&format=html|pdf` of the region and cluster reports. */
export const reportQuery = { type: 'object', properties: { year: { type: 'integer', minimum: 1900, maximum: 2100 }, format: formatProperty }, additionalProperties: false } as const;

/** `?regions=A,B&format=html|pdf` of the East–West comparison report (exactly two regions). */
const compareReportQuery = {
  type: 'object',
  properties: {
    regions: { type: 'string', minLength: 3, maxLength: 140, pattern: '^[A-Za-z0-9 ._-]+,[A-Za-z0-9 ._-]+$', description: 'two region codes, comma-separated (e.g. UKM3,JP-01); the latest year of each source is used' },
    format: formatProperty,
  },
  required: ['regions'],
  additionalProperties: false,
} as const;

/** The 200 response of a report route: an HTML page or a PDF. */
export const reportResponse = (what: string): Record<string, unknown> => ({
  description: `${what} as a self-contained HTML page, or a PDF with format=pdf`,
  content: { 'text/html': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});

/** Sends a report as HTML, or as a PDF rendered by headless Chromium when `format` is pdf. */
export async function sendReport(reply: FastifyReply, html: string, format: 'html' | 'pdf' | undefined, filename: string): Promise<FastifyReply> {
  if (format === 'pdf') {
    const pdf = await renderPdf(html, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}.pdf"`).send(Buffer.from(pdf));
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * GET /api/v1/clusters/{cluster}/report and GET /api/v1/compare/report: the cluster report and the East–West
 * comparison report, the same pages as `clusterlens report cluster|compare … --output FILE.html|.pdf`.
 */
export function reportRoutes(app: FastifyInstance, service: ClusterService): void {
  app.get<{ Params: { cluster: string }; Querystring: { year?: number; format?: 'html' | 'pdf' } }>(
    '/api/v1/clusters/:cluster/report',
    { schema: { params: clusterParams, querystring: reportQuery, response: { 200: reportResponse('the cluster report (same as `clusterlens report cluster … --output FILE`)'), 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const data = await clusterReport(service, request.params.cluster, request.query.year);
      return sendReport(reply, renderClusterReportHtml(data), request.query.format, `clusterlens-${data.cluster.code}-${data.year}`);
    },
  );

  app.get<{ Querystring: { regions: string; format?: 'html' | 'pdf' } }>(
    '/api/v1/compare/report',
    { schema: { querystring: compareReportQuery, response: { 200: reportResponse('the East–West comparison report of two regions (same as `clusterlens report compare A B --output FILE`)'), 404: errorSchema, 422: errorSchema } } },
    async (request, reply) => {
      const [a, b] = request.query.regions.split(',').map((r) => r.trim());
      if (!a || !b || a === b) throw new ServiceError('INVALID_ARGUMENT', 'regions needs two different region codes, e.g. UKM3,JP-01', { regions: request.query.regions });
      const data = await compareReport(service.store, a, b);
      return sendReport(reply, renderCompareReportHtml(data), request.query.format, `clusterlens-${data.sides[0].region}-${data.sides[1].region}`);
    },
  );
}
