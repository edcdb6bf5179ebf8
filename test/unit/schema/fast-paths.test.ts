/**
 * The hot-path parsers and checks give exactly what the general path gives: integers and decimals
 * parsed by char codes (against Python's int() / Number()), and bounds compared without the comparator.
 */
import { describe, expect, it } from 'vitest';
import { compileField, INVALID } from '../../../src/schema/cast.js';
import { PY_INT, pyInt } from '../../../src/schema/readers/common.js';
import { plainDecimalValue, plainIntValue } from '../../../src/schema/readers/numeric.js';
import { smallStringSet } from '../../../src/schema/constraints.js';
import { numberAt } from '../../../src/table/xlsx-scan.js';
import type { Field } from '../../../src/schema/types.js';

const TRICKY = [
  '0', '7', '-0', '+0', '-7', '+7', '007', '-007', '123456789012345', '-123456789012345', '+123456789012345',
  '1234567890123456', '9007199254740993', '99999999999999999999', '', '-', '+', '--1', '+-1', '1-', ' 1', '1 ', '\t1',
  '1_000', '1e5', '1E5', '0x10', '1.0', '.5', '5.', '.', '-.5', '+.5', '-5.', '1.2.3', '0.1', '0.30000000000000004',
  '12345678.901234', '1234567890.12345', '123456789012.3456', '0.000000000000001', '00000000000000.1', '-0.0', '-0.000',
  '\u0661\u0662', '１２', '1\u00a0', 'NaN', 'inf', '-Infinity', '1,5', '٣', '12a', 'a12',
];

describe('plainIntValue: the char-code integer path', () => {
  it.each(TRICKY)('%j: NaN (the general path decides) or exactly Python int()', (s) => {
    const v = plainIntValue(s);
    if (Number.isNaN(v)) return;
    expect(PY_INT.test(s)).toBe(true);
    expect(Object.is(v, Number(s))).toBe(true); // -0 stays -0, as Number('-0')
    expect(v).toBe(Number(pyInt(s)));
  });

  it.each([
    ['0', 0], ['-0', -0], ['+12', 12], ['007', 7], ['-123456789012345', -123456789012345], ['+999999999999999', 999999999999999],
  ] as const)('takes the common form %j', (s, want) => {
    expect(Object.is(plainIntValue(s), want)).toBe(true);
  });

  it.each(['', '-', '+', ' 1', '1 ', '1_0', '1e5', '1.0', '1234567890123456', '\u0661', '１', '0x1', '--1'])('leaves %j to the general path', (s) => {
    expect(plainIntValue(s)).toBeNaN();
  });
});

describe('numberAt: the XLSX scanner reads a number inside its text (the same fast path, by offsets)', () => {
  it.each([...TRICKY, '0.1', '-0.0', '.5', '5.', '+.5', '1234567890.12345', '', '1e5', '  7', 'abc', '123456789012345678'])('%j between other text: exactly Number() of the slice', (t) => {
    const s = `<v>${t}</v>`;
    expect(Object.is(numberAt(s, 3, 3 + t.length), Number(t))).toBe(true);
  });
});

describe('plainDecimalValue: the char-code decimal path', () => {
  it.each(TRICKY)('%j: NaN (the general path decides) or exactly Number()', (s) => {
    const v = plainDecimalValue(s);
    if (Number.isNaN(v)) return;
    expect(Object.is(v, Number(s))).toBe(true);
  });

  it.each([
    ['0.1', 0.1], ['-0.0', -0], ['.5', 0.5], ['5.', 5], ['+.5', 0.5], ['00000000000000.1', 0.1], ['1234567890.12345', 1234567890.12345],
  ] as const)('takes the common form %j', (s, want) => {
    expect(Object.is(plainDecimalValue(s), want)).toBe(true);
  });

  it.each(['', '.', '-', '-.', '1.2.3', '1e5', '1_0', ' 1', '1234567890123456', '0.1234567890123456', '\u0661', 'NaN'])('leaves %j to the general path', (s) => {
    expect(plainDecimalValue(s)).toBeNaN();
  });

  it('agrees with Number() on 20,000 generated decimals of 1-15 digits (correct rounding)', () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    let taken = 0;
    for (let k = 0; k < 20000; k++) {
      const digits = 1 + rnd(15);
      let s = '';
      for (let d = 0; d < digits; d++) s += String(rnd(10));
      const point = rnd(digits + 2) - 1; // -1: no point; digits: a trailing point
      if (point >= 0) s = s.slice(0, point) + '.' + s.slice(point);
      if (rnd(3) === 0) s = (rnd(2) ? '-' : '+') + s;
      const v = plainDecimalValue(s);
      expect(Object.is(v, Number(s)), s).toBe(true);
      taken++;
    }
    expect(taken).toBe(20000);
  });
});

