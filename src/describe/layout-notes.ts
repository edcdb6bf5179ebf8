/** Notes that tell the officer what describe found around the data, and how the dialect says it. */
import type { Field } from '../schema/types.js';
import type { HeaderNaming } from './header-names.js';
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
  'repeated-header': { id: 'baris judul kolom yang berulang di tengah data', en: 'header rows repeated inside the data' },
  'other-table': { id: 'baris tabel lain di bawah tabel ini (lihat catatan tabel kedua)', en: 'rows of another table below this one (see the second-table note)' },
  'sum-total': { id: 'baris total: setiap angkanya sama dengan jumlah baris lain di kolomnya (bukan data, dapat dihitung ulang)', en: 'total rows: each of their numbers equals the sum of the other rows in its column (not data; they can be recomputed)' },
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
    // Said as the officer sees the sheet: which rows, and why; the dialect key stays in datapackage.json.
    const list = rows.slice(0, 10).join(', ') + (rows.length > 10 ? ` … (${rows.length})` : '');
    notes.push(note(level, `skipped-${reason}`, {
      id: `Tidak dibaca sebagai data: ${REASON[reason].id} — baris ${list}.`,
      en: `Not read as data: ${REASON[reason].en} — row${rows.length > 1 ? 's' : ''} ${list}.`,
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
    notes.push(note('warning', 'header-not-checked', {
      id: 'Header bertingkat ini punya sel gabungan (merge) atau sel kosong: validator membacanya sebagai label kosong, berulang, atau (frictionless-py) dengan spasi tambahan, jadi tidak ada validator yang bisa memeriksanya. Kolom dicocokkan menurut urutan (header: false); label lengkap disimpan sebagai "title". Akibatnya kolom yang tertukar tidak terdeteksi. Agar header diperiksa: isi setiap sel header (tanpa merge), atau pakai CSV dari "satudata convert" (satu baris header) lalu jalankan describe pada CSV itu.',
      en: 'This multi-row header has merged or empty cells: validators read them as blank or repeated labels, or (frictionless-py) with extra spaces, so no validator can check it. Columns are matched by position (header: false); the full labels are kept as "title". So swapped columns go unnoticed. To have the header checked: fill every header cell (no merges), or use the CSV from "satudata convert" (one header row) and describe that CSV.',
    }, undefined, layout.headerRows));
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
