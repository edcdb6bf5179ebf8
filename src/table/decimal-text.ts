/**
 * The decimal fast path shared by the CSV number readers (schema/readers/numeric.ts) and the XLSX sheet
 * scanner (xlsx-scan.ts): a number read by char codes, exact, with no slice and no regular expression.
 */

/** Exact powers of ten (all below 2^53, so each is a double without rounding). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The value of `s[from, to)` in the common decimal form: an optional sign, ASCII digits with at most one
 * `.`, at least one digit and at most 15 in all (no whitespace, `_` or exponent). Both the digits as an
 * integer and the power of ten are exact doubles, so their quotient is the correctly rounded value: the
 * same double as `Number` of that text (Clinger's fast path; `-0` is -0). NaN when the text is not of
 * that form (the caller's general path decides then).
 */
export function plainDecimalAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 17) return NaN;
  const c0 = s.charCodeAt(from);
  const neg = c0 === 45;
  let i = neg || c0 === 43 ? from + 1 : from;
  let v = 0;
  let digits = 0;
  let point = -1;
  for (; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
    } else if (d === -2 && point < 0) point = digits; // '.'
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const frac = point < 0 ? 0 : digits - point;
  const x = frac === 0 ? v : v / (POW10[frac] ?? NaN);
  return neg ? -x : x;
}
