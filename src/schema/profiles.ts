/**
 * The official Data Package profiles (copied unchanged into ./profiles), compiled once with ajv
 * and patched in memory for the defects listed in the reference README §1:
 *  - v2 `fieldsMatch` is declared as an array (`item` typo): patched to a string enum;
 *  - the field `oneOf` has no `list` branch: we add one (from the string branch);
 *  - v1 foreign keys require `reference.resource`: relaxed to v2 (absent = self-reference), as fl-py;
 *  - fields, resources, inline schemas and dialects are validated one by one, each against its
 *    own profile part, so a bad field gives one message instead of a `oneOf` burst;
 *  - `default` values are never applied (no `useDefaults`): commentRows' `[1]` default is wrong.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import v1Schema from './profiles/v1/tableschema.json' with { type: 'json' };
import v1Dialect from './profiles/v1/tabledialect.json' with { type: 'json' };
import v1Resource from './profiles/v1/dataresource.json' with { type: 'json' };
import v1Package from './profiles/v1/datapackage.json' with { type: 'json' };
import v2Schema from './profiles/v2/tableschema.json' with { type: 'json' };
import v2Dialect from './profiles/v2/tabledialect.json' with { type: 'json' };
import v2Resource from './profiles/v2/dataresource.json' with { type: 'json' };
import v2Package from './profiles/v2/datapackage.json' with { type: 'json' };

export type Version = 'v1' | 'v2';
type Json = Record<string, any>;

// ajv-formats is CommonJS: under NodeNext its default export is the module object
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat('textarea', true);

const clone = <T>(v: T): T => structuredClone(v);

export interface Profiles {
  schema: ValidateFunction;
  /** One validator per field type (`string` also serves a field without `type`). */
  fields: Map<string, ValidateFunction>;
  dialect: ValidateFunction;
  resource: ValidateFunction;
  package: ValidateFunction;
}

function build(schemaProfile: Json, dialectProfile: Json, resourceProfile: Json, packageProfile: Json): Profiles {
  const schema = clone(schemaProfile);
  const branches = schema.properties.fields.items.oneOf as Json[];
  schema.properties.fields.items = { type: 'object' };
  if (schema.properties.fieldsMatch) {
    schema.properties.fieldsMatch = { type: 'string', enum: ['exact', 'equal', 'subset', 'superset', 'partial'] };
  }
  // A foreign key without `reference.resource` is a self-reference (v2; frictionless-py 5.21 accepts it
  // under v1 too): the v1 profile's `required: ["resource", "fields"]` is relaxed to the v2 rule.
  for (const branch of (schema.properties.foreignKeys?.items?.oneOf ?? []) as Json[]) {
    if (Array.isArray(branch.properties?.reference?.required)) branch.properties.reference.required = ['fields'];
  }
  const fields = new Map<string, ValidateFunction>();
  let stringBranch: Json | undefined;
  for (const b of branches) {
    const type = b.properties?.type?.enum?.[0] as string | undefined;
    if (!type) continue;
    if (type === 'string') stringBranch = b;
    fields.set(type, ajv.compile(b));
  }
  if (stringBranch) {
    // v2 `list`: the spec defines it but the profile forgot it
    const list = clone(stringBranch);
    list.title = 'List Field';
    list.required = ['name', 'type'];
    list.properties.type = { enum: ['list'] };
    list.properties.format = { enum: ['default'] };
    list.properties.delimiter = { type: 'string' };
    list.properties.itemType = { type: 'string', enum: ['string', 'integer', 'boolean', 'number', 'datetime', 'date', 'time'] };
    fields.set('list', ajv.compile(list));
  }
  const resource = clone(resourceProfile);
  resource.properties.schema = { type: ['string', 'object'] };
  resource.properties.dialect = { type: ['string', 'object'] };
  const pkg = clone(packageProfile);
  pkg.properties.resources.items = { type: 'object' };
  return {
    schema: ajv.compile(schema),
    fields,
    dialect: ajv.compile(clone(dialectProfile)),
    resource: ajv.compile(resource),
    package: ajv.compile(pkg),
  };
}

const cache = new Map<Version, Profiles>();

/** Compiled lazily: only the version a descriptor asks for is compiled (each takes ~100 ms). */
export function profiles(version: Version): Profiles {
  let p = cache.get(version);
  if (!p) {
    p = version === 'v2'
      ? build(v2Schema as Json, v2Dialect as Json, v2Resource as Json, v2Package as Json)
      : build(v1Schema as Json, v1Dialect as Json, v1Resource as Json, v1Package as Json);
    cache.set(version, p);
  }
  return p;
}

export interface VersionContext { version: Version; /** declared, not defaulted: v2-only features are then refused under v1, as fl-py does */ pinned: boolean }

/**
 * v2 descriptors say so with `$schema` (…/2.0/…); v1 ones with `profile` or a 1.0 `$schema`.
 * Without either, the version is inherited from the parent descriptor, else v1 (the spec default).
 */
export function resolveVersion(descriptor: unknown, parent?: VersionContext): VersionContext {
  if (descriptor !== null && typeof descriptor === 'object') {
    const d = descriptor as Json;
    if (typeof d.$schema === 'string') {
      if (/\/2\.\d+\//.test(d.$schema)) return { version: 'v2', pinned: true };
      if (/\/1\.\d+\//.test(d.$schema)) return { version: 'v1', pinned: true };
    }
    if (typeof d.profile === 'string' && !parent?.pinned) return { version: 'v1', pinned: true };
  }
  return parent ?? { version: 'v1', pinned: false };
}
