/**
 * A minimal zip reader for .xlsx files: the central directory is read with random access at the
 * end of the file, and one entry at a time is streamed through `zlib.createInflateRaw` (or copied
 * when stored). Hostile archives are refused early: no end-of-central-directory record, entries
 * declared or found larger than 1 GiB, a compression ratio above 1000:1 beyond 100 MiB, more
 * output than the entry declares, encrypted entries.
 */
import type { FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { createInflateRaw } from 'node:zlib';
import { LIMITS } from './limits.js';
import { readAt } from './source-file.js';
import { TableSourceError } from './types.js';
import { m, mf, notes, type Msg } from '../i18n.js';
import { at } from '../invariant.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the uncompressed bytes, from the central directory. */
  crc32: number;
}

export interface ZipLimits {
  maxEntryBytes: number;
  /** Ratio check applies once an entry has produced this many bytes. */
  ratioFloorBytes: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntryBytes: LIMITS.zipEntryBytes, ratioFloorBytes: LIMITS.zipRatioFloorBytes, maxRatio: LIMITS.zipMaxRatio };

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const MAX_CD_BYTES = LIMITS.zipDirectoryBytes;
const IN_CHUNK = 32 << 10;
const OUT_CHUNK = 256 << 10;

export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    private readonly label: string,
    readonly entries: Map<string, ZipEntry>,
    private readonly limits: ZipLimits,
  ) {}

  static async open(fh: FileHandle, size: number, label: string, limits = DEFAULT_ZIP_LIMITS): Promise<ZipReader> {
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = await readAt(fh, size - tailLen, tailLen);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        at = i;
        break;
      }
    }
    if (at < 0) throw corrupt(label, m('source.zip.no_end_record'));
    let count = tail.readUInt16LE(at + 10);
    let cdSize = tail.readUInt32LE(at + 12);
    let cdOffset = tail.readUInt32LE(at + 16);
    if ((count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === EOCD64_LOCATOR_SIG) {
      const off64 = Number(tail.readBigUInt64LE(at - 20 + 8));
      const rec = await readAt(fh, off64, 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== EOCD64_SIG) throw corrupt(label, m('source.zip.zip64_corrupt'));
      count = Number(rec.readBigUInt64LE(32));
      cdSize = Number(rec.readBigUInt64LE(40));
      cdOffset = Number(rec.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size || cdSize > MAX_CD_BYTES) {
      throw corrupt(label, m('source.zip.directory_outside'));
    }
    const cd = await readAt(fh, cdOffset, cdSize);
    const entries = new Map<string, ZipEntry>();
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CEN_SIG) throw corrupt(label, m('source.zip.directory_corrupt'));
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const flags = cd.readUInt16LE(p + 8);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      const e: ZipEntry = {
        name,
        method: cd.readUInt16LE(p + 10),
        flags,
        compressedSize: cd.readUInt32LE(p + 20),
        uncompressedSize: cd.readUInt32LE(p + 24),
        localHeaderOffset: cd.readUInt32LE(p + 42),
        crc32: cd.readUInt32LE(p + 16),
      };
      readZip64Extra(cd, p + 46 + nameLen, extraLen, e);
      const key = name.replace(/\\/g, '/');
      // Two entries of one name: readers disagree on which one wins, so a file could show Excel one
      // table and satudata another. Refuse instead of letting the second silently replace the first.
      if (entries.has(key)) throw corrupt(label, mf('source.zip.part_twice', { name: key }));
      entries.set(key, e);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipReader(fh, label, entries, limits);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A whole (small) entry; refused when it inflates to more than `maxBytes`. */
  async readAll(name: string, maxBytes = 256 << 20): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    for await (const b of this.stream(name)) {
      total += b.length;
      if (total > maxBytes) throw bomb(this.label, name, mf('source.zip.bomb.total', { max: maxBytes }));
      parts.push(b);
    }
    return Buffer.concat(parts, total);
  }

  /** The inflated bytes of an entry, chunk by chunk. Stopping early releases the inflater. */
  async *stream(name: string): AsyncGenerator<Buffer> {
    const e = this.entries.get(name);
    if (!e) throw corrupt(this.label, mf('source.zip.part_missing', { name }));
    const { label, limits } = this;
    if (e.flags & 1) {
      throw new TableSourceError('format-error', ...notes('source.zip.encrypted', { label }));
    }
    if (e.uncompressedSize > limits.maxEntryBytes) throw bomb(label, name, mf('source.zip.bomb.declared', { size: e.uncompressedSize }));
    const head = await readAt(this.fh, e.localHeaderOffset, 30);
    if (head.length < 30 || head.readUInt32LE(0) !== LOC_SIG) throw corrupt(label, mf('source.zip.entry_corrupt', { name }));
    let pos = e.localHeaderOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    let left = e.compressedSize;
    const readIn = async (): Promise<Buffer> => {
      const b = await readAt(this.fh, pos, Math.min(IN_CHUNK * 8, left));
      if (b.length === 0) throw corrupt(label, mf('source.zip.entry_truncated', { name }));
      pos += b.length;
      left -= b.length;
      return b;
    };
    let crc = 0;
    const verifyCrc = (): void => {
      if (crc >>> 0 !== e.crc32 >>> 0) throw corrupt(label, mf('source.zip.entry_crc', { name }), 'compression-error');
    };
    if (e.method === 0) {
      while (left > 0) {
        const b = await readIn();
        crc = crc32(b, crc);
        yield b;
      }
      verifyCrc();
      return;
    }
    if (e.method !== 8) {
      throw new TableSourceError('compression-error', ...notes('source.zip.unsupported_method', { name, method: e.method }));
    }
    // Output buffers large enough that one input slice usually inflates in one pass of the thread pool.
    const inf = createInflateRaw({ chunkSize: OUT_CHUNK });
    let out: Buffer[] = [];
    let produced = 0;
    let failure: Error | undefined;
    let ended = false;
    let wake: (() => void) | undefined;
    inf.on('data', (b: Buffer) => {
      produced += b.length;
      out.push(b);
    });
    inf.on('error', (err) => {
      failure = err;
      wake?.();
    });
    inf.on('end', () => {
      ended = true;
      wake?.();
    });
    const check = (): void => {
      if (failure) throw corrupt(label, mf('source.zip.entry_bad_data', { name, error: failure.message }), 'compression-error');
      if (produced > e.uncompressedSize) throw bomb(label, name, mf('source.zip.bomb.beyond_declared', { size: e.uncompressedSize }));
      if (produced > limits.maxEntryBytes) throw bomb(label, name, mf('source.zip.bomb.beyond_limit', { max: limits.maxEntryBytes }));
      if (produced > limits.ratioFloorBytes && produced > e.compressedSize * limits.maxRatio) {
        throw bomb(label, name, mf('source.zip.bomb.ratio', { ratio: limits.maxRatio }));
      }
    };
    // One slice is inflating (in the thread pool) while the consumer works on the previous slice's output.
    let inflight: Promise<void> | undefined;
    const feed = (slice: Buffer): void => {
      inflight = new Promise<void>((resolve) => {
        wake = resolve;
        inf.write(slice, () => resolve());
      });
    };
    try {
      while (left > 0) {
        const buf = await readIn();
        // Feed small slices so one write cannot inflate to more than ~IN_CHUNK * 1032 bytes.
        for (let i = 0; i < buf.length; i += IN_CHUNK) {
          if (inflight) await inflight;
          check();
          const ready = out;
          out = [];
          feed(buf.subarray(i, i + IN_CHUNK));
          for (const b of ready) crc = crc32(b, crc);
          yield* ready;
        }
      }
      if (inflight) await inflight;
      check();
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (ended || failure) resolve();
        else inf.end();
      });
      check();
      if (!ended) throw corrupt(label, mf('source.zip.entry_truncated', { name }), 'compression-error');
      for (const b of out) crc = crc32(b, crc);
      verifyCrc();
      yield* out;
    } finally {
      wake = undefined;
      inf.destroy();
    }
  }
}

