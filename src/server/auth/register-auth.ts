import type { FastifyInstance, RouteOptions } from 'fastify';
import { errorSchema } from '../response-schemas.js';
import { isRoleGuard } from './require-role.js';
import type { AuthService } from '../../service/auth/auth-service.js';

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'clusterlens_session';

export interface AuthSettings {
  /** `open` (default): reads need no login; `authenticated`: every API read needs at least the viewer role. */
  readAccess?: 'open' | 'authenticated';
}

/** API paths readable without a principal even when reads are closed. */
const ALWAYS_OPEN = ['/api/v1/health', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/auth/login'];

/**
 * Resolves the caller of every request — `authorization: Bearer <API token>` first, else the session
 * cookie — into `request.principal` (null when absent or invalid: a bad credential is treated as none, so
 * guarded routes answer 401). With `readAccess: 'authenticated'`, API reads without a principal are 401.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService | undefined, settings: AuthSettings = {}): void {
  // Guards declared as `preHandler: requireRole(…)` run before body validation (so a caller without
  // credentials gets 401, never a 422 that describes the body), and their routes are documented as secured.
  // Register this before registerOpenApi so the document sees the added `security` and error responses.
  // A guard may also sit in onRequest (uploads: refused before the body is read); it is documented the same way.
  app.addHook('onRoute', (route: RouteOptions) => {
    const list = <T>(hook: T | T[] | undefined): T[] => (hook === undefined ? [] : Array.isArray(hook) ? hook : [hook]);
    const handlers = list(route.preHandler);
    const guards = handlers.filter(isRoleGuard);
    if (guards.length === 0 && !list(route.onRequest).some(isRoleGuard)) return;
    if (guards.length > 0) {
      route.preHandler = handlers.filter((h) => !isRoleGuard(h));
      route.preValidation = [...guards, ...list(route.preValidation)];
    }
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
    response['401'] ??= errorSchema;
    response['403'] ??= errorSchema;
    route.schema = { ...schema, response, security: schema.security ?? [{ bearerToken: [] }, { sessionCookie: [] }] } as RouteOptions['schema'];
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('expectedCsrfToken', null);
  const closedReads = settings.readAccess === 'authenticated';
  app.addHook('onRequest', async (request, reply) => {
    request.principal = null;
    request.expectedCsrfToken = null;
    if (auth !== undefined) {
      const header = request.headers.authorization;
      if (typeof header === 'string' && /^Bearer\s+/i.test(header)) {
        request.principal = await auth.authenticateToken(header.replace(/^Bearer\s+/i, '').trim());
      } else {
        const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
        if (secret !== null) {
          const session = await auth.authenticateSession(secret);
          if (session !== null) {
            request.principal = session.principal;
            request.expectedCsrfToken = session.csrfToken;
          }
        }
      }
    }
    if (closedReads && request.principal === null && request.url.startsWith('/api/') && !ALWAYS_OPEN.some((p) => request.url.split('?')[0] === p)) {
      await reply.status(401).send({ error: { code: 'UNAUTHENTICATED', message: 'this server requires sign-in for reads', details: {} } });
      return reply;
    }
  });
}

/** The value of one cookie from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return null;
      }
    }
  }
  return null;
}
