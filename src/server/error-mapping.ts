import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AnalyticsError } from '../core/index.js';
import { ServiceError } from '../service/service-error.js';
import { StoreError } from '../io/store/store.js';
import { RegistryError } from '../io/registry/sql-client.js';

/** The API's one error shape. */
export interface ApiError {
  error: { code: string; message: string; details: Record<string, unknown> };
}

const REGISTRY_STATUS: Record<RegistryError['code'], number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  RATE_LIMITED: 429,
  REGISTRY_LOCKED: 503,
  REGISTRY_FAILED: 500,
};

/** Maps any error to a status and the `{ error: { code, message, details } }` body; the one place that does so. */
export function toApiError(error: unknown): { status: number; body: ApiError } {
  if (error instanceof ServiceError) {
    const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'INVALID_ARGUMENT' ? 422 : 409;
    return { status, body: { error: { code: error.code, message: error.message, details: error.details } } };
  }
  if (error instanceof RegistryError) {
    const status = REGISTRY_STATUS[error.code];
    const message = status >= 500 ? 'the registry database failed' : error.message;
    return { status, body: { error: { code: error.code, message, details: status >= 500 ? {} : error.details } } };
  }
  if (error instanceof AnalyticsError) {
    return { status: 422, body: { error: { code: error.code, message: error.message, details: { ...error.details } } } };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return {
      status: 422,
      body: { error: { code: 'INVALID_INPUT', message: fastifyError.message ?? 'invalid request', details: { validation: fastifyError.validation } } },
    };
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message ?? 'bad request', details: {} } } };
  }
  if (error instanceof StoreError) {
    return { status: 503, body: { error: { code: error.code, message: error.message, details: {} } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error', details: {} } } };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toApiError(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(status).send(body);
}
