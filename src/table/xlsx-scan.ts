/**
 * The byte-level scanning helpers of the XLSX sheet parser's fast path (xlsx-sheet.ts): the plain cell
 * tag, digits and numbers read in place without slicing, with the exact results of the general path;
 * cell references and child elements, shared with the general path.
 */
import { LIMITS } from './limits.js';
import { plainDecimalAt } from './decimal-text.js';
import { mf, type Msg } from '../i18n.js';
export function nameEnds(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

export const T_N = 0; // no t, or t="n"
export const T_S = 1;
export const T_OTHER = 2; // inlineStr, str, e, d, anything else: the general path
export const T_B = 3;

export interface CellTag {
  rStart: number;
  rEnd: number;
  sStart: number;
  sEnd: number;
  t: number;
}

/** `columnAt`: the reference holds something the general path must decode. */
export const NOT_PLAIN = -2;

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Reads a cell start tag at `lt` (`<c` or `<x:c`, `openLen` long; the caller checked its name)
 * in place: its r, s and t attributes into `out`. Returns the index of its `>` (also of `/>`), or -1.
 * Only the plain form is accepted: `name="value"` pairs separated by whitespace (no spaces around
 * `=`, no prefix on a name, each of r, s and t at most once, no `=` or `>` in other values). A value
 * of r, s or t with anything else than letters and digits is refused later (columnAt, digitsAt, a
 * one-letter t). On anything else the general path reads the cell with `attr`, which gives the same
 * result on a plain tag; -1 also when the tag is cut off by the end of the text.
 */
export function readCellTag(s: string, lt: number, openLen: number, out: CellTag): number {
  const gt = s.indexOf('>', lt);
  if (gt < 0) return -1;
  const end = s.charCodeAt(gt - 1) === 47 ? gt - 1 : gt;
  out.rStart = -1;
  out.sStart = -1;
  out.t = T_N;
  let seen = 0; // bits: r 1, s 2, t 4
  let k = lt + openLen;
  if (k > end) return -1;
  for (;;) {
    if (k === end) return gt;
    if (!isSpace(s.charCodeAt(k))) return -1;
    do k++;
    while (k < end && isSpace(s.charCodeAt(k)));
    if (k === end) return gt;
    const nameStart = k;
    for (;;) {
      const c = s.charCodeAt(k);
      if (c === 61 /* = */) break;
      if (c === 58 || isSpace(c) || c === 47 || k >= end) return -1;
      k++;
    }
    const q = s.charCodeAt(k + 1);
    if (k === nameStart || (q !== 34 && q !== 39)) return -1;
    const vStart = k + 2;
    const v = s.indexOf(q === 34 ? '"' : "'", vStart);
    if (v < 0 || v >= end) return -1;
    const name = k - nameStart === 1 ? s.charCodeAt(nameStart) : 0;
    if (name === 114 /* r */) {
      if (seen & 1) return -1;
      seen |= 1;
      out.rStart = vStart;
      out.rEnd = v;
    } else if (name === 115 /* s */) {
      if (seen & 2) return -1;
      seen |= 2;
      out.sStart = vStart;
      out.sEnd = v;
    } else if (name === 116 /* t */) {
      if (seen & 4) return -1;
      seen |= 4;
      const c = v - vStart === 1 ? s.charCodeAt(vStart) : 0;
      out.t = c === 115 ? T_S : c === 110 ? T_N : c === 98 ? T_B : T_OTHER;
    } else {
      for (let j = vStart; j < v; j++) if (s.charCodeAt(j) === 61) return -1;
    }
    k = v + 1;
  }
}

/**
 * The number of a row start tag in its plain form, `<row r="123"` followed by a space, `>` or `/>`
 * (`tRow` is `<row` with the sheet's prefix): what `attr(tag, 'r')` gives for it. -1 for anything else.
 */
export function plainRowNumber(s: string, lt: number, tRow: string): number {
  const k = lt + tRow.length;
  if (s.charCodeAt(k) !== 32 || s.charCodeAt(k + 1) !== 114 || s.charCodeAt(k + 2) !== 61 || s.charCodeAt(k + 3) !== 34) return -1;
  let e = k + 4;
  while (e < k + 20 && s.charCodeAt(e) >= 48 && s.charCodeAt(e) <= 57) e++;
  if (s.charCodeAt(e) !== 34) return -1;
  const c = s.charCodeAt(e + 1);
  if (!(c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13)) return -1;
  return digitsAt(s, k + 4, e);
}

/** The value of `s[from, to)` when it is 1 to 15 ASCII digits, else -1. */
export function digitsAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** `Number(s.slice(from, to))`, without the slice for the common forms (see plainDecimalAt). */
export function numberAt(s: string, from: number, to: number): number {
  const v = plainDecimalAt(s, from, to);
  return v === v ? v : Number(s.slice(from, to));
}

const MAX_COLUMNS = LIMITS.columns; // XFD
const MAX_ROWS = LIMITS.sheetRows;

/** Builds the parser's error for a bad cell reference (the sheet's name and file in front). */
export type Fail = (what: Msg) => Error;

/**
 * `columnOf` on `s[from, to)` without slicing it; NOT_PLAIN when it holds anything but ASCII letters
 * and digits (an entity, say: the general path decodes it first).
 */
export function columnAt(s: string, from: number, to: number, fail: Fail): number {
  let col = 0;
  let k = from;
  for (; k < to; k++) {
    const c = s.charCodeAt(k) | 32;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  for (let j = k; j < to; j++) {
    const d = s.charCodeAt(j);
    if (!(d >= 48 && d <= 57) && !((d | 32) >= 97 && (d | 32) <= 122)) return NOT_PLAIN;
  }
  if (col > MAX_COLUMNS) return columnOf(s.slice(from, to), fail);
  if (k < to) {
    const row = digitsAt(s, k, to);
    if (!(row >= 1 && row <= MAX_ROWS)) return columnOf(s.slice(from, to), fail);
  }
  return col - 1;
}

/** Column index of a ref like `AB12` (validating the row part too), or -1 if it has no letters. */
export function columnOf(ref: string, fail: Fail): number {
  let col = 0;
  let k = 0;
  for (; k < ref.length; k++) {
    const c = ref.charCodeAt(k) | 32; // lower-case letters
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
    if (col > MAX_COLUMNS) {
      throw fail(mf('source.xlsx.sheet.ref_beyond_xfd', { ref: ref.slice(0, 20), max: MAX_COLUMNS }));
    }
  }
  if (k < ref.length) {
    const row = Number(ref.slice(k));
    if (!(row >= 1 && row <= MAX_ROWS)) {
      throw fail(mf('source.xlsx.sheet.ref_outside_rows', { ref: ref.slice(0, 20), max: MAX_ROWS }));
    }
  }
  return col - 1;
}

/** Raw text of the first child element `open...close` between gt and end, '' if self-closed. */
export function childText(s: string, gt: number, end: number, open: string, close: string): string | undefined {
  let k = s.indexOf(open, gt);
  while (k >= 0 && k < end && !nameEnds(s.charCodeAt(k + open.length))) k = s.indexOf(open, k + 1);
  if (k < 0 || k >= end) return undefined;
  const cgt = s.indexOf('>', k);
  if (s.charCodeAt(cgt - 1) === 47) return '';
  const e = s.indexOf(close, cgt);
  return s.slice(cgt + 1, e < 0 || e > end ? end : e);
}

/** A boolean cell's `<v>` text as the general path reads it (`v === '1' || v === 'true'`), undecoded. */
export function booleanAt(s: string, vs: number, ve: number): boolean {
  const len = ve - vs;
  return len === 1 ? s.charCodeAt(vs) === 49 : len === 4 && s.startsWith('true', vs);
}
