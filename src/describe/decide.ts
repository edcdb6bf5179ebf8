/**
 * Pure decision: a column's tallies (column-scorer.ts) + its name → the preferred field, fallbacks
 * for the verification pass, and notes. Every choice that is not obvious gets an explaining note.
 */
import type { Field } from '../schema/types.js';
import type { ColumnTally } from './column-scorer.js';
import { decideDate } from './decide-date.js';
import { looksLikeCodeName } from './names.js';
import { note } from './note.js';
import { matchKecamatan } from './region.js';
import type { DescribeNote, FieldChoice } from './types.js';
import { m, mf, msg, type MsgCode } from '../i18n.js';

export interface ColumnIdentity {
  name: string;
  title?: string;
}

const stringField = (id: ColumnIdentity): Field => withTitle({ name: id.name, type: 'string' }, id);

function withTitle(f: Field, id: ColumnIdentity): Field {
  return id.title !== undefined && id.title !== f.name ? { ...f, title: id.title } : f;
}

export function decideField(t: ColumnTally, id: ColumnIdentity): FieldChoice {
  const notes: DescribeNote[] = [];
  if (t.faults > 0) {
    notes.push(note('warning', 'excel-error-cells', mf('describe.decide.column_holds_excel_error', { name: id.name }), id.name, t.faultRows));
  }
  const choice = decideType(t, id, notes);
  return { ...choice, notes: [...notes, ...choice.notes] };
}

function decideType(t: ColumnTally, id: ColumnIdentity, notes: DescribeNote[]): FieldChoice {
  const good = t.values - t.faults;
  if (good === 0) {
    return { field: stringField(id), fallbacks: [], notes: [note('info', 'empty-column', mf('describe.decide.column_is_empty_in', { name: id.name }), id.name)] };
  }
  const numeric = t.nativeNumbers + t.numberTexts;
  if (numeric === good) return decideNumber(t, id);
  if (t.nativeDates === good) {
    const type = t.nativeDatesWithTime > 0 ? 'datetime' : 'date';
    return { field: withTitle({ name: id.name, type }, id), fallbacks: [stringField(id)], notes: [] };
  }
  if (t.nativeBooleans === good) return { field: withTitle({ name: id.name, type: 'boolean' }, id), fallbacks: [stringField(id)], notes: [] };
  if (t.dates.count === good) return decideDate(t, id);
  if (t.dates.count > 0 && t.badDates > 0 && t.dates.count + t.badDates === good && few(t.badDates, good, 10)) {
    const choice = decideDate(t, id);
    if (choice.field.type === 'date') {
      return { ...choice, tolerate: t.badDates, notes: [...choice.notes, note('warning', 'impossible-dates', mf('describe.decide.column_holds_dates_but', { name: id.name, badDates: t.badDates }), id.name, t.badDateRows)] };
    }
  }
  if (t.dates.count > 0 && t.shortDates > 0 && t.dates.count + t.shortDates === good) {
    notes.push(note('warning', 'mixed-date-formats', mf('describe.decide.column_mixes_dates_with', { name: id.name }), id.name, t.shortDateRows));
    return decideString(t, id);
  }
  const bool = decideBoolean(t, id, good);
  if (bool) return bool;
  if (numeric > 0 && t.other > 0 && numeric + t.other === good && few(t.other, good)) {
    const choice = decideNumber(t, id);
    if (choice.field.type === 'integer' || choice.field.type === 'number') {
      return { ...choice, tolerate: t.other, notes: [...choice.notes, note('warning', 'text-in-number-column', mf('describe.decide.column_holds_numbers_but', { name: id.name, other: t.other, type: choice.field.type }), id.name, t.otherRows)] };
    }
  }
  if (numeric > 0 && numeric >= 0.8 * good && t.other > 0) {
    notes.push(note('warning', 'numbers-with-text', mf('describe.decide.column_is_nearly_all', { name: id.name, other: t.other }), id.name, t.otherRows));
  }
  return decideString(t, id);
}

/**
 * A handful of defects among an overwhelming majority: at most 10 cells and at most 1 in `ratio` of
 * the values (1 in 50 for text among numbers; 1 in 10 for impossible dates, which can only be typos).
 */
export function few(bad: number, good: number, ratio = 50): boolean {
  return bad > 0 && bad <= 10 && bad * ratio <= good;
}

function decideString(t: ColumnTally, id: ColumnIdentity): FieldChoice {
  const field = stringField(id);
  const notes: DescribeNote[] = [];
  if (!t.distinctOverflow) {
    const found = matchKecamatan(t.distinct.keys());
    if (found) {
      field.constraints = { enum: found.values };
      const kind = m(found.kind === 'codes' ? 'describe.decide.kecamatan_codes' : 'describe.decide.kecamatan_names');
      notes.push(note('info', 'kecamatan', mf('describe.decide.kecamatan', { name: id.name, kind }), id.name));
    }
  }
  return { field, fallbacks: [], notes };
}

