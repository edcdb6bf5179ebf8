import { describe, expect, it } from 'vitest';
import { sniffDelimiter } from '../../../src/table/sniff.js';

describe('sniffDelimiter', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon with decimal commas (id-ID Excel)', 'a;b;c\n1,5;2,25;3\n4;5,1;6\n', ';'],
    ['tab', 'a\tb\n1\t2\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    ['commas inside quotes are ignored', 'nama;nilai\n"Kota, Makassar";"1,5"\n"Gowa, Sungguminasa";"2,5"\n', ';'],
    ['a quoted cell spanning lines', 'a;b\n"x\ny,z,w";1\n2;3\n', ';'],
    ['title row above a table', 'Judul tabel\n\na,b,c\n1,2,3\n4,5,6\n', ','],
    ['single column: no delimiter', 'a\nb\nc\n', undefined],
    ['mostly consistent ragged file still wins', 'a;b;c\n1;2;3\n4;5\n6;7;8\n', ';'],
    // differential seeds 5571/5914: ";" inside list values of a ragged comma table (header has no ";")
    ['the header\'s delimiter beats a ";" inside values', 'a,b,c,d\nx;y,1,2,3\nx;y,1,2\nx;y,1,2,3,4\nx;y,1,2,3\n', ','],
    ['a one-comma title row above a ";" table keeps ";"', 'Data, 2020\na;b;c\n1;2;3\n4;5;6\n', ';'],
  ];
  it.each(cases)('%s', (_n, text, expected) => {
    expect(sniffDelimiter(text, '"', 100, true)).toBe(expected);
  });

  it('ignores the last, cut-off record of a partial sample', () => {
    expect(sniffDelimiter('a;b\n1;2\n3;4\nx,y,z,w,v', '"', 100, false)).toBe(';');
  });
});
