/**
 * Parser of the regular expressions satudata runs: XML-Schema / Python `re` syntax for Table
 * Schema patterns (`xsd`), JavaScript syntax for JSON Schema patterns (`ecma`). What the
 * linear-time engine cannot run (backreferences, lookaround, atomic groups, possessive
 * quantifiers, word boundaries, class subtraction, ...) is refused with a `PatternRefusal` that
 * names the construct; nothing is silently read another way.
 */
import { notes } from '../../i18n.js';
import { CharSet, dot, property, shorthand, type CharTest, type Flavor } from './charset.js';
import { at } from '../../invariant.js';

export type Node =
  | { k: 'chr'; set: CharSet; lit?: number } // lit: the code point of a literal character
  | { k: 'bol' } | { k: 'eol' }
  | { k: 'cat'; xs: Node[] }
  | { k: 'alt'; xs: Node[] }
  | { k: 'rep'; x: Node; min: number; max: number }; // max -1: unbounded

export type RefusalKind = 'syntax' | 'unsupported' | 'too-large';

export class PatternRefusal extends Error {
  /** `detail` names the construct or the syntax error (English); `detailId` is its Bahasa Indonesia text. */
  constructor(readonly kind: RefusalKind, readonly detail: string, readonly detailId = detail) { super(detail); }
}

type Detail = Parameters<typeof notes>;
const syntax = (...d: Detail): PatternRefusal => new PatternRefusal('syntax', ...notes(...d));
const unsupported = (...d: Detail): PatternRefusal => new PatternRefusal('unsupported', ...notes(...d));
const MAX_DEPTH = 200;

type ClassItem = { lo: number; hi: number } | { test: CharTest };
type Escape = { cp: number } | { test: CharTest } | { node: Node };

const seq = (xs: Node[]): Node => (xs.length === 1 ? at(xs, 0) : { k: 'cat', xs });

/**
 * Alternatives sharing a leading literal share its instruction (`Januari|Jan|Juni` becomes
 * `J(?:an(?:uari|)|uni)`): the same language in fewer instructions, which matters for
 * enumerations under the program-size cap. The order of alternatives does not change a match.
 */
function factor(branches: Node[][], depth = 0): Node {
  if (depth > 32) return { k: 'alt', xs: branches.map(seq) }; // keeps the tree shallow
  const groups = new Map<number, Node[][]>();
  const order: Array<{ branch: Node[] } | { group: Node[][] }> = [];
  for (const b of branches) {
    const head = b[0];
    if (head?.k === 'chr' && head.lit !== undefined) {
      let g = groups.get(head.lit);
      if (!g) { g = []; groups.set(head.lit, g); order.push({ group: g }); }
      g.push(b);
    } else order.push({ branch: b });
  }
  const alts = order.map((o) => {
    if ('branch' in o) return seq(o.branch);
    const g = o.group;
    return g.length === 1 ? seq(at(g, 0)) : seq([at(at(g, 0), 0), factor(g.map((b) => b.slice(1)), depth + 1)]);
  });
  return alts.length === 1 ? at(alts, 0) : { k: 'alt', xs: alts };
}

