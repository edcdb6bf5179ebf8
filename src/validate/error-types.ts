/**
 * The frictionless-py error catalogue (../shared/reference/frictionless/errors.md §4-6): title, tags,
 * description and English message template per error type. Wording for people (Indonesian text, fix
 * hints) lives in src/report/messages.ts; this file is the machine-facing, frictionless-compatible part.
 */
export interface ErrorTypeSpec {
  title: string;
  tags: string[];
  description: string;
  template: string;
}

const T = ['#table'];
const H = ['#table', '#header'];
const L = ['#table', '#header', '#label'];
const R = ['#table', '#row'];
const C = ['#table', '#row', '#cell'];
const F = ['#file'];

/** The generic type, for a type this table does not know. */
export const GENERIC_ERROR: ErrorTypeSpec = { title: 'Error', tags: [], description: 'Error', template: '{note}' };

export const ERROR_TYPES: Record<string, ErrorTypeSpec> = {
  'blank-label': { title: 'Blank Label', tags: L, description: 'A label in the header row is missing a value. Label should be provided and not be blank.', template: 'Label in the header in field at position "{fieldNumber}" is blank' },
  'duplicate-label': { title: 'Duplicate Label', tags: L, description: 'Two columns in the header row have the same value. Column names should be unique.', template: 'Label "{label}" in the header at position "{fieldNumber}" is duplicated to a label: {note}' },
  'incorrect-label': { title: 'Incorrect Label', tags: L, description: 'One of the data source header does not match the field name defined in the schema.', template: 'Label "{label}" in field {fieldName} at position "{fieldNumber}" does not match the field name in the schema' },
  'missing-label': { title: 'Missing Label', tags: L, description: 'Based on the schema there should be a label that is missing in the data\'s header.', template: 'There is a missing label in the header\'s field "{fieldName}" at position "{fieldNumber}"' },
  'extra-label': { title: 'Extra Label', tags: L, description: 'The header of the data source contains label that does not exist in the provided schema.', template: 'There is an extra label "{label}" in header at position "{fieldNumber}"' },
  'blank-header': { title: 'Blank Header', tags: H, description: 'This header is empty. A header should contain at least one value.', template: 'Header is completely blank' },
  'unmatched-header': { title: 'Unmatched Header', tags: H, description: 'None of the fields defined in the schema is present in the header.', template: 'None of the fields defined in the schema is present in the header' },
  'blank-row': { title: 'Blank Row', tags: R, description: 'This row is empty. A row should contain at least one value.', template: 'Row at position "{rowNumber}" is completely blank' },
  'extra-cell': { title: 'Extra Cell', tags: C, description: 'This row has more values compared to the header row (the first row in the data source). A key concept is that all the rows in tabular data must have the same number of columns.', template: 'Row at position "{rowNumber}" has an extra value in field at position "{fieldNumber}"' },
  'missing-cell': { title: 'Missing Cell', tags: C, description: 'This row has less values compared to the header row (the first row in the data source). A key concept is that all the rows in tabular data must have the same number of columns.', template: 'Row at position "{rowNumber}" has a missing cell in field "{fieldName}" at position "{fieldNumber}"' },
  'type-error': { title: 'Type Error', tags: C, description: 'The value does not match the schema type and format for this field.', template: 'Type error in the cell "{cell}" in row "{rowNumber}" and field "{fieldName}" at position "{fieldNumber}": {note}' },
  'constraint-error': { title: 'Constraint Error', tags: C, description: 'A field value does not conform to a constraint.', template: 'The cell "{cell}" in row at position "{rowNumber}" and field "{fieldName}" at position "{fieldNumber}" does not conform to a constraint: {note}' },
  'unique-error': { title: 'Unique Error', tags: C, description: 'This field is a unique field but it contains a value that has been used in another row.', template: 'Row at position "{rowNumber}" has unique constraint violation in field "{fieldName}" at position "{fieldNumber}": {note}' },
  'primary-key': { title: 'PrimaryKey Error', tags: R, description: 'Values in the primary key fields should be unique for every row', template: 'Row at position "{rowNumber}" violates the primary key: {note}' },
  'foreign-key': { title: 'ForeignKey Error', tags: R, description: 'Values in the foreign key fields should exist in the reference table', template: 'Row at position "{rowNumber}" violates the foreign key: {note}' },
  'unique-key': { title: 'UniqueKey Error', tags: R, description: 'Values in the unique key fields should be unique for every row (Table Schema v2 uniqueKeys).', template: 'Row at position "{rowNumber}" violates a unique key: {note}' },
  'hash-count': { title: 'Hash Count Error', tags: T, description: 'This error can happen if the data is corrupted.', template: 'The data source does not match the expected hash count: {note}' },
  'byte-count': { title: 'Byte Count Error', tags: T, description: 'This error can happen if the data is corrupted.', template: 'The data source does not match the expected byte count: {note}' },
  'field-count': { title: 'Field Count Error', tags: T, description: 'This error can happen if the data is corrupted.', template: 'The data source does not match the expected field count: {note}' },
  'row-count': { title: 'Row Count Error', tags: T, description: 'This error can happen if the data is corrupted.', template: 'The data source does not match the expected row count: {note}' },
  'source-error': { title: 'Source Error', tags: F, description: 'Data reading error because of not supported or inconsistent contents.', template: 'The data source has not supported or has inconsistent contents: {note}' },
  'scheme-error': { title: 'Scheme Error', tags: F, description: 'Data reading error because of incorrect scheme.', template: 'The data source could not be successfully loaded: {note}' },
  'format-error': { title: 'Format Error', tags: F, description: 'Data reading error because of incorrect format.', template: 'The data source could not be successfully parsed: {note}' },
  'encoding-error': { title: 'Encoding Error', tags: F, description: 'Data reading error because of an encoding problem.', template: 'The data source could not be successfully decoded: {note}' },
  'compression-error': { title: 'Compression Error', tags: F, description: 'Data reading error because of a decompression problem.', template: 'The data source could not be successfully decompressed: {note}' },
  'metadata-error': { title: 'Metadata Error', tags: [], description: 'There is a metadata error.', template: 'Metadata error: {note}' },
  'package-error': { title: 'Package Error', tags: [], description: 'A validation cannot be processed.', template: 'The data package has an error: {note}' },
  'resource-error': { title: 'Resource Error', tags: [], description: 'A validation cannot be processed.', template: 'The data resource has an error: {note}' },
  'schema-error': { title: 'Schema Error', tags: [], description: 'Provided schema is not valid.', template: 'Schema is not valid: {note}' },
  'field-error': { title: 'Field Error', tags: [], description: 'Provided field is not valid.', template: 'Field is not valid: {note}' },
  'dialect-error': { title: 'Dialect Error', tags: [], description: 'Provided dialect is not valid.', template: 'Dialect is not valid: {note}' },
  'satudata-metadata': { title: 'Satu Data Metadata', tags: [], description: 'A metadata field that Satu Data Indonesia requires is missing or invalid.', template: 'Satu Data metadata is incomplete: {note}' },
  error: GENERIC_ERROR,
};

/** Render a template with an error's own properties (frictionless renders the message at creation). */
export function renderTemplate(template: string, props: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (props[k] === undefined ? m : String(props[k])));
}
