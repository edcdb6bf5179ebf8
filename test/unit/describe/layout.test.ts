// Synthetic tables, written by hand, shaped like the real samples' layouts (SOURCES.md #3, #7, #8).
import { describe, expect, it } from 'vitest';
import { inferResource, inferTables } from '../../../src/describe/infer.js';
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

  it('keeps any one-row header checked: the field names are the labels exactly as validators read them', async () => {
    const r = await infer([['Kode Wilayah', ' Nama ', 'nama_kabupaten/kota'], ['01', 'A', 'X'], ['02', 'B', 'Y']]);
    expect(r.dialect).toEqual({});
    expect(r.schema.fields.map((f) => f.name)).toEqual(['Kode Wilayah', 'Nama', 'nama_kabupaten/kota']);
    expect(r.schema.fields[0]).toEqual({ name: 'Kode Wilayah', type: 'string' });
    expect(r.codes).not.toContain('header-not-checked');
  });

  it('names blank and repeated labels, keeps the header checked, and says validate will report them', async () => {
    const r = await infer([['', 'nama', 'nama'], ['1', 'A', 'X'], ['2', 'B', 'Y']]);
    expect(r.dialect).toEqual({});
    expect(r.schema.fields.map((f) => f.name)).toEqual(['kolom_1', 'nama', 'nama_2']);
    expect(r.codes).toEqual(expect.arrayContaining(['blank-label', 'duplicate-label']));
  });

  it('cuts a second table (own header, other columns) off the first, and describes each on its own (like BPS exports)', async () => {
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
      ['2', 'SLTP', '7', '8', ''],
      ['', 'Total', '12', '14', ''],
      ['Data 2011 menggunakan backcast', '', '', '', ''],
      ['Sumber: Sakernas', '', '', '', ''],
    ];
    const r = await infer(rows);
    // Merged residue: satudata reads "November", frictionless-py " November"; no name fits both.
    expect(r.dialect).toEqual({ header: false, commentRows: [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16] });
    expect(r.schema.fields.map((f) => f.title)).toEqual(['No.', 'Pendidikan', '2004', '2005 Februari', '2005 November']);
    expect(r.schema.fields.map((f) => f.name)).toEqual(['no', 'pendidikan', 'kolom_2004', 'kolom_2005_februari', 'kolom_2005_november']);
    expect(r.schema.fields.map((f) => f.type)).toEqual(['integer', 'string', 'integer', 'integer', 'integer']);
    expect(r.codes).toEqual(expect.arrayContaining(['second-table', 'skipped-total', 'skipped-other-table', 'multi-row-header', 'header-not-checked']));
    expect(r.notes.find((n) => n.code === 'second-table')!.rows).toEqual([10]);

    const tables = await inferTables(arraySource(rows), { name: 't', path: 't.csv' });
    expect(tables).toHaveLength(2);
    const second = tables[1]!.resource;
    expect(second.name).toBe('t-tabel-2');
    expect((second.schema as Schema).fields.map((f) => f.title ?? f.name)).toEqual(['No.', 'kolom_2', '2024 Februari', '2024 Agustus']);
    expect(second.dialect).toEqual({ header: false, commentRows: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 16] });
  });

  it('finds a second table that starts after the first 200 rows', async () => {
    const rows: Cell[][] = [['kode', 'nama', 'jumlah']];
    for (let i = 1; i <= 250; i++) rows.push([String(i), `Desa ${i}`, String(i * 3)]);
    rows.push(['', '', ''], ['kecamatan', 'luas', ''], ['Mariso', '1.82', ''], ['Tallo', '5.83', '']);
    const tables = await inferTables(arraySource(rows), { name: 't', path: 't.csv' });
    expect(tables).toHaveLength(2);
    expect(tables[0]!.resource.dialect).toEqual({ commentRows: [252, 253, 254, 255] });
    expect((tables[1]!.resource.schema as Schema).fields.map((f) => `${f.name}:${f.type}`)).toEqual(['kecamatan:string', 'luas:number']);
    expect(tables[1]!.resource.dialect).toEqual({ headerRows: [253] });
  });

  it('does not cut at a header repeated with the same labels (a page break)', async () => {
    const rows: Cell[][] = [['kode', 'nama', 'jumlah'], ['01', 'A', '5'], ['02', 'B', '6'], ['kode', 'nama', 'jumlah'], ['03', 'C', '7']];
    const tables = await inferTables(arraySource(rows), { name: 't', path: 't.csv' });
    expect(tables).toHaveLength(1);
    expect(tables[0]!.resource.dialect).toEqual({ commentRows: [4] });
  });

  it('keeps a multi-row header checked when every validator reads the same unique labels', async () => {
    const r = await infer([['Wilayah', 'Padi', 'Padi', 'Jagung'], ['Wilayah', '2022', '2023', '2023'], ['Mariso', '10', '12', '3'], ['Tallo', '20', '22', '4']]);
    expect(r.dialect).toEqual({ headerRows: [1, 2] });
    expect(r.schema.fields.map((f) => f.name)).toEqual(['Wilayah', 'Padi 2022', 'Padi 2023', 'Jagung 2023']);
    expect(r.codes).not.toContain('header-not-checked');
  });

  it('reads a four-row merged XLSX header by position, titles from the merge ranges, and says it is not checked', async () => {
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
    expect(r.codes).toContain('header-not-checked');
    expect(r.schema.fields[1]!.type).toBe('number');
    // Agustus holds only "-" (not yet available): it takes Februari's type, same header group.
    expect(r.schema.fields[2]!.type).toBe('number');
    expect(r.codes).toContain('empty-column-sibling');
    expect(r.schema.missingValues).toEqual(['', '-']);
  });

  it('skips a quoted title with commas, a subtitle and a blank row above the header', async () => {
    const rows: Cell[][] = [
      ['JUMLAH SEKOLAH DASAR, GURU, DAN MURID MENURUT KECAMATAN', '', '', '', ''],
      ['TAHUN AJARAN 2023/2024', '', '', '', ''],
      ['', '', '', '', ''],
      ['Kecamatan', 'Jumlah Sekolah', 'Jumlah Guru', 'Jumlah Murid', 'Rasio Murid Guru'],
      ['Mariso', '20', '310', '5120', '16.5'],
      ['Mamajang', '25', '402', '6010', '14.9'],
      ['Tallo', '41', '688', '12030', '17.5'],
    ];
    const r = await infer(rows);
    expect(r.dialect).toEqual({ headerRows: [4] });
    expect(r.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['Kecamatan:string', 'Jumlah Sekolah:integer', 'Jumlah Guru:integer', 'Jumlah Murid:integer', 'Rasio Murid Guru:number']);
    expect(r.codes).toContain('rows-above-header');
  });

  it('keeps a first data row that holds only a name and "-" as data, not as a title', async () => {
    const r = await infer([['Bandara', 'Jan', 'Feb', 'Mar'], ['Bandara Lainnya', '-', '-', '-'], ['Juanda', '10', '12', '9'], ['Kualanamu', '7', '9', '8']]);
    expect(r.dialect).toEqual({});
    expect(r.schema.fields.map((f) => f.name)).toEqual(['Bandara', 'Jan', 'Feb', 'Mar']);
  });

  it('does not glue merged XLSX title rows onto the field names', async () => {
    const rows: Cell[][] = [
      ['Jumlah Keluarga Menurut Kecamatan, Desember 2023'],
      ['Keadaan Desember 2023'],
      ['No', 'Kecamatan', 'Jumlah Keluarga'],
      [1, 'Mariso', 15000],
      [2, 'Tallo', 35000],
    ];
    const r = await infer(rows, 'xlsx', ['A1:C1', 'A2:C2']);
    expect(r.dialect).toEqual({ headerRows: [3] });
    expect(r.schema.fields.map((f) => f.name)).toEqual(['No', 'Kecamatan', 'Jumlah Keluarga']);
  });

  it.each([
    ['one year under one label', [['Kabupaten/Kota', 'Produksi'], ['', '2023']], ['Kabupaten/Kota', 'Produksi 2023']],
    ['the same year under each label', [['Kabupaten/Kota', 'Padi', 'Jagung', 'Kedelai'], ['', '2022', '2022', '2022']], ['Kabupaten/Kota', 'Padi 2022', 'Jagung 2022', 'Kedelai 2022']],
  ])('reads a header that ends in a year row as header (%s)', async (_, header, names) => {
    const width = header[0]!.length;
    const data = [['Bangkalan', '120', '48', '7'], ['Sampang', '80', '30', '5'], ['Sumenep', '95', '41', '2']].map((r) => r.slice(0, width));
    const r = await infer([...header, ...data] as Cell[][]);
    expect(r.dialect).toEqual({ header: false, commentRows: [1, 2] });
    expect(r.schema.fields.map((f) => f.title)).toEqual(names);
    expect(r.schema.fields[1]!.type).toBe('integer');
  });

  it.each([
    ['below its parts (Jawa Timur)', [['Bangkalan', '120', '480'], ['Sampang', '80', '300'], ['Pamekasan', '100', '410'], ['Jawa Timur', '300', '1190']], 5],
    ['above its parts (Kota Bandung)', [['Kota Bandung', '600', '90'], ['Bandung Wetan', '100', '20'], ['Cibeunying', '200', '30'], ['Coblong', '300', '40']], 2],
    ['with underscores (Sumatera_Selatan) and a rate column that does not add up', [['Lahat', '10', '2.5'], ['Muara_Enim', '20', '3.5'], ['Musi_Rawas', '30', '1.5'], ['Sumatera_Selatan', '60', '2.4']], 5],
  ])('excludes a total row found by its sums, whatever its label (%s)', async (_, data, row) => {
    const r = await infer([['Wilayah', 'A', 'B'], ...data] as Cell[][]);
    expect(r.dialect).toEqual({ commentRows: [row] });
    expect(r.codes).toContain('skipped-sum-total');
  });

  it('does not take a row for a total when no row is the sum of the others', async () => {
    const r = await infer([['Wilayah', 'A', 'B'], ['X', '1', '2'], ['Y', '3', '4'], ['Z', '5', '7']]);
    expect(r.dialect).toEqual({});
  });

  it('excludes Sumber:, Source_Url: and Access_Time: footers, and keeps a data row that holds only "-"', async () => {
    const rows: Cell[][] = [
      ['Bandara', 'Jan', 'Feb'],
      ['Juanda', '10', '12'],
      ['Hasanudin', '7', '9'],
      ['Bandara Lainnya', '-', '-'],
      ['Sumber:BPS,_Statistik_Transportasi', '', ''],
      ['', '', ''],
      ['Source_Url:_https://bps.go.id/x', '', ''],
      ['Access_Time:_November_1,_2021', '', ''],
    ];
    const r = await infer(rows);
    expect(r.dialect).toEqual({ commentRows: [5, 6, 7, 8] });
    expect(r.notes.find((n) => n.code === 'skipped-source')!.rows).toEqual([5, 7, 8]);
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
