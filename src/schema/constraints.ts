/**
 * Compiles a field's constraints into one `check(value)` closure. Everything that can be done
 * once (bound casting, enum key Sets, regexes, the ajv validator, the failure objects themselves)
 * is done here, so the per-cell path allocates nothing unless a constraint fails.
 */
import type { Ajv, ValidateFunction } from 'ajv';
import { newAjv } from './lazy-ajv.js';
import type { Field } from './types.js';
import { INVALID, smallStringIndex, type Reader } from './readers/common.js';
import { temporalSortKey } from './readers/temporal.js';
import { compilePattern, safeRegExp } from './pattern.js';
import { pyStr } from './pyrepr.js';
import { CATEGORY_TYPES, CONSTRAINT_ORDER, PATTERN_MAX_CHARS, SUPPORTED_CONSTRAINTS } from './support.js';
import { at } from '../invariant.js';
import { keyOf } from './keys.js';

export interface ConstraintFailure { constraint: string; note: string }
type Test = (value: unknown) => boolean;

let ajv: Ajv | undefined;
function jsonSchemaValidator(schema: object): ValidateFunction | undefined {
  ajv ??= newAjv({ strict: false, allErrors: false, code: { regExp: safeRegExp } });
  try {
    return ajv.compile(schema);
  } catch {
    return undefined; // an invalid jsonSchema is reported by the descriptor check
  }
}

/** Cast a constraint value with the field's own reader (JSON objects/arrays pass as they are). */
export function castConstraintValue(type: string, reader: Reader, v: unknown): unknown {
  if (v !== null && typeof v === 'object') {
    if (type === 'object' || type === 'geojson' || type === 'any') return Array.isArray(v) ? INVALID : v;
    if (type === 'array' || type === 'list') return Array.isArray(v) ? v : INVALID;
    return reader(JSON.stringify(v));
  }
  if (v === null || v === undefined) return INVALID;
  if (typeof v === 'number' && type === 'integer' && !Number.isInteger(v)) return INVALID;
  const out = reader(v as string | number | boolean);
  // a bound written as a string for a string-typed reader that refuses it (e.g. a number)
  return out;
}

/** Python's `len()`: code points, keys of an object, items of an array. */
function length(v: unknown): number {
  if (typeof v === 'string') return /[\uD800-\uDBFF]/.test(v) ? [...v].length : v.length;
  if (Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return NaN;
}

function comparator(type: string): (a: unknown, b: unknown) => number {
  if (type === 'time' || type === 'datetime') {
    return (a, b) => { const x = temporalSortKey(a as string), y = temporalSortKey(b as string); return x < y ? -1 : x > y ? 1 : 0; };
  }
  return (a, b) => {
    if (typeof a === 'number' && Number.isNaN(a)) return NaN; // NaN fails every bound, as in fl-py
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  };
}

export function compileCheck(
  field: Field, type: string, reader: Reader, key: (v: unknown) => string,
): (value: unknown) => ConstraintFailure[] | undefined {
  const c = field.constraints ?? {};
  const supported = SUPPORTED_CONSTRAINTS[type] ?? [];
  const tests: Array<[ConstraintFailure, Test]> = [];
  const cmp = comparator(type);
  let requiredFailure: ConstraintFailure | undefined;
  const failure = (name: string, shown: unknown): ConstraintFailure =>
    Object.freeze({ constraint: name, note: `constraint "${name}" is "${pyStr(shown)}"` });

  for (const name of CONSTRAINT_ORDER) {
    const raw = c[name];
    if (raw === undefined || raw === null || !supported.includes(name)) continue;
    const f = failure(name, raw);
    switch (name) {
      case 'required':
        if (raw === true) requiredFailure = f;
        break;
      case 'minLength': if (typeof raw === 'number') tests.push([f, (v) => length(v) >= raw]); break;
      // a string's code points are at most its UTF-16 length: a short one passes without counting them
      case 'maxLength': if (typeof raw === 'number') tests.push([f, (v) => (typeof v === 'string' && v.length <= raw) || length(v) <= raw]); break;
      case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum': {
        const bound = castConstraintValue(type, reader, raw);
        if (bound === INVALID) break; // reported by the descriptor check
        tests.push([f, boundTest(type, name, bound, cmp)]);
        break;
      }
      case 'pattern': {
        if (typeof raw !== 'string') break;
        const p = compilePattern(raw);
        if (!p.ok) break; // refused (field-error) at descriptor check time
        const re = p.regex;
        tests.push([f, (v) => typeof v === 'string' && v.length <= PATTERN_MAX_CHARS && re.test(v)]);
        break;
      }
      case 'enum': {
        if (!Array.isArray(raw)) break;
        const keys = new Set<string>();
        for (const e of raw) {
          const v = castConstraintValue(type, reader, e);
          if (v !== INVALID) keys.add(key(v));
        }
        tests.push([f, memberTest(keys, key)]);
        break;
      }
      case 'jsonSchema': {
        if (typeof raw !== 'object') break;
        const validate = jsonSchemaValidator(raw as object);
        if (validate) tests.push([f, (v) => validate(v) === true]);
        break;
      }
    }
  }

  // v2 categories: the value must be one of them, like an enum (string and integer fields)
  if (Array.isArray(field.categories) && CATEGORY_TYPES.includes(type)) {
    const values = field.categories.map((x) => (x !== null && typeof x === 'object' && 'value' in x ? (x as { value: unknown }).value : x));
    const keys = new Set<string>();
    for (const e of values) {
      const v = castConstraintValue(type, reader, e);
      if (v !== INVALID) keys.add(key(v));
    }
    tests.push([failure('categories', values), memberTest(keys, key)]);
  }
  return checkAll(tests, requiredFailure);
}

