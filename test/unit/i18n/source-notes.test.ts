/**
 * The readers' English notes are compared with frictionless-py's reports and read by scripts: moving
 * them into the catalogue must not change a byte. Each row is the text the code wrote inline before.
 */
import { describe, expect, it } from 'vitest';
import { mf, notes, type MsgCode } from '../../../src/i18n.js';
import { compileRegex, PatternRefusal } from '../../../src/schema/regex/index.js';
import { refusalNote, patternNoteId } from '../../../src/schema/pattern.js';

describe('source error notes from the catalogue', () => {
  it.each<[MsgCode, Record<string, unknown>, string]>([
    ['source.file.not_found', { path: '/d/x.csv' }, "[Errno 2] No such file or directory: '/d/x.csv'"],
    ['source.file.is_directory', { path: '/d' }, "[Errno 21] Is a directory: '/d'"],
    ['source.csv.unknown_encoding', { encoding: 'latin-9' }, 'unknown encoding: latin-9'],
    ['source.csv.cannot_decode', { encoding: 'utf-16', offset: 10, row: 2, how: mf('source.csv.encoding_detected'), name: 'a.csv' },
      `'utf-16' codec can't decode the bytes after byte offset 10 (near row 2); the detected encoding does not fit "a.csv": save the file as UTF-8 (Excel: "CSV UTF-8")`],
    ['source.csv.row_too_wide', { row: 3, max: 16384 }, "row 3 has more than 16384 columns (the limit, Excel's own maximum); check the delimiter (dialect.delimiter), or split the table into several files"],
    ['source.zip.bomb', { name: 'xl/a.xml', label: 'b.xlsx', what: mf('source.zip.bomb.ratio', { ratio: 100 }) }, 'refusing to decompress "xl/a.xml" in "b.xlsx": compression ratio above 100:1 (a zip bomb?)'],
    ['source.xlsx.no_such_sheet', { label: 'b.xlsx', wanted: 'Data', names: mf('source.xlsx.no_sheets') }, 'Excel document "b.xlsx" does not have a sheet "Data"; its sheets are: (none)'],
    ['source.xlsx.sheet_invalid', { label: 'b.xlsx', sheet: 'S', what: mf('source.xlsx.sheet.row_out_of_range', { row: '0', max: 1048576 }) }, 'invalid excel file "b.xlsx": sheet "S": row number "0" is outside 1..1048576'],
    ['source.open.save_as', { what: mf('source.open.xls_binary', { name: 'a.xls' }) }, '"a.xls" is an old Excel .xls (binary, OLE2) file; open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)'],
  ])('%s keeps its English note', (code, vars, en) => {
    const [note, noteId] = notes(code, vars);
    expect(note).toBe(en);
    // The Indonesian text is filled too (no placeholder left, no English detail pasted in).
    expect(noteId).not.toMatch(/\{\w+\}/);
    expect(noteId).not.toBe(note);
  });

  it('a nested message is said in each language', () => {
    const [en, id] = notes('source.zip.corrupt', { label: 'b.xlsx', what: mf('source.zip.entry_truncated', { name: 'xl/s.xml' }) });
    expect(en).toBe('invalid excel file "b.xlsx": the zip entry "xl/s.xml" is truncated');
    expect(id).toContain('bagian zip "xl/s.xml" terpotong');
  });

  it.each([
    ['a**', 'pattern "a**" is not a valid regular expression: multiple repeat at position 2', 'pengulangan ganda di posisi 2'],
    ['(?=a)a', 'pattern "(?=a)a" cannot be checked: lookaround "(?=" is not supported (Table Schema patterns are XML Schema regular expressions, run in linear time)', 'lookaround "(?=" tidak didukung'],
    ['\\p{IsBasicLatin}', 'pattern "\\p{IsBasicLatin}" cannot be checked: Unicode block escape "\\p{IsBasicLatin}" is not supported (Table Schema patterns are XML Schema regular expressions, run in linear time)', 'escape blok Unicode'],
  ])('pattern %s: English note and Indonesian detail', (pattern, en, idPart) => {
    let refusal: PatternRefusal | undefined;
    try { compileRegex(pattern, 'xsd'); } catch (e) { refusal = e as PatternRefusal; }
    expect(refusal).toBeInstanceOf(PatternRefusal);
    const note = refusalNote(pattern, refusal!);
    expect(note).toBe(en);
    expect(patternNoteId(note)).toContain(idPart);
  });
});
