import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../helpers/cli.js';
import { buildZip, minimalXlsx, sheet } from '../unit/table/zip-builder.js';
// The built library: the sheet thread runs dist/table/xlsx-worker.js (npm test builds first).
import { validate } from '../../dist/index.js';
import { sheetThreads } from '../../dist/table/xlsx-thread.js';
import { warmForValidate } from '../../dist/validate/warm-guess.js';
import { warmThreads } from '../../dist/warm-threads.js';
import { openTable } from '../../dist/table/open.js';
// @ts-expect-error no type declarations for the .js generator
import { generateCase } from '../differential/generate.js';

/**
 * A large sheet is inflated and parsed on a thread of its own while the main thread checks the rows:
 * the report must be the single-threaded one, byte for byte (seconds aside). The thread is forced on
 * small files (SATUDATA_PARALLEL_MIN_BYTES=0): the differential corpus, the real agency workbooks, and
 * hand-made sheets of many batches with every kind of cell, errors read mid-sheet and the error limit.
 */
type Report = { stats: { seconds: number }; tasks: { stats: { seconds: number } }[] };
const ENV = ['SATUDATA_THREADS', 'SATUDATA_PARALLEL_MIN_BYTES'] as const;
const saved = ENV.map((k) => process.env[k]);
afterAll(() => ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i]))));

async function report(threads: number, target: string, cwd: string, opts: Record<string, unknown>): Promise<string> {
  process.env.SATUDATA_THREADS = String(threads);
  process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
  const r = (await validate([target], { cwd, ...opts })) as Report;
  r.stats.seconds = 0;
  for (const t of r.tasks) t.stats.seconds = 0;
  return JSON.stringify(r, null, 2);
}

/** Both reports, equal (and the thread really ran, unless `mayNotStart`: a case whose sheet is never read); the threaded one's text. */
async function both(target: string, cwd: string, opts: Record<string, unknown> = {}, mayNotStart = false): Promise<string> {
  const one = await report(1, target, cwd, opts);
  const started = sheetThreads.started;
  const two = await report(2, target, cwd, opts);
  expect(two).toBe(one);
  if (!mayNotStart) expect(sheetThreads.started).toBeGreaterThan(started);
  return two;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-xlsx-thread-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>';
const WORDS = ['Makassar', 'Gowa', 'Maros', 'Takalar', 'Jl. Ratulangi &amp; Co', 'kebakaran'];
const SST = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${WORDS.map((w) => `<si><t>${w}</t></si>`).join('')}</sst>`;

/** A sheet of `rows` data rows with every kind of cell the reader gives, gaps, blank rows, duplicates and merges. */
function bigSheet(rows: number, extra: (r: number) => string = () => ''): string {
  let xml = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>kota</t></is></c><c r="C1" t="inlineStr"><is><t>tanggal</t></is></c><c r="D1" t="inlineStr"><is><t>aktif</t></is></c><c r="E1" t="inlineStr"><is><t>nilai</t></is></c></row>';
  for (let r = 2; r <= rows + 1; r++) {
    if (r % 301 === 0) continue; // a missing row: an empty row of the sheet
    const id = r % 97 === 0 ? 5 : r; // duplicates of a unique id
    const kota = r % 13 === 0 ? `<c r="B${r}" t="inlineStr"><is><t>Kota ${r}</t></is></c>` : `<c r="B${r}" t="s"><v>${r % WORDS.length}</v></c>`;
    const tanggal = r % 17 === 0 ? `<c r="C${r}" t="e"><v>#N/A</v></c>` : `<c r="C${r}" s="1"><v>${45292 + (r % 400)}</v></c>`;
    const aktif = `<c r="D${r}" t="b"><v>${r % 3 === 0 ? 0 : 1}</v></c>`;
    const nilai = r % 23 === 0 ? `<c r="E${r}"><f>A${r}*2</f></c>` : r % 29 === 0 ? `<c r="E${r}" t="str"><v>teks</v></c>` : `<c r="E${r}"><v>${(r * 1.25).toFixed(2)}</v></c>`;
    xml += `<row r="${r}" spans="1:5">${r % 211 === 0 ? '' : `<c r="A${r}"><v>${id}</v></c>${kota}${tanggal}${aktif}${nilai}`}${extra(r)}</row>`;
  }
  return sheet(xml).replace('</worksheet>', '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C5:D6"/></mergeCells></worksheet>');
}

function writePackage(name: string, xlsx: Buffer): string {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, 'data.xlsx'), xlsx);
  const schema = {
    fields: [
      { name: 'id', type: 'integer', constraints: { unique: true, required: true } },
      { name: 'kota', type: 'string', constraints: { enum: ['Makassar', 'Gowa', 'Maros', 'Takalar', 'Jl. Ratulangi & Co', 'kebakaran'] } },
      { name: 'tanggal', type: 'date' },
      { name: 'aktif', type: 'boolean' },
      { name: 'nilai', type: 'number', constraints: { maximum: 3000 } },
    ],
    primaryKey: ['id', 'kota'],
  };
  writeFileSync(path.join(folder, 'datapackage.json'), JSON.stringify({ name: 'p', resources: [{ name: 'data', path: 'data.xlsx', schema }] }));
  return folder;
}

