import { describe, expect, it } from 'vitest';
import { magicKind, resolveFormat } from '../../../src/table/open.js';
import { sourceError, tempFile } from './helpers.js';

describe('resolveFormat', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['data/a.csv', undefined, 'csv'],
    ['a.CSV', undefined, 'csv'],
    ['a.txt', undefined, 'csv'],
    ['a.tsv', undefined, 'tsv'],
    ['a.xlsx', undefined, 'xlsx'],
    ['a.xls', undefined, 'xls'],
    ['a.ods', undefined, 'ods'],
    ['a.dat', 'csv', 'csv'],
    ['a.csv', 'xlsx', 'xlsx'],
    ['a.json', undefined, undefined],
  ];
  it.each(cases)('%s (format %s) → %s', (path, format, expected) => {
    expect(resolveFormat(path, format)).toBe(expected);
  });
});

describe('magicKind', () => {
  it('recognises OLE2, zip and other', () => {
    expect(magicKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBe('ole2');
    expect(magicKind(Buffer.from('PK\x03\x04', 'latin1'))).toBe('zip');
    expect(magicKind(Buffer.from('PK\x05\x06', 'latin1'))).toBe('zip');
    expect(magicKind(Buffer.from('id,nama'))).toBe('other');
  });
});

describe('openTable: file-level errors', () => {
  it('an unsupported extension is a format-error', async () => {
    const err = await sourceError({ path: tempFile('data.json', '{}') });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/unsupported format/);
  });

  it('a directory is a scheme-error', async () => {
    const path = tempFile('x.csv', 'a');
    const err = await sourceError({ path: path.replace(/\/x\.csv$/, '') });
    expect(err?.type).toBe('scheme-error');
    expect(err!.note).toMatch(/^\[Errno 21\] Is a directory/);
  });

  it('an HTML table saved as .xls is a format-error asking for .xlsx or .csv', async () => {
    const err = await sourceError({ path: tempFile('laporan.xls', '<html><table><tr><td>1</td></tr></table></html>') });
    expect(err?.type).toBe('format-error');
    expect(err!.note).toMatch(/save it as \.xlsx/);
  });
});
