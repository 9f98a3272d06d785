import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { StoreError } from '../../io/store/store.js';
import { actorOf } from '../../service/auth/auth-service.js';
import { ImportRefusedError } from '../../service/imports/import-refused-error.js';
import type { ImportService } from '../../service/imports/import-service.js';
import { IMPORT_KINDS } from '../../service/imports/run-importer.js';
import type { ImportKind, ImportOptions } from '../../service/imports/run-importer.js';
import { requireRole } from '../auth/require-role.js';
import { datasetResponse, errorSchema } from '../response-schemas.js';

/** Content types an upload may be sent as; the body is read as bytes whatever it says. */
export const UPLOAD_CONTENT_TYPES = Object.freeze(['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream']);

interface ImportQuery {
  kind: ImportKind;
  dataset?: string;
  filename?: string;
  title?: string;
  year?: number;
  encoding?: string;
  replace?: boolean;
  map?: string;
  classification?: string;
  country?: string;
  measure?: string;
  delimiter?: string;
  ownership?: string;
  levels?: string;
}

const text = (description: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'string', description, ...extra });

const importQueryProperties = {
  kind: { type: 'string', enum: [...IMPORT_KINDS], description: 'cbp (County Business Patterns), eurostat (TSV bulk file), estat (Japanese Economic Census / e-Stat CSV), csv (generic long CSV with a column mapping), qcew (BLS QCEW CSV)' },
  dataset: text('dataset id (default: the file name without extension, lower case)', { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' }),
  filename: text('the file\'s name on the client, e.g. cbp11co.txt (Census CBP files take the year from it); default upload.csv', { pattern: '^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$' }),
  title: text('dataset title', { maxLength: 200 }),
  year: { type: 'integer', minimum: 1990, maximum: 2100, description: 'cbp: the year of a file whose name does not tell it' },
  encoding: text('estat, csv: utf-8 or shift_jis (default: the charset of the content type, else detected for estat, UTF-8 for csv)', { enum: ['utf-8', 'utf8', 'shift_jis', 'sjis', 'cp932'] }),
  map: text('csv: column mapping, e.g. region=geo,industry=naics,year=year,value=jobs', { maxLength: 1000 }),
  classification: text('csv: industry classification of the codes (NAICS2007, NACE2, JSIC13, JSIC14)', { maxLength: 40 }),
  country: text('csv: two-letter country code narrowing short region codes (US, JP, DE, …)', { pattern: '^[A-Za-z]{2}$' }),
  measure: text('csv: measure of every row when no measure column is mapped (employment, establishments, payroll)', { maxLength: 40 }),
  delimiter: text('csv: field delimiter (one character, or tab); default detected', { maxLength: 3 }),
  ownership: text('qcew: ownership code kept (5 private, 0 total covered, 1 federal, 2 state, 3 local government)', { pattern: '^[0-9]$' }),
  levels: text('qcew: NAICS levels kept, comma-separated among 0 (total), 2, 3, 4, 5, 6', { pattern: '^[023456](,[023456])*$' }),
};

const validateQuery = { type: 'object', properties: importQueryProperties, required: ['kind'], additionalProperties: false };
const commitQuery = {
  type: 'object',
  properties: { ...importQueryProperties, replace: { type: 'boolean', default: false, description: 'replace a dataset of the same id (else 409)' } },
  required: ['kind'],
  additionalProperties: false,
};

const uploadBody = {
  description: 'the file, as is (bytes; not JSON)',
  content: Object.fromEntries(UPLOAD_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
};

/** One validation issue of an importer's report (file, line, field, code, message), as the API answers it. */
export const validationIssueSchema = {
  type: 'object',
  properties: {
    file: { type: 'string' },
    line: { type: 'integer', description: '1-based line of the file (0: the file as a whole)' },
    field: { type: 'string' },
    code: { type: 'string', description: 'NO_DATA, MISSING_COLUMN, FIELD_COUNT, TRUNCATED, ENCODING, NOT_A_NUMBER, NEGATIVE, UNKNOWN_CODE, UNKNOWN_REGION, BAD_FLAG, DUPLICATE, INCONSISTENT, MISSING_TOTAL, BAD_YEAR' },
    message: { type: 'string' },
    value: { type: 'string' },
  },
  required: ['file', 'line', 'field', 'code', 'message'],
  additionalProperties: true,
};

const counts = { type: 'object', additionalProperties: { type: 'integer' } };

const importReport = {
  type: 'object',
  description: 'the validation report of an upload: what the import writes, or the errors that refuse it (file:line:field)',
  properties: {
    kind: { type: 'string', enum: [...IMPORT_KINDS] },
    datasetId: { type: 'string' },
    file: { type: 'string' },
    bytes: { type: 'integer' },
    layout: { type: 'string' },
    valid: { type: 'boolean' },
    datasetExists: { type: 'boolean', description: 'a dataset with this id is in the store: commit needs replace=true' },
    rowsRead: { type: 'integer' },
    observations: { type: 'integer' },
    regions: { type: 'object', properties: { count: { type: 'integer' }, byType: counts }, required: ['count', 'byType'], additionalProperties: true },
    industries: { type: 'object', properties: { classification: { type: ['string', 'null'] }, count: { type: 'integer' } }, required: ['classification', 'count'], additionalProperties: true },
    years: { type: 'array', items: { type: 'integer' } },
    measures: { type: 'array', items: { type: 'string' } },
    statuses: { ...counts, description: 'observations by status (reported, estimated, suppressed, not-available)' },
    errorCount: { type: 'integer' },
    warningCount: { type: 'integer' },
    errors: { type: 'array', items: validationIssueSchema },
    warnings: { type: 'array', items: validationIssueSchema },
    summary: counts,
  },
  required: ['kind', 'datasetId', 'file', 'bytes', 'layout', 'valid', 'datasetExists', 'rowsRead', 'observations', 'regions', 'industries', 'years', 'measures', 'statuses', 'errorCount', 'warningCount', 'errors', 'warnings', 'summary'],
  additionalProperties: true,
};

const commitResponse = {
  type: 'object',
  description: 'the imported dataset, the report and the audit-log entry',
  properties: { dataset: datasetResponse, replaced: { type: 'boolean' }, auditId: { type: 'integer' }, report: importReport },
  required: ['dataset', 'replaced', 'auditId', 'report'],
  additionalProperties: true,
};

const importsResponse = {
  type: 'object',
  description: 'recent imports, newest first, from the audit log',
  properties: {
    imports: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          auditId: { type: 'integer' },
          at: { type: 'string' },
          userId: { type: ['string', 'null'] },
          userName: { type: 'string' },
          datasetId: { type: 'string' },
          kind: { type: ['string', 'null'] },
          file: { type: ['string', 'null'] },
          bytes: { type: ['integer', 'null'] },
          sha256: { type: ['string', 'null'] },
          rowCount: { type: ['integer', 'null'] },
          replaced: { type: 'boolean' },
        },
        required: ['auditId', 'at', 'userId', 'userName', 'datasetId', 'kind', 'file', 'bytes', 'sha256', 'rowCount', 'replaced'],
        additionalProperties: true,
      },
    },
  },
  required: ['imports'],
  additionalProperties: true,
};

