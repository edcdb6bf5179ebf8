/**
 * A compact set of keys for unique / primaryKey / uniqueKeys / foreignKey checks.
 *
 * A Set of joined strings costs ~60-100 bytes per row plus a string per key; this stores, per slot, a
 * 96-bit fingerprint of the key (three independent 32-bit hashes) and the row number, side by side in
 * one typed array (16 bytes a slot: a probe touches one cache line, not four; open addressing, at most
 * 80% full). Key parts are hashed one by one as they come (numbers by their
 * bits, strings by their characters, each with a type tag), so composite keys never build a joined string.
 * Two different keys would collide only if all 96 bits agreed (for 10 million keys the chance is about
 * 1e-14): equality is verified on the full fingerprint, not only on the slot.
 *
 * Keys whose last part is a number and that ascend per prefix, the usual case (an id column; a code and
 * a sequence number), are kept apart in ascending runs (AscendingRuns: the numbers and their rows,
 * appended: no random memory access per key, which is what a slot costs for a million keys);
 * `addOrReplaceLast` appends a number above its run's last, else looks it up in the run (binary
 * search) and then in the slots. Any operation by fingerprint alone (add, addOrReplace, has, share)
 * first moves the runs into the slots, so callers that mix both ways still see every key.
 */

import { AscendingRuns, NOT_IN_RUN } from './ascending-runs.js';

const f64 = new Float64Array(1);

/** A KeyIndex's slots, as `share` hands them to worker threads. */
export interface SharedKeys {
  /** SLOT words a slot: the fingerprint's three words, then the row (0: an empty slot). */
  slots: Int32Array;
  size: number;
}
/** Words in a slot: a, b, c (the fingerprint), row. */
const SLOT = 4;
const u32 = new Uint32Array(f64.buffer);

