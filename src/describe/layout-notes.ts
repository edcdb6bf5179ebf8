/** Notes that tell the officer what describe found around the data, and how the dialect says it. */
import type { Field } from '../schema/types.js';
import type { HeaderNaming } from './header-names.js';
import type { Layout, SkipReason } from './layout.js';
import { note } from './note.js';
import type { DescribeNote } from './types.js';
import { m, mf, msg } from '../i18n.js';

const REASON: Record<SkipReason, { id: string; en: string }> = {
  title: m('describe.layout-notes.reason.title'),
  header: m('describe.layout-notes.reason.header'),
  blank: m('describe.layout-notes.reason.blank'),
  footnote: m('describe.layout-notes.reason.footnote'),
  source: m('describe.layout-notes.reason.source'),
  total: m('describe.layout-notes.reason.total'),
  'repeated-header': m('describe.layout-notes.reason.repeated-header'),
  'other-table': m('describe.layout-notes.reason.other-table'),
  'sum-total': m('describe.layout-notes.reason.sum-total'),
};

export function layoutNotes(layout: Layout, headerKept: boolean): DescribeNote[] {
  const notes: DescribeNote[] = [];
  const byReason = new Map<SkipReason, number[]>();
  for (const s of layout.skipped) {
    const list = byReason.get(s.reason) ?? [];
    list.push(s.row);
    byReason.set(s.reason, list);
  }
  for (const [reason, rows] of byReason) {
    const level = reason === 'total' || reason === 'sum-total' || reason === 'repeated-header' || reason === 'other-table' ? 'warning' : 'info';
    // Said as the officer sees the sheet (the note lists the rows); the dialect key stays in datapackage.json.
    const code = rows.length > 1 ? 'describe.layout-notes.skipped.many' : 'describe.layout-notes.skipped.one';
    notes.push(note(level, `skipped-${reason}`, {
      id: msg('id', code, { reason: REASON[reason].id, count: rows.length }),
      en: msg('en', code, { reason: REASON[reason].en, count: rows.length }),
    }, undefined, rows.slice(0, 10)));
  }
  const firstHeader = layout.headerRows[0] ?? layout.dataStart;
  if (firstHeader > 1) {
    const rows = Array.from({ length: Math.min(firstHeader - 1, 10) }, (_, i) => i + 1);
    notes.push(note('info', 'rows-above-header', mf('describe.layout-notes.rows_1_above_the', { value: firstHeader - 1 }), undefined, rows));
  }
  if (layout.headerRows.length > 1) {
    notes.push(note('info', 'multi-row-header', mf('describe.layout-notes.multi_row_header', { length: layout.headerRows.length }), undefined, layout.headerRows));
  }
  if (layout.headerRows.length > 1 && !headerKept) {
    notes.push(note('warning', 'header-not-checked', m('describe.layout-notes.merged_header_cells'), undefined, layout.headerRows));
  }
  return notes;
}

/** What validate will say about the header row itself, so the officer hears it from describe first. */
export function headerNotes(naming: HeaderNaming, fields: Field[]): DescribeNote[] {
  if (!naming.checked) return [];
  const notes: DescribeNote[] = [];
  const list = (cols: number[]) => cols.slice(0, 10).map((c) => `${columnLetter(c)} ("${fields[c - 1]?.name ?? ''}")`).join(', ');
  if (naming.blank.length) {
    notes.push(note('warning', 'blank-label', mf('describe.layout-notes.column_s_have_no', { length: naming.blank.length, value: list(naming.blank) })));
  }
  if (naming.duplicate.length) {
    notes.push(note('warning', 'duplicate-label', mf('describe.layout-notes.repeated_column_labels_in', { value: list(naming.duplicate) })));
  }
  if (naming.missingLabels > 0) {
    notes.push(note('warning', 'missing-labels', mf('describe.layout-notes.header_shorter', { missingLabels: naming.missingLabels })));
  }
  if (naming.extraLabels > 0) {
    notes.push(note('warning', 'extra-labels', mf('describe.layout-notes.header_longer', { extraLabels: naming.extraLabels })));
  }
  return notes;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
