import { describe, expect, it } from 'vitest';
import { compilePattern, patternNoteId, refusalNote } from '../../../src/schema/pattern.js';
import { compileRegex, MAX_PROGRAM, PatternRefusal } from '../../../src/schema/regex/index.js';
import { compileField } from '../../../src/schema/cast.js';

const full = (p: string, s: string): boolean => {
  const r = compilePattern(p);
  if (!r.ok) throw new Error(r.note);
  return r.regex.test(s);
};

// [pattern, values that must match, values that must not] — Table Schema (XML Schema) patterns,
// implicitly anchored, with frictionless-py's (Python `re`) meaning of \d \w \s and `.`
const table: Array<[string, string[], string[]]> = [
  ['[0-9]{4}', ['2023', '0000'], ['202', '20234', ' 2023', '2023\n', '']],
  ['73[0-9]{2}\\.[0-9]{2}', ['7371.01'], ['7371x01', '737.01']],
  ['a|bc', ['a', 'bc'], ['abc', 'ac', 'b', '']], // the alternation is anchored as a whole
  ['(Laki-laki|Perempuan)', ['Laki-laki', 'Perempuan'], ['laki-laki', 'Laki-lakiPerempuan']],
  ['\\d{16}', ['3171234567890123', '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦'], ['317123456789012', '3171 234567890123']],
  ['\\w+', ['José', 'kode_1', 'Ñandú', '漢字'], ['a b', 'a-b', '']],
  ['\\W', ['-', ' ', '\u00a0'], ['a', 'é', '_', '5']],
  ['\\s', [' ', '\t', '\n', '\u00a0', '\u3000', '\u001f'], ['a', '\ufeff', '']],
  ['\\S+', ['abc'], ['a c']],
  ['.', ['a', '\r', '😀', 'é'], ['\n', '', 'ab']],
  ['\\p{L}+', ['Makassar', 'ᨆᨀᨔᨑ'], ['Makassar1', '']],
  ['\\p{Lu}\\p{Ll}*', ['Makassar'], ['makassar']],
  ['\\P{N}', ['a'], ['5']],
  ['[A-Z][a-z]+( [A-Z][a-z]+)*', ['Kota Makassar', 'Gowa'], ['kota Makassar', 'Kota  Makassar']],
  ['[^@]+@[^@]+\\.[a-z]{2,}', ['a@b.go.id'], ['a@@b.id', 'a@b.c']],
  ['(19|20)\\d{2}', ['1999', '2024'], ['2100', '199']],
  ['(\\d{3}-)?\\d{4}', ['123-4567', '4567'], ['123-456', '1234567-']],
  ['(?:RT|RW) ?\\d{1,3}', ['RT 05', 'RW005'], ['RT 0005', 'rt 05']],
  ['P[0-9]+(\\.[0-9]+)*', ['P1', 'P1.2.3'], ['P', 'P1.', 'P.1']],
  ['[a-z0-9_-]{2,100}', ['dinas-kesehatan', 'ab'], ['a', 'Dinas']],
  ['[-a-z]+', ['a-b'], ['A']],
  ['[a-]+', ['a-'], ['b']],
  ['[]a]+', [']a'], ['b']], // Python: a leading ] is a literal
  ['[^]a]', ['b'], [']', 'a']],
  ['[\\d-]+', ['12-34'], ['a']],
  ['[\\W\\d]+', ['5-', ' 9'], ['a']],
  ['[^\\W\\d]+', ['abc', 'é_'], ['ab1', 'a-']],
  ['x*', ['', 'xxx'], ['y']],
  ['x+?', ['x', 'xx'], ['']],
  ['x{2,}', ['xx', 'xxxx'], ['x']],
  ['x{,2}', ['', 'xx'], ['xxx']], // Python's {,n}
  ['x{2', ['x{2'], ['xx']], // not a quantifier: a literal, as in Python
  ['a{0}b', ['b'], ['ab']],
  ['^abc$', ['abc'], ['abcd']], // ^ and $ are anchors, as in frictionless-py
  ['a^b', [], ['ab', 'a^b']],
  ['\\Aab\\Z', ['ab'], ['abc']],
  ['\\-\\.\\/\\:', ['-./:'], ['-./']],
  ['\\t\\x41\\u0042\\U00000043\\n', ['\tABC\n'], ['ABC']],
  ['😀{2}', ['😀😀'], ['😀']],
  ['[😀-😂]', ['😁'], ['😃']],
  ['(?P<tahun>\\d{4})-(?<bulan>\\d{2})', ['2023-12'], ['2023-1']],
  ['a(?#komentar)b', ['ab'], ['a(?#komentar)b']],
  ['', [''], ['a']],
  ['x|', ['', 'x'], ['xx']],
  ['(a*)*b', ['b', 'aab'], ['aa']],
  ['(a|a){1,40}', ['a', 'a'.repeat(40)], ['a'.repeat(41), '']],
];

