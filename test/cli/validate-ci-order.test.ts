/**
 * On a freshly `init`ed folder the metadata gaps outnumber GitHub's annotation budget; the one wrong
 * cell must still be annotated, first, and the gaps come as one grouped annotation.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('validate --format github on an init-ed folder with 60 columns and one bad cell', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'satudata-ci-order-'));
    const header = Array.from({ length: 60 }, (_, i) => `jumlah_${i + 1}`).join(',');
    const row = (n: number) => Array.from({ length: 60 }, (_, i) => String(n * 100 + i)).join(',');
    writeFileSync(join(dir, 'data.csv'), `${header}\n${row(1)}\n${row(2)}\n${row(3)}\n`);
    expect((await runCli(['init', '--yes', '--portal', 'http://127.0.0.1:9', '--org', 'dinkes'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['describe', 'data.csv', '--write'], { cwd: dir })).code).toBe(0);
    // Next year's file: one count typed as text in row 3 (the 4th line), column BH (the 60th).
    const lines = readFileSync(join(dir, 'data.csv'), 'utf8').split('\n');
    lines[3] = lines[3]!.replace(/,\d+$/, ',tiga ratus');
    writeFileSync(join(dir, 'data.csv'), lines.join('\n'));
  }, 60_000);

  it('annotates the data error first and groups 130+ metadata gaps into one annotation', async () => {
    const r = await runCli(['validate', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(annotations[0]).toMatch(/^::error file=data\.csv,line=4,col=60,title=Type Error BH4::/);
    expect(annotations).toHaveLength(2);
    expect(annotations[1]).toMatch(/title=Metadata Satu Data belum lengkap \((\d{3})\)/);
    expect(Number(/belum lengkap \((\d+)\)/.exec(annotations[1]!)![1])).toBeGreaterThan(100);
    expect(r.stdout).not.toMatch(/tidak ditampilkan sebagai anotasi/);
  });

  it('the text report shows the wrong cell before the metadata list', async () => {
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.indexOf('sel BH4')).toBeGreaterThan(-1);
    expect(r.stdout.indexOf('Metadata Satu Data belum lengkap')).toBeGreaterThan(r.stdout.indexOf('sel BH4'));
  });
});

describe('validate in a folder without datapackage.json', () => {
  it.each([
    ['id', 'buat skemanya dengan perintah: '],
    ['en', 'create a schema with: '],
  ])('[%s] suggests a describe command that works as printed', async (lang, lead) => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-suggest-'));
    writeFileSync(join(dir, 'data kebakaran.csv'), 'kecamatan,jumlah\nMariso,3\nTallo,5\n');
    const r = await runCli(['validate', '--lang', lang], { cwd: dir });
    const line = r.stdout.split('\n').find((l) => l.includes(lead));
    expect(line).toBeDefined();
    const cmd = line!.slice(line!.indexOf(lead) + lead.length);
    expect(cmd).toBe('satudata describe "data kebakaran.csv" --write');
    // Run it exactly as printed (the quoted file name is one argument).
    const args = [...cmd.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!).slice(1);
    const d = await runCli([...args, '--lang', lang], { cwd: dir });
    expect(d.code).toBe(0);
    const again = await runCli(['validate', '--lang', lang], { cwd: dir });
    expect(again.stdout).not.toContain(lead);
    expect(again.code).toBe(0);
  });
});
