import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import type { DataPackage } from '../../src/schema/types.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'init', 'bare-package');
const temps: string[] = [];

function workdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'satudata-meta-'));
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}
const pkgText = (dir: string) => readFileSync(path.join(dir, 'datapackage.json'), 'utf8');
const pkgOf = (dir: string) => JSON.parse(pkgText(dir)) as DataPackage;

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** Every mandatory field, by the key the profile reports and a --set that fills it (aliases on purpose). */
const MANDATORY: [string, string][] = [
  ['title', 'judul=Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar'],
  ['description', 'deskripsi=Jumlah kejadian kebakaran yang ditangani Damkar per kecamatan.'],
  ['sdi.organisasi', 'organisasi=dinas-pemadam-kebakaran-penyelamatan'],
  ['sdi.konsep', 'konsep=Kebakaran adalah nyala api yang tidak dikehendaki.'],
  ['sdi.definisi', 'definisi=Kejadian yang dilaporkan dan ditangani regu pemadam.'],
  ['sdi.ukuran', 'ukuran=jumlah'],
  ['sdi.satuan', 'satuan=kejadian'],
  ['sdi.frekuensi', 'frekuensi=Bulanan'],
  ['sdi.periode', 'tahun=2024'],
  ['sdi.cakupan', 'cakupan=Kota Makassar'],
  ['sdi.tingkat_penyajian', 'tingkat_penyajian=kecamatan'],
  ['contributors.maintainer.title', 'kontak=Andi Pengelola Data'],
  ['contributors.maintainer.email', 'email=data.damkar@makassarkota.go.id'],
  ['resources.0.schema.fields.kode_kecamatan.title', 'resources.0.schema.fields.kode_kecamatan.title=Kode Kecamatan'],
  ['resources.0.schema.fields.kecamatan.title', 'resources.kebakaran-2024.schema.fields.kecamatan.judul=Kecamatan'],
  ['resources.0.schema.fields.jumlah_kejadian.title', 'resources.0.schema.fields.jumlah_kejadian.title=Jumlah Kejadian'],
  // A measure column needs its unit.
  ['resources.0.schema.fields.jumlah_kejadian.unit', 'resources.0.schema.fields.jumlah_kejadian.satuan=kejadian'],
];
/** Column descriptions: recommended (a warning), not required. */
const RECOMMENDED: string[] = [
  'resources.0.schema.fields.kode_kecamatan.deskripsi=Kode Kemendagri kecamatan.',
  'resources.0.schema.fields.kecamatan.description=Nama kecamatan.',
  'resources.0.schema.fields.2.description=Banyaknya kejadian kebakaran.',
];
const setArgs = (sets: string[]) => sets.flatMap((s) => ['--set', s]);

