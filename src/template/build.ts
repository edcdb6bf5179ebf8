/**
 * The Excel input template. Layout (documented in the Petunjuk sheet and printed by the command):
 *   row 1: field titles for people (bold, frozen; a note on each holds the field name and description),
 *   row 2: field names (hidden) — the header the validator checks, so the resource uses
 *          `dialect: {headerRows: [2], sheetName: "Data"}` and rows above it are skipped,
 *   row 3+: data, with column formats and Excel data validation.
 */
import ExcelJS from 'exceljs';
import type { Dialect, Field } from '../schema/types.js';
import { columnLetter } from '../table/types.js';
import { constraintText, exampleFor, numFmt, ruleFor, TYPE_ID, type Rule } from './fields.js';
import type { TemplateSource } from './load.js';
import { referenceLists } from './reference.js';
import { defined } from '../invariant.js';

export const DATA_SHEET = 'Data';
export const LIST_SHEET = 'Daftar';
export const GUIDE_SHEET = 'Petunjuk';
/** Rows that get data validation (a range, so no cells are created). */
export const TEMPLATE_ROWS = 5000;
export const TEMPLATE_DIALECT: Dialect = { headerRows: [2], sheetName: DATA_SHEET };

const BIG = 999_999_999_999_999;

function validationFor(rule: Rule, listRef: string | undefined, f: Field): ExcelJS.DataValidation {
  const base = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: 'Isian tidak sesuai', showInputMessage: true, promptTitle: (f.title ?? f.name).slice(0, 32) };
  const bounded = <T>(min: T | undefined, max: T | undefined, lo: T, hi: T): Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> =>
    min !== undefined && max !== undefined ? { operator: 'between', formulae: [min, max] }
      : min !== undefined ? { operator: 'greaterThanOrEqual', formulae: [min] }
        : max !== undefined ? { operator: 'lessThanOrEqual', formulae: [max] }
          : { operator: 'between', formulae: [lo, hi] };
  switch (rule.type) {
    case 'list':
      return { ...base, type: 'list', formulae: [defined(listRef, 'the list range of a list rule')], error: 'Pilih salah satu nilai dari daftar.', prompt: 'Pilih dari daftar.' };
    case 'whole':
      return { ...base, type: 'whole', ...bounded(rule.min, rule.max, -BIG, BIG), error: `Isi dengan bilangan bulat${rule.min !== undefined ? `, paling kecil ${rule.min}` : ''}${rule.max !== undefined ? `, paling besar ${rule.max}` : ''}.`, prompt: 'Bilangan bulat.' };
    case 'decimal':
      return { ...base, type: 'decimal', ...bounded(rule.min, rule.max, -BIG, BIG), error: `Isi dengan angka${rule.min !== undefined ? `, paling kecil ${rule.min}` : ''}${rule.max !== undefined ? `, paling besar ${rule.max}` : ''}.`, prompt: 'Angka.' };
    case 'date':
      return { ...base, type: 'date', ...bounded(rule.min, rule.max, new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(9999, 11, 31))), error: 'Isi dengan tanggal yang sah (mis. 2024-12-31).', prompt: 'Tanggal (TTTT-BB-HH).' };
    case 'textLength':
      return { ...base, type: 'textLength', ...bounded(rule.min, rule.max, 0, 32767), error: `Panjang teks${rule.min !== undefined ? ` paling sedikit ${rule.min}` : ''}${rule.max !== undefined ? ` paling banyak ${rule.max}` : ''} karakter.`, prompt: 'Teks.' };
  }
}

