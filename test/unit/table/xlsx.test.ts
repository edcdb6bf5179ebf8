/**
 * XLSX reader on workbooks generated here with exceljs's writer (synthetic), hand-made sheet XML
 * for what exceljs cannot write (inline strings, prefixes, shared formulas), and the real BPS sample.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTable } from '../../../src/table/open.js';
import { CellFault, type Cell, type Row } from '../../../src/table/types.js';
import { FIXTURES, openFdsTo, readAll, sourceError, tempFile } from './helpers.js';
import { minimalXlsx, sheet } from './zip-builder.js';

async function writeWorkbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = tempFile(name, '');
  await wb.xlsx.writeFile(path);
  return path;
}

const byRow = (rows: Row[]) => new Map(rows.map((r) => [r.rowNumber, r.cells] as const));

describe('XLSX reader: every cell kind (synthetic workbook written by exceljs)', () => {
  let path: string;
  let rows: Map<number, Cell[]>;
  let merges: string[];

  beforeAll(async () => {
    path = await writeWorkbook('kinds.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.getCell('A1').value = 'teks';
      ws.getCell('B1').value = 12.5;
      ws.getCell('C1').value = true;
      ws.getCell('D1').value = new Date(Date.UTC(2024, 2, 15));
      ws.getCell('E1').value = { formula: 'B1*2', result: 25 } as ExcelJS.CellFormulaValue;
      ws.getCell('F1').value = { formula: 'B1*3' } as ExcelJS.CellFormulaValue;
      ws.getCell('G1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
      ws.getCell('H1').value = { richText: [{ text: 'Kota ' }, { font: { bold: true }, text: 'Makassar' }] };
      ws.getCell('I1').value = { formula: 'A1&"x"', result: 'teksx' } as ExcelJS.CellFormulaValue;
      ws.getCell('J1').value = '5.88';
      ws.getCell('K1').value = 45000.5;
      ws.getCell('K1').numFmt = 'dd/mm/yyyy hh:mm';
      ws.getCell('L1').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('M1').value = 0.125;
      ws.getCell('M1').numFmt = '0.00%';
      ws.getCell('A2').value = 'baris 2';
      ws.getCell('A4').value = 'tersembunyi';
      ws.getRow(4).hidden = true;
      ws.getColumn(2).hidden = true;
      ws.getCell('B4').value = 'kolom tersembunyi';
      ws.getCell('A5').value = 'gabungan';
      ws.mergeCells('A5:C5');
      ws.getCell('AA6').value = 'jauh';
      wb.addWorksheet('Kedua').getCell('A1').value = 'kedua';
    });
    const { rows: list, table } = await readAll({ path });
    rows = byRow(list);
    merges = table.merges!();
    expect(table.sheet).toBe('Data');
  });

  const cases: Array<[string, string, (c: Cell) => void]> = [
    ['shared string', 'A', (c) => expect(c).toBe('teks')],
    ['number', 'B', (c) => expect(c).toBe(12.5)],
    ['boolean', 'C', (c) => expect(c).toBe(true)],
    ['date (built-in format 14) → UTC Date', 'D', (c) => expect(c).toEqual(new Date(Date.UTC(2024, 2, 15)))],
    ['formula: the cached value', 'E', (c) => expect(c).toBe(25)],
    ['formula without cached value → CellFault', 'F', (c) => expect(c).toEqual(new CellFault('formula-without-value', 'B1*3'))],
    ['#N/A → CellFault excel-error', 'G', (c) => expect(c).toEqual(new CellFault('excel-error', '#N/A'))],
    ['rich text runs joined', 'H', (c) => expect(c).toBe('Kota Makassar')],
    ['t="str" formula string', 'I', (c) => expect(c).toBe('teksx')],
    ['number stored as text stays a string', 'J', (c) => expect(c).toBe('5.88')],
    ['custom date-time format → Date with time', 'K', (c) => expect(c).toEqual(new Date(Date.UTC(2023, 2, 15, 12, 0, 0)))],
    ['#DIV/0!', 'L', (c) => expect(String(c)).toBe('#DIV/0!')],
    ['percent format stays a number', 'M', (c) => expect(c).toBe(0.125)],
  ];
  it.each(cases)('%s', (_n, col, check) => {
    check(rows.get(1)![col.charCodeAt(0) - 65]!);
  });

  it('a row missing from the XML is yielded empty; numbering is the sheet\'s own', () => {
    expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.get(3)).toEqual([]);
  });

  it('hidden rows and columns are still yielded', () => {
    expect(rows.get(4)).toEqual(['tersembunyi', 'kolom tersembunyi']);
  });

  it('merged cells: the value is the top-left cell\'s; merges() lists the ranges', () => {
    expect(rows.get(5)).toEqual(['gabungan']);
    expect(merges).toEqual(['A5:C5']);
  });

  it('cells are positioned by their r column (AA = index 26)', () => {
    const r6 = rows.get(6)!;
    expect(r6).toHaveLength(27);
    expect(r6[26]).toBe('jauh');
    expect(r6.slice(0, 26).every((c) => c === null)).toBe(true);
  });

  it('stats() hashes the raw file bytes', async () => {
    const { table } = await readAll({ path });
    const bytes = readFileSync(path);
    expect(table.stats()).toEqual({
      bytes: bytes.length,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('chooses a sheet by sheetName or 1-based sheetNumber', async () => {
    const byName = await readAll({ path, dialect: { sheetName: 'Kedua' } });
    expect(byName.rows[0]!.cells).toEqual(['kedua']);
    expect(byName.table.sheet).toBe('Kedua');
    const byNumber = await readAll({ path, dialect: { sheetNumber: 2 } });
    expect(byNumber.rows[0]!.cells).toEqual(['kedua']);
  });

  it('a missing sheet is a format-error listing the sheets', async () => {
    const err = await sourceError({ path, dialect: { sheetName: 'Tidak Ada' } });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toBe(`Excel document "kinds.xlsx" does not have a sheet "Tidak Ada"; its sheets are: "Data", "Kedua"`);
    expect(err!.noteId).toMatch(/tidak memiliki lembar "Tidak Ada"/);
    const err3 = await sourceError({ path, dialect: { sheetNumber: 3 } });
    expect(err3!.note).toMatch(/does not have a sheet "3"/);
  });

  it('stopping early (break) closes the file', async () => {
    const table = await openTable({ path });
    expect(openFdsTo(path)).toHaveLength(1);
    for await (const b of table.batches) {
      expect(b.length).toBeGreaterThan(0);
      break;
    }
    expect(openFdsTo(path)).toHaveLength(0);
  });
});

describe('XLSX reader: dates and big sheets', () => {
  it('1904 date system', async () => {
    const path = await writeWorkbook('d1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      wb.addWorksheet('S').getCell('A1').value = new Date(Date.UTC(2024, 0, 1));
    });
    expect(readFileSync(path).length).toBeGreaterThan(0);
    const { rows } = await readAll({ path });
    expect(rows[0]!.cells[0]).toEqual(new Date(Date.UTC(2024, 0, 1)));
  });

  it('streams a sheet of 5000 rows in order, in batches', async () => {
    const path = tempFile('stream.xlsx', '');
    const w = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = w.addWorksheet('Data');
    for (let i = 1; i <= 5000; i++) ws.addRow([i, `nama ${i}`]).commit();
    ws.commit();
    await w.commit();
    const table = await openTable({ path });
    let next = 1;
    let batches = 0;
    for await (const b of table.batches) {
      batches++;
      for (const r of b) {
        expect(r.rowNumber).toBe(next);
        expect(r.cells).toEqual([next, `nama ${next}`]);
        next++;
      }
    }
    expect(next).toBe(5001);
    expect(batches).toBeGreaterThan(1);
  });
});

describe('XLSX reader: sheet XML exceljs does not write (synthetic hand-made parts)', () => {
  const styles =
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="[$-421]dd\\ mmmm\\ yyyy"/></numFmts>' +
    '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/></cellXfs></styleSheet>';

  it('inline strings, t="d", shared formulas without values, escapes, dates from custom formats, no r attributes', async () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><r><t>Jl. </t></r><r><t xml:space="preserve">Ratulangi &amp; Co</t></r></is></c>' +
        '<c r="B1" t="d"><v>2024-12-31T00:00:00</v></c><c r="C1" s="1"><v>45292</v></c><c r="D1" s="2"><v>3</v></c></row>' +
        '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">B2+1</f></c></row>' +
        '<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>' +
        '<row><c t="inlineStr"><is><t>tanpa r</t></is></c><c><v>7</v></c></row>' +
        '<row r="6"/>',
    );
    const path = tempFile('hand.xlsx', minimalXlsx(xml, { styles }));
    const { rows } = await readAll({ path });
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.cells).toEqual(['Jl. Ratulangi & Co', new Date(Date.UTC(2024, 11, 31)), new Date(Date.UTC(2024, 0, 1)), 3]);
    expect(rows[1]!.cells).toEqual([new CellFault('formula-without-value', 'B2+1')]);
    expect(rows[2]!.cells).toEqual([new CellFault('formula-without-value', 'B2+1')]);
    expect(rows[3]!.cells).toEqual(['tanpa r', 7]);
    expect(rows[4]!.cells).toEqual([]);
    expect(rows[5]!.cells).toEqual([]);
  });

  it('namespace-prefixed parts (x:worksheet) and phonetic runs in shared strings', async () => {
    const xml = sheet('<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>1.5</x:v></x:c></x:row>', 'x');
    const sst =
      '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>Kota</x:t><x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh></x:si></x:sst>';
    const { rows } = await readAll({ path: tempFile('prefix.xlsx', minimalXlsx(xml, { sst })) });
    expect(rows[0]!.cells).toEqual(['Kota', 1.5]);
  });
});

describe('XLSX reader: the real BPS sample (every cell is text)', () => {
  it('numbers stored as text stay strings; merges are reported', async () => {
    const { rows, table } = await readAll({ path: join(FIXTURES, 'bps-tpt-provinsi-2026.xlsx') });
    expect(table.format).toBe('xlsx');
    expect(rows[0]).toEqual({ rowNumber: 1, cells: ['38 Provinsi'] });
    expect(rows[1]!.cells[1]).toBe('Tingkat Pengangguran Terbuka Menurut Provinsi (Persen)');
    expect(rows[3]!.cells).toEqual([null, 'Februari', 'Agustus', 'Tahunan']);
    const allCells = rows.flatMap((r) => r.cells).filter((c) => c !== null);
    expect(allCells.every((c) => typeof c === 'string')).toBe(true);
    expect(allCells).toContain('5.88');
    expect(rows.at(-1)!.cells[0]).toBe('INDONESIA');
    expect(table.merges!()).toEqual(['A1:A4', 'B2:D2', 'B3:D3']);
  });
});
