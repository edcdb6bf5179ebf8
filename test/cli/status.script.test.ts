/** The nightly audit example script, run for real (bash + the built CLI) against the fake CKAN. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
