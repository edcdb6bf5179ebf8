/**
 * A compact signature of every physical row (kept for the whole file, a few numbers each), used to
 * find title, header, blank, footnote, source and total rows after one full pass.
 */
import { CellFault, type Cell, type Row } from '../table/types.js';
import { dateFamily } from './dates.js';
import { KNOWN_MISSING_MARKERS } from './missing.js';
import { numberShape } from './numbers.js';
import { at } from '../invariant.js';

const SOURCE = /^(sumber|source|catatan|note|notes|keterangan|ket|source[ _]?url|access[ _]?time|diakses|url)\s*[:.]/i;
const TOTAL = /^(sub\s*-?\s*total|total|jumlah|grand\s*total|jumlah\s+total|total\s+keseluruhan|jumlah\s+keseluruhan|indonesia)\s*:?$/i;

export const isSourceText = (s: string | undefined): boolean => s !== undefined && SOURCE.test(s);

/** `12/01/18`: a date with a two-digit year (not a date type validators read, but a value, not a label). */
const SHORT_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;

export type Kind = 'e' | 'n' | 't';

const MARKERS = new Set(KNOWN_MISSING_MARKERS);

/** e = empty or a missing marker, n = number/date-like, t = text. */
export function cellKind(cell: Cell): Kind {
  if (cell === null || cell === undefined) return 'e';
  if (typeof cell === 'number' || typeof cell === 'boolean' || cell instanceof Date) return 'n';
  if (cell instanceof CellFault) return 't';
  const s = cell.trim();
  if (s === '' || MARKERS.has(s)) return 'e';
  return numberShape(s) || dateFamily(s) || SHORT_DATE.test(s) ? 'n' : 't';
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

export interface RowSig {
  row: number;
  /** Physical cell count (CSV: cells in the record; XLSX: up to the last cell present). */
  cells: number;
  /** Non-empty cells (missing markers count as empty). */
  n: number;
  /** Number/date-like cells. */
  num: number;
  /** Index of the last non-empty cell, -1 when blank. */
  lastCol: number;
  /** The first cell reads like `Sumber:`/`Catatan:` (decided while reading, so no text is kept). */
  source: boolean;
  /** One of the first two cells is `Jumlah`/`Total`/`INDONESIA` and the row has numbers (or only markers). */
  total: boolean;
  /** Cells holding a missing marker (`-`, `NA`, ...). */
  markers: number;
  /** Up to four (column, text) pairs of text cells, only for rows that are mostly text. */
  texts?: Array<[number, string]>;
}

/** Rows whose texts we remember (bounded, so an all-text file of millions of rows stays small). */
const TEXT_ROWS_CAP = 20000;

export class SigCollector {
  readonly sigs: RowSig[] = [];
  private textRows = 0;

  add(row: Row): void {
    let n = 0, num = 0, lastCol = -1, markers = 0;
    const first: string[] = [];
    let texts: Array<[number, string]> | undefined;
    const cells = row.cells;
    for (let i = 0; i < cells.length; i++) {
      const k = cellKind(at(cells, i));
      if (k === 'e') {
        if (typeof cells[i] === 'string' && (cells[i] as string).trim() !== '') markers++;
        continue;
      }
      n++;
      lastCol = i;
      if (k === 'n') num++;
      if (first.length < 2) first.push(cellText(at(cells, i)).slice(0, 200));
    }
    if (n > 0 && num * 2 <= n && this.textRows < TEXT_ROWS_CAP) {
      this.textRows++;
      texts = [];
      for (let i = 0; i < cells.length && texts.length < 4; i++) {
        if (cellKind(at(cells, i)) !== 'e') texts.push([i, cellText(at(cells, i)).slice(0, 80)]);
      }
    }
    const sig: RowSig = { row: row.rowNumber, cells: cells.length, n, num, lastCol, source: isSourceText(first[0]), total: (num > 0 || markers > 0) && first.some((t) => TOTAL.test(t)), markers };
    if (texts) sig.texts = texts;
    this.sigs.push(sig);
  }
}
