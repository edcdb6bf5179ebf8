/**
 * Foreign keys to bundled reference lists: a key whose referenced resource is one of the CSVs in
 * templates/reference/ (kecamatan-makassar.csv, skpd-makassar.csv) becomes a dropdown of its values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { referencePath } from '../describe/region.js';
import type { Resource, Schema } from '../schema/types.js';

function column(csvText: string, name: string): string[] | undefined {
  // The bundled lists are simple CSVs we ship ourselves: no quoted commas.
  const lines = csvText.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((s) => s.trim()) ?? [];
  const j = header.indexOf(name);
  if (j < 0) return undefined;
  return lines.slice(1).map((l) => l.split(',')[j]?.trim() ?? '').filter((v) => v !== '');
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
    const values = column(readFileSync(path, 'utf8'), refFields[0]!);
    if (values?.length) out.set(fields[0]!, values);
  }
  return out;
}
