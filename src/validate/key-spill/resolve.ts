/**
 * The duplicates of spilled keys: each bucket's records, in row order, go into a fresh KeyIndex per key
 * slot with addOrReplace, exactly as the one-pass reader adds them (so "the same as in the row at
 * position n" names the most recent earlier row, as frictionless does), and each duplicate found is
 * offered to a bounded heap that keeps only those that can reach the report.
 */
import { unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { at } from '../../invariant.js';
import { KeyIndex } from '../key-index.js';
import { BucketWriter, forEachBlock, MAX_BUCKETS, RECORD_INTS } from './buckets.js';
import type { BoundedHeap } from './heap.js';

/** A bucket with more keys than this is split again (at most MAX_SPLITS times: one key repeated fills a bucket however it is split). */
const MAX_SPLITS = 3;

export interface ResolveContext {
  slots: number;
  /** Keys one bucket's KeyIndexes may hold (their memory: ~20 bytes a key). */
  maxKeys: number;
  /** Duplicates keyed row * slots + slot, valued with the earlier row. */
  heap: BoundedHeap;
}

/** Replay `count` records (in row order) into the slot indexes; duplicates go to the heap. */
export function resolveRecords(recs: Int32Array, count: number, indexes: readonly KeyIndex[], ctx: ResolveContext): void {
  const { slots, heap } = ctx;
  for (let i = 0, o = 0; i < count; i++, o += RECORD_INTS) {
    const s = at(recs, o);
    const row = at(recs, o + 4);
    const prev = at(indexes, s).withState(recs, o + 1).addOrReplace(row);
    if (prev) heap.offer(row * slots + s, prev);
  }
}

/** Resolve every bucket of a closed writer; each bucket file is deleted once read. */
export function resolveBuckets(writer: BucketWriter, ctx: ResolveContext, level = 0): void {
  for (let k = 0; k < writer.n; k++) resolveBucket(at(writer.files, k), writer.slotCounts(k), ctx, level);
}

function resolveBucket(file: string, counts: number[], ctx: ResolveContext, level: number): void {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total > ctx.maxKeys && level < MAX_SPLITS) {
    // The file was larger than estimated (or its keys unevenly spread): split it by other bits.
    const parts = Math.min(MAX_BUCKETS, Math.max(2, Math.ceil((total * 2) / ctx.maxKeys)));
    const w = new BucketWriter(dirname(file), `${basename(file)}.`, parts, ctx.slots, level + 1);
    try {
      forEachBlock(file, total, (recs, count) => {
        for (let i = 0; i < count; i++) {
          const o = i * RECORD_INTS;
          w.add(at(recs, o), recs, o + 1, at(recs, o + 4));
        }
      });
    } finally {
      w.close();
    }
    unlinkSync(file);
    resolveBuckets(w, ctx, level + 1);
    return;
  }
  // Presized for the keys counted (a repeated key takes one slot: the index grows only if needed).
  const indexes = counts.map((n) => new KeyIndex(Math.min(n, ctx.maxKeys) / 0.8));
  forEachBlock(file, total, (recs, count) => resolveRecords(recs, count, indexes, ctx));
  unlinkSync(file);
}
