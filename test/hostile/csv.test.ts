/**
 * Hostile CSV files and descriptors (issue #13, item 6): each is generated here, run through the real
 * binary under a heap ceiling and a time bound, and must end with a clear message (file, limit, what
 * to do), the right exit code and no stack trace. The limits are in src/table/limits.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/table/limits.js';
import type { Report } from '../../src/validate/types.js';
import { writeRepeated } from './files.js';
import { expectClearRefusal, runBin } from './run.js';

let dir: string;
const file = (name: string) => join(dir, name);
const report = (stdout: string) => JSON.parse(stdout) as Report;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'satudata-hostile-csv-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile CSV: columns and labels', { timeout: 120_000 }, () => {
  it('200,000 header labels (800 KB) stop at the column limit in validate, describe and convert', async () => {
    const f = file('labels-200k.csv');
    writeFileSync(f, Array.from({ length: 200_000 }, (_, i) => `k${i % 100}`).join(',') + '\n1\n');

    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /"labels-200k\.csv": row 1 has more than 16384 columns .*check the delimiter/);
    const task = report(v.stdout).tasks[0]!;
    expect(task.errors.map((e) => e.type)).toEqual(['format-error']);
    expect(v.stdoutBytes).toBeLessThan(100_000);

    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /Berkas "labels-200k\.csv", baris 1 memiliki lebih dari 16384 kolom .*Periksa pemisah/);

    const c = await runBin(['convert', f, '-o', file('out.csv'), '--lang', 'en']);
    expectClearRefusal(c, 2, /"labels-200k\.csv": row 1 has more than 16384 columns/);
  });

  it('20,000 header labels: a one-error report, not 345 MB', async () => {
    const f = file('labels-20k.csv');
    writeFileSync(f, Array.from({ length: 20_000 }, (_, i) => `k${i % 100}`).join(',') + '\n1\n');
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /more than 16384 columns/);
    expect(v.stdoutBytes).toBeLessThan(100_000);
  });

  it('16,000 blank labels (under the column limit): errors stop at the report size limit, partial report', async () => {
    const f = file('blank-labels.csv');
    writeFileSync(f, ','.repeat(15_999) + '\n' + '1,'.repeat(15_999) + '1\n');
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /reached report size limit/);
    const r = report(v.stdout);
    expect(r.partial).toBe(true);
    expect(r.tasks[0]!.warnings).toContain(`reached report size limit: ${LIMITS.reportChars} characters of errors`);
    expect(r.tasks[0]!.errors.length).toBeGreaterThan(10);
    expect(r.tasks[0]!.errors.length).toBeLessThan(1000); // cut by size before --limit-errors
    expect(r.tasks[0]!.errors.every((e) => e.type === 'blank-label')).toBe(true);
    expect(v.stdoutBytes).toBeLessThan(40 * 1024 * 1024);

    const t = await runBin(['validate', f]);
    expectClearRefusal(t, 1, /batas ukuran laporan tercapai: 16777216 karakter galat/);
    expect(t.stdout).toMatch(/LAPORAN TIDAK LENGKAP/);
  });
});

describe('hostile CSV: long lines and cells', { timeout: 120_000 }, () => {
  it('a 200 MB single line is refused at the cell limit within seconds', async () => {
    const f = file('line-200mb.csv');
    writeRepeated(f, '', 'x', 200_000_000);
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /"line-200mb\.csv": row 1: a cell is larger than 10485760 characters/);
    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /Berkas "line-200mb\.csv", baris 1: ada sel yang lebih panjang dari 10485760 karakter/);
    rmSync(f);
  });

  it('a 20 MB line of short cells is refused at the column limit', async () => {
    const f = file('line-cells.csv');
    writeRepeated(f, '', 'abcdefghi,', 20_000_000);
    const c = await runBin(['convert', f, '-o', file('out.csv')]);
    expectClearRefusal(c, 2, /baris 1 memiliki lebih dari 16384 kolom/);
    rmSync(f);
  });

  it('a record of 8 cells of 6 MiB is refused at the record limit', async () => {
    const f = file('record.csv');
    const cell = 'y'.repeat(6 << 20);
    writeFileSync(f, `a,b,c,d,e,f,g,h\n${Array.from({ length: 8 }, () => cell).join(',')}\n`);
    const v = await runBin(['validate', f, '--json', '--lang', 'en']);
    expectClearRefusal(v, 1, /"record\.csv": row 2 is longer than 33554432 characters \(limit of one CSV record\)/);
    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /baris 2 lebih panjang dari 33554432 karakter \(batas satu baris CSV\)/);
    rmSync(f);
  });

  it('an 11 MiB quoted cell is refused by describe and convert too', async () => {
    const f = file('huge-cell.csv');
    writeRepeated(f, 'id,teks\n1,"', 'x', 11 * 1024 * 1024, '"\n');
    const d = await runBin(['describe', f, '--lang', 'en']);
    expectClearRefusal(d, 2, /"huge-cell\.csv": row 2, column 2: a cell is larger than 10485760 characters/);
    const c = await runBin(['convert', f, '-o', file('out.csv')]);
    expectClearRefusal(c, 2, /baris 2, kolom 2: ada sel yang lebih panjang dari 10485760 karakter/);
    rmSync(f);
  });
});

describe('hostile CSV: odd but small', { timeout: 120_000 }, () => {
  it('2,000,000 rows of only delimiters: validate stops at the error limit, describe finds no table', async () => {
    const f = file('delims.csv');
    writeRepeated(f, '', ',,,,\n', 10_000_000);
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /reached error limit: 1000/);
    expect(report(v.stdout).partial).toBe(true);
    // describe keeps a small signature per row: 2 million rows need more than the default ceiling.
    const d = await runBin(['describe', f], { heapMb: 1024 });
    expectClearRefusal(d, 2, /delims\.csv: berkas tidak berisi tabel/);
    rmSync(f);
  });

  it('binary garbage named .csv is "not a text/CSV file" everywhere', async () => {
    const f = file('garbage.csv');
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    writeFileSync(f, bytes);
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /"garbage\.csv" is not a text\/CSV file/);
    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /Berkas "garbage\.csv" bukan berkas teks\/CSV/);
    const c = await runBin(['convert', f, '-o', file('out.csv'), '--lang', 'en']);
    expectClearRefusal(c, 2, /"garbage\.csv" is not a text\/CSV file.*save it as \.csv/);
  });

  it('a descriptor nested 100,000 levels deep is a package/schema error, not a stack overflow', async () => {
    const pkg = file('deep');
    mkdirSync(pkg);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    writeFileSync(join(pkg, 'a.csv'), 'id\n1\n');
    writeFileSync(join(pkg, 'datapackage.json'), `{"name":"x","resources":[{"name":"a","path":"a.csv","schema":{"fields":[{"name":"id","type":"integer","x":${deep}}]}}]}`);
    writeFileSync(file('deep-schema.json'), `{"fields":[{"name":"id","type":"integer","constraints":{"enum":${deep}}}]}`);

    const v = await runBin(['validate', pkg, '--json']);
    expectClearRefusal(v, 1, /descriptor "datapackage\.json" is nested more than 100 levels deep/);
    expect(report(v.stdout).errors[0]!.type).toBe('package-error');
    const s = await runBin(['validate', join(pkg, 'a.csv'), '--schema', file('deep-schema.json'), '--json']);
    expectClearRefusal(s, 1, /descriptor "deep-schema\.json" is nested more than 100 levels deep/);
    expect(report(s.stdout).errors[0]!.type).toBe('schema-error');
    const d = await runBin(['describe', join(pkg, 'a.csv'), '--write']);
    expectClearRefusal(d, 2, /datapackage\.json bersarang lebih dari 100 tingkat/);
  });
});
