import type { Cell, OpenedTable, Row } from '../table/types.js';
import { TableSourceError } from '../table/types.js';
import type { Dialect, Schema } from '../schema/types.js';
import { compileSchema, INVALID, type CompiledField } from '../schema/cast.js';
import type { ReportError, ReportTask } from './types.js';
import { buildError, cellError, cellText, labelError, rowError, rowTexts } from './build-error.js';
import { decideLayout, isCommentRow, joinLabels, type RowLayout } from './header.js';
import { inferSchema, namesFromLabels } from './infer.js';
import { KeyIndex } from './key-index.js';
import { checkHeader, mapFields, type FieldMapping } from './labels.js';

const SAMPLE_ROWS = 100;

export interface ForeignKeyPlan {
  fields: string[];
  referenceName: string; // '' for a self reference
  referenceFields: string[];
  /** Filled before the table is validated (reference tuples of the other resource, or this one). */
  lookup: KeyIndex;
}

export interface TableJob {
  name: string;
  place: string;
  open: () => Promise<OpenedTable>;
  dialect: Dialect;
  /** Undefined: infer from the data, as frictionless does for bare files. */
  schema?: Schema;
  expectedBytes?: number;
  expectedHash?: string;
  /** Size of the data file on disk, to presize the key indexes of CSV tables (see estimateRows). */
  fileBytes?: number;
  foreignKeys?: ForeignKeyPlan[];
}

export interface TableLimits {
  limitErrors: number;
  limitRows?: number;
  onProgress?: (rows: number) => void;
}

/**
 * Feed one key tuple into a KeyIndex without building a joined string. Numbers go in by value (so the
 * integer 3 and the number 3.0 are one key, as in frictionless); other values by their canonical key
 * (strings are their own key). Returns false when every part is null (such tuples are skipped or
 * reported, never indexed).
 */
export function feedKey(index: KeyIndex, fields: readonly CompiledField[], values: readonly unknown[]): boolean {
  index.begin();
  let allNull = true;
  for (let i = 0; i < fields.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === INVALID) index.part(null);
    else {
      allNull = false;
      index.part(typeof v === 'number' ? v : fields[i]!.key(v));
    }
  }
  return !allNull;
}

class LimitReached extends Error {}

function lastFilled(cells: readonly Cell[]): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const c = cells[i];
    if (c !== null && c !== undefined && c !== '') return i;
  }
  return -1;
}

/**
 * Rows a CSV file probably holds, from its size and the sample's average row length (cells plus
 * separators), with 10% headroom; 0 when unknown. Only a hint: a wrong guess costs a regrow, not a bug.
 */
export function estimateRows(fileBytes: number | undefined, sample: readonly Row[]): number {
  if (!fileBytes || sample.length < 2) return 0;
  let chars = 0;
  for (const r of sample) {
    chars += r.cells.length;
    for (const c of r.cells) chars += typeof c === 'string' ? c.length : 8;
  }
  const perRow = Math.max(1, chars / sample.length);
  return Math.min(Math.ceil((fileBytes / perRow) * 1.1), 50_000_000);
}

