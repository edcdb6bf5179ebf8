import { at } from '../../invariant.js';
/**
 * Sets of code points for the linear-time pattern engine: ranges, Unicode properties and the
 * shorthand classes, in two flavours. `xsd` (Table Schema `pattern`) follows Python `re`, which
 * frictionless-py runs: `\d` is any Unicode decimal digit (as in XML Schema), `\w` letters, digits
 * and `_`, `\s` Python's whitespace, `.` anything but `\n`. `ecma` (JSON Schema `pattern`, which
 * ajv runs) follows JavaScript: ASCII `\d`/`\w`, JS `\s`, `.` not a line terminator.
 * Membership of one code point never backtracks: a native RegExp only ever tests one character.
 */

export type Flavor = 'xsd' | 'ecma';
export type CharTest = (cp: number) => boolean;

const oneChar = (re: RegExp): CharTest => (cp) => re.test(String.fromCodePoint(cp));
const ranges = (flat: number[]): CharTest => (cp) => {
  for (let i = 0; i < flat.length; i += 2) if (cp >= at(flat, i) && cp <= at(flat, i + 1)) return true;
  return false;
};

// Python str.isspace(): \t-\r, \x1c-\x1f, space, NEL, NBSP and the Unicode Zs/Zl/Zp separators
const PY_SPACE = [9, 13, 0x1c, 0x20, 0x85, 0x85, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a,
  0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000];

const SHORTHAND: Record<Flavor, Record<'d' | 'w' | 's', CharTest>> = {
  xsd: { d: oneChar(/^\p{Nd}$/u), w: oneChar(/^[\p{L}\p{N}_]$/u), s: ranges(PY_SPACE) },
  ecma: { d: ranges([48, 57]), w: ranges([48, 57, 65, 90, 95, 95, 97, 122]), s: oneChar(/^\s$/u) },
};

/** `\d \D \w \W \s \S` of a flavour. */
export function shorthand(flavor: Flavor, letter: string): CharTest {
  const t = SHORTHAND[flavor][letter.toLowerCase() as 'd' | 'w' | 's'];
  return letter === letter.toLowerCase() ? t : (cp) => !t(cp);
}

/** `\p{Name}` / `\P{Name}`: a general category, script or binary property JavaScript knows; undefined if unknown. */
export function property(name: string, negated: boolean): CharTest | undefined {
  if (!/^[A-Za-z_]+(?:=[A-Za-z_]+)?$/.test(name)) return undefined;
  let re: RegExp;
  try { re = new RegExp(`^\\p{${name}}$`, 'u'); } catch { return undefined; }
  const t = oneChar(re);
  return negated ? (cp) => !t(cp) : t;
}

export function dot(flavor: Flavor): CharSet {
  return new CharSet(flavor === 'xsd' ? [10, 10] : [10, 10, 13, 13, 0x2028, 0x2029], [], true);
}

/** A union of code-point ranges and tests, possibly negated; answers beyond ASCII are cached. */
export class CharSet {
  private readonly cache = new Map<number, boolean>();

  constructor(private readonly flat: number[], private readonly tests: CharTest[], private readonly negated: boolean) {}

  static literal(cp: number): CharSet { return new CharSet([cp, cp], [], false); }

  private compute(cp: number): boolean {
    let hit = false;
    for (let i = 0; i < this.flat.length && !hit; i += 2) hit = cp >= at(this.flat, i) && cp <= at(this.flat, i + 1);
    for (let i = 0; i < this.tests.length && !hit; i++) hit = at(this.tests, i)(cp);
    return hit !== this.negated;
  }

  has(cp: number): boolean {
    if (cp < 128) return this.compute(cp);
    let v = this.cache.get(cp);
    if (v === undefined) {
      v = this.compute(cp);
      if (this.cache.size < 4096) this.cache.set(cp, v);
    }
    return v;
  }
}
