import type { Lang, MsgCode } from '../i18n.js';
import type { ReportError } from '../validate/types.js';
import { expectedValue } from './expect.js';
import { msg } from '../i18n.js';
import { at } from '../invariant.js';

export interface HumanMessage {
  /** What is wrong, in one sentence. */
  what: string;
  /** How to fix it. */
  fix?: string;
}

const q = (s: string | undefined) => `"${s ?? ''}"`;

function typeSpec(note: string): string {
  return /type is "([^"]+)"/.exec(note)?.[1] ?? 'string/default';
}

/** `constraint "maximum" is "100"` → ['maximum', '100'] */
function constraintOf(note: string): [string, string] {
  const m = /constraint "([^"]+)" is "([\s\S]*)"$/.exec(note);
  return m ? [at(m, 1), at(m, 2)] : ['', note];
}

function constraintText(name: string, value: string, lang: Lang): HumanMessage {
  switch (name) {
    case 'required':
      return { what: msg(lang, 'report.messages.required.what'), fix: msg(lang, 'report.messages.required.fix') };
    case 'minimum':
      return { what: msg(lang, 'report.messages.minimum.what', { value }), fix: msg(lang, 'report.messages.minimum.fix', { value }) };
    case 'maximum':
      return { what: msg(lang, 'report.messages.maximum.what', { value }), fix: msg(lang, 'report.messages.maximum.fix', { value }) };
    case 'exclusiveMinimum':
      return { what: msg(lang, 'report.messages.exclusiveMinimum.what', { value }), fix: msg(lang, 'report.messages.exclusiveMinimum.fix', { value }) };
    case 'exclusiveMaximum':
      return { what: msg(lang, 'report.messages.exclusiveMaximum.what', { value }), fix: msg(lang, 'report.messages.exclusiveMaximum.fix', { value }) };
    case 'minLength':
      return { what: msg(lang, 'report.messages.minLength.what', { value }), fix: msg(lang, 'report.messages.minLength.fix') };
    case 'maxLength':
      return { what: msg(lang, 'report.messages.maxLength.what', { value }), fix: msg(lang, 'report.messages.maxLength.fix') };
    case 'pattern':
      return { what: msg(lang, 'report.messages.pattern.what', { value }), fix: msg(lang, 'report.messages.pattern.fix') };
    case 'enum':
      return { what: msg(lang, 'report.messages.enum.what', { value }), fix: msg(lang, 'report.messages.enum.fix') };
    case 'categories':
      return { what: msg(lang, 'report.messages.categories.what', { value }), fix: msg(lang, 'report.messages.categories.fix') };
    case 'jsonSchema':
      return { what: msg(lang, 'report.messages.jsonSchema.what'), fix: msg(lang, 'report.messages.jsonSchema.fix') };
    default:
      return { what: msg(lang, 'report.messages.violates_the_constraint.what', { name, value }) };
  }
}

/** A specific fix for the common ways Indonesian spreadsheets write numbers and dates. */
export function typeFix(cell: string, spec: string, lang: Lang): string | undefined {
  const [type = 'string', format = 'default'] = spec.split('/');
  if (cell !== cell.trim()) return msg(lang, 'report.messages.fix.trim_spaces');
  const numeric = type === 'integer' || type === 'number' || type === 'year';
  if (numeric && /^(Rp\.?\s*|IDR\s*)|%$/i.test(cell)) {
    return msg(lang, 'report.messages.fix.currency_or_percent');
  }
  if (numeric && /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(cell)) {
    return msg(lang, 'report.messages.fix.thousands_dots');
  }
  if (type === 'number' && /^-?\d+,\d+$/.test(cell)) {
    return msg(lang, 'report.messages.fix.decimal_comma');
  }
  if (type === 'integer' && /^-?\d+[.,]\d+$/.test(cell)) {
    return /^-?\d+[.,]0+$/.test(cell)
      ? msg(lang, 'report.messages.fix.whole_with_zero_fraction')
      : msg(lang, 'report.messages.fix.not_whole');
  }
  if ((type === 'date' || type === 'datetime') && format === 'default') {
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(cell)) {
      return msg(lang, 'report.messages.fix.date_format');
    }
    if (/^\d{5}(\.\d+)?$/.test(cell)) {
      return msg(lang, 'report.messages.fix.excel_date_serial');
    }
  }
  if (type === 'boolean') {
    return msg(lang, 'report.messages.fix.boolean');
  }
  if (numeric && /[a-z]/i.test(cell)) {
    return msg(lang, 'report.messages.fix.number_in_words');
  }
  return undefined;
}

/** A frictionless note (English) with its phrase `code` said in `lang`. */
function inLang(note: string, code: MsgCode, lang: Lang): string {
  return note.replace(msg('en', code), msg(lang, code));
}

