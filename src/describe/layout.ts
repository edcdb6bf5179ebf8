/**
 * Where the table is inside the sheet: title rows, the (possibly multi-row) header, the first data
 * row, and the rows among and below the data that are not data (blank, footnotes, `Sumber:`, totals,
 * a repeated header). Pure: works on the first rows (`head`, full cells) and every row's signature.
 */
import type { Cell, Row } from '../table/types.js';
import { cellKind, cellText, type Kind, type RowSig } from './row-kinds.js';
import { at } from '../invariant.js';

export type SkipReason = 'title' | 'blank' | 'footnote' | 'source' | 'total' | 'repeated-header' | 'header' | 'other-table' | 'sum-total';

export interface Layout {
  /** Number of columns (fields). */
  width: number;
  /** Physical rows that form the header (empty when the file has none). */
  headerRows: number[];
  /** One label per column: header cells joined top to bottom (merged-cell residue filled). */
  labels: string[];
  /** First data row. */
  dataStart: number;
  /** Rows at or after the first header row that are not data, with why. Rows above are titles. */
  skipped: Array<{ row: number; reason: SkipReason }>;
}

export interface LayoutInput {
  head: Row[];
  sigs: RowSig[];
  format: 'csv' | 'xlsx';
  /** Merged ranges (`A1:A4`) from the XLSX reader, when it offers them. */
  merges?: string[];
}


export function detectLayout(input: LayoutInput): Layout {
  const { head, sigs } = input;
  const kinds = head.map((r) => r.cells.map(cellKind));
  const colKinds = columnKinds(kinds);
  // Text where the column holds numbers marks a header/title row; a number in a text column does not
  // (names and addresses contain digits), so data rows with odd values still count as data.
  const fits = (i: number) => at(kinds, i).every((k, j) => !(k === 't' && colKinds[j] === 'n'));
  const nonBlank = (i: number) => at(kinds, i).some((k) => k !== 'e');

  // First data row: a row that fits the column kinds, followed by another that fits. In a table of
  // three or more columns a row with a single value (a title, a subtitle) does not start the data.
  const count = (i: number) => at(kinds, i).filter((k) => k !== 'e').length;
  const wideTable = Math.max(0, ...kinds.map((_, i) => count(i))) >= 3;
  let start = -1;
  for (let i = 0; i < head.length && start < 0; i++) {
    if (!nonBlank(i) || !fits(i) || (wideTable && count(i) === 1 && at(kinds, i)[0] === 't' && restEmpty(at(head, i).cells))) continue;
    let j = i + 1;
    while (j < head.length && !nonBlank(j)) j++;
    if (j >= head.length || fits(j)) start = i;
  }
  if (start < 0) start = head.findIndex((_, i) => nonBlank(i));
  // A BPS header often ends in a row of years (`,2023` or `,2022,2022,2022`) under the labels: its
  // label column is empty while the data rows below have one. It belongs to the header.
  while (start > 0 && start + 1 < head.length && nonBlank(start - 1) && isYearRow(at(head, start).cells, at(head, start - 1).cells[0] ?? null)) {
    let next = start + 1;
    while (next < head.length && !nonBlank(next)) next++;
    if (next >= head.length || cellKind(at(head, next).cells[0] ?? null) !== 't') break;
    start = next;
  }
  if (start < 0) return { width: 0, headerRows: [], labels: [], dataStart: (head[0]?.rowNumber ?? 1), skipped: [] };

  // The header: the contiguous non-blank block right above the data (blank rows may separate them).
  let end = start - 1;
  while (end >= 0 && !nonBlank(end)) end--;
  let top = end;
  while (top - 1 >= 0 && nonBlank(top - 1)) top--;
  if (end < 0) {
    // Nothing above: in an all-text table the first row is the header.
    const n = at(head, start).cells.filter((c) => cellKind(c) !== 'e').length;
    if (n >= 2 || at(head, start).cells.length === 1) {
      top = end = start;
      start++;
      while (start < head.length && !nonBlank(start)) start++;
    }
  }
  if (end >= 0) {
    // A lone cell in column A directly above a wider header row is a title, not a label.
    // So are several such rows (title, subtitle) when a header row below fills column A itself; a
    // lone label with column A empty below it is the stub label of a BPS header, not a title.
    const labelBelowInA = (i: number) => range(i + 1, end).some((k) => at(kinds, k)[0] !== 'e');
    while (top < end && count(top) === 1 && at(kinds, top)[0] !== 'e' && (count(top + 1) >= 2 || labelBelowInA(top)) && !hasMerge(input.merges, at(head, top).rowNumber)) top++;
    if (end - top >= 5) top = end - 4;
  }
  const headerIdx = end >= 0 ? range(top, end) : [];
  const dataStart = start < head.length ? at(head, start).rowNumber : (at(head, head.length - 1).rowNumber + 1);
  const headerRows = headerIdx.map((i) => at(head, i).rowNumber);

  const width = tableWidth(sigs, dataStart, input.format, headerIdx.map((i) => at(head, i)));
  const labels = joinLabels(headerIdx.map((i) => at(head, i)), width, input.merges);

  const skipped: Layout['skipped'] = [];
  for (let i = headerIdx.length ? at(headerIdx, 0) : start; i < start && i < head.length; i++) {
    if (headerIdx.includes(i)) continue;
    skipped.push({ row: at(head, i).rowNumber, reason: nonBlank(i) ? 'title' : 'blank' });
  }
  skipped.push(...bodySkips(sigs, dataStart, labels));
  return { width, headerRows, labels, dataStart, skipped };
}

