/**
 * Descriptor checks, one case per rule. Notes marked [fl] were compared with frictionless-py 5.21
 * (`Schema/Resource.from_descriptor` reasons): same type and same note text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkDialectDescriptor, checkPackageDescriptor, checkResourceDescriptor, checkSchemaDescriptor, type MetadataError,
} from '../../../src/schema/descriptor.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/schema/${name}`, import.meta.url), 'utf8'));
const V2 = 'https://datapackage.org/profiles/2.0/tableschema.json';
const V1 = 'https://datapackage.org/profiles/1.0/tableschema.json';
const brief = (errors: MetadataError[]): string[] => errors.map((e) => `${e.type} ${e.pointer} ${e.note}`);

describe('valid descriptors give no errors', () => {
  it('v1 package with inline schemas, dialect and a foreign key', () => {
    expect(checkPackageDescriptor(fixture('package-valid.json'))).toEqual([]);
  });
  it('v2 package: fieldsMatch string, list type, object missingValues, categories, jsonSchema, uniqueKeys', () => {
    expect(checkPackageDescriptor(fixture('package-v2-valid.json'))).toEqual([]);
  });
  it('a field without type is a string field (fl-py)', () => {
    expect(checkSchemaDescriptor({ fields: [{ name: 'a', constraints: { pattern: '[a-z]+' } }] })).toEqual([]);
  });
  it('v2 commentRows without default problems', () => {
    expect(checkDialectDescriptor({ $schema: 'https://datapackage.org/profiles/2.0/tabledialect.json', commentRows: [3] })).toEqual([]);
  });
});

const schemaCases: Array<[string, unknown, string[]]> = [
  ['[fl] unknown field type: one clear message', { fields: [{ name: 'a', type: 'teks' }] },
    ['field-error /fields/0 field type "teks" is not supported']],
  ['[fl] constraint not supported by type', { fields: [{ name: 'a', type: 'integer', constraints: { pattern: '\\d+' } }] },
    ['field-error /fields/0 constraint "pattern" is not supported by type "integer"']],
  ['[fl] required at field level', { fields: [{ name: 'a', required: true }] },
    ['field-error /fields/0 "required" should be set as "constraints.required"']],
  ['[fl] example not valid for its field', { fields: [{ name: 'a', type: 'integer', example: 'satu' }] },
    ['field-error /fields/0 example value "satu" for field "a" is not valid']],
  ['[fl] JSON-Schema message with property', { fields: [{ name: 'a', type: 'integer', constraints: { required: 'yes' } }] },
    ["field-error /fields/0/constraints/required 'yes' is not of type 'boolean' at property 'constraints/required'"]],
  ['[fl] primary key field missing', { fields: [{ name: 'a' }, { name: 'b' }], primaryKey: ['id'] },
    ["schema-error /primaryKey primary key \"['id']\" does not match the fields \"['a', 'b']\""]],
  ['[fl] foreign key field missing', { fields: [{ name: 'a' }], foreignKeys: [{ fields: ['x'], reference: { resource: 'r', fields: ['k'] } }] },
    ["schema-error /foreignKeys/0 foreign key \"{'fields': ['x'], 'reference': {'resource': 'r', 'fields': ['k']}}\" does not match the fields \"['a']\""]],
  ['[fl] foreign key field count mismatch', { fields: [{ name: 'a' }, { name: 'b' }], foreignKeys: [{ fields: ['a', 'b'], reference: { resource: 'r', fields: ['k'] } }] },
    ["schema-error /foreignKeys/0 foreign key fields \"['a', 'b']\" does not match the reference fields \"['k']\""]],
  ['[fl] duplicate field names', { fields: [{ name: 'a' }, { name: 'a' }] },
    ['schema-error /fields names of the fields are not unique']],
  ['[fl] duplicate missing values (object form)', { $schema: V2, fields: [{ name: 'a' }], missingValues: [{ value: '-' }, { value: '-' }] },
    ['schema-error /missingValues missing value "-" is not unique']],
  ['[fl] duplicate missing value labels', { $schema: V2, fields: [{ name: 'a' }], missingValues: [{ value: '-', label: 'x' }, { value: 'NA', label: 'x' }] },
    ['schema-error /missingValues missing value label "x" is not unique']],
  ['[fl] field-level duplicate missing values', { $schema: V2, fields: [{ name: 'a', missingValues: [{ value: '9' }, { value: '9' }] }] },
    ['field-error /fields/0 missing value "9" is not unique']],
  ['[fl] object missingValues under a declared v1 schema', { $schema: V1, fields: [{ name: 'a' }], missingValues: [{ value: '-' }] },
    ["schema-error /missingValues/0 {'value': '-'} is not of type 'string' at property 'missingValues/0'",
      'schema-error /missingValues missing values in object form require datapackage v2']],
  ['[fl] exclusiveMinimum under a declared v1 schema', { $schema: V1, fields: [{ name: 'a', type: 'integer', constraints: { exclusiveMinimum: 0 } }] },
    ['field-error /fields/0 constraint "exclusiveMinimum" requires datapackage v2']],
  ['invalid pattern regex', { fields: [{ name: 'a', constraints: { pattern: '([a-z' } }] },
    ['field-error /fields/0 pattern "([a-z" of field "a" is not a valid regular expression: unterminated character set at position 1']],
  ['formerly catastrophic pattern: runs in linear time now', { fields: [{ name: 'a', constraints: { pattern: '(a+)+$' } }] }, []],
  ['pattern with lookahead (linear-time engine cannot run it)', { fields: [{ name: 'a', constraints: { pattern: '(?=(a+)+$)a*' } }] },
    ['field-error /fields/0 pattern "(?=(a+)+$)a*" of field "a" cannot be checked: lookaround "(?=" is not supported (Table Schema patterns are XML Schema regular expressions, run in linear time)']],
  ['pattern too large after expanding repetitions', { fields: [{ name: 'a', constraints: { pattern: '((a{1,10}){1,10}){1,10}' } }] },
    ['field-error /fields/0 pattern "((a{1,10}){1,10}){1,10}" of field "a" is too large (more than 700 instructions after expanding repetitions); use "+" or "*" with a maxLength constraint instead of large repeat counts']],
  ['jsonSchema pattern with a backreference', { $schema: V2, fields: [{ name: 'a', type: 'object', constraints: { jsonSchema: { type: 'object', properties: { k: { type: 'string', pattern: '(a)\\1' } } } } }] },
    ['field-error /fields/0 pattern "(a)\\1" of field "a" cannot be checked: backreference "\\1" is not supported (satudata runs the patterns of jsonSchema constraints in linear time)']],
  ['bound not valid for the type', { fields: [{ name: 'a', type: 'date', constraints: { minimum: '01/01/2020' } }] },
    ['field-error /fields/0 constraint "minimum" value "01/01/2020" is not a valid "date"']],
  ['enum value not valid for the type', { fields: [{ name: 'a', type: 'integer', constraints: { enum: [1, 'dua'] } }] },
    ["field-error /fields/0/constraints/enum [1, 'dua'] is not valid under any of the given schemas at property 'constraints/enum'",
      'field-error /fields/0 constraint "enum" value "dua" is not a valid "integer"']],
  ['v2 categories must be all values or all objects', { $schema: V2, fields: [{ name: 'a', categories: ['A', { value: 'B' }] }] },
    ["field-error /fields/0/categories ['A', {'value': 'B'}] is not valid under any of the given schemas at property 'categories'"]],
  ['bad strptime directive', { fields: [{ name: 'a', type: 'date', format: '%d/%q/%Y' }] },
    ['field-error /fields/0 format "%d/%q/%Y" is not a valid date pattern: bad directive "%q" in "%d/%q/%Y"']],
  ['unknown list item type', { $schema: V2, fields: [{ name: 'a', type: 'list', itemType: 'geopoint' }] },
    ["field-error /fields/0/itemType 'geopoint' is not one of ['string', 'integer', 'boolean', 'number', 'datetime', 'date', 'time'] at property 'itemType'",
      'field-error /fields/0 list item type "geopoint" is not supported']],
  ['enum values must be among the categories (v2)', { $schema: V2, fields: [{ name: 'a', categories: ['A', 'B'], constraints: { enum: ['A', 'C'] } }] },
    ['field-error /fields/0 constraint "enum" value "C" is not one of the categories']],
  ['unique key field missing (v2)', { $schema: V2, fields: [{ name: 'a' }], uniqueKeys: [['a', 'b']] },
    ["schema-error /uniqueKeys/0 unique key \"['a', 'b']\" does not match the fields \"['a']\""]],
  ['fields not an array', { fields: 'a' }, ["schema-error /fields 'a' is not of type 'array' at property 'fields'"]],
  ['fields missing', {}, ["schema-error  'fields' is a required property"]],
  ['format not allowed for the type', { fields: [{ name: 'a', type: 'string', format: 'emailx' }] },
    ["field-error /fields/0/format 'emailx' is not one of ['default', 'email', 'uri', 'binary', 'uuid'] at property 'format'"]],
  ['fieldsMatch profile defect patched (wrong value still refused)', { $schema: V2, fieldsMatch: 'some', fields: [{ name: 'a' }] },
    ["schema-error /fieldsMatch 'some' is not one of ['exact', 'equal', 'subset', 'superset', 'partial'] at property 'fieldsMatch'"]],
  ['invalid jsonSchema (v2)', { $schema: V2, fields: [{ name: 'a', type: 'object', constraints: { jsonSchema: { type: 'kotak' } } }] },
    ['field-error /fields/0 constraint "jsonSchema" is not a valid JSON Schema: schema is invalid: data/type must be equal to one of the allowed values, data/type must be array, data/type must match a schema in anyOf']],
  ['not an object', 'schema.json', ['schema-error  schema descriptor must be an object']],
];

describe('checkSchemaDescriptor rules', () => {
  it.each(schemaCases)('%s', (_n, descriptor, expected) => {
    expect(brief(checkSchemaDescriptor(descriptor))).toEqual(expected);
  });
  it('pointers are prefixed with the caller pointer', () => {
    expect(checkSchemaDescriptor({ fields: [{ name: 'a', type: 'teks' }] }, '/resources/2/schema')[0]!.pointer).toBe('/resources/2/schema/fields/0');
  });
});

describe('resource, dialect and package rules', () => {
  it('[fl] resource name pattern (v1)', () => {
    expect(brief(checkResourceDescriptor({ name: 'Data Sekolah', path: 'a.csv' })))
      .toEqual(["resource-error /name 'Data Sekolah' does not match '^([-a-z0-9._/])+$' at property 'name'"]);
  });
  it('v2 relaxes the resource name pattern', () => {
    expect(checkResourceDescriptor({ $schema: 'https://datapackage.org/profiles/2.0/dataresource.json', name: 'Data Sekolah', path: 'a.csv' })).toEqual([]);
  });
  it('oneOf bursts become one message: neither path nor data', () => {
    expect(brief(checkResourceDescriptor({ name: 'a' }))).toEqual(["resource-error  'data' or 'path' is a required property"]);
  });
  it('oneOf bursts become one message: path of a wrong type', () => {
    expect(brief(checkResourceDescriptor({ name: 'a', path: 5 }))).toEqual(["resource-error /path 5 is not of type 'string' or 'array' at property 'path'"]);
  });
  it('inline schema and dialect are checked with their pointers', () => {
    expect(brief(checkResourceDescriptor({ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'x', type: 'teks' }] }, dialect: { header: 'ya' } }, '/resources/0')))
      .toEqual(['field-error /resources/0/schema/fields/0 field type "teks" is not supported',
        "dialect-error /resources/0/dialect/header 'ya' is not of type 'boolean' at property 'header'"]);
  });
  it('dialect profile', () => {
    expect(brief(checkDialectDescriptor({ delimiter: 5 }))).toEqual(["dialect-error /delimiter 5 is not of type 'string' at property 'delimiter'"]);
  });
  it('package needs resources', () => {
    expect(brief(checkPackageDescriptor({ name: 'p', resources: [] }))).toEqual(["package-error /resources [] is too short at property 'resources'"]);
  });
  it('foreign key to a resource that does not exist', () => {
    const pkg = { name: 'p', resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'k' }], foreignKeys: [{ fields: 'k', reference: { resource: 'zz', fields: 'k' } }] } }] };
    expect(brief(checkPackageDescriptor(pkg)))
      .toEqual(['resource-error /resources/0/schema/foreignKeys/0 failed to handle a foreign key for resource "a" as resource "zz" does not exist']);
  });
  it('foreign key to fields the referenced inline schema lacks; self-reference with ""', () => {
    const pkg = { name: 'p', resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'k' }, { name: 'p' }], foreignKeys: [{ fields: 'p', reference: { resource: '', fields: 'id' } }] } }] };
    expect(brief(checkPackageDescriptor(pkg)))
      .toEqual(["resource-error /resources/0/schema/foreignKeys/0 foreign key reference fields \"['id']\" do not match the fields of resource \"a\": \"['k', 'p']\""]);
  });
  it('duplicate resource names', () => {
    const pkg = { name: 'p', resources: [{ name: 'a', path: 'a.csv' }, { name: 'a', path: 'b.csv' }] };
    expect(brief(checkPackageDescriptor(pkg))).toEqual(['package-error /resources names of the resources are not unique']);
  });
  it('a v2 package makes its inline schemas v2 (list type accepted, exclusive bounds too)', () => {
    const pkg = fixture('package-v2-valid.json') as { resources: Array<{ schema: { fields: unknown[] } }> };
    pkg.resources[0]!.schema.fields.push({ name: 'x', type: 'list', itemType: 'date' });
    expect(checkPackageDescriptor(pkg)).toEqual([]);
  });
});