describe('Table Schema patterns: what matches', () => {
  it.each(table)('%s', (p, yes, no) => {
    for (const s of yes) expect(full(p, s), `${JSON.stringify(s)} should match`).toBe(true);
    for (const s of no) expect(full(p, s), `${JSON.stringify(s)} should not match`).toBe(false);
  });

  it('checks a cell through compileField like any constraint', () => {
    const f = compileField({ name: 'x', constraints: { pattern: 'a|bc' } });
    expect(f.check('bc')).toBeUndefined();
    expect(f.check('abc')?.map((c) => c.constraint)).toEqual(['pattern']);
  });
});

// [pattern, kind, what the note must name]
const refused: Array<[string, string, string]> = [
  ['(a)\\1', 'unsupported', 'backreference "\\1"'],
  ['(?<x>a)\\k<x>', 'unsupported', 'backreference "\\k"'],
  ['(?P<x>a)(?P=x)', 'unsupported', 'backreference "(?P="'],
  ['(?=(a+)+$)a*', 'unsupported', 'lookaround "(?="'],
  ['(?!a)b', 'unsupported', 'lookaround "(?!"'],
  ['(?<=a)b', 'unsupported', 'lookaround "(?<="'],
  ['(?<!a)b', 'unsupported', 'lookaround "(?<!"'],
  ['(?>a+)b', 'unsupported', 'atomic group "(?>"'],
  ['a++b', 'unsupported', 'possessive quantifier'],
  ['a{2}+', 'unsupported', 'possessive quantifier'],
  ['\\bkota\\b', 'unsupported', 'word boundary "\\b"'],
  ['[a-z-[aeiou]]', 'unsupported', 'character class subtraction "-["'],
  ['\\p{IsBasicLatin}+', 'unsupported', 'Unicode block escape "\\p{IsBasicLatin}"'],
  ['\\i\\c*', 'unsupported', 'XML name-character escape "\\i"'],
  ['\\p{Klingon}', 'unsupported', 'unknown Unicode property "\\p{Klingon}"'],
  ['(?i)kota', 'unsupported', 'inline flags or group "(?i"'],
  ['(?(1)a|b)', 'unsupported', 'conditional group "(?("'],
  ['([a-z', 'syntax', 'unterminated character set'],
  ['(a', 'syntax', 'missing )'],
  ['a)|(b', 'syntax', 'unbalanced parenthesis'], // never read as `^(?:a)|(b)$`
  ['*a', 'syntax', 'nothing to repeat'],
  ['^*', 'syntax', 'nothing to repeat'],
  ['a**', 'syntax', 'multiple repeat'],
  ['a{3,2}', 'syntax', 'min repeat greater than max repeat'],
  ['[z-a]', 'syntax', 'bad character range'],
  ['\\q', 'syntax', 'bad escape \\q'],
  ['a\\', 'syntax', 'bad escape (end of pattern)'],
  ['\\x4', 'syntax', 'incomplete escape'],
  ['((a{1,10}){1,10}){1,10}', 'too-large', `more than ${MAX_PROGRAM} instructions`],
  ['(?:a{1,30}){1,30}b', 'too-large', `more than ${MAX_PROGRAM} instructions`],
  ['[0-9]{1,2000}', 'too-large', `more than ${MAX_PROGRAM} instructions`],
  ['('.repeat(300) + 'a' + ')'.repeat(300), 'too-large', 'groups nested more than 200 deep'],
  ['a'.repeat(20_001), 'too-large', 'longer than 20000 characters'],
  ['a'.repeat(9_000) + '|' + 'a'.repeat(9_000), 'too-large', `more than ${MAX_PROGRAM} instructions`], // no stack overflow
];

describe('constructs the linear-time engine cannot run are refused, naming them', () => {
  it.each(refused)('%s', (p, kind, named) => {
    let error: unknown;
    try { compileRegex(p, 'xsd'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(PatternRefusal);
    expect((error as PatternRefusal).kind).toBe(kind);
    expect((error as PatternRefusal).detail).toContain(named);
    const r = compilePattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.note).toContain(named);
      expect(r.note.startsWith(`pattern "${p}" `)).toBe(true);
    }
  });

  it('gives the note in English and Bahasa Indonesia, naming the field', () => {
    const e = new PatternRefusal('unsupported', 'lookaround "(?="');
    const note = refusalNote('(?=a)a', e, 'xsd', 'kode');
    expect(note).toBe('pattern "(?=a)a" of field "kode" cannot be checked: lookaround "(?=" is not supported (Table Schema patterns are XML Schema regular expressions, run in linear time)');
    expect(patternNoteId(note)).toBe('pola "(?=a)a" pada kolom "kode" tidak dapat diperiksa: lookaround "(?=" tidak didukung (satudata menjalankan pola dalam waktu linear; pola Table Schema adalah ekspresi reguler XML Schema)');
    const big = refusalNote('x{5000}', new PatternRefusal('too-large', 'more than 700 instructions after expanding repetitions', 'lebih dari 700 instruksi setelah pengulangan diuraikan'));
    expect(patternNoteId(big)).toContain('terlalu besar (lebih dari 700 instruksi');
    expect(patternNoteId('some other note')).toBeUndefined();
  });

  it('never runs a refused pattern on cells', () => {
    const f = compileField({ name: 'x', constraints: { pattern: '(?=(a+)+$)a*' } });
    expect(f.check('a'.repeat(40) + 'c')).toBeUndefined(); // reported once as a field-error instead
  });
});

