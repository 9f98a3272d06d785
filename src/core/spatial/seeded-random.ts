import { InvalidInputError } from '../errors.js';

/**
 * A deterministic pseudo-random number generator: xoshiro128** (Blackman and Vigna 2018) with its 128-bit state
 * filled by splitmix32 from an integer seed (0 ≤ seed < 2^53). Returns a function giving uniform numbers in [0, 1)
 * with 32 random bits each. Same seed, same stream, on every platform; the core never calls Math.random.
 *
 * @example
 * const rng = seededRandom(12345);
 * rng(); // → the same number in every run
 * @see docs/methods/morans-i.md
 */
export function seededRandom(seed: number): () => number {
  const state = randomState(seed);
  return () => nextUniform(state);
}

/** Internal: the xoshiro128** state for `seed` (validated), as an Int32Array of 4 words. */
export function randomState(seed: number): Int32Array {
  if (!Number.isInteger(seed) || seed < 0 || seed > Number.MAX_SAFE_INTEGER) {
    throw new InvalidInputError(`seed must be an integer in [0, 2^53), got ${seed}`, { seed });
  }
  let sm = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  const splitmix32 = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return z ^ (z >>> 16);
  };
  const s = new Int32Array(4);
  s[0] = splitmix32();
  s[1] = splitmix32();
  s[2] = splitmix32() ^ high;
  s[3] = splitmix32();
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

/** Internal: advances the state and returns a uniform number in [0, 1) (32 bits). */
export function nextUniform(s: Int32Array): number {
  const a = s[0];
  const b = s[1];
  let c = s[2];
  let d = s[3];
  const bb = Math.imul(b, 5);
  const result = Math.imul((bb << 7) | (bb >>> 25), 9) >>> 0;
  const t = b << 9;
  c ^= a;
  d ^= b;
  s[1] = b ^ c;
  s[0] = a ^ d;
  s[2] = c ^ t;
  s[3] = (d << 11) | (d >>> 21);
  return result * 2.3283064365386963e-10;
}

/** Internal: Fisher–Yates shuffle of x in place with the state's stream (n − 1 draws). */
export function shuffleInPlace(s: Int32Array, x: Float64Array): void {
  for (let i = x.length - 1; i > 0; i--) {
    const j = Math.floor(nextUniform(s) * (i + 1));
    const t = x[i];
    x[i] = x[j];
    x[j] = t;
  }
}
