/**
 * The limits of src/table/limits.ts as the readers apply them: refusals with the file and the limit,
 * and the work done on long records (parse passes counted, not timed).
 */
import { describe, expect, it, vi } from 'vitest';
import { CsvParser, type CsvParserOptions } from '../../../src/table/csv-parser.js';
import { jsonTooDeep, LIMITS } from '../../../src/table/limits.js';
import { TableSourceError, type Row } from '../../../src/table/types.js';
import { SheetParser } from '../../../src/table/xlsx-sheet.js';
import { errorChars } from '../../../src/validate/error-budget.js';
import { buildError, labelError } from '../../../src/validate/build-error.js';
import { readAll, tempFile } from './helpers.js';
import { minimalXlsx, sheet } from './zip-builder.js';

const base: CsvParserOptions = { delimiter: ',', quoteChar: '"', doubleQuote: true, escapeChar: '', skipInitialSpace: false, maxCellChars: 1 << 20, label: 'data.csv' };

function feed(parser: CsvParser, text: string, piece: number): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < text.length; i += piece) parser.push(text.slice(i, i + piece), out);
  parser.finish(out);
  return out;
}

function thrown(fn: () => unknown): TableSourceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TableSourceError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
}

describe('the limits table', () => {
  it('documents the numbers the README states', () => {
    expect(LIMITS).toMatchObject({
      cellChars: 10 * 1024 * 1024,
      recordChars: 32 * 1024 * 1024,
      columns: 16_384,
      sheetRows: 1_048_576,
      sheetCells: 50_000_000,
      sharedStrings: 2_000_000,
      sharedStringChars: 128 * 1024 * 1024,
      errors: 1000,
      reportChars: 16 * 1024 * 1024,
      descriptorBytes: 50 * 1024 * 1024,
      jsonDepth: 100,
    });
  });
});

describe('CSV parser limits', () => {
  it('a record of 300,000 characters fed in 1,000-character pieces: same cells, O(log n) parse passes', () => {
    const long = 'x'.repeat(300_000);
    const text = `a,b\n1,"${long}"\n2,z\n`;
    const parser = new CsvParser(base);
    const parse = vi.spyOn(parser as unknown as { parse: () => void }, 'parse');
    const rows = feed(parser, text, 1000);
    expect(rows.map((r) => [r.rowNumber, r.cells.length])).toEqual([[1, 2], [2, 2], [3, 2]]);
    expect(rows[1]!.cells[1]).toBe(long);
    expect(rows[2]!.cells).toEqual(['2', 'z']);
    // Without holding back text, every one of the ~300 pieces re-parsed the pending record.
    expect(parse.mock.calls.length).toBeLessThan(80);
  });

  it('counts records exactly when asked to flush (encoding errors name the row)', () => {
    const parser = new CsvParser(base);
    const out: Row[] = [];
    parser.push(`"${'x'.repeat(100_000)}`, out);
    parser.push('"\n1\n2\n', out, true);
    expect(parser.nextRecordNumber).toBe(4);
  });

  const refusals: Array<[string, string, Partial<CsvParserOptions>, RegExp, RegExp]> = [
    ['too many columns', 'a,b,c,d\n', { maxColumns: 3 }, /"data\.csv": row 1 has more than 3 columns .*check the delimiter/, /Berkas "data\.csv", baris 1 memiliki lebih dari 3 kolom/],
    ['a record too long', `a,${'y'.repeat(500)},${'y'.repeat(500)}`, { maxRecordChars: 900 }, /"data\.csv": row 1 is longer than 900 characters \(limit of one CSV record\)/, /baris 1 lebih panjang dari 900 karakter/],
    ['a cell too large', `a\n"${'y'.repeat(2000)}"\n`, { maxCellChars: 1000 }, /"data\.csv": row 2(, column 1)?: a cell is larger than 1000 characters/, /Berkas "data\.csv", baris 2(, kolom 1)?: ada sel/],
  ];
  it.each(refusals)('%s is a format-error naming the file and the limit', (_n, text, opts, en, id) => {
    const err = thrown(() => feed(new CsvParser({ ...base, ...opts }), text, 100));
    expect(err.type).toBe('format-error');
    expect(err.note).toMatch(en);
    expect(err.noteId).toMatch(id);
  });

  it('stops a wide record before it ends (the column check runs on a pending record)', () => {
    const parser = new CsvParser({ ...base, maxColumns: 10 });
    expect(() => parser.push('a,'.repeat(50), [])).toThrow(/more than 10 columns/);
  });
});

