// Synthetic columns, written by hand: each case feeds a whole column to the scorer and checks the
// field decideField chooses, one inference rule per case.
import { describe, expect, it } from 'vitest';
import { addCell, newColumnTally } from '../../../src/describe/column-scorer.js';
import { decideField } from '../../../src/describe/decide.js';
import type { Cell } from '../../../src/table/types.js';

function decide(values: Cell[], name = 'nilai', extra: string[] = []) {
  const t = newColumnTally();
  values.forEach((v, i) => addCell(t, v, i + 2, new Set(extra)));
  return decideField(t, { name, title: name.toUpperCase() });
}

describe('decideField: numbers', () => {
  it.each<[string, Cell[], Record<string, unknown>]>([
    ['plain integers', ['1', '22', '333'], { type: 'integer' }],
    ['decimal point', ['9.04', '12.21', '3'], { type: 'number' }],
    ['decimal comma', ['12,5', '3,75', '7'], { type: 'number', decimalChar: ',' }],
    ['thousands dots', ['1.482.354', '12.000', '7'], { type: 'integer', groupChar: '.' }],
    ['thousands dots + decimal comma', ['1.234,56', '12,5'], { type: 'number', decimalChar: ',', groupChar: '.' }],
    ['thousands commas + decimal point', ['1,234.56', '12.5'], { type: 'number', groupChar: ',' }],
    ['rupiah', ['Rp 1.500.000,00', 'Rp 250.000,00'], { type: 'number', decimalChar: ',', groupChar: '.', bareNumber: false }],
    ['percent', ['12,5%', '3%'], { type: 'number', decimalChar: ',', bareNumber: false }],
    ['integers written as floats', ['2014.0', '3266.0'], { type: 'number' }],
    ['XLSX numbers stored as text', ['5.88', '5.01'], { type: 'number' }],
    ['native integers', [1, 2, 3], { type: 'integer' }],
    ['native decimals', [1.5, 2, 3], { type: 'number' }],
    ['padded', [' 0.91 ', ' 3.76 '], { type: 'number' }],
  ])('%s', (_label, values, want) => {
    const c = decide(values);
    expect(c.field).toMatchObject(want);
    expect(c.field.title).toBe('NILAI');
    expect(c.fallbacks[c.fallbacks.length - 1]!.type).toBe('string');
  });

  it('reads a lone separator followed by three digits as thousands, and says it is ambiguous', () => {
    const c = decide(['1.234', '5.678']);
    expect(c.field).toMatchObject({ type: 'integer', groupChar: '.' });
    expect(c.notes.map((n) => n.code)).toContain('ambiguous-separator');
  });

  it('makes a column mixing 9.04 and "1,91" a string and shows the minority rows', () => {
    const c = decide(['9.04', '12.21', '6.07', '1,91', '9,20']);
    expect(c.field.type).toBe('string');
    const n = c.notes.find((x) => x.code === 'mixed-decimal-separators')!;
    expect(n.level).toBe('warning');
    expect(n.rows).toEqual([5, 6]);
  });

  it('keeps codes as strings (leading zeros, or a kode header)', () => {
    expect(decide(['001', '012']).field.type).toBe('string');
    expect(decide(['7371010', '7371020'], 'kode_kecamatan').field.type).toBe('string');
  });

  it('puts "-" and "NA" into missing markers and still infers the type', () => {
    const t = newColumnTally();
    ['1', '-', 'NA', '', '4'].forEach((v, i) => addCell(t, v, i + 2, new Set()));
    expect([...t.markers].sort()).toEqual(['-', 'NA']);
    expect(decideField(t, { name: 'x' }).field.type).toBe('integer');
  });

  it('treats 0 as missing only when the user says so', () => {
    const t = newColumnTally();
    ['0', '5', '0'].forEach((v, i) => addCell(t, v, i + 2, new Set(['0'])));
    expect(t.missing).toBe(2);
    expect(t.markers.has('0')).toBe(true);
  });

  it('warns when a numeric column has a few words', () => {
    const c = decide(['1', '2', '3', '4', '5', 'lantai 1 - 6']);
    expect(c.field.type).toBe('string');
    expect(c.notes.find((n) => n.code === 'numbers-with-text')!.rows).toEqual([7]);
  });
});

