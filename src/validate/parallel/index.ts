/**
 * Rows of a large CSV file checked on all cores. The main thread hashes the file and cuts it into
 * chunks at record boundaries (split.ts); worker threads parse, cast and check the rows of each chunk
 * (worker.ts) and send back the errors and the fingerprints of the keys; the main thread takes the
 * chunks in file order, numbers their rows, adds the keys to the key indexes row by row (so the first
 * occurrence wins and "the same as in the row at position n" names the same row as on one thread) and
 * pushes every error through the same error budget. The report is the one the single-threaded reader
 * gives; whenever a chunk cannot be proven to parse as in one pass, the caller reads the file again on
 * one thread (undefined is returned).
 */
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CsvParserOptions } from '../../table/csv-parser.js';
import { LIMITS } from '../../table/limits.js';
import { ByteHasher } from '../../table/source-file.js';
import type { Cell, OpenedTable, TableStats } from '../../table/types.js';
import type { ErrorBudget } from '../budget.js';
import type { KeyIndex } from '../key-index.js';
import type { ForeignKeyPlan } from '../keys.js';
import { RowChecker } from '../row-checker.js';
import { fileState } from '../integrity.js';
import type { TableLimits, TablePlan } from '../table.js';
import { parseChunk, type ChunkEncoding, type ChunkRange } from './chunk.js';
import { ChunkChecker } from './chunk-checker.js';
import { ROW_THREAD, chunkBytesOverride, parallelThreads } from './eligible.js';
import { takeThread } from '../../warm-threads.js';
import { newArrays, rebaseError, sameShape, type ChunkResult, type RowArrays, type WorkerSetup } from './protocol.js';
import { splitFile, type BlockSink } from './split.js';

export interface ParallelInput {
  path: string;
  fileBytes: number;
  table: OpenedTable;
  plan: TablePlan;
  foreignKeys: ForeignKeyPlan[];
  /** Presize of the key indexes (estimateRows). */
  capacity: number;
  budget: ErrorBudget;
  limits: TableLimits;
  /** The key slots' indexes, when not KeyIndexes of their own (see RowChecker's makeIndex and key-spill/). */
  keys?: (slot: number) => KeyIndex;
  /** Pass 1 of the two-pass reader: only the keys matter (no errors, no hashes). */
  keysOnly?: boolean;
  /** Key-index bytes past which the read stops and 'spill' is returned (the caller reads in two passes). */
  keyLimit?: number;
}

/** How often the parallel path ran and fell back to one thread (read by the equivalence test). */
export const parallelRuns = { started: 0, fellBack: 0 };

const HASH_WORKER = new URL('./hash-worker.js', import.meta.url);
/** From this many threads on, a thread of its own hashes the file; below, the main thread does (a third thread on two cores only takes time from the row worker). */
const HASH_THREAD_FROM = 3;
/** Chunks sent to a worker ahead of its results (see the loop in `run`). */
const IN_FLIGHT = 4;
const NO_SINK: BlockSink = { update: () => undefined, finish: () => undefined };

/**
 * Chunks of about a quarter of a thread's share, between 512 KiB and 1 MiB: the rows of a chunk die
 * young (2 MiB chunks cost ~5 MiB more peak RSS for the same CPU time).
 */
function chunkSize(fileBytes: number, threads: number): number {
  return chunkBytesOverride() ?? Math.min(1 << 20, Math.max(512 << 10, Math.ceil(fileBytes / (threads * 4))));
}

function parserOptions(table: OpenedTable, path: string): CsvParserOptions {
  const d = table.dialect;
  return {
    delimiter: d.delimiter ?? ',',
    quoteChar: d.quoteChar ?? '"',
    doubleQuote: d.doubleQuote ?? true,
    escapeChar: d.escapeChar ?? '',
    skipInitialSpace: d.skipInitialSpace ?? false,
    nullSequence: d.nullSequence,
    maxCellChars: LIMITS.cellChars,
    label: basename(path),
  };
}

function bomLength(path: string, encoding: ChunkEncoding): number {
  if (encoding !== 'utf-8') return 0;
  const head = Buffer.alloc(3);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 3, 0);
  } finally {
    closeSync(fd);
  }
  return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

