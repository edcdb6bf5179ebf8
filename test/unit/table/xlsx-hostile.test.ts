/**
 * Hostile and wrong files given as .xlsx: each must be a clear TableSourceError quickly, with
 * bounded memory. The archives are built by hand in the test (synthetic).
 */
import { open } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TableSourceError } from '../../../src/table/types.js';
import { ZipReader } from '../../../src/table/zip.js';
import { FIXTURES, openFdsTo, sourceError, tempFile } from './helpers.js';
import { buildZip, minimalXlsx, sheet } from './zip-builder.js';

const real = () => readFileSync(join(FIXTURES, 'bps-tpt-provinsi-2026.xlsx'));

describe('wrong files named .xlsx / .xls / .ods', () => {
  const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  const cases: Array<[string, string, Buffer, RegExp]> = [
    ['old binary .xls', 'lama.xls', OLE2, /old Excel \.xls.*save it as \.xlsx .* or \.csv/],
    ['old .xls renamed to .xlsx', 'lama.xlsx', OLE2, /old Excel \.xls/],
    ['a CSV renamed to .xlsx', 'csv.xlsx', Buffer.from('a,b\n1,2\n'), /invalid excel file "csv\.xlsx": it is not a zip-based \.xlsx workbook/],
    [
      'an ODS spreadsheet',
      'lembar.xlsx',
      buildZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true }, { name: 'content.xml', data: '<x/>' }]),
      /OpenDocument.*save it as \.xlsx/,
    ],
    ['a .ods by extension', 'lembar.ods', buildZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', store: true }]), /OpenDocument spreadsheet/],
    ['a zip that is not a workbook', 'arsip.xlsx', buildZip([{ name: 'readme.txt', data: 'halo' }]), /the zip holds no Excel workbook/],
  ];
  it.each(cases)('%s → format-error telling to save as .xlsx or .csv', async (_n, name, bytes, note) => {
    const path = tempFile(name, bytes);
    const err = await sourceError({ path });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(note);
    expect(err!.noteId).toMatch(/\.xlsx|\.csv/);
    expect(openFdsTo(path)).toHaveLength(0);
  });
});

