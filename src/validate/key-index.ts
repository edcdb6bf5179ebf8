/**
 * A compact set of keys for unique / primaryKey / uniqueKeys / foreignKey checks.
 *
 * A Set of joined strings costs ~60-100 bytes per row; this stores a 96-bit fingerprint of each key
 * (three independent 32-bit hashes) and the row number in typed arrays: 16 bytes per slot, open
 * addressing. Two different keys collide only if all 96 bits agree (for 10 million keys the chance is
 * about 1e-14), so "collisions verified" means verified on the full 96-bit fingerprint, not only on the
 * slot hash.
 */
export class KeyIndex {
  private h1: Int32Array;
  private h2: Int32Array;
  private h3: Int32Array;
  private rows: Int32Array; // 0 = empty slot; row numbers are >= 1
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.h3 = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** Insert the key; return the row number of an earlier equal key (0 if new). The earlier entry is kept. */
  addOrGet(key: string, rowNumber: number): number {
    return this.lookup(key, rowNumber, true);
  }

  /** Insert or replace; return the previous row number (0 if new). Used where the note names the most recent row. */
  addOrReplace(key: string, rowNumber: number): number {
    return this.lookup(key, rowNumber, true, true);
  }

  has(key: string): boolean {
    return this.lookup(key, 0, false) !== 0;
  }

  private lookup(key: string, rowNumber: number, insert: boolean, replace = false): number {
    // Three hashes in one pass: FNV-1a, a multiplicative hash, and a murmur-style mix.
    let a = 0x811c9dc5 | 0;
    let b = 0x9747b28c | 0;
    let c = key.length | 0;
    for (let i = 0; i < key.length; i++) {
      const ch = key.charCodeAt(i);
      a = Math.imul(a ^ ch, 0x01000193);
      b = Math.imul(b + ch, 0x5bd1e995) ^ (b >>> 15);
      c = Math.imul(c ^ (ch * 0x2d), 0xcc9e2d51);
      c = (c << 13) | (c >>> 19);
    }
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    b ^= b >>> 16;
    c = Math.imul(c ^ (c >>> 16), 0x1b873593);
    let slot = a & this.mask;
    const rows = this.rows;
    for (;;) {
      const r = rows[slot]!;
      if (r === 0) break;
      if (this.h1[slot] === a && this.h2[slot] === b && this.h3[slot] === c) {
        if (replace) rows[slot] = rowNumber;
        return r;
      }
      slot = (slot + 1) & this.mask;
    }
    if (!insert) return 0;
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.h3[slot] = c;
    rows[slot] = rowNumber;
    this.size++;
    if (this.size * 4 > this.rows.length * 3) this.grow();
    return 0;
  }

  private grow(): void {
    const { h1, h2, h3, rows } = this;
    const cap = rows.length * 2;
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.h3 = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = h1[i]! & this.mask;
      while (this.rows[slot] !== 0) slot = (slot + 1) & this.mask;
      this.h1[slot] = h1[i]!;
      this.h2[slot] = h2[i]!;
      this.h3[slot] = h3[i]!;
      this.rows[slot] = rows[i]!;
    }
  }

  /** Bytes held by the typed arrays (for the memory notes in the README). */
  get bytes(): number {
    return this.rows.length * 16;
  }
}
