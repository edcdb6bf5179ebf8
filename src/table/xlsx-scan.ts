/**
 * The byte-level scanning helpers of the XLSX sheet parser's fast path (xlsx-sheet.ts): the plain cell
 * tag, digits and numbers read in place without slicing, with the exact results of the general path.
 */
export function nameEnds(c: number): boolean {
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

export const T_N = 0; // no t, or t="n"
export const T_S = 1;
export const T_OTHER = 2; // inlineStr, str, b, e, d, anything else: the general path

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
      out.t = c === 115 ? T_S : c === 110 ? T_N : T_OTHER;
    } else {
      for (let j = vStart; j < v; j++) if (s.charCodeAt(j) === 61) return -1;
    }
    k = v + 1;
  }
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

export const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `Number(s.slice(from, to))` without the slice for the common forms, `-?digits(.digits)?` with at most
 * 15 digits: the digits are an exact integer and 10^k is exact, so one division is correctly rounded,
 * the same double `Number` gives. Anything else goes to `Number`.
 */
export function numberAt(s: string, from: number, to: number): number {
  let k = from;
  const neg = s.charCodeAt(k) === 45;
  if (neg) k++;
  let n = 0;
  let digits = 0;
  let dot = -1;
  for (; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else if (c === 46 && dot < 0) dot = k;
    else return Number(s.slice(from, to));
  }
  if (digits === 0 || digits > 15 || dot === to - 1) return Number(s.slice(from, to));
  const v = dot < 0 ? n : n / (POW10[to - 1 - dot] ?? 10 ** (to - 1 - dot));
  return neg ? -v : v;
}
