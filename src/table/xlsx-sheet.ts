/**
 * Streaming parser of one worksheet part (`xl/worksheets/sheetN.xml`) into physical rows.
 * It scans tags with `indexOf` (no DOM, no general XML parser): `<row>` opens a row (rows missing
 * between present rows are emitted empty, so row numbers stay the sheet's own), each complete
 * `<c>` element becomes one cell placed by its `r` column, `<mergeCell>` refs are collected.
 * A construct cut by the end of a chunk is kept and re-scanned with the next chunk.
 */
import { LIMITS } from './limits.js';
import { CellFault, TableSourceError, type Cell, type Row } from './types.js';
import { serialToDate } from './xlsx-dates.js';
import { HOLD_FROM, itemText, maxItemXmlChars } from './xlsx-parts.js';
import { attr, decodeXml, refuseDtdIn, rootPrefix } from './xlsx-xml.js';
import { m, mf, notes, type Msg } from '../i18n.js';
import { childText, columnAt, columnOf, nameEnds, T_B, T_N, T_S, T_OTHER, NOT_PLAIN, plainRowNumber, readCellTag, booleanAt, digitsAt, numberAt, type CellTag } from './xlsx-scan.js';

const { columns: MAX_COLUMNS, sheetRows: MAX_ROWS } = LIMITS; // XFD, 1,048,576
/** Cells one `push` emits before it returns to let them be consumed. */
const STEP_CELLS = 1 << 20;

export interface SheetContext {
  label: string;
  sheet: string;
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
  maxCellChars: number;
  /** Read every cell and row tag by the general path (the differential test compares it with the fast one). */
  generalOnly?: boolean;
}

export class SheetParser {
  private buf = '';
  private held: string[] = [];
  private heldChars = 0;
  private p: string | undefined;
  private tC = '';
  private tCClose = '';
  private tRow = '';
  private tRowClose = '';
  private tV = '';
  private tVOpen = '';
  private tVClose = '';
  private tF = '';
  private tFClose = '';
  private tIs = '';
  private tIsClose = '';
  private tMerge = '';
  private cur: Cell[] | null = null;
  private curRow = 0;
  private lastEmitted = 0;
  private lastCol = -1;
  /** Cells emitted so far (rows × their width), against LIMITS.sheetCells. */
  private cells = 0;
  /** Rows emitted so far, gaps included. */
  private rows = 0;
  /** Cells emitted by the current `push`. */
  private stepCells = 0;
  private readonly shared = new Map<string, string>();
  readonly merges: string[] = [];
  /** Attributes of the cell tag being read (reused: no allocation per cell). */
  private readonly tag: CellTag = { rStart: -1, rEnd: -1, sStart: -1, sEnd: -1, t: T_N };

  constructor(private readonly ctx: SheetContext) {}

