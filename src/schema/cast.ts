/**
 * The per-field casting API the validation engine calls millions of times. `compileField` does
 * all setup once (missing-value Set, reader, constraint closures, key function); the returned
 * methods do no per-cell setup and allocate nothing on the happy path.
 */
import { CellFault, type Cell } from '../table/types.js';
import type { Field, MissingValue, Schema } from './types.js';
import { INVALID as READER_INVALID } from './readers/common.js';
import { fieldFormat, fieldType, makeReader } from './readers/index.js';
import { compileCheck, type ConstraintFailure } from './constraints.js';
import { keyFunction } from './keys.js';

export const INVALID: typeof READER_INVALID = READER_INVALID;
export type { ConstraintFailure } from './constraints.js';

export interface CompiledField {
  readonly field: Field; readonly name: string; readonly type: string; readonly format: string;
  /** frictionless note for a type-error: `type is "integer/default"`. */
  readonly typeNote: string;
  readonly required: boolean; readonly unique: boolean;
  /** null/undefined cell, or a cell whose text is in the active missingValues. */
  isMissing(cell: Cell): boolean;
  /** True when the only missing value is '' (then isMissing(cell) is `cell === null || cell === undefined || cell === ''`). */
  readonly onlyEmptyMissing: boolean;
  /** Logical value, or INVALID (a CellFault is always INVALID). */
  cast(cell: Cell): unknown;
  /** `cast` of a text cell (never a CellFault): one call less per cell on the hot path. */
  readText(text: string): unknown;
  /** Failing constraints except `unique`, in frictionless order; undefined when all pass. */
  check(value: unknown): ConstraintFailure[] | undefined;
  /** Canonical key: equal logical values give equal keys, across field types too. */
  key(value: unknown): string;
}

/** Values of a missingValues list, string or v2 `{value, label}` form. */
export function missingValueStrings(list: readonly MissingValue[]): string[] {
  const out: string[] = [];
  for (const m of list) {
    if (typeof m === 'string') out.push(m);
    else if (m !== null && typeof m === 'object' && typeof m.value === 'string') out.push(m.value);
  }
  return out;
}

const onlyEmpty = (values: string[]): boolean => values.length > 0 && values.every((v) => v === '');

function missingTest(values: string[]): (cell: Cell) => boolean {
  const set = new Set(values);
  if (onlyEmpty(values)) {
    return (cell) => cell === null || cell === undefined || cell === '';
  }
  // fl-py compares `str(cell)`: a numeric Excel cell -99 matches the missing value "-99"
  return (cell) => {
    if (cell === null || cell === undefined) return true;
    if (typeof cell === 'string') return set.has(cell);
    if (typeof cell === 'number') return set.has(String(cell));
    if (typeof cell === 'boolean') return set.has(cell ? 'True' : 'False');
    return false;
  };
}

export function compileField(field: Field, schemaMissingValues?: MissingValue[]): CompiledField {
  const type = fieldType(field);
  const format = fieldFormat(field);
  const reader = makeReader(type, format, field);
  const key = keyFunction(type);
  // v2: a field-level list replaces (does not merge with) the schema-level one
  const active = Array.isArray(field.missingValues) ? field.missingValues
    : Array.isArray(schemaMissingValues) ? schemaMissingValues : [''];
  const missing = missingValueStrings(active);
  const itemType = typeof field.itemType === 'string' ? field.itemType : 'string';
  return {
    field,
    name: field.name,
    type,
    format,
    typeNote: type === 'list' ? `expected item type is "${itemType}"` : `type is "${type}/${format}"`,
    required: field.constraints?.required === true,
    unique: field.constraints?.unique === true,
    isMissing: missingTest(missing),
    onlyEmptyMissing: onlyEmpty(missing),
    cast: (cell) => (cell instanceof CellFault ? INVALID : reader(cell)),
    readText: reader,
    check: compileCheck(field, type, reader, key),
    key,
  };
}

export function compileSchema(schema: Schema): CompiledField[] {
  return schema.fields.map((f) => compileField(f, schema.missingValues));
}
