/**
 * A Thompson NFA run as a Pike VM without captures: every instruction is visited at most once per
 * input character, so a match costs at most (length + 1) x (program size) steps, whatever the
 * pattern. Counted repetitions are expanded, so the program size is capped (`MAX_PROGRAM`) and a
 * larger pattern is refused when compiled, never slowed down when run.
 */
import { notes } from '../../i18n.js';
import type { CharSet } from './charset.js';
import { PatternRefusal, type Node } from './parse.js';
import { at } from '../../invariant.js';

/** Instructions a pattern may compile to (bounds the work per character). */
export const MAX_PROGRAM = 700;

const CHR = 0, SPLIT = 1, BOL = 2, EOL = 3, MATCH = 4;
/** Memory of one pattern's lazy DFA, in 4-byte slots (~200 KB). */
const DFA_ROOM = 50_000;

/** Instructions `n` compiles to, stopping early once past `cap`. */
function size(n: Node, cap: number): number {
  switch (n.k) {
    case 'chr': case 'bol': case 'eol': return 1;
    case 'cat': case 'alt': {
      let s = n.k === 'alt' ? n.xs.length - 1 : 0;
      for (const x of n.xs) { s += size(x, cap); if (s > cap) return s; }
      return s;
    }
    case 'rep': {
      const one = size(n.x, cap);
      const copies = n.max === -1 ? n.min * one + one + 1 : n.min * one + (n.max - n.min) * (one + 1);
      return Math.min(copies, cap + 1);
    }
  }
}

export class Machine {
  private readonly op: Uint8Array;
  private readonly out: Int32Array;
  private readonly alt: Int32Array;
  /** Distinct character sets, their ASCII answers (128 per set) and each instruction's set. */
  private readonly sets: CharSet[] = [];
  private readonly ascii: Uint8Array;
  private readonly setOf: Int32Array;
  /** Per CHR instruction: its set's row in `ascii` (set << 7). */
  private readonly row: Int32Array;
  /** Per CHR instruction: its successor if that is a CHR too, else ~successor (negative). */
  private readonly fast: Int32Array;
  /** `gen` of the last thread list that reached MATCH (MATCH is never kept in a list). */
  private matchGen = -1;
  private readonly start: number;
  private readonly n: number;
  // run-time scratch, reused by every match
  private cur: Int32Array;
  private nxt: Int32Array;
  private readonly mark: Int32Array;
  private readonly stack: Int32Array;
  private gen = 0;
  /**
   * Instructions visited by the last match: each at most once per position, so never above
   * (length + 1) x size (scanning the thread lists costs at most as much again).
   */
  steps = 0;

