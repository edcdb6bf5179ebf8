/**
 * Which number formats are dates, and Excel serial numbers to JS Dates (UTC).
 * Excel stores dates as numbers; only the cell's style says it is a date.
 */

/** Built-in number format ids that display a date or time (ECMA-376 §18.8.30, plus common locale ids). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isBuiltinDateId(id: number): boolean {
  return BUILTIN_DATE_IDS.has(id);
}

/**
 * True when a custom format code displays a date/time: it has d, m, y, h or s outside quoted
 * literals, escapes and [..] sections (colours, locales). Elapsed-time formats (`[h]:mm`) are
 * durations, not dates, and stay numbers.
 */
export function isDateFormatCode(code: string): boolean {
  if (/\[(h+|m+|s+)\]/i.test(code)) return false;
  const section = code.split(';')[0] ?? '';
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare.replace(/[eE][+-]/g, ''));
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: day 0 of the 1900 system for serials from 61 on. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * Excel serial → Date (UTC). The 1900 system counts a 29 February 1900 that never existed
 * (Lotus 1-2-3's bug), so serials below 61 are one day ahead; like openpyxl we shift them
 * back (serial 60, the fake 1900-02-29, becomes 1900-03-01).
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  let ms: number;
  if (date1904) ms = EPOCH_1904 + Math.round(serial * MS_PER_DAY);
  else ms = EPOCH_1900 + Math.round((serial < 61 && serial >= 1 ? serial + 1 : serial) * MS_PER_DAY);
  return new Date(ms);
}