/** Validate one table (one task of the report), streaming its rows once. */
export async function validateTable(job: TableJob, limits: TableLimits): Promise<ReportTask> {
  const started = performance.now();
  const task: ReportTask = {
    name: job.name,
    type: 'table',
    valid: true,
    place: job.place,
    labels: [],
    stats: { errors: 0, warnings: 0, seconds: 0 },
    warnings: [],
    errors: [],
  };
  const finish = (): ReportTask => {
    task.stats.errors = task.errors.length;
    task.stats.warnings = task.warnings.length;
    task.stats.seconds = Math.round(performance.now() - started) / 1000;
    task.valid = task.errors.length === 0;
    return task;
  };

  let table: OpenedTable;
  try {
    table = await job.open();
  } catch (e) {
    if (e instanceof TableSourceError) {
      task.errors.push(buildError(e.type, e.note));
      if (e.noteId) task.errors[0]!.noteId = e.noteId;
      return finish();
    }
    throw e;
  }
  task.format = table.format;
  if (table.encoding) task.encoding = table.encoding;
  if (table.sheet) task.sheet = table.sheet;
  const padded = table.format === 'xlsx';

  const errors = task.errors;
  const push = (e: ReportError) => {
    errors.push(e);
    if (errors.length >= limits.limitErrors) throw new LimitReached();
  };

  let dataRows = 0;
  let partialReason: string | undefined;
  try {
    const iterator = table.batches[Symbol.asyncIterator]();
    // 1. Sample the first rows to decide the header and, for bare files, the schema.
    const sample: Row[] = [];
    let pending: Row[] = [];
    let done = false;
    while (sample.length < SAMPLE_ROWS) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        break;
      }
      for (const r of next.value) {
        if (sample.length < SAMPLE_ROWS) sample.push(r);
        else pending.push(r);
      }
    }
    const layout = decideLayout(job.dialect, sample, padded);
    const headerRowCells = layout.headerRows.map((n) => sample.find((r) => r.rowNumber === n)?.cells ?? []);
    const labels = layout.headerless ? [] : joinLabels(headerRowCells, layout.headerJoin);
    if (padded && !layout.headerless) {
      // Spreadsheet rows are padded to the sheet's width (openpyxl, errors.md §8): a value beyond the
      // header's last column makes a blank label there rather than extra cells on every row.
      let width = labels.length;
      for (const r of sample) if (r.rowNumber > layout.headerEnd) width = Math.max(width, lastFilled(r.cells) + 1);
      while (labels.length < width) labels.push('');
    }
    task.labels = labels;
    const hasHeaderRow = !layout.headerless && sample.some((r) => r.rowNumber === layout.headerRows[0]);

    let schema = job.schema;
    if (!schema) {
      const dataSample = sample.filter((r) => r.rowNumber > layout.headerEnd && !isCommentRow(layout, r.rowNumber, r.cells)).map((r) => r.cells);
      const width = Math.max(labels.length, ...dataSample.map((c) => c.length), 0);
      const names = layout.headerless ? namesFromLabels([], width) : namesFromLabels(labels, labels.length);
      schema = inferSchema(names, dataSample);
    }
    const fields = compileSchema(schema);
    task.stats.fields = fields.length;

    if (!hasHeaderRow && sample.length === 0) {
      task.errors.push(buildError('source-error', 'the source is empty'));
      return finish();
    }

    // 2. Header.
    const mapping: FieldMapping = mapFields(schema, fields, labels, layout.headerless);
    if (!layout.headerless) {
      for (const e of checkHeader(schema, fields, labels, layout.headerRows, mapping)) push(e);
    }
    if (mapping.fatal) {
      for (const e of mapping.fatal) push(e);
      throw new LimitReached(); // nothing else can be checked
    }

    // 3. Rows.
    const capacity = table.format === 'csv' ? estimateRows(job.fileBytes, sample) : 0;
    const checker = new RowChecker(schema, mapping, padded, job.foreignKeys ?? [], capacity);
    const processBatch = (rows: Row[]) => {
      for (const row of rows) {
        const rn = row.rowNumber;
        if (rn <= layout.headerEnd) continue;
        if (isCommentRow(layout, rn, row.cells)) continue;
        dataRows++;
        if (limits.limitRows !== undefined && dataRows > limits.limitRows) {
          dataRows--;
          partialReason = `reached row limit: ${limits.limitRows}`;
          throw new LimitReached();
        }
        checker.check(row, push);
      }
    };
    processBatch(sample);
    if (pending.length) processBatch(pending);
    pending = [];
    let sinceProgress = 0;
    while (!done) {
      const next = await iterator.next();
      if (next.done) break;
      processBatch(next.value);
      sinceProgress += next.value.length;
      if (limits.onProgress && sinceProgress >= 50000) {
        sinceProgress = 0;
        limits.onProgress(dataRows);
      }
    }
  } catch (e) {
    if (e instanceof LimitReached) {
      if (!partialReason && errors.length >= limits.limitErrors) {
        errors.length = limits.limitErrors;
        partialReason = `reached error limit: ${limits.limitErrors}`;
      }
    } else if (e instanceof TableSourceError) {
      // A read failure mid-way (bad bytes, broken zip): the task holds just that error, as frictionless.
      task.errors.length = 0;
      const err = buildError(e.type, e.note);
      if (e.noteId) err.noteId = e.noteId;
      task.errors.push(err);
      await table.close();
      return finish();
    } else {
      await table.close();
      throw e;
    }
  }
  await table.close();
  task.stats.rows = dataRows;
  if (partialReason) {
    task.partial = true;
    task.warnings.push(partialReason);
  } else {
    const stats = table.stats();
    task.stats.md5 = stats.md5;
    task.stats.sha256 = stats.sha256;
    task.stats.bytes = stats.bytes;
    endChecks(job, stats, task);
  }
  const merges = table.merges?.();
  if (merges && merges.length) {
    task.warnings.push(`merged cells: ${merges.slice(0, 10).join(', ')}${merges.length > 10 ? ', …' : ''} (the value belongs to the top-left cell; the other cells are empty)`);
  }
  return finish();
}