describe('satudata metadata --yes (CLI)', () => {
  it('fills a package completely from --set, so validate --profile satudata passes', async () => {
    const dir = workdir();
    const before = await runCli(['validate', '--profile', 'satudata', '--json'], { cwd: dir });
    expect(before.code, before.stderr).toBe(1);
    expect(JSON.parse(before.stdout).errors.map((e: { type: string }) => e.type)).toContain('satudata-metadata');

    const r = await runCli(['metadata', '--yes', ...setArgs([...MANDATORY.map(([, s]) => s), ...RECOMMENDED])], { cwd: dir });
    expect(r.stderr).not.toMatch(/Galat|catatan/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Metadata Satu Data lengkap.');
    const pkg = pkgOf(dir);
    expect(pkg.sdi).toMatchObject({ frekuensi: 'bulanan', frekuensi_uri: 'http://purl.org/cld/freq/monthly', periode: '2024', organisasi: 'dinas-pemadam-kebakaran-penyelamatan' });
    // Derived: licence default, producer from the SKPD list; the existing slug is kept.
    expect(pkg.name).toBe('kebakaran-makassar');
    expect((pkg.licenses as unknown[])[0]).toMatchObject({ name: 'CC-BY-4.0' });
    expect(pkg.contributors).toEqual([
      { title: 'Andi Pengelola Data', role: 'maintainer', email: 'data.damkar@makassarkota.go.id' },
      { title: 'Dinas Pemadam Kebakaran dan Penyelamatan Kota Makassar', role: 'author' },
    ]);

    const after = await runCli(['validate', '--profile', 'satudata', '--json'], { cwd: dir });
    expect(JSON.parse(after.stdout).errors).toEqual([]);
    expect(after.code).toBe(0);
    const plain = await runCli(['validate', '--json'], { cwd: dir });
    expect(plain.code).toBe(0);
  });

  it.each(MANDATORY.map(([key], i) => [key, i] as const))('without %s: valid values are written, then exit 2 naming it', async (key, i) => {
    const dir = workdir();
    const sets = MANDATORY.filter((_m, j) => j !== i).map(([, s]) => s);
    const r = await runCli(['metadata', '--yes', ...setArgs(sets)], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    const listed = [...r.stderr.matchAll(/Metadata wajib "([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual([key]);
    expect(r.stderr).toContain('Metadata wajib masih kurang (1)');
    // The other answers were saved: a second run with only the missing value completes it.
    const fix = await runCli(['metadata', '--yes', '--set', MANDATORY[i]![1]], { cwd: dir });
    expect(fix.code).toBe(0);
  });

  it('lists every missing field of a bare package without waiting for input', async () => {
    const dir = workdir();
    const r = await runCli(['metadata'], { cwd: dir, input: 'this is ignored\n' });
    expect(r.code).toBe(2);
    const listed = [...r.stderr.matchAll(/Metadata wajib "([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining(MANDATORY.map(([k]) => k)));
    // The licence is not listed: --yes takes its default (CC-BY-4.0).
    expect(listed).toHaveLength(MANDATORY.length);
  });

  it.each([
    [['--set', 'warna=biru'], /kunci "warna" tidak dikenal/],
    [['--set', 'judul=Judul Baru', '--set', 'email=bukan-email'], /"email": "bukan-email" bukan alamat e-mail/],
    [['--set', 'frekuensi=kadang-kadang'], /frekuensi "kadang-kadang" tidak dikenal; pilih salah satu: harian/],
    [['--set', 'tahun=2025/2020'], /terbalik/],
    [['--set', 'resources.0.schema.fields.tidak_ada.title=X'], /kolom "tidak_ada" tidak ada/],
    [['--set', 'judul'], /KUNCI=NILAI/],
  ])('%j exits 2 and writes nothing', async (flags, msg) => {
    const dir = workdir();
    const before = pkgText(dir);
    const r = await runCli(['metadata', '--yes', ...flags], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Tidak ada yang ditulis/);
    expect(r.stderr).toMatch(msg);
    expect(pkgText(dir)).toBe(before);
  });

  it('takes the organization from the config and the package from a path argument', async () => {
    const dir = workdir();
    writeFileSync(path.join(dir, '.satudatarc.json'), JSON.stringify({ organization: 'dinas-kesehatan', profile: 'satudata' }));
    const r = await runCli(['--lang', 'en', 'metadata', path.join(dir, 'datapackage.json'), '--yes', '--set', 'judul=Jumlah Puskesmas'], { cwd: ROOT });
    expect(r.code).toBe(2);
    const pkg = pkgOf(dir);
    expect((pkg.sdi as Record<string, unknown>).organisasi).toBe('dinas-kesehatan');
    expect(pkg.name).toBe('kebakaran-makassar');
    expect(r.stderr).toContain('Mandatory metadata is still missing');
    expect(r.stderr).not.toContain('"sdi.organisasi"');
  });

  it('a folder without datapackage.json is a usage error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'satudata-meta-'));
    temps.push(dir);
    const r = await runCli(['metadata', '--yes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/tidak ada datapackage.json/);
    expect(r.stderr).toMatch(/satudata init/);
  });
});

describe('column descriptions are recommended, not required', () => {
  it('metadata completes without them and names the columns in a note; validate --profile warns, exit 0', async () => {
    const dir = workdir();
    const r = await runCli(['metadata', '--yes', ...setArgs(MANDATORY.map(([, s]) => s))], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('catatan: 3 kolom belum punya deskripsi (disarankan, tidak wajib): kebakaran-2024.kode_kecamatan, kebakaran-2024.kecamatan, kebakaran-2024.jumlah_kejadian');
    const v = await runCli(['validate', '--profile', 'satudata', '--json'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).warnings).toEqual([expect.stringContaining('3 kolom belum punya deskripsi')]);
  });
});
