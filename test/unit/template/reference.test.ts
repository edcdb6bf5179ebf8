import { describe, expect, it } from 'vitest';
import { column } from '../../../src/template/reference.js';

describe('column() of a bundled reference CSV', () => {
  const cases: Array<[string, string, string, string[] | undefined]> = [
    ['plain', 'kode,nama\n7371010,Mariso\n7371020,Mamajang\n', 'nama', ['Mariso', 'Mamajang']],
    ['quoted comma stays in its cell', 'kode,nama\n1,"Dinas Kesehatan, Kota Makassar"\n2,Damkar\n', 'nama', ['Dinas Kesehatan, Kota Makassar', 'Damkar']],
    ['quoted newline is one record', 'kode,nama\n1,"baris\nkedua"\n2,x\n', 'kode', ['1', '2']],
    ['CRLF, BOM and blank lines', '\uFEFFkode,nama\r\n1,a\r\n\r\n2,b\r\n', 'kode', ['1', '2']],
    ['empty cells dropped', 'kode,nama\n1,\n2,b\n', 'nama', ['b']],
    ['unknown column', 'kode,nama\n1,a\n', 'alamat', undefined],
  ];
  it.each(cases)('%s', (_n, csv, name, expected) => {
    expect(column(csv, name)).toEqual(expected);
  });
});
