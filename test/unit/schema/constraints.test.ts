/**
 * Constraints on logical values. Notes and order compared with frictionless-py 5.21 [fl]
 * (`Field.read_cell` notes); v2-only constraints (jsonSchema, categories) follow the v2 text.
 */
import { describe, expect, it } from 'vitest';
import { compileField, INVALID } from '../../../src/schema/cast.js';
import type { Field } from '../../../src/schema/types.js';

function failures(field: Partial<Field>, cell: string | null): string[] | undefined {
  const f = compileField({ name: 'x', ...field });
  const v = cell === null || f.isMissing(cell) ? null : f.cast(cell);
  expect(v).not.toBe(INVALID);
  return f.check(v)?.map((x) => x.note);
}

const cases: Array<[string, Partial<Field>, string | null, string[] | undefined]> = [
  ['required missing', { constraints: { required: true } }, '', ['constraint "required" is "True"']],
  ['required present', { constraints: { required: true } }, 'a', undefined],
  ['null passes other constraints', { type: 'integer', constraints: { minimum: 5, enum: [1] } }, '', undefined],
  ['minLength', { constraints: { minLength: 3 } }, 'ab', ['constraint "minLength" is "3"']],
  ['minLength counts code points', { constraints: { minLength: 2, maxLength: 2 } }, '😀😀', undefined],
  ['maxLength', { constraints: { maxLength: 2 } }, 'abc', ['constraint "maxLength" is "2"']],
  ['object length = keys', { type: 'object', constraints: { maxLength: 1 } }, '{"a":1,"b":2}', ['constraint "maxLength" is "1"']],
  ['array length = items', { type: 'array', constraints: { minLength: 3 } }, '[1,2]', ['constraint "minLength" is "3"']],
  ['list length = items', { type: 'list', constraints: { minLength: 2 } }, 'a', ['constraint "minLength" is "2"']],
  ['minimum', { type: 'integer', constraints: { minimum: 10 } }, '9', ['constraint "minimum" is "10"']],
  ['maximum', { type: 'integer', constraints: { maximum: 100 } }, '101', ['constraint "maximum" is "100"']],
  ['maximum inclusive', { type: 'integer', constraints: { maximum: 100 } }, '100', undefined],
  ['bound as string', { type: 'number', constraints: { maximum: '1.5' } }, '1.6', ['constraint "maximum" is "1.5"']],
  ['exclusiveMinimum', { type: 'number', constraints: { exclusiveMinimum: 0 } }, '0', ['constraint "exclusiveMinimum" is "0"']],
  ['exclusiveMaximum', { type: 'number', constraints: { exclusiveMaximum: 1 } }, '0.99', undefined],
  ['NaN fails bounds', { type: 'number', constraints: { minimum: 0 } }, 'NaN', ['constraint "minimum" is "0"']],
  ['date minimum', { type: 'date', constraints: { minimum: '2020-01-01' } }, '2019-12-31', ['constraint "minimum" is "2020-01-01"']],
  ['date bound cast with pattern', { type: 'date', format: '%d/%m/%Y', constraints: { maximum: '31/12/2020' } }, '01/01/2021', ['constraint "maximum" is "31/12/2020"']],
  ['datetime fraction ordering', { type: 'datetime', constraints: { maximum: '2021-01-01T10:00:00' } }, '2021-01-01T10:00:00.5', ['constraint "maximum" is "2021-01-01T10:00:00"']],
  ['datetime zones compare as instants', { type: 'datetime', constraints: { minimum: '2021-01-01T03:00:00Z' } }, '2021-01-01T10:00:00+07:00', undefined],
  ['year bounds', { type: 'year', constraints: { minimum: 2000, maximum: 2030 } }, '1999', ['constraint "minimum" is "2000"']],
  ['yearmonth bounds', { type: 'yearmonth', constraints: { maximum: '2021-06' } }, '2021-7', ['constraint "maximum" is "2021-06"']],
  ['time bounds', { type: 'time', constraints: { minimum: '08:00:00' } }, '07:59:59', ['constraint "minimum" is "08:00:00"']],
  ['pattern whole value', { constraints: { pattern: '[0-9]{4}' } }, '12345', ['constraint "pattern" is "[0-9]{4}"']],
  ['pattern ok', { constraints: { pattern: '[0-9]{4}' } }, '1234', undefined],
  ['pattern alternation anchored as a whole', { constraints: { pattern: 'a|bc' } }, 'ab', ['constraint "pattern" is "a|bc"']],
  ['pattern unicode', { constraints: { pattern: '\\p{L}+' } }, 'Makassar', undefined],
  ['pattern XML-style escape', { constraints: { pattern: '\\d{2}\\-\\d{2}' } }, '12-34', undefined],
  ['enum logical equality', { type: 'integer', constraints: { enum: [1, 2, 3] } }, '03', undefined],
  ['enum miss', { type: 'integer', constraints: { enum: [1, 2, 3] } }, '4', ['constraint "enum" is "[1, 2, 3]"']],
  ['enum strings case-sensitive', { constraints: { enum: ['Laki-laki', 'Perempuan'] } }, 'perempuan', ["constraint \"enum\" is \"['Laki-laki', 'Perempuan']\""]],
  ['enum number vs integer', { type: 'number', constraints: { enum: ['1.50', 2] } }, '1.5', undefined],
  ['enum date strings', { type: 'date', constraints: { enum: ['2021-01-01'] } }, '2021-1-1', undefined],
  ['enum boolean', { type: 'boolean', constraints: { enum: [true] } }, '0', ['constraint "enum" is "[True]"']],
  ['enum object key order', { type: 'object', constraints: { enum: [{ a: 1, b: 2 }] } }, '{"b":2,"a":1}', undefined],
  ['several failures in order', { constraints: { minLength: 5, pattern: '[a-z]+', enum: ['zzzzz'] } }, 'AB',
    ['constraint "minLength" is "5"', 'constraint "pattern" is "[a-z]+"', "constraint \"enum\" is \"['zzzzz']\""]],
  ['jsonSchema (v2)', { type: 'object', constraints: { jsonSchema: { required: ['id'] } } }, '{"x":1}', ['constraint "jsonSchema" is "{\'required\': [\'id\']}"']],
  ['jsonSchema ok', { type: 'array', constraints: { jsonSchema: { items: { type: 'integer' } } } }, '[1,2]', undefined],
  ['categories (v2)', { type: 'string', categories: ['A', { value: 'B', label: 'Bagus' }] }, 'C', ["constraint \"categories\" is \"['A', 'B']\""]],
  ['categories integer', { type: 'integer', categories: [1, 2] }, '02', undefined],
  ['unsupported constraint ignored at cast time', { type: 'integer', constraints: { pattern: 'x' } }, '5', undefined],
];