describe('readers: the fast paths change no result', () => {
  const cast = (field: Field, s: string) => compileField(field).cast(s);
  const same = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? Object.is(a, b) : a === b);

  // groupChar '~' (absent from these texts) forces the general integer path
  it.each(TRICKY.filter((s) => !/\s/.test(s)))('integer %j', (s) => {
    expect(same(cast({ name: 'x', type: 'integer' }, s), cast({ name: 'x', type: 'integer', groupChar: '~' }, s))).toBe(true);
  });

  // decimalChar '.' declared explicitly forces the general number path with the same meaning
  it.each(TRICKY)('number %j', (s) => {
    expect(same(cast({ name: 'x', type: 'number' }, s), cast({ name: 'x', type: 'number', decimalChar: '.' }, s))).toBe(true);
  });

  it.each([
    ['2024', 2024], ['0999', 999], ['+123', 123], ['-123', INVALID], ['-000', -0], ['1e03', INVALID], ['12_3', 123], ['203', INVALID], [' 203', 203],
  ] as const)('year %j', (s, want) => {
    expect(same(cast({ name: 'x', type: 'year' }, s), want)).toBe(true);
  });
});

describe('bounds: compared directly, as the comparator did', () => {
  // The comparator the bounds used before: NaN fails every bound; values that compare neither way count as equal.
  const cmp = (a: unknown, b: unknown) => {
    if (typeof a === 'number' && Number.isNaN(a)) return NaN;
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  };
  const want: Record<string, (c: number) => boolean> = {
    minimum: (c) => c >= 0, maximum: (c) => c <= 0, exclusiveMinimum: (c) => c > 0, exclusiveMaximum: (c) => c < 0,
  };
  const cells = ['-1', '0', '-0', '1', '2.5', 'NaN', 'inf', '-inf', '99999999999999999999'];
  const cases: [string, string | number, string][] = [];
  for (const type of ['integer', 'number']) {
    for (const bound of [0, 1, 2.5, 'NaN', 'inf', '-inf', '99999999999999999999']) {
      for (const name of Object.keys(want)) {
        for (const cell of cells) cases.push([type, bound, `${name} ${cell}`]);
      }
    }
  }
  it.each(cases)('%s, bound %j: %s', (type, bound, what) => {
    const [name = '', cell = ''] = what.split(' ');
    const f = compileField({ name: 'x', type, constraints: { [name]: bound } });
    const v = f.cast(cell);
    const b = f.cast(String(bound));
    if (v === INVALID || b === INVALID) return; // not a value of this type
    const passes = f.check(v) === undefined;
    expect(passes).toBe(want[name]?.(cmp(v, b)));
  });

  it.each([
    ['date', '2024-01-01', '2023-12-31', false], ['date', '2024-01-01', '2024-01-01', true], ['year', 2000, '1999', false],
    ['yearmonth', '2021-06', '2021-07', true],
  ] as const)('%s minimum %j, cell %j passes: %s', (type, bound, cell, ok) => {
    const f = compileField({ name: 'x', type, constraints: { minimum: bound } });
    expect(f.check(f.cast(cell)) === undefined).toBe(ok);
  });
});

