import type { Cell } from '../table/types.js';
import type { Field, Schema } from '../schema/types.js';
import { compileField, INVALID } from '../schema/cast.js';

/** frictionless-py's inference order (errors.md §8): the first type that fits wins. */
const ORDER = ['yearmonth', 'geopoint', 'duration', 'geojson', 'object', 'array', 'datetime', 'time', 'date', 'integer', 'number', 'boolean', 'year', 'string'] as const;
const CONFIDENCE = 0.9;

/** Field names from labels: blank → `field<N>`, duplicates → `nama2`, `nama3` (frictionless). */
export function namesFromLabels(labels: readonly string[], width: number): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < Math.max(labels.length, width); i++) {
    let name = labels[i] ?? '';
    if (name === '') name = `field${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    names.push(count > 1 ? `${name}${count}` : name);
  }
  return names;
}

/**
 * Infer a schema the way frictionless does for a bare file: a sample of data rows, types scored
 * incrementally per column (+1 when a value fits, -1 when not), a column decided as soon as a type's score
 * reaches 90% of the non-missing values seen. Columns never decided become `any`.
 */
export function inferSchema(names: readonly string[], sample: readonly (readonly Cell[])[], missingValues: string[] = ['']): Schema {
  const readers = ORDER.map((type) => compileField({ name: 'x', type }, missingValues));
  const fields: Field[] = [];
  for (let col = 0; col < names.length; col++) {
    const scores = new Array<number>(ORDER.length).fill(0);
    let seen = 0;
    let decided: string | undefined;
    for (const cells of sample) {
      const cell = cells[col] ?? null;
      if (readers[0]!.isMissing(cell)) continue;
      seen++;
      for (let k = 0; k < ORDER.length; k++) {
        if (scores[k]! < seen * (CONFIDENCE - 1) - 1) continue; // already hopeless
        scores[k]! += readers[k]!.cast(cell) === INVALID ? -1 : 1;
      }
      for (let k = 0; k < ORDER.length; k++) {
        if (scores[k]! >= seen * CONFIDENCE) {
          decided = ORDER[k];
          break;
        }
      }
      if (decided) break;
    }
    fields.push({ name: names[col]!, type: decided ?? 'any', format: 'default' });
  }
  return { fields, missingValues };
}