/** Every cell after the first is truly empty (no `-` or other marker: a data row without figures has those). */
function restEmpty(cells: Cell[]): boolean {
  return cells.every((c, j) => j === 0 || cellText(c) === '');
}

/** First cell empty (or repeating the label above it), every other value a year (1900-2100). */
function isYearRow(cells: Cell[], above: Cell): boolean {
  const first = cellText(cells[0] ?? null);
  if (first !== '' && first !== cellText(above)) return false;
  let years = 0;
  for (let j = 1; j < cells.length; j++) {
    const t = cellText(cells[j] ?? null);
    if (t === '') continue;
    if (!/^(19|20|21)\d\d$/.test(t)) return false;
    years++;
  }
  return years > 0;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

function hasMerge(merges: string[] | undefined, row: number): boolean {
  return (merges ?? []).some((m) => {
    const r = parseRange(m);
    return r !== undefined && r.r1 <= row && row <= r.r2 && r.r2 > r.r1;
  });
}

/** The kind most cells of a column have, over rows with at least two values. */
function columnKinds(kinds: Kind[][]): Array<Kind | undefined> {
  const counts: Array<{ n: number; t: number }> = [];
  for (const row of kinds) {
    if (row.filter((k) => k !== 'e').length < 2) continue;
    row.forEach((k, j) => {
      const c = (counts[j] ??= { n: 0, t: 0 });
      if (k === 'n') c.n++;
      else if (k === 't') c.t++;
    });
  }
  return Array.from({ length: counts.length }, (_, j) => {
    const c = counts[j];
    if (!c || c.n + c.t === 0) return undefined;
    return c.n > c.t ? 'n' : c.t > c.n ? 't' : undefined;
  });
}

function tableWidth(sigs: RowSig[], dataStart: number, format: 'csv' | 'xlsx', headerRows: Row[]): number {
  const data = sigs.filter((s) => s.row >= dataStart && s.n > 0);
  if (format === 'csv') {
    // CSV rows all carry their trailing empty cells: the usual cell count is the table width.
    const hist = new Map<number, number>();
    for (const s of data) hist.set(s.cells, (hist.get(s.cells) ?? 0) + 1);
    let best = 0, bestCount = -1;
    for (const [w, c] of hist) if (c > bestCount || (c === bestCount && w > best)) [best, bestCount] = [w, c];
    return Math.max(best, 0) || Math.max(0, ...headerRows.map((r) => r.cells.length));
  }
  // XLSX rows stop at their last cell: the width is the widest data or header row.
  const dataWidth = Math.max(0, ...data.map((s) => s.lastCol + 1));
  const headerWidth = Math.max(0, ...headerRows.map((r) => lastNonEmpty(r.cells) + 1));
  return Math.max(dataWidth, headerWidth);
}

function lastNonEmpty(cells: Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cellText(cells[i] ?? null) !== '') return i;
  return -1;
}

interface CellRange { r1: number; c1: number; r2: number; c2: number }

