import type { FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../service/auth/principal.js';
import type { Principal, Role } from '../../service/auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (set by registerAuth), or null. */
    principal: Principal | null;
    /** The CSRF token the caller's browser session expects on writes (sessions only). */
    expectedCsrfToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * preHandler guarding a route: 401 UNAUTHENTICATED without a valid session or API token, 403 FORBIDDEN
 * when the caller's role is below `role`, 403 CSRF_FAILED when a browser session writes without echoing
 * its CSRF token in `x-csrf-token`. API-token requests carry no ambient credentials, so they need no CSRF
 * token. Without an AuthService configured no request has a principal: every guarded route refuses.
 *
 * @example app.post('/api/v1/organisations', { preHandler: requireRole('editor'), schema }, handler)
 */
export function requireRole(role: Role): RoleGuard {
  const guard = async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const principal = request.principal ?? null;
    if (principal === null) {
      await reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="clusterlens"')
        .send({ error: { code: 'UNAUTHENTICATED', message: 'sign in or send an API token (authorization: Bearer …)', details: { requiredRole: role } } });
      return reply;
    }
    if (!roleAtLeast(principal.role, role)) {
      await reply.status(403).send({ error: { code: 'FORBIDDEN', message: `this needs the ${role} role; you are ${principal.role}`, details: { requiredRole: role, role: principal.role } } });
      return reply;
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || request.expectedCsrfToken === null || !constantTimeEqual(sent, request.expectedCsrfToken)) {
        await reply.status(403).send({ error: { code: 'CSRF_FAILED', message: 'missing or wrong x-csrf-token header for this session', details: {} } });
        return reply;
      }
    }
  };
  return Object.assign(guard, { requiredRole: role });
}

/** A guard made by requireRole: registerAuth moves it before body validation and documents it. */
export type RoleGuard = ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) & { requiredRole: Role };

export function isRoleGuard(value: unknown): value is RoleGuard {
  return typeof value === 'function' && typeof (value as { requiredRole?: unknown }).requiredRole === 'string';
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
