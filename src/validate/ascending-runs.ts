/**
 * Keys whose last part is a number, kept as ascending runs (see KeyIndex.addOrReplaceLast): one run per
 * key prefix (the fingerprint state after the other parts; for a key of one number, the empty prefix),
 * each a list of numbers in strictly ascending order with their rows. Ids and (code, sequence) keys
 * mostly come in ascending order per prefix: a key is then appended to its run, an access to memory the
 * cache already holds, where a hashed slot among a million is a cache miss.
 */

/** Prefixes tracked at most; a key with one more prefix makes the index move every run into its slots. */
const MAX_RUNS = 4096;
/** The prefix table: MAX_RUNS at most half full (4 words a slot: a, b, c, run + 1). */
const TABLE = 8192;
/** A later run's first size (the first run starts at the size the index is presized for). */
const SMALL_RUN = 64;

/** `add`'s answer when the number is not in the run and not above its last: the caller uses the slots. */
export const NOT_IN_RUN = -1;

export class AscendingRuns {
  /** Numbers held in all runs. */
  size = 0;
  private readonly table = new Int32Array(TABLE * 4);
  private readonly prefixes: number[] = [];
  private values: Float64Array[] = [];
  private rows: Int32Array[] = [];
  private lens: number[] = [];

  constructor(private readonly firstCapacity: number) {}

  /** The run of a prefix (created when new), or -1 when there would be more than MAX_RUNS. */
  find(a: number, b: number, c: number): number {
    const t = this.table;
    let h = Math.imul(a ^ (a >>> 16), 0x45d9f3b);
    h ^= h >>> 16;
    let p = (h & (TABLE - 1)) * 4;
    // p is a slot's offset below t.length: in range by construction (once per key of every row).
    /* eslint-disable @typescript-eslint/no-non-null-assertion */
    for (;;) {
      const id = t[p + 3]!;
      if (id === 0) break;
      if (t[p] === a && t[p + 1] === b && t[p + 2] === c) return id - 1;
      p = (p + 4) & (TABLE * 4 - 1);
    }
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    const id = this.lens.length;
    if (id >= MAX_RUNS) return -1;
    t[p] = a;
    t[p + 1] = b;
    t[p + 2] = c;
    t[p + 3] = id + 1;
    this.prefixes.push(a, b, c);
    const cap = id === 0 ? Math.max(1024, this.firstCapacity) : SMALL_RUN;
    this.values.push(new Float64Array(cap));
    this.rows.push(new Int32Array(cap));
    this.lens.push(0);
    return id;
  }

  /**
   * Add number `v` (not NaN) with its row to run `id`: 0 when it is above the run's last (appended; every
   * number of this prefix outside the run is at most that last, so it is new), the run's row for it when
   * the run holds it (replaced by `row`), else NOT_IN_RUN.
   */
  add(id: number, v: number, row: number): number {
    let values = this.values[id];
    let rows = this.rows[id];
    const len = this.lens[id];
    if (values === undefined || rows === undefined || len === undefined) throw new Error(`invariant broken: no run ${id}`);
    // Reads below len <= values.length: in range by construction.
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion
    if (len === 0 || v > values[len - 1]!) {
      if (len === values.length) {
        const grown = new Float64Array(len * 2);
        grown.set(values);
        const grownRows = new Int32Array(len * 2);
        grownRows.set(rows);
        this.values[id] = values = grown;
        this.rows[id] = rows = grownRows;
      }
      values[len] = v;
      rows[len] = row;
      this.lens[id] = len + 1;
      this.size++;
      return 0;
    }
    // binary search: the numbers are strictly ascending
    let lo = 0;
    let hi = len - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const x = values[mid] ?? NaN;
      if (x < v) lo = mid + 1;
      else if (x > v) hi = mid - 1;
      else {
        const prev = rows[mid] ?? 0;
        rows[mid] = row;
        return prev;
      }
    }
    return NOT_IN_RUN;
  }

  /** Every number held, with its prefix and row (to move them into the slots). */
  forEach(fn: (a: number, b: number, c: number, v: number, row: number) => void): void {
    this.lens.forEach((len, id) => {
      const values = this.values[id];
      const rows = this.rows[id];
      const [a = 0, b = 0, c = 0] = this.prefixes.slice(id * 3, id * 3 + 3);
      if (!values || !rows) return;
      for (let k = 0; k < len; k++) fn(a, b, c, values[k] ?? NaN, rows[k] ?? 0);
    });
  }

  /** Bytes written: the prefix table, the first run as far as filled (presized, its pages committed as written), the later runs whole (grown by copying). */
  get residentBytes(): number {
    let n = this.table.byteLength;
    this.lens.forEach((len, id) => (n += (id === 0 ? len : (this.values[id]?.length ?? 0)) * 12));
    return n;
  }

  /** Bytes held by the runs' arrays (and the prefix table). */
  get bytes(): number {
    let n = this.table.byteLength;
    for (const v of this.values) n += v.length * 12;
    return n;
  }
}
