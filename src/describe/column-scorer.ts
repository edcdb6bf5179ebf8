/**
 * A pure, incremental scorer for one column: fed every cell of the column (streamed, the whole
 * column, not a sample), it keeps only counters and a few example rows, so memory does not grow
 * with the file. `decide.ts` turns the tallies into a field.
 */
import { CellFault, type Cell } from '../table/types.js';
import { addDate, dateFamily, newDateTally, type DateTally } from './dates.js';
import { isMissingMarker } from './missing.js';
import { addReading, newConventionTally, numberShape, type ConventionTally } from './numbers.js';

const DISTINCT_CAP = 300;
const ROWS_CAP = 10;

export interface ColumnTally {
  /** Cells that are values (not empty, not a missing marker). */
  values: number;
  /** Empty cells and missing markers. */
  missing: number;
  markers: Set<string>;
  // Native spreadsheet cells.
  nativeNumbers: number;
  nativeIntegers: number;
  nativeDates: number;
  nativeDatesWithTime: number;
  nativeBooleans: number;
  faults: number;
  faultRows: number[];
  // Text cells.
  texts: number;
  numberTexts: number;
  dot: ConventionTally;
  comma: ConventionTally;
  /** Text values read as numbers only after stripping `Rp`/`%`. */
  affixed: number;
  /** Text values with spaces around them (` 0.91 `). */
  padded: number;
  plainNumbers: number;
  leadingZeros: number;
  dates: DateTally;
  /** Values shaped like a date that is not one (`31/02/2024`, `2024-13-01`): data defects. */
  badDates: number;
  badDateRows: number[];
  /** Dates with a two-digit year (`12/01/18`): no date format reads them together with others. */
  shortDates: number;
  shortDateRows: number[];
  /** Text values that are neither numbers nor dates, with their first rows. */
  other: number;
  otherRows: number[];
  /** First rows of number-looking text values (to show when a column mixes numbers and words). */
  numberRows: number[];
  distinct: Map<string, number>;
  distinctOverflow: boolean;
  maxLength: number;
  booleanWords: Set<string>;
}

export function newColumnTally(): ColumnTally {
  return {
    values: 0, missing: 0, markers: new Set(),
    nativeNumbers: 0, nativeIntegers: 0, nativeDates: 0, nativeDatesWithTime: 0, nativeBooleans: 0, faults: 0, faultRows: [],
    texts: 0, numberTexts: 0, dot: newConventionTally(), comma: newConventionTally(), affixed: 0, padded: 0, plainNumbers: 0,
    leadingZeros: 0, dates: newDateTally(), badDates: 0, badDateRows: [], shortDates: 0, shortDateRows: [], other: 0, otherRows: [], numberRows: [], distinct: new Map(), distinctOverflow: false,
    maxLength: 0, booleanWords: new Set(),
  };
}

function remember(list: number[], row: number): void {
  if (list.length < ROWS_CAP) list.push(row);
}

function countDistinct(t: ColumnTally, key: string): void {
  const seen = t.distinct.get(key);
  if (seen !== undefined) t.distinct.set(key, seen + 1);
  else if (t.distinct.size < DISTINCT_CAP) t.distinct.set(key, 1);
  else t.distinctOverflow = true;
}

const BOOLEAN_WORDS = new Set(['true', 'false', 'True', 'False', 'TRUE', 'FALSE', 'Ya', 'Tidak', 'ya', 'tidak', 'YA', 'TIDAK']);

/** Feed one cell. `extraMissing` are the user's own markers (e.g. `0`). */
export function addCell(t: ColumnTally, cell: Cell, rowNumber: number, extraMissing: ReadonlySet<string>): void {
  if (cell === null || cell === undefined || cell === '') {
    t.missing++;
    return;
  }
  if (typeof cell === 'string' && isMissingMarker(cell, extraMissing)) {
    t.missing++;
    t.markers.add(cell);
    return;
  }
  t.values++;
  if (cell instanceof CellFault) {
    t.faults++;
    remember(t.faultRows, rowNumber);
    return;
  }
  if (typeof cell === 'number') {
    if (extraMissing.has(String(cell))) {
      // The user declared e.g. `0` missing; a native 0 is compared as its text by validators.
      t.values--;
      t.missing++;
      t.markers.add(String(cell));
      return;
    }
    t.nativeNumbers++;
    if (Number.isInteger(cell)) t.nativeIntegers++;
    countDistinct(t, String(cell));
    return;
  }
  if (typeof cell === 'boolean') {
    t.nativeBooleans++;
    return;
  }
  if (cell instanceof Date) {
    t.nativeDates++;
    if (cell.getUTCHours() || cell.getUTCMinutes() || cell.getUTCSeconds() || cell.getUTCMilliseconds()) t.nativeDatesWithTime++;
    return;
  }
  addText(t, cell, rowNumber);
}

function addText(t: ColumnTally, raw: string, rowNumber: number): void {
  t.texts++;
  if (raw.length > t.maxLength) t.maxLength = raw.length;
  countDistinct(t, raw);
  if (BOOLEAN_WORDS.has(raw)) t.booleanWords.add(raw);
  const text = raw.trim();
  if (text !== raw) t.padded++;
  const shape = numberShape(text);
  if (shape) {
    t.numberTexts++;
    remember(t.numberRows, rowNumber);
    if (shape.affix) t.affixed++;
    if (shape.plain) t.plainNumbers++;
    if (shape.leadingZero) t.leadingZeros++;
    addReading(t.dot, shape.dot, rowNumber);
    addReading(t.comma, shape.comma, rowNumber);
    return;
  }
  const fam = dateFamily(text);
  if (fam) {
    addDate(t.dates, fam, rowNumber);
    return;
  }
  t.other++;
  remember(t.otherRows, rowNumber);
  if (DATE_SHAPE.test(text)) {
    t.badDates++;
    remember(t.badDateRows, rowNumber);
  } else if (SHORT_DATE.test(text)) {
    t.shortDates++;
    remember(t.shortDateRows, rowNumber);
  }
}

const DATE_SHAPE = /^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})$/;
const SHORT_DATE = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/;
