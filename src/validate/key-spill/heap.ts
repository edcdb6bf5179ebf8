import { at } from '../../invariant.js';

/**
 * The `capacity` smallest keys offered, each with a value: a max-heap whose root is the largest kept
 * key, so a key larger than every kept one is refused in O(1) and a smaller one replaces the root in
 * O(log capacity). Memory stays bounded by the capacity however many keys are offered.
 */
export class BoundedHeap {
  private readonly keys: number[] = [];
  private readonly values: number[] = [];

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.keys.length;
  }

  offer(key: number, value: number): void {
    const { keys, values } = this;
    if (keys.length < this.capacity) {
      keys.push(key);
      values.push(value);
      this.up(keys.length - 1);
    } else if (keys.length > 0 && key < at(keys, 0)) {
      keys[0] = key;
      values[0] = value;
      this.down(0);
    }
  }

  /** The kept keys and their values. */
  toMap(): Map<number, number> {
    const m = new Map<number, number>();
    for (let i = 0; i < this.keys.length; i++) m.set(at(this.keys, i), at(this.values, i));
    return m;
  }

  private swap(i: number, j: number): void {
    const { keys, values } = this;
    const k = at(keys, i);
    keys[i] = at(keys, j);
    keys[j] = k;
    const v = at(values, i);
    values[i] = at(values, j);
    values[j] = v;
  }

  private up(i: number): void {
    const keys = this.keys;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at(keys, p) >= at(keys, i)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const keys = this.keys;
    const n = keys.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let big = i;
      if (l < n && at(keys, l) > at(keys, big)) big = l;
      if (r < n && at(keys, r) > at(keys, big)) big = r;
      if (big === i) return;
      this.swap(i, big);
      i = big;
    }
  }
}
