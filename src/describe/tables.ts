/**
 * One sheet, several tables. BPS exports often put a second table below the first (its own header,
 * other columns: `No.,,2024` / `,,Februari,Agustus` under a yearly table). Reading it under the first
 * table's columns would put 2024 figures under `1986`; so the sheet is cut where a header-like block
 * starts a table whose labels differ from the first, and each part gets its own layout.
 */
import type { Row } from '../table/types.js';
import { detectLayout, type Layout } from './layout.js';
import { note } from './note.js';
import type { RowSig } from './row-kinds.js';
import { forEachRow, type RowSource } from './source.js';
import type { DescribeNote } from './types.js';
import { mf } from '../i18n.js';
import { at } from '../invariant.js';

const HEAD_ROWS = 200;
const MAX_TABLES = 10;

export interface Segment {
  index: number;
  /** First physical row of the table (its title or header). */
  from: number;
  /** First row of the next table (exclusive end), when there is one. */
  to?: number;
  layout: Layout;
  headerRows: Row[];
  /** Rows from `to` on (excluded from this table). */
  rest: number[];
}

interface Input { format: 'csv' | 'xlsx'; merges?: string[] }

export async function findTables(source: RowSource, head: Row[], sigs: RowSig[], input: Input): Promise<Segment[]> {
  const out: Segment[] = [];
  let from = sigs[0]?.row ?? 1;
  let rows = head;
  for (let index = 0; index < MAX_TABLES; index++) {
    const segSigs = sigs.filter((s) => s.row >= from);
    let layout = detectLayout({ head: rows, sigs: segSigs, ...input });
    const cut = await nextTable(source, layout, segSigs, rows, input);
    if (index > 0) trimWidth(layout, segSigs);
    if (cut === undefined) {
      out.push({ index, from, layout, headerRows: headerOf(rows, layout), rest: [] });
      break;
    }
    layout = detectLayout({ head: rows.filter((r) => r.rowNumber < cut), sigs: segSigs.filter((s) => s.row < cut), ...input });
    out.push({ index, from, to: cut, layout, headerRows: headerOf(rows, layout), rest: segSigs.filter((s) => s.row >= cut).map((s) => s.row) });
    from = cut;
    rows = rows.filter((r) => r.rowNumber >= cut);
    if (rows.length < HEAD_ROWS) rows = await headFrom(source, cut);
  }
  return out;
}

/**
 * A later table is described for `convert` only: its columns end at its last used column (a CSV
 * repeats the first table's trailing empty cells on every row).
 */
function trimWidth(layout: Layout, sigs: RowSig[]): void {
  const skipped = new Set(layout.skipped.map((s) => s.row));
  const first = layout.headerRows[0] ?? layout.dataStart;
  let width = 0;
  for (const s of sigs) {
    if (s.row < first || (s.row >= layout.dataStart && skipped.has(s.row))) continue;
    width = Math.max(width, s.lastCol + 1);
  }
  if (width > 0 && width < layout.width) {
    layout.width = width;
    layout.labels = layout.labels.slice(0, width);
  }
}

function headerOf(rows: Row[], layout: Layout): Row[] {
  const set = new Set(layout.headerRows);
  return rows.filter((r) => set.has(r.rowNumber));
}

/** The first row of a following table: a repeated-header block whose table has other labels. */
async function nextTable(source: RowSource, layout: Layout, sigs: RowSig[], rows: Row[], input: Input): Promise<number | undefined> {
  const repeated = layout.skipped.filter((s) => s.reason === 'repeated-header').map((s) => s.row);
  const candidates = [...new Set([...repeated.filter((r, i) => repeated[i - 1] !== r - 1), ...shapeChanges(layout, sigs)])].sort((a, b) => a - b);
  for (const start of candidates.slice(0, 20)) {
    let laterHead = rows.filter((r) => r.rowNumber >= start);
    if (laterHead.length < HEAD_ROWS && rows.length >= HEAD_ROWS) laterHead = await headFrom(source, start);
    const later = detectLayout({ head: laterHead, sigs: sigs.filter((s) => s.row >= start), ...input });
    if (later.width === 0 || later.dataStart <= start) continue;
    const same = later.labels.length === layout.labels.length && later.labels.every((l, j) => l === layout.labels[j]);
    if (!same) return start;
  }
  return undefined;
}

/**
 * Rows that look like the header of another table although they repeat nothing: after a blank row, a
 * row of two or more labels and no figures, followed by figures in columns the table above does not
 * end at (`kecamatan,luas` / `Mariso,1.82` under a three-column table).
 */
function shapeChanges(layout: Layout, sigs: RowSig[]): number[] {
  const body = sigs.filter((s) => s.row >= layout.dataStart);
  const widths = new Map<number, number>();
  for (const s of body) if (s.num > 0) widths.set(s.lastCol, (widths.get(s.lastCol) ?? 0) + 1);
  let usual = -1, most = 0;
  for (const [w, c] of widths) if (c > most) [usual, most] = [w, c];
  const out: number[] = [];
  for (let i = 1; i < body.length && out.length < 20; i++) {
    const s = at(body, i);
    if (at(body, i - 1).n !== 0 || s.n < 2 || s.num !== 0) continue;
    let k = i + 1;
    while (k < body.length && at(body, k).n === 0) k++;
    const next = body[k];
    if (next && next.num > 0 && next.lastCol !== usual && s.lastCol !== usual) out.push(s.row);
  }
  return out;
}

async function headFrom(source: RowSource, first: number): Promise<Row[]> {
  const rows: Row[] = [];
  await forEachRow(source, (row) => {
    if (row.rowNumber >= first && rows.length < HEAD_ROWS) rows.push(row);
  });
  return rows;
}

export function otherTablesNote(others: Segment[]): DescribeNote {
  const where = others.map((s) => String(s.from)).join(', ');
  const labels = others.map((s) => s.layout.labels.filter((l) => l !== '').slice(0, 4).join(' | ')).join('; ');
  return note('warning', 'second-table', mf('describe.tables.more_tables', { value: others.length + 1, where, labels }), undefined, others.map((s) => s.from));
}
