/**
 * Compile-time refusal of catastrophic `pattern` constraints. JS regexes cannot time out, so a
 * pattern such as `(a+)+` would hang the validator on one long cell. We parse the pattern into
 * atoms and groups and refuse a repeated group (`*`, `+`, `{n,}` or `{n,m}` with m > 1) when
 *  - its body holds an unbounded quantifier and no mandatory literal separates the repetitions
 *    (`(a+)+`, `(.*a){20}` are refused; `([a-z]+\.)*` and `(ab+)+` are fine: `\.`/`a` cannot be
 *    eaten by the inner loop, so each input splits one way only), or
 *  - it is unbounded and two alternatives can start with the same character (`(a|a)*`, `(\d|\w)+`).
 * This is a heuristic in the spirit of safe-regex: it may refuse an unusual safe pattern (the
 * message asks to simplify it) but refuses every classic ReDoS shape.
 */

interface Atom { kind: 'atom'; src: string; min: number; max: number }
interface Group { kind: 'group'; alts: Node[][]; src: string; min: number; max: number }
type Node = Atom | Group;

const PROBE: string[] = [];
for (let c = 0x20; c < 0x7f; c++) PROBE.push(String.fromCharCode(c));
PROBE.push('\t', '\n', 'é', 'ا');

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (this.i < this.s.length) {
      const c = this.s[this.i]!;
      if (c === ')') break;
      if (c === '|') { this.i++; alts.push([]); continue; }
      alts[alts.length - 1]!.push(this.node());
    }
    return alts;
  }

  node(): Node {
    const start = this.i;
    const c = this.s[this.i]!;
    let node: Node;
    if (c === '(') {
      this.i++;
      const lookaround = /^\?(?:[=!]|<[=!])/.test(this.s.slice(this.i, this.i + 3));
      if (this.s[this.i] === '?') {
        const m = /^\?(?::|[=!]|<[=!]|<[^>]*>)/.exec(this.s.slice(this.i));
        this.i += m ? m[0].length : 1;
      }
      const alts = this.alternatives();
      this.i++; // ')'
      // a lookaround consumes nothing: treat it as an empty atom
      node = lookaround ? { kind: 'atom', src: '', min: 0, max: 0 } : { kind: 'group', alts, src: this.s.slice(start, this.i), min: 1, max: 1 };
    } else {
      if (c === '[') {
        this.i++;
        if (this.s[this.i] === '^') this.i++;
        if (this.s[this.i] === ']') this.i++;
        while (this.i < this.s.length && this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1;
        this.i++;
      } else if (c === '\\') {
        const m = /^\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|k<[^>]*>|[\s\S])/.exec(this.s.slice(this.i));
        this.i += m ? m[0].length : 1;
      } else this.i++;
      node = { kind: 'atom', src: this.s.slice(start, this.i), min: 1, max: 1 };
    }
    const q = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/.exec(this.s.slice(this.i));
    if (q) {
      this.i += q[0].length;
      if (q[1] === '*') { node.min = 0; node.max = Infinity; }
      else if (q[1] === '+') { node.max = Infinity; }
      else if (q[1] === '?') { node.min = 0; }
      else {
        node.min = Number(q[2]);
        node.max = q[3] === undefined ? node.min : q[4] === '' ? Infinity : Number(q[4]);
      }
    }
    return node;
  }
}

function chars(src: string, flags: string): Set<string> {
  const set = new Set<string>();
  if (src === '') return set;
  let re: RegExp;
  try { re = new RegExp(`^(?:${src})`, flags); } catch { return set; }
  for (const c of PROBE) if (re.test(c) || re.test(c + c + c + 'x')) set.add(c);
  return set;
}

/** Atoms (by source) that sit under an unbounded quantifier inside `alts`. */
function unboundedInside(alts: Node[][]): string[] {
  const out: string[] = [];
  for (const seq of alts) for (const n of seq) {
    if (n.max === Infinity) out.push(n.src);
    else if (n.kind === 'group') out.push(...unboundedInside(n.alts));
  }
  return out;
}

function dangerous(g: Group, flags: string): boolean {
  if (g.max <= 1) return false;
  const inner = unboundedInside(g.alts);
  if (inner.length > 0) {
    // safe only if one branch-free, mandatory literal char cannot be matched by any inner loop
    if (g.alts.length !== 1) return true;
    const loops = inner.map((src) => chars(src, flags));
    const separator = g.alts[0]!.some((n) => n.kind === 'atom' && n.min >= 1 && n.src !== ''
      && [...chars(n.src, flags)].every((c) => loops.every((l) => !l.has(c)))
      && chars(n.src, flags).size > 0);
    if (!separator) return true;
  }
  if (g.max === Infinity && g.alts.length > 1) {
    const firsts = g.alts.map((seq) => (seq[0] ? chars(seq[0].src, flags) : new Set<string>()));
    for (let a = 0; a < firsts.length; a++) for (let b = a + 1; b < firsts.length; b++) {
      for (const c of firsts[a]!) if (firsts[b]!.has(c)) return true;
    }
  }
  return false;
}

function walk(alts: Node[][], flags: string): boolean {
  for (const seq of alts) for (const n of seq) {
    if (n.kind === 'group' && (dangerous(n, flags) || walk(n.alts, flags))) return true;
  }
  return false;
}

/** True when `pattern` (already known to compile) has a nested or overlapping unbounded repetition. */
export function isCatastrophic(pattern: string, flags = 'u'): boolean {
  const p = new Parser(pattern);
  const alts = p.alternatives();
  // the whole pattern is itself repeated once (no outer loop), so only groups can be dangerous;
  // `(?:p)` wrapping in cast.ts adds no quantifier
  return walk(alts, flags);
}
