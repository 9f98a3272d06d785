import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt, a memory-hard function (RFC 7914), from Node's crypto: N = 2^15, r = 8,
 * p = 1 (32 MiB and ~50–100 ms per hash on this machine kind; OWASP's minimum for scrypt is N = 2^17 with
 * r = 8 — we take 2^15 with p = 1 for interactive logins on small servers and record the parameters in
 * each hash so they can be raised without invalidating stored ones). 16-byte random salt, 64-byte key.
 * Format: `scrypt$<N>$<r>$<p>$<salt b64url>$<key b64url>`.
 */
export const PASSWORD_HASH_PARAMETERS = Object.freeze({ N: 2 ** 15, r: 8, p: 1, keyLength: 64, saltLength: 16 });

export async function hashPassword(password: string, parameters = PASSWORD_HASH_PARAMETERS): Promise<string> {
  const salt = randomBytes(parameters.saltLength);
  const key = await derive(password, salt, parameters.N, parameters.r, parameters.p, parameters.keyLength);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Compares in constant time; false for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(password, salt, N, r, p, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