describe('constraints: one and two tests unrolled, in order', () => {
  it.each<[Record<string, unknown>, string, string[]]>([
    [{ maxLength: 3 }, 'abcd', ['maxLength']],
    [{ maxLength: 3 }, '😀😀😀', []], // 6 UTF-16 units, 3 code points
    [{ maxLength: 2 }, '😀😀😀', ['maxLength']],
    [{ minLength: 2, maxLength: 3 }, 'a', ['minLength']],
    [{ minLength: 2, maxLength: 3 }, 'abcd', ['maxLength']],
    [{ minLength: 5, enum: ['zz'] }, 'a', ['minLength', 'enum']],
    [{ minLength: 1, enum: ['zz'] }, 'zz', []],
    [{ enum: ['1', 'a'] }, '1', []],
    [{ minLength: 5, pattern: 'b', enum: ['zz'] }, 'a', ['minLength', 'pattern', 'enum']],
  ])('%j on %j fails %j', (constraints, cell, failing) => {
    const f = compileField({ name: 'x', constraints });
    expect((f.check(f.cast(cell)) ?? []).map((x) => x.constraint)).toEqual(failing);
  });

  it('enum of an integer field compares values, not texts', () => {
    const f = compileField({ name: 'x', type: 'integer', constraints: { enum: ['01', 2] } });
    expect(f.check(f.cast('1'))).toBeUndefined();
    expect(f.check(f.cast('3'))?.map((x) => x.constraint)).toEqual(['enum']);
  });

  it.each([
    [[''], true], [['', ''], true], [['NA'], false], [['', 'NA'], false], [[], false],
  ] as const)('missingValues %j: only the empty text is missing: %s', (missingValues, only) => {
    const f = compileField({ name: 'x' }, [...missingValues]);
    expect(f.onlyEmptyMissing).toBe(only);
    if (only) for (const c of ['', null, 'NA', ' ']) expect(f.isMissing(c)).toBe(c === '' || c === null);
  });
});

describe('smallStringSet: enum membership without hashing', () => {
  const values = ['73.71.01', '73.71.10', '73.71.11', '', 'banjir', 'Banjir', 'é', 'e\u0301', '😀', 'angin puting beliung'];
  const has = smallStringSet(values);
  it.each([
    ...values.map((v) => [v, true] as const),
    ['73.71.1', false], ['73.71.011', false], ['73.71.00', false], ['banjir ', false], ['BANJIR', false], ['e', false],
    ['😁', false], ['\ud83d', false], [' ', false], ['angin puting beliunG', false],
  ] as const)('%j: %s', (s, want) => {
    expect(has(s)).toBe(want);
  });

  it('agrees with a Set on 5,000 generated texts, for sets of 1 to 64 values', () => {
    let seed = 99;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const word = () => Array.from({ length: rnd(6) }, () => 'ab1.é😀'.charAt(rnd(7))).join('');
    for (const size of [1, 2, 15, 16, 17, 64]) {
      const set = new Set(Array.from({ length: size }, word));
      const small = smallStringSet([...set]);
      for (let k = 0; k < 5000; k++) {
        const w = word();
        expect(small(w), w).toBe(set.has(w));
      }
    }
  });
});

describe('boolean reader: values looked up in buckets, as the Map did', () => {
  it.each<[Partial<Field>, string, unknown]>([
    [{}, 'true', true], [{}, 'True', true], [{}, 'TRUE', true], [{}, '1', true], [{}, 'false', false], [{}, '0', false],
    [{}, 'tRUE', INVALID], [{}, ' true', INVALID], [{}, '', INVALID], [{}, 'yes', INVALID], [{}, '01', INVALID],
    [{ trueValues: ['ya', 'Y'], falseValues: ['tidak', 'T'] }, 'ya', true], [{ trueValues: ['ya', 'Y'], falseValues: ['tidak', 'T'] }, 'T', false],
    [{ trueValues: ['ya', 'Y'], falseValues: ['tidak', 'T'] }, 'true', INVALID],
    [{ trueValues: ['x'], falseValues: ['x'] }, 'x', false], // in both lists: falseValues are set last
    [{ trueValues: ['', 'ok'], falseValues: [] }, '', true],
  ])('%j %j', (field, cell, want) => {
    const f = compileField({ name: 'b', type: 'boolean', ...field }, ['NA']);
    expect(f.cast(cell)).toBe(want);
  });
});