function endChecks(job: TableJob, stats: { bytes: number; md5: string; sha256: string }, task: ReportTask) {
  if (job.expectedHash) {
    const m = /^(?:(\w+):)?([0-9a-fA-F]+)$/.exec(job.expectedHash.trim());
    const algo = (m?.[1] ?? 'md5').toLowerCase();
    const expected = (m?.[2] ?? job.expectedHash).toLowerCase();
    if (algo === 'md5' || algo === 'sha256') {
      const actual = algo === 'md5' ? stats.md5 : stats.sha256;
      if (actual !== expected) task.errors.push(buildError('hash-count', `expected is "${expected}" and actual is "${actual}"`));
    } else {
      task.warnings.push(`hash algorithm "${algo}" is not supported: the hash was not checked`);
    }
  }
  if (job.expectedBytes !== undefined && job.expectedBytes !== stats.bytes) {
    task.errors.push(buildError('byte-count', `expected is "${job.expectedBytes}" and actual is "${stats.bytes}"`));
  }
}

/**
 * Per-row checks, compiled once per table, over the fields expected in the data (one per column, see
 * FieldMapping.expected): the cell of expected field e is cells[e]. The hot path allocates nothing when a
 * row is valid.
 */
class RowChecker {
  private readonly n: number;
  private readonly fields: CompiledField[];
  private readonly values: unknown[];
  private readonly uniques: { field: number; index: KeyIndex }[];
  private readonly pk?: { fields: number[]; compiled: CompiledField[]; index: KeyIndex };
  private readonly uniqueKeys: { fields: number[]; compiled: CompiledField[]; index: KeyIndex; names: string[] }[];
  private readonly fks: (ForeignKeyPlan & { idx: number[]; compiled: CompiledField[] })[];

  constructor(
    schema: Schema,
    mapping: FieldMapping,
    private readonly padded: boolean,
    fks: ForeignKeyPlan[],
    capacity: number,
  ) {
    // Presized indexes never grow: growing two indexes at once doubles their memory for a moment.
    const newIndex = () => new KeyIndex(capacity > 0 ? capacity / 0.8 : 1024);
    const fields = mapping.expected;
    this.fields = fields;
    this.n = fields.length;
    this.values = new Array(this.n).fill(null);
    const real = (e: number) => mapping.schemaIndex[e]! >= 0;
    this.uniques = fields.flatMap((f, e) => (real(e) && f.unique ? [{ field: e, index: newIndex() }] : []));
    const pos = (name: string) => fields.findIndex((f, e) => real(e) && f.name === name);
    // Keys are checked only when all their fields are in the data (frictionless-py 5.21).
    const present = (names: string[]) => names.every((nm) => pos(nm) >= 0);
    const pkNames = schema.primaryKey === undefined ? [] : Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey];
    if (pkNames.length && present(pkNames)) {
      const idx = pkNames.map(pos);
      this.pk = { fields: idx, compiled: idx.map((i) => fields[i]!), index: newIndex() };
    }
    this.uniqueKeys = (schema.uniqueKeys ?? []).filter(present).map((names) => {
      const idx = names.map(pos);
      return { fields: idx, compiled: idx.map((i) => fields[i]!), index: newIndex(), names };
    });
    this.fks = fks.filter((fk) => present(fk.fields)).map((fk) => {
      const idx = fk.fields.map(pos);
      return { ...fk, idx, compiled: idx.map((i) => fields[i]!) };
    });
  }

  private readonly tmp: unknown[] = [];
  /** The values of some fields, in a reused array (no allocation per row). */
  private scratch(idx: readonly number[]): unknown[] {
    const t = this.tmp;
    t.length = idx.length;
    for (let k = 0; k < idx.length; k++) t[k] = this.values[idx[k]!];
    return t;
  }

  check(row: Row, push: (e: ReportError) => void): void {
    const { fields, values, n } = this;
    const cells = row.cells;
    const len = cells.length;
    const rn = row.rowNumber;
    let blank = true;
    let rowErrs: ReportError[] | undefined;
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      const cell: Cell = i < len ? cells[i]! : null;
      if (f.isMissing(cell)) {
        values[i] = null;
        if (f.required) {
          const fails = f.check(null);
          if (fails) {
            for (const fail of fails) (rowErrs ??= []).push(cellError('constraint-error', fail.note, cells, rn, cellText(cell), f.name, i + 1));
          }
        }
        continue;
      }
      blank = false;
      const v = f.cast(cell);
      values[i] = v;
      if (v === INVALID) {
        (rowErrs ??= []).push(cellError('type-error', f.typeNote, cells, rn, cellText(cell), f.name, i + 1));
        continue;
      }
      const fails = f.check(v);
      if (fails) {
        for (const fail of fails) (rowErrs ??= []).push(cellError('constraint-error', fail.note, cells, rn, cellText(cell), f.name, i + 1));
      }
    }

    if (blank) {
      push(rowError('blank-row', '', cells, rn));
      if (this.pk) push(rowError('primary-key', 'cells composing the primary keys are all "None"', cells, rn));
      return;
    }
    // extra cells (a padded spreadsheet row has empty trailing cells: those are not extra)
    for (let c = n; c < len; c++) {
      if (this.padded && (cells[c] === null || cells[c] === undefined || cells[c] === '')) continue;
      (rowErrs ??= []).push(cellError('extra-cell', '', cells, rn, cellText(cells[c]), '', c + 1));
    }
    if (!this.padded) {
      for (let i = len; i < n; i++) (rowErrs ??= []).push(cellError('missing-cell', '', cells, rn, '', fields[i]!.name, i + 1));
    }
    if (rowErrs) for (const e of rowErrs) push(e);

    for (const u of this.uniques) {
      const v = values[u.field];
      if (v === null || v === INVALID) continue;
      const f = fields[u.field]!;
      const prev = u.index.begin().part(typeof v === 'number' ? v : f.key(v)).addOrReplace(rn);
      if (prev) push(cellError('unique-error', `the same as in the row at position ${prev}`, cells, rn, cellText(cells[u.field]), f.name, u.field + 1));
    }
    if (this.pk) {
      const vals = this.scratch(this.pk.fields);
      if (!feedKey(this.pk.index, this.pk.compiled, vals)) push(rowError('primary-key', 'cells composing the primary keys are all "None"', cells, rn));
      else {
        const prev = this.pk.index.addOrReplace(rn);
        if (prev) push(rowError('primary-key', `the same as in the row at position ${prev}`, cells, rn));
      }
    }
    for (const uk of this.uniqueKeys) {
      const vals = this.scratch(uk.fields);
      if (vals.some((v) => v === null || v === INVALID)) continue; // SQL UNIQUE semantics (v2)
      feedKey(uk.index, uk.compiled, vals);
      const prev = uk.index.addOrReplace(rn);
      if (prev) push(rowError('unique-key', `for "${uk.names.join(', ')}": the same as in the row at position ${prev}`, cells, rn));
    }
    for (const fk of this.fks) {
      const vals = this.scratch(fk.idx);
      if (!feedKey(fk.lookup, fk.compiled, vals)) continue;
      if (fk.lookup.has()) continue;
      const fieldCells = fk.idx.map((i) => cellText(cells[i]));
      const note = `for "${fk.fields.join(', ')}": values "${fieldCells.join(', ')}" not found in the lookup table "${fk.referenceName}" as "${fk.referenceFields.join(', ')}"`;
      push(
        buildError('foreign-key', note, {
          cells: rowTexts(cells),
          rowNumber: rn,
          fieldNames: fk.fields,
          fieldCells,
          referenceName: fk.referenceName,
          referenceFieldNames: fk.referenceFields,
        }),
      );
    }
  }
}