describe('check', () => {
  it.each(cases)('%s', (_n, field, cell, expected) => {
    expect(failures(field, cell)).toEqual(expected);
  });

  it('caps the cell length fed to pattern', () => {
    const f = compileField({ name: 'x', constraints: { pattern: 'a*' } });
    expect(f.check('a'.repeat(10_000))).toBeUndefined();
    expect(f.check('a'.repeat(10_001))?.[0]?.constraint).toBe('pattern');
  });

  it('flags required and unique', () => {
    const f = compileField({ name: 'x', constraints: { required: true, unique: true } });
    expect([f.required, f.unique]).toEqual([true, true]);
    expect(f.check('x')).toBeUndefined(); // unique is tracked by the engine, never here
  });
});

describe('missingValues', () => {
  const cases2: Array<[string, Partial<Field>, unknown[] | undefined, unknown, boolean]> = [
    ['default [""]', {}, undefined, '', true],
    ['default: other text', {}, undefined, 'NA', false],
    ['null cell always missing', {}, [], null, true],
    ['[] makes "" a value', {}, [], '', false],
    ['schema list replaces default', {}, ['-'], '', false],
    ['schema list', {}, ['-', 'NA'], 'NA', true],
    ['no trimming', {}, ['-'], ' - ', false],
    ['case-sensitive', {}, ['NA'], 'na', false],
    ['object form (v2)', {}, [{ value: '-', label: 'kosong' }], '-', true],
    ['field list replaces schema list', { missingValues: ['x'] }, ['-'], '-', false],
    ['field list', { missingValues: ['x'] }, ['-'], 'x', true],
    ['numeric cell matches text', {}, ['-99'], -99, true],
  ];
  it.each(cases2)('%s', (_n, field, schemaMv, cell, expected) => {
    const f = compileField({ name: 'x', ...field }, schemaMv as never);
    expect(f.isMissing(cell as never)).toBe(expected);
  });

  it('"" is a type error for a number field when missingValues is []', () => {
    const f = compileField({ name: 'x', type: 'number' }, []);
    expect(f.isMissing('')).toBe(false);
    expect(f.cast('')).toBe(INVALID);
  });
});

describe('keys', () => {
  const key = (field: Partial<Field>, cell: unknown): string => {
    const f = compileField({ name: 'x', ...field });
    const v = f.cast(cell as never);
    expect(v).not.toBe(INVALID);
    return f.key(v);
  };
  const same: Array<[string, Partial<Field>, unknown, Partial<Field>, unknown]> = [
    ['integer 3 = number 3.0', { type: 'integer' }, '3', { type: 'number' }, '3.0'],
    ['integer "03" = integer 3 (Excel)', { type: 'integer' }, '03', { type: 'integer' }, 3],
    ['year = integer', { type: 'year' }, '2021', { type: 'integer' }, '2021'],
    ['date = date with pattern', { type: 'date' }, '2021-03-05', { type: 'date', format: '%d/%m/%Y' }, '5/3/2021'],
    ['date = Excel date', { type: 'date' }, '2021-03-05', { type: 'date' }, new Date('2021-03-05T00:00:00Z')],
    ['datetime zones', { type: 'datetime' }, '2021-01-01T10:00:00+07:00', { type: 'datetime' }, '2021-01-01T03:00:00Z'],
    ['duration P1D = PT24H', { type: 'duration' }, 'P1D', { type: 'duration' }, 'PT24H'],
    ['big integers exact', { type: 'integer' }, '9007199254740993', { type: 'integer' }, '09007199254740993'],
    ['object key order', { type: 'object' }, '{"a":1,"b":2}', { type: 'object' }, '{"b":2,"a":1}'],
    ['string from Excel number', { type: 'string' }, '7371', { type: 'string' }, 7371],
  ];
  it.each(same)('%s', (_n, fa, a, fb, b) => {
    expect(key(fa, a)).toBe(key(fb, b));
  });
  const differ: Array<[string, Partial<Field>, unknown, Partial<Field>, unknown]> = [
    ['string "3" ≠ integer 3', { type: 'string' }, '3', { type: 'integer' }, '3'],
    ['big integers differ', { type: 'integer' }, '9007199254740993', { type: 'integer' }, '9007199254740992'],
    ['true ≠ "true"', { type: 'boolean' }, 'true', { type: 'string' }, 'true'],
    ['date ≠ same text string', { type: 'date' }, '2021-01-01', { type: 'string' }, '2021-01-01'],
    ['number 1.5 ≠ 15', { type: 'number' }, '1.5', { type: 'number' }, '15'],
  ];
  it.each(differ)('%s', (_n, fa, a, fb, b) => {
    expect(key(fa, a)).not.toBe(key(fb, b));
  });
});
