// Synthetic values, written by hand: one case per date/time shape of dates.ts.
import { describe, expect, it } from 'vitest';
import { dateFamily } from '../../../src/describe/dates.js';
import { monthNumber } from '../../../src/describe/months.js';

describe('dateFamily', () => {
  it.each([
    ['2023-12-31', { kind: 'iso-date' }],
    ['31/12/2023', { kind: 'numeric-date', sep: '/', dm: true, md: false }],
    ['12/31/2013', { kind: 'numeric-date', sep: '/', dm: false, md: true }],
    ['1/13/2013', { kind: 'numeric-date', sep: '/', dm: false, md: true }],
    ['5/6/2013', { kind: 'numeric-date', sep: '/', dm: true, md: true }],
    ['31-12-2023', { kind: 'numeric-date', sep: '-', dm: true, md: false }],
    ['31.12.2023', { kind: 'numeric-date', sep: '.', dm: true, md: false }],
    ['2023-12-31T10:00:00', { kind: 'iso-datetime', sep: 'T', seconds: true, zone: false }],
    ['2023-12-31 10:00', { kind: 'iso-datetime', sep: ' ', seconds: false, zone: false }],
    ['9:10', { kind: 'time', seconds: false, zone: false, padded: false }],
    ['09:10:00', { kind: 'time', seconds: true, zone: false, padded: true }],
    ['04:05:00+0800', { kind: 'time', seconds: true, zone: true, padded: true }],
    ['31 Desember 2023', { kind: 'month-name', form: 'dmy' }],
    ['1 AGUSTUS 2024', { kind: 'month-name', form: 'dmy' }],
    ['Januari 2024', { kind: 'month-name', form: 'my' }],
    ['Des 2023', { kind: 'month-name', form: 'my' }],
    ['Agt. 2023', { kind: 'month-name', form: 'my' }],
  ])('%s', (text, want) => {
    expect(dateFamily(text)).toEqual(want);
  });

  it.each(['2023-02-30', '31/31/2023', '30 Februari 2023', '25:00', 'Foo 2023', '2023', '12.5'])('%s is no date', (text) => {
    expect(dateFamily(text)).toBeUndefined();
  });

  it('knows Indonesian month names and abbreviations', () => {
    expect(monthNumber('Mei')).toBe(5);
    expect(monthNumber('AGUSTUS')).toBe(8);
    expect(monthNumber('Okt.')).toBe(10);
    expect(monthNumber('Nop')).toBe(11);
    expect(monthNumber('May')).toBeUndefined();
  });
});
