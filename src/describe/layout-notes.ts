/** Notes that tell the officer what describe found around the data, and how the dialect says it. */
import type { Field } from '../schema/types.js';
import type { HeaderNaming } from './header-names.js';
import type { Layout, SkipReason } from './layout.js';
import { note } from './note.js';
import type { DescribeNote } from './types.js';
import { m } from '../i18n.js';

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
    notes.push(note(level, `skipped-${reason}`, {
      id: `Tidak dibaca sebagai data: ${REASON[reason].id} (${rows.length} baris).`,
      en: `Not read as data: ${REASON[reason].en} (${rows.length} row${rows.length > 1 ? 's' : ''}).`,
    }, undefined, rows.slice(0, 10)));
  }
  const firstHeader = layout.headerRows[0] ?? layout.dataStart;
  if (firstHeader > 1) {
    const rows = Array.from({ length: Math.min(firstHeader - 1, 10) }, (_, i) => i + 1);
    notes.push(note('info', 'rows-above-header', {
      id: `Baris 1-${firstHeader - 1} di atas header (judul tabel, baris kosong) dilewati.`,
      en: `Rows 1-${firstHeader - 1} above the header (table title, blank rows) are skipped.`,
    }, undefined, rows));
  }
  if (layout.headerRows.length > 1) {
    notes.push(note('info', 'multi-row-header', {
      id: `Header terdiri dari ${layout.headerRows.length} baris (sel gabungan); label digabung per kolom menjadi judul field.`,
      en: `The header spans ${layout.headerRows.length} rows (merged cells); the labels of each column were joined into the field title.`,
    }, undefined, layout.headerRows));
  }
  if (layout.headerRows.length > 1 && !headerKept) {
    notes.push(note('warning', 'header-not-checked', m('describe.layout-notes.this_multi_row_header'), undefined, layout.headerRows));
  }
  return notes;
}

/** What validate will say about the header row itself, so the officer hears it from describe first. */
export function headerNotes(naming: HeaderNaming, fields: Field[]): DescribeNote[] {
  if (!naming.checked) return [];
  const notes: DescribeNote[] = [];
  const list = (cols: number[]) => cols.slice(0, 10).map((c) => `${columnLetter(c)} ("${fields[c - 1]?.name ?? ''}")`).join(', ');
  if (naming.blank.length) {
    notes.push(note('warning', 'blank-label', {
      id: `${naming.blank.length} kolom tidak punya judul di baris header: ${list(naming.blank)}. validate akan melaporkan blank-label; tulis judul kolom di sel header itu.`,
      en: `${naming.blank.length} column(s) have no label in the header row: ${list(naming.blank)}. validate will report blank-label; type a label in those header cells.`,
    }));
  }
  if (naming.duplicate.length) {
    notes.push(note('warning', 'duplicate-label', {
      id: `Judul kolom berulang di header: ${list(naming.duplicate)}. validate akan melaporkan duplicate-label; buat setiap judul kolom unik.`,
      en: `Repeated column labels in the header: ${list(naming.duplicate)}. validate will report duplicate-label; make every label unique.`,
    }));
  }
  if (naming.missingLabels > 0) {
    notes.push(note('warning', 'missing-labels', {
      id: `Baris header punya ${naming.missingLabels} sel lebih sedikit daripada baris data, jadi ${naming.missingLabels} kolom terakhir tidak bernama; validate akan melaporkan missing-label untuk kolom itu dan extra-cell untuk setiap selnya. Lengkapi judul kolom di header.`,
      en: `The header row has ${naming.missingLabels} cell(s) fewer than the data rows, so the last ${naming.missingLabels} columns have no name; validate will report missing-label for those columns and extra-cell for each of their cells. Complete the header labels.`,
    }));
  }
  if (naming.extraLabels > 0) {
    notes.push(note('warning', 'extra-labels', {
      id: `Baris header punya ${naming.extraLabels} sel lebih banyak daripada baris data; validate akan melaporkan extra-label. Hapus sel header yang lebih.`,
      en: `The header row has ${naming.extraLabels} cell(s) more than the data rows; validate will report extra-label. Remove the extra header cells.`,
    }));
  }
  return notes;
}

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
