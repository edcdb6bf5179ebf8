/**
 * The CSV reader: reads the file in chunks (a plain read loop, no stream, so an early `break`
 * only has to close the file handle), hashes the raw bytes, decodes them and feeds the parser.
 * The encoding and delimiter are decided from the first chunk, at open time, so `OpenedTable`
 * can report them before iteration.
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { ChunkDecoder, EncodingFault } from './chunk-decoder.js';
import { CsvParser, warmParser, type CsvParserOptions } from './csv-parser.js';
import { chooseEncoding, looksBinary, type EncodingChoice } from './encoding.js';
import { LIMITS } from './limits.js';
import { sniffDelimiter } from './sniff.js';
import { ByteHasher, readAt } from './source-file.js';
import { TableSourceError, type OpenedTable, type OpenTableOptions, type ReaderDialect, type Row } from './types.js';
import { m, notes } from '../i18n.js';

/** Encoding and delimiter detection look at the first 512 KiB. */
const FIRST_CHUNK_BYTES = 1 << 19;
/** Files from this size up warm the parser first (warmParser: ~8 ms, against a deoptimisation per piece). */
const WARM_FROM_BYTES = 4 << 20;
/**
 * Later chunks are small: the rows of one chunk are alive together, and 64 KiB of rows die young in V8's
 * nursery, where 512 KiB of rows got promoted and left ~70 MiB of garbage in the old space (1M-row bench:
 * peak RSS 205 → 150 MiB, and faster).
 */
const CHUNK_BYTES = 1 << 16;
const BATCH_ROWS = 1024;

export async function openCsv(opts: OpenTableOptions, fh: FileHandle, tsv: boolean, size: number): Promise<OpenedTable> {
  const name = basename(opts.path);
  const hasher = new ByteHasher();
  const first = await readAt(fh, 0, FIRST_CHUNK_BYTES);
  const atEof = first.length < FIRST_CHUNK_BYTES;
  const choice = chooseEncoding(first, opts.encoding, atEof);
  if (!choice.encoding.startsWith('utf-16') && looksBinary(first)) throw notText(name, first);

  let decoder: ChunkDecoder;
  try {
    decoder = new ChunkDecoder(choice.encoding, choice.bomLength);
  } catch {
    throw new TableSourceError('encoding-error', ...notes('source.csv.unknown_encoding', { encoding: opts.encoding ?? choice.encoding }));
  }
  const d = opts.dialect ?? {};
  const quoteChar = d.quoteChar ?? '"';
  let firstText: string;
  try {
    firstText = decoder.decode(first.subarray(choice.bomLength), atEof);
  } catch (err) {
    if (!(err instanceof EncodingFault)) throw err;
    const delim = d.delimiter ?? (tsv ? '\t' : ',');
    throw encodingError(name, choice, err, recordOf(err.validText, { ...parserOptions(opts, delim, quoteChar) }));
  }
  hasher.update(first);

  const delimiter = d.delimiter ?? (tsv ? '\t' : (sniffDelimiter(firstText, quoteChar, 100, atEof) ?? ','));
  const popts = parserOptions(opts, delimiter, quoteChar);
  if (size >= WARM_FROM_BYTES) warmParser(popts);
  const parser = new CsvParser(popts);
  const dialect: ReaderDialect = {
    delimiter,
    quoteChar,
    doubleQuote: popts.doubleQuote,
    skipInitialSpace: popts.skipInitialSpace,
    lineTerminator: d.lineTerminator ?? lineTerminatorOf(firstText),
    ...(popts.escapeChar ? { escapeChar: popts.escapeChar } : {}),
    ...(popts.nullSequence !== undefined ? { nullSequence: popts.nullSequence } : {}),
  };

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => undefined);
  };

  async function* batches(): AsyncGenerator<Row[]> {
    let pending: Promise<Buffer> | undefined;
    try {
      // The first 512 KiB (read whole for the encoding) in pieces like the rest: a reader that wants only
      // the sample (the header, the parallel path's decision) parses ~700 records, not ~5,000.
      for (let from = 0; from < firstText.length; from += CHUNK_BYTES) {
        const rows: Row[] = [];
        parser.push(firstText.slice(from, from + CHUNK_BYTES), rows); // the whole text is not copied
        yield* split(rows);
      }
      let pos = first.length;
      let eof = atEof;
      // Two buffers for every later chunk, taken in turn: the next chunk is read (on the thread pool)
      // while this one is decoded and parsed; waiting for each read cost ~8% of a one-thread run. The
      // decoder copies what it keeps and the hasher consumes a chunk at once, so a buffer is free again
      // when its turn comes.
      const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
      let turn = 0;
      pending = eof ? undefined : readAt(fh, pos, CHUNK_BYTES, buffers[turn]);
      while (pending) {
        const buf = await pending;
        eof = buf.length < CHUNK_BYTES;
        pos += buf.length;
        turn ^= 1;
        pending = eof ? undefined : readAt(fh, pos, CHUNK_BYTES, buffers[turn]);
        hasher.update(buf);
        const out: Row[] = [];
        let text: string;
        try {
          text = decoder.decode(buf, eof);
        } catch (err) {
          if (!(err instanceof EncodingFault)) throw err;
          parser.push(err.validText, out, true);
          throw encodingError(name, choice, err, parser.nextRecordNumber);
        }
        parser.push(text, out);
        yield* split(out);
      }
      const tail: Row[] = [];
      parser.finish(tail);
      hasher.finish();
      yield* split(tail);
    } finally {
      await pending?.catch(() => undefined); // a read ahead still in flight when the reader stops early
      await close();
    }
  }

  return {
    format: 'csv',
    encoding: choice.encoding,
    dialect,
    batches: batches(),
    stats: () => hasher.snapshot(),
    close,
  };
}

