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
