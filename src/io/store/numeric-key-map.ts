/**
 * A compact hash map from whole-number keys in [0, 2^53) to int32 values: open addressing with linear
 * probing over one Float64Array of keys (and one Int32Array of values), no per-entry objects, so a few
 * million keys cost 12–24 bytes each. Used by the streaming importers and stores to check that keys are
 * unique without holding the rows (a CBP key packs year, region and industry; an observation key packs
 * dictionary indexes of region, industry, year and measure).
 */
export class NumericKeyMap {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
  }

  get size(): number {
    return this.count;
  }

  /**
   * The value already stored for `key`, or -1 after storing `value` for it (so -1 means "new").
   * Throws RangeError for a key that is not a whole number in [0, 2^53).
   */
  getOrSet(key: number, value: number): number {
    if (!Number.isSafeInteger(key) || key < 0) throw new RangeError(`NumericKeyMap: key ${key} is not a whole number in [0, 2^53)`);
    let slot = hash(key) & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) return this.values[slot]!;
      if (k === -1) break;
      slot = (slot + 1) & this.mask;
    }
    keys[slot] = key;
    this.values[slot] = value;
    this.count++;
    if (this.count * 4 > keys.length * 3) this.grow();
    return -1;
  }

  /** Forgets every key (keeps the allocated capacity). */
  clear(): void {
    this.keys.fill(-1);
    this.count = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = oldKeys.length * 2;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const key = oldKeys[s]!;
      if (key === -1) continue;
      let slot = hash(key) & this.mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.values[slot] = oldValues[s]!;
    }
  }
}

/** 32-bit mix of both halves of a key below 2^53 (murmur3 finaliser). */
function hash(key: number): number {
  const low = key >>> 0;
  const high = Math.floor(key / 4294967296);
  let h = low ^ Math.imul(high, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
