import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import type { DataPackage } from '../../src/schema/types.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'init', 'excel-folder');
const FILES = ['datapackage.json', '.satudatarc.json', 'README.md', '.github/workflows/satudata.yml', '.gitlab-ci.yml', '.gitignore'];
const temps: string[] = [];

function workdir(name = 'data-dinkes'): string {
  const base = mkdtempSync(path.join(tmpdir(), 'satudata-init-'));
  temps.push(base);
  const dir = path.join(base, name);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
const json = <T = Record<string, unknown>>(dir: string, f: string) => JSON.parse(read(dir, f)) as T;

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe('satudata init (CLI)', () => {
  it('scaffolds a repository from a folder of real Excel/CSV files without prompts', async () => {
    const dir = workdir();
    const r = await runCli(['init', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const f of FILES) expect(existsSync(path.join(dir, f)), f).toBe(true);
    expect(r.stdout).toContain('Dibuat: .github/workflows/satudata.yml');

    const pkg = json<DataPackage>(dir, 'datapackage.json');
    expect(pkg.name).toBe('data-dinkes');
    expect(pkg.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }]);
    expect(pkg.resources.map((res) => res.path)).toEqual(['bps-tpt-provinsi-2026.xlsx', 'data/jabar-persentase-balita-stunting-kabkota.csv']);
    // Inferred by the describe engine: schemas with fields, not bare file entries.
    for (const res of pkg.resources) expect((res.schema as { fields: unknown[] }).fields.length).toBeGreaterThan(2);
    expect(new Set(pkg.resources.map((res) => res.name)).size).toBe(2);

    // No portal or organization known: left out, with how to add them, and still exit 0.
    expect(json(dir, '.satudatarc.json')).toEqual({ lang: 'id', profile: 'satudata' });
    expect(r.stderr).toMatch(/Alamat portal belum diatur.*\.satudatarc\.json/);
    expect(r.stderr).toMatch(/Organisasi belum diatur/);

    // The CI files pin the satudata version that wrote them: the checks do not change under the officer.
    const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(read(dir, '.github/workflows/satudata.yml')).toContain(`npx satudata@${version} validate --profile satudata --format github`);
    expect(read(dir, '.github/workflows/satudata.yml')).toContain(`npx satudata@${version} push --yes`);
    expect(read(dir, '.gitlab-ci.yml')).toContain(`npx satudata@${version} validate --profile satudata --format junit`);
    expect(read(dir, '.github/workflows/satudata.yml') + read(dir, '.gitlab-ci.yml')).not.toMatch(/\{\{\w+\}\}|npx satudata (?!@)/);
    // The token goes only to a portal the user named: the CI push job names it next to the secret.
    expect(read(dir, '.github/workflows/satudata.yml')).toMatch(/SATUDATA_API_TOKEN: \$\{\{ secrets\.SATUDATA_API_TOKEN \}\}\n\s*#\s*SATUDATA_PORTAL: \$\{\{ vars\.SATUDATA_PORTAL \}\}/);
    expect(read(dir, '.gitlab-ci.yml')).toMatch(/CI\/CD variable\s+SATUDATA_API_TOKEN[\s\S]*portal URL[\s\S]*SATUDATA_PORTAL/);
    expect(read(dir, '.gitignore')).toContain('.satudata/');
    const readme = read(dir, 'README.md');
    expect(readme).toMatch(/## Alur kerja: periksa → metadata → terbitkan/);
    expect(readme).toContain('`data/jabar-persentase-balita-stunting-kabkota.csv`');
    expect(readme).not.toMatch(/\{\{\w+\}\}/);

    // The config init wrote turns the satudata profile on for a plain `validate`.
    const v = await runCli(['validate', '--json'], { cwd: dir });
    expect(v.code).toBe(1);
    const notes = (JSON.parse(v.stdout) as { errors: { type: string; note: string }[] }).errors.filter((e) => e.type === 'satudata-metadata').map((e) => e.note);
    expect(notes).toEqual(expect.arrayContaining(['title', 'description', 'sdi.organisasi', 'contributors.maintainer.email']));
  });

  it('writes portal and organization into the config and the package', async () => {
    const dir = workdir();
    const r = await runCli(['init', '--yes', '--portal', 'https://data.makassarkota.go.id/', '--org', 'dinas-kesehatan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(json(dir, '.satudatarc.json')).toEqual({ portal: 'https://data.makassarkota.go.id', organization: 'dinas-kesehatan', lang: 'id', profile: 'satudata' });
    const pkg = json<DataPackage>(dir, 'datapackage.json');
    expect(pkg.sdi).toEqual({ organisasi: 'dinas-kesehatan' });
    expect(pkg.contributors).toEqual([{ title: 'Dinas Kesehatan Kota Makassar', role: 'author' }]);
    expect(read(dir, 'README.md')).toContain('Dinas Kesehatan Kota Makassar (`dinas-kesehatan`)');
    expect(r.stderr).not.toMatch(/belum diatur/);
  });

  it('never overwrites with --yes, and reports what it skipped', async () => {
    const dir = workdir();
    writeFileSync(path.join(dir, 'README.md'), 'punya saya\n');
    writeFileSync(path.join(dir, 'datapackage.json'), '{"name":"lama","resources":[]}\n');
    const r = await runCli(['--lang', 'en', 'init', '--yes', '--org', 'dinas-kesehatan'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(read(dir, 'README.md')).toBe('punya saya\n');
    expect(read(dir, 'datapackage.json')).toBe('{"name":"lama","resources":[]}\n');
    expect(r.stdout).toContain('Skipped (exists, not overwritten): datapackage.json');
    expect(r.stdout).toContain('Skipped (exists, not overwritten): README.md');
    expect(r.stdout).toContain('Created: .satudatarc.json');

    // The first run stored "lang": "en" in .satudatarc.json, which is now every command's default.
    const again = await runCli(['init', '--yes'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout.match(/Skipped \(exists/g)).toHaveLength(FILES.length);
    const id = await runCli(['init', '--yes', '--lang', 'id'], { cwd: dir });
    expect(id.stdout.match(/Dilewati/g)).toHaveLength(FILES.length);
    expect(json(dir, '.satudatarc.json')).toMatchObject({ organization: 'dinas-kesehatan' });
  });

  it('creates the folder given as DIR', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'satudata-init-'));
    temps.push(base);
    const r = await runCli(['init', 'baru/repo-data', '--yes'], { cwd: base });
    expect(r.code).toBe(0);
    expect(json<DataPackage>(path.join(base, 'baru', 'repo-data'), 'datapackage.json')).toMatchObject({ name: 'repo-data', resources: [] });
  });

  it.each([
    [['--org', 'Dinas Kesehatan'], /--org: "Dinas Kesehatan" tidak sah/],
    [['--portal', 'data.makassarkota.go.id'], /--portal "data.makassarkota.go.id": alamat portal harus diawali http/],
  ])('bad %j exits 2 and writes nothing', async (flags, msg) => {
    const dir = workdir();
    const r = await runCli(['init', '--yes', ...flags], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr).not.toMatch(/at .*\.js/);
    for (const f of FILES) expect(existsSync(path.join(dir, f)), f).toBe(false);
  });
});

describe('init notes speak the officer\'s language', () => {
  it.each([
    ['id', /^ {4}catatan: Baris 1-1 di atas header/m, /^ {4}(info|warning):|\(commentRows\)/m],
    ['en', /^ {4}note: /m, /^ {4}(catatan|perhatian|info):/m],
  ])('[%s] describe notes are labelled as notes, not info:/warning:', async (lang, want, never) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'satudata-init-notes-'));
    writeFileSync(path.join(dir, 'kebakaran.csv'), 'JUMLAH KEBAKARAN 2024,,\nkecamatan,jumlah,persen\nMariso,"1.234","12,5"\nTallo,"2.345","10,1"\nJumlah,"3.579",\n');
    const r = await runCli(['init', '--yes', '--lang', lang], { cwd: dir });
    expect(r.code).toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(want);
    expect(out).not.toMatch(never);
    // Skipped rows are explained by their row numbers, not by the dialect key that stores them.
    expect(out).toMatch(lang === 'id' ? /perhatian: Tidak dibaca sebagai data: .* — baris 5\./ : /warning: Not read as data: .* — row 5\./);
    rmSync(dir, { recursive: true, force: true });
  });
});
