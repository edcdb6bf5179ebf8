/**
 * Incremental decoding of file chunks into strings. UTF-8 (the common case) is validated with
 * Node's native `isUtf8` and decoded with `Buffer#toString`, keeping a cut-off character for the
 * next chunk; on invalid bytes it reports the exact byte offset and the text decoded before them,
 * so the CSV reader can say which row holds the bad bytes.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { findInvalidUtf8, utf8CompleteLength } from './encoding.js';
import { at } from '../invariant.js';

/** Bytes that cannot be decoded with the chosen encoding. */
export class EncodingFault extends Error {
  constructor(
    /** Absolute byte offset in the file of the first bad byte (or of the failing chunk). */
    readonly byteOffset: number,
    /** The offending bytes (at most 4). */
    readonly bytes: Uint8Array,
    /** Text decoded from the valid bytes before the fault (may be ''). */
    readonly validText: string,
    /** False when the position is only known to the chunk (non-UTF-8 decoders). */
    readonly exact: boolean,
  ) {
    super(`cannot decode byte(s) at offset ${byteOffset}`);
  }
}

export class ChunkDecoder {
  private carry: Buffer | undefined;
  private readonly td: TextDecoder | undefined;
  private readonly utf8: boolean;
  private readonly cp1252: boolean;

  /** @param offset absolute file offset of the first byte that will be passed (after a BOM). */
  constructor(
    readonly encoding: string,
    private offset: number,
  ) {
    this.utf8 = encoding === 'utf-8';
    this.cp1252 = encoding === 'windows-1252';
    // Throws RangeError for an unknown label; the caller turns that into an encoding-error.
    this.td = this.utf8 || this.cp1252 ? undefined : new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  /** Decode the next chunk; `chunk` may be reused by the caller afterwards. */
  decode(chunk: Buffer, final: boolean): string {
    if (this.cp1252) {
      this.offset += chunk.length;
      return decodeCp1252(chunk);
    }
    const td = this.td; // set exactly when the encoding is neither UTF-8 nor windows-1252
    if (td) {
      const start = this.offset;
      this.offset += chunk.length;
      try {
        return td.decode(chunk, { stream: !final });
      } catch {
        throw new EncodingFault(start, Uint8Array.prototype.slice.call(chunk, 0, 4), '', false);
      }
    }
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const dataStart = this.offset - (this.carry?.length ?? 0);
    this.offset += chunk.length;
    const end = final ? data.length : utf8CompleteLength(data);
    const part = data.subarray(0, end);
    if (!isUtf8(part)) {
      const bad = findInvalidUtf8(part) ?? { offset: 0, length: 1 };
      const bytes = Uint8Array.prototype.slice.call(part, bad.offset, bad.offset + Math.min(bad.length, 4));
      throw new EncodingFault(dataStart + bad.offset, bytes, part.toString('utf8', 0, bad.offset), true);
    }
    this.carry = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
    return part.toString('utf8');
  }
}

/** Windows-1252 characters for bytes 0x80..0x9F (the rest of the code page equals Latin-1). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 stays U+0093 instead of the
 * left quote U+201C), so decode Latin-1 natively and remap the 0x80..0x9F range ourselves.
 */
export function decodeCp1252(buf: Uint8Array): string {
  const s = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('latin1');
  return /[\x80-\x9f]/.test(s) ? s.replace(/[\x80-\x9f]/g, (c) => at(CP1252_HIGH, c.charCodeAt(0) - 0x80)) : s;
}
