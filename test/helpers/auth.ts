/**
 * Credentials for route tests: a user of the given role on a registry client and a live API token for it.
 *
 * @example
 * const token = await createTestToken(registry, 'editor');
 * await app.inject({ method: 'POST', url: '/api/v1/organisations', headers: { authorization: `Bearer ${token}` }, payload });
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../../src/io/registry/sql-client.js';
import { AuthService, LOCAL_ACTOR } from '../../src/service/auth/auth-service.js';
import type { Role } from '../../src/service/auth/principal.js';

export async function createTestToken(client: SqlClient, role: Role, name = `${role}-${randomUUID().slice(0, 8)}`): Promise<string> {
  const auth = await AuthService.open(client);
  await auth.createUser({ name, password: 'correct horse battery staple', role });
  const { secret } = await auth.createApiToken(name, 'test', LOCAL_ACTOR);
  return secret;
}

/** The password createTestToken gives its users (for login tests). */
export const TEST_PASSWORD = 'correct horse battery staple';
