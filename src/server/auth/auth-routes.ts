import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify';
import type { UserRecord } from '../../io/auth/auth-store.js';
import { actorOf } from '../../service/auth/auth-service.js';
import type { AuthService } from '../../service/auth/auth-service.js';
import type { Role } from '../../service/auth/principal.js';
import {
  createTokenBody, createTokenResponse, createUserBody, errorSchema, idParams, loginBody, loginResponse, meResponse, okResponse,
  tokensResponse, updateUserBody, userResponse, usersResponse,
} from './auth-schemas.js';
import { readCookie, SESSION_COOKIE } from './register-auth.js';
import { requireRole } from './require-role.js';

export interface AuthRouteSettings {
  /** Add `Secure` to the session cookie (behind HTTPS). */
  secureCookies?: boolean;
}

/** A route schema with an OpenAPI summary (guarded routes get `security` from registerAuth). */
function doc(schema: FastifySchema & { summary: string }): FastifySchema {
  return schema as FastifySchema;
}

const errors = { 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema, 429: errorSchema };

/**
 * Sign-in, sign-out, the caller, API tokens (`/api/v1/auth/…`) and user management for admins
 * (`/api/v1/users`). Login is rate limited per user name and per address (429 with Retry-After).
 */
export function authRoutes(app: FastifyInstance, auth: AuthService, settings: AuthRouteSettings = {}): void {
  const cookie = (value: string, maxAge: number): string =>
    `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${settings.secureCookies ? '; Secure' : ''}`;

  app.post<{ Body: { name: string; password: string } }>(
    '/api/v1/auth/login',
    { schema: doc({ summary: 'sign in (browser session)', body: loginBody, response: { 200: loginResponse, ...errors } }) },
    async (request, reply) => {
      try {
        const result = await auth.login(request.body.name, request.body.password, request.ip);
        const maxAge = Math.max(0, Math.round((Date.parse(result.expiresAt) - Date.now()) / 1000));
        void reply.header('set-cookie', cookie(result.sessionSecret, maxAge));
        return { principal: result.principal, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
      } catch (error) {
        const retry = (error as { code?: string; details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds;
        if ((error as { code?: string }).code === 'RATE_LIMITED' && retry !== undefined) void reply.header('retry-after', String(retry));
        throw error;
      }
    },
  );

  app.post('/api/v1/auth/logout', { preHandler: requireRole('viewer'), schema: doc({ summary: 'sign out (ends the browser session)', response: { 200: okResponse, ...errors } }) }, async (request, reply) => {
    const secret = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (secret !== null && request.principal !== null && request.principal.via === 'session') await auth.logout(secret, request.principal);
    void reply.header('set-cookie', cookie('', 0));
    return { ok: true };
  });

  app.get('/api/v1/auth/me', { schema: doc({ summary: 'who am I', response: { 200: meResponse } }) }, async (request) => ({
    principal: request.principal,
    csrfToken: request.principal?.via === 'session' ? request.expectedCsrfToken : null,
  }));

  app.get('/api/v1/auth/tokens', { preHandler: requireRole('viewer'), schema: doc({ summary: 'my API tokens', response: { 200: tokensResponse, ...errors } }) }, async (request) => ({
    tokens: await auth.listApiTokens(request.principal!.userId),
  }));

  app.post<{ Body: { label: string; expiresInDays?: number } }>(
    '/api/v1/auth/tokens',
    { preHandler: requireRole('viewer'), schema: doc({ summary: 'create an API token for scripts', body: createTokenBody, response: { 201: createTokenResponse, ...errors } }) },
    async (request, reply) => {
      const principal = request.principal!;
      const created = await auth.createApiToken(principal.name, request.body.label, actorOf(principal), request.body.expiresInDays);
      return reply.status(201).send(created);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/auth/tokens/:id',
    { preHandler: requireRole('viewer'), schema: doc({ summary: 'revoke an API token (admins: any token)', params: idParams, response: { 200: okResponse, ...errors } }) },
    async (request) => {
      await auth.revokeApiToken(request.params.id, request.principal!);
      return { ok: true };
    },
  );

  app.get('/api/v1/users', { preHandler: requireRole('admin'), schema: doc({ summary: 'list users (admin)', response: { 200: usersResponse, ...errors } }) }, async () => ({
    users: (await auth.listUsers()).map(publicUser),
  }));

  app.post<{ Body: { name: string; password: string; role: Role } }>(
    '/api/v1/users',
    { preHandler: requireRole('admin'), schema: doc({ summary: 'create a user (admin)', body: createUserBody, response: { 201: userResponse, ...errors } }) },
    async (request, reply: FastifyReply) => reply.status(201).send(publicUser(await auth.createUser(request.body, actorOf(request.principal!)))),
  );

  app.patch<{ Params: { id: string }; Body: { role?: Role; password?: string; disabled?: boolean; version: number } }>(
    '/api/v1/users/:id',
    { preHandler: requireRole('admin'), schema: doc({ summary: 'change a user: role, password, disabled (admin; 409 when version is stale)', params: idParams, body: updateUserBody, response: { 200: userResponse, ...errors } }) },
    async (request) => publicUser(await auth.updateUser(request.params.id, request.body, actorOf(request.principal!))),
  );
}

function publicUser(user: UserRecord): UserRecord {
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt, updatedAt: user.updatedAt, disabledAt: user.disabledAt, version: user.version };
}
