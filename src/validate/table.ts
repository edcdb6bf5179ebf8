import type { Cell, OpenedTable, Row, TableStats } from '../table/types.js';
import { TableSourceError } from '../table/types.js';
import type { Dialect, Schema } from '../schema/types.js';
import { compileSchema, type CompiledField } from '../schema/cast.js';
import type { ReportError, ReportTask } from './types.js';
import { buildError } from './build-error.js';
import { ErrorBudget } from './budget.js';
import { ROW_THREAD, parallelMinBytes, wantsParallel } from './parallel/eligible.js';
import { dropWarm } from '../warm-threads.js';
import { keySpillBytes, wantsKeySpill } from './key-spill/eligible.js';
import type { KeyIndex } from './key-index.js';
import { decideHeader, isCommentRow, lastFilled, type RowLayout } from './header.js';
import { inferSchema, namesFromLabels } from './infer.js';
import { checkHeader, mapFields, type FieldMapping } from './labels.js';
import { SAMPLE_ROWS, type ForeignKeyPlan } from './keys.js';
import { RowChecker } from './row-checker.js';
import { endChecks, fileState } from './integrity.js';
import { at, defined } from '../invariant.js';

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
  /** The local CSV file (one part) the table is read from: a large one is checked on all cores. */
  csvPath?: string;
  foreignKeys?: ForeignKeyPlan[];
}