// Against V8 on small random patterns and strings: any difference is a bug in the engine. The
// ECMAScript flavour (JSON Schema, a match anywhere) is compared as is; the XML Schema flavour
// (whole value, lazy DFA + Pike VM) with its Python classes spelled out for V8.
describe('agrees with RegExp on random small patterns', () => {
  let seed = 20261206;
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const pick = <T>(xs: T[]): T => xs[rand(xs.length)]!;
  // [ours, V8's for the XML Schema flavour]
  const atoms: Array<[string, string]> = [['a', 'a'], ['b', 'b'], ['c', 'c'], ['x', 'x'], ['1', '1'], [' ', ' '], ['é', 'é'], ['😀', '😀'],
    ['[ab]', '[ab]'], ['[^a]', '[^a]'], ['[a-c]', '[a-c]'], ['\\.', '\\.'], ['[\\d.]', '[\\p{Nd}.]'], ['.', '[^\\n]'],
    ['\\d', '\\p{Nd}'], ['\\w', '[\\p{L}\\p{N}_]'], ['\\W', '[^\\p{L}\\p{N}_]'], ['\\s', '[\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]']];
  function gen(depth: number): [string, string] {
    const n = 1 + rand(3);
    let ours = '', v8 = '';
    for (let k = 0; k < n; k++) {
      let a: [string, string];
      if (depth > 0 && rand(4) === 0) {
        const x = gen(depth - 1), y = rand(2) ? gen(depth - 1) : undefined;
        a = y ? [`(${x[0]}|${y[0]})`, `(${x[1]}|${y[1]})`] : [`(${x[0]})`, `(${x[1]})`];
      } else a = pick(atoms);
      if (rand(3) === 0) { const q = pick(['*', '+', '?', '{2}', '{1,3}', '{0,2}', '{2,}', '*?']); a = [a[0] + q, a[1] + q]; }
      ours += a[0]; v8 += a[1];
    }
    if (rand(6) === 0) { ours = '^' + ours; v8 = '^' + v8; }
    if (rand(6) === 0) { ours += '$'; v8 += '$'; }
    return [ours, v8];
  }
  const chars = ['a', 'b', 'c', 'x', '1', '9', '٣', ' ', '.', 'é', '😀', '\n', '\u00a0', '_', '-'];
  const str = (): string => Array.from({ length: rand(14) }, () => pick(chars)).join('');

  it('4,000 pattern/string pairs: anywhere (ECMAScript) and whole value (XML Schema)', () => {
    const mismatches: string[] = [];
    let matched = 0, wholeMatched = 0;
    for (let k = 0; k < 400; k++) {
      const [p, v8] = gen(2);
      const anywhere = compileRegex(p, 'ecma'), native = new RegExp(p, 'u');
      const whole = compileRegex(p, 'xsd'), nativeWhole = new RegExp(`^(?:${v8})$`, 'u');
      for (let j = 0; j < 10; j++) {
        const s = rand(3) === 0 ? str() : p.replace(/[^a-c1x ]/g, '').slice(0, 8) + str().slice(0, 3);
        if (native.test(s)) matched++;
        if (nativeWhole.test(s)) wholeMatched++;
        if (anywhere.test(s) !== native.test(s)) mismatches.push(`/${p}/ on ${JSON.stringify(s)}`);
        if (whole.test(s) !== nativeWhole.test(s)) mismatches.push(`xsd ${p} (V8 /^(?:${v8})$/) on ${JSON.stringify(s)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(matched).toBeGreaterThan(400); // both outcomes are exercised
    expect(matched).toBeLessThan(3600);
    expect(wholeMatched).toBeGreaterThan(60);
  });
});

describe('patterns satudata writes itself', () => {
  it('alternatives sharing a prefix share instructions', () => {
    const r = compileRegex('Januari|Jan|Juni|Juli|Jun|Jul', 'xsd');
    expect(r.size).toBeLessThan(20); // 22 letters and 5 choices unfactored
    for (const v of ['Januari', 'Jan', 'Juni', 'Juli', 'Jun', 'Jul']) expect(r.test(v)).toBe(true);
    for (const v of ['J', 'Ju', 'Janu', 'Julii', '']) expect(r.test(v)).toBe(false);
  });

  it('the Indonesian month-name pattern of describe compiles within the size cap', async () => {
    const { monthAlternation } = await import('../../../src/describe/months.js');
    const months = `(?:${monthAlternation()})\\.?`;
    const both = `(?:[0-3]?[0-9][ -]${months}[ -][0-9]{4})|(?:${months}[ -][0-9]{4})`;
    const r = compilePattern(both);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.regex.size).toBeLessThanOrEqual(MAX_PROGRAM);
      for (const v of ['31 Desember 2023', 'Des. 2023', '5 MEI 2020']) expect(r.regex.test(v)).toBe(true);
      expect(r.regex.test('31 December 2023')).toBe(false);
    }
  });
});
