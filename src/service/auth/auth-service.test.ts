import { expect, it } from 'vitest';
import { describeRegistryBackends } from '../../../test/helpers/registry-backends.js';
import { listAudit } from '../../io/registry/audit-log.js';
import { AuthService, LOCAL_ACTOR } from './auth-service.js';

const PASSWORD = 'a long enough password';

describeRegistryBackends('AuthService', (open) => {
  it('createUser stores a scrypt hash, never the password, and audits the creation', async () => {
    const { client, cleanup } = await open();
    try {
      const auth = await AuthService.open(client);
      const user = await auth.createUser({ name: 'ana', password: PASSWORD, role: 'editor' });
      expect(user).toMatchObject({ name: 'ana', role: 'editor', version: 1, disabledAt: null });
      const [row] = await client.all<{ password_hash: string }>('select password_hash from users');
      expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(row!.password_hash).not.toContain(PASSWORD);
      await expect(auth.createUser({ name: 'ana', password: PASSWORD, role: 'viewer' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(auth.createUser({ name: 'bo', password: 'short', role: 'viewer' })).rejects.toMatchObject({ code: 'INVALID' });
      await expect(auth.createUser({ name: 'bo', password: PASSWORD, role: 'root' as never })).rejects.toMatchObject({ code: 'INVALID' });
      const audit = await listAudit(client, { entity: 'user' });
      expect(audit.map((a) => [a.action, a.userName])).toEqual([['create', 'local-cli']]);
      expect(audit[0]!.after).not.toContain(PASSWORD);
    } finally {
      await cleanup();
    }
  });

  it('login(name, password, address) opens a session with a CSRF token; a wrong password is UNAUTHENTICATED', async () => {
    const { client, cleanup } = await open();
    try {
      const auth = await AuthService.open(client);
      await auth.createUser({ name: 'ana', password: PASSWORD, role: 'editor' });
      const result = await auth.login('ana', PASSWORD, '127.0.0.1');
      expect(result.principal).toMatchObject({ name: 'ana', role: 'editor', via: 'session' });
      const session = await auth.authenticateSession(result.sessionSecret);
      expect(session).toEqual({ principal: result.principal, csrfToken: result.csrfToken });
      expect(await auth.authenticateSession('cls_forged')).toBeNull();
      await expect(auth.login('ana', 'a wrong password!', '127.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(auth.login('nobody', PASSWORD, '127.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await auth.logout(result.sessionSecret, result.principal);
      expect(await auth.authenticateSession(result.sessionSecret)).toBeNull();
    } finally {
      await cleanup();
    }
  });

  it('login is rate limited per name after 5 failures in the window, even with the right password, and the window passes', async () => {
    const { client, cleanup } = await open();
    try {
      let now = new Date('2026-11-28T10:00:00Z');
      const auth = await AuthService.open(client, { now: () => now });
      await auth.createUser({ name: 'ana', password: PASSWORD, role: 'viewer' });
      for (let i = 0; i < 5; i++) await expect(auth.login('ana', `wrong password ${i}`, `10.0.0.${i}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(auth.login('ana', PASSWORD, '10.0.0.9')).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 900 } });
      now = new Date('2026-11-28T10:16:00Z');
      expect((await auth.login('ana', PASSWORD, '10.0.0.9')).principal.name).toBe('ana');
    } finally {
      await cleanup();
    }
  });

  it('login is rate limited per address after 20 failures across names', async () => {
    const { client, cleanup } = await open();
    try {
      const auth = await AuthService.open(client, { maxFailuresPerAddress: 3 });
      await auth.createUser({ name: 'ana', password: PASSWORD, role: 'viewer' });
      for (const name of ['x1', 'x2', 'x3']) await expect(auth.login(name, PASSWORD, '192.0.2.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await expect(auth.login('ana', PASSWORD, '192.0.2.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      expect((await auth.login('ana', PASSWORD, '192.0.2.2')).principal.name).toBe('ana');
    } finally {
      await cleanup();
    }
  });

  it('API tokens authenticate until revoked or expired; only digests are stored', async () => {
    const { client, cleanup } = await open();
    try {
      let now = new Date('2026-11-28T10:00:00Z');
      const auth = await AuthService.open(client, { now: () => now });
      await auth.createUser({ name: 'bot', password: PASSWORD, role: 'editor' });
      const { secret, token } = await auth.createApiToken('bot', 'nightly import', LOCAL_ACTOR, 30);
      expect(secret).toMatch(/^clt_/);
      const stored = await client.all<{ token_digest: string }>('select token_digest from api_tokens');
      expect(stored[0]!.token_digest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(secret);
      expect(await auth.authenticateToken(secret)).toMatchObject({ name: 'bot', role: 'editor', via: 'token' });
      now = new Date('2027-01-01T00:00:00Z');
      expect(await auth.authenticateToken(secret)).toBeNull();
      now = new Date('2026-11-29T00:00:00Z');
      const bot = (await auth.listUsers())[0]!;
      await auth.revokeApiToken(token.id, { userId: bot.id, name: 'bot', role: 'editor', via: 'token' });
      expect(await auth.authenticateToken(secret)).toBeNull();
      expect((await listAudit(client, { entity: 'api-token' })).map((a) => a.action)).toEqual(['token-create', 'token-revoke']);
    } finally {
      await cleanup();
    }
  });

  it('updateUser needs the current version (CONFLICT when stale); disabling ends sessions and tokens', async () => {
    const { client, cleanup } = await open();
    try {
      const auth = await AuthService.open(client);
      const user = await auth.createUser({ name: 'ana', password: PASSWORD, role: 'viewer' });
      const { secret } = await auth.createApiToken('ana', 't', LOCAL_ACTOR);
      const session = await auth.login('ana', PASSWORD, '127.0.0.1');
      const admin = { userId: 'admin-id', name: 'root', role: 'admin' as const, via: 'token' as const };
      const promoted = await auth.updateUser(user.id, { role: 'editor', version: 1 }, admin);
      expect(promoted).toMatchObject({ role: 'editor', version: 2 });
      await expect(auth.updateUser(user.id, { role: 'admin', version: 1 }, admin)).rejects.toMatchObject({ code: 'CONFLICT', details: { version: 2 } });
      await auth.updateUser(user.id, { disabled: true, version: 2 }, admin);
      expect(await auth.authenticateSession(session.sessionSecret)).toBeNull();
      expect(await auth.authenticateToken(secret)).toBeNull();
      await expect(auth.login('ana', PASSWORD, '127.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const audit = await listAudit(client, { entity: 'user', entityId: user.id });
      expect(audit.filter((a) => a.action === 'update').map((a) => a.userName)).toEqual(['root', 'root']);
    } finally {
      await cleanup();
    }
  });
});