export interface TableLimits {
  limitErrors: number;
  limitRows?: number;
  onProgress?: (rows: number) => void;
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

/** What the sample and header phases decided about a table. */
export interface TablePlan {
  layout: RowLayout;
  labels: string[];
  noLabels: boolean;
  schema: Schema;
  fields: CompiledField[];
  mapping: FieldMapping;
  /** The first physical rows, kept to be checked first. */
  sample: Row[];
  /** A spreadsheet without labels: the sheet's width in the sample (see RowChecker). */
  sheetWidth?: number;
}

function newTask(job: TableJob): ReportTask {
  return {
    name: job.name,
    type: 'table',
    valid: true,
    place: job.place,
    labels: [],
    stats: { errors: 0, warnings: 0, seconds: 0 },
    warnings: [],
    errors: [],
  };
}

function finish(task: ReportTask, started: number): ReportTask {
  task.stats.errors = task.errors.length;
  task.stats.warnings = task.warnings.length;
  task.stats.seconds = Math.round(performance.now() - started) / 1000;
  task.valid = task.errors.length === 0;
  return task;
}

function sourceError(e: TableSourceError): ReportError {
  const err = buildError(e.type, e.note);
  if (e.noteId) err.noteId = e.noteId;
  return err;
}

/** Validate one table (one task of the report), streaming its rows once. */
export async function validateTable(job: TableJob, limits: TableLimits): Promise<ReportTask> {
  const started = performance.now();
  const task = newTask(job);
  let table: OpenedTable;
  try {
    table = await job.open();
  } catch (e) {
    if (!(e instanceof TableSourceError)) throw e;
    task.errors.push(sourceError(e));
    return finish(task, started);
  }
  task.format = table.format;
  if (table.encoding) task.encoding = table.encoding;
  if (table.sheet) task.sheet = table.sheet;

  const budget = new ErrorBudget(task.errors, limits.limitErrors);
  let dataRows = 0;
  let stats: () => TableStats = () => table.stats();
  const late: LateWarnings = [];
  try {
    const read = await readTable(job, table, limits, task, budget, late);
    if (read === 'empty') return finish(task, started);
    dataRows = read.dataRows;
    stats = read.stats;
  } catch (e) {
    if (!(e instanceof TableSourceError)) throw e;
    // A read failure mid-way (bad bytes, broken zip): the task holds just that error, as frictionless.
    task.errors.length = 0;
    task.errors.push(sourceError(e));
    return finish(task, started);
  } finally {
    await table.close();
  }
  task.stats.rows = dataRows;
  if (budget.reason) {
    task.partial = true;
    task.warnings.push(budget.reason);
  } else {
    const hashed = stats();
    task.stats.md5 = hashed.md5;
    task.stats.sha256 = hashed.sha256;
    task.stats.bytes = hashed.bytes;
    endChecks(job, hashed, task);
  }
  task.warnings.push(...late);
  const merges = table.merges?.();
  if (merges && merges.length) {
    task.warnings.push(`merged cells: ${merges.slice(0, 10).join(', ')}${merges.length > 10 ? ', …' : ''} (the value belongs to the top-left cell; the other cells are empty)`);
  }
  return finish(task, started);
}

type ReadOutcome = { dataRows: number; stats: () => TableStats } | 'empty';

/** Warnings of the reading itself, added after the partial-report warning (which the text report reads first). */
type LateWarnings = string[];

/**
 * Read the table once, in three phases: the sample (the first SAMPLE_ROWS rows) decides the header and,
 * for bare files, the schema; the header is checked; then every data row, on this thread or, for a large
 * CSV file, on all cores (./parallel). Returns the data rows read and the file's hashes, or 'empty' for a
 * source without labels and data (its error is already in the task).
 */
async function readTable(job: TableJob, table: OpenedTable, limits: TableLimits, task: ReportTask, budget: ErrorBudget, late: LateWarnings): Promise<ReadOutcome> {
  const sample: Row[] = [];
  const oneRead = (r: RowsPhase) => ({ dataRows: r.dataRows, stats: () => table.stats() });
  const startHere = (d: Decided) => {
    const r = new RowsPhase(job, table, d.plan, limits, budget, undefined, spillLimit(job, table));
    r.feed(sample);
    return r;
  };
  let rows: RowsPhase | undefined;
  let decided: Decided | undefined;
  for await (const batch of table.batches) {
    if (rows) rows.feed(batch);
    else {
      for (const r of batch) sample.push(r);
      if (sample.length < SAMPLE_ROWS) continue;
      const d = decide(job, table, sample, task, budget, limits);
      if (!isDecided(d)) return d;
      decided = d;
      if (d.read !== 'here') break;
      rows = startHere(d);
    }
    if (budget.stopped || rows?.overflow) break;
  }
  if (rows && !rows.overflow) return oneRead(rows);
  if (!decided) {
    // The whole table fits in the sample.
    const d = decide(job, table, sample, task, budget, limits);
    if (!isDecided(d)) return d;
    decided = d;
    if (d.read === 'here' && !(rows = startHere(d)).overflow) return oneRead(rows);
  }
  const { plan, read, afterHeader } = decided;
  // The loop's end (or its break) has closed the file; the rows are read again (twice, or in chunks).
  if (read === 'parallel') {
    const done = await readParallel(job, table, plan, limits, budget, undefined, spillLimit(job, table));
    if (done !== 'spill') return done;
  }
  // Two passes from the start: chosen from the estimate, or the key indexes outgrew it (the errors of
  // the rows read so far are dropped: the budget goes back to the end of the header phase).
  budget.restore(afterHeader);
  return readTwoPass(job, table, plan, limits, budget, late);
}

/** How the data rows are read, decided once the sample is in: here (one pass), on all cores, or in two passes. */
interface Decided {
  plan: TablePlan;
  read: 'here' | 'parallel' | 'two-pass';
  /** The budget after the header phase (a read that starts again in two passes goes back to it). */
  afterHeader: ReturnType<ErrorBudget['snapshot']>;
}

const isDecided = (d: Decided | ReadOutcome): d is Decided => typeof d === 'object' && 'read' in d;

/** Plan the table from the sample and check its header; the outcome itself when there is nothing more to read. */
function decide(job: TableJob, table: OpenedTable, sample: Row[], task: ReportTask, budget: ErrorBudget, limits: TableLimits): Decided | ReadOutcome {
  const plan = planTable(job, table, sample, task);
  if (plan === 'empty') return 'empty';
  checkHeaderPhase(plan, budget);
  if (budget.stopped) return { dataRows: 0, stats: () => table.stats() };
  const read = wantsTwoPass(job, table, plan) ? 'two-pass' : wantsParallel(table, job.csvPath, job.fileBytes, plan.layout, limits.limitRows) ? 'parallel' : 'here';
  // Row workers started ahead for this file (a large CSV: validate/warm-guess.ts) are not needed.
  if (read === 'here' && table.format === 'csv' && (job.fileBytes ?? 0) >= parallelMinBytes()) dropWarm(ROW_THREAD);
  return { plan, read, afterHeader: budget.snapshot() };
}

/** The key-index bytes past which a one-pass read of this table starts again in two passes (undefined: never). */
function spillLimit(job: TableJob, table: OpenedTable): number | undefined {
  return job.csvPath && table.format === 'csv' ? keySpillBytes() : undefined;
}

/** A local CSV file whose key indexes would be too large for memory (see key-spill/eligible.ts). */
function wantsTwoPass(job: TableJob, table: OpenedTable, plan: TablePlan): boolean {
  if (!job.csvPath || table.format !== 'csv') return false;
  return wantsKeySpill(estimateRows(job.fileBytes, plan.sample), () => new RowChecker(plan.schema, plan.mapping, false, [], 0).keySlots);
}

/**
 * The keys first (pass 1 and the resolve, ./key-spill), then the rows as usual, on all cores or on this
 * thread, with the key indexes replaced by the duplicates found. A file that changed between the passes
 * is an error: the keys and the rows would not be the same file's.
 */
async function readTwoPass(job: TableJob, table: OpenedTable, plan: TablePlan, limits: TableLimits, budget: ErrorBudget, late: LateWarnings): Promise<ReadOutcome> {
  const { changedError, findDuplicates, SpillUnavailable } = await import('./key-spill/index.js');
  const path = defined(job.csvPath, 'the CSV path of a table chosen for the two-pass reader');
  const before = fileState(path);
  const parallel = wantsParallel(table, path, job.fileBytes, plan.layout, limits.limitRows);
  if (!parallel) dropWarm(ROW_THREAD);
  let dups;
  try {
    dups = await findDuplicates({ job, path, table, plan, limits, rows: estimateRows(job.fileBytes, plan.sample), parallel });
  } catch (e) {
    if (!(e instanceof SpillUnavailable)) throw e;
    late.push(e.warning); // no temporary folder: the usual one pass, keys in memory
    return definite(parallel ? await readParallel(job, table, plan, limits, budget) : await readAgain(job, plan, limits, budget));
  }
  const read = parallel ? await readParallel(job, table, plan, limits, budget, dups.keys) : await readAgain(job, plan, limits, budget, dups.keys);
  if (fileState(path) !== before) throw changedError(path);
  return definite(read);
}

/** A read without a key limit cannot ask for two passes. */
function definite(read: ReadOutcome | 'spill'): ReadOutcome {
  if (read === 'spill') throw new Error('invariant broken: a read without a key limit asked for two passes');
  return read;
}

/** The rows of a large CSV file on all cores; read again on this thread when the split cannot be proven safe. */
async function readParallel(
  job: TableJob,
  table: OpenedTable,
  plan: TablePlan,
  limits: TableLimits,
  budget: ErrorBudget,
  keys?: (slot: number) => KeyIndex,
  keyLimit?: number,
): Promise<ReadOutcome | 'spill'> {
  const { checkRowsParallel } = await import('./parallel/index.js');
  const mark = budget.snapshot();
  const capacity = keys ? 0 : estimateRows(job.fileBytes, plan.sample);
  const path = defined(job.csvPath, 'the CSV path of a table chosen for the parallel reader');
  const fileBytes = defined(job.fileBytes, 'the size of a table chosen for the parallel reader');
  const done = await checkRowsParallel({ path, fileBytes, table, plan, foreignKeys: job.foreignKeys ?? [], capacity, budget, limits, keys, keyLimit });
  if (done === 'spill') return 'spill';
  if (done) return { dataRows: done.dataRows, stats: () => done.stats };
  budget.restore(mark);
  return readAgain(job, plan, limits, budget, keys, keyLimit);
}

/** Every row again, from the start of the table, on this thread ('spill': the key indexes passed `keyLimit`). */
async function readAgain(job: TableJob, plan: TablePlan, limits: TableLimits, budget: ErrorBudget, keys?: (slot: number) => KeyIndex, keyLimit?: number): Promise<ReadOutcome | 'spill'> {
  const again = await job.open();
  try {
    const rows = new RowsPhase(job, again, plan, limits, budget, keys, keyLimit);
    for await (const batch of again.batches) {
      rows.feed(batch);
      if (budget.stopped) break;
      if (rows.overflow) return 'spill';
    }
    return { dataRows: rows.dataRows, stats: () => again.stats() };
  } finally {
    await again.close();
  }
}

/** Phase 1: from the sample, the header rows, the labels and (for bare files, inferred) the schema. */
function planTable(job: TableJob, table: OpenedTable, all: Row[], task: ReportTask): TablePlan | 'empty' {
  const padded = table.format === 'xlsx';
  const sample = all.length > SAMPLE_ROWS ? all.slice(0, SAMPLE_ROWS) : all;
  const { layout, labels, noLabels } = decideHeader(job.dialect, sample, padded);
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
    return 'empty';
  }
  const mapping = mapFields(schema, fields, labels, noLabels);
  // A spreadsheet without labels: a field beyond the sheet's last used column (in the sample) is a
  // missing cell on every row, as frictionless-py reports it; with labels it is a missing label.
  const sheetWidth = padded && noLabels ? Math.max(0, ...sample.filter((r) => r.rowNumber > layout.headerEnd).map((r) => lastFilled(r.cells) + 1)) : undefined;
  return { layout, labels, noLabels, schema, fields, mapping, sample, sheetWidth };
}