export async function checkRowsParallel(input: ParallelInput): Promise<{ dataRows: number; stats: TableStats } | undefined | 'spill'> {
  if (!existsSync(fileURLToPath(ROW_THREAD.url))) return undefined; // running from the TypeScript sources
  parallelRuns.started++;
  // The workers read their chunks themselves while this thread hashes its own read of the file: the
  // hashed bytes are the checked bytes only if the file did not change meanwhile. If it did, the
  // single-threaded reader (one read for both) decides.
  const before = fileState(input.path);
  const out = await run(input);
  if (out === 'spill') return out;
  const after = fileState(input.path);
  if (out && before !== after) {
    parallelRuns.fellBack++;
    return undefined;
  }
  if (!out) parallelRuns.fellBack++;
  return out;
}

async function run(input: ParallelInput): Promise<{ dataRows: number; stats: TableStats } | undefined | 'spill'> {
  const { path, table, plan, budget, limits } = input;
  const encoding = table.encoding as ChunkEncoding;
  const popts = parserOptions(table, path);
  const threads = Math.max(1, parallelThreads());
  const setup: WorkerSetup = {
    path,
    encoding,
    popts,
    schema: plan.schema,
    labels: plan.labels,
    noLabels: plan.noLabels,
    layout: plan.layout,
    foreignKeys: input.foreignKeys.map((fk) => ({ fields: fk.fields, referenceName: fk.referenceName, referenceFields: fk.referenceFields, lookup: fk.lookup.share() })),
    limitErrors: limits.limitErrors,
    reportChars: LIMITS.reportChars,
    keysOnly: input.keysOnly,
  };
  const checker = new RowChecker(plan.schema, plan.mapping, false, input.foreignKeys, input.capacity, undefined, input.keys);
  const slots = checker.keySlots;
  const pool: RowArrays[] = [];
  const merger = new Merger(checker, plan.layout.headerEnd, budget, (range, needed) => cellsOf(path, range, encoding, popts, needed), (a) => pool.push(a), input.keysOnly === true);
  const hasher = new ByteHasher();
  // Pass 1 of the two-pass reader needs no hashes (pass 2 computes them).
  const hashing = threads >= HASH_THREAD_FROM && !input.keysOnly ? hashInThread(path) : undefined;
  const quote = popts.quoteChar ? popts.quoteChar.charCodeAt(0) : -1;
  const chunks = splitFile(path, input.fileBytes, bomLength(path, encoding), quote, chunkSize(input.fileBytes, threads), hashing || input.keysOnly ? NO_SINK : hasher);
  // The main thread checks chunks too (between its hashing and merging): threads - 1 workers.
  const workers: Thread[] = [];
  try {
    for (let i = 1; i < threads; i++) workers.push(startThread(setup));
  } catch {
    await hashing?.stop();
    await Promise.all(workers.map((t) => t.w.terminate()));
    await chunks.return(undefined);
    return undefined; // no worker thread (refused flags, no memory): one thread
  }
  const here = new ChunkChecker(setup);
  let queue: Promise<unknown> = Promise.resolve();
  let produced = 0;
  let exhausted = false;
  const nextChunk = (): Promise<ChunkRange | undefined> => {
    const p = queue.then(() => chunks.next());
    queue = p.catch(() => undefined);
    return p.then((r) => {
      if (r.done) {
        exhausted = true;
        return undefined;
      }
      produced++;
      return r.value;
    });
  };
  const loop = async (w: Thread | undefined) => {
    while (merger.state === 'running') {
      const range = await nextChunk();
      if (!range) return;
      const arrays = pool.pop() ?? newArrays(1 << 14, slots);
      let result: ChunkResult;
      if (w) result = await runOn(w, range, arrays);
      else {
        await new Promise((resolve) => setImmediate(resolve)); // let the workers' results and requests in first
        result = here.run(range, arrays);
      }
      merger.add(range, result);
      if (merger.state === 'running' && input.keyLimit !== undefined && checker.keyBytes > input.keyLimit) merger.state = 'spill';
      if (merger.state === 'running' && merger.dataRows > 0) limits.onProgress?.(merger.dataRows);
    }
  };
  try {
    // Chunks in flight per worker, so a worker never waits while the main thread checks its own chunk
    // and merges (with two, the worker idled for ~20% of the run while the main thread was the busier).
    await Promise.all([...workers.flatMap((w) => Array.from({ length: IN_FLIGHT }, () => loop(w))), loop(undefined)]);
  } catch {
    await hashing?.stop();
    return undefined; // a worker failed: the single-threaded reader decides
  } finally {
    await chunks.return(undefined).catch(() => undefined);
    // Not awaited (a worker takes ~5-10 ms to stop): the report does not wait for it, and an unref'd
    // worker being stopped never keeps the process alive.
    for (const t of workers) {
      t.w.unref();
      void t.w.terminate().catch(() => undefined);
    }
  }
  if (merger.state === 'spill') {
    await hashing?.stop();
    return 'spill';
  }
  if (merger.state === 'fallback' || (merger.state === 'running' && !(exhausted && merger.merged === produced))) {
    await hashing?.stop();
    return undefined;
  }
  if (!hashing) return { dataRows: merger.dataRows, stats: hasher.finish() };
  // Stopped by the error budget: the report is partial and carries no hashes, so do not wait for them.
  if (merger.state === 'stopped') {
    await hashing.stop();
    return { dataRows: merger.dataRows, stats: hasher.finish() };
  }
  const stats = await hashing.result;
  return stats ? { dataRows: merger.dataRows, stats } : undefined; // a failed hash: one thread decides
}

