import type { Cell } from '../table/types.js';
import type { Dialect } from '../schema/types.js';
import { cellText } from './build-error.js';
import { at } from '../invariant.js';

/** The parts of a dialect that decide which physical rows are header, comment or data rows. */
export interface RowLayout {
  /** No header row at all (`header: false`). */
  headerless: boolean;
  /** 1-based physical row numbers forming the header (empty when headerless). */
  headerRows: number[];
  /** The last header row: rows up to it are never data. 0 when headerless. */
  headerEnd: number;
  headerJoin: string;
  commentRows: Set<number>;
  commentChar?: string;
}

export function isCommentRow(layout: RowLayout, rowNumber: number, cells: readonly Cell[]): boolean {
  if (layout.commentRows.size && layout.commentRows.has(rowNumber)) return true;
  if (layout.commentChar !== undefined) {
    const first = cells[0];
    if (typeof first === 'string' && first.startsWith(layout.commentChar)) return true;
  }
  return false;
}

/** Python's round(): halves go to the even neighbour (round(0.5) is 0, round(2.5) is 2). */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return d < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Decide the header rows. Declared `header`/`headerRows` win. Otherwise frictionless' heuristic
 * (errors.md §8): the first non-comment row of the sample whose width is within
 * ±max(1, round(10% of the average width)) of the rounded average width (Python rounding: halves to
 * even); row 1 if none matches.
 * Spreadsheet rows are padded to the sheet width by frictionless, so for XLSX this is always the first
 * non-comment row.
 */
export function decideLayout(dialect: Dialect, sample: { rowNumber: number; cells: readonly Cell[] }[], padded: boolean): RowLayout {
  const commentRows = new Set(Array.isArray(dialect.commentRows) ? dialect.commentRows : []);
  const base: Omit<RowLayout, 'headerRows' | 'headerEnd' | 'headerless'> = {
    headerJoin: typeof dialect.headerJoin === 'string' ? dialect.headerJoin : ' ',
    commentRows,
    commentChar: typeof dialect.commentChar === 'string' && dialect.commentChar !== '' ? dialect.commentChar : undefined,
  };
  if (dialect.header === false) return { ...base, headerless: true, headerRows: [], headerEnd: 0 };
  if (Array.isArray(dialect.headerRows) && dialect.headerRows.length) {
    const rows = [...dialect.headerRows].sort((a, b) => a - b);
    return { ...base, headerless: false, headerRows: rows, headerEnd: at(rows, rows.length - 1) };
  }
  const layoutSoFar: RowLayout = { ...base, headerless: false, headerRows: [1], headerEnd: 1 };
  const candidates = sample.filter((r) => !isCommentRow(layoutSoFar, r.rowNumber, r.cells));
  if (!candidates.length) return layoutSoFar;
  if (padded) {
    const first = at(candidates, 0).rowNumber;
    return { ...base, headerless: false, headerRows: [first], headerEnd: first };
  }
  const widths = candidates.map((r) => r.cells.length);
  const width = pyRound(widths.reduce((a, b) => a + b, 0) / widths.length);
  const drift = Math.max(pyRound(width * 0.1), 1);
  for (const r of candidates) {
    if (r.cells.length >= width - drift && r.cells.length <= width + drift) {
      return { ...base, headerless: false, headerRows: [r.rowNumber], headerEnd: r.rowNumber };
    }
  }
  return layoutSoFar;
}

/**
 * Labels from the header row(s), frictionless style: multi-row labels joined with headerJoin, a cell
 * repeating the previous header row's cell in the same column (merged cells) is not repeated; labels
 * are stringified and trimmed.
 */
export function joinLabels(headerCells: (readonly Cell[])[], headerJoin: string): string[] {
  const labels: string[] = [];
  const prev = new Map<number, string>();
  for (const cells of headerCells) {
    for (let i = 0; i < cells.length; i++) {
      const text = cellText(cells[i]);
      if (prev.get(i) === text) continue;
      prev.set(i, text);
      if (labels.length <= i) {
        while (labels.length < i) labels.push('');
        labels.push(text);
      } else {
        labels[i] = labels[i] === '' ? text : text === '' ? at(labels, i) : `${labels[i]}${headerJoin}${text}`;
      }
    }
  }
  return labels.map((l) => l.trim());
}

/** The last non-empty cell's index, -1 for an empty row. */
export function lastFilled(cells: readonly unknown[]): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const c = cells[i];
    if (c !== null && c !== undefined && c !== '') return i;
  }
  return -1;
}

export interface HeaderDecision {
  layout: RowLayout;
  labels: string[];
  /** No labels to check: a headerless table, or a CSV whose header row is empty. */
  noLabels: boolean;
}

/**
 * The header rows and labels of a table from its sample: the one decision validate makes and every
 * other reader of the same table (push --datastore) must repeat exactly, so the columns are the same.
 */
export function decideHeader(dialect: Dialect, sample: { rowNumber: number; cells: readonly Cell[] }[], padded: boolean): HeaderDecision {
  const layout = decideLayout(dialect, sample, padded);
  const headerRowCells = layout.headerRows.map((n) => sample.find((r) => r.rowNumber === n)?.cells ?? []);
  const labels = layout.headerless ? [] : joinLabels(headerRowCells, layout.headerJoin);
  // An empty header row (a CSV whose first line is empty) declares no labels at all: frictionless-py
  // 5.21 then treats the header as missing, maps the fields by position and checks no labels.
  const noLabels = layout.headerless || (labels.length === 0 && !padded);
  if (padded && !noLabels) {
    // Spreadsheet rows are padded to the sheet's width (openpyxl, errors.md §8): a value beyond the
    // header's last column makes a blank label there rather than extra cells on every row.
    let width = labels.length;
    for (const r of sample) if (r.rowNumber > layout.headerEnd) width = Math.max(width, lastFilled(r.cells) + 1);
    while (labels.length < width) labels.push('');
  }
  return { layout, labels, noLabels };
}
