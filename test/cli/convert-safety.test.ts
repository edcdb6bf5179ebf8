// `satudata convert` never misreads or clobbers: two tables → two CSVs, the header checked before any
// CSV is written, no overwrite without --force, -o a folder only with --all-sheets, CR/LF cells quoted.
// Inputs: the real BPS sample (test/fixtures/conformance, SOURCES.md #7) and synthetic files written here.
import { cp, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ROOT, runInProcess } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
const cli = (args: string[]) => runInProcess(args, { cwd: dir });
const BPS = join(ROOT, 'test/fixtures/conformance/bps-pengangguran-terbuka-pendidikan-1986-2024.csv');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-convert-safety-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('convert: the same reading as describe', () => {
  it('writes the two tables of a BPS export to two CSVs, each under its own header', async () => {
    await cp(BPS, join(dir, 'bps.csv'));
    const r = await cli(['--lang', 'en', 'convert', 'bps.csv', '-o', 'pengangguran.csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('table 2 → pengangguran-tabel-2.csv (6 rows');
    const first = parse(await readFile(join(dir, 'pengangguran.csv'), 'utf8')) as string[][];
    expect(first[0]!.slice(0, 3)).toEqual(['no', 'pendidikan_tertinggi_yang_ditamatkan', 'kolom_1986']);
    expect(first).toHaveLength(9);
    expect(first.map((row) => row[1])).not.toContain('SD ke bawah');
    expect(first[8]).toEqual(expect.arrayContaining(['Universitas', '31790']));
    const second = await readFile(join(dir, 'pengangguran-tabel-2.csv'), 'utf8');
    expect(second.split('\n')[0]).toBe('no,kolom_2,kolom_2024_februari,kolom_2024_agustus');
    expect(second.split('\n')[1]).toBe('1,SD ke bawah,1265448,1228158');
  });

  it('refuses (exit 1, nothing written) when the file\'s header no longer matches the package\'s schema', async () => {
    await writeFile(join(dir, 'tukar.csv'), 'kode,jumlah,nilai\nA,1,2\nB,3,4\n');
    expect((await cli(['describe', '--write', 'tukar.csv'])).code).toBe(0);
    await writeFile(join(dir, 'tukar.csv'), 'kode,nilai,jumlah\nA,2,1\nB,4,3\n');
    const r = await cli(['--lang', 'en', 'convert', 'tukar.csv', '-o', 'tukar-bersih.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('does not match the schema\'s field names (column 2: "nilai" ≠ "jumlah"; 3: "jumlah" ≠ "nilai")');
    await expect(stat(join(dir, 'tukar-bersih.csv'))).rejects.toThrow();
  });

  it('refuses when a header read by position (merged BPS header) now reads differently from the titles', async () => {
    await cp(join(ROOT, 'test/fixtures/samples-2/bps_sumsel_produksi_buah_2015_2017.csv'), join(dir, 'buah.csv'));
    expect((await cli(['describe', '--write', 'buah.csv'])).code).toBe(0);
    const ok = await cli(['convert', 'buah.csv', '-o', 'buah-bersih.csv']);
    expect(ok.code, ok.stderr).toBe(0);
    // Next year's file: Mangga 2015 and 2016 moved (header and figures together).
    const lines = (await readFile(join(dir, 'buah.csv'), 'utf8')).split('\n').map((l) => {
      const c = l.split(',');
      if (c.length > 3) [c[1], c[2]] = [c[2]!, c[1]!];
      return c.join(',');
    });
    await writeFile(join(dir, 'buah.csv'), lines.join('\n'));
    const r = await cli(['--lang', 'en', 'convert', 'buah.csv', '-o', 'buah-baru.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('buah.csv: the file\'s header no longer reads as the schema\'s column titles (column 2: "2016" ≠ "Produksi_Buah-Buahan_(Kuintal) Mangga 2015"; 3: ');
    await expect(stat(join(dir, 'buah-baru.csv'))).rejects.toThrow();
  });

  it('refuses a package written before tables were cut apart (it would read the second table as data)', async () => {
    const sub = join(dir, 'lama');
    await cp(BPS, join(sub, 'bps.csv'));
    // The descriptor describe wrote before this fix: table 2 (rows 19-24) read under the yearly columns.
    const fields = [{ name: 'no', type: 'integer' }, { name: 'pendidikan', type: 'string' }, ...Array.from({ length: 59 }, (_, i) => ({ name: `k${i}`, type: 'integer' }))];
    const old = { name: 'p', resources: [{ name: 'bps', path: 'bps.csv', dialect: { header: false, commentRows: [1, 2, 3, 4, 5, 14, 15, 16, 17, 18, 25, 26, 27, 28, 29, 30, 31, 32, 33] }, schema: { fields } }] };
    await writeFile(join(sub, 'datapackage.json'), JSON.stringify(old));
    const r = await runInProcess(['--lang', 'en', 'convert', 'bps.csv'], { cwd: sub });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('from row 16 the file holds another table (its own header), and this resource in datapackage.json would read its rows (19, 20, 21, 22, 23)');
    await expect(stat(join(sub, 'bps.bersih.csv'))).rejects.toThrow();
  });

  it('quotes a cell holding a lone CR or LF, so the CSV keeps its rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['nama', 'catatan']);
    ws.addRow(['Mariso', 'baris satu\rbaris dua']);
    ws.addRow(['Tallo', 'a\nb']);
    await wb.xlsx.writeFile(join(dir, 'cr.xlsx'));
    const r = await cli(['convert', 'cr.xlsx']);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(join(dir, 'cr.csv'), 'utf8');
    expect(text).toBe('nama,catatan\nMariso,"baris satu\rbaris dua"\nTallo,"a\nb"\n');
    expect(parse(text, { record_delimiter: ['\n', '\r'] })).toHaveLength(3);
  });
});

describe('convert: files and folders', () => {
  it('never replaces an existing file without --force, and names it', async () => {
    await writeFile(join(dir, 'data.csv'), 'a,b\n1,2\n');
    await writeFile(join(dir, 'laporan.csv'), 'punya petugas\n');
    const r = await cli(['convert', 'data.csv', '-o', 'laporan.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('laporan.csv sudah ada; tidak ada yang ditulis');
    expect(r.stderr).toContain('--force');
    expect(await readFile(join(dir, 'laporan.csv'), 'utf8')).toBe('punya petugas\n');
    const forced = await cli(['convert', 'data.csv', '-o', 'laporan.csv', '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'laporan.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('checks every output before writing any (a second table whose CSV exists stops the first too)', async () => {
    await cp(BPS, join(dir, 'dua.csv'));
    await writeFile(join(dir, 'dua-keluar-tabel-2.csv'), 'ada\n');
    const r = await cli(['convert', 'dua.csv', '-o', 'dua-keluar.csv']);
    expect(r.code).toBe(2);
    await expect(stat(join(dir, 'dua-keluar.csv'))).rejects.toThrow();
  });

  it('-o is a folder only with --all-sheets, and the error says so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRows([['x'], ['1']]);
    wb.addWorksheet('B').addRows([['y'], ['2']]);
    await wb.xlsx.writeFile(join(dir, 'dua-lembar.xlsx'));
    const r = await cli(['--lang', 'en', 'convert', 'dua-lembar.xlsx', '--all-sheets', '-o', 'out.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('with --all-sheets, -o names a folder');
    await expect(stat(join(dir, 'out.csv'))).rejects.toThrow();
    expect((await cli(['convert', 'dua-lembar.xlsx', '--all-sheets', '-o', 'keluar'])).code).toBe(0);
    expect((await readdir(join(dir, 'keluar'))).sort()).toEqual(['dua-lembar-a.csv', 'dua-lembar-b.csv']);
    // Without --all-sheets, -o is the CSV file; an existing folder there is refused.
    const f = await cli(['--lang', 'en', 'convert', 'dua-lembar.xlsx', '--sheet', 'A', '-o', 'keluar']);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('-o names the CSV file (a folder only with --all-sheets)');
  });
});
