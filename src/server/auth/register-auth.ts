import type { FastifyInstance } from 'fastify';
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
