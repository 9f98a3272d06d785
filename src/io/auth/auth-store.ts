import { randomUUID } from 'node:crypto';
import { migrateAuditLog, recordAudit } from '../registry/audit-log.js';
import type { AuditActor } from '../registry/audit-log.js';
import { migrateComponent } from '../registry/migrate-component.js';
import { RegistryError } from '../registry/sql-client.js';
import type { SqlClient } from '../registry/sql-client.js';
import { tokenDigest } from './secret-token.js';

export interface UserRecord {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
  version: number;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const MIGRATIONS = [
  [
    'create table users (id text primary key, name text not null unique, password_hash text not null, role text not null, created_at text not null, updated_at text not null, disabled_at text, version integer not null)',
    'create table sessions (id_digest text primary key, user_id text not null, csrf_token text not null, created_at text not null, expires_at text not null, revoked_at text)',
    'create table api_tokens (id text primary key, user_id text not null, label text not null, token_digest text not null unique, created_at text not null, expires_at text, last_used_at text, revoked_at text)',
    'create sequence login_failures_id',
    "create table login_failures (id bigint primary key default nextval('login_failures_id'), user_name text not null, ip text not null, failed_at text not null)",
  ],
];

interface UserRow {
  id: string;
  name: string;
  password_hash: string;
  role: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
  version: number;
  [key: string]: string | number | null;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  disabledAt: r.disabled_at,
  version: r.version,
});

/**
 * The "auth" component of the registry: users (scrypt password hashes), browser sessions, API tokens
 * (stored as SHA-256 digests only) and login failures (for rate limiting across servers). Every change to
 * users and tokens is written to the audit log in the same transaction. Policy (who may do what, rate
 * limits, lifetimes) lives in the service layer (AuthService).
 */
export class AuthStore {
  readonly client: SqlClient;
  private constructor(client: SqlClient) {
    this.client = client;
  }

  static async open(client: SqlClient): Promise<AuthStore> {
    await migrateAuditLog(client);
    await migrateComponent(client, 'auth', MIGRATIONS);
    return new AuthStore(client);
  }

  async countUsers(): Promise<number> {
    const [row] = await this.client.all<{ n: number }>('select count(*) as n from users where disabled_at is null');
    return row!.n;
  }

  async createUser(input: { name: string; passwordHash: string; role: string }, actor: AuditActor, now: string): Promise<UserRecord> {
    return this.client.transaction(async (tx) => {
      const existing = await tx.all('select id from users where name = $1', [input.name]);
      if (existing.length > 0) throw new RegistryError('CONFLICT', `a user named ${input.name} exists`, { details: { name: input.name } });
      const user: UserRecord = { id: randomUUID(), name: input.name, role: input.role, createdAt: now, updatedAt: now, disabledAt: null, version: 1 };
      await tx.run('insert into users (id, name, password_hash, role, created_at, updated_at, disabled_at, version) values ($1, $2, $3, $4, $5, $6, null, 1)', [
        user.id, user.name, input.passwordHash, user.role, now, now,
      ]);
      await recordAudit(tx, { actor, action: 'create', entity: 'user', entityId: user.id, after: user, at: now });
      return user;
    });
  }