/** A plain-language description of one error, with a fix, in Bahasa Indonesia or English. */
export function humanMessage(e: ReportError, lang: Lang): HumanMessage {
  const id = lang === 'id';
  switch (e.type) {
    case 'type-error': {
      const spec = typeSpec(e.note);
      const expected = expectedValue(spec, lang);
      const excelError = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)/.test(e.cell ?? '');
      const formula = (e.cell ?? '').startsWith('=');
      if (excelError) {
        return { what: msg(lang, 'report.messages.type-error.what', { cell: e.cell }), fix: msg(lang, 'report.messages.type-error.fix') };
      }
      if (formula) {
        return { what: msg(lang, 'report.messages.type-error.what_2', { cell: e.cell }), fix: msg(lang, 'report.messages.type-error.fix_2') };
      }
      return {
        what: msg(lang, 'report.messages.type_mismatch', { value: q(e.cell), expected }),
        fix: typeFix(e.cell ?? '', spec, lang) ?? (msg(lang, 'report.messages.fix.retype')),
      };
    }
    case 'constraint-error': {
      const [name, value] = constraintOf(e.note);
      const m = constraintText(name, value, lang);
      return { what: `${msg(lang, 'report.messages.value_word')} ${q(e.cell)}: ${m.what}`, fix: m.fix };
    }
    case 'unique-error':
      return { what: msg(lang, 'report.messages.unique-error.what', { cell: q(e.cell), note: inLang(e.note, 'report.messages.note.same_as_row', lang) }), fix: msg(lang, 'report.messages.unique-error.fix') };
    case 'primary-key':
      if (e.note.includes('all "None"')) {
        return { what: msg(lang, 'report.messages.primary-key.what'), fix: msg(lang, 'report.messages.primary-key.fix') };
      }
      return { what: msg(lang, 'report.messages.primary-key.repeat.what', { note: inLang(e.note, 'report.messages.note.same_as_row', lang) }), fix: msg(lang, 'report.messages.primary-key.repeat.fix') };
    case 'unique-key':
      return { what: msg(lang, 'report.messages.unique-key.what', { note: e.note }), fix: msg(lang, 'report.messages.unique-key.fix') };
    case 'foreign-key':
      return {
        what: msg(lang, 'report.messages.foreign-key.what', {
          cells: (e.fieldCells ?? []).map((c) => q(c)).join(', '),
          fields: (e.fieldNames ?? []).join(', '),
          reference: q(e.referenceName || msg(lang, 'report.messages.foreign-key.self')),
          referenceFields: (e.referenceFieldNames ?? []).join(', '),
        }),
        fix: msg(lang, 'report.messages.foreign-key.fix'),
      };
    case 'blank-row':
      return { what: msg(lang, 'report.messages.blank-row.what'), fix: msg(lang, 'report.messages.blank-row.fix') };
    case 'extra-cell':
      return { what: msg(lang, 'report.messages.extra-cell.what', { value: q(e.cell) }), fix: msg(lang, 'report.messages.extra-cell.fix') };
    case 'missing-cell':
      return { what: msg(lang, 'report.messages.missing-cell.what', { value: q(e.fieldName) }), fix: msg(lang, 'report.messages.missing-cell.fix') };
    case 'blank-label':
      return { what: msg(lang, 'report.messages.blank-label.what', { fieldNumber: e.fieldNumber }), fix: msg(lang, 'report.messages.blank-label.fix', { value: q(e.fieldName) }) };
    case 'duplicate-label':
      return { what: msg(lang, 'report.messages.duplicate-label.what', { label: q(e.label), note: inLang(e.note, 'report.messages.note.at_position', lang) }), fix: msg(lang, 'report.messages.duplicate-label.fix') };
    case 'incorrect-label':
      return { what: msg(lang, 'report.messages.incorrect-label.what', { value: q(e.label), value2: q(e.fieldName) }), fix: msg(lang, 'report.messages.incorrect-label.fix', { value: q(e.fieldName) }) };
    case 'missing-label':
      return { what: msg(lang, 'report.messages.missing-label.what', { value: q(e.fieldName) }), fix: msg(lang, 'report.messages.missing-label.fix', { value: q(e.fieldName) }) };
    case 'extra-label':
      return { what: msg(lang, 'report.messages.extra-label.what', { value: q(e.label) }), fix: msg(lang, 'report.messages.extra-label.fix') };
    case 'unmatched-header':
      return { what: msg(lang, 'report.messages.unmatched-header.what'), fix: msg(lang, 'report.messages.unmatched-header.fix') };
    case 'hash-count':
    case 'byte-count':
      return { what: msg(lang, 'report.messages.byte-count.what', { note: e.note }), fix: msg(lang, 'report.messages.byte-count.fix') };
    case 'scheme-error':
      return { what: (id ? e.noteId : undefined) ?? msg(lang, 'report.messages.scheme-error.what', { note: e.note }), fix: msg(lang, 'report.messages.scheme-error.fix') };
    case 'format-error':
      return { what: (id ? e.noteId : undefined) ?? msg(lang, 'report.messages.format-error.what', { note: e.note }), fix: msg(lang, 'report.messages.format-error.fix') };
    case 'encoding-error':
      return { what: (id ? e.noteId : undefined) ?? msg(lang, 'report.messages.encoding-error.what', { note: e.note }), fix: msg(lang, 'report.messages.encoding-error.fix') };
    case 'source-error':
      return { what: msg(lang, 'report.messages.source-error.what', { note: e.note }) };
    case 'satudata-metadata':
      return { what: e.message, fix: msg(lang, 'report.messages.fix.run_metadata') };
    default:
      return { what: e.message };
  }
}
