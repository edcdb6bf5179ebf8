/** Shared pieces of the per-type readers. */
import type { Cell } from '../../table/types.js';

/** A reader's result when a cell cannot be cast; cast.ts re-exports it as the public `INVALID`. */
export const INVALID: unique symbol = Symbol('invalid');

/** Turns one non-missing cell into its logical value, or INVALID. Built once per field. */
export type Reader = (cell: Cell) => unknown;

/** Python's `int()` on text: surrounding whitespace, a sign, digits with single `_` separators. */
export const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/** Parse text already checked against PY_INT; beyond 2^53 the value becomes a bigint (exact keys). */
export function pyInt(text: string): number | bigint {
  const clean = text.trim().replace(/_/g, '');
  const n = Number(clean);
  return Number.isSafeInteger(n) ? n : BigInt(clean);
}

/**
 * The position of a text among a few strings (-1: none), without hashing the text: a fresh cell's text
 * has no hash yet, and a Set or Map lookup then costs about three times this. A bucket by length and
 * two characters, then `===`. For enums (codes, categories) and boolean values.
 */
export function smallStringIndex(values: readonly string[]): (s: string) => number {
  let mask = 15;
  while (mask + 1 < values.length * 4) mask = mask * 2 + 1;
  // the empty text: NaN char codes, so slot 0 (NaN & mask), where '' itself goes
  const slot = (t: string) => (t.length * 31 + t.charCodeAt(t.length - 1) * 7 + t.charCodeAt(t.length >> 1)) & mask;
  const texts: string[][] = Array.from({ length: mask + 1 }, () => []);
  const positions: number[][] = Array.from({ length: mask + 1 }, () => []);
  values.forEach((v, k) => {
    const b = slot(v);
    if (texts[b]?.includes(v)) return; // the first position of a repeated value
    texts[b]?.push(v);
    positions[b]?.push(k);
  });
  return (t) => {
    const b = slot(t);
    const bucket = texts[b];
    if (bucket === undefined) return -1;
    for (let i = 0; i < bucket.length; i++) if (bucket[i] === t) return positions[b]?.[i] ?? -1;
    return -1;
  };
}