  /** The user with its password hash (for login), or null. */
  async findUserByName(name: string): Promise<(UserRecord & { passwordHash: string }) | null> {
    const [row] = await this.client.all<UserRow>('select * from users where name = $1', [name]);
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const [row] = await this.client.all<UserRow>('select * from users where id = $1', [id]);
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.client.all<UserRow>('select * from users order by name')).map(toUser);
  }

  /** Changes role, password or disabled state; `expectedVersion` guards against lost updates (CONFLICT). */
  async updateUser(
    id: string,
    change: { role?: string; passwordHash?: string; disabled?: boolean },
    expectedVersion: number,
    actor: AuditActor,
    now: string,
  ): Promise<UserRecord> {
    return this.client.transaction(async (tx) => {
      const [row] = await tx.all<UserRow>('select * from users where id = $1', [id]);
      if (!row) throw new RegistryError('NOT_FOUND', `no user ${id}`);
      if (row.version !== expectedVersion) {
        throw new RegistryError('CONFLICT', `user ${row.name} changed since version ${expectedVersion} (now ${row.version}): reload and retry`, { details: { version: row.version } });
      }
      const role = change.role ?? row.role;
      const hash = change.passwordHash ?? row.password_hash;
      const disabledAt = change.disabled === undefined ? row.disabled_at : change.disabled ? (row.disabled_at ?? now) : null;
      const changed = await tx.run('update users set role = $1, password_hash = $2, disabled_at = $3, updated_at = $4, version = version + 1 where id = $5 and version = $6', [
        role, hash, disabledAt, now, id, expectedVersion,
      ]);
      if (changed !== 1) throw new RegistryError('CONFLICT', `user ${row.name} changed concurrently: reload and retry`);
      const after: UserRecord = { ...toUser(row), role, disabledAt, updatedAt: now, version: row.version + 1 };
      await recordAudit(tx, { actor, action: 'update', entity: 'user', entityId: id, before: toUser(row), after: { ...after, passwordChanged: change.passwordHash !== undefined }, at: now });
      if (disabledAt !== null || change.passwordHash !== undefined) {
        await tx.run('update sessions set revoked_at = $1 where user_id = $2 and revoked_at is null', [now, id]);
      }
      return after;
    });
  }

  async createSession(userId: string, sessionSecret: string, csrfToken: string, now: string, expiresAt: string, actor: AuditActor): Promise<void> {
    await this.client.transaction(async (tx) => {
      await tx.run('insert into sessions (id_digest, user_id, csrf_token, created_at, expires_at, revoked_at) values ($1, $2, $3, $4, $5, null)', [
        tokenDigest(sessionSecret), userId, csrfToken, now, expiresAt,
      ]);
      await tx.run('delete from login_failures where user_name = $1', [actor.name]);
      await recordAudit(tx, { actor, action: 'login', entity: 'user', entityId: userId, at: now });
    });
  }

  /** The live session's user and CSRF token, or null when unknown, revoked, expired or the user disabled. */
  async findSession(sessionSecret: string, now: string): Promise<{ user: UserRecord; csrfToken: string } | null> {
    const [row] = await this.client.all<UserRow & { csrf_token: string }>(
      `select u.*, s.csrf_token from sessions s join users u on u.id = s.user_id
       where s.id_digest = $1 and s.revoked_at is null and s.expires_at > $2 and u.disabled_at is null`,
      [tokenDigest(sessionSecret), now],
    );
    return row ? { user: toUser(row), csrfToken: row.csrf_token } : null;
  }

  async revokeSession(sessionSecret: string, now: string, actor: AuditActor, userId: string): Promise<void> {
    await this.client.transaction(async (tx) => {
      await tx.run('update sessions set revoked_at = $1 where id_digest = $2 and revoked_at is null', [now, tokenDigest(sessionSecret)]);
      await recordAudit(tx, { actor, action: 'logout', entity: 'user', entityId: userId, at: now });
    });
  }

  async createApiToken(userId: string, label: string, secret: string, now: string, expiresAt: string | null, actor: AuditActor): Promise<ApiTokenRecord> {
    return this.client.transaction(async (tx) => {
      const token: ApiTokenRecord = { id: randomUUID(), userId, label, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null };
      await tx.run('insert into api_tokens (id, user_id, label, token_digest, created_at, expires_at, last_used_at, revoked_at) values ($1, $2, $3, $4, $5, $6, null, null)', [
        token.id, userId, label, tokenDigest(secret), now, expiresAt,
      ]);
      await recordAudit(tx, { actor, action: 'token-create', entity: 'api-token', entityId: token.id, after: token, at: now });
      return token;
    });
  }

  /** The user of a live API token (not revoked, not expired, user enabled), or null. */
  async findApiToken(secret: string, now: string): Promise<{ user: UserRecord; token: ApiTokenRecord } | null> {
    const [row] = await this.client.all<UserRow & { token_id: string; label: string; token_created_at: string; expires_at: string | null; last_used_at: string | null }>(
      `select u.*, t.id as token_id, t.label, t.created_at as token_created_at, t.expires_at, t.last_used_at from api_tokens t join users u on u.id = t.user_id
       where t.token_digest = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > $2) and u.disabled_at is null`,
      [tokenDigest(secret), now],
    );
    if (!row) return null;
    return {
      user: toUser(row),
      token: { id: row.token_id, userId: row.id, label: row.label, createdAt: row.token_created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at, revokedAt: null },
    };
  }

  async touchApiToken(id: string, now: string): Promise<void> {
    await this.client.run('update api_tokens set last_used_at = $1 where id = $2', [now, id]);
  }

  async listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.client.all<{ id: string; user_id: string; label: string; created_at: string; expires_at: string | null; last_used_at: string | null; revoked_at: string | null }>(
      'select id, user_id, label, created_at, expires_at, last_used_at, revoked_at from api_tokens where user_id = $1 order by created_at',
      [userId],
    );
    return rows.map((r) => ({ id: r.id, userId: r.user_id, label: r.label, createdAt: r.created_at, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  async revokeApiToken(id: string, userId: string | null, now: string, actor: AuditActor): Promise<void> {
    await this.client.transaction(async (tx) => {
      const changed = await tx.run(`update api_tokens set revoked_at = $1 where id = $2 and revoked_at is null${userId === null ? '' : ' and user_id = $3'}`, userId === null ? [now, id] : [now, id, userId]);
      if (changed !== 1) throw new RegistryError('NOT_FOUND', `no live API token ${id}`);
      await recordAudit(tx, { actor, action: 'token-revoke', entity: 'api-token', entityId: id, at: now });
    });
  }

  async recordLoginFailure(name: string, ip: string, now: string): Promise<void> {
    await this.client.run('insert into login_failures (user_name, ip, failed_at) values ($1, $2, $3)', [name, ip, now]);
  }

  /** Failures since `since` for this name and for this address. */
  async countLoginFailures(name: string, ip: string, since: string): Promise<{ byName: number; byIp: number }> {
    const [row] = await this.client.all<{ by_name: number; by_ip: number }>(
      'select sum(case when user_name = $1 then 1 else 0 end) as by_name, sum(case when ip = $2 then 1 else 0 end) as by_ip from login_failures where failed_at > $3',
      [name, ip, since],
    );
    return { byName: row?.by_name ?? 0, byIp: row?.by_ip ?? 0 };
  }
}
