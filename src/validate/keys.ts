import type { OpenedTable, Row } from '../table/types.js';
import type { Dialect, Schema } from '../schema/types.js';
import { compileSchema, INVALID, type CompiledField } from '../schema/cast.js';
import { decideLayout, isCommentRow, joinLabels, type RowLayout } from './header.js';
import { KeyIndex } from './key-index.js';
import { mapFields } from './labels.js';
import { at } from '../invariant.js';

/** Rows read to decide the header, as frictionless' sample. */
export const SAMPLE_ROWS = 100;

export interface ForeignKeyPlan {
  fields: string[];
  referenceName: string; // '' for a self reference
  referenceFields: string[];
  /** Filled before the table is validated (reference tuples of the other resource, or this one). */
  lookup: KeyIndex;
}

/**
 * Feed one key tuple into a KeyIndex without building a joined string. Numbers go in by value (so the
 * integer 3 and the number 3.0 are one key, as in frictionless); other values by their canonical key
 * (strings are their own key). Returns false when every part is null (such tuples are skipped or
 * reported, never indexed). `count` < fields.length feeds only the first parts (a key's prefix).
 */
export function feedKey(index: KeyIndex, fields: readonly CompiledField[], values: readonly unknown[], count = fields.length): boolean {
  index.begin();
  let allNull = true;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === INVALID) index.part(null);
    else {
      allNull = false;
      index.part(typeof v === 'number' ? v : at(fields, i).key(v));
    }
  }
  return !allNull;
}

/**
 * Read a table once to collect the key tuples of `fieldNames` (for a foreign key's reference side).
 * A cell with a type error counts as null (frictionless-py reads it as None): a composite tuple with one
 * bad part is still indexed with a null there; only all-null tuples are left out.
 */
export async function collectKeys(open: () => Promise<OpenedTable>, dialect: Dialect, schema: Schema, fieldNames: string[]): Promise<KeyIndex> {
  const table = await open();
  const fields = compileSchema(schema);
  const idx = fieldNames.map((n) => fields.findIndex((f) => f.name === n));
  const compiled = idx.map((i) => at(fields, i));
  const index = new KeyIndex();
  const sample: Row[] = [];
  let layout: RowLayout | undefined;
  let columns: number[] | undefined;
  const values = new Array<unknown>(idx.length);
  const take = (row: Row) => {
    if (!layout || !columns) return;
    if (row.rowNumber <= layout.headerEnd || isCommentRow(layout, row.rowNumber, row.cells)) return;
    for (let k = 0; k < idx.length; k++) {
      const f = at(compiled, k);
      const col = at(columns, at(idx, k));
      const cell = col >= 0 && col < row.cells.length ? row.cells[col] ?? null : null; // null and undefined are both missing
      values[k] = f.isMissing(cell) ? null : f.cast(cell);
    }
    if (feedKey(index, compiled, values)) index.add(row.rowNumber);
  };
  try {
    const decide = () => {
      const head = sample.slice(0, SAMPLE_ROWS);
      layout = decideLayout(dialect, head, table.format === 'xlsx');
      const labels = joinLabels(layout.headerRows.map((n) => head.find((r) => r.rowNumber === n)?.cells ?? []), layout.headerJoin);
      columns = mapFields(schema, fields, labels, layout.headerless || (labels.length === 0 && table.format !== 'xlsx')).columns;
      for (const r of sample) take(r);
      sample.length = 0;
    };
    for await (const batch of table.batches) {
      if (!layout) {
        for (const r of batch) sample.push(r);
        if (sample.length >= SAMPLE_ROWS) decide();
        continue;
      }
      for (const r of batch) take(r);
    }
    if (!layout) decide();
  } finally {
    await table.close();
  }
  return index;
}
