/**
 * The rows a DataStore table receives: the table read again exactly as `validate` read it (same
 * opener, header decision, label-to-field mapping, missing values and per-field casting), each row as
 * a record of cast values, in batches, one batch in memory at a time. A cell that does not cast (the
 * file changed after validation) stops the load: nothing invalid ever reaches the portal.
 */
import type { Row } from '../table/types.js';
import type { Schema } from '../schema/types.js';
import { compileSchema, INVALID } from '../schema/cast.js';
import { decideHeader, isCommentRow } from '../validate/header.js';
import { mapFields } from '../validate/labels.js';
import { SAMPLE_ROWS } from '../validate/keys.js';
import type { PreparedResource } from '../validate/resource.js';
import { cellText } from '../validate/build-error.js';
import { recordValue, type DatastoreField } from './datastore-schema.js';
import { at, defined } from '../invariant.js';

export type DatastoreRecord = Record<string, unknown>;

/** Why a load stopped while reading: the caller turns it into a message. */
export class RowReadError extends Error {
  constructor(
    readonly reason: 'header' | 'cell' | 'changed',
    readonly detail: { row?: number; field?: string; cell?: string } = {},
  ) {
    super(reason);
  }
}

export interface BatchOptions {
  /** Rows per batch. */
  rows: number;
  /** A batch is also cut when its JSON would pass this many bytes (roughly). */
  bytes: number;
}

export interface ReadSummary {
  rows: number;
  sha256: string;
}

/**
 * Yield batches of records of `prepared` (a tabular resource with a schema, as validate prepared it).
 * The generator's return value holds the row count and the SHA-256 of the bytes read.
 */
export async function* castBatches(prepared: PreparedResource, schema: Schema, columns: DatastoreField[], opts: BatchOptions): AsyncGenerator<DatastoreRecord[], ReadSummary> {
  const table = await defined(prepared.open, 'the opener of a prepared tabular resource')();
  try {
    const padded = table.format === 'xlsx';
    const iterator = table.batches[Symbol.asyncIterator]();
    const sample: Row[] = [];
    const pending: Row[] = [];
    let done = false;
    while (sample.length < SAMPLE_ROWS) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      for (const r of next.value) (sample.length < SAMPLE_ROWS ? sample : pending).push(r);
    }
    // The header exactly as validateTable decides it (src/validate/table.ts).
    const { layout, labels, noLabels } = decideHeader(prepared.dialect, sample, padded);
    const fields = compileSchema(schema);
    const mapping = mapFields(schema, fields, labels, noLabels);
    if (mapping.fatal) throw new RowReadError('header');
    const cols = mapping.columns;
    const types = columns.map((c) => c.type);
    const names = columns.map((c) => c.id);
    // JSON bytes of a record's keys (`"id":` and a comma each), to estimate a batch's size.
    const keyBytes = names.reduce((n, k) => n + k.length + 4, 2);

    let batch: DatastoreRecord[] = [];
    let bytes = 0;
    let rows = 0;
    const out: DatastoreRecord[][] = [];
    const take = (list: Row[]) => {
      for (const row of list) {
        const rn = row.rowNumber;
        if (rn <= layout.headerEnd || isCommentRow(layout, rn, row.cells)) continue;
        const cells = row.cells;
        const rec: DatastoreRecord = {};
        for (const [i, f] of fields.entries()) {
          const c = at(cols, i);
          const cell = c >= 0 && c < cells.length ? at(cells, c) : null;
          let v: unknown = null;
          if (!f.isMissing(cell)) {
            v = f.cast(cell);
            if (v === INVALID) throw new RowReadError('cell', { row: rn, field: f.name, cell: cellText(cell) });
          }
          const value = recordValue(v, at(types, i));
          rec[at(names, i)] = value;
          bytes += typeof value === 'string' ? value.length + 2 : 12;
        }
        batch.push(rec);
        bytes += keyBytes;
        rows++;
        if (batch.length >= opts.rows || bytes >= opts.bytes) {
          out.push(batch);
          batch = [];
          bytes = 0;
        }
      }
    };
    take(sample);
    take(pending);
    pending.length = 0;
    for (let b = out.shift(); b; b = out.shift()) yield b;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      take(next.value);
      for (let b = out.shift(); b; b = out.shift()) yield b;
    }
    if (batch.length) yield batch;
    return { rows, sha256: table.stats().sha256 };
  } finally {
    await table.close();
  }
}
