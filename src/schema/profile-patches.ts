/**
 * The official Data Package profiles (copied unchanged into ./profiles), patched for the defects
 * listed in the reference README §1, as the JSON Schemas satudata validates descriptors against:
 *  - v2 `fieldsMatch` is declared as an array (`item` typo): patched to a string enum;
 *  - the field `oneOf` has no `list` branch: we add one (from the string branch);
 *  - v1 foreign keys require `reference.resource`: relaxed to v2 (absent = self-reference), as fl-py;
 *  - fields, resources, inline schemas and dialects are validated one by one, each against its
 *    own profile part, so a bad field gives one message instead of a `oneOf` burst;
 *  - `default` values are never applied (no `useDefaults`): commentRows' `[1]` default is wrong.
 * Pure data: scripts/build-profiles.js compiles these ahead of time into profiles-compiled.ts.
 */
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

export interface PatchedProfiles {
  schema: Json;
  /** One schema per field type, in the profile's order (`string` also serves a field without `type`). */
  fields: [string, Json][];
  dialect: Json;
  resource: Json;
  package: Json;
}

const clone = <T>(v: T): T => structuredClone(v);

function patch(schemaProfile: Json, dialectProfile: Json, resourceProfile: Json, packageProfile: Json): PatchedProfiles {
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
  const fields: [string, Json][] = [];
  let stringBranch: Json | undefined;
  for (const b of branches) {
    const type = b.properties?.type?.enum?.[0] as string | undefined;
    if (!type) continue;
    if (type === 'string') stringBranch = b;
    fields.push([type, clone(b)]);
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
    fields.push(['list', list]);
  }
  const resource = clone(resourceProfile);
  resource.properties.schema = { type: ['string', 'object'] };
  resource.properties.dialect = { type: ['string', 'object'] };
  const pkg = clone(packageProfile);
  pkg.properties.resources.items = { type: 'object' };
  return { schema, fields, dialect: clone(dialectProfile), resource, package: pkg };
}

export function patchedProfiles(version: Version): PatchedProfiles {
  return version === 'v2'
    ? patch(v2Schema as Json, v2Dialect as Json, v2Resource as Json, v2Package as Json)
    : patch(v1Schema as Json, v1Dialect as Json, v1Resource as Json, v1Package as Json);
}
