import { describe, expect, it } from 'vitest';
import { constraintText, exampleFor, numFmt, ruleFor } from '../../../src/template/fields.js';
import { referenceLists } from '../../../src/template/reference.js';
import { dataRowTest } from '../../../src/convert/convert.js';
import { numberText, valueText } from '../../../src/convert/normalize.js';

describe('template field rules', () => {
  it.each([
    [{ name: 'a', type: 'integer', constraints: { minimum: 0, maximum: 10 } }, { type: 'whole', min: 0, max: 10 }],
    [{ name: 'a', type: 'number' }, { type: 'decimal', min: undefined, max: undefined }],
    [{ name: 'a', type: 'date', constraints: { minimum: '2024-01-01' } }, { type: 'date', min: new Date('2024-01-01T00:00:00Z'), max: undefined }],
    [{ name: 'a', type: 'string', constraints: { maxLength: 5 } }, { type: 'textLength', min: undefined, max: 5 }],
    [{ name: 'a', type: 'string', constraints: { enum: ['x', 'y'] } }, { type: 'list', values: ['x', 'y'] }],
    [{ name: 'a', type: 'boolean', trueValues: ['Ya'], falseValues: ['Tidak'] }, { type: 'list', values: ['Ya', 'Tidak'] }],
    [{ name: 'a', type: 'string' }, undefined],
  ])('%j', (field, want) => {
    expect(ruleFor(field)).toEqual(want);
  });

  it('formats columns by type, text for strings so codes keep leading zeros', () => {
    expect(numFmt({ name: 'a', type: 'string' })).toBe('@');
    expect(numFmt({ name: 'a', type: 'date' })).toBe('yyyy-mm-dd');
    expect(numFmt({ name: 'a', type: 'integer' })).toBe('0');
  });

  it('explains constraints in Bahasa Indonesia and gives an example', () => {
    expect(constraintText({ name: 'a', type: 'integer', constraints: { required: true, minimum: 0 } })).toBe('wajib diisi; paling kecil 0');
    expect(exampleFor({ name: 'a', type: 'string', constraints: { enum: ['Mariso'] } })).toBe('Mariso');
  });

  it('turns a foreign key to a bundled reference list into dropdown values', () => {
    const lists = referenceLists(
      { fields: [{ name: 'kec', type: 'string' }], foreignKeys: [{ fields: ['kec'], reference: { resource: 'kec', fields: ['nama'] } }] },
      [{ name: 'kec', path: 'ref/kecamatan-makassar.csv' }],
    );
    expect(lists.get('kec')).toHaveLength(15);
    expect(lists.get('kec')).toContain('Kepulauan Sangkarrang');
  });
});

describe('convert helpers', () => {
  it('skips header and comment rows as the dialect says', () => {
    const t1 = dataRowTest({ headerRows: [3], commentRows: [5] });
    expect([1, 2, 3, 4, 5, 6].filter(t1)).toEqual([4, 6]);
    const t2 = dataRowTest({ header: false, commentRows: [1] });
    expect([1, 2].filter(t2)).toEqual([2]);
    expect([1, 2].filter(dataRowTest(undefined))).toEqual([2]);
  });

  it('writes numbers without exponent or grouping, and logical values as text', () => {
    expect(numberText(1500000.5)).toBe('1500000.5');
    expect(numberText(1e21)).toBe('1000000000000000000000');
    expect(valueText(true)).toBe('true');
    expect(valueText(null)).toBe('');
    expect(valueText('2024-01-31')).toBe('2024-01-31');
  });
});
