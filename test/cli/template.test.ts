// `satudata template`: generate from a synthetic schema, fill the workbook programmatically, and
// check that validate passes exactly when the values obey the schema.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runInProcess } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Schema } from '../../src/schema/types.js';
import { validate } from '../../src/validate/index.js';

const schema: Schema = {
  fields: [
    { name: 'kecamatan', title: 'Kecamatan', type: 'string', constraints: { required: true, enum: ['Mariso', 'Tallo', 'Wajo'] } },
    { name: 'jumlah_kejadian', title: 'Jumlah kejadian', type: 'integer', constraints: { minimum: 0, maximum: 1000 } },
    { name: 'kerugian', title: 'Taksiran kerugian (Rp)', type: 'number', constraints: { minimum: 0 } },
    { name: 'tanggal', title: 'Tanggal kejadian', type: 'date', constraints: { minimum: '2024-01-01' } },
    { name: 'keterangan', title: 'Keterangan', type: 'string', description: 'uraian singkat', constraints: { maxLength: 20 } },
    { name: 'kode_skpd', title: 'SKPD', type: 'string' },
  ],
  foreignKeys: [{ fields: ['kode_skpd'], reference: { resource: 'skpd-makassar', fields: ['kode'] } }],
};

let dir: string;
const cli = (args: string[]) => runInProcess(args, { cwd: dir });

type Value = string | number | Date | null;
const GOOD: Value[][] = [
  ['Mariso', 3, 1500000.5, new Date(Date.UTC(2024, 0, 31)), 'kompor gas', 'SETDA'],
  ['Tallo', 0, 0, new Date(Date.UTC(2024, 5, 1)), null, null],
];

