import { at } from '../../invariant.js';
/**
 * A small compiler for Python `strptime` patterns, so `"format": "%d/%m/%Y"` behaves as in
 * frictionless-py (which calls `datetime.strptime`). The regexes per directive are CPython's
 * `_strptime` ones: that is why `5/3/2021` matches `%d/%m/%Y` (non-padded numbers are allowed),
 * matching is case-insensitive, a run of whitespace in the pattern matches `\s+`, and the whole
 * value must be consumed. Month and day names are the C-locale (English) ones, as in fl-py.
 */

export interface DateParts {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; micro: number;
  /** UTC offset in minutes, or null for a naive value. */
  offset: number | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const DIRECTIVES: Record<string, string> = {
  d: '3[01]|[12]\\d|0[1-9]|[1-9]| [1-9]',
  f: '[0-9]{1,6}',
  H: '2[0-3]|[0-1]\\d|\\d',
  I: '1[0-2]|0[1-9]|[1-9]',
  j: '36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]',
  m: '1[0-2]|0[1-9]|[1-9]',
  M: '[0-5]\\d|\\d',
  S: '6[01]|[0-5]\\d|\\d',
  y: '\\d\\d',
  Y: '\\d\\d\\d\\d',
  z: '[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z',
  p: 'am|pm',
  B: MONTHS.join('|'),
  b: MONTHS.map((m) => m.slice(0, 3)).join('|'),
  A: DAYS.join('|'),
  a: DAYS.map((d) => d.slice(0, 3)).join('|'),
};

export class StrptimeError extends Error {}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Compile a strptime pattern into a parser returning the parts, or null when the value does not
 * match or names an impossible date. Throws StrptimeError for a bad directive (fl-py would fail
 * every cell; the descriptor check reports it once instead).
 */
export function compileStrptime(format: string): (text: string) => DateParts | null {
  const order: string[] = [];
  let source = '';
  for (let i = 0; i < format.length; i++) {
    const ch = at(format, i);
    if (ch === '%') {
      const d = format[++i];
      if (d === '%') { source += '%'; continue; }
      if (d === undefined || !(d in DIRECTIVES)) throw new StrptimeError(`bad directive "%${d ?? ''}" in "${format}"`);
      if (order.includes(d)) throw new StrptimeError(`directive "%${d}" is repeated in "${format}"`);
      order.push(d);
      source += `(${DIRECTIVES[d]})`;
    } else if (/\s/.test(ch)) {
      while (i + 1 < format.length && /\s/.test(at(format, i + 1))) i++;
      source += '\\s+';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  const re = new RegExp(`^(?:${source})$`, 'i');
  return (text: string): DateParts | null => {
    const m = re.exec(text);
    if (m === null) return null;
    let year = 1900, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0;
    let offset: number | null = null, hour12 = -1, pm = -1, julian = -1;
    for (let k = 0; k < order.length; k++) {
      const v = at(m, k + 1);
      switch (order[k]) {
        case 'Y': year = +v; break;
        case 'y': { const n = +v; year = n <= 68 ? 2000 + n : 1900 + n; break; }
        case 'm': month = +v; break;
        case 'd': day = +v; break;
        case 'H': hour = +v; break;
        case 'I': hour12 = +v; break;
        case 'p': pm = v.toLowerCase() === 'pm' ? 1 : 0; break;
        case 'M': minute = +v; break;
        case 'S': second = +v; break;
        case 'f': micro = +(v + '000000').slice(0, 6); break;
        case 'j': julian = +v; break;
        case 'B': month = MONTHS.indexOf(v.toLowerCase()) + 1; break;
        case 'b': month = MONTHS.findIndex((x) => x.startsWith(v.toLowerCase())) + 1; break;
        case 'z': offset = parseOffset(v); break;
        default: break; // %a/%A are parsed but, as in Python, not checked against the date
      }
    }
    if (hour12 >= 0) hour = pm === 1 ? (hour12 % 12) + 12 : hour12 % 12;
    if (second > 59) return null; // Python's datetime() refuses the leap seconds strptime lets through
    if (julian >= 0) {
      const leap = daysInMonth(year, 2) === 29;
      if (julian > (leap ? 366 : 365)) {
        // CPython computes the date by ordinal, so day 366 of a common year is Jan 1 of the next.
        year += 1; julian -= leap ? 366 : 365;
      }
      month = 1;
      while (julian > daysInMonth(year, month)) { julian -= daysInMonth(year, month); month++; }
      day = julian;
    }
    if (day > daysInMonth(year, month)) return null;
    return { year, month, day, hour, minute, second, micro, offset };
  };
}

/** `+07:00`, `+0700`, `+07`, `Z` (and seconds, ignored beyond the minute) → minutes east of UTC. */
export function parseOffset(v: string): number {
  if (v === 'Z' || v === 'z') return 0;
  const sign = v[0] === '-' ? -1 : 1;
  const digits = v.slice(1).replace(/:/g, '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