/** CRC-32 (IEEE), continued from `prev`: zlib's own where Node has it (>= 20.15), else a table. */
export function crc32(data: Buffer, prev = 0): number {
  const native = (zlib as { crc32?: (d: Buffer, v?: number) => number }).crc32;
  if (native) return native(data, prev);
  let c = ~prev >>> 0;
  for (let i = 0; i < data.length; i++) c = at(CRC_TABLE, (c ^ at(data, i)) & 0xff) ^ (c >>> 8);
  return ~c >>> 0;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function readZip64Extra(cd: Buffer, start: number, len: number, e: ZipEntry): void {
  let p = start;
  while (p + 4 <= start + len) {
    const id = cd.readUInt16LE(p);
    const size = cd.readUInt16LE(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (e.uncompressedSize === 0xffffffff && q + 8 <= p + 4 + size) (e.uncompressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
      if (e.compressedSize === 0xffffffff && q + 8 <= p + 4 + size) (e.compressedSize = Number(cd.readBigUInt64LE(q))), (q += 8);
      if (e.localHeaderOffset === 0xffffffff && q + 8 <= p + 4 + size) e.localHeaderOffset = Number(cd.readBigUInt64LE(q));
      return;
    }
    p += 4 + size;
  }
}

function corrupt(label: string, what: Msg, type: 'format-error' | 'compression-error' = 'format-error'): TableSourceError {
  return new TableSourceError(type, ...notes('source.zip.corrupt', { label, what }));
}

function bomb(label: string, name: string, what: Msg): TableSourceError {
  return new TableSourceError('compression-error', ...notes('source.zip.bomb', { name, label, what }));
}
