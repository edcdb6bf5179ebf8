/**
 * The main thread's one pass over a CSV file: it hashes every byte (MD5, SHA-256; unless a hashing thread does) and cuts the data into
 * chunks of about `chunkBytes` at line feeds where the count of quote chars since the start of the data
 * is even, i.e. outside any quoted cell of a well-formed file. That is only a good guess (a quote in the
 * middle of an unquoted cell, or an escape char, can fool it); the proof is in the workers: every chunk
 * but the last must end exactly at a record boundary (see chunk.ts), so, chunk 0 starting at the true
 * start, each next chunk starts at a true record boundary too.
 */
import { open } from 'node:fs/promises';
import type { ChunkRange } from './chunk.js';

const BLOCK = 1 << 20;
/** No cut this far past the target: the rest of the file is the last chunk (see MAX_CHUNK_BYTES). */
const GIVE_UP = 1 << 20;
const LF = 10;

/** Quote chars in block[from, to). */
function countQuotes(block: Buffer, quote: number, from: number, to: number): number {
  let n = 0;
  let q = block.indexOf(quote, from);
  while (q >= 0 && q < to) {
    n++;
    q = block.indexOf(quote, q + 1);
  }
  return n;
}

/**
 * Yields the chunks in order (the last one reaches the end of the file) while hashing the whole file
 * into `hasher`; the hashes are complete when the generator is done.
 * @param quote the quote char's byte, or -1 when the dialect has no quoting.
 */
/** What splitFile feeds every byte it reads to (a ByteHasher, or nothing when a hashing thread reads the file itself). */
export interface BlockSink {
  update(block: Uint8Array): void;
  finish(): unknown;
}

export async function* splitFile(path: string, size: number, dataStart: number, quote: number, chunkBytes: number, hasher: BlockSink): AsyncGenerator<ChunkRange> {
  const fh = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    let index = 0;
    let chunkStart = dataStart;
    let target = chunkStart + chunkBytes;
    let parity = 0;
    let lastSent = false;
    const remainingFits = () => size - chunkStart <= chunkBytes;
    if (remainingFits()) {
      lastSent = true;
      yield { index: index++, start: chunkStart, end: size, last: true };
    }
    for (let base = 0; ; ) {
      const { bytesRead } = await fh.read(block, 0, BLOCK, base);
      if (bytesRead === 0) break;
      const len = bytesRead;
      let pos = Math.max(0, dataStart - base);
      while (!lastSent && pos < len) {
        if (base + pos < target) {
          const stop = Math.min(len, target - base);
          if (quote >= 0) parity ^= countQuotes(block, quote, pos, stop) & 1;
          pos = stop;
          continue;
        }
        // At or past the target: the next line feed at even parity ends the chunk.
        let lf = block.indexOf(LF, pos);
        let boundary = -1;
        while (lf >= 0 && lf < len) {
          if (quote >= 0) parity ^= countQuotes(block, quote, pos, lf) & 1;
          pos = lf + 1;
          if (parity === 0) {
            boundary = base + pos;
            break;
          }
          lf = block.indexOf(LF, pos);
        }
        if (boundary < 0) {
          if (quote >= 0) parity ^= countQuotes(block, quote, pos, len) & 1;
          pos = len;
          if (base + len > target + GIVE_UP) {
            lastSent = true;
            yield { index: index++, start: chunkStart, end: size, last: true };
          }
          break;
        }
        if (boundary >= size) break;
        yield { index: index++, start: chunkStart, end: boundary, last: false };
        chunkStart = boundary;
        target = chunkStart + chunkBytes;
        if (remainingFits()) {
          lastSent = true;
          yield { index: index++, start: chunkStart, end: size, last: true };
        }
      }
      hasher.update(block.subarray(0, len));
      base += len;
    }
    if (!lastSent) yield { index: index++, start: chunkStart, end: size, last: true };
    hasher.finish();
  } finally {
    await fh.close();
  }
}