const errors = { 401: errorSchema, 403: errorSchema, 413: errorSchema, 422: errorSchema, 503: errorSchema };

/** The charset parameter of a content type, if any ("text/csv; charset=Shift_JIS" → "shift_jis"). */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function optionsOf(query: ImportQuery, contentType: string | undefined): ImportOptions {
  const charset = query.kind === 'estat' || query.kind === 'csv' ? charsetOf(contentType) : undefined;
  const csv = { map: query.map, classification: query.classification, country: query.country, measure: query.measure, delimiter: query.delimiter };
  const qcew = { ownership: query.ownership, levels: query.levels?.split(',').map(Number) };
  return {
    datasetId: query.dataset,
    title: query.title,
    year: query.year,
    encoding: query.encoding ?? charset,
    replace: query.replace === true,
    csv: Object.values(csv).some((v) => v !== undefined) ? csv : undefined,
    qcew: Object.values(qcew).some((v) => v !== undefined) ? qcew : undefined,
  };
}

function uploadOf(request: FastifyRequest<{ Querystring: ImportQuery }>): { body: Buffer; name?: string } {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return { body, name: request.query.filename };
}

/**
 * Imports over HTTP (editor role): POST /api/v1/imports/validate (the dry run: 200 with the validation
 * report, `valid: false` with the errors when the file is refused), POST /api/v1/imports (the import:
 * 201 with the dataset, 422 with the report, 409 when the dataset exists without replace=true) and
 * GET /api/v1/imports (recent imports from the audit log, viewer). The file is the raw request body
 * (text/csv, text/plain, text/tab-separated-values or application/octet-stream), at most
 * `service.maxUploadBytes` (413 beyond). Credentials are checked before the body is read.
 */
export function importRoutes(app: FastifyInstance, service: ImportService): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: service.maxUploadBytes }, (_request, body, done) => done(null, body));
    const doc = (schema: Record<string, unknown>): FastifySchema => ({ ...schema, tags: ['imports'] }) as FastifySchema;

    scope.post<{ Querystring: ImportQuery }>(
      '/api/v1/imports/validate',
      {
        onRequest: requireRole('editor'),
        bodyLimit: service.maxUploadBytes,
        schema: doc({ summary: 'validate a file (dry run): the report of what an import would write, nothing written', querystring: validateQuery, requestBody: uploadBody, response: { 200: { ...importReport }, ...errors } }),
      },
      async (request) => service.validate(request.query.kind, uploadOf(request), optionsOf(request.query, request.headers['content-type'])),
    );

    scope.post<{ Querystring: ImportQuery }>(
      '/api/v1/imports',
      {
        onRequest: requireRole('editor'),
        bodyLimit: service.maxUploadBytes,
        schema: doc({ summary: 'import a file (all or nothing) and record it in the audit log', querystring: commitQuery, requestBody: uploadBody, response: { 201: commitResponse, ...errors, 409: errorSchema } }),
      },
      async (request, reply: FastifyReply) => {
        try {
          const result = await service.commit(request.query.kind, uploadOf(request), optionsOf(request.query, request.headers['content-type']), actorOf(request.principal!));
          return await reply.status(201).send(result);
        } catch (error) {
          if (error instanceof ImportRefusedError) {
            return reply.status(422).send({ error: { code: error.code, message: error.message, details: { report: error.report } } });
          }
          if (error instanceof StoreError && error.code === 'DATASET_EXISTS') {
            return reply.status(409).send({ error: { code: 'DATASET_EXISTS', message: `${error.message} (send replace=true)`, details: { dataset: request.query.dataset ?? (request.query.filename ?? 'upload.csv').replace(/\.[^.]+$/, '').toLowerCase() } } });
          }
          throw error;
        }
      },
    );

    scope.get<{ Querystring: { limit?: number } }>(
      '/api/v1/imports',
      {
        onRequest: requireRole('viewer'),
        schema: doc({
          summary: 'recent imports (newest first), from the audit log',
          querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 } }, additionalProperties: false },
          response: { 200: importsResponse, 401: errorSchema, 403: errorSchema },
        }),
      },
      async (request) => ({ imports: await service.recent(request.query.limit ?? 50) }),
    );
  });
}
