/**
 * Turns ajv errors into one plain English note per problem, in the words of Python's jsonschema
 * (which frictionless-py shows): `'name' is a required property`, `1 is not of type 'string'`.
 * A failed `oneOf`/`anyOf` swallows its branches' errors and becomes a single note.
 */
import type { ErrorObject } from 'ajv';
import { pyRepr } from './pyrepr.js';

export interface PlainError { pointer: string; note: string }

function short(v: unknown): string {
  const s = pyRepr(v);
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function valueAt(root: unknown, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

function render(e: ErrorObject, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': return `'${String(p.missingProperty)}' is a required property`;
    case 'type': return `${short(value)} is not of type ${String(p.type).split(',').map((t) => `'${t}'`).join(' or ')}`;
    case 'enum': return `${short(value)} is not one of ${pyRepr(p.allowedValues)}`;
    case 'const': return `${short(p.allowedValue)} was expected`;
    case 'pattern': return `${short(value)} does not match '${String(p.pattern)}'`;
    case 'format': return `${short(value)} is not a '${String(p.format)}'`;
    case 'minItems': return `${short(value)} is too short`;
    case 'maxItems': return `${short(value)} is too long`;
    case 'minLength': return `${short(value)} is too short`;
    case 'maxLength': return `${short(value)} is too long`;
    case 'minimum': return `${short(value)} is less than the minimum of ${String(p.limit)}`;
    case 'maximum': return `${short(value)} is greater than the maximum of ${String(p.limit)}`;
    case 'exclusiveMinimum': return `${short(value)} is less than or equal to the minimum of ${String(p.limit)}`;
    case 'exclusiveMaximum': return `${short(value)} is greater than or equal to the maximum of ${String(p.limit)}`;
    case 'uniqueItems': return `${short(value)} has non-unique elements`;
    case 'additionalProperties': return `additional property '${String(p.additionalProperty)}' is not allowed`;
    default: return `${short(value)} is not valid: ${e.message ?? e.keyword}`;
  }
}

/** Note for a failed oneOf/anyOf, from the errors of its branches. */
function renderChoice(e: ErrorObject, branches: ErrorObject[], value: unknown): string {
  if ((e.params as { passingSchemas?: unknown }).passingSchemas) return `${short(value)} is valid under each of the given schemas`;
  const here = branches.filter((b) => b.instancePath === e.instancePath);
  if (here.length > 0 && here.every((b) => b.keyword === 'required')) {
    return [...new Set(here.map((b) => `'${String(b.params.missingProperty)}'`))].join(' or ') + ' is a required property';
  }
  if (here.length > 0 && here.every((b) => b.keyword === 'type')) {
    return `${short(value)} is not of type ${[...new Set(here.map((b) => `'${String(b.params.type)}'`))].join(' or ')}`;
  }
  return `${short(value)} is not valid under any of the given schemas`;
}

/** One note per problem; `base` is the JSON pointer of the validated descriptor in the document. */
export function plainErrors(errors: ErrorObject[] | null | undefined, data: unknown, base: string): PlainError[] {
  if (!errors) return [];
  const choices = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const swallowed = (e: ErrorObject): boolean =>
    choices.some((c) => c !== e && e.schemaPath.startsWith(c.schemaPath + '/'));
  const out: PlainError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (swallowed(e)) continue;
    const value = valueAt(data, e.instancePath);
    const note = e.keyword === 'oneOf' || e.keyword === 'anyOf'
      ? renderChoice(e, errors.filter((b) => b.schemaPath.startsWith(e.schemaPath + '/')), value)
      : render(e, value);
    const pointer = base + e.instancePath;
    const where = e.instancePath ? `${note} at property '${e.instancePath.slice(1)}'` : note;
    if (seen.has(pointer + where)) continue;
    seen.add(pointer + where);
    out.push({ pointer, note: where });
  }
  return out;
}