/** Phase 2: the labels against the schema; a fatal mapping error stops the table (no row can be checked). */
function checkHeaderPhase(plan: TablePlan, budget: ErrorBudget): void {
  const { schema, fields, mapping, labels, layout } = plan;
  if (!plan.noLabels) {
    for (const e of checkHeader(schema, fields, labels, layout.headerRows, mapping)) budget.push(e);
  }
  if (mapping.fatal) {
    for (const e of mapping.fatal) budget.push(e);
    budget.stop();
  }
}

/** Phase 3: every data row, in order, through one RowChecker. */
class RowsPhase {
  dataRows = 0;
  /** The key indexes passed `keyLimit` (the estimate was low): the table is read again in two passes. */
  overflow = false;
  private sinceProgress = 0;
  private readonly checker: RowChecker;
  private readonly layout: RowLayout;

  constructor(
    job: TableJob,
    table: OpenedTable,
    plan: TablePlan,
    private readonly limits: TableLimits,
    private readonly budget: ErrorBudget,
    /** The two-pass reader's stand-ins for the key indexes (key-spill/). */
    keys?: (slot: number) => KeyIndex,
    private readonly keyLimit?: number,
  ) {
    const capacity = keys ? 0 : table.format === 'csv' ? estimateRows(job.fileBytes, plan.sample) : (table.rowsHint?.() ?? 0);
    this.layout = plan.layout;
    this.checker = new RowChecker(plan.schema, plan.mapping, table.format === 'xlsx', job.foreignKeys ?? [], capacity, plan.sheetWidth, keys);
  }

  feed(rows: readonly Row[]): void {
    const { layout, limits, budget, checker } = this;
    for (const row of rows) {
      const rn = row.rowNumber;
      if (rn <= layout.headerEnd) continue;
      if (isCommentRow(layout, rn, row.cells)) continue;
      if (limits.limitRows !== undefined && this.dataRows >= limits.limitRows) {
        budget.stop(`reached row limit: ${limits.limitRows}`);
        return;
      }
      this.dataRows++;
      checker.check(row, budget.push);
      if (budget.stopped) return;
    }
    if (this.keyLimit !== undefined && checker.keyBytes > this.keyLimit) this.overflow = true;
    this.sinceProgress += rows.length;
    if (limits.onProgress && this.sinceProgress >= 50000) {
      this.sinceProgress = 0;
      limits.onProgress(this.dataRows);
    }
  }
}
