/** Roles, weakest first: a viewer reads (when reads are closed), an editor writes, an admin manages users and reads the audit log. */
export type Role = 'viewer' | 'editor' | 'admin';

export const ROLES: readonly Role[] = Object.freeze(['viewer', 'editor', 'admin'] as const);

/** The authenticated caller of a request or CLI action. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  /** How the caller authenticated: a browser session (cookie + CSRF token) or an API token (scripts). */
  via: 'session' | 'token';
}

/** True when `role` grants at least what `required` grants. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
