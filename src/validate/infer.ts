import type { Cell } from '../table/types.js';
import type { Field, Schema } from '../schema/types.js';
import { compileField, INVALID } from '../schema/cast.js';
import { at } from '../invariant.js';

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
 * Infer a schema exactly as frictionless-py's detector does for a bare file (detector.py
 * `detect_schema`): the fragment is the data rows of the first 100 rows; every candidate type keeps a
 * score (+1 when a value fits, -1 when not; an absent cell fits everything); a missing value lowers the
 * column's maximum score instead; a candidate below n*(confidence-1) is dropped; the first candidate (in
 * the order above) whose score reaches 90% of the maximum decides the column, checked after each update.
 * Columns never decided become `any`.
 */
export function inferSchema(names: readonly string[], fragment: readonly (readonly Cell[])[], missingValues: string[] = ['']): Schema {
  const readers = ORDER.map((type) => compileField({ name: 'x', type }, []));
  const n = fragment.length;
  const threshold = n * (CONFIDENCE - 1);
  const fields: Field[] = [];
  for (let col = 0; col < names.length; col++) {
    const scores = new Array<number>(ORDER.length).fill(0);
    let maxScore = n;
    let decided: string | undefined;
    for (const cells of fragment) {
      const source = col < cells.length ? cells[col] : undefined;
      const isMissing = typeof source === 'string' && missingValues.includes(source);
      if (isMissing) maxScore--;
      for (let k = 0; k < ORDER.length; k++) {
        let score = at(scores, k);
        if (score < threshold) continue;
        if (!isMissing) {
          const fits = source === undefined || source === null || at(readers, k).cast(source) !== INVALID;
          score += fits ? 1 : -1;
          scores[k] = score;
        }
        if (maxScore > 0 && score >= maxScore * CONFIDENCE) {
          decided = ORDER[k];
          break;
        }
      }
      if (decided) break;
    }
    fields.push({ name: at(names, col), type: decided ?? 'any', format: 'default' });
  }
  return { fields, missingValues };
}
