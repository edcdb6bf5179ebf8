/** Table Schema v1/v2 descriptor types (the subset satudata reads; unknown keys are kept). */

export type FieldType =
  | 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'list'
  | 'date' | 'time' | 'datetime' | 'year' | 'yearmonth' | 'duration'
  | 'geopoint' | 'geojson' | 'any';

export const FIELD_TYPES: readonly FieldType[] = [
  'string', 'number', 'integer', 'boolean', 'object', 'array', 'list',
  'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any',
];

export type MissingValue = string | { value: string; label?: string };

export interface Constraints {
  required?: boolean;
  unique?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: unknown;
  maximum?: unknown;
  exclusiveMinimum?: unknown;
  exclusiveMaximum?: unknown;
  pattern?: string;
  enum?: unknown[];
  jsonSchema?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface Field {
  name: string;
  type?: FieldType | string;
  format?: string;
  title?: string;
  description?: string;
  example?: unknown;
  constraints?: Constraints;
  missingValues?: MissingValue[];
  // number / integer
  decimalChar?: string;
  groupChar?: string;
  bareNumber?: boolean;
  // boolean
  trueValues?: string[];
  falseValues?: string[];
  // list
  delimiter?: string;
  itemType?: string;
  // categories (v2)
  categories?: unknown[];
  categoriesOrdered?: boolean;
  [k: string]: unknown;
}

export interface ForeignKey {
  fields: string[] | string;
  reference: { resource?: string; fields: string[] | string };
}

export interface Schema {
  $schema?: string;
  fields: Field[];
  fieldsMatch?: 'exact' | 'equal' | 'subset' | 'superset' | 'partial';
  missingValues?: MissingValue[];
  primaryKey?: string[] | string;
  uniqueKeys?: string[][];
  foreignKeys?: ForeignKey[];
  [k: string]: unknown;
}

/** Table Dialect (v1 CSV Dialect keys + v2 keys). */
export interface Dialect {
  $schema?: string;
  header?: boolean;
  headerRows?: number[];
  headerJoin?: string;
  commentChar?: string;
  commentRows?: number[];
  delimiter?: string;
  lineTerminator?: string;
  quoteChar?: string;
  doubleQuote?: boolean;
  escapeChar?: string;
  nullSequence?: string;
  skipInitialSpace?: boolean;
  sheetName?: string;
  sheetNumber?: number;
  [k: string]: unknown;
}

export interface Resource {
  name: string;
  path?: string | string[];
  data?: unknown;
  type?: string;
  profile?: string;
  format?: string;
  mediatype?: string;
  encoding?: string;
  bytes?: number;
  hash?: string;
  title?: string;
  description?: string;
  schema?: Schema | string;
  dialect?: Dialect | string;
  [k: string]: unknown;
}

export interface DataPackage {
  $schema?: string;
  profile?: string;
  name?: string;
  title?: string;
  description?: string;
  resources: Resource[];
  [k: string]: unknown;
}
