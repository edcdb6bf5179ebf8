import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

// "--json on every command": stdout holds exactly one JSON document, whatever else the command says.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-json-'));
  cpSync(path.join(ROOT, 'examples/dinkes-puskesmas-kecamatan'), path.join(dir, 'pkg'), { recursive: true });
  cpSync(path.join(ROOT, 'test/fixtures/conformance/bps-tpt-provinsi-2026.xlsx'), path.join(dir, 'raw', 'tpt.xlsx'), { recursive: true });
});

const parse = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('--json on every command', () => {
  it('validate', async () => {
    const r = await runCli(['validate', path.join(dir, 'pkg'), '--json']);
    expect(parse(r.stdout).valid).toBe(true);
  });

  it('describe', async () => {
    const r = await runCli(['describe', path.join(dir, 'raw', 'tpt.xlsx'), '--json']);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toHaveProperty('schema');
  });

  it('convert', async () => {
    const r = await runCli(['convert', path.join(dir, 'pkg', 'data', 'puskesmas-per-kecamatan-2024.xlsx'), '-o', path.join(dir, 'out.csv'), '--json']);
    expect(r.code).toBe(0);
    const out = parse(r.stdout).outputs as { rows: number; schema: string }[];
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ rows: 15, schema: 'package' });
  });

  it('template', async () => {
    const r = await runCli(['template', path.join(dir, 'pkg'), '-o', path.join(dir, 'isian.xlsx'), '--json']);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toMatchObject({ dataStartsAtRow: 3, format: 'xlsx' });
  });

  it('init (stdout is only the summary; the progress lines go to stderr)', async () => {
    const target = path.join(dir, 'raw');
    const r = await runCli(['init', target, '--yes', '--json']);
    expect(r.code).toBe(0);
    const doc = parse(r.stdout);
    expect(doc.written).toEqual(expect.arrayContaining(['datapackage.json', '.satudatarc.json']));
    expect(r.stderr).toContain('datapackage.json');
  });

  it('metadata (exit 2 with the missing fields, as JSON)', async () => {
    const r = await runCli(['metadata', path.join(dir, 'raw'), '--yes', '--set', 'judul=Tingkat Pengangguran Terbuka', '--json']);
    expect(r.code).toBe(2);
    const doc = parse(r.stdout);
    expect(doc.complete).toBe(false);
    expect((doc.missing as unknown[]).length).toBeGreaterThan(3);
  });

  it('push, login, logout and status without a portal: a usage error on stderr, stdout empty', async () => {
    for (const cmd of [['push', path.join(dir, 'pkg')], ['login'], ['logout'], ['status']]) {
      const r = await runCli([...cmd, '--json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/portal/i);
    }
  });

  it('the config file decides the default language', async () => {
    writeFileSync(path.join(dir, '.satudatarc.json'), JSON.stringify({ lang: 'en' }));
    const r = await runCli(['status'], { cwd: dir });
    expect(r.stderr).toMatch(/^Error: /m);
    const id = await runCli(['status', '--lang', 'id'], { cwd: dir });
    expect(id.stderr).toMatch(/^Galat: /m);
  });
});
