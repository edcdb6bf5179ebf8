/** The metadata Excel round trip: export, fill in "Excel" (exceljs), import; bad cells named, nothing half-written. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

let dir = '';
const pkgFile = () => join(dir, 'datapackage.json');
const pkg = () => JSON.parse(readFileSync(pkgFile(), 'utf8')) as Record<string, any>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'satudata-meta-xlsx-'));
  cpSync(join(ROOT, 'examples', 'dinkes-puskesmas-kecamatan'), dir, { recursive: true });
  const p = pkg();
  delete p.title;
  p.sdi.frekuensi = undefined;
  delete p.resources[0].schema.fields[2].unit; // jumlah_puskesmas: a measure
  delete p.resources[0].schema.fields[1].title; // kecamatan
  writeFileSync(pkgFile(), JSON.stringify(p, null, 2) + '\n');
});

async function workbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function rowOf(ws: ExcelJS.Worksheet, col: number, text: string): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === text) return r;
  throw new Error(`no row with ${text}`);
}

describe('metadata --export / --import', () => {
  it('exports a workbook with headings in row 1, the current values, dropdowns and one row per column', async () => {
    const r = await runCli(['metadata', '--export', 'meta.xlsx'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Tertulis: meta.xlsx (26 isian dataset, 7 kolom)');
    const wb = await workbook(join(dir, 'meta.xlsx'));
    const ds = wb.getWorksheet('Dataset')!;
    expect(ds.getRow(1).values).toEqual([undefined, 'Kunci', 'Isian', 'Wajib', 'Nilai', 'Petunjuk']);
    const cakupan = rowOf(ds, 1, 'sdi.cakupan');
    expect(ds.getRow(cakupan).getCell(4).value).toBe('Kota Makassar');
    expect(ds.getRow(cakupan).getCell(3).value).toBe('★');
    const frek = ds.getRow(rowOf(ds, 1, 'sdi.frekuensi')).getCell(4);
    expect(frek.value).toBe('');
    expect(frek.dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'Daftar'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/)] });
    const cs = wb.getWorksheet('Kolom')!;
    expect(cs.getRow(1).values).toEqual([undefined, 'Sumber daya', 'Nama kolom', 'Tipe', 'Judul', 'Deskripsi', 'Satuan', 'Wajib']);
    expect(cs.rowCount).toBe(8);
    const jumlah = cs.getRow(rowOf(cs, 2, 'jumlah_puskesmas'));
    expect(jumlah.getCell(7).value).toBe('judul, satuan');
    expect(cs.getRow(rowOf(cs, 2, 'kode_kecamatan')).getCell(7).value).toBe('judul');
    expect(wb.getWorksheet('Daftar')!.state).toBe('hidden');
  });

  it('never replaces an existing workbook without --force', async () => {
    writeFileSync(join(dir, 'meta.xlsx'), 'punya petugas');
    const r = await runCli(['metadata', '--export', 'meta.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sudah ada; tidak ditimpa');
    expect(readFileSync(join(dir, 'meta.xlsx'), 'utf8')).toBe('punya petugas');
    expect((await runCli(['metadata', '--export', 'meta.xlsx', '--force'], { cwd: dir })).code).toBe(0);
  });

  it('names every bad cell and writes nothing; after the fix it writes everything and the profile passes', async () => {
    expect((await runCli(['metadata', '--export', 'meta.xlsx'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'meta.xlsx');
    const wb = await workbook(file);
    const ds = wb.getWorksheet('Dataset')!;
    const cs = wb.getWorksheet('Kolom')!;
    const titleRow = rowOf(ds, 1, 'title');
    const frekRow = rowOf(ds, 1, 'sdi.frekuensi');
    const emailRow = rowOf(ds, 1, 'contributors.maintainer.email');
    ds.getRow(titleRow).getCell(4).value = 'Jumlah Puskesmas Menurut Kecamatan di Kota Makassar';
    ds.getRow(frekRow).getCell(4).value = 'kadang-kadang';
    ds.getRow(emailRow).getCell(4).value = 'bukan-email';
    cs.getRow(rowOf(cs, 2, 'kecamatan')).getCell(4).value = 'Kecamatan';
    cs.getRow(rowOf(cs, 2, 'jumlah_puskesmas')).getCell(6).value = 'unit';
    await wb.xlsx.writeFile(file);
    const before = readFileSync(pkgFile(), 'utf8');

    const bad = await runCli(['metadata', '--import', 'meta.xlsx'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Tidak ada yang ditulis: 2 isian di');
    expect(bad.stderr).toContain(`Dataset!D${frekRow}: "sdi.frekuensi": frekuensi "kadang-kadang" tidak dikenal`);
    expect(bad.stderr).toContain(`Dataset!D${emailRow}: "contributors.maintainer.email"`);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(readFileSync(pkgFile(), 'utf8')).toBe(before);

    ds.getRow(frekRow).getCell(4).value = 'tahunan';
    ds.getRow(emailRow).getCell(4).value = 'datin.dinkes@makassarkota.go.id';
    await wb.xlsx.writeFile(file);
    const ok = await runCli(['metadata', '--import', 'meta.xlsx', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ saved: true, complete: true });
    const p = pkg();
    expect(p.title).toBe('Jumlah Puskesmas Menurut Kecamatan di Kota Makassar');
    expect(p.sdi.frekuensi).toBe('tahunan');
    expect(p.resources[0].schema.fields[1].title).toBe('Kecamatan');
    expect(p.resources[0].schema.fields[2].unit).toBe('unit');
    expect((await runCli(['validate', '--profile', 'satudata'], { cwd: dir })).code).toBe(0);
  });

  it('a re-import of an untouched export changes nothing (list values with commas survive)', async () => {
    const p = pkg();
    p.title = 'Jumlah Puskesmas';
    p.sdi.frekuensi = 'tahunan';
    writeFileSync(pkgFile(), JSON.stringify(p, null, 2));
    expect((await runCli(['metadata', '--export', 'meta.xlsx'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(pkgFile(), 'utf8');
    const r = await runCli(['metadata', '--import', 'meta.xlsx', '--yes'], { cwd: dir });
    expect(r.stdout).toContain('Tidak ada perubahan');
    expect(readFileSync(pkgFile(), 'utf8')).toBe(before);
  });

  it('a renamed column or a wrong file is refused by cell or with a clear message', async () => {
    expect((await runCli(['metadata', '--export', 'meta.xlsx'], { cwd: dir })).code).toBe(0);
    const wb = await workbook(join(dir, 'meta.xlsx'));
    const cs = wb.getWorksheet('Kolom')!;
    const r = rowOf(cs, 2, 'kecamatan');
    cs.getRow(r).getCell(2).value = 'nama_kecamatan';
    await wb.xlsx.writeFile(join(dir, 'meta.xlsx'));
    const bad = await runCli(['metadata', '--import', 'meta.xlsx', '--lang', 'en'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`Kolom!B${r}: there is no field "nama_kecamatan" in resource`);

    writeFileSync(join(dir, 'bukan.xlsx'), 'a,b\n1,2\n');
    const notXlsx = await runCli(['metadata', '--import', 'bukan.xlsx'], { cwd: dir });
    expect(notXlsx.code).toBe(2);
    expect(notXlsx.stderr).toContain('tidak bisa dibaca sebagai buku kerja Excel (.xlsx)');
    expect(notXlsx.stderr).not.toContain('Galat internal');
  });
});
