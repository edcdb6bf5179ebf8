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
import { msg, type Lang } from '../i18n.js';
import { constraintText, exampleFor, numFmt, ruleFor, typeName, type Rule } from './fields.js';
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

function validationFor(rule: Rule, listRef: string | undefined, f: Field, lang: Lang): ExcelJS.DataValidation {
  const base = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', errorTitle: msg(lang, 'template.book.error_title'), showInputMessage: true, promptTitle: (f.title ?? f.name).slice(0, 32) };
  const say = (code: Parameters<typeof msg>[1], vars?: Record<string, unknown>) => msg(lang, code, vars);
  const range = (r: { min?: unknown; max?: unknown }, min: 'template.book.bound.min' | 'template.book.bound.min_chars', max: 'template.book.bound.max' | 'template.book.bound.max_chars') =>
    `${r.min !== undefined ? say(min, { n: r.min }) : ''}${r.max !== undefined ? say(max, { n: r.max }) : ''}`;
  const bounded = <T>(min: T | undefined, max: T | undefined, lo: T, hi: T): Pick<ExcelJS.DataValidation, 'operator' | 'formulae'> =>
    min !== undefined && max !== undefined ? { operator: 'between', formulae: [min, max] }
      : min !== undefined ? { operator: 'greaterThanOrEqual', formulae: [min] }
        : max !== undefined ? { operator: 'lessThanOrEqual', formulae: [max] }
          : { operator: 'between', formulae: [lo, hi] };
  switch (rule.type) {
    case 'list':
      return { ...base, type: 'list', formulae: [defined(listRef, 'the list range of a list rule')], error: say('template.book.list.error'), prompt: say('template.book.list.prompt') };
    case 'whole':
      return { ...base, type: 'whole', ...bounded(rule.min, rule.max, -BIG, BIG), error: say('template.book.whole.error', { range: range(rule, 'template.book.bound.min', 'template.book.bound.max') }), prompt: say('template.book.whole.prompt') };
    case 'decimal':
      return { ...base, type: 'decimal', ...bounded(rule.min, rule.max, -BIG, BIG), error: say('template.book.decimal.error', { range: range(rule, 'template.book.bound.min', 'template.book.bound.max') }), prompt: say('template.book.decimal.prompt') };
    case 'date':
      return { ...base, type: 'date', ...bounded(rule.min, rule.max, new Date(Date.UTC(1900, 0, 1)), new Date(Date.UTC(9999, 11, 31))), error: say('template.book.date.error'), prompt: say('template.book.date.prompt') };
    case 'textLength':
      return { ...base, type: 'textLength', ...bounded(rule.min, rule.max, 0, 32767), error: say('template.book.text.error', { range: range(rule, 'template.book.bound.min_chars', 'template.book.bound.max_chars') }), prompt: say('template.book.text.prompt') };
  }
}

/** exceljs has `dataValidations` on worksheets but its type declarations omit it. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

export function buildTemplate(src: TemplateSource, lang: Lang = 'id'): ExcelJS.Workbook {
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
    if (rule) validations(ws).add(`${letter}3:${letter}${TEMPLATE_ROWS + 2}`, validationFor(rule, listRef, f, lang));
  });
  ws.getRow(2).hidden = true;
  writeGuide(guide, src, fields, refs, lang);
  return wb;
}

function writeGuide(ws: ExcelJS.Worksheet, src: TemplateSource, fields: Field[], refs: Map<string, string[]>, lang: Lang): void {
  const name = src.title || src.resourceName;
  const lines = [
    name ? msg(lang, 'template.book.guide.title_of', { name }) : msg(lang, 'template.book.guide.title'),
    src.description ?? '',
    msg(lang, 'template.book.guide.where', { sheet: DATA_SHEET }),
    msg(lang, 'template.book.guide.rows'),
    msg(lang, 'template.book.guide.dialect', { sheet: DATA_SHEET }),
    msg(lang, 'template.book.guide.required'),
    msg(lang, 'template.book.guide.lists'),
  ];
  lines.forEach((l, i) => (ws.getCell(i + 1, 1).value = l));
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const start = lines.length + 2;
  const header = (['no', 'column', 'title', 'field', 'type', 'required', 'constraints', 'description', 'example'] as const).map((k) => msg(lang, `template.book.col.${k}`));
  header.forEach((h, j) => {
    const c = ws.getCell(start, j + 1);
    c.value = h;
    c.font = { bold: true };
  });
  fields.forEach((f, i) => {
    const ref = refs.get(f.name);
    const refNote = ref ? msg(lang, 'template.book.ref_list', { n: ref.length }) : '';
    const row = [
      i + 1,
      columnLetter(i),
      f.title ?? f.name,
      f.name,
      typeName(String(f.type ?? 'string'), lang),
      msg(lang, f.constraints?.required ? 'template.book.yes' : 'template.book.no'),
      [constraintText(f, lang), refNote].filter(Boolean).join('; '),
      f.description ?? '',
      exampleFor(f),
    ];
    row.forEach((v, j) => (ws.getCell(start + 1 + i, j + 1).value = v));
  });
  [6, 8, 30, 24, 20, 8, 45, 45, 18].forEach((w, j) => (ws.getColumn(j + 1).width = w));
}
