/** Request and response schemas of the authentication and user routes (published in the OpenAPI document). */
import { errorSchema } from '../response-schemas.js';

const role = { type: 'string', enum: ['viewer', 'editor', 'admin'] } as const;

const user = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role,
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    disabledAt: { type: ['string', 'null'] },
    version: { type: 'integer', description: 'send it back with a change (optimistic concurrency: 409 when stale)' },
  },
  required: ['id', 'name', 'role', 'createdAt', 'updatedAt', 'disabledAt', 'version'],
  additionalProperties: true,
} as const;

const principal = {
  type: 'object',
  properties: { userId: { type: 'string' }, name: { type: 'string' }, role, via: { type: 'string', enum: ['session', 'token'] } },
  required: ['userId', 'name', 'role', 'via'],
  additionalProperties: true,
} as const;

const apiToken = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    label: { type: 'string' },
    createdAt: { type: 'string' },
    expiresAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
  required: ['id', 'userId', 'label', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'],
  additionalProperties: true,
} as const;

const password = { type: 'string', minLength: 10, maxLength: 1024 } as const;
const userName = { type: 'string', minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._@-]+$' } as const;

export const loginBody = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
  required: ['name', 'password'],
  additionalProperties: false,
} as const;

export const loginResponse = {
  description: 'signed in: the session cookie is set (HttpOnly, SameSite=Strict); send csrfToken as x-csrf-token on writes',
  type: 'object',
  properties: { principal, csrfToken: { type: 'string' }, expiresAt: { type: 'string' } },
  required: ['principal', 'csrfToken', 'expiresAt'],
  additionalProperties: true,
} as const;

export const meResponse = {
  description: 'the caller: null when not signed in; csrfToken only for a browser session',
  type: 'object',
  properties: { principal: { anyOf: [principal, { type: 'null' }] }, csrfToken: { type: ['string', 'null'] } },
  required: ['principal', 'csrfToken'],
  additionalProperties: true,
} as const;

export const okResponse = { description: 'done', type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'], additionalProperties: true } as const;

export const createTokenBody = {
  type: 'object',
  properties: { label: { type: 'string', minLength: 1, maxLength: 120 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 } },
  required: ['label'],
  additionalProperties: false,
} as const;

export const createTokenResponse = {
  description: 'the new API token: `secret` is shown this once; send it as authorization: Bearer <secret>',
  type: 'object',
  properties: { secret: { type: 'string' }, token: apiToken },
  required: ['secret', 'token'],
  additionalProperties: true,
} as const;

export const tokensResponse = {
  description: "the caller's API tokens (secrets are never shown again)",
  type: 'object',
  properties: { tokens: { type: 'array', items: apiToken } },
  required: ['tokens'],
  additionalProperties: true,
} as const;

export const idParams = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' } },
  required: ['id'],
} as const;

export const createUserBody = {
  type: 'object',
  properties: { name: userName, password, role },
  required: ['name', 'password', 'role'],
  additionalProperties: false,
} as const;

export const updateUserBody = {
  type: 'object',
  properties: { role, password, disabled: { type: 'boolean' }, version: { type: 'integer', minimum: 1 } },
  required: ['version'],
  additionalProperties: false,
} as const;

export const userResponse = { ...user, description: 'a user (never the password hash)' } as const;

export const usersResponse = {
  description: 'all users',
  type: 'object',
  properties: { users: { type: 'array', items: user } },
  required: ['users'],
  additionalProperties: true,
} as const;

export { errorSchema };
