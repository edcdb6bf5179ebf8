/**
 * Optional ckanext-scheming mode of the fake CKAN (seed `scheming`: a schema such as
 * templates/ckan/satudata_dataset.json). Behaves as scheming 3.1 on CKAN 2.11 was seen to (test/ckan/README.md):
 * `scheming_dataset_schema_show {type}` answers the schema (404 for another type; without the mode the
 * action is unknown: 400); schema fields are top-level; a required one missing → "Missing value"; a
 * `choices` value outside them → "Value must be one of [...]"; a `date` preset that is no ISO date →
 * "Date format incorrect"; an extra named like a schema field → "There is a schema field with the same name".
 */
import { BadRequest } from './http.js';
import type { Dict } from './state.js';
import type { ActionCtx } from './actions.js';
import { notFound } from './rules.js';

export interface FakeSchemingField {
  field_name: string;
  required?: boolean;
  preset?: string;
  choices?: { value: string }[];
  [k: string]: unknown;
}

export interface FakeSchemingSchema {
  dataset_type: string;
  dataset_fields: FakeSchemingField[];
  resource_fields?: FakeSchemingField[];
  [k: string]: unknown;
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

export function schemingDatasetSchemaShow(c: ActionCtx): unknown {
  const schema = c.state.scheming;
  if (!schema) throw new BadRequest('Action name not known: scheming_dataset_schema_show');
  if (c.data.type !== schema.dataset_type) throw notFound();
  return schema;
}

/** Field errors of a dataset dict under the schema (merged into validatePackage's 409). */
export function schemingErrors(schema: FakeSchemingSchema, data: Dict): Dict {
  const errors: Dict = {};
  const names = new Set(schema.dataset_fields.map((f) => f.field_name));
  for (const f of schema.dataset_fields) {
    // CKAN's own validation of these stays (the presets `title`, `dataset_slug` and
    // `dataset_organization` replace `required`: a title defaults to the name).
    if (['name', 'title', 'owner_org'].includes(f.field_name)) continue;
    const v = data[f.field_name];
    if (empty(v)) {
      if (f.required) errors[f.field_name] = ['Missing value'];
      continue;
    }
    if (f.choices && !f.choices.some((ch) => ch.value === v)) {
      errors[f.field_name] = [`Value must be one of [${f.choices.map((ch) => `'${ch.value}'`).join(', ')}]`];
    } else if (f.preset === 'date' && (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(Date.parse(v)))) {
      errors[f.field_name] = ['Date format incorrect'];
    }
  }
  const extras = (data.extras as Dict[] | undefined) ?? [];
  if (extras.some((e) => typeof e.key === 'string' && names.has(e.key))) {
    errors.extras = extras.map((e) => (typeof e.key === 'string' && names.has(e.key) ? { key: ['There is a schema field with the same name'] } : {}));
  }
  return errors;
}