describe('XLSX: the sheet parsed on a thread of its own gives the one-thread report', () => {
  it('hand-made sheet of 5,000 rows (every kind of cell, gaps, blank rows, duplicate keys, merges), error limits 100000, 1, 7 and 40', async () => {
    const folder = writePackage('big', minimalXlsx(bigSheet(5000), { sst: SST, styles: STYLES }));
    for (const limitErrors of [100000, 1, 7, 40]) await both('datapackage.json', folder, { limitErrors });
    // A row limit stops reading early: the thread, a few batches ahead, is stopped with the file.
    for (const limitRows of [1, 150, 2047]) await both('datapackage.json', folder, { limitRows });
    const r = JSON.parse(await both('datapackage.json', folder, { limitErrors: 100000 })) as { tasks: { stats: { rows: number; md5: string }; errors: { type: string }[]; warnings: string[] }[] };
    const task = r.tasks[0]!;
    expect(task.stats.rows).toBe(5000);
    expect(task.stats.md5).toMatch(/^[0-9a-f]{32}$/);
    const types = new Set(task.errors.map((e) => e.type));
    for (const t of ['blank-row', 'unique-error', 'type-error', 'constraint-error']) expect(types).toContain(t);
    expect(task.warnings.join()).toContain('merged cells: A1:B1, C5:D6');
  }, 120_000);

  it('a sheet thread started ahead (as `satudata validate` starts it) gives the same report, and is the one used', async () => {
    const folder = writePackage('warm', minimalXlsx(bigSheet(3000), { sst: SST, styles: STYLES }));
    for (const limitErrors of [100000, 7]) {
      const one = await report(1, 'datapackage.json', folder, { limitErrors });
      const before = { ...warmThreads };
      process.env.SATUDATA_THREADS = '2';
      process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
      const warming = warmForValidate(folder, ['datapackage.json']);
      expect(warming.guess).toEqual({ rows: false, sheet: true });
      const two = await report(2, 'datapackage.json', folder, { limitErrors });
      await warming.release();
      expect(two).toBe(one);
      expect(warmThreads.started - before.started).toBe(1);
      expect(warmThreads.taken - before.taken).toBe(1);
    }
  }, 120_000);

  it('a sheet that breaks after many rows (a shared string out of range at row 4,000): the same single error, or the same partial report when the error limit comes first', async () => {
    const folder = writePackage('broken', minimalXlsx(bigSheet(4500, (r) => (r === 4000 ? `<c r="F${r}" t="s"><v>999</v></c>` : '')), { sst: SST, styles: STYLES }));
    const full = JSON.parse(await both('datapackage.json', folder, { limitErrors: 100000 })) as { tasks: { errors: { type: string; note: string }[] }[] };
    expect(full.tasks[0]!.errors).toHaveLength(1);
    expect(full.tasks[0]!.errors[0]!.note).toMatch(/999/);
    const partial = JSON.parse(await both('datapackage.json', folder, { limitErrors: 5 })) as { tasks: { partial?: boolean; errors: unknown[] }[] };
    expect(partial.tasks[0]!.partial).toBe(true);
    expect(partial.tasks[0]!.errors).toHaveLength(5);
  }, 120_000);

  it('a broken zip entry (bad CRC) and a sheet with a DTD: the reader errors of one thread', async () => {
    const good = minimalXlsx(bigSheet(300), { sst: SST, styles: STYLES });
    const entries = [
      { name: '[Content_Types].xml', data: '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
      { name: 'xl/workbook.xml', data: '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('<?xml version="1.0" encoding="UTF-8"?>', '') },
    ];
    const dtd = writePackage('dtd', buildZip(entries));
    const withDtd = await both('datapackage.json', dtd);
    expect(withDtd).toMatch(/DOCTYPE|DTD/);
    // Flip a byte of the sheet's compressed data: the CRC (or the inflater) refuses it at the end of the part.
    const bad = Buffer.from(good);
    const at = bad.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length + 400;
    bad[at] = (bad[at] ?? 0) ^ 0x55;
    const crc = writePackage('crc', bad);
    const broken = await both('datapackage.json', crc);
    expect(broken).toMatch(/compression-error|format-error/);
  }, 60_000);

  it('differential corpus: the generated XLSX cases, limits 100000 and 3 errors', async () => {
    let cases = 0;
    const started = sheetThreads.started;
    for (let seed = 1; cases < 30; seed++) {
      const c = generateCase(seed, { maxRows: 40 });
      const files = Object.entries(c.files as Record<string, unknown>);
      if (!files.some(([, f]) => f && typeof f === 'object' && 'xlsx' in f)) continue;
      const caseDir = path.join(dir, c.id);
      mkdirSync(caseDir, { recursive: true });
      for (const [name, content] of files) {
        if (content && typeof content === 'object' && 'xlsx' in content) {
          const wb = new ExcelJS.Workbook();
          const ws = wb.addWorksheet('Sheet1');
          (content.xlsx as unknown[][]).forEach((row, i) => row.forEach((v, j) => v !== null && (ws.getCell(i + 1, j + 1).value = v as ExcelJS.CellValue)));
          await wb.xlsx.writeFile(path.join(caseDir, name));
        } else writeFileSync(path.join(caseDir, name), content as string);
      }
      const opts = c.schema ? { schema: c.schema } : {};
      await both(c.target, caseDir, { ...opts, limitErrors: 100000 }, true);
      await both(c.target, caseDir, { ...opts, limitErrors: 3 }, true);
      cases++;
    }
    // Some cases stop before their sheet is read (a descriptor error, an unreadable reference table).
    expect(sheetThreads.started - started).toBeGreaterThan(40);
  }, 240_000);

  it('the real agency workbooks of the fixtures', async () => {
    for (const rel of ['test/fixtures/conformance/bps-tpt-provinsi-2026.xlsx', 'test/fixtures/samples-2/bps_jabar_angka_partisipasi_kasar_2017_2019.xlsx']) {
      const folder = path.join(dir, path.basename(rel, '.xlsx'));
      mkdirSync(folder, { recursive: true });
      copyFileSync(path.join(ROOT, rel), path.join(folder, 'data.xlsx'));
      await both('data.xlsx', folder);
      await both('data.xlsx', folder, { limitErrors: 2 });
    }
  }, 60_000);
});

describe('XLSX: other readers of a large sheet', () => {
  // Only validation asks for the thread (its checks keep the main thread busy): a reader that only
  // copies rows (convert, describe) would gain nothing but ~60 MiB of peak memory.
  it.each([
    [undefined, 0],
    [true, 1],
  ])('a table opened with sheetThread %s starts %i sheet threads', async (sheetThread, threads) => {
    process.env.SATUDATA_THREADS = '2';
    process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
    const folder = writePackage(`open-${String(sheetThread)}`, minimalXlsx(bigSheet(3000), { sst: SST, styles: STYLES }));
    const started = sheetThreads.started;
    const table = await openTable({ path: path.join(folder, 'data.xlsx'), sheetThread });
    let rows = 0;
    for await (const batch of table.batches) rows += batch.length;
    await table.close();
    expect(rows).toBeGreaterThan(3000);
    expect(sheetThreads.started - started).toBe(threads);
  });

  it('describe (reads a sample, then closes the table): the same output, and the process ends', () => {
    const folder = writePackage('describe', minimalXlsx(bigSheet(3000), { sst: SST, styles: STYLES }));
    const run = (threads: string) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin/satudata.js'), 'describe', path.join(folder, 'data.xlsx'), '--json'], {
        env: { ...process.env, SATUDATA_THREADS: threads, SATUDATA_PARALLEL_MIN_BYTES: '0' },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const one = run('1');
    const two = run('2');
    expect([two.status, two.signal]).toEqual([0, null]);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout).toContain('"tanggal"');
  }, 120_000);
});

describe('XLSX: small sheets stay on one thread', () => {
  it('a 10-row workbook never loads the sheet thread code (start-up does not grow)', () => {
    const folder = writePackage('small', minimalXlsx(bigSheet(10), { sst: SST, styles: STYLES }));
    // A resolve hook records every module of the run; the sheet thread's modules must not be among them.
    const hooks = path.join(dir, 'hooks.mjs');
    writeFileSync(hooks, 'export async function resolve(s, c, next) { const r = await next(s, c); if (/xlsx-(thread|worker)[-.][^/]*js$/.test(r.url)) process.stderr.write("LOADED " + r.url + "\\n"); return r; }\n');
    const register = path.join(dir, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify('file://' + hooks)});\n`);
    const env: NodeJS.ProcessEnv = { ...process.env, SATUDATA_THREADS: '2' };
    delete env.SATUDATA_PARALLEL_MIN_BYTES;
    const small = spawnSync(process.execPath, ['--import', register, path.join(ROOT, 'bin/satudata.js'), 'validate', folder, '--json'], { env, encoding: 'utf8' });
    expect(small.stdout).toContain('"rows": 10');
    expect(small.stderr).not.toContain('LOADED');
    // The same run with the thread forced does load it (the hook sees it).
    const forced = spawnSync(process.execPath, ['--import', register, path.join(ROOT, 'bin/satudata.js'), 'validate', folder, '--json'], { env: { ...env, SATUDATA_PARALLEL_MIN_BYTES: '0' }, encoding: 'utf8' });
    expect(forced.stderr).toContain('LOADED');
    const norm = (s: string) => s.replace(/"seconds": [0-9.e-]+/g, '"seconds": 0');
    expect(norm(forced.stdout)).toBe(norm(small.stdout));
  }, 60_000);
});
