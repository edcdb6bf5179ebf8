import { describe, expect, it } from 'vitest';
import { ChunkDecoder, decodeCp1252, EncodingFault } from '../../../src/table/chunk-decoder.js';
import { chooseEncoding, findInvalidUtf8, looksBinary, normalizeEncoding, utf8CompleteLength } from '../../../src/table/encoding.js';

const B = (...bytes: number[]) => Buffer.from(bytes);

describe('chooseEncoding', () => {
  const cases: Array<[string, Buffer, string | undefined, { encoding: string; bomLength: number }]> = [
    ['plain ASCII is utf-8', Buffer.from('a,b\n'), undefined, { encoding: 'utf-8', bomLength: 0 }],
    ['valid UTF-8', Buffer.from('kota,Bulukumba – Bantaeng ±\n'), undefined, { encoding: 'utf-8', bomLength: 0 }],
    ['UTF-8 BOM', B(0xef, 0xbb, 0xbf, 0x61), undefined, { encoding: 'utf-8', bomLength: 3 }],
    ['UTF-16LE BOM', B(0xff, 0xfe, 0x61, 0), undefined, { encoding: 'utf-16le', bomLength: 2 }],
    ['UTF-16BE BOM', B(0xfe, 0xff, 0, 0x61), undefined, { encoding: 'utf-16be', bomLength: 2 }],
    ['UTF-16LE without BOM', Buffer.from('a,b\n1,2\n', 'utf16le'), undefined, { encoding: 'utf-16le', bomLength: 0 }],
    ['a Windows-1252 byte makes it windows-1252', B(0x4a, 0x75, 0x6d, 0x92, 0x61, 0x74), undefined, { encoding: 'windows-1252', bomLength: 0 }],
    ['declared wins', Buffer.from('abc'), 'latin-1', { encoding: 'windows-1252', bomLength: 0 }],
    ['declared utf-8 still strips a BOM', B(0xef, 0xbb, 0xbf, 0x61), 'UTF-8', { encoding: 'utf-8', bomLength: 3 }],
  ];
  it.each(cases)('%s', (_n, buf, declared, expected) => {
    expect(chooseEncoding(buf, declared, true)).toMatchObject(expected);
  });

  it('does not mistake a multi-byte character cut by the chunk end for invalid UTF-8', () => {
    const full = Buffer.from('abc é');
    expect(chooseEncoding(full.subarray(0, full.length - 1), undefined, false).encoding).toBe('utf-8');
  });
});

describe('UTF-8 helpers', () => {
  it('finds the first invalid sequence', () => {
    expect(findInvalidUtf8(Buffer.from('ok é'))).toBeUndefined();
    expect(findInvalidUtf8(B(0x61, 0x62, 0x92, 0x63))).toEqual({ offset: 2, length: 1 });
    expect(findInvalidUtf8(B(0x61, 0xc3, 0x28))).toEqual({ offset: 1, length: 1 });
    expect(findInvalidUtf8(B(0x61, 0xe2, 0x80))).toEqual({ offset: 1, length: 2 }); // cut at the end
    expect(findInvalidUtf8(B(0xed, 0xa0, 0x80))).toMatchObject({ offset: 0 }); // surrogate
  });
  it('keeps a cut-off character for the next chunk', () => {
    const e = Buffer.from('aé'); // 61 c3 a9
    expect(utf8CompleteLength(e.subarray(0, 2))).toBe(1);
    expect(utf8CompleteLength(e)).toBe(3);
  });
});

describe('ChunkDecoder', () => {
  it('decodes a character split across chunks', () => {
    const d = new ChunkDecoder('utf-8', 0);
    const bytes = Buffer.from('Makassar – Gowa');
    const k = bytes.indexOf(0xe2) + 1;
    expect(d.decode(bytes.subarray(0, k), false) + d.decode(bytes.subarray(k), true)).toBe('Makassar – Gowa');
  });
  it('reports the absolute byte offset, the bad bytes and the valid text before them', () => {
    const d = new ChunkDecoder('utf-8', 3);
    d.decode(Buffer.from('a,b\n'), false);
    let fault: EncodingFault | undefined;
    try {
      d.decode(B(0x31, 0x2c, 0x93, 0x78), true);
    } catch (e) {
      fault = e as EncodingFault;
    }
    expect(fault).toBeInstanceOf(EncodingFault);
    expect(fault!.byteOffset).toBe(3 + 4 + 2);
    expect([...fault!.bytes]).toEqual([0x93]);
    expect(fault!.validText).toBe('1,');
  });
  it('fails on a character cut off at the end of the file', () => {
    const d = new ChunkDecoder('utf-8', 0);
    expect(() => d.decode(B(0x61, 0xe2, 0x80), true)).toThrow(EncodingFault);
  });
  it('decodes Windows-1252 quotes, bullet and dashes (not as C1 controls)', () => {
    expect(decodeCp1252(B(0x93, 0x41, 0x94, 0x95, 0x96, 0x80, 0xe9))).toBe('“A”•–€é');
    expect(new ChunkDecoder('windows-1252', 0).decode(B(0x92), true)).toBe('’');
  });
  it('throws RangeError for an unknown encoding label', () => {
    expect(() => new ChunkDecoder('klingon-8', 0)).toThrow(RangeError);
  });
});

describe('looksBinary / normalizeEncoding', () => {
  it('flags NUL bytes and control-heavy content, not text', () => {
    expect(looksBinary(Buffer.from('a,b\r\n1,2\t3\n'))).toBe(false);
    expect(looksBinary(B(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0))).toBe(true);
    expect(looksBinary(B(1, 2, 3, 4, 5, 0x61))).toBe(true);
  });
  it('maps Python codec names to WHATWG labels', () => {
    expect(normalizeEncoding('utf-8-sig')).toBe('utf-8');
    expect(normalizeEncoding('ISO-8859-1')).toBe('windows-1252');
    expect(normalizeEncoding('cp1252')).toBe('windows-1252');
    expect(normalizeEncoding('ascii')).toBe('utf-8');
  });
});