  /**
   * Scan more of the part; complete rows are appended to `out`. Returns true when it stopped early,
   * after STEP_CELLS cells, so the caller can hand those rows on and call `push('', out, true)` again
   * (64 KiB of `<c r="XFD9"><v>1</v></c>` rows would otherwise be 200 MB of cells at once).
   */
  push(text: string, out: Row[], flush = false): boolean {
    if (this.buf.length >= HOLD_FROM || this.heldChars) {
      // A long construct is pending: re-scan it only once the text after it has doubled.
      this.held.push(text);
      this.heldChars += text.length;
      if (!flush && this.heldChars < this.buf.length && this.buf.length + this.heldChars <= maxItemXmlChars(this.ctx.maxCellChars)) return false;
      text = this.held.join('');
      this.held = [];
      this.heldChars = 0;
    }
    // Joined, not concatenated: a flat string (a cons string makes every charCodeAt slower).
    const s = this.buf.length ? [this.buf, text].join('') : text;
    if (this.p === undefined) {
      const p = rootPrefix(s, 'worksheet');
      if (p === undefined) {
        refuseDtdIn(s, 0, s.length, this.ctx);
        this.buf = s;
        if (s.length > 1 << 20) throw this.error(m('source.xlsx.sheet.no_worksheet'));
        return false;
      }
      this.setPrefix(p);
    }
    const n = s.length;
    let i = 0;
    let more = false;
    this.stepCells = 0;
    for (;;) {
      const lt = i < n && s.charCodeAt(i) === 60 ? i : s.indexOf('<', i);
      if (lt < 0) {
        i = n;
        break;
      }
      const fast = this.ctx.generalOnly ? -1 : this.cellFast(s, lt);
      if (fast > 0) {
        i = fast;
        continue;
      }
      const c1 = lt + 1 < n ? s.charCodeAt(lt + 1) : -1;
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const close = s.startsWith('<!--', lt) ? '-->' : s.startsWith('<![CDATA[', lt) ? ']]>' : c1 === 63 ? '?>' : '';
        if (!close) {
          if (lt + 9 >= n) {
            i = lt;
            break;
          }
          refuseDtdIn(s, lt, n, this.ctx);
          i = lt + 2;
          continue;
        }
        const e = s.indexOf(close, lt + 2);
        if (e < 0) {
          i = lt;
          break;
        }
        i = e + close.length;
        continue;
      }
      const gt = s.indexOf('>', lt);
      if (gt < 0) {
        i = lt;
        break;
      }
      if (s.startsWith(this.tC, lt) && nameEnds(s.charCodeAt(lt + this.tC.length))) {
        const selfClose = s.charCodeAt(gt - 1) === 47;
        let contentEnd = gt;
        let next = gt + 1;
        if (!selfClose) {
          contentEnd = s.indexOf(this.tCClose, gt);
          if (contentEnd < 0) {
            i = lt;
            break;
          }
          next = contentEnd + this.tCClose.length;
        }
        this.cell(s, lt, gt, contentEnd, selfClose);
        i = next;
        continue;
      }
      if (s.startsWith(this.tRow, lt) && nameEnds(s.charCodeAt(lt + this.tRow.length))) {
        const rn = this.ctx.generalOnly ? -1 : plainRowNumber(s, lt, this.tRow);
        if (rn >= 1 && rn <= MAX_ROWS) this.openRowAt(rn, s.charCodeAt(gt - 1) === 47, out);
        else this.openRow(s.slice(lt, gt + 1), out);
      } else if (s.startsWith(this.tRowClose, lt)) {
        this.closeRow(out);
        if (this.stepCells >= STEP_CELLS) {
          i = gt + 1;
          more = true;
          break;
        }
      } else if (s.startsWith(this.tMerge, lt) && nameEnds(s.charCodeAt(lt + this.tMerge.length))) {
        const ref = attr(s.slice(lt, gt + 1), 'ref');
        if (ref) this.merges.push(ref);
      }
      i = gt + 1;
    }
    this.buf = i < n ? s.slice(i) : '';
    if (more) return true;
    if (this.buf.length > maxItemXmlChars(this.ctx.maxCellChars)) {
      throw this.error(mf('source.xlsx.sheet.cell_too_large', { row: this.curRow, max: this.ctx.maxCellChars }));
    }
    return false;
  }

  /** End of the part: a row left open by a truncated part is still emitted. */
  finish(out: Row[]): void {
    if (this.heldChars || this.buf) while (this.push('', out, true));
    if (this.cur) this.closeRow(out);
    this.buf = '';
  }

  private setPrefix(p: string): void {
    this.p = p;
    this.tC = `<${p}c`;
    this.tCClose = `</${p}c>`;
    this.tRow = `<${p}row`;
    this.tRowClose = `</${p}row>`;
    this.tV = `<${p}v`;
    this.tVOpen = `<${p}v>`;
    this.tVClose = `</${p}v>`;
    this.tF = `<${p}f`;
    this.tFClose = `</${p}f>`;
    this.tIs = `<${p}is`;
    this.tIsClose = `</${p}is>`;
    this.tMerge = `<${p}mergeCell`;
  }

  private openRow(tag: string, out: Row[]): void {
    if (this.cur) this.closeRow(out);
    const r = attr(tag, 'r');
    const rn = r === undefined ? Math.max(this.curRow, this.lastEmitted) + 1 : Number(r);
    if (!Number.isInteger(rn) || rn < 1 || rn > MAX_ROWS) throw this.error(mf('source.xlsx.sheet.row_out_of_range', { row: r, max: MAX_ROWS }));
    this.openRowAt(rn, tag.charCodeAt(tag.length - 2) === 47, out);
  }

  /** Row `rn` (valid) opens, or is empty when its tag is self-closed. */
  private openRowAt(rn: number, selfClosed: boolean, out: Row[]): void {
    if (this.cur) this.closeRow(out);
    // Rows absent from the XML are empty rows of the sheet: emit them so numbering stays the sheet's.
    for (let k = this.lastEmitted + 1; k < rn; k++) this.emit(out, { rowNumber: k, cells: [] });
    this.curRow = rn;
    this.lastCol = -1;
    if (selfClosed) {
      this.emit(out, { rowNumber: rn, cells: [] });
      this.lastEmitted = Math.max(this.lastEmitted, rn);
    } else {
      this.cur = [];
    }
  }

  private closeRow(out: Row[]): void {
    if (!this.cur) return;
    this.cells += this.cur.length;
    this.stepCells += this.cur.length;
    if (this.cells > LIMITS.sheetCells) {
      throw new TableSourceError('format-error', ...notes('source.xlsx.sheet_too_large', { label: this.ctx.label, sheet: this.ctx.sheet, row: this.curRow, max: LIMITS.sheetCells }));
    }
    this.emit(out, { rowNumber: this.curRow, cells: this.cur });
    this.lastEmitted = Math.max(this.lastEmitted, this.curRow);
    this.cur = null;
  }

  /** A sheet holds at most MAX_ROWS rows: more (a row number repeated) is a malformed sheet. */
  private emit(out: Row[], row: Row): void {
    if (++this.rows > MAX_ROWS) throw this.error(mf('source.xlsx.sheet.too_many_rows', { max: MAX_ROWS }));
    out[out.length] = row; // not push: see CsvParser.parse (an inlined push deoptimised on a fresh [])
  }

  /**
   * The common cell, read in place (no tag slicing, no attribute lookups, no `Number` of a slice for
   * integers): a plain tag (see `readCellTag`) that is self-closed or holds just `<v>…</v>` with a
   * shared-string index or a number. Returns the index after the cell, or -1, having changed nothing,
   * when the general path must read it (any other form, or the cell is cut by the end of the text).
   */
  private cellFast(s: string, lt: number): number {
    const open = this.tC.length;
    // No charCodeAt past the end of `s` (a cut cell is the general path's): each such site deoptimised
    // this function once per thread (~400 ms of TurboFan recompiles on the 100,000-row bench).
    const n = s.length;
    if (lt + open >= n) return -1;
    if (!(this.p === '' ? s.charCodeAt(lt + 1) === 99 : s.startsWith(this.tC, lt)) || !nameEnds(s.charCodeAt(lt + open))) return -1;
    const a = this.tag;
    const gt = readCellTag(s, lt, open, a);
    if (gt < 0) return -1;
    const selfClose = s.charCodeAt(gt - 1) === 47;
    let value: Cell = null;
    let next = gt + 1;
    if (!selfClose) {
      if (!this.cur || a.t === T_OTHER) return -1;
      const plain = this.p === '';
      if (gt + 3 >= n) return -1;
      // `<v>`
      if (plain ? s.charCodeAt(gt + 1) !== 60 || s.charCodeAt(gt + 2) !== 118 || s.charCodeAt(gt + 3) !== 62 : !s.startsWith(this.tVOpen, gt + 1)) return -1;
      const vs = gt + 1 + this.tVOpen.length;
      const ve = s.indexOf('<', vs);
      // `</v></c>`
      if (ve <= vs) return -1; // cut off, or `<v></v>` (the general path: a formula, or empty)
      if (plain) {
        if (ve + 7 >= n) return -1;
        if (s.charCodeAt(ve + 1) !== 47 || s.charCodeAt(ve + 2) !== 118 || s.charCodeAt(ve + 3) !== 62) return -1;
        if (s.charCodeAt(ve + 4) !== 60 || s.charCodeAt(ve + 5) !== 47 || s.charCodeAt(ve + 6) !== 99 || s.charCodeAt(ve + 7) !== 62) return -1;
        next = ve + 8;
      } else {
        if (!s.startsWith(this.tVClose, ve) || !s.startsWith(this.tCClose, ve + this.tVClose.length)) return -1;
        next = ve + this.tVClose.length + this.tCClose.length;
      }
      if (a.t === T_S) {
        const idx = digitsAt(s, vs, ve);
        value = idx >= 0 ? (this.ctx.sharedStrings[idx] ?? null) : null;
        if (value === null) return -1;
      } else if (a.t === T_B) {
        value = booleanAt(s, vs, ve);
      } else {
        const num = numberAt(s, vs, ve);
        if (Number.isNaN(num)) return -1;
        value = num;
        if (a.sStart >= 0) {
          const st = digitsAt(s, a.sStart, a.sEnd);
          if (st < 0) return -1;
          if (this.ctx.dateStyles[st] === true) value = serialToDate(num, this.ctx.date1904);
        }
      }
    }
    let col = this.lastCol + 1;
    if (a.rStart >= 0) {
      col = columnAt(s, a.rStart, a.rEnd, this.fail);
      if (col === NOT_PLAIN) return -1;
      if (col < 0) col = this.lastCol + 1;
    }
    if (col >= MAX_COLUMNS) {
      throw this.error(mf('source.xlsx.sheet.cell_beyond_xfd', { row: this.curRow, max: MAX_COLUMNS }));
    }
    this.lastCol = col;
    const cur = this.cur;
    if (value === null || !cur) return next;
    while (cur.length < col) cur[cur.length] = null;
    cur[col] = value;
    return next;
  }

  /** The general path: attributes looked up one by one (prefixed, entity-escaped, odd spacing ...). */
  private cell(s: string, lt: number, gt: number, contentEnd: number, selfClose: boolean): void {
    const tag = s.slice(lt, gt + 1);
    const r = attr(tag, 'r');
    let col = r === undefined ? this.lastCol + 1 : columnOf(r, this.fail);
    if (col < 0) col = this.lastCol + 1;
    if (col >= MAX_COLUMNS) {
      throw this.error(mf('source.xlsx.sheet.cell_beyond_xfd', { row: this.curRow, max: MAX_COLUMNS }));
    }
    this.lastCol = col;
    const cur = this.cur;
    if (selfClose || !cur) return;
    const value = this.value(s, tag, gt, contentEnd);
    if (value === null) return;
    while (cur.length < col) cur[cur.length] = null;
    cur[col] = value;
  }

  private value(s: string, tag: string, gt: number, end: number): Cell {
    const t = attr(tag, 't');
    if (t === 'inlineStr') {
      const is = childText(s, gt, end, this.tIs, this.tIsClose);
      if (is !== undefined) return this.checkLen(itemText(is, this.p ?? ''));
    }
    const v = childText(s, gt, end, this.tV, this.tVClose);
    if (v === undefined || (v === '' && t !== 'str' && t !== 's')) return this.formulaOnly(s, gt, end);
    switch (t) {
      case 's': {
        const idx = Number(v);
        const str = this.ctx.sharedStrings[idx];
        if (str === undefined || !Number.isInteger(idx)) {
          throw this.error(mf('source.xlsx.sheet.shared_string_out_of_range', { row: this.curRow, index: v.slice(0, 20), count: this.ctx.sharedStrings.length }));
        }
        return str;
      }
      case 'str':
        return this.checkLen(decodeXml(v));
      case 'b':
        return v === '1' || v === 'true';
      case 'e':
        return new CellFault('excel-error', decodeXml(v));
      case 'd': {
        const iso = decodeXml(v);
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
        return Number.isNaN(d.getTime()) ? iso : d;
      }
      default: {
        const num = Number(v);
        if (Number.isNaN(num)) return this.checkLen(decodeXml(v));
        const st = attr(tag, 's');
        if (st !== undefined && this.ctx.dateStyles[Number(st)] === true) return serialToDate(num, this.ctx.date1904);
        return num;
      }
    }
  }

  /** A cell without a cached value: a formula never calculated, or just an empty styled cell. */
  private formulaOnly(s: string, gt: number, end: number): Cell {
    const k = s.indexOf(this.tF, gt);
    if (k < 0 || k >= end) return null;
    const fgt = s.indexOf('>', k);
    const ftag = s.slice(k, fgt + 1);
    const si = attr(ftag, 'si');
    let text = '';
    if (s.charCodeAt(fgt - 1) !== 47) {
      const fe = s.indexOf(this.tFClose, fgt);
      text = decodeXml(s.slice(fgt + 1, fe < 0 || fe > end ? end : fe));
    }
    if (si !== undefined) {
      if (text) this.shared.set(si, text);
      else text = this.shared.get(si) ?? '';
    }
    return new CellFault('formula-without-value', text);
  }

  private checkLen(v: string): string {
    if (v.length > this.ctx.maxCellChars) {
      throw this.error(mf('source.xlsx.sheet.cell_too_large', { row: this.curRow, max: this.ctx.maxCellChars }));
    }
    return v;
  }

  private readonly fail = (what: Msg): TableSourceError => this.error(what);

  private error(what: Msg): TableSourceError {
    return new TableSourceError('format-error', ...notes('source.xlsx.sheet_invalid', { label: this.ctx.label, sheet: this.ctx.sheet, what }));
  }
}
