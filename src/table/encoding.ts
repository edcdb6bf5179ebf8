/**
 * Choosing and applying a CSV file's text encoding without reading the whole file:
 * a declared encoding wins (a BOM is still stripped); otherwise a BOM decides; otherwise the first
 * chunk is checked as UTF-8 and, if it is not valid, the file is taken as Windows-1252 (Latin-1 is
 * a subset; this is what Excel on Indonesian Windows writes for "CSV (Comma delimited)").
 */
import { isUtf8 } from 'node:buffer';
import { at } from '../invariant.js';

export interface EncodingChoice {
  /** WHATWG label used for decoding (`utf-8`, `windows-1252`, `utf-16le`, ...). */
  encoding: string;
  /** Bytes of byte-order mark to skip at the start of the file. */
  bomLength: number;
  /** True when the encoding was declared rather than detected. */
  declared: boolean;
}

const LATIN = new Set(['latin1', 'latin-1', 'iso-8859-1', 'iso8859-1', 'l1', 'cp1252', 'windows-1252', 'cp819']);

/** Map the many spellings users write (Python codec names included) to a WHATWG label. */
export function normalizeEncoding(label: string): string {
  const l = label.trim().toLowerCase().replace(/_/g, '-');
  if (l === 'utf8' || l === 'utf-8' || l === 'utf-8-sig' || l === 'ascii' || l === 'us-ascii') return 'utf-8';
  if (LATIN.has(l)) return 'windows-1252';
  if (l === 'utf-16-le' || l === 'utf16le') return 'utf-16le';
  if (l === 'utf-16-be' || l === 'utf16be') return 'utf-16be';
  if (l === 'utf-16' || l === 'utf16') return 'utf-16le';
  return l;
}

/** The BOM at the start of `buf`, if any. */
export function detectBom(buf: Uint8Array): { encoding: string; length: number } | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM: text whose every other byte is NUL (ASCII range). */
function sniffUtf16(buf: Uint8Array): string | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.7 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.7 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/**
 * True for content that is not text: NUL bytes, or more than 10% control characters, in the
 * first 64 KiB. Catches images, PDFs, zips and old .xls files given as CSV.
 */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = at(buf, i);
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Length of the prefix of `buf` that ends on a UTF-8 character boundary (drops a cut-off sequence). */
export function utf8CompleteLength(buf: Uint8Array, end = buf.length): number {
  // Walk back over at most 3 continuation bytes to the lead byte of the last sequence.
  let i = end - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (at(buf, i) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return end;
  const lead = at(buf, i);
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - i >= need ? end : i;
}

/** Offset and length of the first invalid UTF-8 sequence in `buf`, or undefined if all valid. */
export function findInvalidUtf8(buf: Uint8Array): { offset: number; length: number } | undefined {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = at(buf, i);
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return { offset: i, length: 1 };
    if (i + need >= n) return { offset: i, length: n - i }; // cut off at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = at(buf, i + k);
      if ((c & 0xc0) !== 0x80) return { offset: i, length: k };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { offset: i, length: need + 1 };
    i += need + 1;
  }
  return undefined;
}

/**
 * Decide the encoding from the declared label and the first chunk of the file.
 * `atEof` tells whether `first` is the whole file (a cut-off last character is then invalid).
 */
export function chooseEncoding(first: Uint8Array, declared: string | undefined, atEof: boolean): EncodingChoice {
  const bom = detectBom(first);
  if (declared) {
    const enc = normalizeEncoding(declared);
    // Frictionless switches to utf-8-sig on a UTF-8 BOM, even when utf-8 was declared.
    const bomLength = bom && (bom.encoding === enc || bom.encoding === 'utf-8') ? bom.length : 0;
    return { encoding: bomLength && bom ? bom.encoding : enc, bomLength, declared: true };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, declared: false };
  const utf16 = sniffUtf16(first);
  if (utf16) return { encoding: utf16, bomLength: 0, declared: false };
  const end = atEof ? first.length : utf8CompleteLength(first);
  const valid = isUtf8(first.subarray(0, end));
  return { encoding: valid ? 'utf-8' : 'windows-1252', bomLength: 0, declared: false };
}
