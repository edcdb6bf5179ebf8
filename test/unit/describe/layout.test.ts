// Synthetic tables, written by hand, shaped like the real samples' layouts (SOURCES.md #3, #7, #8).
import { describe, expect, it } from 'vitest';
import { inferResource } from '../../../src/describe/infer.js';
import { joinLabels } from '../../../src/describe/layout.js';
import { arraySource } from '../../../src/describe/source.js';
import type { Dialect, Schema } from '../../../src/schema/types.js';
import type { Cell } from '../../../src/table/types.js';

async function infer(rows: Cell[][], format: 'csv' | 'xlsx' = 'csv', merges?: string[]) {
  const { resource, notes } = await inferResource(arraySource(rows, format, merges), { name: 't', path: 't.csv' });
  return { dialect: (resource.dialect ?? {}) as Dialect, schema: resource.schema as Schema, notes, codes: notes.map((n) => n.code) };
}

describe('layout detection', () => {
  it('keeps a header of safe names as the checked header (no dialect)', async () => {
    const r = await infer([['kode', 'nama', 'jumlah'], ['01', 'A', '5'], ['02', 'B', '6']]);
    expect(r.dialect).toEqual({});
    expect(r.schema.fields.map((f) => f.name)).toEqual(['kode', 'nama', 'jumlah']);
    expect(r.schema.fields.map((f) => f.type)).toEqual(['string', 'string', 'integer']);
  });

  it('skips a title and a blank row with headerRows, and blank rows among the data with commentRows', async () => {
    const r = await infer([['Judul tabel', '', ''], ['', '', ''], ['kode', 'nama', 'jumlah'], ['', '', ''], ['01', 'A', '5'], [], ['02', 'B', '6']]);
    expect(r.dialect).toEqual({ headerRows: [3], commentRows: [4, 6] });
    expect(r.codes).toContain('rows-above-header');
  });

  it('uses header: false when labels are not safe names, keeping them as titles', async () => {
    const r = await infer([['Kode Wilayah', 'Nama'], ['01', 'A'], ['02', 'B']]);
    expect(r.dialect).toEqual({ header: false, commentRows: [1] });
    expect(r.schema.fields[0]).toMatchObject({ name: 'kode_wilayah', title: 'Kode Wilayah', type: 'string' });
    expect(r.codes).toContain('header-by-position');
  });

  it('finds a two-row header with merged-cell residue, totals, a second table, footnotes and Sumber (like BPS exports)', async () => {
    const rows: Cell[][] = [
      ['Pengangguran menurut pendidikan', '', '', '', ''],
      ['', '', '', '', ''],
      ['No.', 'Pendidikan', '2004', '2005', ''],
      ['', '', '', 'Februari', 'November'],
      ['', '', '', '', ''],
      ['1', 'SD', '100', '110', '120'],
      ['2', 'SLTP', '200', '210', '220'],
      ['', 'Total', '300', '320', '340'],
      ['', '', '', '', ''],
      ['No.', '', '2024', '', ''],
      ['', '', 'Februari', 'Agustus', ''],
      ['1', 'SD ke bawah', '5', '6', ''],
      ['', 'Total', '5', '6', ''],
      ['Data 2011 menggunakan backcast', '', '', '', ''],
      ['Sumber: Sakernas', '', '', '', ''],
    ];
    const r = await infer(rows);
    expect(r.dialect).toEqual({ header: false, commentRows: [1, 2, 3, 4, 5, 8, 9, 10, 11, 13, 14, 15] });
    expect(r.schema.fields.map((f) => f.title)).toEqual(['No.', 'Pendidikan', '2004', '2005 Februari', '2005 November']);
    expect(r.schema.fields.map((f) => f.name)).toEqual(['no', 'pendidikan', 'kolom_2004', 'kolom_2005_februari', 'kolom_2005_november']);
    expect(r.schema.fields.map((f) => f.type)).toEqual(['integer', 'string', 'integer', 'integer', 'integer']);
    expect(r.codes).toEqual(expect.arrayContaining(['skipped-total', 'skipped-repeated-header', 'skipped-footnote', 'skipped-source', 'multi-row-header']));
  });

  it('reads a four-row XLSX header from merge ranges, numbers stored as text, and an INDONESIA total row', async () => {
    const rows: Cell[][] = [
      ['38 Provinsi'],
      [null, 'Tingkat Pengangguran (Persen)'],
      [null, '2026'],
      [null, 'Februari', 'Agustus'],
      ['ACEH', '5.88', '-'],
      ['RIAU', '4.09', '-'],
      ['INDONESIA', '4.76', '-'],
    ];
    const r = await infer(rows, 'xlsx', ['A1:A4', 'B2:C2', 'B3:C3']);
    expect(r.dialect).toEqual({ header: false, commentRows: [1, 2, 3, 4, 7] });
    expect(r.schema.fields.map((f) => f.title)).toEqual(['38 Provinsi', 'Tingkat Pengangguran (Persen) 2026 Februari', 'Tingkat Pengangguran (Persen) 2026 Agustus']);
    expect(r.schema.fields[1]!.type).toBe('number');
    // Agustus holds only "-" (not yet available): it takes Februari's type, same header group.
    expect(r.schema.fields[2]!.type).toBe('number');
    expect(r.codes).toContain('empty-column-sibling');
    expect(r.schema.missingValues).toEqual(['', '-']);
  });

  it('reports rows whose cell count differs from the table (CSV)', async () => {
    const r = await infer([['a', 'b'], ['1', '2'], ['3', '4', ''], ['5', '6']]);
    expect(r.notes.find((n) => n.code === 'row-width')!.rows).toEqual([3]);
  });

  it('skips data rows whose every value is a missing marker the user declared', async () => {
    const rows: Cell[][] = [['a', 'b'], ['1', 'x'], ['0', '0'], ['2', 'y']];
    const { resource } = await inferResource(arraySource(rows), { name: 't', path: 't.csv', extraMissingValues: ['0'] });
    expect(resource.dialect).toEqual({ commentRows: [3] });
  });
});

describe('joinLabels', () => {
  it('fills merged group labels above two sub-headers (CSV without merge ranges)', () => {
    const rows = [
      { rowNumber: 1, cells: ['No', '2005', '', '2006', ''] as Cell[] },
      { rowNumber: 2, cells: ['', 'Feb', 'Nov', 'Feb', 'Agu'] as Cell[] },
    ];
    expect(joinLabels(rows, 5)).toEqual(['No', '2005 Feb', '2005 Nov', '2006 Feb', '2006 Agu']);
  });
});

describe('empty input', () => {
  it('refuses a file with no table in it', async () => {
    await expect(inferResource(arraySource([[], ['', '']]), { name: 't', path: 'kosong.csv' })).rejects.toThrow(/kosong/);
  });

  it('describes a header-only file with its columns as text', async () => {
    const { resource } = await inferResource(arraySource([['kode', 'nama']]), { name: 't', path: 't.csv' });
    expect((resource.schema as { fields: unknown[] }).fields).toEqual([{ name: 'kode', type: 'string' }, { name: 'nama', type: 'string' }]);
  });
});