  constructor(root: Node) {
    const total = size(root, MAX_PROGRAM) + 1;
    if (total > MAX_PROGRAM) {
      throw new PatternRefusal('too-large', ...notes('pattern.limit.program', { max: MAX_PROGRAM }));
    }
    this.op = new Uint8Array(total);
    this.out = new Int32Array(total);
    this.alt = new Int32Array(total);
    this.setOf = new Int32Array(total).fill(-1);
    const ids = new Map<CharSet, number>();
    let pc = 0;
    const emit = (op: number, out: number, alt = -1, set?: CharSet): number => {
      this.op[pc] = op; this.out[pc] = out; this.alt[pc] = alt;
      if (set) {
        let id = ids.get(set);
        if (id === undefined) { id = this.sets.length; ids.set(set, id); this.sets.push(set); }
        this.setOf[pc] = id;
      }
      return pc++;
    };
    /** Emits `node` so that it continues at `next`; returns its entry. Built back to front. */
    const build = (node: Node, next: number): number => {
      switch (node.k) {
        case 'chr': return emit(CHR, next, -1, node.set);
        case 'bol': return emit(BOL, next);
        case 'eol': return emit(EOL, next);
        case 'cat': {
          for (let k = node.xs.length - 1; k >= 0; k--) next = build(at(node.xs, k), next);
          return next;
        }
        case 'alt': {
          let entry = build(at(node.xs, node.xs.length - 1), next);
          for (let k = node.xs.length - 2; k >= 0; k--) entry = emit(SPLIT, build(at(node.xs, k), next), entry);
          return entry;
        }
        case 'rep': {
          let entry: number;
          if (node.max === -1) {
            entry = emit(SPLIT, -1, next);
            this.out[entry] = build(node.x, entry); // loop back to the split
          } else {
            entry = next;
            for (let k = node.min; k < node.max; k++) entry = emit(SPLIT, build(node.x, entry), next);
          }
          for (let k = 0; k < node.min; k++) entry = build(node.x, entry);
          return entry;
        }
      }
    };
    this.start = build(root, emit(MATCH, -1));
    this.n = pc;
    this.ascii = new Uint8Array(this.sets.length * 128);
    this.row = new Int32Array(this.n);
    this.fast = new Int32Array(this.n);
    for (let p = 0; p < this.n; p++) {
      if (this.op[p] !== CHR) continue;
      this.row[p] = at(this.setOf, p) << 7;
      const t = at(this.out, p);
      this.fast[p] = this.op[t] === CHR ? t : ~t;
    }
    this.sets.forEach((set, id) => { for (let cp = 0; cp < 128; cp++) this.ascii[(id << 7) + cp] = set.has(cp) ? 1 : 0; });
    this.cur = new Int32Array(this.n);
    this.nxt = new Int32Array(this.n);
    this.mark = new Int32Array(this.n);
    this.stack = new Int32Array(this.n);
  }

  get size(): number { return this.n; }

  // The matching loops below read the Int32Array tables with `!`: every index is a program counter
  // below `n` (the tables' length), a position below a thread list's length, or a state id the DFA
  // handed out. A checked read (at()) here costs 10-15% of a cell's pattern check (measured), so the
  // invariant is stated once instead of checked per character.
  /* eslint-disable @typescript-eslint/no-non-null-assertion */

  /** Adds the threads reachable from `pc` without consuming input; returns the new list length. */
  private add(list: Int32Array, len: number, pc: number, atStart: boolean, atEnd: boolean): number {
    const { op, out, alt, mark, stack, gen } = this;
    if (mark[pc] === gen) return len;
    mark[pc] = gen;
    let sp = 0;
    stack[sp++] = pc;
    while (sp > 0) {
      const p = stack[--sp]!;
      this.steps++;
      let follow = -1;
      switch (op[p]) {
        case CHR: list[len++] = p; break;
        case MATCH: this.matchGen = gen; break;
        case SPLIT:
          if (mark[alt[p]!] !== gen) { mark[alt[p]!] = gen; stack[sp++] = alt[p]!; }
          follow = out[p]!;
          break;
        case BOL: if (atStart) follow = out[p]!; break;
        case EOL: if (atEnd) follow = out[p]!; break;
      }
      if (follow >= 0 && mark[follow] !== gen) { mark[follow] = gen; stack[sp++] = follow; }
    }
    return len;
  }

  /** Whole-string match (`anywhere` false) or a match anywhere in `s` (JSON Schema's `pattern`). */
  run(s: string, anywhere: boolean): boolean {
    this.steps = 0;
    const end = s.length;
    if (this.gen > 0x3fffffff - 2 * end) { this.mark.fill(0); this.gen = 0; this.matchGen = -1; }
    if (!anywhere && end > 1) return this.runCached(s);
    const gen = ++this.gen;
    const len = this.add(this.cur, 0, this.start, true, end === 0);
    if ((anywhere || end === 0) && this.matchGen === gen) return true;
    return this.simulate(s, 0, len, anywhere);
  }

