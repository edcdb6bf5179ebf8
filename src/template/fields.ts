/**
 * Pure: what the template says and enforces for one field: the Excel number format, the data
 * validation rule, and the explanation for the `Petunjuk` sheet (Bahasa Indonesia, or English).
 */
import { msg, type Lang, type MsgCode } from '../i18n.js';
import type { Field } from '../schema/types.js';

const TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'time', 'datetime', 'year', 'yearmonth', 'any'];

/** A field type in words (`integer` → `bilangan bulat`); an unknown type as it is written. */
export function typeName(type: string, lang: Lang = 'id'): string {
  return TYPES.includes(type) ? msg(lang, `template.type.${type}` as MsgCode) : type;
}

export function numFmt(f: Field): string | undefined {
  switch (f.type) {
    case 'integer':
    case 'year':
      return '0';
    case 'number':
      return 'General';
    case 'date':
      return 'yyyy-mm-dd';
    case 'time':
      return 'hh:mm:ss';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    case 'string':
    case 'yearmonth':
      // Text format keeps codes as typed (leading zeros, 73.71.01) instead of turning them into numbers.
      return '@';
    default:
      return undefined;
  }
}

export type Rule =
  | { type: 'list'; values: string[] }
  | { type: 'whole' | 'decimal'; min?: number; max?: number }
  | { type: 'date'; min?: Date; max?: Date }
  | { type: 'textLength'; min?: number; max?: number };

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));
function day(v: unknown): Date | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return new Date(`${v}T00:00:00Z`);
}

/** The Excel validation for a field (undefined: nothing Excel can check). `refValues` are FK lists. */
export function ruleFor(f: Field, refValues?: string[]): Rule | undefined {
  const c = f.constraints ?? {};
  if (Array.isArray(c.enum) && c.enum.length) return { type: 'list', values: c.enum.map(String) };
  if (refValues?.length) return { type: 'list', values: refValues };
  switch (f.type) {
    case 'integer':
    case 'year':
      return { type: 'whole', min: num(c.minimum), max: num(c.maximum) };
    case 'number':
      return { type: 'decimal', min: num(c.minimum), max: num(c.maximum) };
    case 'date':
      return { type: 'date', min: day(c.minimum), max: day(c.maximum) };
    case 'boolean': {
      const t = f.trueValues?.[0] ?? 'true';
      const fa = f.falseValues?.[0] ?? 'false';
      return { type: 'list', values: [t, fa] };
    }
    case 'string':
      if (c.minLength !== undefined || c.maxLength !== undefined) return { type: 'textLength', min: num(c.minLength), max: num(c.maxLength) };
      return undefined;
    default:
      return undefined;
  }
}

/** Constraints in words (Bahasa Indonesia by default). */
export function constraintText(f: Field, lang: Lang = 'id'): string {
  const c = f.constraints ?? {};
  const out: string[] = [];
  const say = (code: MsgCode, vars?: Record<string, unknown>) => out.push(msg(lang, code, vars));
  if (c.required) say('template.constraint.required');
  if (c.unique) say('template.constraint.unique');
  if (c.minimum !== undefined) say('template.constraint.minimum', { value: String(c.minimum) });
  if (c.maximum !== undefined) say('template.constraint.maximum', { value: String(c.maximum) });
  if (c.minLength !== undefined) say('template.constraint.min_length', { n: c.minLength });
  if (c.maxLength !== undefined) say('template.constraint.max_length', { n: c.maxLength });
  if (Array.isArray(c.enum)) say('template.constraint.enum', { n: c.enum.length });
  if (c.pattern) say('template.constraint.pattern', { pattern: c.pattern });
  if (f.type === 'date') say('template.constraint.date');
  if (f.type === 'number' && f.decimalChar === ',') say('template.constraint.decimal_comma');
  return out.join('; ');
}

export function exampleFor(f: Field): string {
  if (f.example !== undefined) return String(f.example);
  const c = f.constraints ?? {};
  if (Array.isArray(c.enum) && c.enum.length) return String(c.enum[0]);
  switch (f.type) {
    case 'integer': return String(num(c.minimum) ?? 10);
    case 'number': return String(num(c.minimum) ?? 12.5);
    case 'date': return typeof c.minimum === 'string' ? c.minimum : '2024-12-31';
    case 'time': return '08:30:00';
    case 'datetime': return '2024-12-31 08:30:00';
    case 'year': return '2024';
    case 'boolean': return f.trueValues?.[0] ?? 'true';
    default: return '';
  }
}