export function parse(src: string, flavor: Flavor): Node {
  let i = 0;
  let depth = 0;
  const peek = (): string => src[i] ?? '';
  const cpAt = (): number => {
    const cp = src.codePointAt(i);
    if (cp === undefined) throw syntax('pattern.regex.unexpected_end');
    return cp;
  };
  const width = (cp: number): number => (cp > 0xffff ? 2 : 1);

  function alternation(): Node {
    const alts: Node[] = [sequence()];
    while (peek() === '|') { i++; alts.push(sequence()); }
    return alts.length === 1 ? at(alts, 0) : factor(alts.map((a) => (a.k === 'cat' ? a.xs : [a])));
  }

  function sequence(): Node {
    const xs: Node[] = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') {
      const start = i;
      const atom = atomAt();
      if (atom === null) continue; // a comment group
      xs.push(quantified(atom, start));
    }
    return xs.length === 1 ? at(xs, 0) : { k: 'cat', xs };
  }

  /** `{n}`, `{n,}`, `{,m}`, `{n,m}` at i (Python reads anything else as a literal `{`). */
  function braces(): { min: number; max: number; len: number } | undefined {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(src.slice(i, i + 40));
    if (!m || (m[1] === '' && m[2] === undefined)) return undefined;
    const min = m[1] === '' ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    return { min, max, len: m[0].length };
  }

  function quantifier(): { min: number; max: number } | undefined {
    const c = peek();
    if (c === '*') { i++; return { min: 0, max: -1 }; }
    if (c === '+') { i++; return { min: 1, max: -1 }; }
    if (c === '?') { i++; return { min: 0, max: 1 }; }
    const b = c === '{' ? braces() : undefined;
    if (b) { i += b.len; return b; }
    return undefined;
  }

  function quantified(atom: Node, start: number): Node {
    const q = quantifier();
    if (!q) return atom;
    if (atom.k === 'bol' || atom.k === 'eol') throw syntax('pattern.regex.nothing_to_repeat', { at: start });
    if (q.max !== -1 && q.min > q.max) throw syntax('pattern.regex.min_over_max', { at: start });
    if (peek() === '+') throw unsupported('pattern.regex.possessive');
    if (peek() === '?') i++; // lazy: the same set of matches
    if (quantifier()) throw syntax('pattern.regex.multiple_repeat', { at: i - 1 });
    return { k: 'rep', x: atom, min: q.min, max: q.max };
  }

  function group(): Node | null {
    i++; // '('
    if (peek() === '?') {
      const rest = src.slice(i, i + 4);
      if (rest.startsWith('?:')) i += 2;
      else if (/^\?P?<[A-Za-z_]/.test(rest)) {
        const close = src.indexOf('>', i);
        if (close < 0) throw syntax('pattern.regex.unterminated_name');
        i = close + 1;
      } else if (rest.startsWith('?#')) {
        const close = src.indexOf(')', i);
        if (close < 0) throw syntax('pattern.regex.unterminated_comment');
        i = close + 1;
        return null;
      } else if (/^\?<?[=!]/.test(rest)) throw unsupported('pattern.regex.lookaround', { construct: `(${rest.startsWith('?<') ? rest.slice(0, 3) : rest.slice(0, 2)}` });
      else if (rest.startsWith('?>')) throw unsupported('pattern.regex.atomic_group');
      else if (rest.startsWith('?P=')) throw unsupported('pattern.regex.backreference', { construct: '(?P=' });
      else if (rest.startsWith('?(')) throw unsupported('pattern.regex.conditional_group');
      else throw unsupported('pattern.regex.inline_flags', { construct: `(${rest.slice(0, 2)}` });
    }
    if (++depth > MAX_DEPTH) throw new PatternRefusal('too-large', ...notes('pattern.limit.depth', { max: MAX_DEPTH }));
    const inner = alternation();
    depth--;
    if (peek() !== ')') throw syntax('pattern.regex.unterminated_subpattern');
    i++;
    return inner;
  }

  function atomAt(): Node | null {
    const c = peek();
    switch (c) {
      case '(': return group();
      case '[': return { k: 'chr', set: charClass() };
      case '.': i++; return { k: 'chr', set: dot(flavor) };
      case '^': i++; return { k: 'bol' };
      case '$': i++; return { k: 'eol' };
      case '*': case '+': case '?': throw syntax('pattern.regex.nothing_to_repeat', { at: i });
      case '{': if (braces()) throw syntax('pattern.regex.nothing_to_repeat', { at: i }); break;
      case '\\': {
        const e = escape(false);
        if ('node' in e) return e.node;
        return 'cp' in e ? { k: 'chr', set: CharSet.literal(e.cp), lit: e.cp } : { k: 'chr', set: new CharSet([], [e.test], false) };
      }
    }
    const cp = cpAt();
    i += width(cp);
    return { k: 'chr', set: CharSet.literal(cp), lit: cp };
  }

  function hex(digits: number | 'braced', from: number): number {
    let text: string;
    if (digits === 'braced') {
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(src.slice(from));
      if (!m) throw syntax('pattern.regex.bad_escape_at', { at: from - 2 });
      text = at(m, 1);
      i = from + m[0].length;
    } else {
      text = src.slice(from, from + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(text)) throw syntax('pattern.regex.incomplete_escape', { at: from - 2 });
      i = from + digits;
    }
    const cp = parseInt(text, 16);
    if (cp > 0x10ffff) throw syntax('pattern.regex.bad_escape_at', { at: from - 2 });
    return cp;
  }

  /** One escape at i (a backslash); `inClass` inside `[...]`. */
  function escape(inClass: boolean): Escape {
    const at = i;
    i++;
    if (i >= src.length) throw syntax('pattern.regex.bad_escape_end');
    const c = peek();
    i++;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
    const plain = Object.hasOwn(simple, c) ? simple[c] : undefined;
    if (plain !== undefined) return { cp: plain };
    if (/[dDwWsS]/.test(c)) return { test: shorthand(flavor, c) };
    if (c === 'p' || c === 'P') {
      const m = /^\{([^}]*)\}/.exec(src.slice(i));
      if (!m) throw syntax('pattern.regex.bad_escape_char', { escape: `\\${c}`, at });
      i += m[0].length;
      const name = m[1] ?? '';
      if (/^Is/.test(name)) throw unsupported('pattern.regex.unicode_block', { construct: `\\${c}{${name}}` });
      const t = property(name, c === 'P');
      if (!t) throw unsupported('pattern.regex.unknown_property', { construct: `\\${c}{${name}}` });
      return { test: t };
    }
    if (c === 'x') return { cp: hex(2, i) };
    if (c === 'u') return { cp: flavor === 'ecma' && peek() === '{' ? hex('braced', i) : hex(4, i) };
    if (c === 'U' && flavor === 'xsd') return { cp: hex(8, i) };
    if (c === 'a' && flavor === 'xsd') return { cp: 7 };
    if (c === 'c' && flavor === 'ecma' && /[A-Za-z]/.test(peek())) { i++; return { cp: src.charCodeAt(i - 1) % 32 }; }
    if (c === '0') {
      if (flavor === 'xsd') { const m = /^[0-7]{0,2}/.exec(src.slice(i))?.[0] ?? ''; i += m.length; return { cp: parseInt('0' + m, 8) }; }
      if (!/[0-9]/.test(peek())) return { cp: 0 };
    }
    if (/[1-9]/.test(c) || (c === 'k' && peek() === '<')) throw unsupported('pattern.regex.backreference', { construct: `\\${c}` });
    if (c === 'b' && inClass) return { cp: 8 };
    if (c === 'b' || c === 'B') throw unsupported('pattern.regex.word_boundary', { construct: `\\${c}` });
    if (!inClass && flavor === 'xsd' && (c === 'A' || c === 'Z')) return { node: { k: c === 'A' ? 'bol' : 'eol' } };
    if (flavor === 'xsd' && /[iIcC]/.test(c)) throw unsupported('pattern.regex.xml_name_escape', { construct: `\\${c}` });
    if (/[A-Za-z0-9]/.test(c)) throw syntax('pattern.regex.bad_escape_char', { escape: `\\${c}`, at });
    i--;
    const cp = cpAt();
    i += width(cp);
    return { cp }; // an escaped punctuation or other character stands for itself
  }

  function charClass(): CharSet {
    const open = i;
    i++;
    const negated = peek() === '^';
    if (negated) i++;
    const items: ClassItem[] = [];
    if (peek() === ']') {
      if (flavor === 'ecma') { i++; return new CharSet([], [], negated); } // [] nothing, [^] anything
      items.push({ lo: 93, hi: 93 }); i++;
    }
    const single = (): ClassItem => {
      if (peek() === '\\') {
        const e = escape(true);
        if ('node' in e) throw syntax('pattern.regex.bad_escape_in_class');
        return 'cp' in e ? { lo: e.cp, hi: e.cp } : e;
      }
      const cp = cpAt();
      i += width(cp);
      return { lo: cp, hi: cp };
    };
    while (peek() !== ']') {
      if (i >= src.length) throw syntax('pattern.regex.unterminated_set', { at: open });
      if (flavor === 'xsd' && peek() === '-' && src[i + 1] === '[' && items.length > 0) throw unsupported('pattern.regex.class_subtraction');
      const lo = single();
      if (peek() === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
        if (src[i + 1] === '[' && flavor === 'xsd') throw unsupported('pattern.regex.class_subtraction');
        i++;
        const hi = single();
        if (!('lo' in lo) || !('lo' in hi) || lo.lo > hi.lo) throw syntax('pattern.regex.bad_range', { at: open });
        items.push({ lo: lo.lo, hi: hi.hi });
      } else items.push(lo);
    }
    i++;
    const flat: number[] = [];
    const tests: CharTest[] = [];
    for (const it of items) if ('lo' in it) flat.push(it.lo, it.hi); else tests.push(it.test);
    return new CharSet(flat, tests, negated);
  }

  const node = alternation();
  if (i < src.length) throw syntax('pattern.regex.unbalanced', { at: i });
  return node;
}