describe('decideField: dates and times', () => {
  it.each<[string, Cell[], Record<string, unknown>, string?]>([
    ['ISO dates', ['2023-12-31', '2024-01-01'], { type: 'date' }],
    ['day first', ['31/12/2023', '1/2/2024'], { type: 'date', format: '%d/%m/%Y' }],
    ['month first (US)', ['12/31/2013', '1/13/2013', '5/6/2013'], { type: 'date', format: '%m/%d/%Y' }, 'date-month-first'],
    ['ambiguous → day first, with a warning', ['5/6/2013', '1/2/2013'], { type: 'date', format: '%d/%m/%Y' }, 'date-order-ambiguous'],
    ['dashes', ['31-12-2023'], { type: 'date', format: '%d-%m-%Y' }],
    ['times without leading zero', ['0:05', '9:10', '11:45'], { type: 'time', format: '%H:%M' }],
    ['times with offset', ['04:05:00+0800'], { type: 'time', format: '%H:%M:%S%z' }],
    ['ISO times', ['04:05:00', '23:59:59'], { type: 'time' }],
    ['ISO datetimes', ['2023-12-31T10:00:00'], { type: 'datetime' }],
    ['space datetimes', ['2023-12-31 10:00'], { type: 'datetime', format: '%Y-%m-%d %H:%M' }],
    ['native dates', [new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2023, 5, 1))], { type: 'date' }],
    ['native datetimes', [new Date(Date.UTC(2023, 0, 1, 10))], { type: 'datetime' }],
  ])('%s', (_l, values, want, code) => {
    const c = decide(values, 'tanggal');
    expect(c.field).toMatchObject(want);
    if (code) expect(c.notes.map((n) => n.code)).toContain(code);
  });

  it('turns day-only and month-only dates in one column into text with both rows', () => {
    const c = decide(['31/12/2023', '12/31/2023']);
    expect(c.field.type).toBe('string');
    expect(c.notes[0]).toMatchObject({ code: 'date-order-mixed', rows: [2, 3] });
  });

  it('describes Indonesian month names as text with a pattern that matches them', () => {
    const c = decide(['31 Desember 2023', '1 Januari 2024', 'Des 2023']);
    expect(c.field.type).toBe('string');
    const re = new RegExp(`^(?:${c.field.constraints!.pattern})$`);
    for (const v of ['31 Desember 2023', '1 Januari 2024', 'Des 2023', '5 MEI 2020']) expect(re.test(v)).toBe(true);
    expect(re.test('31 December 2023')).toBe(false);
    expect(c.notes.map((n) => n.code)).toContain('month-names');
  });

  it('mixes of formats become text', () => {
    expect(decide(['2023-12-31', '31/12/2023']).field.type).toBe('string');
  });
});

describe('decideField: other types', () => {
  it('reads Ya/Tidak as boolean with both values declared', () => {
    const c = decide(['Ya', 'Ya']);
    expect(c.field).toMatchObject({ type: 'boolean', trueValues: ['Ya'], falseValues: ['Tidak'] });
  });

  it('reads true/false as a default boolean', () => {
    expect(decide(['true', 'false']).field).toEqual({ name: 'nilai', type: 'boolean', title: 'NILAI' });
  });

  it('offers the kecamatan enum in the casing the file uses', () => {
    const c = decide(['MARISO', 'TALLO', 'MARISO'], 'kecamatan');
    expect(c.field.constraints!.enum).toHaveLength(15);
    expect(c.field.constraints!.enum).toContain('UJUNG PANDANG');
    expect(decide(['73.71.01', '73.71.07'], 'kode_kecamatan').field.constraints!.enum).toContain('73.71.15');
    expect(decide(['Mariso', 'Bandung'], 'kecamatan').field.constraints).toBeUndefined();
  });

  it('describes an empty column as text and says so', () => {
    const c = decide([null, '', '-']);
    expect(c.field.type).toBe('string');
    expect(c.notes.map((n) => n.code)).toContain('empty-column');
  });
});
