import type { Cell, OpenedTable, Row } from '../table/types.js';
import { TableSourceError } from '../table/types.js';
import type { Dialect, Schema } from '../schema/types.js';
import { compileSchema } from '../schema/cast.js';
import type { ReportError, ReportTask } from './types.js';
import { buildError } from './build-error.js';
import { errorChars, reportSizeWarning } from './error-budget.js';
import { LIMITS } from '../table/limits.js';
import { decideLayout, isCommentRow, joinLabels } from './header.js';
import { inferSchema, namesFromLabels } from './infer.js';
import { checkHeader, mapFields, type FieldMapping } from './labels.js';
import { SAMPLE_ROWS, type ForeignKeyPlan } from './keys.js';
import { RowChecker } from './row-checker.js';
import { at } from '../invariant.js';

export { collectKeys, feedKey, type ForeignKeyPlan } from './keys.js';

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
      if (e.noteId) at(task.errors, 0).noteId = e.noteId;
      return finish();
    }
    throw e;
  }
  task.format = table.format;
  if (table.encoding) task.encoding = table.encoding;
  if (table.sheet) task.sheet = table.sheet;
  const padded = table.format === 'xlsx';

  const errors = task.errors;
  let dataRows = 0;
  let partialReason: string | undefined;
  let errorText = 0;
  const push = (e: ReportError) => {
    errors.push(e);
    if (errors.length >= limits.limitErrors) throw new LimitReached();
    errorText += errorChars(e);
    if (errorText > LIMITS.reportChars) {
      partialReason = reportSizeWarning();
      throw new LimitReached();
    }
  };

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
    // An empty header row (a CSV whose first line is empty) declares no labels at all: frictionless-py
    // 5.21 then treats the header as missing, maps the fields by position and checks no labels.
    const noLabels = layout.headerless || (labels.length === 0 && !padded);
    if (padded && !noLabels) {
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
      const names = noLabels ? namesFromLabels([], width) : namesFromLabels(labels, labels.length);
      schema = inferSchema(names, dataSample);
    }
    const fields = compileSchema(schema);
    task.stats.fields = fields.length;

    // frictionless-py: "empty" = no labels and no data rows (a lone empty line is empty too).
    if ((!hasHeaderRow && sample.length === 0) || (labels.length === 0 && !sample.some((r) => r.rowNumber > layout.headerEnd))) {
      task.errors.push(buildError('source-error', 'the source is empty'));
      return finish();
    }

    // 2. Header.
    const mapping: FieldMapping = mapFields(schema, fields, labels, noLabels);
    if (!noLabels) {
      for (const e of checkHeader(schema, fields, labels, layout.headerRows, mapping)) push(e);
    }
    if (mapping.fatal) {
      for (const e of mapping.fatal) push(e);
      throw new LimitReached(); // nothing else can be checked
    }

    // 3. Rows.
    const capacity = table.format === 'csv' ? estimateRows(job.fileBytes, sample) : 0;
    // A spreadsheet without labels: a field beyond the sheet's last used column (in the sample) is a
    // missing cell on every row, as frictionless-py reports it; with labels it is a missing label.
    const sheetWidth = padded && noLabels ? Math.max(0, ...sample.filter((r) => r.rowNumber > layout.headerEnd).map((r) => lastFilled(r.cells) + 1)) : undefined;
    const checker = new RowChecker(schema, mapping, padded, job.foreignKeys ?? [], capacity, sheetWidth);
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
