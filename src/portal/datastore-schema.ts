/**
 * Pure: a Table Schema as a CKAN DataStore table (issue 16). Column types come from the field types,
 * the data dictionary (`info`, stored by CKAN as a JSON column comment, ckanext/datastore/backend/
 * postgres.py create_table/alter_table) from the fields' title, description and unit, the primary key
 * from `primaryKey`; cast values become the JSON a DataStore record holds.
 */
import { createHash } from 'node:crypto';
import type { Dialect, Field, Schema } from '../schema/types.js';

/** The PostgreSQL types satudata creates (the names datastore_info reports back). */
export type DatastoreType = 'int8' | 'numeric' | 'bool' | 'date' | 'time' | 'timestamp' | 'json' | 'text';

/** Table Schema type → DataStore column type; every other type (string, year, geopoint, any, …) is text. */
export const TYPE_MAP: Readonly<Record<string, DatastoreType>> = {
  integer: 'int8',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  time: 'time',
  datetime: 'timestamp',
  object: 'json',
  array: 'json',
};

export interface DatastoreInfo {
  label?: string;
  notes?: string;
  unit?: string;
}

export interface DatastoreField {
  id: string;
  type: DatastoreType;
  info?: DatastoreInfo;
}

export function datastoreType(field: Field): DatastoreType {
  const t = typeof field.type === 'string' && field.type !== '' ? field.type : 'string';
  return TYPE_MAP[t] ?? 'text';
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The data dictionary entry CKAN shows on the resource page: label = title, notes = description
 * (Markdown), and the unit both as its own key and as a line of the notes (CKAN's page shows only
 * label and notes).
 */
export function dictionaryOf(field: Field): DatastoreInfo | undefined {
  const label = text(field.title);
  const description = text(field.description);
  const unit = text((field as { unit?: unknown }).unit);
  const notes = [description, unit ? `Satuan: ${unit}` : undefined].filter(Boolean).join('\n\n') || undefined;
  if (!label && !notes) return undefined;
  return { ...(label ? { label } : {}), ...(notes ? { notes } : {}), ...(unit ? { unit } : {}) };
}

export function datastoreFields(schema: Schema): DatastoreField[] {
  return schema.fields.map((f) => {
    const info = dictionaryOf(f);
    return { id: f.name, type: datastoreType(f), ...(info ? { info } : {}) };
  });
}

export function primaryKeyOf(schema: Schema): string[] {
  const pk = schema.primaryKey;
  return pk === undefined ? [] : Array.isArray(pk) ? pk.filter((x): x is string => typeof x === 'string') : typeof pk === 'string' ? [pk] : [];
}

/**
 * Column names CKAN refuses (datastore helpers is_valid_field_name, create_table): empty, starting
 * with `_`, holding `"`, surrounded by spaces, control characters, or longer than 63 characters.
 * Returns the reason per bad name, in English codes the caller turns into a message.
 */
export function badFieldIds(fields: DatastoreField[]): { id: string; reason: 'empty' | 'underscore' | 'quote' | 'space' | 'control' | 'long' | 'duplicate' }[] {
  const out: ReturnType<typeof badFieldIds> = [];
  const seen = new Set<string>();
  for (const { id } of fields) {
    if (!id) out.push({ id, reason: 'empty' });
    else if (id.startsWith('_')) out.push({ id, reason: 'underscore' });
    else if (id.includes('"')) out.push({ id, reason: 'quote' });
    else if (id !== id.trim()) out.push({ id, reason: 'space' });
    else if (/[\u0000-\u001f\u007f]/.test(id)) out.push({ id, reason: 'control' });
    else if (id.length > 63) out.push({ id, reason: 'long' });
    else if (seen.has(id)) out.push({ id, reason: 'duplicate' });
    seen.add(id);
  }
  return out;
}

/**
 * A cast value (the validator's logical value) as JSON for a DataStore record of that column type.
 * Numbers JSON cannot carry (NaN, ±Infinity, integers beyond 2^53) travel as text, which PostgreSQL
 * casts into numeric/int8; zoned datetimes are already in UTC (the reader normalised them), so the
 * `Z` is dropped for a `timestamp` column. Text columns get strings: numbers in decimal, structured
 * values as JSON, dates in ISO 8601.
 */
export function recordValue(v: unknown, type: DatastoreType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'int8':
    case 'numeric':
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number') return Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
      return String(v);
    case 'bool':
      return typeof v === 'boolean' ? v : String(v);
    case 'timestamp':
      return typeof v === 'string' && v.endsWith('Z') ? v.slice(0, -1) : v instanceof Date ? v.toISOString().slice(0, -1) : v;
    case 'time':
      return typeof v === 'string' && v.endsWith('Z') ? v.slice(0, -1) : v;
    case 'json':
      return v;
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : v;
    default:
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      if (v instanceof Date) return v.toISOString();
      return JSON.stringify(v);
  }
}

/** The DataStore definition sent to datastore_create, and the fingerprint of the whole load. */
export interface DatastorePlanInput {
  fields: DatastoreField[];
  primaryKey: string[];
  schema: Schema;
  dialect?: Dialect;
  encoding?: string;
  format?: string;
  /** SHA-256 of the data file(s) as validated. */
  sha256: string;
}

/** Bump when the way rows are cast or sent changes: every table is then loaded again once. */
export const LOADER_VERSION = 1;

/** Field and schema keys that only describe (they go to the dictionary, never change a cast value). */
const DESCRIPTIVE = new Set(['title', 'description', 'unit', 'example', 'examples', 'rdfType']);

function withoutDescriptions(schema: Schema): unknown {
  const strip = (o: object) => Object.fromEntries(Object.entries(o).filter(([k]) => !DESCRIPTIVE.has(k)));
  return { ...strip(schema), fields: schema.fields.map((f) => strip(f)) };
}

const sha256 = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

/**
 * The hash recorded on the resource after the last batch, in two parts `<rows>:<dictionary>`. The rows
 * part covers the data (the file's SHA-256) and everything that decides the rows and columns: the
 * schema without its descriptive keys, dialect, encoding, format, column ids and types, primary key.
 * The dictionary part covers the columns' `info`. Same hash → the DataStore already holds exactly
 * these rows under this dictionary; only the dictionary part differs → only the dictionary is written.
 */
export function datastoreHash(p: DatastorePlanInput): string {
  const rows = sha256({
    v: LOADER_VERSION,
    columns: p.fields.map((f) => [f.id, f.type]),
    primaryKey: p.primaryKey,
    schema: withoutDescriptions(p.schema),
    dialect: p.dialect ?? null,
    encoding: p.encoding ?? null,
    format: p.format ?? null,
    sha256: p.sha256,
  });
  return `${rows}:${sha256(p.fields.map((f) => f.info ?? null))}`;
}

/** The rows part of a recorded hash ('' when there is none). */
export function rowsPart(hash: string): string {
  return hash.split(':')[0] ?? '';
}

/** True when a table's columns (as datastore_info lists them) are exactly these, in this order. */
export function sameColumns(shown: { id: string; type: string }[], wanted: DatastoreField[]): boolean {
  const cols = shown.filter((f) => !f.id.startsWith('_'));
  return cols.length === wanted.length && cols.every((c, i) => c.id === wanted[i]?.id && c.type === wanted[i]?.type);
}
