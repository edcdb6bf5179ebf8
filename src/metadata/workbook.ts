/**
 * The metadata Excel round trip: `metadata --export` writes a workbook an officer fills in Excel, and
 * `metadata --import` reads it back as `--set` assignments, each tied to the cell it came from, so
 * that every bad value is reported by cell (`Kolom!F7`) and nothing is written unless all are valid.
 *
 * Layout (headings in row 1 of each sheet; the first columns identify the row and are not edited):
 *   Dataset:     Kunci | Isian | Wajib | Nilai | Petunjuk          (one row per dataset field)
 *   Sumber daya: Sumber daya | Berkas | Judul | Deskripsi         (one row per resource)
 *   Kolom:       Sumber daya | Nama kolom | Tipe | Judul | Deskripsi | Satuan | Wajib
 *   Daftar:      hidden lists behind the dropdowns (frequency, level, measure, access, organization, licence)
 */
import ExcelJS from 'exceljs';
import type { Lang, Msg } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { DATASET_FIELDS, findDatasetField, type MetaField } from './fields.js';
import { LICENSES } from './licenses.js';
import type { OrgChoice } from './organizations.js';
import { fieldTarget, inlineFields, isMeasure, resourceTarget } from './resource-keys.js';
import { m } from '../i18n.js';
import { at } from '../invariant.js';

export const SHEETS = { dataset: 'Dataset', resources: 'Sumber daya', columns: 'Kolom', lists: 'Daftar' } as const;

const HEAD: Record<'dataset' | 'resources' | 'columns', Msg[]> = {
  dataset: [
    m('metadata.workbook.head.dataset.Kunci'),
    m('metadata.workbook.head.dataset.Isian'),
    m('metadata.workbook.head.dataset.Wajib'),
    m('metadata.workbook.head.dataset.Nilai'),
    m('metadata.workbook.head.dataset.Petunjuk'),
  ],
  resources: [
    m('metadata.workbook.head.resources.Sumber_daya'),
    m('metadata.workbook.head.resources.Berkas'),
    m('metadata.workbook.head.resources.Judul'),
    m('metadata.workbook.head.resources.Deskripsi'),
  ],
  columns: [
    m('metadata.workbook.head.columns.Sumber_daya'),
    m('metadata.workbook.head.columns.Nama_kolom'),
    m('metadata.workbook.head.columns.Tipe'),
    m('metadata.workbook.head.columns.Judul'),
    m('metadata.workbook.head.columns.Deskripsi'),
    m('metadata.workbook.head.columns.Satuan'),
    m('metadata.workbook.head.columns.Wajib'),
  ],
};

const WORDS = {
  required: m('metadata.workbook.words.required'),
  recommended: m('metadata.workbook.words.recommended'),
  choose: m('metadata.workbook.words.choose'),
  title: m('metadata.workbook.words.title'),
  unit: m('metadata.workbook.words.unit'),
  listHint: m('metadata.workbook.words.listHint'),
};

export interface ExportOptions {
  lang: Lang;
  /** Organization choices for the dropdown (the portal's, or the bundled SKPD list). */
  orgs: readonly OrgChoice[];
}

/** exceljs has `dataValidations` on worksheets but its type declarations omit it. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function heading(ws: ExcelJS.Worksheet, titles: Msg[], lang: Lang, widths: number[]): void {
  ws.addRow(titles.map((t) => t[lang]));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** The dropdown values of a dataset field, or undefined when it is free text. */
function choicesOf(f: MetaField, orgs: readonly OrgChoice[]): string[] | undefined {
  if (f.terms) return f.terms.map((t) => t.code);
  if (f.input === 'organization') return orgs.map((o) => o.name);
  if (f.input === 'license') return LICENSES.map((l) => l.name);
  return undefined;
}

export function buildMetadataWorkbook(pkg: DataPackage, o: ExportOptions): ExcelJS.Workbook {
  const { lang } = o;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'satudata';
  const ds = wb.addWorksheet(SHEETS.dataset);
  const rs = wb.addWorksheet(SHEETS.resources);
  const cs = wb.addWorksheet(SHEETS.columns);
  const ls = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  heading(ds, HEAD.dataset, lang, [26, 48, 8, 60, 70]);
  heading(rs, HEAD.resources, lang, [28, 36, 48, 70]);
  heading(cs, HEAD.columns, lang, [28, 28, 10, 36, 60, 16, 18]);

  let listCol = 0;
  for (const f of DATASET_FIELDS) {
    const choices = choicesOf(f, o.orgs);
    const hint = [f.hint?.[lang], f.input === 'list' ? WORDS.listHint[lang] : undefined, choices ? `${WORDS.choose[lang]}: ${choices.slice(0, 12).join(', ')}${choices.length > 12 ? ', …' : ''}` : undefined]
      .filter(Boolean)
      .join('. ');
    const row = ds.addRow([f.key, f.label[lang], f.mandatory ? '★' : '', f.read(pkg) ?? '', hint]);
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    if (choices?.length) {
      listCol++;
      const letter = columnName(listCol);
      ls.getCell(`${letter}1`).value = f.key;
      choices.forEach((c, i) => (ls.getCell(`${letter}${i + 2}`).value = c));
      validations(ds).add(`D${row.number}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${SHEETS.lists}'!$${letter}$2:$${letter}$${choices.length + 1}`],
        showErrorMessage: true,
        errorStyle: 'stop',
        error: WORDS.choose[lang],
      });
    }
  }

  (pkg.resources ?? []).forEach((res, ri) => {
    const name = res.name ?? String(ri);
    rs.addRow([name, Array.isArray(res.path) ? res.path.join(', ') : res.path ?? '', resourceTarget(pkg, ri, 'title').read() ?? '', resourceTarget(pkg, ri, 'description').read() ?? '']);
    inlineFields(res).forEach((field, fi) => {
      const measure = isMeasure(field, res);
      const required = [WORDS.title[lang], ...(measure ? [WORDS.unit[lang]] : [])].join(', ');
      cs.addRow([
        name,
        field.name,
        field.type ?? 'string',
        fieldTarget(pkg, ri, fi, 'title').read() ?? '',
        fieldTarget(pkg, ri, fi, 'description').read() ?? '',
        fieldTarget(pkg, ri, fi, 'satuan').read() ?? '',
        required,
      ]);
    });
  });
  return wb;
}

