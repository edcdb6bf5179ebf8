/**
 * Foreign keys to bundled reference lists: a key whose referenced resource is one of the CSVs in
 * templates/reference/ (kecamatan-makassar.csv, skpd-makassar.csv) becomes a dropdown of its values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { referencePath } from '../describe/region.js';
import type { Resource, Schema } from '../schema/types.js';
import { CsvParser } from '../table/csv-parser.js';
import type { Row } from '../table/types.js';
import { at } from '../invariant.js';

/** The values of column `name` of a CSV text, read with the project's own parser (quotes and all). */
export function column(csvText: string, name: string): string[] | undefined {
  const parser = new CsvParser({ delimiter: ',', quoteChar: '"', doubleQuote: true, escapeChar: '', skipInitialSpace: false, maxCellChars: 1 << 20 });
  const rows: Row[] = [];
  parser.push(csvText.replace(/^\uFEFF/, ''), rows);
  parser.finish(rows);
  const text = (c: unknown): string => (typeof c === 'string' ? c.trim() : '');
  const header = rows[0]?.cells.map(text) ?? [];
  const j = header.indexOf(name);
  if (j < 0) return undefined;
  return rows
    .slice(1)
    .map((r) => text(r.cells[j]))
    .filter((v) => v !== '');
}

/** Field name → dropdown values, for single-field foreign keys to bundled reference lists. */
export function referenceLists(schema: Schema, resources: Resource[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const fk of schema.foreignKeys ?? []) {
    const fields = Array.isArray(fk.fields) ? fk.fields : [fk.fields];
    const refFields = Array.isArray(fk.reference.fields) ? fk.reference.fields : [fk.reference.fields];
    if (fields.length !== 1 || refFields.length !== 1) continue;
    const target = resources.find((r) => r.name === fk.reference.resource);
    const file = typeof target?.path === 'string' ? basename(target.path) : fk.reference.resource ? `${fk.reference.resource}.csv` : undefined;
    if (!file) continue;
    const path = referencePath(file);
    if (!existsSync(path)) continue;
    const values = column(readFileSync(path, 'utf8'), at(refFields, 0));
    if (values?.length) out.set(at(fields, 0), values);
  }
  return out;
}