function decideBoolean(t: ColumnTally, id: ColumnIdentity, good: number): FieldChoice | undefined {
  if (t.texts !== good || t.booleanWords.size === 0 || t.distinctOverflow) return undefined;
  if (![...t.distinct.keys()].every((v) => t.booleanWords.has(v))) return undefined;
  const words = [...t.booleanWords];
  const yes = words.filter((w) => /^(true|ya)$/i.test(w));
  const no = words.filter((w) => /^(false|tidak)$/i.test(w));
  const english = words.every((w) => /^(true|false)$/i.test(w));
  if (english) {
    return { field: withTitle({ name: id.name, type: 'boolean' }, id), fallbacks: [stringField(id)], notes: [] };
  }
  // Declare both sides in every casing seen, so a column that holds only "Ya" still accepts "Tidak".
  const caseOf = (w: string) => (w === w.toUpperCase() ? 'U' : w === w.toLowerCase() ? 'L' : 'T');
  const styles = new Set(words.map(caseOf));
  const apply = (w: string, s: string) => (s === 'U' ? w.toUpperCase() : s === 'L' ? w.toLowerCase() : w);
  const trueValues = [...new Set([...yes, ...[...styles].map((s) => apply('Ya', s))])];
  const falseValues = [...new Set([...no, ...[...styles].map((s) => apply('Tidak', s))])];
  return {
    field: withTitle({ name: id.name, type: 'boolean', trueValues, falseValues }, id),
    fallbacks: [stringField(id)],
    notes: [note('info', 'boolean-ya-tidak', mf('describe.decide.column_holds_ya_tidak', { name: id.name, JSON: JSON.stringify(trueValues) }), id.name)],
  };
}

function decideNumber(t: ColumnTally, id: ColumnIdentity): FieldChoice {
  if (t.leadingZeros > 0 || looksLikeCodeName(id.name)) {
    return { field: stringField(id), fallbacks: [], notes: [note('info', 'code-as-string', mf('describe.decide.code_as_text', { name: id.name, why: m(t.leadingZeros > 0 ? 'describe.decide.code_leading_zeros' : 'describe.decide.code_header') }), id.name)] };
  }
  const dotOk = t.dot.failed === 0;
  const commaOk = t.comma.failed === 0;
  if (!dotOk && !commaOk) {
    // Show the rows of the minority style: those are the ones the officer most likely has to fix.
    const rows = t.dot.ok >= t.comma.ok ? t.dot.failedRows : t.comma.failedRows;
    return { field: stringField(id), fallbacks: [], notes: [note('warning', 'mixed-decimal-separators', mf('describe.decide.column_mixes_two_number', { name: id.name }), id.name, rows)] };
  }
  const notes: DescribeNote[] = [];
  let conv: 'dot' | 'comma';
  if (dotOk && commaOk) {
    const plain = !t.dot.grouped && !t.dot.fraction && !t.comma.grouped && !t.comma.fraction;
    // Both read every value: each separator is a single one followed by exactly three digits.
    // Indonesian files write thousands that way far more often than three-decimal values.
    conv = plain || !t.comma.fraction ? 'comma' : !t.dot.fraction ? 'dot' : 'comma';
    if (!plain) {
      notes.push(note('info', 'ambiguous-separator', mf('describe.decide.column_every_number_has', { name: id.name }), id.name));
    }
  } else conv = dotOk ? 'dot' : 'comma';
  const tally = conv === 'dot' ? t.dot : t.comma;
  const groupChar = tally.grouped ? (conv === 'dot' ? ',' : '.') : undefined;
  const allNativeWhole = t.nativeIntegers === t.nativeNumbers;
  const integer = !tally.fraction && allNativeWhole;
  const base: Field = { name: id.name, type: integer ? 'integer' : 'number' };
  if (!integer && (conv === 'comma' && (tally.fraction || groupChar))) base.decimalChar = ',';
  if (groupChar) base.groupChar = groupChar;
  if (t.affixed > 0) base.bareNumber = false;
  if (!integer && tally.fraction && tally.allZeroFraction && allNativeWhole) {
    notes.push(note('info', 'whole-as-decimal', mf('describe.decide.column_holds_whole_numbers', { name: id.name }), id.name));
  }
  if (conv === 'comma' && (tally.fraction || groupChar)) {
    const marks = [groupChar && 'describe.decide.thousands_dots', tally.fraction && 'describe.decide.decimal_comma'].filter((k): k is MsgCode => !!k);
    const parts = { id: marks.map((k) => msg('id', k)).join(', '), en: marks.map((k) => msg('en', k)).join(', ') };
    notes.push(note('info', 'indonesian-number-format', mf('describe.decide.number_format', { name: id.name, parts }), id.name));
  }
  if (t.affixed > 0) {
    notes.push(note('info', 'currency-or-percent', mf('describe.decide.column_holds_numbers_with', { name: id.name }), id.name));
  }
  const field = withTitle(base, id);
  const fallbacks: Field[] = [];
  // Validators differ on padded numbers (` 0.91 `) and on integer groupChar (a v2 addition):
  // the verification pass tries these in order and keeps the first that reads every value.
  if (t.padded > 0 && base.bareNumber !== false) fallbacks.push({ ...field, bareNumber: false });
  if (integer) {
    fallbacks.push({ ...field, type: 'number', ...(conv === 'comma' && groupChar ? { decimalChar: ',' } : {}) });
    if (t.padded > 0) fallbacks.push({ ...field, type: 'number', bareNumber: false, ...(conv === 'comma' && groupChar ? { decimalChar: ',' } : {}) });
  }
  fallbacks.push(stringField(id));
  return { field, fallbacks, notes };
}
