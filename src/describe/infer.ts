/**
 * Inference in three streamed passes over the same rows:
 *   1. layout: a signature of every row, and the first rows in full → header, data start, skipped rows;
 *   2. types: every cell of every data row fed to its column's scorer → a field per column;
 *   3. verification: the schema engine casts every value with the chosen field (fallbacks if not),
 *      and rows the validator would still flag (all missing, wrong width) are handled or reported.
 */
import { TableSourceError } from '../table/types.js';
import type { Dialect, Field, Resource } from '../schema/types.js';
import type { Row } from '../table/types.js';
import { addCell, newColumnTally, type ColumnTally } from './column-scorer.js';
import { decideField } from './decide.js';
import type { Layout } from './layout.js';
import { headerNotes, layoutNotes } from './layout-notes.js';
import { nameFields } from './header-names.js';
import { findTables, otherTablesNote, type Segment } from './tables.js';
import { addTotalsRow, startTotals, totalRows } from './totals.js';
import { missingValuesList } from './missing.js';
import { note } from './note.js';
import { SigCollector } from './row-kinds.js';
import { forEachRow, type Pass, type RowSource } from './source.js';
import type { DescribeNote, FieldChoice } from './types.js';
import { chosenFields, startVerify, verifyRow } from './verify.js';
import { mf, notes } from '../i18n.js';
import { at } from '../invariant.js';

const HEAD_ROWS = 200;

export interface InferOptions {
  /** Resource name and path as they will appear in the descriptor. */
  name: string;
  path: string;
  extraMissingValues?: string[];
}

export interface InferResult {
  resource: Resource;
  notes: DescribeNote[];
  /** Which table of the sheet this is (1 = the first), and its physical rows. */
  table?: { index: number; firstRow: number; lastRow?: number };
}

export async function inferResource(source: RowSource, opts: InferOptions): Promise<InferResult> {
  return at((await inferTables(source, opts)), 0);
}

/**
 * Every table of the sheet: usually one. A second table below the first (its own header, other
 * columns) is never read under the first one's fields: the first resource excludes its rows and says
 * so, and the next results describe it (`convert` writes each to its own CSV).
 */
export async function inferTables(source: RowSource, opts: InferOptions): Promise<InferResult[]> {
  const sigs = new SigCollector();
  const head: Row[] = [];
  const pass1 = await forEachRow(source, (row) => {
    sigs.add(row);
    if (head.length < HEAD_ROWS) head.push(row);
  });
  const input = { format: pass1.format, merges: pass1.merges?.() };
  const segments = await findTables(source, head, sigs.sigs, input);
  if (at(segments, 0).layout.width === 0) {
    throw new TableSourceError('source-error', ...notes('describe.infer.no_table', { path: opts.path }));
  }
  const results: InferResult[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = at(segments, i);
    const name = i === 0 ? opts.name : `${opts.name}-tabel-${i + 1}`;
    const r = await inferTable(source, pass1, seg, { ...opts, name });
    if (i === 0 && segments.length > 1) r.notes.unshift(otherTablesNote(segments.slice(1)));
    r.table = { index: i + 1, firstRow: seg.from, lastRow: seg.to === undefined ? undefined : seg.to - 1 };
    results.push(r);
  }
  return results;
}