/**
 * A bound as a comparison (called for every cell of the field): the same results as `cmp(v, bound)`
 * against 0, which fails NaN on every bound and passes values that compare neither way, without the
 * comparator's call. Times and datetimes compare by their sort keys (through `cmp`).
 */
function boundTest(type: string, name: string, bound: unknown, cmp: (a: unknown, b: unknown) => number): Test {
  if (type === 'time' || type === 'datetime') {
    if (name === 'minimum') return (v) => cmp(v, bound) >= 0;
    if (name === 'maximum') return (v) => cmp(v, bound) <= 0;
    if (name === 'exclusiveMinimum') return (v) => cmp(v, bound) > 0;
    return (v) => cmp(v, bound) < 0;
  }
  const b = bound as number;
  if (name === 'minimum') return (v) => v === v && !((v as number) < b);
  if (name === 'maximum') return (v) => v === v && !((v as number) > b);
  if (name === 'exclusiveMinimum') return (v) => (v as number) > b;
  return (v) => (v as number) < b;
}

/** Membership in a Set of keys; a string is its own key for most types (keyOf), so it is looked up as it is. */
function memberTest(keys: Set<string>, key: (v: unknown) => string): Test {
  if (key !== keyOf) return (v) => keys.has(key(v));
  const has = keys.size <= SMALL_SET ? smallStringSet([...keys]) : (t: string) => keys.has(t);
  return (v) => (typeof v === 'string' ? has(v) : keys.has(key(v)));
}

/** Enums up to this size are looked up in buckets (an enum of codes, categories), larger ones in the Set. */
const SMALL_SET = 64;

/** Membership in a few strings (see smallStringIndex). Exported for tests. */
export function smallStringSet(values: readonly string[]): (s: string) => boolean {
  const index = smallStringIndex(values);
  return (t) => index(t) >= 0;
}

/** One closure over the tests, in order (unrolled for one and two: most constrained fields have one or two). */
function checkAll(tests: Array<[ConstraintFailure, Test]>, requiredFailure: ConstraintFailure | undefined): (value: unknown) => ConstraintFailure[] | undefined {
  const missing = (): ConstraintFailure[] | undefined => (requiredFailure ? [requiredFailure] : undefined);
  const n = tests.length;
  if (n === 0) return (value) => (value === null || value === undefined ? missing() : undefined);
  const [f0, t0] = at(tests, 0);
  if (n === 1) return (value) => (value === null || value === undefined ? missing() : t0(value) ? undefined : [f0]);
  const [f1, t1] = at(tests, 1);
  if (n === 2) {
    return (value) => {
      if (value === null || value === undefined) return missing();
      const ok0 = t0(value);
      const ok1 = t1(value);
      return ok0 && ok1 ? undefined : ok0 ? [f1] : ok1 ? [f0] : [f0, f1];
    };
  }
  return (value) => {
    if (value === null || value === undefined) return missing();
    let out: ConstraintFailure[] | undefined;
    for (let i = 0; i < n; i++) {
      const t = at(tests, i);
      if (!t[1](value)) (out ??= []).push(t[0]);
    }
    return out;
  };
}