function parseRange(ref: string): CellRange | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref.toUpperCase());
  if (!m) return undefined;
  const col = (s: string) => [...s].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { c1: col(at(m, 1)), r1: +at(m, 2), c2: col(at(m, 3)), r2: +at(m, 4) };
}

/**
 * Labels of a (multi-row) header. Merged cells keep their value only in the top-left cell, so the
 * residue is filled: from the merge ranges when the reader gives them, otherwise by the usual shape
 * of a merged group header (a blank cell after a filled one, above two filled sub-headers).
 */
export function joinLabels(rows: Row[], width: number, merges?: string[]): string[] {
  const grid = rows.map((r) => Array.from({ length: width }, (_, j) => cellText(r.cells[j] ?? null)));
  const rowIndex = new Map(rows.map((r, i) => [r.rowNumber, i]));
  for (const ref of merges ?? []) {
    const m = parseRange(ref);
    if (!m) continue;
    const src = rowIndex.get(m.r1);
    if (src === undefined) continue;
    const value = grid[src]?.[m.c1] ?? '';
    for (let r = m.r1; r <= m.r2; r++) {
      const row = grid[rowIndex.get(r) ?? -1];
      if (row === undefined) continue;
      for (let c = m.c1; c <= m.c2 && c < width; c++) if (row[c] === '') row[c] = value;
    }
  }
  const bottom = grid.at(-1);
  if (!merges?.length && bottom) {
    for (const row of grid.slice(0, -1)) {
      for (let j = 1; j < width; j++) {
        const left = row[j - 1];
        if (row[j] === '' && left !== undefined && left !== '' && bottom[j] !== '' && bottom[j - 1] !== '') row[j] = left;
      }
    }
  }
  return Array.from({ length: width }, (_, j) => {
    const parts: string[] = [];
    for (const row of grid) {
      const v = at(row, j).replace(/\s+/g, ' ');
      if (v !== '' && parts[parts.length - 1] !== v) parts.push(v);
    }
    return parts.join(' ');
  });
}

/** Non-data rows from the first data row on: footer block at the bottom, and rows among the data. */
function bodySkips(sigs: RowSig[], dataStart: number, labels: string[]): Layout['skipped'] {
  const body = sigs.filter((s) => s.row >= dataStart);
  const out: Layout['skipped'] = [];
  let footerFrom = body.length;
  const wide = labels.length >= 3;
  for (let i = body.length - 1; i >= 0; i--) {
    const s = at(body, i);
    const reason = s.n === 0 && s.markers === 0 ? 'blank' : s.source ? 'source' : s.total ? 'total' : wide && s.n === 1 && s.num === 0 && s.markers === 0 ? 'footnote' : undefined;
    if (!reason) break;
    footerFrom = i;
  }
  const labelAt = new Map(labels.map((l, j) => [j, l.toLowerCase()]));
  let inRepeatedHeader = false;
  for (const [i, s] of body.entries()) {
    if (i >= footerFrom) {
      const reason = s.n === 0 && s.markers === 0 ? 'blank' : s.source ? 'source' : s.total ? 'total' : 'footnote';
      out.push({ row: s.row, reason });
      continue;
    }
    if (s.n === 0 && s.markers === 0) {
      out.push({ row: s.row, reason: 'blank' });
      continue;
    }
    if (inRepeatedHeader && s.num === 0) {
      out.push({ row: s.row, reason: 'repeated-header' });
      continue;
    }
    inRepeatedHeader = false;
    if (s.source) out.push({ row: s.row, reason: 'source' });
    else if (s.total) out.push({ row: s.row, reason: 'total' });
    else if (repeatsHeader(s, labelAt)) {
      out.push({ row: s.row, reason: 'repeated-header' });
      inRepeatedHeader = true;
    }
  }
  return out;
}

/** Half or more of the row's text cells start like the header label of their column. */
function repeatsHeader(s: RowSig, labelAt: Map<number, string>): boolean {
  if (!s.texts || s.texts.length === 0) return false;
  let hits = 0;
  for (const [j, text] of s.texts) {
    const label = labelAt.get(j);
    if (label && text !== '' && label.startsWith(text.toLowerCase())) hits++;
  }
  return hits > 0 && hits * 2 >= s.n;
}
