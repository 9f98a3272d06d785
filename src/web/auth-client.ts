/**
 * The signed-in user of the workbench and the API's write calls. A browser session is a cookie set by
 * POST /api/v1/auth/login plus a CSRF token the page keeps in memory and sends as `x-csrf-token` on every
 * write; GET /api/v1/auth/me restores both after a reload. Reads never need a session (unless the server
 * closes them), so every view works signed out. Errors are ApiErrors carrying the server's code.
 */
import { ApiError } from './api-client.js';

/** Roles, lowest first. */
export type Role = 'viewer' | 'editor' | 'admin';

/** Who is signed in. */
export interface SignedInUser {
  readonly name: string;
  readonly role: Role;
}

const API = '/api/v1';
let user: SignedInUser | null = null;
let csrfToken: string | null = null;
const listeners = new Set<(user: SignedInUser | null) => void>();

/** The signed-in user, or null. */
export function currentUser(): SignedInUser | null {
  return user;
}

/** True when the signed-in user's role is at least `role`. */
export function hasRole(role: Role): boolean {
  const order: readonly Role[] = ['viewer', 'editor', 'admin'];
  return user !== null && order.indexOf(user.role) >= order.indexOf(role);
}

/** Calls `listener` whenever the user signs in or out; returns the unsubscribe function. */
export function onUserChange(listener: (user: SignedInUser | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setUser(next: SignedInUser | null, token: string | null): void {
  user = next;
  csrfToken = token;
  for (const l of listeners) l(user);
}

async function send(method: string, url: string, body: BodyInit | undefined, contentType: string | undefined): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (csrfToken !== null && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError('NETWORK', `Cannot reach the ClusterLens server (${url}): ${String(cause)}`, 0);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = typeof parsed === 'object' && parsed !== null && 'error' in parsed ? (parsed as { error: { code?: unknown; message?: unknown; details?: unknown } }).error : undefined;
    throw new ApiError(
      typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      typeof error?.message === 'string' ? error.message : `${url}: ${response.status} ${response.statusText}`,
      response.status,
      error?.details,
    );
  }
  return { status: response.status, body: parsed };
}

interface MeBody {
  readonly principal: { readonly name: string; readonly role: Role } | null;
  readonly csrfToken: string | null;
}

/** Asks the server who this browser is (GET /api/v1/auth/me); signed out when the server has no auth. */
export async function refreshUser(): Promise<SignedInUser | null> {
  try {
    const { body } = await send('GET', `${API}/auth/me`, undefined, undefined);
    const me = body as MeBody;
    setUser(me.principal ? { name: me.principal.name, role: me.principal.role } : null, me.csrfToken);
  } catch {
    setUser(null, null);
  }
  return user;
}

/** Signs in (POST /api/v1/auth/login); throws ApiError 401 on a wrong name or password, 429 when rate-limited. */
export async function signIn(name: string, password: string): Promise<SignedInUser> {
  const { body } = await send('POST', `${API}/auth/login`, JSON.stringify({ name, password }), 'application/json');
  const result = body as { principal: { name: string; role: Role }; csrfToken: string };
  setUser({ name: result.principal.name, role: result.principal.role }, result.csrfToken);
  return { name: result.principal.name, role: result.principal.role };
}

/** Signs out (POST /api/v1/auth/logout); the page is signed out even if the server call fails. */
export async function signOut(): Promise<void> {
  try {
    await send('POST', `${API}/auth/logout`, '{}', 'application/json');
  } finally {
    setUser(null, null);
  }
}

/** POSTs JSON with the session's CSRF token; resolves the parsed response. */
export async function postJson<T>(url: string, payload: unknown): Promise<T> {
  return (await send('POST', url, JSON.stringify(payload), 'application/json')).body as T;
}

/** POSTs a file's text as the raw body (e.g. text/csv) with the CSRF token; resolves the parsed response. */
export async function postRaw<T>(url: string, text: string, contentType = 'text/csv; charset=utf-8'): Promise<T> {
  return (await send('POST', url, text, contentType)).body as T;
}

/** DELETEs a resource with the session's CSRF token; resolves the parsed response. */
export async function deleteJson<T>(url: string): Promise<T> {
  return (await send('DELETE', url, undefined, undefined)).body as T;
}

/** GETs JSON without the page's memo (lists that change while the page is open: custom regions). */
export async function getFresh<T>(url: string): Promise<T> {
  return (await send('GET', url, undefined, undefined)).body as T;
}
