/**
 * Field-level descriptor rules the JSON profiles cannot express (errors.md §6 notes), checked
 * one field at a time so that a problem gives one message with its pointer.
 */
import type { Field, MissingValue } from './types.js';
import { FIELD_TYPES } from './types.js';
import { INVALID } from './readers/common.js';
import { fieldFormat, LIST_ITEM_TYPES, makeReader } from './readers/index.js';
import { compileStrptime, StrptimeError } from './readers/strptime.js';
import { castConstraintValue } from './constraints.js';
import { compilePattern, RefusedPatternError, refusalNote, safeRegExp } from './pattern.js';
import { SUPPORTED_CONSTRAINTS } from './support.js';
import { pyStr } from './pyrepr.js';
import { missingValueStrings } from './cast.js';
import type { Ajv } from 'ajv';
import { newAjv } from './lazy-ajv.js';

/** fl-py: plain-string lists may repeat (v1 lax); object entries need unique values and labels. */
export function missingValueNotes(list: unknown): string[] {
  if (!Array.isArray(list) || !list.some((m) => m !== null && typeof m === 'object')) return [];
  const notes: string[] = [];
  const dupes = (values: string[]): string[] => {
    const seen = new Set<string>(), out: string[] = [];
    for (const v of values) { if (seen.has(v) && !out.includes(v)) out.push(v); seen.add(v); }
    return out;
  };
  for (const v of dupes(missingValueStrings(list as MissingValue[]))) notes.push(`missing value "${v}" is not unique`);
  const labels = list.flatMap((m) => (m !== null && typeof m === 'object' && typeof m.label === 'string' ? [m.label as string] : []));
  for (const l of dupes(labels)) notes.push(`missing value label "${l}" is not unique`);
  return notes;
}

const TEMPORAL = ['date', 'time', 'datetime'];
let jsonSchemaAjv: Ajv | undefined;

/** Notes (field-error) for one field descriptor; `v1Pinned` refuses v2-only features as fl-py does. */
export function fieldNotes(field: Field, v1Pinned: boolean): string[] {
  const notes: string[] = [];
  const type = typeof field.type === 'string' ? field.type : 'string';
  if (!(FIELD_TYPES as readonly string[]).includes(type)) {
    return [`field type "${type}" is not supported`]; // nothing else can be judged without a type
  }
  const format = fieldFormat(field);
  const constraints = field.constraints !== null && typeof field.constraints === 'object' ? field.constraints : {};
  const supported = SUPPORTED_CONSTRAINTS[type] ?? [];
  for (const name of Object.keys(constraints)) {
    if (name !== 'unique' && !supported.includes(name)) notes.push(`constraint "${name}" is not supported by type "${type}"`);
  }
  notes.push(...missingValueNotes(field.missingValues));
  if (v1Pinned && Array.isArray(field.missingValues) && field.missingValues.some((m) => typeof m === 'object')) {
    notes.push('missing values in object form require datapackage v2');
  }
  if (v1Pinned) {
    for (const name of ['exclusiveMinimum', 'exclusiveMaximum']) {
      if (name in constraints) notes.push(`constraint "${name}" requires datapackage v2`);
    }
  }
  if (TEMPORAL.includes(type) && format !== 'default' && format !== 'any') {
    try { compileStrptime(format); } catch (e) {
      if (e instanceof StrptimeError) notes.push(`format "${format}" is not a valid ${type} pattern: ${e.message}`);
    }
  }
  if (type === 'list' && field.itemType !== undefined && !LIST_ITEM_TYPES.includes(String(field.itemType))) {
    notes.push(`list item type "${String(field.itemType)}" is not supported`);
  }
  const reader = makeReader(type, format, field);
  // Bound and enum values must be values of the field's own type (fl-py would crash on them)
  for (const name of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']) {
    const raw = constraints[name];
    if (raw !== undefined && supported.includes(name) && castConstraintValue(type, reader, raw) === INVALID) {
      notes.push(`constraint "${name}" value "${pyStr(raw)}" is not a valid "${type}"`);
    }
  }
  if (Array.isArray(constraints.enum) && supported.includes('enum')) {
    for (const v of constraints.enum) {
      if (castConstraintValue(type, reader, v) === INVALID) notes.push(`constraint "enum" value "${pyStr(v)}" is not a valid "${type}"`);
    }
  }
  // v2: enum values must be a subset of the categories
  if (Array.isArray(field.categories) && Array.isArray(constraints.enum)) {
    const cats = new Set(field.categories.map((c) => JSON.stringify(c !== null && typeof c === 'object' && 'value' in c ? (c as { value: unknown }).value : c)));
    for (const v of constraints.enum) {
      if (!cats.has(JSON.stringify(v))) notes.push(`constraint "enum" value "${pyStr(v)}" is not one of the categories`);
    }
  }
  if (typeof constraints.pattern === 'string' && supported.includes('pattern')) {
    const p = compilePattern(constraints.pattern);
    if (!p.ok) notes.push(refusalNote(constraints.pattern, p.refusal, 'xsd', String(field.name)));
  }
  if (constraints.jsonSchema !== undefined && supported.includes('jsonSchema')) {
    try { (jsonSchemaAjv ??= newAjv({ strict: false, code: { regExp: safeRegExp } })).compile(constraints.jsonSchema as object); } catch (e) {
      if (e instanceof RefusedPatternError) notes.push(refusalNote(e.pattern, e.refusal, 'ecma', String(field.name)));
      else notes.push(`constraint "jsonSchema" is not a valid JSON Schema: ${(e as Error).message}`);
    }
  }
  // fl-py: a truthy example is read with the field's type and format (constraints not applied)
  if (field.example !== undefined && field.example !== null && field.example !== '' && field.example !== 0 && field.example !== false) {
    const ex = field.example;
    const v = typeof ex === 'object' ? castConstraintValue(type, reader, ex) : reader(ex as string);
    if (v === INVALID) notes.push(`example value "${pyStr(ex)}" for field "${field.name}" is not valid`);
  }
  if ('required' in field) notes.push('"required" should be set as "constraints.required"');
  return notes;
}
