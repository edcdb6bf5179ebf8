/** Notes that tell the officer what describe found around the data, and how the dialect says it. */
import type { Layout, SkipReason } from './layout.js';
import { note } from './note.js';
import type { DescribeNote } from './types.js';

const REASON: Record<SkipReason, { id: string; en: string }> = {
  title: { id: 'baris judul di atas tabel', en: 'title rows above the table' },
  header: { id: 'baris judul kolom (header)', en: 'header rows' },
  blank: { id: 'baris kosong', en: 'blank rows' },
  footnote: { id: 'baris catatan kaki', en: 'footnote rows' },
  source: { id: 'baris "Sumber:"/catatan', en: '"Sumber:"/note rows' },
  total: { id: 'baris total/jumlah (bukan data, dapat dihitung ulang)', en: 'total rows (not data; they can be recomputed)' },
  'repeated-header': { id: 'baris judul kolom yang berulang di tengah data (tabel kedua)', en: 'header rows repeated inside the data (a second table)' },
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
    const level = reason === 'total' || reason === 'repeated-header' ? 'warning' : 'info';
    notes.push(note(level, `skipped-${reason}`, {
      id: `Dilewati (commentRows): ${REASON[reason].id}, ${rows.length} baris.`,
      en: `Skipped (commentRows): ${REASON[reason].en}, ${rows.length} row(s).`,
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
  if (layout.headerRows.length > 0 && !headerKept) {
    notes.push(note('info', 'header-by-position', {
      id: 'Nama kolom di berkas tidak sama dengan nama field yang aman (huruf kecil dan garis bawah), atau header-nya lebih dari satu baris atau ada yang kosong. Label asli disimpan sebagai "title"; dialect memakai header: false dan melewati baris header, jadi kolom dicocokkan menurut urutan. Jika ingin header diperiksa, ganti judul kolom di berkas dengan nama field.',
      en: 'The file\'s column labels differ from the safe field names (lowercase and underscores), or the header spans several rows or has blank labels. The labels are kept as "title"; the dialect uses header: false and skips the header rows, so columns are matched by position. To have the header checked, rename the columns in the file to the field names.',
    }, undefined, layout.headerRows));
  }
  return notes;
}
