// CLI behaviour of `satudata describe` on the synthetic fixture (test/fixtures/describe/README.md).
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.js';
import { runInProcess } from '../helpers/cli.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/describe/sintetis-anggaran-kecamatan.csv');
let dir: string;

const cli = (args: string[]) => runInProcess(args, { cwd: dir });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-describe-'));
  await cp(FIXTURE, join(dir, 'anggaran.csv'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('satudata describe', () => {
  it('prints readable Bahasa Indonesia text by default', async () => {
    const r = await cli(['describe', 'anggaran.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sumber daya: anggaran');
    expect(r.stdout).toContain('Kolom (6):');
    expect(r.stdout).toContain('Catatan:');
    expect(r.stdout).toMatch(/nama bulan Indonesia/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints English with --lang en', async () => {
    const r = await cli(['--lang', 'en', 'describe', 'anggaran.csv']);
    expect(r.stdout).toContain('Fields (6):');
    expect(r.stdout).toContain('Indonesian month names');
  });

  it('--json prints only the descriptor', async () => {
    const r = await cli(['describe', 'anggaran.csv', '--json']);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res).toMatchObject({ name: 'anggaran', path: 'anggaran.csv', format: 'csv', encoding: 'utf-8', type: 'table' });
    expect(res.dialect).toEqual({ delimiter: ';', headerRows: [3], commentRows: [8, 9] });
    const byName = Object.fromEntries(res.schema.fields.map((f: { name: string }) => [f.name, f]));
    expect(byName.penduduk).toEqual({ name: 'penduduk', type: 'integer', groupChar: '.' });
    expect(byName.anggaran).toEqual({ name: 'anggaran', type: 'number', decimalChar: ',', groupChar: '.', bareNumber: false });
    expect(byName.persentase).toEqual({ name: 'persentase', type: 'number', decimalChar: ',' });
    expect(byName.kecamatan.constraints.enum).toContain('Rappocini');
    expect(res.schema.missingValues).toEqual(['', '-']);
  });

  it('--write creates datapackage.json whose resource validates its own file', async () => {
    const r = await cli(['describe', 'anggaran.csv', '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('datapackage.json dibuat');
    const report = await validate(['datapackage.json'], { cwd: dir });
    expect(report.tasks[0]!.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('--write keeps what is already in datapackage.json and the officer\'s field descriptions', async () => {
    await writeFile(join(dir, 'datapackage.json'), JSON.stringify({
      name: 'anggaran-makassar',
      title: 'Anggaran Makassar',
      licenses: [{ name: 'CC-BY-4.0' }],
      resources: [
        { name: 'lain', path: 'lain.csv', title: 'Lain' },
        { name: 'anggaran', path: 'anggaran.csv', title: 'Realisasi', description: 'ditulis tangan',
          schema: { fields: [{ name: 'penduduk', type: 'string', description: 'jumlah jiwa' }] } },
      ],
    }));
    const r = await cli(['describe', 'anggaran.csv', '--write', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).name).toBe('anggaran');
    expect(r.stderr).toContain('diperbarui');
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'anggaran-makassar', title: 'Anggaran Makassar', licenses: [{ name: 'CC-BY-4.0' }] });
    expect(pkg.resources).toHaveLength(2);
    expect(pkg.resources[0]).toEqual({ name: 'lain', path: 'lain.csv', title: 'Lain' });
    expect(pkg.resources[1]).toMatchObject({ name: 'anggaran', title: 'Realisasi', description: 'ditulis tangan' });
    const penduduk = pkg.resources[1].schema.fields.find((f: { name: string }) => f.name === 'penduduk');
    expect(penduduk).toEqual({ name: 'penduduk', type: 'integer', groupChar: '.', description: 'jumlah jiwa' });
  });

  it('--missing-values adds the officer\'s markers', async () => {
    const r = await cli(['describe', 'anggaran.csv', '--json', '--missing-values', '0,n.a.']);
    expect(JSON.parse(r.stdout).schema.missingValues).toEqual(['', '-', '0', 'n.a.']);
  });

  it('exits 2 with a clear message for a missing file, and for an unreadable one', async () => {
    const r = await cli(['describe', 'tidak-ada.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('berkas tidak ditemukan: tidak-ada.csv');
    await writeFile(join(dir, 'palsu.xlsx'), 'bukan zip');
    const r2 = await cli(['--lang', 'en', 'describe', 'palsu.xlsx']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/xlsx/);
    expect(r2.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('refuses to overwrite a broken datapackage.json', async () => {
    await writeFile(join(dir, 'datapackage.json'), '{ rusak');
    const r = await cli(['describe', 'anggaran.csv', '--write']);
    expect(r.code).toBe(2);
    expect(await readFile(join(dir, 'datapackage.json'), 'utf8')).toBe('{ rusak');
  });
});
