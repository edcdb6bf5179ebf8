// Synthetic values, written by hand: each row is one lexical rule of numbers.ts.
import { describe, expect, it } from 'vitest';
import { numberShape } from '../../../src/describe/numbers.js';

const cases: Array<[string, { dot: boolean; comma: boolean; affix?: boolean; plain?: boolean; leadingZero?: boolean }]> = [
  ['123', { dot: true, comma: true, plain: true }],
  ['-42', { dot: true, comma: true, plain: true }],
  ['007', { dot: true, comma: true, plain: true, leadingZero: true }],
  ['9.04', { dot: true, comma: false }],
  ['1,91', { dot: false, comma: true }],
  ['1.234.567', { dot: false, comma: true }],
  ['1,234,567', { dot: true, comma: false }],
  ['1.234', { dot: true, comma: true }],
  ['1.234,56', { dot: false, comma: true }],
  ['1,234.56', { dot: true, comma: false }],
  ['2014.0', { dot: true, comma: false }],
  ['0.123', { dot: true, comma: false }],
  ['Rp 1.500.000,00', { dot: false, comma: true, affix: true }],
  ['Rp1.500.000', { dot: false, comma: true, affix: true }],
  ['12,5%', { dot: false, comma: true, affix: true }],
  [' 0.91 ', { dot: true, comma: false }],
];

describe('numberShape', () => {
  it.each(cases)('%j', (text, want) => {
    const s = numberShape(text)!;
    expect(s).toBeDefined();
    expect(Boolean(s.dot)).toBe(want.dot);
    expect(Boolean(s.comma)).toBe(want.comma);
    expect(s.affix).toBe(want.affix ?? false);
    expect(s.plain).toBe(want.plain ?? false);
    expect(s.leadingZero).toBe(want.leadingZero ?? false);
  });

  it.each(['', 'abc', '73.71.01', '1.2.3', '12/31/2013', '2023-12-31', '9:10', '1e5', 'Rp'])('%j is not a number', (text) => {
    expect(numberShape(text)).toBeUndefined();
  });

  it('marks grouping and zero fractions per convention', () => {
    expect(numberShape('1.500.000,00')!.comma).toEqual({ grouped: true, fraction: true, zeroFraction: true });
    expect(numberShape('2014.0')!.dot).toEqual({ grouped: false, fraction: true, zeroFraction: true });
    expect(numberShape('1.234')!.dot).toEqual({ grouped: false, fraction: true, zeroFraction: false });
    expect(numberShape('1.234')!.comma).toEqual({ grouped: true, fraction: false, zeroFraction: false });
  });
});
