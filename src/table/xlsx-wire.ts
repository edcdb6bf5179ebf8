/**
 * Batches of sheet rows between the sheet thread and the main thread (xlsx-thread.ts): typed arrays
 * (transferred, not copied) instead of one object per row and cell. A shared string travels as its
 * index: the sheet thread's parser is given `SharedRef` tokens in place of the strings (it never looks
 * into them), and the main thread, which holds the strings, puts them back.
 */
import { CellFault, TableSourceError, type Cell, type Row, type SourceErrorType } from './types.js';

/** Stands for shared string `i` in the sheet thread's parser. */
export class SharedRef {
  constructor(readonly i: number) {}
}

/** `n` tokens, one per shared string, to give the sheet thread's parser as its shared strings table. */
export function sharedRefs(n: number): string[] {
  const refs: SharedRef[] = new Array<SharedRef>(n);
  for (let i = 0; i < n; i++) refs[i] = new SharedRef(i);
  return refs as unknown as string[];
}

export interface WireBatch {
  rowNumbers: Int32Array;
  /** Cells of each row. */
  widths: Int32Array;
  tags: Uint8Array;
  /** The number, the shared string's index, the date's time, or the index in `texts`, by tag. */
  values: Float64Array;
  texts: string[];
}

const NULL = 0;
const NUMBER = 1;
const SHARED = 2;
const TEXT = 3;
const TRUE = 4;
const FALSE = 5;
const DATE = 6;
const EXCEL_ERROR = 7;
const NO_VALUE = 8;

export function encodeBatch(rows: readonly Row[]): WireBatch {
  let cells = 0;
  for (const r of rows) cells += r.cells.length;
  const rowNumbers = new Int32Array(rows.length);
  const widths = new Int32Array(rows.length);
  const tags = new Uint8Array(cells);
  const values = new Float64Array(cells);
  const texts: string[] = [];
  let k = 0;
  for (let j = 0; j < rows.length; j++) {
    const row = rows[j] as Row;
    rowNumbers[j] = row.rowNumber;
    const cs = row.cells;
    widths[j] = cs.length;
    for (let c = 0; c < cs.length; c++, k++) {
      const v: unknown = cs[c];
      if (v === null || v === undefined) tags[k] = NULL;
      else if (typeof v === 'number') {
        tags[k] = NUMBER;
        values[k] = v;
      } else if (v instanceof SharedRef) {
        tags[k] = SHARED;
        values[k] = v.i;
      } else if (typeof v === 'string') {
        tags[k] = TEXT;
        values[k] = texts.push(v) - 1;
      } else if (typeof v === 'boolean') tags[k] = v ? TRUE : FALSE;
      else if (v instanceof Date) {
        tags[k] = DATE;
        values[k] = v.getTime();
      } else if (v instanceof CellFault) {
        tags[k] = v.kind === 'excel-error' ? EXCEL_ERROR : NO_VALUE;
        values[k] = texts.push(v.text) - 1;
      } else throw new Error(`invariant broken: a sheet cell of an unknown kind (${typeof v})`);
    }
  }
  return { rowNumbers, widths, tags, values, texts };
}

/** The buffers to transfer with a batch. */
export function transferList(b: WireBatch): ArrayBuffer[] {
  return [b.rowNumbers.buffer, b.widths.buffer, b.tags.buffer, b.values.buffer] as ArrayBuffer[];
}

export function decodeBatch(b: WireBatch, sharedStrings: readonly string[]): Row[] {
  const { rowNumbers, widths, tags, values, texts } = b;
  const rows: Row[] = new Array<Row>(rowNumbers.length);
  let k = 0;
  for (let j = 0; j < rowNumbers.length; j++) {
    const w = widths[j] as number;
    const cells: Cell[] = [];
    for (let c = 0; c < w; c++, k++) {
      const v = values[k] as number;
      switch (tags[k]) {
        case NUMBER:
          cells.push(v);
          break;
        case SHARED:
          cells.push(sharedStrings[v] as string);
          break;
        case TEXT:
          cells.push(texts[v] as string);
          break;
        case TRUE:
          cells.push(true);
          break;
        case FALSE:
          cells.push(false);
          break;
        case DATE:
          cells.push(new Date(v));
          break;
        case EXCEL_ERROR:
          cells.push(new CellFault('excel-error', texts[v] as string));
          break;
        case NO_VALUE:
          cells.push(new CellFault('formula-without-value', texts[v] as string));
          break;
        default:
          cells.push(null);
      }
    }
    rows[j] = { rowNumber: rowNumbers[j] as number, cells };
  }
  return rows;
}

/** An error thrown on one thread, to be thrown again on the other: a reader error stays one. */
export type WireError = { type: SourceErrorType; note: string; noteId?: string } | { message: string };

export function toWireError(e: unknown): WireError {
  if (e instanceof TableSourceError) return { type: e.type, note: e.note, noteId: e.noteId };
  return { message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}

export function fromWireError(e: WireError): Error {
  return 'type' in e ? new TableSourceError(e.type, e.note, e.noteId) : new Error(`the sheet thread failed: ${e.message}`);
}