describe('broken and hostile archives', () => {
  it('a truncated zip (no end of central directory)', async () => {
    const bytes = real();
    const err = await sourceError({ path: tempFile('cut.xlsx', bytes.subarray(0, bytes.length - 200)) });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/truncated or corrupt \(no end of central directory record\)/);
  });

  it('a central directory pointing outside the file', async () => {
    const bytes = Buffer.from(real());
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 22 + 16);
    const err = await sourceError({ path: tempFile('cd.xlsx', bytes) });
    expect(err?.type).toBe('format-error');
  });

  it('corrupt deflate data in the sheet is a compression-error', async () => {
    const files = minimalXlsx(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
    // Replace the sheet entry's deflated body by garbage of the same length.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const at = files.indexOf(name) + name.length;
    const size = files.readUInt32LE(at - name.length - 30 + 18);
    for (let i = 0; i < size; i++) files[at + i] = 0xff;
    const err = await sourceError({ path: tempFile('garbled.xlsx', files) });
    expect(err?.type).toBe('compression-error');
    expect(err!.note).toMatch(/corrupt compressed data/);
  });

  it('an entry declaring more than 1 GiB is refused before inflating', async () => {
    const xml = minimalXlsx(sheet(''), { extra: [] });
    const bomb = buildZip([
      ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].map((n) => ({ name: n, data: entryText(xml, n) })),
      { name: 'xl/worksheets/sheet1.xml', data: sheet(''), declaredSize: 2 ** 31 },
    ]);
    const err = await sourceError({ path: tempFile('declared.xlsx', bomb) });
    expect(err?.type).toBe('compression-error');
    expect(err!.note).toMatch(/declared 2147483648 bytes/);
  });

  it('an entry inflating beyond its declared size is stopped (a lying zip bomb)', async () => {
    const big = sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'0'.repeat(8 << 20)}</t></is></c></row>`);
    const xml = minimalXlsx(sheet(''));
    const bomb = buildZip([
      ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].map((n) => ({ name: n, data: entryText(xml, n) })),
      { name: 'xl/worksheets/sheet1.xml', data: big, declaredSize: 4096 },
    ]);
    const err = await sourceError({ path: tempFile('liar.xlsx', bomb) });
    expect(err?.type).toBe('compression-error');
    expect(err!.note).toMatch(/inflates beyond its declared 4096 bytes/);
  });

  it('the ratio cap stops a highly compressed entry past the floor (ZipReader limits)', async () => {
    const path = tempFile('ratio.zip', buildZip([{ name: 'zeros', data: Buffer.alloc(8 << 20) }]));
    const fh = await open(path, 'r');
    try {
      const zip = await ZipReader.open(fh, (await fh.stat()).size, 'ratio.zip', { maxEntryBytes: 1 << 30, ratioFloorBytes: 1 << 20, maxRatio: 100 });
      const run = async () => {
        for await (const chunk of zip.stream('zeros')) expect(chunk.length).toBeGreaterThan(0);
      };
      await expect(run()).rejects.toThrow(/compression ratio above 100:1/);
    } finally {
      await fh.close();
    }
  });

  it.each([
    ['deflated', false],
    ['stored', true],
  ])('a %s sheet whose bytes fail the CRC-32 check is a compression-error', async (_n, store) => {
    const xml = minimalXlsx(sheet(''));
    const body = sheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const files = buildZip([
      ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].map((n) => ({ name: n, data: entryText(xml, n) })),
      { name: 'xl/worksheets/sheet1.xml', data: body, store, crc: 0x12345678 },
    ]);
    const err = await sourceError({ path: tempFile('crc.xlsx', files) });
    expect(err?.type).toBe('compression-error');
    expect(err!.note).toMatch(/"xl\/worksheets\/sheet1\.xml" fails its CRC-32 check/);
  });

  it('a part stored twice under one name is refused (no silent replacement)', async () => {
    const xml = minimalXlsx(sheet(''));
    const files = buildZip([
      ...['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels'].map((n) => ({ name: n, data: entryText(xml, n) })),
      { name: 'xl/worksheets/sheet1.xml', data: sheet('<row r="1"><c r="A1"><v>1</v></c></row>') },
      { name: 'xl/worksheets/sheet1.xml', data: sheet('<row r="1"><c r="A1"><v>2</v></c></row>') },
    ]);
    const err = await sourceError({ path: tempFile('twice.xlsx', files) });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/holds the part "xl\/worksheets\/sheet1\.xml" twice/);
  });

  it('crc32 continues across chunks and matches the one-shot value', async () => {
    const { crc32 } = await import('../../../src/table/zip.js');
    const data = Buffer.from('Kecamatan,Jumlah\nMariso,12\n');
    expect(crc32(data)).toBe(crc32(data.subarray(10), crc32(data.subarray(0, 10))));
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('a ZipReader stream stopped early releases the inflater without errors', async () => {
    const path = tempFile('early.zip', buildZip([{ name: 'data', data: Buffer.alloc(4 << 20, 0x61) }]));
    const fh = await open(path, 'r');
    const zip = await ZipReader.open(fh, (await fh.stat()).size, 'early.zip');
    for await (const chunk of zip.stream('data')) {
      expect(chunk[0]).toBe(0x61);
      break;
    }
    await fh.close();
  });
});

describe('hostile sheet XML', () => {
  const cases: Array<[string, Buffer, RegExp, number?]> = [
    [
      'DOCTYPE with entities (billion laughs) in the sheet',
      minimalXlsx(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet xmlns="x"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`),
      /DOCTYPE\/ENTITY/,
    ],
    ['DOCTYPE in the shared strings', minimalXlsx(sheet(''), { sst: '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "b">]><sst><si><t>&a;</t></si></sst>' }), /DOCTYPE\/ENTITY/],
    ['a cell beyond column XFD', minimalXlsx(sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>')), /beyond column XFD/],
    ['a billion columns in a reference', minimalXlsx(sheet('<row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row>')), /beyond column XFD/],
    ['cells without r past column XFD', minimalXlsx(sheet(`<row r="1">${'<c><v>1</v></c>'.repeat(16385)}</row>`)), /beyond column XFD/],
    ['a row beyond 1048576', minimalXlsx(sheet('<row r="1048577"><c><v>1</v></c></row>')), /outside 1\.\.1048576/],
    ['a cell reference beyond row 1048576', minimalXlsx(sheet('<row r="1"><c r="A2000000"><v>1</v></c></row>')), /outside rows 1\.\.1048576/],
    ['a shared string index out of range', minimalXlsx(sheet('<row r="1"><c r="A1" t="s"><v>5</v></c></row>'), { sst: '<sst><si><t>a</t></si></sst>' }), /shared string index 5 is out of range \(the table has 1\)/],
    ['an inline string larger than maxCellChars', minimalXlsx(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'y'.repeat(500)}</t></is></c></row>`)), /larger than 100 characters/, 100],
    ['a shared string larger than maxCellChars', minimalXlsx(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), { sst: `<sst><si><t>${'y'.repeat(500)}</t></si></sst>` }), /larger than 100 characters/, 100],
  ];
  it.each(cases)('%s → format-error', async (_n, bytes, note, maxCellChars) => {
    const path = tempFile('hostile.xlsx', bytes);
    const err = await sourceError({ path, maxCellChars });
    expect(err).toBeInstanceOf(TableSourceError);
    expect(err!.type).toBe('format-error');
    expect(err!.note).toMatch(note);
    expect(openFdsTo(path)).toHaveLength(0);
  });

  it('a never-ending cell is refused once the buffered text passes the cap', async () => {
    const bytes = minimalXlsx(sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'z'.repeat(3 << 20)}`));
    const err = await sourceError({ path: tempFile('endless.xlsx', bytes), maxCellChars: 1000 });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/larger than 1000 characters/);
  });
});

/** Text of one entry of a zip made by minimalXlsx (all deflated). */
function entryText(zip: Buffer, name: string): string {
  const n = Buffer.from(name);
  const at = zip.indexOf(n);
  const size = zip.readUInt32LE(at - 30 + 18);
  return inflateRawSync(zip.subarray(at + n.length, at + n.length + size)).toString('utf8');
}
