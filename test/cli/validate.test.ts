import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
import type { Report } from '../../src/validate/types.js';

const ex = (name: string) => path.join('examples', name);

describe('satudata validate (CLI)', () => {
  it('a valid package exits 0 with a Bahasa Indonesia summary', async () => {
    const r = await runCli(['validate', ex('damkar-kebakaran')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ examples/damkar-kebakaran/data/kejadian-kebakaran-2024.csv');
    expect(r.stdout).toMatch(/VALID — 2 tabel diperiksa, tidak ada galat/);
  });

  it('the invalid example reports exactly its five documented errors (JSON, frictionless layout)', async () => {
    const r = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.valid).toBe(false);
    expect(report.stats.tasks).toBe(2);
    const flat = report.tasks[0]!.errors.map((e) => [e.rowNumber, e.fieldNumber ?? null, e.type, e.cellRef ?? null]);
    expect(flat).toEqual([
      [5, 5, 'type-error', 'E5'],
      [8, null, 'foreign-key', null],
      [11, 4, 'constraint-error', 'D11'],
      [13, null, 'primary-key', null],
      [15, 7, 'constraint-error', 'G15'],
    ]);
    const [typeErr] = report.tasks[0]!.errors;
    expect(Object.keys(typeErr!)).toEqual(['type', 'title', 'description', 'message', 'tags', 'note', 'cells', 'rowNumber', 'cell', 'fieldName', 'fieldNumber', 'cellRef']);
    expect(typeErr!.message).toBe('Type error in the cell "dua belas" in row "5" and field "jumlah_dokter" at position "5": type is "integer/default"');
    expect(report.tasks[0]!.stats).toMatchObject({ rows: 15, fields: 8, errors: 5 });
    expect(report.tasks[0]!.stats.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.tasks[0]!.errors[1]!.note).toBe('for "kode_kecamatan": values "73.71.99" not found in the lookup table "kecamatan" as "kode"');
  });

  it('text output names row, column, Excel cell and a fix, in Indonesian and in English', async () => {
    const id = await runCli(['validate', ex('dinkes-puskesmas-invalid')]);
    expect(id.code).toBe(1);
    expect(id.stdout).toContain('Baris 5, kolom E "jumlah_dokter", sel E5');
    expect(id.stdout).toContain('Perbaiki:');
    expect(id.stdout).toMatch(/TIDAK VALID — 5 galat di 1 dari 2 tabel/);
    const en = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--lang', 'en']);
    expect(en.stdout).toContain('Row 5, column E "jumlah_dokter", cell E5');
    expect(en.stdout).toContain('Fix:');
    expect(en.stdout).toMatch(/INVALID — 5 error\(s\) in 1 of 2 table\(s\)/);
    expect(en.stdout).not.toMatch(/\u001b\[/); // no colour when not a TTY
  });

  it('--limit-errors makes the report partial and says so', async () => {
    const r = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--json', '--limit-errors', '2']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.partial).toBe(true);
    expect(report.tasks[0]!.errors).toHaveLength(2);
    expect(report.tasks[0]!.warnings).toEqual(['reached error limit: 2']);
    const text = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--limit-errors', '2']);
    expect(text.stdout).toContain('LAPORAN TIDAK LENGKAP');
  });

  it('--limit-rows stops reading and marks the report partial', async () => {
    const r = await runCli(['validate', ex('damkar-kebakaran'), '--json', '--limit-rows', '10']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.tasks[0]!.stats.rows).toBe(10);
    expect(report.partial).toBe(true);
    expect(report.tasks[0]!.warnings).toContain('reached row limit: 10');
  });

  it('usage errors exit 2; -o writes the report to a file and keeps stdout empty', async () => {
    expect((await runCli(['validate', '--format', 'yaml'])).code).toBe(2);
    expect((await runCli(['validate', '--limit-errors', 'many'])).code).toBe(2);
    expect((await runCli(['validate', '--bogus'])).code).toBe(2);
    const out = path.join(execFileSync('mktemp', ['-d']).toString().trim(), 'report.json');
    const r = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--json', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(execFileSync('cat', [out]).toString()) as Report;
    expect(report.stats.errors).toBe(5);
  });

  it('a missing data file is a scheme-error task (exit 1), not a crash', async () => {
    const r = await runCli(['validate', 'tidak-ada.csv', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.tasks[0]!.errors[0]!.type).toBe('scheme-error');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('JUnit output validates against the Jenkins JUnit schema', async () => {
    const r = await runCli(['validate', ex('dinkes-puskesmas-invalid'), ex('damkar-kebakaran'), '--format', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<testsuite name="examples/dinkes-puskesmas-invalid/datapackage.json"');
    const xsd = path.join(ROOT, 'test/fixtures/report/junit-jenkins.xsd');
    const tmp = path.join(execFileSync('mktemp', ['-d']).toString().trim(), 'junit.xml');
    execFileSync('sh', ['-c', `cat > ${tmp}`], { input: r.stdout });
    const out = execFileSync('xmllint', ['--noout', '--schema', xsd, tmp], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
    expect((r.stdout.match(/<testcase /g) ?? []).length).toBe(4);
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(1);
  });

  it('GitHub annotations point at the data file relative to the working directory', async () => {
    const r = await runCli(['validate', ex('dinkes-puskesmas-invalid'), '--format', 'github', '--lang', 'en']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(5);
    expect(lines[0]).toMatch(/^::error file=examples\/dinkes-puskesmas-invalid\/data\/puskesmas-2024.csv,line=5,col=5,title=Type Error E5::/);
    expect(lines.at(-1)).toBe('satudata: INVALID — 5 error(s) in 1 of 2 table(s)');
  });
});
