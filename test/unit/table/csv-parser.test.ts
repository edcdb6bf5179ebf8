import { describe, expect, it } from 'vitest';
import { CsvParser, warmParser, type CsvParserOptions } from '../../../src/table/csv-parser.js';
import { TableSourceError, type Cell, type Row } from '../../../src/table/types.js';

const base: CsvParserOptions = {
  delimiter: ',',
  quoteChar: '"',
  doubleQuote: true,
  escapeChar: '',
  skipInitialSpace: false,
  maxCellChars: 1000,
};

/** Parse `text` fed in the given pieces; returns the cells of every record. */
function parse(pieces: string[], opts: Partial<CsvParserOptions> = {}): Cell[][] {
  const p = new CsvParser({ ...base, ...opts });
  const out: Row[] = [];
  for (const s of pieces) p.push(s, out);
  p.finish(out);
  out.forEach((r, i) => expect(r.rowNumber).toBe(i + 1));
  return out.map((r) => r.cells);
}

describe('CsvParser: records and cells (frictionless / Python csv semantics)', () => {
  const cases: Array<[string, string, Partial<CsvParserOptions>, Cell[][]]> = [
    ['LF', 'a,b\n1,2\n', {}, [['a', 'b'], ['1', '2']]],
    ['CRLF', 'a,b\r\n1,2\r\n', {}, [['a', 'b'], ['1', '2']]],
    ['CR only (old Mac)', 'a,b\r1,2\r', {}, [['a', 'b'], ['1', '2']]],
    ['no final newline', 'a,b\n1,2', {}, [['a', 'b'], ['1', '2']]],
    ['a final newline makes no row', 'a\n', {}, [['a']]],
    ['an empty line is a row with zero cells', 'a\n\nb\n', {}, [['a'], [], ['b']]],
    ['an extra empty line at the end is a row', 'a\n\n', {}, [['a'], []]],
    ['empty CRLF line', 'a\r\n\r\nb', {}, [['a'], [], ['b']]],
    ['empty cells', ',a,,\n', {}, [['', 'a', '', '']]],
    ['trailing delimiter at EOF', 'a,b,', {}, [['a', 'b', '']]],
    ['quoted delimiter', '"a,b",c\n', {}, [['a,b', 'c']]],
    ['quoted newline is one record', '"line1\nline2",x\ny,z\n', {}, [['line1\nline2', 'x'], ['y', 'z']]],
    ['quoted CRLF kept', '"a\r\nb"\r\n', {}, [['a\r\nb']]],
    ['doubled quote', '"say ""hi""",2\n', {}, [['say "hi"', '2']]],
    ['empty quoted cell', '"",x\n', {}, [['', 'x']]],
    ['quote in the middle of an unquoted cell is literal', 'a"b,c\n', {}, [['a"b', 'c']]],
    ['text after the closing quote is kept', '"ab"cd,e\n', {}, [['abcd', 'e']]],
    ['decimal comma in quotes (Jabar)', '3201,"1,91"\r\n', {}, [['3201', '1,91']]],
    ['semicolon delimiter', 'a;b\n1,5;2\n', { delimiter: ';' }, [['a', 'b'], ['1,5', '2']]],
    ['tab delimiter', 'a\tb\n', { delimiter: '\t' }, [['a', 'b']]],
    ['multi-char delimiter', 'a||b||c\n1||2||\n', { delimiter: '||' }, [['a', 'b', 'c'], ['1', '2', '']]],
    ['single quote char', "'a,b',c\n", { quoteChar: "'" }, [['a,b', 'c']]],
    ['quoting disabled', '"a,b"\n', { quoteChar: '' }, [['"a', 'b"']]],
    ['escape char unquoted', 'a\\,b,c\n', { escapeChar: '\\' }, [['a,b', 'c']]],
    ['escape char quoted', '"a\\"b",c\n', { escapeChar: '\\', doubleQuote: false }, [['a"b', 'c']]],
    ['doubleQuote false: the rest is literal (as Python)', '"a""b"\n', { doubleQuote: false }, [['a"b"']]],
    ['skipInitialSpace', 'a, b,  "c, d"\n', { skipInitialSpace: true }, [['a', 'b', 'c, d']]],
    ['no skipInitialSpace keeps spaces', 'a, b\n', {}, [['a', ' b']]],
    ['nullSequence', 'a,NA,\n', { nullSequence: 'NA' }, [['a', null, '']]],
    ['empty input', '', {}, []],
  ];
  it.each(cases)('%s', (_name, text, opts, expected) => {
    expect(parse([text], opts)).toEqual(expected);
  });

  it.each(cases)('%s: same records whatever the chunk boundaries', (_name, text, opts, expected) => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)], opts)).toEqual(expected);
    }
    expect(parse(text.split(''), opts)).toEqual(expected);
  });

  it('numbers records, not lines: a quoted cell spanning lines is one row', () => {
    const p = new CsvParser(base);
    const out: Row[] = [];
    p.push('h\n"a\nb\nc"\nz\n', out);
    p.finish(out);
    expect(out.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    expect(out[2]!.cells).toEqual(['z']);
  });
});

describe('CsvParser: hostile input', () => {
  it('refuses an unterminated quote at the end with the row where it opened', () => {
    let err: unknown;
    try {
      parse(['a,b\n1,"open\n2,3\n']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TableSourceError);
    expect((err as TableSourceError).type).toBe('format-error');
    expect((err as TableSourceError).note).toMatch(/row 2.*column 2/);
  });

  it('refuses a complete cell larger than maxCellChars', () => {
    expect(() => parse([`a,${'x'.repeat(1001)}\n`])).toThrow(/row 1, column 2: a cell is larger than 1000/);
  });

  it('refuses a growing cell as soon as it passes maxCellChars, before the record ends', () => {
    const p = new CsvParser(base);
    const out: Row[] = [];
    p.push('h\n"', out);
    expect(() => {
      for (let i = 0; i < 100; i++) p.push('y'.repeat(100), out);
    }).toThrow(TableSourceError);
    expect(out).toHaveLength(1);
  });

  it('rejects a delimiter that is empty or a line break', () => {
    expect(() => new CsvParser({ ...base, delimiter: '' })).toThrow(/delimiter/);
    expect(() => new CsvParser({ ...base, delimiter: '\n' })).toThrow(/delimiter/);
  });
});

describe('warmParser (runs parse on a sample text before a large file, for the JIT)', () => {
  it('never throws, even when the options make its sample text malformed (a digit as quote char), and changes no later parse', () => {
    const before = parse(['id,"nama, lengkap"\n1,"A ""B"""\n', '2,C\n']);
    expect(() => warmParser({ ...base, quoteChar: '1' })).not.toThrow();
    expect(() => warmParser({ ...base, delimiter: ';' })).not.toThrow(); // once per thread: a no-op now
    expect(parse(['id,"nama, lengkap"\n1,"A ""B"""\n', '2,C\n'])).toEqual(before);
    expect(before).toEqual([['id', 'nama, lengkap'], ['1', 'A "B"'], ['2', 'C']]);
  });
});
