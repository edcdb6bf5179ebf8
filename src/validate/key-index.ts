import { at } from '../invariant.js';
/**
 * A compact set of keys for unique / primaryKey / uniqueKeys / foreignKey checks.
 *
 * A Set of joined strings costs ~60-100 bytes per row plus a string per key; this stores, per slot, a
 * 96-bit fingerprint of the key (three independent 32-bit hashes) and the row number in typed arrays
 * (16 bytes a slot, open addressing, at most 80% full). Key parts are hashed one by one as they come (numbers by their
 * bits, strings by their characters, each with a type tag), so composite keys never build a joined string.
 * Two different keys would collide only if all 96 bits agreed (for 10 million keys the chance is about
 * 1e-14): equality is verified on the full fingerprint, not only on the slot.
 */

const f64 = new Float64Array(1);

/** A KeyIndex's slots, as `share` hands them to worker threads. */
export interface SharedKeys {
  h1: Int32Array;
  h2: Int32Array;
  h3: Int32Array;
  rows: Int32Array;
  size: number;
}
const u32 = new Uint32Array(f64.buffer);

export class KeyIndex {
  private h1: Int32Array;
  private h2: Int32Array;
  private h3: Int32Array;
  private rows: Int32Array; // 0 = empty slot; row numbers are >= 1
  private cap: number;
  size = 0;
  // The hash state of the key being built (begin → part* → add/has).
  private a = 0;
  private b = 0;
  private c = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, Math.ceil(initialCapacity));
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.h3 = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.cap = cap;
  }

  /** Start a new key. */
  begin(): this {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x9747b28c | 0;
    this.c = 0x2545f491 | 0;
    return this;
  }

  /** Add one key part: a canonical string (tag 1), a number (tag 2, by its IEEE bits) or null (tag 3). */
  part(v: string | number | null): this {
    if (typeof v === 'number') {
      f64[0] = v === 0 ? 0 : v; // -0 and 0 are the same key
      this.mix(2);
      this.mix(at(u32, 0));
      this.mix(at(u32, 1));
    } else if (v === null) {
      this.mix(3);
    } else {
      this.mix(1);
      this.mix(v.length);
      for (let i = 0; i < v.length; i++) this.mix(v.charCodeAt(i));
    }
    return this;
  }

  private mix(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b + x, 0x5bd1e995) ^ (this.b >>> 15);
    const c = Math.imul(this.c ^ Math.imul(x, 0x2d), 0xcc9e2d51);
    this.c = (c << 13) | (c >>> 19);
  }

  /** The fingerprint of the key built so far (three ints at `out[at..at+2]`), to be probed elsewhere. */
  stateInto(out: Int32Array, at: number): void {
    out[at] = this.a;
    out[at + 1] = this.b;
    out[at + 2] = this.c;
  }

  /** Resume a key from a fingerprint written by `stateInto` (in another thread, perhaps). */
  withState(from: Int32Array, at: number): this {
    // Once per key of every row: `at` is a slot's offset into an array of three words per slot, so the
    // reads are in range by construction; a checked read here would cost per row for nothing.
    /* eslint-disable @typescript-eslint/no-non-null-assertion */
    this.a = from[at]!;
    this.b = from[at + 1]!;
    this.c = from[at + 2]!;
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    return this;
  }

  /** The slots in shared memory, for read-only lookups (`has`) in worker threads. */
  share(): SharedKeys {
    const copy = (a: Int32Array) => {
      const out = new Int32Array(new SharedArrayBuffer(a.byteLength));
      out.set(a);
      return out;
    };
    return { h1: copy(this.h1), h2: copy(this.h2), h3: copy(this.h3), rows: copy(this.rows), size: this.size };
  }

  static fromShared(s: SharedKeys): KeyIndex {
    const k = new KeyIndex(16);
    k.h1 = s.h1;
    k.h2 = s.h2;
    k.h3 = s.h3;
    k.rows = s.rows;
    k.cap = s.rows.length;
    k.size = s.size;
    return k;
  }

  /** Insert the key built so far; return the row of an earlier equal key (0 if new). The earlier row is kept. */
  add(rowNumber: number): number {
    return this.probe(rowNumber, true, false);
  }

  /** Insert or replace; return the previous row (0 if new): frictionless names the most recent earlier row. */
  addOrReplace(rowNumber: number): number {
    return this.probe(rowNumber, true, true);
  }

  has(): boolean {
    return this.probe(0, false, false) !== 0;
  }

  /** Convenience for a single string key. */
  addString(key: string, rowNumber: number): number {
    return this.begin().part(key).add(rowNumber);
  }

  hasString(key: string): boolean {
    return this.begin().part(key).has();
  }

  private probe(rowNumber: number, insert: boolean, replace: boolean): number {
    let a = this.a;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    const b = this.b ^ (this.b >>> 16);
    const c = Math.imul(this.c ^ (this.c >>> 16), 0x1b873593);
    const cap = this.cap;
    let slot = Math.floor(((a >>> 0) * cap) / 4294967296); // "fastrange": any capacity, not only powers of two
    const rows = this.rows;
    for (;;) {
      const r = at(rows, slot);
      if (r === 0) break;
      if (this.h1[slot] === a && this.h2[slot] === b && this.h3[slot] === c) {
        if (replace) rows[slot] = rowNumber;
        return r;
      }
      if (++slot === cap) slot = 0;
    }
    if (!insert) return 0;
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.h3[slot] = c;
    rows[slot] = rowNumber;
    this.size++;
    if (this.size * 5 > cap * 4) this.grow();
    return 0;
  }

  /** Grow by 1.5x (not 2x) at 80% load: fewer idle slots for the million-row tables the bench measures. */
  private grow(): void {
    const { h1, h2, h3, rows } = this;
    const cap = Math.ceil(this.cap * 1.5);
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.h3 = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    this.cap = cap;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] === 0) continue;
      let slot = Math.floor(((at(h1, i) >>> 0) * cap) / 4294967296);
      while (this.rows[slot] !== 0) if (++slot === cap) slot = 0;
      this.h1[slot] = at(h1, i);
      this.h2[slot] = at(h2, i);
      this.h3[slot] = at(h3, i);
      this.rows[slot] = at(rows, i);
    }
  }

  /** Bytes held by the typed arrays (for the memory notes in the README). */
  get bytes(): number {
    return this.rows.length * 16;
  }
}
