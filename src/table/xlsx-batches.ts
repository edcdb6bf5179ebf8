/**
 * The rows of a sheet part in batches, as the sheet parser emits them from the inflated part's chunks:
 * the loop of the XLSX reader, run on the main thread, or for a large sheet on a thread of its own
 * (xlsx-worker.ts, fed the same chunks by the main thread).
 */
import type { Row } from './types.js';
import type { SheetParser } from './xlsx-sheet.js';
import { refuseDtd, Utf8Chunks } from './xlsx-xml.js';
import { LIMITS } from './limits.js';
import { at } from '../invariant.js';

const BATCH_ROWS = 1024;
/** A batch also ends at this many cells, so 1,024 rows 16,384 wide are not alive at once. */
const BATCH_CELLS = 1 << 20;

/** The inflated part's chunks (`zip.stream`) decoded, a character cut by a chunk's end kept for the next. */
export async function* decodeChunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const dec = new Utf8Chunks();
  for await (const chunk of chunks) yield dec.decode(chunk);
}

/** The sheet part's rows in batches (a batch is never empty), from its decoded chunks (`decodeChunks`). */
export async function* sheetBatches(texts: AsyncIterable<string>, part: string, parser: SheetParser, label: string): AsyncGenerator<Row[]> {
  let pending: Row[] = [];
  let first = true;
  for await (const text of texts) {
    if (first) {
      refuseDtd(text.slice(0, 4096), label, part);
      first = false;
    }
    let more = parser.push(text, pending);
    for (;;) {
      if (pending.length >= BATCH_ROWS || cellsOf(pending) >= BATCH_CELLS) {
        yield* split(pending);
        pending = [];
      }
      if (!more) break;
      more = parser.push('', pending, true);
    }
  }
  parser.finish(pending);
  if (pending.length) yield* split(pending);
}

/** Batches of at most BATCH_ROWS rows and (but for one wide row) BATCH_CELLS cells. */
function* split(rows: Row[]): Generator<Row[]> {
  if (rows.length <= BATCH_ROWS * 2 && cellsOf(rows) <= BATCH_CELLS) {
    yield rows;
    return;
  }
  let start = 0;
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    cells += at(rows, i).cells.length;
    if (i + 1 - start >= BATCH_ROWS || cells >= BATCH_CELLS) {
      yield rows.slice(start, i + 1);
      start = i + 1;
      cells = 0;
    }
  }
  if (start < rows.length) yield rows.slice(start);
}

function cellsOf(rows: readonly Row[]): number {
  let n = 0;
  for (const r of rows) n += r.cells.length;
  return n;
}


const ROW_END = Buffer.from('row>');

/**
 * Rows a sheet part probably holds, from the row ends (`</row>`, any prefix) in its first inflated
 * chunk and the part's declared size, with 10% headroom, at most a sheet's rows; 0 when the chunk holds
 * too few rows to tell. Only a hint to presize the key indexes: a wrong guess costs a regrow or a few
 * idle slots (bounded by a sheet's row limit), never a wrong result.
 */
export function estimateSheetRows(chunk: Buffer, declaredBytes: number): number {
  let rows = 0;
  for (let k = chunk.indexOf(ROW_END); k >= 0; k = chunk.indexOf(ROW_END, k + ROW_END.length)) rows++;
  if (rows < 16) return 0;
  return Math.min(Math.ceil((declaredBytes / (chunk.length / rows)) * 1.1), LIMITS.sheetRows);
}

/** The chunks, the first one shown to `look` on its way. */
export async function* tapFirst<T>(chunks: AsyncIterable<T>, look: (first: T) => void): AsyncGenerator<T> {
  let first = true;
  for await (const c of chunks) {
    if (first) {
      first = false;
      look(c);
    }
    yield c;
  }
}
