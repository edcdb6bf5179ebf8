/** The nightly audit example script, run for real (bash + the built CLI) against the fake CKAN. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegister } from '../../src/audit/register.js';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { statusSeed } from '../fixtures/status/seed.js';

const root = resolve(import.meta.dirname, '../..');
let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan(statusSeed());
});
afterAll(async () => {
  await ckan.close();
});

/** Run the script asynchronously: the fake CKAN lives in this process, so blocking would deadlock. */
function runScript(cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [join(root, 'examples/audit/audit-malam.sh')], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const witaDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('examples/audit', () => {
  it('the template and the example register are valid registers', async () => {
    expect((await loadRegister(join(root, 'templates/daftar-data.csv'), 'id')).length).toBe(3);
    const example = await loadRegister(join(root, 'examples/audit/daftar-data.csv'), 'id');
    expect(example.length).toBe(18);
    expect(new Set(example.map((e) => e.frequency))).toEqual(new Set(['tahunan', 'bulanan', 'semesteran']));
  });

  it('audit-malam.sh writes dated HTML, Markdown and JSON reports and exits 1 when datasets are missing', async () => {
    expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
    const out = mkdtempSync(join(tmpdir(), 'audit-malam-'));
    const before = witaDay();
    const r = await runScript(out, {
      PATH: process.env.PATH,
      HOME: out,
      SATUDATA_CONFIG_DIR: out,
      SATUDATA_PORTAL: ckan.url,
      OUT_DIR: join(out, 'laporan'),
      SATUDATA: `${process.execPath} ${join(root, 'bin/satudata.js')}`,
      // The fixture's resources point at files.example.invalid: no data check here (see the next test).
      CHECK_DATA: '0',
    });
    expect(r.stderr).toContain('Laporan ditulis ke');
    expect(r.status).toBe(1);
    const day = [before, witaDay()].find((d) => existsSync(join(out, 'laporan', `audit-${d}.json`)));
    expect(day).toBeDefined();
    const base = join(out, 'laporan', `audit-${day}`);
    const doc = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    expect(doc.summary).toMatchObject({ organizations: 52, expected: 18 });
    expect(readFileSync(`${base}.md`, 'utf8')).toMatch(/^# Audit Satu Data/);
    expect(readFileSync(`${base}.html`, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // The three reports share one --now.
    expect(readFileSync(`${base}.md`, 'utf8')).toContain(`Waktu audit: ${doc.generatedAt}`);
    expect(readFileSync(join(out, 'laporan', 'terbaru.json'), 'utf8')).toBe(readFileSync(`${base}.json`, 'utf8'));
  });

  it('by default checks the published data once: the 2nd and 3rd report come from the cache; FAIL_ON=invalid exits 1', async () => {
    const schema = JSON.stringify({ fields: [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah', type: 'integer' }] });
    const portal = await startFakeCkan({
      orgs: ['dinas-kesehatan'],
      datasets: [
        { name: 'jumlah-puskesmas', org: 'dinas-kesehatan', resources: [{ name: 'data', format: 'CSV', content: 'kecamatan,jumlah\nMariso,2\n', schema, last_modified: '2025-06-01T00:00:00' }] },
        { name: 'balita-stunting', org: 'dinas-kesehatan', resources: [{ name: 'data', format: 'CSV', content: 'kecamatan,jumlah\nMariso,dua\n', schema, last_modified: '2025-06-01T00:00:00' }] },
      ],
    });
    try {
      const out = mkdtempSync(join(tmpdir(), 'audit-malam-check-'));
      const register = join(out, 'daftar.csv');
      writeFileSync(register, 'skpd,dataset,judul,frekuensi\ndinas-kesehatan,jumlah-puskesmas,Puskesmas,tahunan\ndinas-kesehatan,balita-stunting,Stunting,tahunan\n');
      const env = { PATH: process.env.PATH, HOME: out, SATUDATA_CONFIG_DIR: out, SATUDATA_PORTAL: portal.url, REGISTER: register, OUT_DIR: join(out, 'laporan'), FAIL_ON: 'invalid', SATUDATA: `${process.execPath} ${join(root, 'bin/satudata.js')}` };
      const r = await runScript(out, env);
      expect(r.status).toBe(1);
      const runs = r.stderr.split('\n').filter((l) => l.startsWith('Pemeriksaan data:'));
      expect(runs).toEqual([
        'Pemeriksaan data: 2 sumber daya CSV/XLSX, 2 diunduh (0 KiB), 0 tidak berubah sejak pemeriksaan terakhir (cache).',
        'Pemeriksaan data: 2 sumber daya CSV/XLSX, 0 diunduh (0 KiB), 2 tidak berubah sejak pemeriksaan terakhir (cache).',
        'Pemeriksaan data: 2 sumber daya CSV/XLSX, 0 diunduh (0 KiB), 2 tidak berubah sejak pemeriksaan terakhir (cache).',
      ]);
      const doc = JSON.parse(readFileSync(join(out, 'laporan', 'terbaru.json'), 'utf8'));
      expect(doc.summary).toMatchObject({ expected: 2, present: 2, invalid: 1, unchecked: 0 });
      expect(readFileSync(join(out, 'laporan', 'terbaru.html'), 'utf8')).toContain('nilai &quot;dua&quot; tidak sesuai tipe kolom');
      // The cache lives in the user's cache folder (here HOME/.cache/satudata).
      expect(existsSync(join(out, '.cache', 'satudata', 'check-data'))).toBe(true);
    } finally {
      await portal.close();
    }
  });

  it('exits 3 and writes no report when the portal is down', async () => {
    const dead = await startFakeCkan({});
    const url = dead.url;
    await dead.close();
    const out = mkdtempSync(join(tmpdir(), 'audit-malam-down-'));
    const r = await runScript(out, { PATH: process.env.PATH, HOME: out, SATUDATA_CONFIG_DIR: out, SATUDATA_PORTAL: url, OUT_DIR: join(out, 'laporan'), SATUDATA: `${process.execPath} ${join(root, 'bin/satudata.js')}` });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('Tidak dapat menghubungi portal');
    expect(existsSync(join(out, 'laporan', 'terbaru.json'))).toBe(false);
  });
});