  /** The Pike VM from position `from`, with `len` threads in `this.cur`. */
  private simulate(s: string, from: number, len: number, anywhere: boolean): boolean {
    const end = s.length;
    const { mark, row, fast, ascii, sets, setOf } = this;
    let cur = this.cur, nxt = this.nxt, steps = 0, result = false;
    for (let i = from; i < end;) {
      const cp = s.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      const atEnd = i >= end;
      const gen = ++this.gen;
      let nlen = 0;
      for (let k = 0; k < len; k++) {
        const pc = cur[k]!;
        if (cp < 128 ? ascii[row[pc]! + cp] === 0 : !sets[setOf[pc]!]!.has(cp)) continue;
        const t = fast[pc]!;
        if (t >= 0) {
          if (mark[t] !== gen) { mark[t] = gen; nxt[nlen++] = t; steps++; }
        } else nlen = this.add(nxt, nlen, ~t, false, atEnd);
      }
      if (anywhere) {
        nlen = this.add(nxt, nlen, this.start, false, atEnd);
        if (this.matchGen === gen) { result = true; break; }
      }
      const swap = cur; cur = nxt; nxt = swap; len = nlen;
      if (atEnd) result = this.matchGen === gen;
      else if (len === 0 && !anywhere) break; // no thread left before the end: no match
    }
    this.cur = cur; this.nxt = nxt;
    this.steps += steps;
    return result;
  }

  // A lazy DFA over the same threads: each thread set met on ASCII text (but the last character,
  // which may meet `$`) becomes a state whose transitions are remembered, so a typical cell costs
  // one table lookup per character. Its memory is bounded (DFA_ROOM); past it, the Pike VM goes on.
  private dfaStart = -1;
  private readonly dfaIds = new Map<string, number>();
  private readonly dfaPcs: Int32Array[] = [];
  private readonly dfaNext: Int32Array[] = [];
  private dfaRoom = DFA_ROOM;

  /** The state of a thread set, -3 when there is no room for a new one. */
  private intern(list: Int32Array, len: number): number {
    if (this.dfaRoom < len + 128) return -3;
    const pcs = list.slice(0, len).sort();
    const key = pcs.join(',');
    let id = this.dfaIds.get(key);
    if (id !== undefined) return id;
    this.dfaRoom -= len + 128;
    id = this.dfaPcs.length;
    this.dfaIds.set(key, id);
    this.dfaPcs.push(pcs);
    this.dfaNext.push(new Int32Array(128).fill(-1));
    return id;
  }

  /** Next state of `st` on ASCII `c` (not the last character): -2 no thread left, -3 no room. */
  private step(st: number, c: number): number {
    const { out, row, ascii } = this;
    const pcs = this.dfaPcs[st]!;
    this.gen++;
    let len = 0;
    for (let k = 0; k < pcs.length; k++) {
      const pc = pcs[k]!;
      if (ascii[row[pc]! + c] === 1) len = this.add(this.nxt, len, out[pc]!, false, false);
    }
    const id = len === 0 ? -2 : this.intern(this.nxt, len);
    if (id !== -3) this.dfaNext[st]![c] = id;
    return id;
  }

  private runCached(s: string): boolean {
    const end = s.length;
    if (this.dfaStart === -1) {
      this.gen++;
      this.dfaStart = this.intern(this.cur, this.add(this.cur, 0, this.start, true, false));
    }
    let st = this.dfaStart, i = 0;
    while (st >= 0 && i < end - 1) {
      const c = s.charCodeAt(i);
      if (c >= 128) break;
      let next = this.dfaNext[st]![c]!;
      if (next === -1) next = this.step(st, c);
      if (next === -2) return false;
      if (next < 0) break;
      st = next; i++; this.steps++;
    }
    if (st < 0) { // no room for the start state: the Pike VM from the start
      this.gen++;
      return this.simulate(s, 0, this.add(this.cur, 0, this.start, true, false), false);
    }
    const pcs = this.dfaPcs[st]!;
    this.cur.set(pcs);
    return this.simulate(s, i, pcs.length, false);
  }
  /* eslint-enable @typescript-eslint/no-non-null-assertion */
}
