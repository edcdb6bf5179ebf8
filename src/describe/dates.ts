/**
 * Date and time shapes. Each value is classified into one family; a column is a date/time column
 * when all its values fall into one family, and the `format` is chosen from all values together
 * (day-first vs month-first is decided by the whole column, never by the first rows).
 */
import { monthNumber } from './months.js';
import { at } from '../invariant.js';

export type DateFamily =
  | { kind: 'iso-date' }
  | { kind: 'numeric-date'; sep: string; dm: boolean; md: boolean }
  | { kind: 'iso-datetime'; sep: 'T' | ' '; seconds: boolean; zone: boolean }
  | { kind: 'time'; seconds: boolean; zone: boolean; padded: boolean }
  | { kind: 'month-name'; form: 'dmy' | 'my' };

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUM_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO_DT = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2})(:\d{2})?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:?\d{2})?$/;
const MONTH_DMY = /^(\d{1,2})[ -]([A-Za-z]+\.?)[ -](\d{4})$/;
const MONTH_MY = /^([A-Za-z]+\.?)[ -](\d{4})$/;

/** The family of one trimmed text value, or undefined when it is no date/time we know. */
export function dateFamily(text: string): DateFamily | undefined {
  let m = ISO_DATE.exec(text);
  if (m) return validDate(+at(m, 1), +at(m, 2), +at(m, 3)) ? { kind: 'iso-date' } : undefined;
  m = NUM_DATE.exec(text);
  if (m) {
    const a = +at(m, 1), b = +at(m, 3), y = +at(m, 4);
    const dm = validDate(y, b, a);
    const md = validDate(y, a, b);
    return dm || md ? { kind: 'numeric-date', sep: at(m, 2), dm, md } : undefined;
  }
  m = ISO_DT.exec(text);
  if (m) {
    if (!validDate(+at(m, 1), +at(m, 2), +at(m, 3)) || +at(m, 5) > 23 || +at(m, 6) > 59) return undefined;
    return { kind: 'iso-datetime', sep: m[4] as 'T' | ' ', seconds: m[7] !== undefined, zone: m[8] !== undefined };
  }
  m = TIME.exec(text);
  if (m) {
    if (+at(m, 1) > 23 || +at(m, 2) > 59 || (m[3] !== undefined && +m[3] > 59)) return undefined;
    return { kind: 'time', seconds: m[3] !== undefined, zone: m[4] !== undefined, padded: at(m, 1).length === 2 };
  }
  m = MONTH_DMY.exec(text);
  const dmyMonth = m ? monthNumber(at(m, 2)) : undefined;
  if (m && dmyMonth !== undefined) {
    return validDate(+at(m, 3), dmyMonth, +at(m, 1)) ? { kind: 'month-name', form: 'dmy' } : undefined;
  }
  m = MONTH_MY.exec(text);
  if (m && monthNumber(at(m, 1)) !== undefined) return { kind: 'month-name', form: 'my' };
  return undefined;
}

/** Column-level tally of date families. */
export interface DateTally {
  count: number;
  isoDate: number;
  numeric: { count: number; seps: Set<string>; dmOk: boolean; mdOk: boolean; dmOnlyRow?: number; mdOnlyRow?: number };
  isoDatetime: { count: number; seps: Set<string>; seconds: number; zone: number };
  time: { count: number; seconds: number; zone: number; unpadded: number };
  monthName: { count: number; forms: Set<string> };
}

export function newDateTally(): DateTally {
  return {
    count: 0,
    isoDate: 0,
    numeric: { count: 0, seps: new Set(), dmOk: true, mdOk: true },
    isoDatetime: { count: 0, seps: new Set(), seconds: 0, zone: 0 },
    time: { count: 0, seconds: 0, zone: 0, unpadded: 0 },
    monthName: { count: 0, forms: new Set() },
  };
}

export function addDate(t: DateTally, f: DateFamily, rowNumber: number): void {
  t.count++;
  switch (f.kind) {
    case 'iso-date':
      t.isoDate++;
      return;
    case 'numeric-date':
      t.numeric.count++;
      t.numeric.seps.add(f.sep);
      if (!f.dm) t.numeric.dmOk = false;
      if (!f.md) t.numeric.mdOk = false;
      if (f.dm && !f.md && t.numeric.dmOnlyRow === undefined) t.numeric.dmOnlyRow = rowNumber;
      if (f.md && !f.dm && t.numeric.mdOnlyRow === undefined) t.numeric.mdOnlyRow = rowNumber;
      return;
    case 'iso-datetime':
      t.isoDatetime.count++;
      t.isoDatetime.seps.add(f.sep);
      if (f.seconds) t.isoDatetime.seconds++;
      if (f.zone) t.isoDatetime.zone++;
      return;
    case 'time':
      t.time.count++;
      if (f.seconds) t.time.seconds++;
      if (f.zone) t.time.zone++;
      if (!f.padded) t.time.unpadded++;
      return;
    case 'month-name':
      t.monthName.count++;
      t.monthName.forms.add(f.form);
      return;
  }
}
