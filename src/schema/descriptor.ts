/**
 * Descriptor checks: a package, resource, Table Schema or Table Dialect is checked against the
 * official profile of its version (profiles.ts) and against the rules the profiles miss
 * (field-rules.ts and below). Every problem is one MetadataError with a JSON pointer.
 */
import { plainErrors } from './ajv-messages.js';
import { fieldNotes, missingValueNotes } from './field-rules.js';
import { profiles, resolveVersion, type VersionContext } from './profiles.js';
import { pyRepr } from './pyrepr.js';
import type { Field } from './types.js';

export interface MetadataError {
  type: 'package-error' | 'resource-error' | 'schema-error' | 'field-error' | 'dialect-error';
  note: string;
  pointer: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
/** v1 also allowed a single field name instead of an array. */
const names = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []);

function notObject(type: MetadataError['type'], what: string, pointer: string): MetadataError[] {
  return [{ type, note: `${what} descriptor must be an object`, pointer }];
}

export function checkSchemaDescriptor(descriptor: unknown, pointer = '', parent?: VersionContext): MetadataError[] {
  if (!isObject(descriptor)) return notObject('schema-error', 'schema', pointer);
  const ctx = resolveVersion(descriptor, parent);
  const p = profiles(ctx.version);
  const out: MetadataError[] = [];
  if (!p.schema(descriptor)) {
    for (const e of plainErrors(p.schema.errors, descriptor, pointer)) out.push({ type: 'schema-error', ...e });
  }
  const fields = Array.isArray(descriptor.fields) ? descriptor.fields : [];
  const fieldNames: string[] = [];
  fields.forEach((field: unknown, i: number) => {
    const at = `${pointer}/fields/${i}`;
    if (!isObject(field)) { out.push({ type: 'field-error', note: 'field descriptor must be an object', pointer: at }); return; }
    if (typeof field.name === 'string') fieldNames.push(field.name);
    const type = typeof field.type === 'string' ? field.type : 'string';
    const validate = p.fields.get(type);
    if (validate && !validate(field)) {
      for (const e of plainErrors(validate.errors, field, at)) out.push({ type: 'field-error', ...e });
    }
    for (const note of fieldNotes(field as Field, ctx.pinned && ctx.version === 'v1')) out.push({ type: 'field-error', note, pointer: at });
  });

  const schemaError = (note: string, at = pointer): void => { out.push({ type: 'schema-error', note, pointer: at }); };
  if (new Set(fieldNames).size !== fieldNames.length) schemaError('names of the fields are not unique', `${pointer}/fields`);
  const pk = names(descriptor.primaryKey);
  for (const name of pk) {
    if (!fieldNames.includes(name)) schemaError(`primary key "${pyRepr(pk)}" does not match the fields "${pyRepr(fieldNames)}"`, `${pointer}/primaryKey`);
  }
  if (Array.isArray(descriptor.uniqueKeys)) {
    descriptor.uniqueKeys.forEach((uk: unknown, i: number) => {
      const keyNames = names(uk);
      for (const name of keyNames) {
        if (!fieldNames.includes(name)) schemaError(`unique key "${pyRepr(keyNames)}" does not match the fields "${pyRepr(fieldNames)}"`, `${pointer}/uniqueKeys/${i}`);
      }
    });
  }
  for (const note of missingValueNotes(descriptor.missingValues)) schemaError(note, `${pointer}/missingValues`);
  if (ctx.pinned && ctx.version === 'v1' && Array.isArray(descriptor.missingValues) && descriptor.missingValues.some(isObject)) {
    schemaError('missing values in object form require datapackage v2', `${pointer}/missingValues`);
  }
  if (Array.isArray(descriptor.foreignKeys)) {
    descriptor.foreignKeys.forEach((fk: unknown, i: number) => {
      if (!isObject(fk) || !isObject(fk.reference)) return; // the profile reports the shape
      const at = `${pointer}/foreignKeys/${i}`;
      const local = names(fk.fields), remote = names(fk.reference.fields);
      for (const name of local) {
        if (!fieldNames.includes(name)) schemaError(`foreign key "${pyRepr(fk)}" does not match the fields "${pyRepr(fieldNames)}"`, at);
      }
      if (local.length !== remote.length) {
        schemaError(`foreign key fields "${pyRepr(fk.fields)}" does not match the reference fields "${pyRepr(fk.reference.fields)}"`, at);
      }
    });
  }
  return out;
}