/** MD5 and SHA-256 of the file, computed on a thread of their own; `result` is undefined when that thread fails. */
function hashInThread(path: string): { result: Promise<TableStats | undefined>; stop: () => Promise<unknown> } {
  const w = new Worker(HASH_WORKER, { workerData: path, execArgv: [] });
  const result = new Promise<TableStats | undefined>((resolve) => {
    w.once('message', (m: { ok: boolean; stats?: TableStats }) => resolve(m.ok ? m.stats : undefined));
    w.once('error', () => resolve(undefined));
    w.once('exit', () => resolve(undefined));
  });
  return { result, stop: () => w.terminate() };
}

/** A worker and the promise that rejects when it fails or stops (listened to from its start: an early failure is not an uncaught error). */
interface Thread {
  w: Worker;
  dead: Promise<never>;
  /** Callers waiting for a result, in the order their chunks were sent (a worker answers in order). */
  waiting: ((r: ChunkResult) => void)[];
}

function startThread(setup: WorkerSetup): Thread {
  const w = takeThread(ROW_THREAD, setup);
  const dead = new Promise<never>((_, reject) => {
    w.once('error', reject);
    w.once('exit', () => reject(new Error('the worker stopped')));
  });
  dead.catch(() => undefined);
  const t: Thread = { w, dead, waiting: [] };
  w.on('message', (m: ChunkResult) => t.waiting.shift()?.(sameShape(m)));
  return t;
}

function runOn(t: Thread, range: ChunkRange, arrays: RowArrays): Promise<ChunkResult> {
  const result = new Promise<ChunkResult>((resolve) => t.waiting.push(resolve));
  t.w.postMessage({ chunk: range, arrays });
  return Promise.race([result, t.dead]);
}

/** The cells of some records of a chunk (numbered within it), parsed again on the main thread for key errors. */
function cellsOf(path: string, range: ChunkRange, encoding: ChunkEncoding, popts: CsvParserOptions, needed: Set<number>): Map<number, Cell[]> {
  const out = new Map<number, Cell[]>();
  parseChunk(path, range, encoding, popts, (rows) => {
    for (const r of rows) if (needed.has(r.rowNumber)) out.set(r.rowNumber, r.cells);
    return out.size < needed.size;
  });
  return out;
}

/** Rows whose key slots are prefetched together before they are probed (their slots stay in the L2 cache). */
const PROBE_BLOCK = 512;
/** Where the prefetching reads go, so that they are not optimised away. */
export let sink = 0;

/** Takes the workers' chunk results in file order and replays them into the key indexes and the error budget. */
class Merger {
  /** 'spill': the key indexes outgrew their limit (see ParallelInput.keyLimit). */
  state: 'running' | 'stopped' | 'fallback' | 'spill' = 'running';
  dataRows = 0;
  merged = 0;
  private records = 0;
  private readonly waiting = new Map<number, { range: ChunkRange; result: ChunkResult }>();

  constructor(
    private readonly checker: RowChecker,
    private readonly headerEnd: number,
    private readonly budget: ErrorBudget,
    private readonly reparse: (range: ChunkRange, needed: Set<number>) => Map<number, Cell[]>,
    /** Arrays of a merged chunk, free again. */
    private readonly release: (a: RowArrays) => void,
    /** Pass 1 of the two-pass reader: the keys go to the indexes (which spill them), nothing is reported. */
    private readonly keysOnly: boolean,
  ) {}

  add(range: ChunkRange, result: ChunkResult): void {
    this.waiting.set(range.index, { range, result });
    for (let w = this.waiting.get(this.merged); w && this.state === 'running'; w = this.waiting.get(this.merged)) {
      this.waiting.delete(this.merged);
      this.merged++;
      this.take(w.range, w.result);
      if (w.result.ok) this.release(w.result.arrays);
    }
  }

