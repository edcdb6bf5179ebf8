// `satudata convert` on synthetic inputs: the hand-written CSV fixture and workbooks built here with
// exceljs (all synthetic).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { runInProcess } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/describe/sintetis-anggaran-kecamatan.csv');
let dir: string;

const cli = (args: string[]) => runInProcess(args, { cwd: dir });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-convert-'));
  await cp(FIXTURE, join(dir, 'anggaran.csv'));
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet('Kebakaran');
  a.addRow(['Data kebakaran (sintetis)']);
  a.addRow(['tanggal', 'kecamatan', 'kerugian', 'unit']);
  a.addRow([new Date(Date.UTC(2024, 0, 31)), 'Mariso', '1.500.000', 3]);
  a.addRow([new Date(Date.UTC(2024, 1, 1)), 'Tallo', '250.000', 2]);
  a.addRow(['Jumlah', '', '1.750.000', 5]);
  const b = wb.addWorksheet('Lampiran 2');
  b.addRow(['kode', 'nilai']);
  b.addRow(['73.71.01', '12,5']);
  b.addRow(['73.71.02', '-']);
  await wb.xlsx.writeFile(join(dir, 'laporan.xlsx'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('satudata convert', () => {
  it('writes a clean CSV next to a CSV input without overwriting it: plain numbers, data rows only', async () => {
    const r = await cli(['convert', 'anggaran.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('anggaran.bersih.csv (4 baris, skema hasil describe)');
    expect(await readFile(join(dir, 'anggaran.bersih.csv'), 'utf8')).toBe(
      'kecamatan,penduduk,persentase,anggaran,tanggal_laporan,keterangan\n' +
      'Mariso,60499,12.5,1500000,31 Desember 2023,\n' +
      'Mamajang,61452,7.25,250000,1 Januari 2024,baik\n' +
      'Tallo,1482354,,12000000.5,15 Mei 2024,\n' +
      'Rappocini,170121,3,0,2 Agustus 2024,ok\n',
    );
  });

  it('converts one sheet: ISO dates, numbers without thousands dots, the total row dropped', async () => {
    const r = await cli(['convert', 'laporan.xlsx', '--sheet', 'Kebakaran', '-o', 'kebakaran.csv']);
    expect(r.code).toBe(0);
    expect(await readFile(join(dir, 'kebakaran.csv'), 'utf8')).toBe(
      'tanggal,kecamatan,kerugian,unit\n2024-01-31,Mariso,1500000,3\n2024-02-01,Tallo,250000,2\n',
    );
  });

  it('--all-sheets writes one CSV per sheet', async () => {
    const r = await cli(['--lang', 'en', 'convert', 'laporan.xlsx', '--all-sheets', '-o', 'semua']);
    expect(r.code).toBe(0);
    expect((await readdir(join(dir, 'semua'))).sort()).toEqual(['laporan-kebakaran.csv', 'laporan-lampiran-2.csv']);
    expect(await readFile(join(dir, 'semua/laporan-lampiran-2.csv'), 'utf8')).toBe('kode,nilai\n73.71.01,12.5\n73.71.02,\n');
    expect(r.stdout).toContain('sheet "Lampiran 2"');
  });

  it('exits 2 for a missing file, a missing sheet, and --sheet with --all-sheets', async () => {
    expect((await cli(['convert', 'tidak-ada.xlsx'])).code).toBe(2);
    const r = await cli(['convert', 'laporan.xlsx', '--sheet', 'Tidak Ada']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Kebakaran');
    expect((await cli(['convert', 'laporan.xlsx', '--sheet', 'Kebakaran', '--all-sheets'])).code).toBe(2);
  });

  it('streams a 100,000-row sheet in under 200 MiB (peak RSS of the whole process)', async () => {
    const big = join(dir, 'besar.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: big, useSharedStrings: false });
    const ws = writer.addWorksheet('Data');
    ws.addRow(['id', 'kecamatan', 'nilai', 'teks', 'tanggal', 'a', 'b', 'c', 'd', 'e', 'f']).commit();
    const kec = ['Mariso', 'Tallo', 'Wajo', 'Manggala'];
    for (let i = 1; i <= 100_000; i++) {
      ws.addRow([i, kec[i % 4], `${i % 1000}.${i % 97},5`.replace(/\.(\d+),/, '.$1'), `baris ${i}`, new Date(Date.UTC(2020, 0, 1 + (i % 365))), i % 7, i * 3, `x${i % 13}`, i % 2 === 0, i / 4, 'Makassar']).commit();
    }
    ws.commit();
    await writer.commit();
    const script = `import(${JSON.stringify(join(ROOT, 'dist/cli/main.js'))}).then(async (m) => { const c = await m.run(['convert', ${JSON.stringify(big)}, '-o', ${JSON.stringify(join(dir, 'besar.csv'))}], { interactive: false }); process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = c; })`;
    const { stderr, stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: dir, maxBuffer: 1 << 20 });
    expect(stdout).toContain('100000');
    const kib = Number(/MAXRSS (\d+)/.exec(stderr)![1]);
    expect(kib).toBeLessThan(200 * 1024);
    const csv = await readFile(join(dir, 'besar.csv'), 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(100_001);
    expect(lines[1]!.split(',').slice(0, 5)).toEqual(['1', 'Tallo', expect.any(String), 'baris 1', '2020-01-02']);
  }, 300_000);
});
