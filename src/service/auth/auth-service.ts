import { AuthStore } from '../../io/auth/auth-store.js';
import type { ApiTokenRecord, UserRecord } from '../../io/auth/auth-store.js';
import { hashPassword, verifyPassword } from '../../io/auth/password-hash.js';
import { newSecret } from '../../io/auth/secret-token.js';
import type { AuditActor } from '../../io/registry/audit-log.js';
import { RegistryError } from '../../io/registry/sql-client.js';
import type { SqlClient } from '../../io/registry/sql-client.js';
import { isRole } from './principal.js';
import type { Principal, Role } from './principal.js';

export interface AuthOptions {
  /** Session lifetime in seconds (default 12 h). */
  sessionSeconds?: number;
  /** Failed logins per user name within the window before 429 (default 5). */
  maxFailuresPerName?: number;
  /** Failed logins per client address within the window before 429 (default 20). */
  maxFailuresPerAddress?: number;
  /** Rate-limit window in seconds (default 15 min). */
  failureWindowSeconds?: number;
  /** Clock (tests). */
  now?: () => Date;
}

export const AUTH_DEFAULTS = Object.freeze({ sessionSeconds: 12 * 3600, maxFailuresPerName: 5, maxFailuresPerAddress: 20, failureWindowSeconds: 15 * 60 });

export interface LoginResult {
  principal: Principal;
  /** The session secret: goes into an HttpOnly cookie, never into a page. */
  sessionSecret: string;
  /** Sent back in the `x-csrf-token` header by the browser on every write. */
  csrfToken: string;
  expiresAt: string;
}

/** The system actor for changes made from the local CLI (which has the database file itself). */
export const LOCAL_ACTOR: AuditActor = Object.freeze({ userId: null, name: 'local-cli' });

const NAME = /^[A-Za-z0-9._@-]{2,64}$/;
const MIN_PASSWORD = 10;

/**
 * Users, roles, sessions, API tokens and login rate limiting over the registry. Passwords are hashed
 * with scrypt (memory-hard); sessions and tokens are random secrets stored as digests; a session carries a
 * CSRF token that writes must echo; failed logins are counted per name and per address in the database, so
 * the limit holds across servers sharing one PostgreSQL.
 */
export class AuthService {
  readonly store: AuthStore;
  private readonly options: Required<Omit<AuthOptions, 'now'>> & { now: () => Date };

  private constructor(store: AuthStore, options: AuthOptions) {
    this.store = store;
    this.options = { ...AUTH_DEFAULTS, now: () => new Date(), ...options };
  }

  static async open(client: SqlClient, options: AuthOptions = {}): Promise<AuthService> {
    return new AuthService(await AuthStore.open(client), options);
  }

  async createUser(input: { name: string; password: string; role: Role }, actor: AuditActor = LOCAL_ACTOR): Promise<UserRecord> {
    if (!NAME.test(input.name)) throw new RegistryError('INVALID', `user name must be 2–64 characters of letters, digits, . _ @ -: ${JSON.stringify(input.name)}`, { details: { field: 'name' } });
    if (!isRole(input.role)) throw new RegistryError('INVALID', `role must be viewer, editor or admin: ${JSON.stringify(input.role)}`, { details: { field: 'role' } });
    checkPassword(input.password);
    return this.store.createUser({ name: input.name, passwordHash: await hashPassword(input.password), role: input.role }, actor, this.nowIso());
  }

  async updateUser(id: string, change: { role?: Role; password?: string; disabled?: boolean; version: number }, actor: AuditActor): Promise<UserRecord> {
    if (change.role !== undefined && !isRole(change.role)) throw new RegistryError('INVALID', `role must be viewer, editor or admin`, { details: { field: 'role' } });
    if (change.password !== undefined) checkPassword(change.password);
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    return this.store.updateUser(id, { role: change.role, passwordHash, disabled: change.disabled }, change.version, actor, this.nowIso());
  }

  listUsers(): Promise<UserRecord[]> {
    return this.store.listUsers();
  }

