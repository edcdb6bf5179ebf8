import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ByteHasher } from '../../../src/table/source-file.js';
import { splitFile } from '../../../src/validate/parallel/split.js';
import { parseChunk, UnsafeChunk, type ChunkRange } from '../../../src/validate/parallel/chunk.js';
import { rebaseError } from '../../../src/validate/parallel/protocol.js';
import { cellError } from '../../../src/validate/build-error.js';
import type { CsvParserOptions } from '../../../src/table/csv-parser.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-split-'));
const popts: CsvParserOptions = { delimiter: ',', quoteChar: '"', doubleQuote: true, escapeChar: '', skipInitialSpace: false, maxCellChars: 1 << 20 };

async function split(text: string, chunk: number, bom = 0): Promise<{ ranges: ChunkRange[]; md5: string; sha256: string; bytes: number }> {
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  const size = Buffer.byteLength(text);
  const hasher = new ByteHasher();
  const ranges: ChunkRange[] = [];
  for await (const r of splitFile(file, size, bom, 34, chunk, hasher)) ranges.push(r);
  return { ranges, ...hasher.finish() };
}

describe('splitFile: cuts at line feeds outside quotes, hashes every byte', () => {
  it.each([
    // The cut is the first line feed at or past start + chunk bytes, with an even quote count.
    ['plain lines', 'a,b\n1,2\n3,4\n5,6\n', 3, ['a,b\n', '1,2\n', '3,4\n', '5,6\n']],
    ['a quoted line break is never a cut', 'a,b\n"x\ny",1\n2,3\n', 4, ['a,b\n"x\ny",1\n', '2,3\n']],
    ['doubled quotes keep the count even', 'h\n"a""b"\nc\nd\n', 2, ['h\n"a""b"\n', 'c\nd\n']],
    ['CRLF: the cut follows the LF', 'h\r\n1\r\n2\r\n', 2, ['h\r\n', '1\r\n', '2\r\n']],
    ['no final line break: the last chunk reaches the end', 'h\n1\n2', 1, ['h\n', '1\n', '2']],
    ['one chunk when the file fits', 'h\n1\n', 100, ['h\n1\n']],
  ])('%s', async (_name, text, chunk, parts) => {
    const out = await split(text, chunk);
    expect(out.ranges.map((r) => text.slice(r.start, r.end))).toEqual(parts);
    expect(out.ranges.map((r) => r.last)).toEqual(parts.map((_, i) => i === parts.length - 1));
    expect(out.ranges.map((r) => r.index)).toEqual(parts.map((_, i) => i));
    expect(out.md5).toBe(createHash('md5').update(text).digest('hex'));
    expect(out.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(out.bytes).toBe(text.length);
  });

  it('gives up 1 MiB past the target: the rest is the last chunk, and a giant record in it is left to one thread', async () => {
    const text = 'h\n"' + 'ab\n'.repeat(400_000) + '"\n';
    const out = await split(text, 1);
    expect(out.ranges.map((r) => [r.start, r.end, r.last])).toEqual([
      [0, 2, false],
      [2, text.length, true],
    ]);
    const file = path.join(dir, 'giant.csv');
    writeFileSync(file, text);
    expect(() => parseChunk(file, out.ranges[1]!, 'utf-8', popts, () => true)).toThrow(UnsafeChunk);
  });

  it('starts after a byte-order mark but hashes it', async () => {
    const text = '\uFEFFh\n1\n2\n';
    const out = await split(text, 1, 3);
    expect(out.ranges[0]!.start).toBe(3);
    expect(out.ranges.at(-1)!.end).toBe(Buffer.byteLength(text));
    expect(out.md5).toBe(createHash('md5').update(text).digest('hex'));
  });
});

describe('parseChunk: proves its end is a record boundary', () => {
  const file = path.join(dir, 'chunk.csv');
  const text = 'a,b\n"x\ny",1\n2,3\n';
  writeFileSync(file, text);
  const rows = (r: ChunkRange) => {
    const got: unknown[] = [];
    const records = parseChunk(file, r, 'utf-8', popts, (rs) => (got.push(...rs.map((x) => x.cells)), true));
    return { records, got };
  };
  it('a chunk ending at a record boundary parses, numbered from 1', () => {
    expect(rows({ index: 1, start: 4, end: 12, last: false })).toEqual({ records: 1, got: [['x\ny', '1']] });
  });
  it('a cut inside a quoted cell is refused (UnsafeChunk)', () => {
    expect(() => rows({ index: 0, start: 0, end: 7, last: false })).toThrow(UnsafeChunk);
  });
  it('bytes that are not UTF-8 are refused', () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.from([0x61, 0x0a, 0xff, 0x0a]));
    expect(() => parseChunk(bad, { index: 0, start: 0, end: 4, last: true }, 'utf-8', popts, () => true)).toThrow(UnsafeChunk);
  });
});

describe('rebaseError: a worker error renumbered for the whole file', () => {
  it('moves the row number, the cell reference and the message', () => {
    const local = cellError('type-error', 'type is "integer/default"', ['x', '2'], 3, 'x', 'id', 1);
    const moved = rebaseError(local, 1000);
    expect(moved).toEqual(cellError('type-error', 'type is "integer/default"', ['x', '2'], 1003, 'x', 'id', 1));
    expect(Object.keys(moved)).toEqual(Object.keys(local));
    expect(moved.cellRef).toBe('A1003');
    expect(rebaseError(local, 0)).toBe(local);
  });
});