/**
 * Read a table once to collect the key tuples of `fieldNames` (for a foreign key's reference side).
 * Rows with type errors in the key fields are left out (frictionless reads them as null).
 */
export async function collectKeys(open: () => Promise<OpenedTable>, dialect: Dialect, schema: Schema, fieldNames: string[]): Promise<KeyIndex> {
  const table = await open();
  const fields = compileSchema(schema);
  const idx = fieldNames.map((n) => fields.findIndex((f) => f.name === n));
  const compiled = idx.map((i) => fields[i]!);
  const index = new KeyIndex();
  const sample: Row[] = [];
  let layout: RowLayout | undefined;
  let columns: number[] | undefined;
  const values = new Array<unknown>(idx.length);
  const take = (row: Row) => {
    if (!layout || !columns) return;
    if (row.rowNumber <= layout.headerEnd || isCommentRow(layout, row.rowNumber, row.cells)) return;
    for (let k = 0; k < idx.length; k++) {
      const f = compiled[k]!;
      const col = columns[idx[k]!]!;
      const cell = col >= 0 && col < row.cells.length ? row.cells[col]! : null;
      values[k] = f.isMissing(cell) ? null : f.cast(cell);
    }
    if (values.includes(INVALID)) return;
    if (feedKey(index, compiled, values)) index.add(row.rowNumber);
  };
  try {
    const decide = () => {
      const head = sample.slice(0, SAMPLE_ROWS);
      layout = decideLayout(dialect, head, table.format === 'xlsx');
      const labels = joinLabels(layout.headerRows.map((n) => head.find((r) => r.rowNumber === n)?.cells ?? []), layout.headerJoin);
      columns = mapFields(schema, fields, labels, layout.headerless).columns;
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
