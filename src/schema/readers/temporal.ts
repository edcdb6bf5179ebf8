/**
 * date / time / datetime readers. Logical values are canonical ISO strings (`2021-03-05`,
 * `10:00:00`, `2021-03-05T10:00:00.500000Z`): they compare and key cheaply, and equal instants
 * give equal text because zoned values are normalised to UTC (`Z`), as Python compares aware times.
 * Lexical rules follow frictionless-py: `default` = strptime `%Y-%m-%d` for dates, dateutil
 * `isoparse` (guarded by fl-py's length checks) for times and datetimes.
 */
import { compileStrptime, daysInMonth, parseOffset, type DateParts } from './strptime.js';
import { INVALID, type Reader } from './common.js';
import { at } from '../../invariant.js';

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function isoDate(y: number, m: number, d: number): string {
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

function isoTime(h: number, mi: number, s: number, micro: number): string {
  return `${pad2(h)}:${pad2(mi)}:${pad2(s)}` + (micro ? '.' + String(micro).padStart(6, '0') : '');
}

/** Render parts as a datetime (or, with `timeOnly`, a time); zoned values are shifted to UTC. */
function render(p: DateParts, kind: 'datetime' | 'time'): string {
  let { year, month, day, hour, minute } = p;
  if (p.offset !== null && p.offset !== 0) {
    const ms = Date.UTC(year, month - 1, day, hour, minute) - p.offset * 60000;
    const t = new Date(ms);
    year = t.getUTCFullYear(); month = t.getUTCMonth() + 1; day = t.getUTCDate();
    hour = t.getUTCHours(); minute = t.getUTCMinutes();
  }
  const time = isoTime(hour, minute, p.second, p.micro) + (p.offset === null ? '' : 'Z');
  return kind === 'time' ? time : `${isoDate(year, month, day)}T${time}`;
}

const DEFAULT_DATE = compileStrptime('%Y-%m-%d');
const ISO_TIME = /^(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?([Zz]|[+-]\d\d(?::?\d\d)?)?$/;
const ISO_DATETIME = /^(\d{4})-(\d\d)-(\d\d).(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?([Zz]|[+-]\d\d(?::?\d\d)?)?$/;

/** dateutil's isoparse semantics for the time part: 24:00:00 is midnight of the next day. */
function isoParts(y: number, mo: number, d: number, m: RegExpExecArray, from: number): DateParts | null {
  let hour = +at(m, from);
  const minute = +at(m, from + 1), second = +at(m, from + 2);
  const fraction = m[from + 3];
  const micro = fraction ? +(fraction + '000000').slice(0, 6) : 0;
  if (minute > 59 || second > 59) return null;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  if (hour === 24) {
    if (minute || second || micro) return null;
    hour = 0;
    const next = new Date(Date.UTC(y, mo - 1, d + 1));
    y = next.getUTCFullYear(); mo = next.getUTCMonth() + 1; d = next.getUTCDate();
  } else if (hour > 23) return null;
  const zone = m[from + 4];
  const offset = zone ? parseOffset(zone) : null;
  return { year: y, month: mo, day: d, hour, minute, second, micro, offset };
}

/** A lenient parser for format `any` (dateutil `parse` stand-in): ISO forms, M/D/Y and `5 March 2021`. */
const ANY_FORMATS = [
  '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M', '%Y-%m-%d',
  '%Y/%m/%d', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%Y %H:%M', '%m-%d-%Y', '%m.%d.%Y',
  '%d %B %Y', '%d %b %Y', '%B %d %Y', '%b %d %Y', '%B %d, %Y', '%b %d, %Y', '%Y%m%d',
  '%H:%M:%S', '%H:%M', '%I:%M %p', '%I:%M:%S %p', '%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z',
].map(compileStrptime);

function parseAny(text: string): DateParts | null {
  const t = text.trim();
  const iso = ISO_DATETIME.exec(t);
  if (iso) return isoParts(+at(iso, 1), +at(iso, 2), +at(iso, 3), iso, 4);
  for (const p of ANY_FORMATS) {
    const r = p(t);
    if (r) return r;
  }
  return null;
}

/** Native `Date` cells are UTC wall-clock values from the workbook (no zone). */
function dateParts(c: Date): DateParts | null {
  if (Number.isNaN(c.getTime())) return null;
  return {
    year: c.getUTCFullYear(), month: c.getUTCMonth() + 1, day: c.getUTCDate(), hour: c.getUTCHours(),
    minute: c.getUTCMinutes(), second: c.getUTCSeconds(), micro: c.getUTCMilliseconds() * 1000, offset: null,
  };
}

function patternParser(format: string): (s: string) => DateParts | null {
  if (format === 'any') return parseAny;
  try {
    return compileStrptime(format);
  } catch {
    return () => null; // a bad pattern fails every cell, as in fl-py; the descriptor check names it
  }
}

/** Digit at `i` (char code 48..57) as a number, or -1. */
function dig(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Hot path for the canonical `YYYY-MM-DD` text: validated by char codes, and the cell itself is
 * already the logical value (no allocation). Other forms go through the strptime parser.
 */
function fastIsoDate(s: string, at: number): boolean {
  const y0 = dig(s, at), y1 = dig(s, at + 1), y2 = dig(s, at + 2), y3 = dig(s, at + 3);
  const m0 = dig(s, at + 5), m1 = dig(s, at + 6), d0 = dig(s, at + 8), d1 = dig(s, at + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return false;
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3, m = m0 * 10 + m1, d = d0 * 10 + d1;
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Hot path for `hh:mm:ss` at `at` (no fraction, no zone): ranges checked by char codes. */
function fastIsoTime(s: string, at: number): boolean {
  const h0 = dig(s, at), h1 = dig(s, at + 1), i0 = dig(s, at + 3), i1 = dig(s, at + 4), s0 = dig(s, at + 6), s1 = dig(s, at + 7);
  if ((h0 | h1 | i0 | i1 | s0 | s1) < 0 || s.charCodeAt(at + 2) !== 58 || s.charCodeAt(at + 5) !== 58) return false;
  return h0 * 10 + h1 <= 23 && i0 <= 5 && s0 <= 5;
}

export function dateReader(format: string): Reader {
  const parse = format === 'default' ? DEFAULT_DATE : patternParser(format);
  const fast = format === 'default';
  return (cell) => {
    if (typeof cell === 'string') {
      if (fast && cell.length === 10 && fastIsoDate(cell, 0)) return cell;
      const p = parse(cell);
      return p === null || p.year < 1 ? INVALID : isoDate(p.year, p.month, p.day);
    }
    if (cell instanceof Date) {
      // openpyxl semantics: a datetime at midnight satisfies a date field, any other time does not
      const p = dateParts(cell);
      if (p === null || p.hour || p.minute || p.second || p.micro) return INVALID;
      return isoDate(p.year, p.month, p.day);
    }
    return INVALID;
  };
}

export function timeReader(format: string): Reader {
  const parse = format === 'default'
    ? (s: string): DateParts | null => {
        if (s.length < 8 || s[5] !== ':') return null; // fl-py's guard against dateutil's short forms
        const m = ISO_TIME.exec(s);
        return m ? isoParts(2000, 1, 1, m, 1) : null;
      }
    : patternParser(format);
  const fast = format === 'default';
  return (cell) => {
    if (fast && typeof cell === 'string' && cell.length === 8 && fastIsoTime(cell, 0)) return cell;
    // An Excel time-only cell arrives as a Date on the epoch day: its time of day is the value.
    const p = typeof cell === 'string' ? parse(cell) : cell instanceof Date ? dateParts(cell) : null;
    return p === null ? INVALID : render(p, 'time');
  };
}

export function datetimeReader(format: string): Reader {
  const parse = format === 'default'
    ? (s: string): DateParts | null => {
        if (s.length < 19 || s[16] !== ':') return null;
        const m = ISO_DATETIME.exec(s);
        return m ? isoParts(+at(m, 1), +at(m, 2), +at(m, 3), m, 4) : null;
      }
    : patternParser(format);
  const fast = format === 'default';
  return (cell) => {
    if (fast && typeof cell === 'string' && cell.length === 19 && cell.charCodeAt(10) === 84 /* T */
      && fastIsoDate(cell, 0) && fastIsoTime(cell, 11)) return cell;
    const p = typeof cell === 'string' ? parse(cell) : cell instanceof Date ? dateParts(cell) : null;
    return p === null || p.year < 1 ? INVALID : render(p, 'datetime');
  };
}

/** Sortable form for bounds: fraction always present, so `…00.5` sorts after `…00`. */
export function temporalSortKey(v: string): string {
  const s = v.endsWith('Z') ? v.slice(0, -1) : v;
  const t = s.lastIndexOf(':');
  return s.indexOf('.', t) === -1 && t !== -1 ? s + '.000000' : s;
}
