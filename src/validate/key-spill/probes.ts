/**
 * Stand-ins for the key indexes of a RowChecker (see its `makeIndex`), so the rows are read by the usual
 * code in both passes: in pass 1 a SpillSink writes each key's fingerprint to the bucket files instead of
 * remembering it; in pass 2 a DuplicateLookup answers addOrReplace from the duplicates resolved in
 * between, without hashing anything.
 */
import { KeyIndex } from '../key-index.js';
import type { BucketWriter } from './buckets.js';

function unused(): never {
  throw new Error('invariant broken: a key probe of the two-pass reader was asked for a lookup');
}

/** Pass 1 on all cores: the merger hands each fingerprint over (withState), then its row (addOrReplace). */
export class SpillSink extends KeyIndex {
  private from: Int32Array = new Int32Array(3);
  private i = 0;

  constructor(
    private readonly writer: BucketWriter,
    private readonly slot: number,
  ) {
    super(16);
  }

  override withState(from: Int32Array, at: number): this {
    this.from = from;
    this.i = at;
    return this;
  }

  /** Spill the key; 0, as for a new key (pass 1 reports nothing). */
  override addOrReplace(rowNumber: number): number {
    this.writer.add(this.slot, this.from, this.i, rowNumber);
    return 0;
  }

  override add(_rowNumber: number): number {
    return unused();
  }

  override has(): boolean {
    return unused();
  }

  /** Pass 1 merges by full fingerprint (the workers write no numbers in keysOnly mode). */
  override addOrReplaceLast(_v: number, _rowNumber: number): number {
    return unused();
  }

  override touch(_from: Int32Array, _at: number): number {
    return 0;
  }
}

/** Pass 2: the earlier row of a duplicate that can reach the report, 0 for every other key. */
export class DuplicateLookup extends KeyIndex {
  constructor(
    private readonly dups: ReadonlyMap<number, number>,
    private readonly slot: number,
    private readonly slotCount: number,
  ) {
    super(16);
  }

  override begin(): this {
    return this;
  }

  override part(_v: string | number | null): this {
    return this;
  }

  override withState(_from: Int32Array, _at: number): this {
    return this;
  }

  override addOrReplace(rowNumber: number): number {
    return this.dups.get(rowNumber * this.slotCount + this.slot) ?? 0;
  }

  // A key ending in a number (KeyIndex's ascending runs): the same answer, by row.
  override addOrReplaceLast(_v: number, rowNumber: number): number {
    return this.addOrReplace(rowNumber);
  }

  override addOrReplaceNumber(_v: number, rowNumber: number): number {
    return this.addOrReplace(rowNumber);
  }

  override touch(_from: Int32Array, _at: number): number {
    return 0;
  }

  override add(_rowNumber: number): number {
    return unused();
  }

  override has(): boolean {
    return unused();
  }
}
