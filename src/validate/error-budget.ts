/**
 * How much of the report one error takes, so a table's errors stop at LIMITS.reportChars of text
 * (20,000 bad labels made a 345 MB report: every label error carries all the labels, every cell error
 * the whole row). Approximate characters of the pretty-printed JSON; a shared array is counted once
 * per error but measured once.
 */
import { LIMITS } from '../table/limits.js';
import type { ReportError } from './types.js';

/** Indentation, quotes and comma around one array item in `JSON.stringify(report, null, 2)`. */
const ITEM_OVERHEAD = 12;
/** Keys, title, description and tags of an error. */
export const ERROR_OVERHEAD = 400;

const measured = new WeakMap<readonly string[], number>();

function listChars(items: readonly string[]): number {
  let n = measured.get(items);
  if (n === undefined) {
    n = 0;
    for (const s of items) n += s.length + ITEM_OVERHEAD;
    measured.set(items, n);
  }
  return n;
}

export function errorChars(e: ReportError): number {
  let n = ERROR_OVERHEAD + e.message.length + e.note.length + (e.noteId?.length ?? 0) + (e.cell?.length ?? 0) + (e.label?.length ?? 0);
  if (e.labels) n += listChars(e.labels);
  if (e.cells) n += listChars(e.cells);
  if (e.fieldCells) n += listChars(e.fieldCells);
  return n;
}

/** The warning a task gets when its errors were cut at the size limit (localized by the text report). */
export function reportSizeWarning(): string {
  return `reached report size limit: ${LIMITS.reportChars} characters of errors`;
}