function parserOptions(opts: OpenTableOptions, delimiter: string, quoteChar: string): CsvParserOptions {
  const d = opts.dialect ?? {};
  return {
    delimiter,
    quoteChar,
    doubleQuote: d.doubleQuote ?? true,
    escapeChar: d.escapeChar ?? '',
    skipInitialSpace: d.skipInitialSpace ?? false,
    nullSequence: d.nullSequence,
    maxCellChars: opts.maxCellChars ?? LIMITS.cellChars,
    label: basename(opts.path),
  };
}

/** Batches of at most BATCH_ROWS rows; never an empty batch. */
function* split(rows: Row[]): Generator<Row[]> {
  if (rows.length <= BATCH_ROWS * 2) {
    if (rows.length) yield rows;
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH_ROWS) yield rows.slice(i, i + BATCH_ROWS);
}

/** The record number in which text ending at `validText` stops (for an error's position). */
function recordOf(validText: string, popts: CsvParserOptions): number {
  const p = new CsvParser({ ...popts, maxCellChars: Number.MAX_SAFE_INTEGER, maxRecordChars: Number.MAX_SAFE_INTEGER, maxColumns: Number.MAX_SAFE_INTEGER });
  try {
    p.push(validText, []);
  } catch {
    /* best effort: only the count matters */
  }
  return p.nextRecordNumber;
}

function lineTerminatorOf(text: string): string | undefined {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
  return lf >= 0 ? '\n' : undefined;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

function encodingError(name: string, choice: EncodingChoice, f: EncodingFault, row: number): TableSourceError {
  const how = m(choice.declared ? 'source.csv.encoding_declared' : 'source.csv.encoding_detected');
  if (!f.exact) {
    return new TableSourceError('encoding-error', ...notes('source.csv.cannot_decode', { encoding: choice.encoding, offset: f.byteOffset, row, how, name }));
  }
  return new TableSourceError('encoding-error', ...notes('source.csv.invalid_utf8', { bytes: hex(f.bytes), offset: f.byteOffset, row, name, how }));
}

function notText(name: string, first: Buffer): TableSourceError {
  const zip = first[0] === 0x50 && first[1] === 0x4b;
  return new TableSourceError('format-error', ...notes('source.csv.not_text', { name, what: m(zip ? 'source.csv.holds_zip' : 'source.csv.holds_binary') }));
}