/** exceljs has `dataValidations` on worksheets but its type declarations omit it. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

export function buildTemplate(src: TemplateSource): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'satudata';
  const fields = src.schema.fields;
  const refs = referenceLists(src.schema, src.packageResources);
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const guide = wb.addWorksheet(GUIDE_SHEET);
  const lists = wb.addWorksheet(LIST_SHEET, { state: 'hidden' });
  let listCol = 0;

  fields.forEach((f, j) => {
    const col = j + 1;
    const letter = columnLetter(j);
    const required = f.constraints?.required === true;
    const title = `${f.title ?? f.name}${required ? ' *' : ''}`;
    const head = ws.getCell(1, col);
    head.value = title;
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'top' };
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    head.note = `${f.name}${f.description ? `: ${f.description}` : ''}`;
    ws.getCell(2, col).value = f.name;
    const column = ws.getColumn(col);
    column.width = Math.min(50, Math.max(12, title.length + 2, f.name.length + 2));
    const fmt = numFmt(f);
    const rule = ruleFor(f, refs.get(f.name));
    let listRef: string | undefined;
    if (rule?.type === 'list') {
      listCol++;
      const lc = columnLetter(listCol - 1);
      lists.getCell(1, listCol).value = f.name;
      rule.values.forEach((v, i) => (lists.getCell(i + 2, listCol).value = v));
      listRef = `${LIST_SHEET}!$${lc}$2:$${lc}$${rule.values.length + 1}`;
    }
    // A column style, not cell styles: styled empty cells would be read as thousands of blank rows.
    if (fmt) column.numFmt = fmt;
    if (rule) validations(ws).add(`${letter}3:${letter}${TEMPLATE_ROWS + 2}`, validationFor(rule, listRef, f));
  });
  ws.getRow(2).hidden = true;
  writeGuide(guide, src, fields, refs);
  return wb;
}

function writeGuide(ws: ExcelJS.Worksheet, src: TemplateSource, fields: Field[], refs: Map<string, string[]>): void {
  const lines = [
    `Petunjuk pengisian${src.title ? `: ${src.title}` : src.resourceName ? `: ${src.resourceName}` : ''}`,
    src.description ?? '',
    `Isi data di lembar "${DATA_SHEET}" mulai baris 3, satu baris per data. Jangan mengubah, menghapus, atau menyisipkan baris 1 dan 2.`,
    'Baris 1 berisi judul kolom untuk dibaca; baris 2 (tersembunyi) berisi nama field yang diperiksa oleh "satudata validate".',
    `Untuk validasi, sumber daya (resource) berkas ini memakai dialect {"headerRows": [2], "sheetName": "${DATA_SHEET}"}.`,
    'Kolom bertanda * wajib diisi. Tanggal ditulis sebagai tanggal Excel atau TTTT-BB-HH (mis. 2024-12-31). Sel kosong berarti tidak ada data.',
    'Daftar pilihan (dropdown) diambil dari skema dan dari daftar rujukan (mis. kecamatan Kota Makassar).',
  ];
  lines.forEach((l, i) => (ws.getCell(i + 1, 1).value = l));
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const start = lines.length + 2;
  const header = ['No', 'Kolom', 'Judul', 'Nama field', 'Tipe', 'Wajib', 'Batasan', 'Keterangan', 'Contoh'];
  header.forEach((h, j) => {
    const c = ws.getCell(start, j + 1);
    c.value = h;
    c.font = { bold: true };
  });
  fields.forEach((f, i) => {
    const ref = refs.get(f.name);
    const refNote = ref ? `pilih dari daftar rujukan (${ref.length} pilihan)` : '';
    const row = [
      i + 1,
      columnLetter(i),
      f.title ?? f.name,
      f.name,
      TYPE_ID[String(f.type ?? 'string')] ?? String(f.type),
      f.constraints?.required ? 'ya' : 'tidak',
      [constraintText(f), refNote].filter(Boolean).join('; '),
      f.description ?? '',
      exampleFor(f),
    ];
    row.forEach((v, j) => (ws.getCell(start + 1 + i, j + 1).value = v));
  });
  [6, 8, 30, 24, 20, 8, 45, 45, 18].forEach((w, j) => (ws.getColumn(j + 1).width = w));
}
