/**
 * integer / number / year / yearmonth readers with frictionless-py's lexical rules: the text is
 * stripped, then parsed as Python's `int()` / `Decimal()` would (so `03`, `+3`, `1_000`, `.5`,
 * `NaN`, `-inf` are valid and `1,000` is not, unless `groupChar` says so). Numbers become JS
 * doubles; integers beyond 2^53 become bigints so keys and bounds stay exact.
 */
import type { Field } from '../types.js';
import { INVALID, PY_INT, pyInt, type Reader } from './common.js';
import { at } from '../../invariant.js';
import { plainDecimalAt } from '../../table/decimal-text.js';

/** fl-py's `bareNumber: false` pattern: drop a leading non-numeric run (keeping `-`) and a trailing one. */
const NOT_BARE = /((^[^-\d]*)|(\D*$))/g;
const PY_DECIMAL = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|s?nan\d*)$/i;

function decimalValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower.includes('nan')) return NaN;
  if (lower.includes('inf')) return text[0] === '-' ? -Infinity : Infinity;
  return Number(text.replace(/_/g, ''));
}

/**
 * The hot path for the common integer text: an optional sign and 1-15 ASCII digits, nothing else (no
 * whitespace, `_` or exponent). Its value, exact (below 2^53) and the same as Number(s) (`-0` is -0), or
 * NaN when the text is not of that form (the general path decides then).
 */
export function plainIntValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 16) return NaN;
  const c0 = s.charCodeAt(0);
  const neg = c0 === 45;
  let i = neg || c0 === 43 ? 1 : 0;
  if (i === n || n - i > 15) return NaN;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** The common decimal text by char codes (see plainDecimalAt): the same double as Number(s), or NaN. */
export function plainDecimalValue(s: string): number {
  return plainDecimalAt(s, 0, s.length);
}

/** Only digits, sign, `.` and exponent letters: Number() then agrees with Python's Decimal (NaN = invalid). */
function plainDecimal(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) return false;
  }
  return true;
}

export function integerReader(field: Field): Reader {
  const bare = field.bareNumber !== false;
  // v2 integer groupChar (fl-py has none): removed before parsing, like number's groupChar
  const group = typeof field.groupChar === 'string' && field.groupChar !== '' ? field.groupChar : undefined;
  const plain = bare && group === undefined;
  return (cell) => {
    if (typeof cell === 'string') {
      if (plain) {
        const v = plainIntValue(cell);
        if (v === v) return v;
      }
      let s = cell.trim();
      if (!bare) s = s.replace(NOT_BARE, '');
      if (group !== undefined) s = s.split(group).join('');
      const v = plainIntValue(s);
      if (v === v) return v;
      return PY_INT.test(s) ? pyInt(s) : INVALID;
    }
    // openpyxl semantics: a numeric cell must be whole (12.5 is a type error); booleans are not numbers
    if (typeof cell === 'number') return Number.isInteger(cell) ? cell : INVALID;
    return INVALID;
  };
}

export function numberReader(field: Field): Reader {
  const bare = field.bareNumber !== false;
  const group = typeof field.groupChar === 'string' ? field.groupChar : '';
  const decimal = typeof field.decimalChar === 'string' && field.decimalChar !== '' ? field.decimalChar : '.';
  // fl-py only pre-processes when one of these options is declared
  const process = field.groupChar !== undefined || field.decimalChar !== undefined || field.bareNumber !== undefined;
  return (cell) => {
    if (typeof cell === 'string') {
      if (!process) {
        const v = plainDecimalValue(cell);
        if (v === v) return v;
      }
      let s = cell.trim();
      if (process) {
        if (!bare) s = s.replace(NOT_BARE, '');
        if (group !== '') s = s.split(group).join('');
        if (decimal !== '.') {
          if (s.includes('.')) return INVALID;
          s = s.split(decimal).join('.');
        }
      }
      if (plainDecimal(s)) {
        const n = Number(s);
        return Number.isNaN(n) ? INVALID : n;
      }
      return PY_DECIMAL.test(s) ? decimalValue(s) : INVALID;
    }
    if (typeof cell === 'number') return cell;
    return INVALID;
  };
}

export function yearReader(): Reader {
  return (cell) => {
    let n: number;
    if (typeof cell === 'string') {
      // fl-py: exactly four characters, then Python int() (so `0999` and even `+123` pass)
      if (cell.length !== 4) return INVALID;
      n = plainIntValue(cell);
      if (n !== n) {
        if (!PY_INT.test(cell)) return INVALID;
        n = Number(cell.trim().replace(/_/g, ''));
      }
    } else if (typeof cell === 'number' && Number.isInteger(cell)) {
      n = cell; // an Excel number cell is fine when whole
    } else return INVALID;
    return n < 0 || n > 9999 ? INVALID : n;
  };
}

export function yearmonthReader(): Reader {
  return (cell) => {
    if (typeof cell === 'string') {
      const parts = cell.split('-');
      if (parts.length !== 2 || !PY_INT.test(at(parts, 0)) || !PY_INT.test(at(parts, 1))) return INVALID;
      const y = Number(at(parts, 0).trim().replace(/_/g, ''));
      const m = Number(at(parts, 1).trim().replace(/_/g, ''));
      if (m < 1 || m > 12 || y < 0) return INVALID;
      return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
    }
    // Excel turns "2021-03" into the date 2021-03-01: accept a first-of-month midnight date
    if (cell instanceof Date && !Number.isNaN(cell.getTime()) && cell.getUTCDate() === 1
      && cell.getUTCHours() + cell.getUTCMinutes() + cell.getUTCSeconds() + cell.getUTCMilliseconds() === 0) {
      const m = cell.getUTCMonth() + 1;
      return `${String(cell.getUTCFullYear()).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`;
    }
    return INVALID;
  };
}
