/**
 * One chunk of a CSV file (a byte range that starts at a record boundary): read, validated, decoded
 * and parsed in 64 KiB pieces, as the single-threaded reader does, so the rows die young.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { decodeCp1252 } from '../../table/chunk-decoder.js';
import { CsvParser, type CsvParserOptions } from '../../table/csv-parser.js';
import type { Row } from '../../table/types.js';

export type ChunkEncoding = 'utf-8' | 'windows-1252';

export interface ChunkRange {
  index: number;
  start: number;
  end: number;
  last: boolean;
}

const PIECE = 1 << 16;
/** A record pending longer than this is left to the single-threaded reader (its limits apply exactly there). */
const MAX_PENDING = 1 << 20;

/**
 * A chunk larger than this is not read (the rest of a file where no cut was found near the target: a
 * giant record, or a quote count gone odd); the single-threaded reader decides, with its own limits.
 */
export const MAX_CHUNK_BYTES = 4 << 20;

export class UnsafeChunk extends Error {}

/**
 * One buffer for every chunk a thread reads: a fresh 4 MiB Buffer per chunk lives long enough to reach
 * the old space, where dozens of them waited for a major GC (peak RSS +70 MiB).
 */
let scratch: Buffer | undefined;

export function readRange(path: string, start: number, end: number): Buffer {
  if (!scratch || scratch.length < end - start) scratch = Buffer.allocUnsafe(Math.max(end - start, 1 << 20));
  const buf = scratch.subarray(0, end - start);
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) throw new UnsafeChunk('the file is shorter than it was');
      got += n;
    }
  } finally {
    closeSync(fd);
  }
  return buf;
}

/**
 * Parse the chunk; `onRows` gets each piece's rows and returns false to stop early. Throws UnsafeChunk when
 * the chunk cannot be proven to parse as in one pass (bytes that do not decode, a record left open at
 * its end: the boundary was not a record boundary), and the parser's own TableSourceError.
 * Returns the records parsed.
 */
export function parseChunk(path: string, range: ChunkRange, encoding: ChunkEncoding, popts: CsvParserOptions, onRows: (rows: Row[]) => boolean): number {
  if (range.end - range.start > MAX_CHUNK_BYTES) throw new UnsafeChunk('no record boundary near the cut');
  const bytes = readRange(path, range.start, range.end);
  if (encoding === 'utf-8' && !isUtf8(bytes)) throw new UnsafeChunk('bytes that are not UTF-8');
  const decoder = encoding === 'utf-8' ? new StringDecoder('utf8') : undefined;
  const parser = new CsvParser(popts);
  for (let at = 0; at < bytes.length; at += PIECE) {
    const piece = bytes.subarray(at, Math.min(at + PIECE, bytes.length));
    const text = decoder ? decoder.write(piece) : decodeCp1252(piece);
    const rows: Row[] = [];
    const end = at + PIECE >= bytes.length;
    parser.push(text, rows, end && !range.last);
    if (parser.pendingChars > MAX_PENDING) throw new UnsafeChunk('a record longer than 1 MiB');
    if (rows.length && !onRows(rows)) return parser.recordCount;
  }
  if (range.last) {
    const rows: Row[] = [];
    parser.finish(rows);
    if (rows.length) onRows(rows);
  } else if (parser.pendingChars !== 0) {
    throw new UnsafeChunk('the chunk does not end at a record boundary');
  }
  return parser.recordCount;
}