describe('XLSX sheet parser: wide rows are handed on in steps', () => {
  it('rows 16,384 wide: push stops after about a million cells and draining yields every row', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`).join('');
    const parser = new SheetParser({ label: 'w.xlsx', sheet: 'S', sharedStrings: [], dateStyles: [], date1904: false, maxCellChars: 1000 });
    const out: Row[] = [];
    let more = parser.push(sheet(rows), out);
    expect(more).toBe(true);
    expect(out.length).toBe(64); // 64 × 16,384 = 1 Mi cells
    while (more) more = parser.push('', out, true);
    parser.finish(out);
    expect(out.map((r) => r.rowNumber)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(out[199]!.cells[16383]).toBe(199);
  });

  it('a row number repeated past 1,048,576 rows is a malformed sheet, not endless rows', () => {
    const parser = new SheetParser({ label: 'r.xlsx', sheet: 'S', sharedStrings: [], dateStyles: [], date1904: false, maxCellChars: 1000 });
    const err = thrown(() => parser.push(sheet('<row r="1"/>'.repeat(LIMITS.sheetRows + 1)), []));
    expect(err.note).toMatch(/"r\.xlsx": sheet "S": it holds more than 1048576 rows/);
  });

  it('the reader yields such rows in batches of at most about a million cells', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('');
    const path = tempFile('wide.xlsx', minimalXlsx(sheet(rows)));
    const { rows: all } = await readAll({ path });
    expect(all).toHaveLength(300);
    const { openTable } = await import('../../../src/table/open.js');
    const table = await openTable({ path });
    for await (const batch of table.batches) expect(batch.reduce((n, r) => n + r.cells.length, 0)).toBeLessThanOrEqual((1 << 20) + 16_384);
  });
});

describe('report size of errors', () => {
  it('counts the labels every label error carries, measuring a shared array once', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => `label${i}`);
    const small = errorChars(buildError('blank-label', ''));
    const withLabels = errorChars(labelError('blank-label', '', labels, [1], '', '', 1));
    expect(withLabels - small).toBeGreaterThan(labels.join('').length);
  });
});

describe('JSON nesting depth', () => {
  const cases: Array<[string, string, number | undefined]> = [
    ['flat object', '{"a":[1,2,{"b":3}]}', undefined],
    ['101 arrays', '['.repeat(101) + ']'.repeat(101), 101],
    ['brackets inside strings do not count', `{"a":"${'['.repeat(500)}"}`, undefined],
    ['an escaped quote does not end the string', `{"a":"\\"${'{'.repeat(500)}"}`, undefined],
    ['exactly 100 levels is allowed', '['.repeat(100) + ']'.repeat(100), undefined],
  ];
  it.each(cases)('%s', (_n, text, depth) => {
    expect(jsonTooDeep(text)).toBe(depth);
  });
});

describe('phonetic runs in shared strings', () => {
  it.each([
    ['<t>Kota</t><rPh sb="0" eb="1"><t>こた</t></rPh><t> Makassar</t>', 'Kota Makassar'],
    ['<t>a</t><rPh><t>x</t></rPh><t>b</t><rPh><t>y</t></rPh>', 'ab'],
    ['<t>a</t><rPhx/><t>b</t>', 'ab'],
    ['<t>a</t><rPh><t>never closed</t>', 'a'],
  ])('%s → %s', async (inner, text) => {
    const { itemText } = await import('../../../src/table/xlsx-parts.js');
    expect(itemText(inner, '')).toBe(text);
  });

  it('20,000 unclosed <rPh> take one pass (counted by the output, not timed)', async () => {
    const { withoutPhonetic } = await import('../../../src/table/xlsx-parts.js');
    const hostile = '<t>a</t>' + '<rPh>'.repeat(20000);
    expect(withoutPhonetic(hostile, '')).toBe('<t>a</t>');
    const many = '<rPh>x</rPh>'.repeat(100000) + '<t>z</t>';
    expect(withoutPhonetic(many, '')).toBe('<t>z</t>');
  });
});