  /**
   * Checks name and password. Throws RATE_LIMITED (with `retryAfterSeconds`) after too many recent
   * failures for the name or the address — checked before the password, so guessing stops — and
   * UNAUTHENTICATED for a wrong name or password (one message for both).
   */
  async login(name: string, password: string, address: string): Promise<LoginResult> {
    const now = this.options.now();
    const since = new Date(now.getTime() - this.options.failureWindowSeconds * 1000).toISOString();
    const failures = await this.store.countLoginFailures(name, address, since);
    if (failures.byName >= this.options.maxFailuresPerName || failures.byIp >= this.options.maxFailuresPerAddress) {
      throw new RegistryError('RATE_LIMITED', 'too many failed logins: wait and try again', { details: { retryAfterSeconds: this.options.failureWindowSeconds } });
    }
    const user = await this.store.findUserByName(name);
    // hash even for an unknown user, so timing does not reveal which names exist
    const ok = user !== null && user.disabledAt === null ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, DUMMY_HASH), false);
    if (!ok || user === null) {
      await this.store.recordLoginFailure(name, address, now.toISOString());
      throw new RegistryError('UNAUTHENTICATED', 'wrong user name or password');
    }
    const sessionSecret = newSecret('cls_');
    const csrfToken = newSecret('csrf_');
    const expiresAt = new Date(now.getTime() + this.options.sessionSeconds * 1000).toISOString();
    await this.store.createSession(user.id, sessionSecret, csrfToken, now.toISOString(), expiresAt, { userId: user.id, name: user.name });
    return { principal: principalOf(user, 'session'), sessionSecret, csrfToken, expiresAt };
  }

  async logout(sessionSecret: string, principal: Principal): Promise<void> {
    await this.store.revokeSession(sessionSecret, this.nowIso(), actorOf(principal), principal.userId);
  }

  /** The principal of a live session and the CSRF token its writes must carry, or null. */
  async authenticateSession(sessionSecret: string): Promise<{ principal: Principal; csrfToken: string } | null> {
    const found = await this.store.findSession(sessionSecret, this.nowIso());
    if (found === null || !isRole(found.user.role)) return null;
    return { principal: principalOf(found.user, 'session'), csrfToken: found.csrfToken };
  }

  /** The principal of a live API token, or null. Records last use at most every five minutes. */
  async authenticateToken(secret: string): Promise<Principal | null> {
    const now = this.options.now();
    const found = await this.store.findApiToken(secret, now.toISOString());
    if (found === null || !isRole(found.user.role)) return null;
    const last = found.token.lastUsedAt === null ? 0 : Date.parse(found.token.lastUsedAt);
    if (now.getTime() - last > 5 * 60 * 1000) await this.store.touchApiToken(found.token.id, now.toISOString());
    return principalOf(found.user, 'token');
  }

  /** Creates an API token for a user; the secret is returned once and only its digest is kept. */
  async createApiToken(userName: string, label: string, actor: AuditActor, expiresInDays?: number): Promise<{ secret: string; token: ApiTokenRecord }> {
    const user = await this.store.findUserByName(userName);
    if (user === null || user.disabledAt !== null) throw new RegistryError('NOT_FOUND', `no active user ${userName}`);
    if (label.length < 1 || label.length > 120) throw new RegistryError('INVALID', 'token label must be 1–120 characters', { details: { field: 'label' } });
    const now = this.options.now();
    const expiresAt = expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * 86400 * 1000).toISOString();
    const secret = newSecret('clt_');
    const token = await this.store.createApiToken(user.id, label, secret, now.toISOString(), expiresAt, actor);
    return { secret, token };
  }

  listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    return this.store.listApiTokens(userId);
  }

  /** Revokes a token; a non-admin may revoke only their own. */
  async revokeApiToken(id: string, principal: Principal): Promise<void> {
    await this.store.revokeApiToken(id, principal.role === 'admin' ? null : principal.userId, this.nowIso(), actorOf(principal));
  }

  private nowIso(): string {
    return this.options.now().toISOString();
  }
}

/** The audit actor of an authenticated principal. */
export function actorOf(principal: Principal): AuditActor {
  return { userId: principal.userId, name: principal.name };
}

function principalOf(user: UserRecord, via: Principal['via']): Principal {
  return { userId: user.id, name: user.name, role: user.role as Role, via };
}

function checkPassword(password: string): void {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD || password.length > 1024) {
    throw new RegistryError('INVALID', `password must be ${MIN_PASSWORD}–1024 characters`, { details: { field: 'password' } });
  }
}

/** A valid hash of a random password, verified for unknown users so a miss costs the same time as a hit. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);
