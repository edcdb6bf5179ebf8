/**
 * Hostile .xlsx workbooks (issue #13, item 6, and the zip/XML bombs that already held): generated
 * here (small on disk, huge once inflated), run through the real binary under a heap ceiling and a
 * time bound; each must end with a clear message, the right exit code and no stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/validate/types.js';
import { buildXlsx, SHEET_HEAD, SHEET_TAIL, SST_HEAD } from './files.js';
import { expectClearRefusal, runBin } from './run.js';

let dir: string;
const file = (name: string) => join(dir, name);
const report = (stdout: string) => JSON.parse(stdout) as Report;
const oneSharedCell = [SHEET_HEAD, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', SHEET_TAIL];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'satudata-hostile-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile XLSX: shared strings', { timeout: 120_000 }, () => {
  it('9 million shared strings stop at the shared strings limit (was 3.5 GB in describe)', async () => {
    const f = file('sst-9m.xlsx');
    writeFileSync(f, await buildXlsx(oneSharedCell, [SST_HEAD, { unit: '<si><t>a</t></si>', times: 9_000_000 }, '</sst>']));
    const v = await runBin(['validate', f, '--json', '--lang', 'en']);
    expectClearRefusal(v, 1, /excel file "sst-9m\.xlsx" is too large to read: its shared strings table holds more than 2000000 strings.*save the sheet as CSV/);
    expect(report(v.stdout).tasks[0]!.errors.map((e) => e.type)).toEqual(['format-error']);
    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /Berkas Excel "sst-9m\.xlsx" terlalu besar untuk dibaca: tabel teks bersamanya \(shared strings\) memuat lebih dari 2000000 teks/);
  });

  it('one 400 MB shared string is refused within seconds (was 44 s)', async () => {
    const f = file('sst-400mb.xlsx');
    writeFileSync(f, await buildXlsx(oneSharedCell, [SST_HEAD, '<si><t>', { unit: 'y', times: 400_000_000 }, '</t></si></sst>']));
    const v = await runBin(['validate', f, '--json', '--lang', 'en']);
    expectClearRefusal(v, 1, /"sst-400mb\.xlsx": shared string 0 is larger than 10485760 characters/);
    const d = await runBin(['describe', f]);
    expectClearRefusal(d, 2, /Berkas "sst-400mb\.xlsx" memuat teks sel yang lebih panjang dari 10485760 karakter/);
  });
});

describe('hostile XLSX: cells and rows', { timeout: 120_000 }, () => {
  it('300,000 rows with a value in column XFD stop at the sheet cells limit (describe ran for minutes)', async () => {
    const f = file('wide.xlsx');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c><c r="XFD1" t="inlineStr"><is><t>ujung</t></is></c></row>';
    writeFileSync(f, await buildXlsx([SHEET_HEAD, header, { unit: '<row><c r="XFD"><v>1</v></c></row>', times: 300_000 }, SHEET_TAIL]));
    const c = await runBin(['convert', f, '-o', file('out.csv'), '--lang', 'en']);
    expectClearRefusal(c, 2, /excel file "wide\.xlsx", sheet "Lembar1", is too large to read: by row \d+ it holds more than 50000000 cells.*delete the stray cells/);
    // validate meets 16,382 blank labels first: the report stops at its size limit (was 262 MB).
    const v = await runBin(['validate', f, '--json']);
    expectClearRefusal(v, 1, /reached report size limit/);
    expect(report(v.stdout).partial).toBe(true);
    expect(v.stdoutBytes).toBeLessThan(40 * 1024 * 1024);
  });

  it('an inline string of 11 MiB is refused at the cell limit', async () => {
    const f = file('inline.xlsx');
    writeFileSync(f, await buildXlsx([SHEET_HEAD, '<row r="1"><c r="A1" t="inlineStr"><is><t>', { unit: 'z', times: 11 * 1024 * 1024 }, '</t></is></c></row>', SHEET_TAIL]));
    const v = await runBin(['validate', f, '--json', '--lang', 'en']);
    expectClearRefusal(v, 1, /"inline\.xlsx": sheet "Lembar1": a cell in row 1 is larger than 10485760 characters/);
  });
});

describe('hostile XLSX: bombs (regression: these already held)', { timeout: 120_000 }, () => {
  it('a zip bomb (a 150 MB sheet of spaces in 150 KB) is stopped at the compression ratio limit', async () => {
    const f = file('bomb.xlsx');
    writeFileSync(f, await buildXlsx([SHEET_HEAD, { unit: ' ', times: 150_000_000 }, SHEET_TAIL], undefined, 9));
    const d = await runBin(['describe', f, '--lang', 'en']);
    expectClearRefusal(d, 2, /bomb\.xlsx.*compression ratio above 1000:1/);
  });

  it('an XML entity bomb (billion laughs) in the sheet and in the shared strings is refused', async () => {
    const laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') + ']>';
    const sheetBomb = file('xml-bomb.xlsx');
    writeFileSync(sheetBomb, await buildXlsx([`<?xml version="1.0"?>${laughs}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>`, SHEET_TAIL]));
    const v = await runBin(['validate', sheetBomb, '--json', '--lang', 'en']);
    expectClearRefusal(v, 1, /xml-bomb\.xlsx.*declares a DOCTYPE\/ENTITY/);

    const sstBomb = file('sst-bomb.xlsx');
    writeFileSync(sstBomb, await buildXlsx(oneSharedCell, [`<?xml version="1.0"?>${laughs}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`]));
    const d = await runBin(['describe', sstBomb]);
    expectClearRefusal(d, 2, /sst-bomb\.xlsx.*DOCTYPE\/ENTITY/);
  });
});