export class KeyIndex {
  /** cap slots of SLOT words: [a, b, c, row]; row 0 = an empty slot (row numbers are >= 1). */
  private slots: Int32Array;
  private cap: number;
  /** Keys held: in the slots and in the run. */
  size = 0;
  /** Keys in the slots (the load factor). */
  private used = 0;
  /** Keys ending in a number, by prefix (see AscendingRuns); created on the first such key. */
  private runs: AscendingRuns | undefined;
  /** False once the runs were moved into the slots: such keys then go to the slots too. */
  private runsOpen = true;
  // The hash state of the key being built (begin → part* → add/has).
  private a = 0;
  private b = 0;
  private c = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, Math.ceil(initialCapacity));
    this.slots = new Int32Array(cap * SLOT);
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
      /* eslint-disable @typescript-eslint/no-non-null-assertion -- two words of an 8-byte buffer */
      this.mix(u32[0]!);
      this.mix(u32[1]!);
      /* eslint-enable @typescript-eslint/no-non-null-assertion */
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
    this.closeRuns();
    const slots = new Int32Array(new SharedArrayBuffer(this.slots.byteLength));
    slots.set(this.slots);
    return { slots, size: this.size };
  }

  static fromShared(s: SharedKeys): KeyIndex {
    const k = new KeyIndex(16);
    k.slots = s.slots;
    k.cap = s.slots.length / SLOT;
    k.size = s.size;
    k.used = s.size;
    k.runsOpen = false;
    return k;
  }

  /** Insert the key built so far; return the row of an earlier equal key (0 if new). The earlier row is kept. */
  add(rowNumber: number): number {
    if (this.runs) this.closeRuns();
    return this.probe(rowNumber, true, false);
  }

  /** Insert or replace; return the previous row (0 if new): frictionless names the most recent earlier row. */
  addOrReplace(rowNumber: number): number {
    if (this.runs) this.closeRuns();
    return this.probe(rowNumber, true, true);
  }

  has(): boolean {
    if (this.runs) this.closeRuns();
    return this.probe(0, false, false) !== 0;
  }

  /**
   * `begin().part(v).addOrReplace(rowNumber)` for a key of one number (see addOrReplaceLast).
   */
  addOrReplaceNumber(v: number, rowNumber: number): number {
    return this.begin().addOrReplaceLast(v, rowNumber);
  }

  /**
   * `part(v).addOrReplace(rowNumber)`, the key built so far being the prefix and `v` its last part, with
   * the same result; a number above every earlier number of its prefix goes to that prefix's ascending
   * run instead of a slot.
   */
  addOrReplaceLast(v: number, rowNumber: number): number {
    if (this.runsOpen && v === v) {
      const runs = (this.runs ??= new AscendingRuns(Math.ceil(this.cap * 0.8)));
      const id = runs.find(this.a, this.b, this.c);
      if (id >= 0) {
        const r = runs.add(id, v, rowNumber);
        if (r === 0) this.size++;
        if (r !== NOT_IN_RUN) return r;
      } else this.closeRuns(); // too many prefixes: the slots only, from now on
    }
    return this.part(v).probe(rowNumber, true, true);
  }

  /** Move the runs into the slots (their keys are in no slot: each was above every earlier one of its prefix). */
  private closeRuns(): void {
    const runs = this.runs;
    this.runs = undefined;
    this.runsOpen = false;
    if (!runs) return;
    const { a, b, c } = this; // the key being built, kept
    this.size -= runs.size;
    runs.forEach((pa, pb, pc, v, row) => {
      this.a = pa;
      this.b = pb;
      this.c = pc;
      this.part(v).probe(row, true, false);
    });
    this.a = a;
    this.b = b;
    this.c = c;
  }

  /** Convenience for a single string key. */
  addString(key: string, rowNumber: number): number {
    return this.begin().part(key).add(rowNumber);
  }

  hasString(key: string): boolean {
    return this.begin().part(key).has();
  }

  /**
   * Read the first slot a fingerprint written by `stateInto` probes, and nothing else: a prefetch. A
   * probe is a cache miss (the slots of a million keys span tens of MiB); touching the slots of many
   * keys in a tight loop first lets the CPU wait for those misses together, not one after another.
   * Returns the word read (callers fold it into a sink so the read is not optimised away).
   */
  touch(from: Int32Array, at: number): number {
    /* eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- as in withState */
    const a = KeyIndex.slotHash(from[at]!);
    return this.slots[Math.floor(((a >>> 0) * this.cap) / 4294967296) * SLOT + 3] ?? 0;
  }

  private static slotHash(a: number): number {
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    return a ^ (a >>> 13);
  }

  private probe(rowNumber: number, insert: boolean, replace: boolean): number {
    const a = KeyIndex.slotHash(this.a);
    const b = this.b ^ (this.b >>> 16);
    const c = Math.imul(this.c ^ (this.c >>> 16), 0x1b873593);
    const cap = this.cap;
    const slots = this.slots;
    let p = Math.floor(((a >>> 0) * cap) / 4294967296) * SLOT; // "fastrange": any capacity, not only powers of two
    const end = cap * SLOT;
    // Once per key of every row (2 million probes on the bench): `p` stays a slot's offset below
    // `end` = slots.length, so the reads are in range by construction (a checked read costs per probe).
    /* eslint-disable @typescript-eslint/no-non-null-assertion */
    for (;;) {
      const r = slots[p + 3]!;
      if (r === 0) break;
      if (slots[p] === a && slots[p + 1] === b && slots[p + 2] === c) {
        if (replace) slots[p + 3] = rowNumber;
        return r;
      }
      p += SLOT;
      if (p === end) p = 0;
    }
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    if (!insert) return 0;
    slots[p] = a;
    slots[p + 1] = b;
    slots[p + 2] = c;
    slots[p + 3] = rowNumber;
    this.size++;
    this.used++;
    if (this.used * 5 > cap * 4) this.grow();
    return 0;
  }

  /** Grow by 1.5x (not 2x) at 80% load: fewer idle slots for the million-row tables the bench measures. */
  private grow(): void {
    const old = this.slots;
    const cap = Math.ceil(this.cap * 1.5);
    const slots = new Int32Array(cap * SLOT);
    const end = cap * SLOT;
    /* eslint-disable @typescript-eslint/no-non-null-assertion -- offsets of whole slots below each array's length */
    for (let i = 0; i < old.length; i += SLOT) {
      if (old[i + 3] === 0) continue;
      const a = old[i]!;
      let p = Math.floor(((a >>> 0) * cap) / 4294967296) * SLOT;
      while (slots[p + 3] !== 0) {
        p += SLOT;
        if (p === end) p = 0;
      }
      slots[p] = a;
      slots[p + 1] = old[i + 1]!;
      slots[p + 2] = old[i + 2]!;
      slots[p + 3] = old[i + 3]!;
    }
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    this.slots = slots;
    this.cap = cap;
  }

  /** Bytes held by the typed arrays (for the memory notes in the README). */
  get bytes(): number {
    return this.slots.length * 4 + (this.runs?.bytes ?? 0);
  }

  /**
   * Bytes of memory the index has written to, what the two-pass reader limits (RowChecker.keyBytes):
   * the slots are presized but their pages are committed only when a key lands on them (a key in a slot
   * touches a page of its own until every page is touched), and the runs' arrays as far as written.
   * `bytes` counts what is reserved: an index whose keys all ascend reserves its slots but never uses them.
   */
  get residentBytes(): number {
    return Math.min(this.slots.length * 4, this.used * 4096) + (this.runs?.residentBytes ?? 0);
  }
}
