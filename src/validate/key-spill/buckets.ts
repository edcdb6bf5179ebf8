/**
 * Key fingerprints on disk: records of five 32-bit ints (key slot, the three words of the 96-bit
 * fingerprint, row number) appended to bucket files partitioned by fingerprint bits, so every
 * occurrence of one key lands in one bucket, in row order; then each bucket is replayed into a fresh
 * KeyIndex (see resolve.ts). Written synchronously through a small buffer per bucket.
 */
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { at } from '../../invariant.js';

/** Ints in one record: slot, fingerprint a, b, c, row. */
export const RECORD_INTS = 5;
const RECORD_BYTES = RECORD_INTS * 4;
/** Records buffered per bucket before a write (40 KiB). */
const BUFFER_RECORDS = 2048;
/** Records read at a time when a bucket is replayed or split (1.25 MiB). */
const BLOCK_RECORDS = 1 << 16;
/** Most bucket files open at once. */
export const MAX_BUCKETS = 256;

/**
 * Which of `n` buckets a fingerprint goes to. `level` differs for each split of an oversized bucket, so
 * the keys of one bucket spread over its parts (the KeyIndex places slots by the first word; this
 * mixes the other two).
 */
export function bucketOf(b: number, c: number, n: number, level: number): number {
  let h = b ^ Math.imul(c ^ (c >>> 15), 0x2c1b3c6d) ^ Math.imul(level + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return Math.floor(((h >>> 0) * n) / 4294967296);
}

export class BucketWriter {
  readonly files: string[];
  private readonly fds: number[];
  private readonly bufs: Int32Array[];
  private readonly fill: number[];
  private readonly written: number[];
  /** Records per bucket and slot: counts[k * slots + s]. */
  private readonly counts: Float64Array;
  private open = true;

  constructor(
    dir: string,
    prefix: string,
    readonly n: number,
    private readonly slots: number,
    private readonly level: number,
  ) {
    this.files = [];
    this.fds = [];
    this.bufs = [];
    try {
      for (let k = 0; k < n; k++) {
        const file = join(dir, `${prefix}${k}`);
        this.fds.push(openSync(file, 'w'));
        this.files.push(file);
        this.bufs.push(new Int32Array(BUFFER_RECORDS * RECORD_INTS));
      }
    } catch (e) {
      for (const fd of this.fds) closeSync(fd);
      throw e;
    }
    this.fill = new Array<number>(n).fill(0);
    this.written = new Array<number>(n).fill(0);
    this.counts = new Float64Array(n * slots);
  }

  /** Append key slot `slot` of row `row`, its fingerprint at from[i..i+2]. */
  add(slot: number, from: Int32Array, i: number, row: number): void {
    const a = at(from, i);
    const b = at(from, i + 1);
    const c = at(from, i + 2);
    const k = this.n === 1 ? 0 : bucketOf(b, c, this.n, this.level);
    const buf = at(this.bufs, k);
    let o = at(this.fill, k);
    buf[o++] = slot;
    buf[o++] = a;
    buf[o++] = b;
    buf[o++] = c;
    buf[o++] = row;
    this.fill[k] = o;
    const ci = k * this.slots + slot;
    this.counts[ci] = at(this.counts, ci) + 1;
    if (o === buf.length) this.flush(k);
  }

  /** Records of bucket k per slot. */
  slotCounts(k: number): number[] {
    return Array.from(this.counts.subarray(k * this.slots, (k + 1) * this.slots));
  }

  private flush(k: number): void {
    const bytes = at(this.fill, k) * 4;
    if (bytes === 0) return;
    const buf = at(this.bufs, k);
    const view = Buffer.from(buf.buffer, buf.byteOffset, bytes);
    let done = 0;
    while (done < bytes) done += writeSync(at(this.fds, k), view, done, bytes - done, at(this.written, k) + done);
    this.written[k] = at(this.written, k) + bytes;
    this.fill[k] = 0;
  }

  /** Forget everything written (the keys are read again from the start). */
  reset(): void {
    for (let k = 0; k < this.n; k++) {
      ftruncateSync(at(this.fds, k), 0);
      this.fill[k] = 0;
      this.written[k] = 0;
    }
    this.counts.fill(0);
  }

  /** Write what is buffered and close the files (idempotent). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    try {
      for (let k = 0; k < this.n; k++) this.flush(k);
    } finally {
      for (const fd of this.fds) closeSync(fd);
      this.bufs.length = 0;
    }
  }
}

/** Call `fn` with the records of a bucket file in order, a block at a time (the block array is reused). */
export function forEachBlock(file: string, records: number, fn: (recs: Int32Array, count: number) => void): void {
  if (records === 0) return;
  const block = new Int32Array(Math.min(records, BLOCK_RECORDS) * RECORD_INTS);
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  const fd = openSync(file, 'r');
  try {
    for (let done = 0; done < records; ) {
      const count = Math.min(records - done, BLOCK_RECORDS);
      const want = count * RECORD_BYTES;
      for (let got = 0; got < want; ) {
        const n = readSync(fd, bytes, got, want - got, done * RECORD_BYTES + got);
        if (n === 0) throw new Error(`invariant broken: the key bucket ${file} ended early`);
        got += n;
      }
      fn(block, count);
      done += count;
    }
  } finally {
    closeSync(fd);
  }
}
