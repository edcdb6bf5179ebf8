import type { Cell } from '../table/types.js';
import { CellFault, cellRef } from '../table/types.js';
import type { ReportError } from './types.js';
import { ERROR_TYPES, GENERIC_ERROR, renderTemplate } from './error-types.js';
import { at } from '../invariant.js';

/** Python-like str() of a cell, as frictionless puts raw cells into `cell`/`cells`. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'True' : 'False';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    return cell.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  if (cell instanceof CellFault) return cell.toString();
  return String(cell);
}

export function rowTexts(cells: readonly Cell[]): string[] {
  const out = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = cellText(cells[i]);
  return out;
}

/**
 * Build a report error with frictionless' key order: type, title, description, message, tags, note,
 * then the family keys. Keys that do not apply are absent.
 */
export function buildError(type: string, note: string, props: Omit<ReportError, 'type' | 'title' | 'message' | 'tags' | 'note' | 'description'> = {}): ReportError {
  const spec = ERROR_TYPES[type] ?? GENERIC_ERROR;
  const e: ReportError = {
    type,
    title: spec.title,
    description: spec.description,
    message: renderTemplate(spec.template, { ...props, note }),
    tags: spec.tags,
    note,
  };
  return Object.assign(e, props);
}

export function labelError(
  type: 'blank-label' | 'duplicate-label' | 'incorrect-label' | 'missing-label' | 'extra-label',
  note: string,
  labels: string[],
  rowNumbers: number[],
  label: string,
  fieldName: string,
  fieldNumber: number,
): ReportError {
  const e = buildError(type, note, { labels, rowNumbers, label, fieldName, fieldNumber });
  if (rowNumbers.length) e.cellRef = cellRef(fieldNumber, at(rowNumbers, rowNumbers.length - 1));
  return e;
}

export function cellError(
  type: 'type-error' | 'constraint-error' | 'extra-cell' | 'missing-cell' | 'unique-error',
  note: string,
  cells: readonly Cell[],
  rowNumber: number,
  cell: string,
  fieldName: string,
  fieldNumber: number,
): ReportError {
  return buildError(type, note, {
    cells: rowTexts(cells),
    rowNumber,
    cell,
    fieldName,
    fieldNumber,
    cellRef: cellRef(fieldNumber, rowNumber),
  });
}

export function rowError(type: 'blank-row' | 'primary-key' | 'unique-key', note: string, cells: readonly Cell[], rowNumber: number): ReportError {
  return buildError(type, note, { cells: rowTexts(cells), rowNumber });
}
