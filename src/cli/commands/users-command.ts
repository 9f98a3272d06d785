import { parseArgs } from 'node:util';
import type { ApiTokenRecord, UserRecord } from '../../io/auth/auth-store.js';
import { AuthService, LOCAL_ACTOR } from '../../service/auth/auth-service.js';
import { isRole } from '../../service/auth/principal.js';
import type { Role } from '../../service/auth/principal.js';
import { formatCsv, formatTable } from '../format-output.js';
import type { Column } from '../format-output.js';
import { openRegistryClient } from '../open-registry-client.js';
import { UsageError } from '../usage-error.js';
import { parseCount, parseFormat } from './options.js';

const userColumns: Column<UserRecord>[] = [
  { header: 'name', value: (u) => u.name },
  { header: 'role', value: (u) => u.role },
  { header: 'id', value: (u) => u.id },
  { header: 'createdAt', value: (u) => u.createdAt },
  { header: 'disabledAt', value: (u) => u.disabledAt },
  { header: 'version', value: (u) => u.version, align: 'right' },
];

const tokenColumns: Column<ApiTokenRecord>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'label', value: (t) => t.label },
  { header: 'createdAt', value: (t) => t.createdAt },
  { header: 'expiresAt', value: (t) => t.expiresAt },
  { header: 'lastUsedAt', value: (t) => t.lastUsedAt },
  { header: 'revokedAt', value: (t) => t.revokedAt },
];

/** The password for `users add|set`: $CLUSTERLENS_PASSWORD, else the first line of stdin (never a flag: flags end up in shell history). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.CLUSTERLENS_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) throw new UsageError('give the password in $CLUSTERLENS_PASSWORD or on stdin (echo … | clusterlens users add …)');
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError('no password on stdin');
  return line;
}

/**
 * `clusterlens users add|list|set`: manage the users of the HTTP API on the local registry (whoever runs the
 * CLI on the data directory is trusted; changes are audited as local-cli).
 */
export async function usersCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      role: { type: 'string' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
      password: { type: 'boolean' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (sub !== 'add' && sub !== 'list' && sub !== 'set') throw new UsageError('users needs a subcommand: add, list or set');
  const format = parseFormat(values.format);
  if (values.role !== undefined && !isRole(values.role)) throw new UsageError(`--role must be viewer, editor or admin, not ${values.role}`);
  const { client } = await openRegistryClient(values['data-dir']);
  try {
    const auth = await AuthService.open(client);
    if (sub === 'list') {
      const users = await auth.listUsers();
      if (format === 'json') out.write(JSON.stringify({ users }, null, 2) + '\n');
      else if (format === 'csv') out.write(formatCsv(users, userColumns) + '\n');
      else if (format === 'ndjson') for (const u of users) out.write(JSON.stringify(u) + '\n');
      else out.write(formatTable(users, userColumns) + '\n');
      return;
    }
    const name = positionals[0];
    if (name === undefined || positionals.length > 1) throw new UsageError(`users ${sub} needs one user name`);
    if (sub === 'add') {
      if (values.role === undefined) throw new UsageError('users add needs --role viewer|editor|admin');
      const user = await auth.createUser({ name, password: await readPassword(), role: values.role });
      out.write(format === 'json' ? JSON.stringify(user, null, 2) + '\n' : `created user ${user.name} (${user.role})\n`);
      return;
    }
    const user = (await auth.listUsers()).find((u) => u.name === name);
    if (user === undefined) throw new UsageError(`no user ${name}`);
    if (values.disable && values.enable) throw new UsageError('--disable and --enable exclude each other');
    const changed = await auth.updateUser(
      user.id,
      {
        role: values.role as Role | undefined,
        password: values.password ? await readPassword() : undefined,
        disabled: values.disable ? true : values.enable ? false : undefined,
        version: user.version,
      },
      LOCAL_ACTOR,
    );
    out.write(format === 'json' ? JSON.stringify(changed, null, 2) + '\n' : `updated user ${changed.name} (${changed.role}${changed.disabledAt ? ', disabled' : ''})\n`);
  } finally {
    await client.close();
  }
}

/** `clusterlens tokens create|list|revoke`: API tokens for scripts; the secret is printed once. */
export async function tokensCommand(argv: string[], out: NodeJS.WritableStream): Promise<void> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { user: { type: 'string' }, label: { type: 'string' }, 'expires-days': { type: 'string' }, format: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') throw new UsageError('tokens needs a subcommand: create, list or revoke');
  const format = parseFormat(values.format);
  const { client } = await openRegistryClient(values['data-dir']);
  try {
    const auth = await AuthService.open(client);
    if (sub === 'revoke') {
      const id = positionals[0];
      if (id === undefined) throw new UsageError('tokens revoke needs a token id');
      await auth.store.revokeApiToken(id, null, new Date().toISOString(), LOCAL_ACTOR);
      out.write(`revoked token ${id}\n`);
      return;
    }
    if (values.user === undefined) throw new UsageError(`tokens ${sub} needs --user NAME`);
    if (sub === 'list') {
      const user = (await auth.listUsers()).find((u) => u.name === values.user);
      if (user === undefined) throw new UsageError(`no user ${values.user}`);
      const tokens = await auth.listApiTokens(user.id);
      if (format === 'json') out.write(JSON.stringify({ tokens }, null, 2) + '\n');
      else if (format === 'csv') out.write(formatCsv(tokens, tokenColumns) + '\n');
      else out.write(formatTable(tokens, tokenColumns) + '\n');
      return;
    }
    const days = parseCount(values['expires-days'], '--expires-days', 1);
    const created = await auth.createApiToken(values.user, values.label ?? 'cli', LOCAL_ACTOR, days);
    if (format === 'json') out.write(JSON.stringify(created, null, 2) + '\n');
    else out.write(`${created.secret}\n`);
    if (process.stderr.isTTY || format !== 'json') process.stderr.write(`token ${created.token.id} for ${values.user}: shown once; send it as "authorization: Bearer <token>"\n`);
  } finally {
    await client.close();
  }
}