  private take(range: ChunkRange, r: ChunkResult): void {
    if (!r.ok || (range.index === 0 && r.records < this.headerEnd)) {
      this.state = 'fallback';
      return;
    }
    const { checker, budget } = this;
    const offset = this.records;
    // The merge below walks typed arrays and the findings list by indexes bounded by their lengths
    // (checked in each loop condition) or written by the worker for this chunk (rns has dataRows
    // entries; events hold triples): checked reads would cost per row for nothing.
    /* eslint-disable @typescript-eslint/no-non-null-assertion */
    // 1. Keys, in row order: [row j, slot, earlier row (0: a primary key with every cell empty)].
    const events = this.probeKeys(r, offset);
    let cells: Map<number, Cell[]> | undefined;
    if (events.length) {
      const needed = new Set<number>();
      for (let k = 0; k < events.length; k += 3) needed.add(r.arrays.rns[events[k]!]!);
      cells = this.reparse(range, needed);
      if (cells.size !== needed.size) {
        this.state = 'fallback';
        return;
      }
    }
    // 2. Errors, row by row: the row's cell errors, its key errors, its foreign-key errors.
    const f = r.findings;
    let fi = 0;
    let ei = 0;
    while (fi < f.length || ei < events.length) {
      const j = Math.min(fi < f.length ? f[fi]!.j : Infinity, ei < events.length ? events[ei]! : Infinity);
      while (fi < f.length && f[fi]!.j === j && !f[fi]!.post) budget.push(rebaseError(f[fi++]!.e, offset));
      while (ei < events.length && events[ei] === j) {
        const local = r.arrays.rns[j]!;
        budget.push(checker.keyError(events[ei + 1]!, events[ei + 2]!, cells!.get(local)!, local + offset));
        ei += 3;
      }
      while (fi < f.length && f[fi]!.j === j) budget.push(rebaseError(f[fi++]!.e, offset));
      if (budget.stopped) {
        this.dataRows += j + 1;
        this.state = 'stopped';
        return;
      }
    }
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    if (r.truncated) {
      this.state = 'fallback'; // cannot happen: a truncated chunk holds a full error budget
      return;
    }
    this.dataRows += r.dataRows;
    this.records += r.records;
  }

  /**
   * The chunk's keys into the key indexes, in row order; returns the key events [row j, slot, earlier
   * row (0: a primary key with every cell empty)]. A method of its own, so the on-stack replacement of
   * this hot loop compiles only it: compiled inside `take`, the code after the loop had no type feedback
   * yet and was deoptimised (and `take` recompiled) at every chunk's end, ~7 times a run.
   */
  private probeKeys(r: Extract<ChunkResult, { ok: true }>, offset: number): number[] {
    const { checker } = this;
    const slots = checker.keySlots;
    const events: number[] = [];
    /* eslint-disable @typescript-eslint/no-non-null-assertion */
    if (slots) {
      const { rns, status, hashes, nums, heads } = r.arrays;
      // Pass 1 of the two-pass key check (keysOnly): the workers wrote full fingerprints only (no nums).
      const keysOnly = this.keysOnly;
      // In blocks of rows: first touch every slot the block's keys will probe (independent reads, so
      // their cache misses overlap), then probe in row order (the merge's cost was mostly those misses).
      // A key ending in a number goes by its prefix and number (an ascending id costs no slot: see KeyIndex).
      for (let j0 = 0; j0 < r.dataRows; j0 += PROBE_BLOCK) {
        const j1 = Math.min(r.dataRows, j0 + PROBE_BLOCK);
        for (let j = j0, at = j0 * slots; j < j1; j++) {
          for (let s = 0; s < slots; s++, at++) if (status[at] === 1 && !keysOnly && nums[at] !== nums[at]) sink ^= checker.touchSlot(s, hashes, at * 3);
        }
        for (let j = j0, at = j0 * slots; j < j1; j++) {
          const rn = rns[j]! + offset;
          for (let s = 0; s < slots; s++, at++) {
            const st = status[at];
            if (st === 1) {
              const v = keysOnly ? NaN : nums[at]!;
              const prev = v === v ? checker.probeLast(s, heads, at * 3, v, rn) : checker.probeSlot(s, hashes, at * 3, rn);
              if (prev) events.push(j, s, prev);
            } else if (st === 2 && !keysOnly) events.push(j, s, 0);
          }
        }
      }
    }
    /* eslint-enable @typescript-eslint/no-non-null-assertion */
    return events;
  }
}
