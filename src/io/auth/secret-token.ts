import { createHash, randomBytes } from 'node:crypto';

/**
 * A fresh secret (32 random bytes, base64url) with a readable prefix (`cls_` sessions, `clt_` API tokens,
 * `csrf_` CSRF tokens). Only its SHA-256 (tokenDigest) is stored, so a copy of the database yields no
 * usable credentials.
 */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function tokenDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
