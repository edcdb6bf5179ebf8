/**
 * End-to-end through a real pseudo-terminal (python's pty module): the officer's guided session
 * from a folder holding one CSV file to a complete package, and Ctrl-C leaving the file untouched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import type { DataPackage } from '../../src/schema/types.js';

const DRIVER = path.join(ROOT, 'test', 'fixtures', 'init', 'pty-drive.py');
const BARE = path.join(ROOT, 'test', 'fixtures', 'init', 'bare-package');
const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const DOWN = '\x1b[B';
const BACKSPACE = '\x7f';

async function drive(cwd: string, steps: [string, string][], args: string[]): Promise<{ code: number | null; output: string; stuck_at?: string }> {
  const { stdout } = await promisify(execFile)('python3', [DRIVER, cwd, JSON.stringify(steps), '--', process.execPath, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

function folderWithCsv(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'satudata-pty-')), 'kebakaran-makassar');
  temps.push(path.dirname(dir));
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(BARE, 'kebakaran-2024.csv'), path.join(dir, 'kebakaran-2024.csv'));
  return dir;
}

describe('interactive init + metadata in a pseudo-terminal', { timeout: 120_000 }, () => {
  it('guides an officer from a CSV file to a complete, valid package', async () => {
    const dir = folderWithCsv();
    const r = await drive(
      dir,
      [
        ['Alamat portal CKAN', '\r'],
        ['Organisasi \\(SKPD/OPD\\) pemilik data', DOWN.repeat(12) + '\r'], // skip, then the 12th SKPD: Damkar
        ['Isi metadata Satu Data sekarang\\? \\(Y/t\\)', 'ya\r'],
        ['Judul dataset', 'Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar\r'],
        ['Nama dataset di portal', '\r'],
        ['Deskripsi dataset', 'Jumlah kejadian kebakaran per kecamatan di Kota Makassar.\r'],
        ['Konsep', 'Kebakaran adalah nyala api yang tidak dikehendaki.\r'],
        ['Definisi', 'Kejadian yang dilaporkan dan ditangani regu pemadam.\r'],
        ['Organisasi \\(SKPD/OPD pemilik data di portal\\)', '\r'],
        ['Produsen data', '\r'],
        ['Tag / kata kunci', 'kebakaran, damkar\r'],
        ['Lisensi', '\r'],
        ['Frekuensi penerbitan', DOWN.repeat(3) + '\r'],
        ['Periode / tahun data', '2024/2019\r'],
        ['terbalik', BACKSPACE.repeat(9) + '2024\r'],
        ['Cakupan wilayah', 'Kota Makassar\r'],
        ['Kode wilayah', '73.71\r'],
        ['Tingkat penyajian', DOWN + '\r'],
        ['Ukuran', '\r'],
        ['Satuan \\(mis', 'kejadian\r'],
        ['Klasifikasi', '\r'],
        ['Sumber data', 'Laporan kejadian Damkar\r'],
        ['Nama kontak', 'Andi Pengelola Data\r'],
        ['E-mail kontak', 'andi@\r'],
        ['bukan alamat e-mail', BACKSPACE.repeat(5) + 'data.damkar@makassarkota.go.id\r'],
        ['Judul sumber daya', '\r'],
        ['Deskripsi sumber daya', '\r'],
        ['Kolom "kode_kecamatan" \\(string\\): judul', '\r'],
        ['Kolom "kode_kecamatan": definisi', 'Kode Kemendagri kecamatan.\r'],
        ['Kolom "kecamatan" \\(string\\): judul', '\r'],
        ['Kolom "kecamatan": definisi', 'Nama kecamatan.\r'],
        ['Kolom "jumlah_kejadian" \\(integer\\): judul', '\r'],
        ['Kolom "jumlah_kejadian": definisi', 'Banyaknya kejadian kebakaran.\r'],
        ['Kolom "jumlah_kejadian": satuan', '\r'],
      ],
      ['init'],
    );
    expect(r.stuck_at, r.output.slice(-2000)).toBeUndefined();
    expect(r.code).toBe(0);
    expect(r.output).toContain('Metadata Satu Data lengkap');
    // The prompts' own words are Indonesian too: key hints and the yes/no answer.
    expect(r.output).toContain('↑↓ pindah');
    expect(r.output).toContain('⏎ pilih');
    expect(r.output).not.toMatch(/navigate|\bYes\b/);
    expect(r.output).toMatch(/Isi metadata Satu Data sekarang\? Ya/);

    const pkg = JSON.parse(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')) as DataPackage;
    expect(pkg).toMatchObject({
      name: 'kebakaran-makassar',
      title: 'Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar',
      keywords: ['kebakaran', 'damkar'],
      sources: [{ title: 'Laporan kejadian Damkar' }],
      sdi: { organisasi: 'dinas-pemadam-kebakaran-penyelamatan', frekuensi: 'bulanan', periode: '2024', tingkat_penyajian: 'kecamatan', ukuran: 'jumlah', satuan: 'kejadian', kode_wilayah: '73.71' },
    });
    expect(pkg.contributors).toEqual([
      { title: 'Dinas Pemadam Kebakaran dan Penyelamatan Kota Makassar', role: 'author' },
      { title: 'Andi Pengelola Data', role: 'maintainer', email: 'data.damkar@makassarkota.go.id' },
    ]);
    const fields = (pkg.resources[0]!.schema as { fields: Record<string, unknown>[] }).fields;
    expect(fields.map((f) => [f.title, f.description])).toEqual([
      ['Kode Kecamatan', 'Kode Kemendagri kecamatan.'],
      ['Kecamatan', 'Nama kecamatan.'],
      ['Jumlah Kejadian', 'Banyaknya kejadian kebakaran.'],
    ]);
    expect(fields[2]?.unit).toBe('kejadian');
    expect(JSON.parse(readFileSync(path.join(dir, '.satudatarc.json'), 'utf8'))).toEqual({
      organization: 'dinas-pemadam-kebakaran-penyelamatan', lang: 'id', profile: 'satudata',
    });

    // The config written by init turns the profile on: plain validate now checks the metadata too.
    const v = await runCli(['validate', '--json'], { cwd: dir });
    expect(JSON.parse(v.stdout).errors).toEqual([]);
    expect(v.code).toBe(0);
  });

  it('Ctrl-C in the middle of "satudata metadata" leaves datapackage.json as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'satudata-pty-'));
    temps.push(dir);
    for (const f of ['datapackage.json', 'kebakaran-2024.csv']) copyFileSync(path.join(BARE, f), path.join(dir, f));
    const before = readFileSync(path.join(dir, 'datapackage.json'), 'utf8');
    const r = await drive(dir, [['Judul dataset', 'Judul Baru\r'], ['Nama dataset', '\r'], ['Deskripsi dataset', 'setengah jalan'], ['setengah jalan', '\x03']], ['metadata']);
    expect(r.stuck_at).toBeUndefined();
    expect(r.code).toBe(2);
    expect(r.output).toContain('Dibatalkan');
    expect(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')).toBe(before);
  });

  it('an interrupted "satudata metadata" keeps its answers and the next run resumes at the next question', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'satudata-pty-'));
    temps.push(dir);
    for (const f of ['datapackage.json', 'kebakaran-2024.csv']) copyFileSync(path.join(BARE, f), path.join(dir, f));
    const before = readFileSync(path.join(dir, 'datapackage.json'), 'utf8');
    const first = await drive(
      dir,
      [['Judul dataset', 'Jumlah Kejadian Kebakaran di Kota Makassar\r'], ['Nama dataset', '\r'], ['Deskripsi dataset', 'Kejadian kebakaran per kecamatan.\r'], ['Konsep', '\x03']],
      ['metadata'],
    );
    expect(first.stuck_at).toBeUndefined();
    expect(first.code).toBe(2);
    expect(first.output).toContain('3 jawaban sejauh ini disimpan');
    // datapackage.json itself is untouched; the answers wait in the draft.
    expect(readFileSync(path.join(dir, 'datapackage.json'), 'utf8')).toBe(before);
    const draft = JSON.parse(readFileSync(path.join(dir, '.satudata', 'metadata-draft.json'), 'utf8'));
    expect(draft.pkg.title).toBe('Jumlah Kejadian Kebakaran di Kota Makassar');

    const second = await drive(dir, [['Melanjutkan sesi sebelumnya: 3 jawaban', ''], ['Konsep', 'Api yang tidak dikehendaki.\r'], ['Definisi', '\x03']], ['metadata']);
    expect(second.stuck_at).toBeUndefined();
    expect(second.code).toBe(2);
    // The answered questions were not asked again.
    expect(second.output).not.toContain('Judul dataset');
    expect(second.output).not.toContain('Deskripsi dataset');
    expect(second.output).toContain('4 jawaban sejauh ini disimpan');
    const draft2 = JSON.parse(readFileSync(path.join(dir, '.satudata', 'metadata-draft.json'), 'utf8'));
    expect(draft2.pkg).toMatchObject({ title: 'Jumlah Kejadian Kebakaran di Kota Makassar', sdi: { konsep: 'Api yang tidak dikehendaki.' } });
  });
});