async function inferTable(source: RowSource, pass1: Pass, seg: Segment, opts: InferOptions): Promise<InferResult> {
  const extra = new Set(opts.extraMissingValues ?? []);
  const layout = seg.layout;
  if (seg.to !== undefined) for (const s of seg.rest) layout.skipped.push({ row: s, reason: 'other-table' });
  const skip = new Set(layout.skipped.map((s) => s.row));
  const inSeg = (r: Row) => r.rowNumber >= seg.from && (seg.to === undefined || r.rowNumber < seg.to);
  const isData = (r: Row) => inSeg(r) && r.rowNumber >= layout.dataStart && !skip.has(r.rowNumber);

  const labels = layout.labels;
  const naming = nameFields(seg.headerRows, labels, layout.width);
  const names = naming.names;

  // Pass 2: types.
  const tallies: ColumnTally[] = names.map(() => newColumnTally());
  await forEachRow(source, (row) => {
    if (!isData(row)) return;
    for (let j = 0; j < tallies.length; j++) addCell(at(tallies, j), row.cells[j] ?? null, row.rowNumber, extra);
  });
  const choices = tallies.map((t, j) => decideField(t, { name: at(names, j), title: naming.titles[j] }));
  borrowSiblingTypes(choices, tallies, labels);
  const markers = new Set<string>();
  for (const t of tallies) for (const m of t.markers) markers.add(m);
  const missingValues = missingValuesList(markers, opts.extraMissingValues ?? []);

  // Pass 3: verification with the schema engine (and the numbers a total row would add up).
  const state = startVerify(choices, missingValues);
  const sums = startTotals(choices, missingValues, names);
  await forEachRow(source, (row) => {
    if (!isData(row)) return;
    verifyRow(state, row, pass1.format === 'csv' && seg.index === 0);
    addTotalsRow(sums, row);
  });
  const chosen = chosenFields(state);
  const fields: Field[] = chosen.map((c) => c.field);

  const notes: DescribeNote[] = [];
  chosen.forEach((c, j) => {
    // A fallback replaced the inferred field: its notes no longer apply, the failure does.
    if (c.index === 0) notes.push(...at(choices, j).notes);
    else notes.push(fallbackNote(at(choices, j).field, c.field, c.failedRows));
  });
  for (const r of state.blankRows) layout.skipped.push({ row: r, reason: 'blank' });
  for (const r of totalRows(sums)) layout.skipped.push({ row: r, reason: 'sum-total' });
  layout.skipped.sort((a, b) => a.row - b.row);

  notes.unshift(...layoutNotes(layout, naming.checked), ...headerNotes(naming, fields));
  if (state.widthMismatches > 0) {
    notes.push(note('warning', 'row-width', mf('describe.infer.row_s_have_a', { widthMismatches: state.widthMismatches, length: fields.length }), undefined, state.widthRows));
  }
  if (markers.size > 0) {
    notes.push(note('info', 'missing-markers', mf('describe.infer.missing_value_markers_found', { value: [...markers].map((m) => JSON.stringify(m)).join(', ') })));
  }

  const resource: Resource = {
    name: opts.name,
    type: 'table',
    path: opts.path,
    format: pass1.format,
    mediatype: pass1.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
  if (pass1.format === 'csv') resource.encoding = pass1.encoding ?? 'utf-8';
  const dialect = buildDialect(layout, naming.checked, pass1, seg);
  if (Object.keys(dialect).length > 0) resource.dialect = dialect;
  resource.schema = { fields, missingValues };
  return { resource, notes };
}

function buildDialect(layout: Layout, headerKept: boolean, pass: Pass, seg: Segment): Dialect {
  const dialect: Dialect = {};
  if (pass.format === 'csv' && pass.dialect.delimiter && pass.dialect.delimiter !== ',') dialect.delimiter = pass.dialect.delimiter;
  if (pass.format === 'xlsx' && pass.sheet) dialect.sheetName = pass.sheet;
  const comments = layout.skipped.map((s) => s.row);
  if (headerKept) {
    const rows = layout.headerRows;
    // Declared whenever a validator's own guess could differ (validators pick the first row about as
    // wide as the data when nothing is declared).
    const headerWidth = seg.headerRows[0]?.cells.length ?? layout.width;
    if (rows.length !== 1 || rows[0] !== 1 || (pass.format === 'csv' && headerWidth !== layout.width)) dialect.headerRows = rows;
    const last = at(rows, rows.length - 1);
    const after = comments.filter((r) => r > last);
    if (after.length) dialect.commentRows = after;
  } else {
    dialect.header = false;
    // With header: false every row is data, so everything above the data is skipped explicitly.
    const above: number[] = [];
    for (let r = 1; r < layout.dataStart; r++) above.push(r);
    const all = [...new Set([...above, ...comments])].sort((a, b) => a - b);
    if (all.length) dialect.commentRows = all;
  }
  return dialect;
}

function fallbackNote(wanted: Field, got: Field, rows: number[]): DescribeNote {
  const w = `${wanted.type}${wanted.format ? ` (${wanted.format})` : ''}`;
  return note('warning', 'type-fallback', mf('describe.infer.column_looks_like_but', { name: wanted.name, w, type: wanted.type, type2: got.type, value: got.bareNumber === false ? ' (bareNumber: false)' : '' }), wanted.name, rows);
}

/**
 * A column that only holds missing markers (BPS writes `-` for "not yet available") has nothing to
 * infer from. When it sits in the same header group as the column on its left (`... 2026 Februari`,
 * `... 2026 Agustus`), it will hold the same kind of values: take that column's type, and say so.
 */
function borrowSiblingTypes(choices: FieldChoice[], tallies: ColumnTally[], labels: string[]): void {
  const group = (l: string) => l.replace(/\s*\S+$/, '');
  for (let j = 1; j < choices.length; j++) {
    const t = at(tallies, j);
    if (t.values > 0 || t.markers.size === 0) continue;
    const left = at(choices, j - 1).field;
    if (!labels[j] || group(at(labels, j)) === '' || group(at(labels, j)) !== group(labels[j - 1] ?? '')) continue;
    if (left.type === 'string' || left.type === undefined) continue;
    const own = at(choices, j).field;
    const { name: _n, title: _t, constraints: _c, ...shape } = left;
    choices[j] = {
      field: { ...shape, name: own.name, ...(own.title !== undefined ? { title: own.title } : {}) },
      fallbacks: [own],
      notes: [note('info', 'empty-column-sibling', mf('describe.infer.column_holds_no_data', { name: own.name, name2: left.name, type: left.type }), own.name)],
    };
  }
}