function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** One `--set` assignment read from a cell. */
export interface CellAssignment {
  /** `Kolom!F7` */
  cell: string;
  key: string;
  value: string;
}

export interface ImportResult {
  assignments: CellAssignment[];
  /** Cells or sheets that cannot be read as metadata at all (layout problems). */
  problems: string[];
}

/** A cell's value as the text an officer sees; '' for empty. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if ('text' in v && typeof v.text === 'string') return v.text.trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v).trim();
}

const SAY = {
  noSheet: m('metadata.workbook.say.noSheet'),
  badHeading: m('metadata.workbook.say.badHeading'),
  unknownKey: m('metadata.workbook.say.unknownKey'),
  unknownResource: m('metadata.workbook.say.unknownResource'),
  unknownField: m('metadata.workbook.say.unknownField'),
};

function say(m: Msg, lang: Lang, vars: Record<string, string>): string {
  return m[lang].replace(/\{(\w+)\}/g, (_s, k: string) => vars[k] ?? '');
}

function checkHeadings(ws: ExcelJS.Worksheet, titles: Msg[], lang: Lang, problems: string[]): void {
  titles.forEach((t, i) => {
    const got = cellText(ws.getRow(1).getCell(i + 1).value);
    if (got !== t.id && got !== t.en) problems.push(say(SAY.badHeading, lang, { cell: `${ws.name}!${columnName(i + 1)}1`, got, want: t[lang] }));
  });
}

/**
 * Read a filled workbook into assignments. Empty cells change nothing (the value in datapackage.json
 * stays); identifying columns (keys, resource and field names) must be as exported.
 */
export function readMetadataWorkbook(wb: ExcelJS.Workbook, pkg: DataPackage, lang: Lang): ImportResult {
  // Resources and fields are found by name and addressed by index, so names holding dots stay whole.
  const resources = pkg.resources ?? [];
  const resourceIndex = (cell: string, name: string): number | undefined => {
    const ri = resources.findIndex((res, i) => (res.name ?? String(i)) === name);
    if (ri < 0) problems.push(say(SAY.unknownResource, lang, { cell, name }));
    return ri < 0 ? undefined : ri;
  };
  const assignments: CellAssignment[] = [];
  const problems: string[] = [];
  const sheet = (name: string): ExcelJS.Worksheet | undefined => {
    const ws = wb.getWorksheet(name);
    if (!ws) problems.push(say(SAY.noSheet, lang, { sheet: name }));
    return ws;
  };
  const ds = sheet(SHEETS.dataset);
  const rs = sheet(SHEETS.resources);
  const cs = sheet(SHEETS.columns);
  if (!ds || !rs || !cs) return { assignments, problems };
  checkHeadings(ds, HEAD.dataset, lang, problems);
  checkHeadings(rs, HEAD.resources, lang, problems);
  checkHeadings(cs, HEAD.columns, lang, problems);
  if (problems.length) return { assignments, problems };

  ds.eachRow((row, r) => {
    if (r === 1) return;
    const key = cellText(row.getCell(1).value);
    const value = cellText(row.getCell(4).value);
    if (!key && !value) return;
    if (!findDatasetField(key)) {
      problems.push(say(SAY.unknownKey, lang, { cell: `${ds.name}!A${r}`, key }));
      return;
    }
    if (value) assignments.push({ cell: `${ds.name}!D${r}`, key, value });
  });
  rs.eachRow((row, r) => {
    if (r === 1) return;
    const ri = resourceIndex(`${rs.name}!A${r}`, cellText(row.getCell(1).value));
    if (ri === undefined) return;
    const cells: Array<[number, string]> = [
      [3, 'title'],
      [4, 'description'],
    ];
    for (const [c, attr] of cells) {
      const value = cellText(row.getCell(c).value);
      if (value) assignments.push({ cell: `${rs.name}!${columnName(c)}${r}`, key: `resources.${ri}.${attr}`, value });
    }
  });
  cs.eachRow((row, r) => {
    if (r === 1) return;
    const resName = cellText(row.getCell(1).value);
    const ri = resourceIndex(`${cs.name}!A${r}`, resName);
    if (ri === undefined) return;
    const fieldName = cellText(row.getCell(2).value);
    const fi = inlineFields(at(resources, ri)).findIndex((f) => f.name === fieldName);
    if (fi < 0) {
      problems.push(say(SAY.unknownField, lang, { cell: `${cs.name}!B${r}`, name: fieldName, resource: resName }));
      return;
    }
    const cells: Array<[number, string]> = [
      [4, 'title'],
      [5, 'description'],
      [6, 'unit'],
    ];
    for (const [c, attr] of cells) {
      const value = cellText(row.getCell(c).value);
      if (value) assignments.push({ cell: `${cs.name}!${columnName(c)}${r}`, key: `resources.${ri}.schema.fields.${fi}.${attr}`, value });
    }
  });
  return { assignments, problems };
}