export function checkDialectDescriptor(descriptor: unknown, pointer = '', parent?: VersionContext): MetadataError[] {
  if (!isObject(descriptor)) return notObject('dialect-error', 'dialect', pointer);
  const p = profiles(resolveVersion(descriptor, parent).version);
  if (p.dialect(descriptor)) return [];
  return plainErrors(p.dialect.errors, descriptor, pointer).map((e) => ({ type: 'dialect-error', ...e }));
}

export function checkResourceDescriptor(descriptor: unknown, pointer = '', parent?: VersionContext): MetadataError[] {
  if (!isObject(descriptor)) return notObject('resource-error', 'resource', pointer);
  const ctx = resolveVersion(descriptor, parent);
  const p = profiles(ctx.version);
  const out: MetadataError[] = [];
  if (!p.resource(descriptor)) {
    for (const e of plainErrors(p.resource.errors, descriptor, pointer)) out.push({ type: 'resource-error', ...e });
  }
  // inline schema and dialect: checked against their own profiles (a path is loaded by the caller)
  if (isObject(descriptor.schema)) out.push(...checkSchemaDescriptor(descriptor.schema, `${pointer}/schema`, ctx));
  if (isObject(descriptor.dialect)) out.push(...checkDialectDescriptor(descriptor.dialect, `${pointer}/dialect`, ctx));
  return out;
}

export function checkPackageDescriptor(descriptor: unknown): MetadataError[] {
  if (!isObject(descriptor)) return notObject('package-error', 'package', '');
  const ctx = resolveVersion(descriptor);
  const p = profiles(ctx.version);
  const out: MetadataError[] = [];
  if (!p.package(descriptor)) {
    for (const e of plainErrors(p.package.errors, descriptor, '')) out.push({ type: 'package-error', ...e });
  }
  const resources = Array.isArray(descriptor.resources) ? descriptor.resources : [];
  const resourceNames = resources.map((r: unknown) => (isObject(r) && typeof r.name === 'string' ? r.name : undefined));
  resources.forEach((r: unknown, i: number) => {
    out.push(...checkResourceDescriptor(r, `/resources/${i}`, ctx));
    out.push(...foreignKeyTargets(r, i, resources, resourceNames));
  });
  const named = resourceNames.filter((n): n is string => n !== undefined);
  if (new Set(named).size !== named.length) {
    out.push({ type: 'package-error', note: 'names of the resources are not unique', pointer: '/resources' });
  }
  return out;
}

/** A foreign key must name a resource of the package and, if its schema is inline, existing fields. */
function foreignKeyTargets(r: unknown, i: number, resources: unknown[], resourceNames: Array<string | undefined>): MetadataError[] {
  if (!isObject(r) || !isObject(r.schema) || !Array.isArray(r.schema.foreignKeys)) return [];
  const out: MetadataError[] = [];
  r.schema.foreignKeys.forEach((fk: unknown, k: number) => {
    if (!isObject(fk) || !isObject(fk.reference)) return;
    const target = fk.reference.resource;
    const pointer = `/resources/${i}/schema/foreignKeys/${k}`;
    let targetIndex = i; // absent or "" (v1) means the resource itself
    if (typeof target === 'string' && target !== '') {
      targetIndex = resourceNames.indexOf(target);
      if (targetIndex < 0) {
        out.push({ type: 'resource-error', pointer, note: `failed to handle a foreign key for resource "${String(r.name)}" as resource "${target}" does not exist` });
        return;
      }
    }
    const t = resources[targetIndex];
    if (!isObject(t) || !isObject(t.schema) || !Array.isArray(t.schema.fields)) return; // schema by path: checked when loaded
    const targetFields = t.schema.fields.map((f: unknown) => (isObject(f) ? f.name : undefined));
    const remote = names(fk.reference.fields);
    for (const name of remote) {
      if (!targetFields.includes(name)) {
        out.push({ type: 'resource-error', pointer, note: `foreign key reference fields "${pyRepr(remote)}" do not match the fields of resource "${String(t.name)}": "${pyRepr(targetFields)}"` });
      }
    }
  });
  return out;
}
