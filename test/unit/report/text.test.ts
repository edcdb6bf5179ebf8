import { describe, expect, it } from 'vitest';
import { localizeWarning, renderText } from '../../../src/report/text.js';
import { cellError } from '../../../src/validate/build-error.js';
import type { Report } from '../../../src/validate/types.js';

describe('localizeWarning', () => {
  it.each([
    ['reached error limit: 1000', 'batas galat tercapai: 1000 (--limit-errors)'],
    ['reached row limit: 10', 'batas baris tercapai: 10 (--limit-rows)'],
    ['merged cells: A1:C1 (the value belongs to the top-left cell; the other cells are empty)', 'sel gabungan: A1:C1 (nilainya milik sel kiri atas; sel lain dianggap kosong)'],
    ['something new', 'something new'],
  ])('%s', (en, id) => {
    expect(localizeWarning(en, 'id')).toBe(id);
    expect(localizeWarning(en, 'en')).toBe(en);
  });
});

describe('renderText', () => {
  const report: Report = {
    valid: false,
    partial: true,
    stats: { tasks: 1, errors: 1, warnings: 1, seconds: 0.5 },
    warnings: [],
    errors: [],
    tasks: [
      {
        name: 'data',
        type: 'table',
        valid: false,
        place: 'data.xlsx',
        labels: ['a'],
        sheet: 'Data',
        partial: true,
        stats: { errors: 1, warnings: 1, seconds: 0.5, rows: 3 },
        warnings: ['reached error limit: 1'],
        errors: [cellError('constraint-error', 'constraint "maximum" is "100"', ['150'], 17, '150', 'persen', 3)],
      },
    ],
  };

  it('locates the error by sheet, row, column letter and cell, with the fix, in Indonesian', () => {
    const out = renderText(report, { lang: 'id', color: false });
    expect(out).toContain('Lembar "Data", Baris 17, kolom C "persen", sel C17: nilai "150": nilainya lebih besar dari batas atas 100');
    expect(out).toContain('→ Perbaiki: periksa nilainya; harus ≤ 100');
    expect(out).toContain('LAPORAN TIDAK LENGKAP');
    expect(out).toContain('batas galat tercapai: 1');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('uses colour only when asked', () => {
    expect(renderText(report, { lang: 'en', color: true })).toMatch(/\u001b\[/);
  });
});

import { typeFix } from '../../../src/report/messages.js';

describe('typeFix: specific hints for Indonesian spreadsheets', () => {
  it.each([
    ['1.234.567', 'integer/default', /groupChar/],
    ['12,5', 'number/default', /decimalChar/],
    ['Rp 1.500', 'number/default', /bareNumber/],
    ['2014.0', 'integer/default', /\.0/],
    ['31/12/2023', 'date/default', /%d\/%m\/%Y/],
    ['44927', 'date/default', /Excel/],
    ['dua belas', 'integer/default', /angka/],
    [' 12', 'integer/default', /spasi/],
    ['ya', 'boolean/default', /trueValues/],
  ])('%s as %s', (cell, spec, hint) => {
    expect(typeFix(cell, spec, 'id')).toMatch(hint);
  });

  it('has nothing specific to say about a plain wrong word in a text-like type', () => {
    expect(typeFix('abc', 'geopoint/default', 'en')).toBeUndefined();
  });
});