/** Fill the generated template with rows (from row 3), save it, and validate it as a package resource. */
async function fillAndValidate(rows: Value[][], name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'template.xlsx'));
  const ws = wb.getWorksheet('Data')!;
  rows.forEach((r, i) => r.forEach((v, j) => { if (v !== null) ws.getCell(3 + i, j + 1).value = v; }));
  await wb.xlsx.writeFile(join(dir, `${name}.xlsx`));
  const pkg = {
    name: 'uji',
    resources: [
      { name, path: `${name}.xlsx`, format: 'xlsx', dialect: { headerRows: [2], sheetName: 'Data' }, schema: { fields: schema.fields } },
    ],
  };
  await writeFile(join(dir, `${name}.json`), JSON.stringify(pkg));
  const report = await validate([`${name}.json`], { cwd: dir });
  expect(report.errors).toEqual([]);
  return report;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-template-'));
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
  await writeFile(join(dir, 'datapackage.json'), JSON.stringify({
    name: 'kebakaran',
    resources: [
      { name: 'kejadian', path: 'kejadian.csv', title: 'Kejadian kebakaran', schema },
      { name: 'skpd-makassar', path: 'referensi/skpd-makassar.csv', schema: { fields: [{ name: 'kode', type: 'string' }] } },
    ],
  }));
  const r = await cli(['template', 'schema.json', '-o', 'template.xlsx']);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('satudata template', () => {
  it('writes titles in row 1, hidden field names in row 2, a frozen header, formats and a Petunjuk sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'template.xlsx'));
    const ws = wb.getWorksheet('Data')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Kecamatan *', 'Jumlah kejadian', 'Taksiran kerugian (Rp)', 'Tanggal kejadian', 'Keterangan', 'SKPD']);
    expect(ws.getRow(2).values).toEqual([undefined, 'kecamatan', 'jumlah_kejadian', 'kerugian', 'tanggal', 'keterangan', 'kode_skpd']);
    expect(ws.getRow(2).hidden).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.getColumn(4).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn(1).numFmt).toBe('@');
    const guide = wb.getWorksheet('Petunjuk')!;
    const text = JSON.stringify(guide.getSheetValues());
    expect(text).toContain('headerRows');
    expect(text).toContain('wajib diisi');
    expect(text).toContain('paling besar 1000');
    expect(text).toContain('uraian singkat');
    expect(wb.getWorksheet('Daftar')!.state).toBe('hidden');
  });

  it('speaks English with --lang en: the Petunjuk sheet and the validation messages (structure unchanged)', async () => {
    const r = await cli(['template', 'schema.json', '-o', 'template-en.xlsx', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'template-en.xlsx'));
    const text = JSON.stringify(wb.getWorksheet('Petunjuk')!.getSheetValues());
    expect(text).toContain('Enter the data in sheet \\"Data\\" from row 3');
    expect(text).toContain('required; choose from the list (3 values)');
    expect(text).toContain('at most 1000');
    expect(text).not.toMatch(/wajib|paling|Isi data/);
    const ws = wb.getWorksheet('Data')! as unknown as { getCell(a: string): { dataValidation?: ExcelJS.DataValidation } };
    expect(ws.getCell('B3').dataValidation).toMatchObject({ type: 'whole', error: 'Enter a whole number, at least 0, at most 1000.', errorTitle: 'Invalid entry' });
    expect(ws.getCell('E3').dataValidation).toMatchObject({ type: 'textLength', error: 'Text length at most 20 characters.' });
  });

  it('adds Excel data validation: dropdowns (enum and the bundled SKPD list), ranges, dates, text length', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'template.xlsx'));
    const ws = wb.getWorksheet('Data')! as unknown as { getCell(a: string): { dataValidation?: ExcelJS.DataValidation } };
    expect(ws.getCell('A3').dataValidation).toMatchObject({ type: 'list', formulae: ['Daftar!$A$2:$A$4'] });
    expect(ws.getCell('B100').dataValidation).toMatchObject({ type: 'whole', formulae: [0, 1000], error: 'Isi dengan bilangan bulat, paling kecil 0, paling besar 1000.', errorTitle: 'Isian tidak sesuai' });
    expect(ws.getCell('C3').dataValidation).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell('D3').dataValidation).toMatchObject({ type: 'date', operator: 'greaterThanOrEqual' });
    expect(ws.getCell('E3').dataValidation).toMatchObject({ type: 'textLength', operator: 'lessThanOrEqual', formulae: [20] });
    const list = wb.getWorksheet('Daftar')!;
    expect(list.getColumn(1).values.slice(1)).toEqual(['kecamatan', 'Mariso', 'Tallo', 'Wajo']);
    // A bare Table Schema has no package: the FK's resource name finds the bundled skpd-makassar.csv.
    expect(list.getColumn(2).values.slice(1, 3)).toEqual(['kode_skpd', 'SETDA']);
  });

  it('uses the bundled reference list for a foreign key when built from the package', async () => {
    const r = await cli(['template', '.', '-r', 'kejadian', '-o', 'dari-paket.xlsx']);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'dari-paket.xlsx'));
    const values = wb.getWorksheet('Daftar')!.getColumn(2).values.slice(1);
    expect(values[0]).toBe('kode_skpd');
    expect(values).toContain('SETDA');
  });

  it('a template filled with valid values validates clean', async () => {
    const report = await fillAndValidate(GOOD, 'valid');
    expect(report.tasks[0]!.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each<[string, number, Value, string]>([
    ['kecamatan not in the list', 0, 'Bandung', 'constraint-error'],
    ['kecamatan missing (required)', 0, null, 'constraint-error'],
    ['jumlah above maximum', 1, 1001, 'constraint-error'],
    ['jumlah not whole', 1, 2.5, 'type-error'],
    ['kerugian negative', 2, -1, 'constraint-error'],
    ['kerugian not a number', 2, 'banyak', 'type-error'],
    ['tanggal before minimum', 3, new Date(Date.UTC(2023, 11, 31)), 'constraint-error'],
    ['tanggal not a date', 3, 'kemarin', 'type-error'],
    ['keterangan too long', 4, 'x'.repeat(21), 'constraint-error'],
  ])('each invalid value fails: %s', async (label, col, value, type) => {
    const rows = GOOD.map((r) => [...r]);
    rows[0]![col] = value;
    const report = await fillAndValidate(rows, `invalid-${col}-${type}`);
    expect(report.valid).toBe(false);
    const errors = report.tasks[0]!.errors;
    expect(errors.map((e) => [e.type, e.rowNumber, e.fieldNumber]), label).toEqual([[type, 3, col + 1]]);
  });

  it('tells the user the dialect, in English with --lang en', async () => {
    const r = await cli(['--lang', 'en', 'template', 'schema.json', '-o', 'en.xlsx']);
    expect(r.stdout).toContain('"headerRows":[2]');
    expect(r.stdout).toContain('Data starts at row 3');
  });

  it('exits 2 for a package with several schemas and no -r, an unknown resource, or a non-.xlsx output', async () => {
    expect((await cli(['template', '.', '-o', 'x.xlsx'])).code).toBe(2);
    const r = await cli(['template', '.', '-r', 'tidak-ada', '-o', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kejadian');
    expect((await cli(['template', 'schema.json', '-o', 'x.csv'])).code).toBe(2);
    expect((await cli(['template', 'tidak-ada.json', '-o', 'x.xlsx'])).code).toBe(2);
  });
});
